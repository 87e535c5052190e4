// Prompts for generation and judging, and tolerant parsing of the teacher's envelopes; see prompts.h.
#include "synth/prompts.h"

#include <algorithm>

#include "teacher/client.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;

// Examples quoted in prompts are cut to this many bytes each, so a prompt stays small whatever the
// corpus holds (a 100k-token sample would otherwise be sent with every request).
constexpr std::size_t kMaxQuotedBytes = 1500;

std::string cut(std::string_view s) {
    return ellipsize(s, kMaxQuotedBytes);
}

// A field of an envelope item as text: strings as they are, objects and arrays (an extraction
// teacher often writes the output as the object itself) as compact JSON, numbers and booleans too.
std::optional<std::string> field_text(const json &item, const char *name) {
    auto it = item.find(name);
    if (it == item.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object() || it->is_array() || it->is_number() || it->is_boolean())
        return it->dump(-1, ' ', false, json::error_handler_t::replace);
    return std::nullopt;
}

}  // namespace

std::string slice_label(const Slice &slice) {
    std::string s;
    for (const auto &[axis, value] : slice.values) {
        if (!s.empty()) s += "; ";
        s += axis + ": " + value;
    }
    return s;
}

json slice_to_json(const Slice &slice) {
    json j = json::object();
    for (const auto &[axis, value] : slice.values)
        j[axis] = value;
    return j;
}

std::string prompt_system(const Spec &spec) {
    std::string t =
        "You write training data for a small model that must learn one narrow task. Each sample is an input "
        "the model will see and the exact output it must produce.\n\n";
    t += "The task, as the model will be told: " + spec.instruction + "\n";
    if (!spec.input_description.empty()) t += "What inputs look like: " + spec.input_description + "\n";
    t += "Output contract: " + spec_contract_text(spec) + "\n\n";
    t += "Examples of the task:\n";
    for (const auto &s : spec.seeds)
        t += "INPUT: " + cut(s.input) + "\nOUTPUT: " + cut(s.output) + "\n---\n";
    t +=
        "\nRules: every sample must keep the output contract exactly; inputs must be realistic and varied in "
        "wording, length and detail; never repeat or lightly reword an example; reply with JSON only.";
    return t;
}

std::string prompt_request(const Spec &spec, const Slice &slice, const Guidance &g,
                           const RequestPromptParams &p) {
    (void)spec;
    std::string t = "Write " + std::to_string(p.wanted) + " new samples";
    if (!slice.values.empty()) t += " for this part of the task's variety: " + slice_label(slice);
    t += ".\n";
    if (!g.approved.empty() && p.few_shot > 0) {
        t += g.steered ? "\nThe reviewer picked these approved samples as the kind they want more of. Write new "
                         "samples like them: the same kind of input, situation, length and style, and the same "
                         "quality and format, with new content (never a copy or a light rewording):\n"
                       : "\nA reviewer approved these samples. Match their quality, realism and format (but write "
                         "new content):\n";
        const std::size_t n = g.approved.size();
        const std::size_t shown = std::min<std::size_t>(static_cast<std::size_t>(p.few_shot), n);
        // Rotate through the pool so that different requests show different approved samples.
        const std::size_t start =
            (static_cast<std::size_t>(p.index) * shown + static_cast<std::size_t>(p.round) * 7) % n;
        for (std::size_t k = 0; k < shown; ++k) {
            const Example &e = g.approved[(start + k) % n];
            t += "INPUT: " + cut(e.input) + "\nOUTPUT: " + cut(e.output) + "\n---\n";
        }
    }
    if (!g.avoid.empty()) {
        t += "\nReviewers rejected earlier samples for these reasons. Avoid these problems:\n";
        for (const auto &r : g.avoid)
            t += "- " + cut(r) + "\n";
    }
    if (!g.format_mistakes.empty()) {
        t += "\nEarlier samples broke the output contract like this; do not:\n";
        for (const auto &r : g.format_mistakes)
            t += "- " + cut(r) + "\n";
    }
    if (!g.corrections.empty()) {
        t += "\nReviewers corrected these outputs. Learn from the corrections:\n";
        for (const auto &c : g.corrections)
            t += "INPUT: " + cut(c.input) + "\nWRITTEN: " + cut(c.original_output) +
                 "\nCORRECTED: " + cut(c.corrected_output) + "\n---\n";
    }
    t += "\nReply with only this JSON object: {\"samples\": [{\"input\": \"...\", \"output\": \"...\", "
         "\"topic\": "
         "\"a few words\"}, ...]} with exactly " +
         std::to_string(p.wanted) + " samples.\n";
    // Makes the request distinct for the journal: the same slice asked twice must give new samples.
    t += "(request " + std::to_string(p.run_id) + "." + std::to_string(p.round) + "." +
         std::to_string(p.index) + ")";
    return t;
}

json envelope_schema() {
    return json::parse(R"({
      "type": "object",
      "properties": {
        "samples": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {"input": {"type": "string"}, "output": {"type": "string"}, "topic": {"type": "string"}},
            "required": ["input", "output", "topic"],
            "additionalProperties": false
          }
        }
      },
      "required": ["samples"],
      "additionalProperties": false
    })");
}

