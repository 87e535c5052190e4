// The synthesis side of the fake teacher: a handler for tests/support/fake_teacher.h that answers
// generation requests the way a real teacher might — mostly good samples in the JSON envelope, with a
// scripted share of contract breaks, malformed items, exact and near duplicates and whole replies that
// are not JSON — plus judge requests and spec drafts. Everything is a pure function of the request, so
// the same request always gets the same reply (as the journal assumes).
//
// Who uses it: tests/synth, bench/synth.
#pragma once

#include <atomic>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fake_teacher.h"

namespace smolify::test {

// The ticket-triage spec the synthesis tests use: classification into three labels, 5 x 3 slices.
inline nlohmann::json triage_spec_json() {
    return nlohmann::json::parse(R"({
      "kind": "classification",
      "instruction": "Sort the IT ticket by urgency: urgent, normal or low.",
      "input_description": "A support ticket as an employee writes it.",
      "output": {"labels": ["urgent", "normal", "low"], "max_output_chars": 10},
      "axes": [{"name": "sub-topic", "values": ["printer", "network", "accounts", "laptop", "email"]},
               {"name": "persona", "values": ["intern", "nurse", "CFO"]}],
      "seeds": [{"input": "The whole office network is down and nobody can work", "output": "urgent"},
                {"input": "Could I get a second monitor next month", "output": "low"},
                {"input": "My password expires tomorrow, how do I change it", "output": "normal"},
                {"input": "The printer on floor 2 jams every few pages", "output": "normal"},
                {"input": "Email from the CEO account is being sent to strangers", "output": "urgent"}]
    })");
}

struct SynthFakeOptions {
    int delay_ms = 0;         // before each generation reply
    bool faults = true;       // scripted bad samples and replies
    int prompt_tokens = 400;  // usage reported per call
    int completion_tokens = 300;
};

inline uint64_t fake_mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

inline uint64_t fake_hash(const std::string &s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ULL;
    return fake_mix(h);
}

// A word from a 2,000-word made-up vocabulary: distinct requests give unrelated texts.
inline std::string fake_word(uint64_t h) {
    static const char *syll[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "vo",
                                 "pe", "da", "go", "zu", "ba", "fe", "xi", "yo"};
    uint64_t n = h % 2000;
    std::string w;
    w += syll[n % 16];
    w += syll[(n / 16) % 16];
    w += syll[(n / 256) % 16];
    return w;
}

// Sample j of the request identified by `id`: a ticket of 16 words, its label.
inline std::pair<std::string, std::string> fake_sample(const std::string &id, int j) {
    static const char *labels[] = {"urgent", "normal", "low"};
    const uint64_t h = fake_hash(id + "#" + std::to_string(j));
    std::string text = "Ticket";
    for (int w = 0; w < 16; ++w)
        text += " " + fake_word(fake_mix(h + static_cast<uint64_t>(w) * 0x9e3779b97f4a7c15ULL));
    return {text, labels[h % 3]};
}

inline FakeReply synth_fake_reply(const FakeRequest &req, const SynthFakeOptions &opt) {
    using nlohmann::json;
    const std::string user = req.last_user_message();
    if (user.find("JUDGE") != std::string::npos) {
        // Samples whose input mentions "kazuzu" are weak; the rest are fine.
        json scores = json::array();
        std::size_t pos = 0;
        int index = 0;
        while ((pos = user.find("\n#", pos)) != std::string::npos) {
            std::size_t end = user.find("\n---", pos);
            std::string block = user.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            bool weak = block.find("kazuzu") != std::string::npos;
            scores.push_back(
                {{"index", index++}, {"score", weak ? 2 : 5}, {"reason", weak ? "too vague to triage" : ""}});
            pos += 2;
        }
        FakeReply r =
            FakeReply::ok(json{{"scores", scores}}.dump(), opt.prompt_tokens / 2, opt.completion_tokens / 3);
        r.delay_ms = opt.delay_ms;
        return r;
    }
    std::smatch m;
    static const std::regex id_re(R"(\(request ([0-9]+\.[0-9]+\.[0-9]+)\))");
    static const std::regex k_re(R"(Write ([0-9]+) new samples)");
    if (!std::regex_search(user, m, id_re))
        return FakeReply::error(400, "the fake teacher did not understand the request");
    const std::string id = m[1];
    int k = 5;
    if (std::regex_search(user, m, k_re)) k = std::stoi(m[1]);
    const uint64_t rh = fake_hash(id);
    FakeReply r;
    if (opt.faults && rh % 40 == 7) {
        r = FakeReply::ok("Sorry, I cannot help with that today.", opt.prompt_tokens, 10);
    } else {
        json samples = json::array();
        for (int j = 0; j < k; ++j) {
            auto [input, label] = fake_sample(id, j);
            const uint64_t h = fake_hash(id + "/" + std::to_string(j));
            if (opt.faults) {
                if (h % 11 == 3) label = "critical";  // not a label of the spec
                if (h % 13 == 5) input += " kazuzu";  // a weak sample, for the judge
                if (j > 0 && h % 9 == 4) input = fake_sample(id, j - 1).first + " please";  // near duplicate
                if (j > 0 && h % 17 == 6) {  // exact duplicate (case aside)
                    auto prev = fake_sample(id, j - 1);
                    input = prev.first;
                    label = prev.second;
                    for (auto &c : input)
                        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                if (h % 23 == 8) {  // malformed item
                    samples.push_back({{"input", input}});
                    continue;
                }
            }
            samples.push_back({{"input", input}, {"output", label}, {"topic", "ticket"}});
        }
        std::string text = json{{"samples", samples}}.dump();
        if (opt.faults && rh % 5 == 1)
            text = "Here you are:\n```json\n" + text + "\n```";  // fenced, with prose
        r = FakeReply::ok(text, opt.prompt_tokens, opt.completion_tokens);
    }
    r.delay_ms = opt.delay_ms;
    return r;
}

}  // namespace smolify::test