Result<Envelope> parse_envelope(std::string_view reply_text) {
    auto parsed = teacher::parse_json_reply(reply_text);
    if (!parsed) return user_error("the teacher's reply holds no JSON envelope: " + parsed.error().message);
    const json &j = *parsed;
    const json *items = nullptr;
    if (j.is_array()) {
        items = &j;
    } else if (j.is_object()) {
        for (const char *key : {"samples", "examples", "data", "items"})
            if (auto it = j.find(key); it != j.end() && it->is_array()) {
                items = &*it;
                break;
            }
        // A single sample sent bare.
        if (!items && j.contains("input") && j.contains("output")) {
            Envelope e;
            auto in = field_text(j, "input"), out = field_text(j, "output");
            if (in && out)
                e.samples.push_back({*in, *out, field_text(j, "topic").value_or("")});
            else
                e.malformed.push_back({0, "\"input\" and \"output\" must be text"});
            return e;
        }
    }
    if (!items) return user_error("the teacher's reply has no \"samples\" list");
    Envelope e;
    for (std::size_t i = 0; i < items->size(); ++i) {
        if (e.samples.size() + e.malformed.size() >= kMaxSamplesPerReply) {
            e.malformed.push_back({i, "more than " + std::to_string(kMaxSamplesPerReply) +
                                          " samples in one reply; the rest were ignored"});
            break;
        }
        const json &item = (*items)[i];
        if (!item.is_object()) {
            e.malformed.push_back({i, std::string("a sample must be an object, not ") + item.type_name()});
            continue;
        }
        auto in = field_text(item, "input");
        auto out = field_text(item, "output");
        if (!in) {
            e.malformed.push_back({i, "missing \"input\""});
            continue;
        }
        if (!out) {
            e.malformed.push_back({i, "missing \"output\""});
            continue;
        }
        std::string topic = field_text(item, "topic").value_or("");
        if (topic.size() > kMaxShortText || !utf8_valid(topic)) topic.clear();
        e.samples.push_back({std::move(*in), std::move(*out), std::move(topic)});
    }
    return e;
}

std::string prompt_judge(const Spec &spec, const std::vector<Candidate> &candidates) {
    std::string t = "You review training samples for this task: " + spec.instruction + "\n";
    t += "Output contract: " + spec_contract_text(spec) + "\n";
    t += "Score each sample from 1 (wrong, unrealistic or useless) to 5 (correct, realistic, useful). Judge "
         "whether "
         "the output is the right answer for the input, not only its format. Give a short reason for any "
         "score "
         "below 4.\n\nJUDGE\n";
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        t += '#';  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on "#" + std::to_string(i)
        t += std::to_string(i);
        t += "\nINPUT: " + cut(candidates[i].input) + "\nOUTPUT: " + cut(candidates[i].output) + "\n---\n";
    }
    t += "\nReply with only this JSON object: {\"scores\": [{\"index\": 0, \"score\": 4, \"reason\": "
         "\"...\"}, ...]} "
         "with one entry per sample.";
    return t;
}

json judge_schema() {
    return json::parse(R"({
      "type": "object",
      "properties": {
        "scores": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {"index": {"type": "integer"}, "score": {"type": "integer"}, "reason": {"type": "string"}},
            "required": ["index", "score", "reason"],
            "additionalProperties": false
          }
        }
      },
      "required": ["scores"],
      "additionalProperties": false
    })");
}

Result<std::vector<JudgeScore>> parse_judge(std::string_view reply_text, std::size_t n) {
    auto parsed = teacher::parse_json_reply(reply_text);
    if (!parsed) return user_error("the judge's reply holds no JSON: " + parsed.error().message);
    const json &j = *parsed;
    const json *items = j.is_array() ? &j : nullptr;
    if (j.is_object())
        if (auto it = j.find("scores"); it != j.end() && it->is_array()) items = &*it;
    if (!items) return user_error("the judge's reply has no \"scores\" list");
    std::vector<JudgeScore> scores(n);
    for (std::size_t i = 0; i < items->size() && i < n + 16; ++i) {
        const json &item = (*items)[i];
        if (!item.is_object()) continue;
        std::size_t index = i;
        if (auto it = item.find("index"); it != item.end() && it->is_number_integer()) {
            int64_t v = it->get<int64_t>();
            if (v < 0 || static_cast<std::size_t>(v) >= n) continue;
            index = static_cast<std::size_t>(v);
        }
        if (index >= n) continue;
        auto s = item.find("score");
        if (s == item.end() || !s->is_number()) continue;
        double v = s->get<double>();
        if (!(v >= 1 && v <= 5)) continue;
        scores[index].score = static_cast<int>(v + 0.5);
        if (auto r = item.find("reason"); r != item.end() && r->is_string())
            scores[index].reason = ellipsize(r->get<std::string>(), 300);
    }
    return scores;
}

}  // namespace smolify::synth
