// The serve endpoint, end to end over real HTTP on 127.0.0.1: a small random student (exported as
// Q8_0 with Smolify's tokenizer embedded) is served in-process on a free port and driven with
// httplib::Client using OpenAI's documented request shapes. Answers are compared with infer's own
// generate() on the same file: non-streamed and streamed replies give the same tokens, usage counts
// are the tokenizer's, concurrent requests give their solo answers, every bad request gets the right
// 4xx JSON error, and a client that leaves mid-stream frees its slot. Also: the slot queue, streaming
// detokenization (split characters, stop strings) and the CLI (serve with --port 0 and SIGTERM,
// tokenize on a GGUF).
#include <gtest/gtest.h>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "export/student_fixture.h"
#include "infer/runner.h"
#include "serve/openai.h"
#include "serve/server.h"
#include "serve/slots.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "synth/contract.h"
#include "text/chat_format.h"
#include "text/tokenizer.h"

using namespace smolify;
using nlohmann::json;

namespace {

constexpr const char *kSystem = "Summarise the clinical note in one line.";

// A random student with the project tokenizer embedded, written once per test executable.
struct Fixture {
    test::TempDir dir;
    std::filesystem::path gguf;
    std::unique_ptr<text::Tokenizer> tokenizer;
};

Fixture &fixture() {
    static Fixture f;
    static const bool done = [] {
        auto tok = text::Tokenizer::train(test::corpus(), {.vocab_size = 512, .threads = 2});
        if (!tok) {
            ADD_FAILURE() << tok.error().message;
            return false;
        }
        f.tokenizer = std::move(*tok);
        auto s = test::random_student(f.tokenizer->vocab_size(), true, 7);
        gguf::StudentExportParams p;
        p.type = gguf::ExportType::q8_0;
        p.metadata.system_instruction = kSystem;
        p.metadata.sentencepiece_model = f.tokenizer->serialized();
        f.gguf = f.dir / "notes-student.gguf";
        auto st = gguf::export_student_gguf(f.gguf, s.config, s.params, s.tensors,
                                            infer::vocabulary_of(*f.tokenizer), p);
        if (!st) ADD_FAILURE() << st.error().message;
        return st.ok();
    }();
    EXPECT_TRUE(done);
    return f;
}

// What infer itself answers for (system, input) with these options: the reference for the server.
struct Reference {
    std::vector<int32_t> prompt;
    std::vector<int32_t> tokens;
    std::string text;
    std::string stop_reason;
};
Reference reference(const std::string &system, const std::string &input, int max_tokens,
                    infer::SamplingParams sampling = {}) {
    auto r = infer::open_gguf(fixture().gguf, {.threads = 1});
    EXPECT_TRUE(r.ok());
    if (!r) return {};
    auto enc = text::encode_chat(*r->tokenizer, system, input);
    EXPECT_TRUE(enc.ok());
    infer::GenerateParams gp;
    gp.sampling = sampling;
    gp.max_tokens = max_tokens;
    gp.stop_tokens = {text::kImEndId, text::kEosId};
    auto g = infer::generate(*r->model, enc->tokens, gp);
    EXPECT_TRUE(g.ok());
    Reference ref;
    ref.prompt = enc->tokens;
    ref.tokens = g->tokens;
    ref.stop_reason = g->stop_reason;
    ref.text = *r->tokenizer->decode(g->tokens);
    return ref;
}

// A server on a free port, serving on its own thread for the life of the object.
class Running {
public:
    explicit Running(serve::ServerParams p = {}, const std::filesystem::path &model = {}) {
        p.port = 0;
        p.threads = 1;
        p.on_request = [this](const serve::RequestRecord &r) {
            std::lock_guard lock(m_mutex);
            m_records.push_back(r);
            m_cv.notify_all();
        };
        auto s = serve::Server::open(model.empty() ? fixture().gguf : model, p);
        EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
        if (!s) return;
        m_server = std::move(*s);
        m_thread = std::thread([this] { EXPECT_TRUE(m_server->run().ok()); });
    }
    ~Running() {
        if (!m_server) return;
        m_server->stop();
        m_thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", m_server ? m_server->port() : 1);
        c.set_read_timeout(60, 0);
        return c;
    }
    const std::string &model_id() const { return m_server->model_id(); }
    // Waits (up to a minute) for a logged request matching `pred`.
    std::optional<serve::RequestRecord> wait_record(
        const std::function<bool(const serve::RequestRecord &)> &pred) {
        std::unique_lock lock(m_mutex);
        std::optional<serve::RequestRecord> found;
        m_cv.wait_for(lock, std::chrono::seconds(60), [&] {
            for (const auto &r : m_records)
                if (pred(r)) found = r;
            return found.has_value();
        });
        return found;
    }

private:
    std::unique_ptr<serve::Server> m_server;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<serve::RequestRecord> m_records;
};

// Holds one generation at its first token (ServerParams::on_token) until released, so a test can act
// while a request is known to be generating. One-shot: arm() before the request it should hold.
class Gate {
public:
    std::function<void(int, int)> hook() {
        return [this](int, int tokens) {
            std::unique_lock lock(m_mutex);
            if (!m_armed || tokens != 1) return;
            m_armed = false;
            m_holding = true;
            m_cv.notify_all();
            // Bounded so a failing test cannot hang the suite; release() is what ends it.
            m_cv.wait_for(lock, std::chrono::seconds(60), [&] { return m_released; });
            m_holding = false;
        };
    }
    void arm() {
        std::lock_guard lock(m_mutex);
        m_armed = true;
        m_released = false;
    }
    // True once a generation is held at its first token (waits up to a minute).
    bool wait_holding() {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::seconds(60), [&] { return m_holding; });
    }
    void release() {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_cv.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_armed = false, m_holding = false, m_released = false;
};

json post(httplib::Client &c, const std::string &path, const json &body, int expect_status = 200) {
    auto res = c.Post(path, body.dump(), "application/json");
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, expect_status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return json::parse(res->body, nullptr, false);
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + std::size_t(n) > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + std::size_t(k)]) >> 6) != 2) return false;
        i += std::size_t(n);
    }
    return true;
}

// A streamed reply: every event's JSON, in order, checked for SSE framing and the closing [DONE].
struct Streamed {
    int status = 0;
    std::string content_type;
    std::vector<json> events;
    bool done = false;  // ended with data: [DONE]
};

Streamed post_stream(httplib::Client &c, const std::string &path, const json &body,
                     std::function<bool(const std::string &)> keep_going = {}) {
    Streamed s;
    std::string raw;
    httplib::Request req;
    req.method = "POST";
    req.path = path;
    req.body = body.dump();
    req.set_header("Content-Type", "application/json");
    req.content_receiver = [&](const char *data, size_t n, uint64_t, uint64_t) {
        raw.append(data, n);
        return !keep_going || keep_going(raw);
    };
    auto res = c.send(req);
    if (!res) return s;
    s.status = res->status;
    s.content_type = res->get_header_value("Content-Type");
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const std::size_t end = raw.find("\n\n", pos);
        EXPECT_NE(end, std::string::npos) << "an event without its blank line: " << raw.substr(pos);
        if (end == std::string::npos) break;
        const std::string line = raw.substr(pos, end - pos);
        pos = end + 2;
        EXPECT_TRUE(line.starts_with("data: ")) << line;
        EXPECT_FALSE(s.done) << "an event after [DONE]";
        if (line == "data: [DONE]") {
            s.done = true;
            continue;
        }
        json j = json::parse(line.substr(6), nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << line;
        s.events.push_back(j);
    }
    return s;
}

void expect_error(const json &j, const std::string &param_or_empty, const std::string &needle = {}) {
    ASSERT_TRUE(j.contains("error")) << j.dump();
    const json &e = j["error"];
    EXPECT_TRUE(e["message"].is_string());
    EXPECT_TRUE(e["type"].is_string());
    ASSERT_TRUE(e.contains("param") && e.contains("code")) << j.dump();
    if (!param_or_empty.empty()) {
        EXPECT_EQ(e["param"], param_or_empty) << j.dump();
    }
    if (!needle.empty()) {
        EXPECT_NE(e["message"].get<std::string>().find(needle), std::string::npos) << e["message"];
    }
}

}  // namespace

// ---- the OpenAI request shapes ---------------------------------------------------------------------

TEST(Serve, ChatCompletionInOpenAIsShapeAnswersAsInferDoes) {
    Running server;
    auto c = server.client();
    // The request of OpenAI's API reference, with fields this server does not know (ignored).
    const json body = {{"model", "gpt-4o"},
                       {"messages",
                        {{{"role", "developer"}, {"content", "You are a helpful assistant."}},
                         {{"role", "user"}, {"content", "Hello!"}}}},
                       {"max_tokens", 24},
                       {"user", "user-1234"},
                       {"metadata", {{"trace", "x"}}},
                       {"parallel_tool_calls", true},
                       {"some_future_field", {1, 2, 3}}};
    json j = post(c, "/v1/chat/completions", body);
    const Reference ref = reference("You are a helpful assistant.", "Hello!", 24);
    ASSERT_FALSE(ref.tokens.empty());
    EXPECT_EQ(j["object"], "chat.completion");
    EXPECT_TRUE(j["id"].get<std::string>().starts_with("chatcmpl-"));
    EXPECT_TRUE(j["created"].is_number_integer());
    EXPECT_EQ(j["model"], "notes-student");
    ASSERT_EQ(j["choices"].size(), 1u);
    EXPECT_EQ(j["choices"][0]["index"], 0);
    EXPECT_EQ(j["choices"][0]["message"]["role"], "assistant");
    EXPECT_EQ(j["choices"][0]["message"]["content"], ref.text);
    EXPECT_EQ(j["choices"][0]["finish_reason"], ref.stop_reason == "stop" ? "stop" : "length");
    EXPECT_EQ(j["usage"]["prompt_tokens"], ref.prompt.size());
    EXPECT_EQ(j["usage"]["completion_tokens"], ref.tokens.size());
    EXPECT_EQ(j["usage"]["total_tokens"], ref.prompt.size() + ref.tokens.size());

    // Without a system message the model's own instruction (from the GGUF) is the system prompt;
    // earlier turns are accepted and the last user message is the input; text parts are joined.
    const json history = {{"messages",
                           {{{"role", "user"}, {"content", "first question"}},
                            {{"role", "assistant"}, {"content", "first answer"}},
                            {{"role", "user"},
                             {"content", json::array({{{"type", "text"}, {"text", "knee"}},
                                                      {{"type", "text"}, {"text", "pain"}}})}}}},
                          {"max_completion_tokens", 16}};
    j = post(c, "/v1/chat/completions", history);
    const Reference own = reference(kSystem, "knee\npain", 16);
    EXPECT_EQ(j["choices"][0]["message"]["content"], own.text);
    EXPECT_EQ(j["usage"]["prompt_tokens"], own.prompt.size());
    EXPECT_EQ(j["usage"]["completion_tokens"], own.tokens.size());
}

TEST(Serve, AClassificationModelAnswersWithOneOfItsLabels) {
    // The fixture's weights again, exported with a label set (smolify.task.labels): every answer is
    // one of the labels, the one the model scores highest; --no-constrain answers as infer does.
    Fixture &f = fixture();
    ASSERT_TRUE(f.tokenizer);
    const std::vector<std::string> labels = {"urgent", "routine", "follow-up"};
    auto st = test::random_student(f.tokenizer->vocab_size(), true, 7);
    gguf::StudentExportParams p;
    p.type = gguf::ExportType::q8_0;
    p.metadata.system_instruction = kSystem;
    p.metadata.sentencepiece_model = f.tokenizer->serialized();
    p.metadata.task_kind = "classification";
    p.metadata.labels = labels;
    const auto path = f.dir / "triage-student.gguf";
    ASSERT_TRUE(gguf::export_student_gguf(path, st.config, st.params, st.tensors,
                                          infer::vocabulary_of(*f.tokenizer), p)
                    .ok());
    const json body = {{"messages", {{{"role", "user"}, {"content", "chest pain since this morning"}}}},
                       {"max_tokens", 12},
                       {"temperature", 0}};
    for (bool constrain : {true, false}) {
        SCOPED_TRACE(constrain ? "labels" : "--no-constrain");
        serve::ServerParams sp;
        sp.constrain_labels = constrain;
        Running server(sp, path);
        auto c = server.client();
        const json j = post(c, "/v1/chat/completions", body);
        const std::string text = j["choices"][0]["message"]["content"].get<std::string>();
        if (constrain) {
            EXPECT_NE(std::find(labels.begin(), labels.end(), text), labels.end()) << text;
            EXPECT_EQ(j["choices"][0]["finish_reason"], "stop");
        } else {
            EXPECT_EQ(text, reference(kSystem, "chest pain since this morning", 12).text);
        }
    }
}

TEST(Serve, CompletionsTakeThePromptAsTheTaskInput) {
    Running server;
    auto c = server.client();
    // OpenAI's reference request for the legacy completions endpoint.
    json j = post(c, "/v1/completions",
                  {{"model", "gpt-3.5-turbo-instruct"},
                   {"prompt", "Say this is a test"},
                   {"max_tokens", 7},
                   {"temperature", 0},
                   {"logprobs", nullptr},
                   {"suffix", nullptr}});
    const Reference ref = reference(kSystem, "Say this is a test", 7);
    EXPECT_EQ(j["object"], "text_completion");
    EXPECT_TRUE(j["id"].get<std::string>().starts_with("cmpl-"));
    EXPECT_EQ(j["choices"][0]["text"], ref.text);
    EXPECT_EQ(j["choices"][0]["finish_reason"], ref.tokens.size() == 7 ? "length" : "stop");
    EXPECT_EQ(j["usage"]["prompt_tokens"], ref.prompt.size());
    EXPECT_EQ(j["usage"]["completion_tokens"], ref.tokens.size());
    // A list of one string is the same prompt.
    json list = post(c, "/v1/completions", {{"prompt", {"Say this is a test"}}, {"max_tokens", 7}});
    EXPECT_EQ(list["choices"][0]["text"], ref.text);
}

TEST(Serve, SamplingOptionsReachTheSampler) {
    Running server;
    auto c = server.client();
    infer::SamplingParams sp;
    sp.temperature = 0.9f;
    sp.top_k = 40;
    sp.top_p = 0.95f;
    sp.min_p = 0.05f;
    sp.repeat_penalty = 1.3f;  // frequency_penalty 0.3
    sp.seed = 1234;
    const Reference ref = reference(kSystem, "mild pain after running", 20, sp);
    json j = post(c, "/v1/chat/completions",
                  {{"messages", {{{"role", "user"}, {"content", "mild pain after running"}}}},
                   {"max_tokens", 20},
                   {"temperature", 0.9},
                   {"top_k", 40},
                   {"top_p", 0.95},
                   {"min_p", 0.05},
                   {"frequency_penalty", 0.3},
                   {"seed", 1234}});
    EXPECT_EQ(j["choices"][0]["message"]["content"], ref.text);
    EXPECT_EQ(j["usage"]["completion_tokens"], ref.tokens.size());
}

// ---- streaming -----------------------------------------------------------------------------------

TEST(Serve, StreamedChatEqualsTheNonStreamedReplyTokenForToken) {
    Running server;
    auto c = server.client();
    for (const json &options : {json{{"temperature", 0}}, json{{"temperature", 1.0}, {"seed", 99}}}) {
        json body = {{"messages",
                      {{{"role", "system"}, {"content", "Answer briefly."}},
                       {{"role", "user"}, {"content", "the patient reports mild knee pain"}}}},
                     {"max_tokens", 60}};
        body.update(options);
        const json plain = post(c, "/v1/chat/completions", body);
        body["stream"] = true;
        body["stream_options"] = {{"include_usage", true}};
        const Streamed s = post_stream(c, "/v1/chat/completions", body);
        ASSERT_EQ(s.status, 200);
        EXPECT_TRUE(s.content_type.starts_with("text/event-stream")) << s.content_type;
        ASSERT_TRUE(s.done) << "no data: [DONE] at the end";
        ASSERT_GE(s.events.size(), 3u);
        const json &first = s.events.front();
        EXPECT_EQ(first["object"], "chat.completion.chunk");
        EXPECT_EQ(first["choices"][0]["delta"]["role"], "assistant");
        std::string content;
        std::string finish;
        for (std::size_t i = 0; i + 1 < s.events.size(); ++i) {
            const json &e = s.events[i];
            EXPECT_EQ(e["id"], first["id"]);
            EXPECT_EQ(e["model"], "notes-student");
            ASSERT_EQ(e["choices"].size(), 1u);
            EXPECT_TRUE(e.contains("usage") && e["usage"].is_null());
            const json &d = e["choices"][0]["delta"];
            if (d.contains("content")) {
                const auto piece = d["content"].get<std::string>();
                EXPECT_TRUE(valid_utf8(piece)) << "a delta that is not whole UTF-8 characters";
                content += piece;
            }
            if (!e["choices"][0]["finish_reason"].is_null()) {
                EXPECT_TRUE(finish.empty()) << "two final chunks";
                finish = e["choices"][0]["finish_reason"];
            }
        }
        EXPECT_EQ(content, plain["choices"][0]["message"]["content"]);
        EXPECT_EQ(finish, plain["choices"][0]["finish_reason"]);
        const json &usage = s.events.back();
        EXPECT_TRUE(usage["choices"].empty());
        EXPECT_EQ(usage["usage"], plain["usage"]);
    }
}

TEST(Serve, StreamedCompletionsEndWithAFinishReasonAndDone) {
    Running server;
    auto c = server.client();
    json body = {{"prompt", "contract between parties"}, {"max_tokens", 30}};
    const json plain = post(c, "/v1/completions", body);
    body["stream"] = true;
    const Streamed s = post_stream(c, "/v1/completions", body);
    ASSERT_EQ(s.status, 200);
    ASSERT_TRUE(s.done);
    std::string text;
    for (const auto &e : s.events) {
        EXPECT_EQ(e["object"], "text_completion");
        EXPECT_FALSE(e.contains("usage")) << "usage only when stream_options.include_usage";
        text += e["choices"][0]["text"].get<std::string>();
    }
    EXPECT_EQ(text, plain["choices"][0]["text"]);
    EXPECT_EQ(s.events.back()["choices"][0]["finish_reason"], plain["choices"][0]["finish_reason"]);
}

// ---- concurrency ---------------------------------------------------------------------------------

TEST(Serve, ConcurrentRequestsGetTheirSoloAnswers) {
    serve::ServerParams p;
    p.parallel = 2;
    Running server(p);
    const std::vector<std::string> inputs = {"knee pain",   "contract total", "café crème",
                                             "value is 42", "the left knee",  "über naïve",
                                             "2024 price",  "summary of pain"};
    std::vector<json> solo;
    auto c = server.client();
    for (const auto &in : inputs)
        solo.push_back(post(c, "/v1/chat/completions",
                            {{"messages", {{{"role", "user"}, {"content", in}}}}, {"max_tokens", 40}}));
    std::vector<std::string> got(inputs.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        threads.emplace_back([&, i] {
            auto ci = server.client();
            json body = {{"messages", {{{"role", "user"}, {"content", inputs[i]}}}}, {"max_tokens", 40}};
            if (i % 2) {  // half streamed, half not
                body["stream"] = true;
                const Streamed s = post_stream(ci, "/v1/chat/completions", body);
                for (const auto &e : s.events)
                    if (e["choices"][0]["delta"].contains("content"))
                        got[i] += e["choices"][0]["delta"]["content"].get<std::string>();
            } else {
                got[i] = post(ci, "/v1/chat/completions", body)["choices"][0]["message"]["content"];
            }
        });
    for (auto &t : threads)
        t.join();
    for (std::size_t i = 0; i < inputs.size(); ++i)
        EXPECT_EQ(got[i], solo[i]["choices"][0]["message"]["content"]) << inputs[i];
}

TEST(Serve, AClientThatLeavesMidStreamFreesItsSlot) {
    Gate gate;
    serve::ServerParams p;
    p.parallel = 1;
    p.on_token = gate.hook();
    Running server(p);
    auto c = server.client();
    const json body = {{"messages", {{{"role", "user"}, {"content", "the patient reports"}}}},
                       {"stream", true}};
    json whole = body;
    whole["stream"] = false;
    const json full = post(c, "/v1/chat/completions", whole);
    const int full_tokens = full["usage"]["completion_tokens"];
    ASSERT_GT(full_tokens, 20) << "the fixture model should talk long enough to be interrupted";
    // The generation is held at its first token; the client leaves after the first event, while it
    // is held, and only then is the generation let go: it must notice and stop.
    gate.arm();
    bool was_holding = false;
    const Streamed s = post_stream(c, "/v1/chat/completions", body, [&](const std::string &) {
        was_holding = gate.wait_holding();
        return false;
    });
    gate.release();
    EXPECT_TRUE(was_holding) << "the generation never reached its first token";
    EXPECT_FALSE(s.done);
    auto left =
        server.wait_record([](const serve::RequestRecord &r) { return r.finish_reason == "disconnected"; });
    ASSERT_TRUE(left) << "the server did not notice the client leaving";
    EXPECT_LT(left->completion_tokens, full_tokens);
    EXPECT_TRUE(left->stream);
    // The only slot is free again: the next request is served.
    auto c2 = server.client();
    const json again = post(c2, "/v1/chat/completions", whole);
    EXPECT_EQ(again["choices"][0]["message"]["content"], full["choices"][0]["message"]["content"]);
    auto health = c2.Get("/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(json::parse(health->body)["slots_idle"], 1);
}

TEST(Serve, AFullLineIsRefusedWith503AndRetryAfterWhileTheSlotStreams) {
    Gate gate;
    serve::ServerParams p;
    p.parallel = 1;
    p.max_waiting = 0;  // nobody may wait: a second request while the slot works is refused
    p.on_token = gate.hook();
    Running server(p);
    const json body = {{"messages", {{{"role", "user"}, {"content", "the patient reports"}}}},
                       {"max_tokens", 30}};
    auto c = server.client();
    const json solo = post(c, "/v1/chat/completions", body);

    gate.arm();
    Streamed first;
    std::thread streaming([&] {
        auto c1 = server.client();
        json streamed = body;
        streamed["stream"] = true;
        first = post_stream(c1, "/v1/chat/completions", streamed);
    });
    const bool holding = gate.wait_holding();
    if (!holding) {
        gate.release();
        streaming.join();
        FAIL() << "the first request never started generating";
    }

    // The slot is taken and the line holds no one: refused at once, as OpenAI-style JSON.
    auto c2 = server.client();
    auto res = c2.Post("/v1/chat/completions", body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (res) {
        EXPECT_EQ(res->status, 503);
        EXPECT_EQ(res->get_header_value("Retry-After"), "1");
        const json refused = json::parse(res->body, nullptr, false);
        expect_error(refused, "", "slots are busy");
        EXPECT_EQ(refused["error"]["code"], "server_busy");
        EXPECT_EQ(refused["error"]["type"], "server_error");
    }
    // The completions endpoint shares the line.
    res = c2.Post("/v1/completions", json{{"prompt", "x"}, {"max_tokens", 2}}.dump(), "application/json");
    EXPECT_TRUE(res);
    if (res) {
        EXPECT_EQ(res->status, 503);
    }
    // Health still answers, and says who is busy.
    auto health = c2.Get("/health");
    EXPECT_TRUE(health);
    if (health) {
        const json h = json::parse(health->body);
        EXPECT_EQ(h["slots_processing"], 1);
        EXPECT_EQ(h["slots_idle"], 0);
        EXPECT_EQ(h["requests_waiting"], 0);
    }

    gate.release();
    streaming.join();
    // The held stream went on to its end, unharmed by the refusals.
    ASSERT_EQ(first.status, 200);
    EXPECT_TRUE(first.done);
    std::string content;
    for (const auto &e : first.events)
        if (!e["choices"].empty() && e["choices"][0]["delta"].contains("content"))
            content += e["choices"][0]["delta"]["content"].get<std::string>();
    EXPECT_EQ(content, solo["choices"][0]["message"]["content"]);
    // With the slot free again the same request is answered.
    const json after = post(c2, "/v1/chat/completions", body);
    EXPECT_EQ(after["choices"][0]["message"]["content"], solo["choices"][0]["message"]["content"]);
}

// ---- errors --------------------------------------------------------------------------------------

TEST(Serve, BadRequestsGetOpenAIStyleErrors) {
    serve::ServerParams p;
    p.max_body_bytes = 64 * 1024;
    Running server(p);
    auto c = server.client();
    const json user = {{{"role", "user"}, {"content", "hi"}}};

    auto raw = c.Post("/v1/chat/completions", "{\"messages\": [", "application/json");
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->status, 400);
    expect_error(json::parse(raw->body), "", "not valid JSON");
    EXPECT_EQ(json::parse(raw->body)["error"]["code"], "invalid_json");
    raw = c.Post("/v1/chat/completions", "[1, 2]", "application/json");
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->status, 400);

    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"temperature", "hot"}}, 400),
                 "temperature");
    expect_error(post(c, "/v1/chat/completions", {{"messages", "hi"}}, 400), "messages");
    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"max_tokens", 1.5}}, 400),
                 "max_tokens");
    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"stop", {1, 2}}}, 400), "stop");
    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"stream", "yes"}}, 400), "stream");
    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"temperature", 7}}, 400),
                 "temperature");
    expect_error(post(c, "/v1/chat/completions", {{"messages", user}, {"n", 2}}, 400), "n", "one choice");
    expect_error(post(c, "/v1/chat/completions",
                      {{"messages", user},
                       {"response_format", {{"type", "json_schema"}, {"json_schema", json::object()}}}},
                      400),
                 "response_format", "json_schema");
    // A schema outside the subset constrained decoding handles is refused with the reason.
    const json pattern_schema = {{"type", "array"},
                                 {"items", {{"type", "string"}}}};  // the top level must be an object
    json unsupported = {{"messages", user}};
    unsupported["response_format"] = {{"type", "json_schema"}};
    unsupported["response_format"]["json_schema"] = {{"name", "x"}, {"schema", pattern_schema}};
    expect_error(post(c, "/v1/chat/completions", unsupported, 400), "response_format", "top level");
    expect_error(post(c, "/v1/chat/completions",
                      {{"messages",
                        {{{"role", "system"}, {"content", "a"}},
                         {{"role", "system"}, {"content", "b"}},
                         {{"role", "user"}, {"content", "c"}}}}},
                      400),
                 "messages[1]", "one system message");
    expect_error(post(c, "/v1/chat/completions",
                      {{"messages",
                        {{{"role", "user"}, {"content", "a"}}, {{"role", "assistant"}, {"content", "b"}}}}},
                      400),
                 "messages", "last message");
    expect_error(
        post(c, "/v1/chat/completions",
             {{"messages",
               {{{"role", "user"}, {"content", {{{"type", "image_url"}, {"image_url", {{"url", "x"}}}}}}}}}},
             400),
        "messages[0].content[0]", "text only");
    expect_error(post(c, "/v1/chat/completions", {{"messages", {{{"role", "tool"}, {"content", "x"}}}}}, 400),
                 "messages[0].role");
    expect_error(post(c, "/v1/completions", {{"prompt", {1, 2, 3}}}, 400), "prompt", "token-id");
    expect_error(post(c, "/v1/completions", {{"prompt", {"a", "b"}}}, 400), "prompt", "one prompt");
    expect_error(post(c, "/v1/completions", {{"max_tokens", 3}}, 400), "prompt");

    // A prompt longer than the context (128 tokens): the numbers are in the message.
    std::string long_input;
    for (int i = 0; i < 200; ++i)
        long_input += "knee ";
    const json too_long =
        post(c, "/v1/chat/completions", {{"messages", {{{"role", "user"}, {"content", long_input}}}}}, 400);
    expect_error(too_long, "messages", "context is 128 tokens");
    EXPECT_EQ(too_long["error"]["code"], "context_length_exceeded");

    // A body over the cap.
    const json big = {{"messages", {{{"role", "user"}, {"content", std::string(100 * 1024, 'a')}}}}};
    expect_error(post(c, "/v1/chat/completions", big, 413), "", "over the limit");

    // Unknown route and wrong method.
    auto res = c.Get("/v1/engines");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    expect_error(json::parse(res->body), "", "unknown route");
    res = c.Get("/v1/chat/completions");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(res->get_header_value("Allow"), "POST");
    expect_error(json::parse(res->body), "");
    res = c.Post("/v1/models", "{}", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);

    // Unknown fields, however deep, are ignored and cost no crash; the server still answers.
    std::string deep =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2, \"x\": ";
    deep += std::string(20000, '[') + std::string(20000, ']') + "}";
    raw = c.Post("/v1/chat/completions", deep, "application/json");
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->status, 200) << raw->body;
}

TEST(Serve, JsonSchemaResponseFormatDecodesUnderTheSchema) {
    Running server;
    auto c = server.client();
    const json schema = {{"type", "object"},
                         {"properties",
                          {{"category", {{"type", "string"}, {"enum", {"hardware", "software", "access"}}}},
                           {"urgent", {{"type", "boolean"}}}}},
                         {"required", {"category", "urgent"}},
                         {"additionalProperties", false}};
    const json rf = {{"type", "json_schema"},
                     {"json_schema", {{"name", "triage"}, {"strict", true}, {"schema", schema}}}};
    int valid = 0;
    for (int seed = 1; seed <= 4; ++seed) {
        SCOPED_TRACE(seed);
        const json body = {
            {"messages", {{{"role", "user"}, {"content", "The printer on floor 3 is jammed"}}}},
            {"response_format", rf},
            {"temperature", 0.9},
            {"seed", seed},
            {"max_tokens", 96}};
        json j = post(c, "/v1/chat/completions", body);
        const std::string content = j["choices"][0]["message"]["content"];
        const json answer = json::parse(content, nullptr, false);
        ASSERT_FALSE(answer.is_discarded()) << content;
        EXPECT_EQ(synth::json_schema_check(schema, answer), "") << content;
        valid += synth::json_schema_check(schema, answer).empty();
        // Streamed, the same request gives the same text.
        json streamed_body = body;
        streamed_body["stream"] = true;
        const Streamed s = post_stream(c, "/v1/chat/completions", streamed_body);
        ASSERT_TRUE(s.done);
        std::string streamed;
        for (const json &e : s.events)
            if (e.contains("choices") && e["choices"][0].contains("delta") &&
                e["choices"][0]["delta"].contains("content"))
                streamed += e["choices"][0]["delta"]["content"].get<std::string>();
        EXPECT_EQ(streamed, content);
    }
    EXPECT_EQ(valid, 4);
    // Without the format, this random student does not write such JSON.
    json plain = post(c, "/v1/chat/completions",
                      {{"messages", {{{"role", "user"}, {"content", "The printer on floor 3 is jammed"}}}},
                       {"max_tokens", 96}});
    const json loose =
        json::parse(plain["choices"][0]["message"]["content"].get<std::string>(), nullptr, false);
    EXPECT_TRUE(loose.is_discarded() || !synth::json_schema_check(schema, loose).empty());
}

TEST(Serve, HealthAndModels) {
    serve::ServerParams p;
    p.model_id = "triage-v1";
    Running server(p);
    auto c = server.client();
    auto res = c.Get("/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(json::parse(res->body)["status"], "ok");
    res = c.Get("/v1/models");
    ASSERT_TRUE(res);
    const json m = json::parse(res->body);
    EXPECT_EQ(m["object"], "list");
    ASSERT_EQ(m["data"].size(), 1u);
    EXPECT_EQ(m["data"][0]["id"], "triage-v1");
    EXPECT_EQ(m["data"][0]["object"], "model");
    EXPECT_EQ(m["data"][0]["context_length"], 128);
}

TEST(Serve, OpeningRefusesBadFilesAndParameters) {
    test::TempDir dir;
    const auto junk = dir / "junk.gguf";
    std::ofstream(junk) << "not a gguf";
    auto s = serve::Server::open(junk, {.port = 0});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::user);
    s = serve::Server::open(fixture().gguf, {.port = 0, .parallel = 0});
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("--parallel"), std::string::npos);
}

// ---- the slot queue and streaming detokenization -------------------------------------------------

TEST(ServeSlots, FirstComeFirstServedAndBusyWhenTheLineIsFull) {
    std::vector<std::unique_ptr<infer::Model>> models;
    auto m = infer::Model::from_gguf(fixture().gguf, {.threads = 1});
    ASSERT_TRUE(m.ok());
    models.push_back(std::move(*m));
    serve::SlotQueue q(std::move(models), 3);
    std::optional<serve::SlotQueue::Lease> held(std::get<serve::SlotQueue::Lease>(q.acquire()));
    EXPECT_EQ(q.counts().busy, 1);

    std::mutex mutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    for (int i = 0; i < 3; ++i) {
        waiters.emplace_back([&, i] {
            auto got = q.acquire();
            ASSERT_TRUE(std::holds_alternative<serve::SlotQueue::Lease>(got));
            std::lock_guard lock(mutex);
            order.push_back(i);
        });
        while (q.counts().waiting != i + 1)
            std::this_thread::yield();  // i is in line before i + 1 starts
    }
    // The line is full: the next caller is refused at once.
    auto refused = q.acquire();
    ASSERT_TRUE(std::holds_alternative<serve::SlotQueue::Refusal>(refused));
    EXPECT_EQ(std::get<serve::SlotQueue::Refusal>(refused), serve::SlotQueue::Refusal::busy);
    held.reset();
    for (auto &t : waiters)
        t.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(q.counts().idle, 1);
    q.stop();
    auto stopped = q.acquire();
    ASSERT_TRUE(std::holds_alternative<serve::SlotQueue::Refusal>(stopped));
    EXPECT_EQ(std::get<serve::SlotQueue::Refusal>(stopped), serve::SlotQueue::Refusal::stopped);
}

TEST(ServeDelta, SplitCharactersWaitForTheirLastByteAndStopStringsNeverShow) {
    const text::Tokenizer &tok = *fixture().tokenizer;
    // An emoji the corpus never saw: byte-fallback pieces, one byte each.
    auto ids = tok.encode("ok 🙂 end");
    ASSERT_TRUE(ids.ok());
    serve::DeltaDecoder dec(tok, {});
    std::string joined;
    for (int32_t id : *ids) {
        auto d = dec.push(id);
        ASSERT_TRUE(d.ok());
        EXPECT_TRUE(valid_utf8(*d)) << "a delta with a partial character";
        joined += *d;
    }
    joined += *dec.finish();
    EXPECT_EQ(joined, "ok 🙂 end");
    EXPECT_GT(ids->size(), 6u) << "the emoji should be split into byte pieces";

    // "pain" is a stop string: everything before it comes out, nothing from it on.
    auto ids2 = tok.encode("mild pain in knee");
    ASSERT_TRUE(ids2.ok());
    serve::DeltaDecoder stop(tok, {"xyz", " pain"});
    std::string out;
    for (int32_t id : *ids2) {
        auto d = stop.push(id);
        ASSERT_TRUE(d.ok());
        out += *d;
        if (stop.stopped()) break;
    }
    EXPECT_TRUE(stop.stopped());
    out += *stop.finish();
    EXPECT_EQ(out, "mild");
    EXPECT_EQ(stop.text(), "mild");
}

// ---- the CLI -------------------------------------------------------------------------------------

TEST(ServeCli, ServesOnAPickedPortAndStopsCleanlyOnSigterm) {
    test::TempDir scratch;
    int out_pipe[2];
    ASSERT_EQ(::pipe(out_pipe), 0);
    const std::string err_path = (scratch / "stderr.txt").string();
    const std::string model = fixture().gguf.string();
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::dup2(out_pipe[1], 1);
        ::close(out_pipe[0]);
        FILE *err = std::fopen(err_path.c_str(), "w");
        if (err) ::dup2(::fileno(err), 2);
        ::execl(SMOLIFY_CLI_PATH, SMOLIFY_CLI_PATH, "serve", model.c_str(), "--port", "0", "--threads", "1",
                static_cast<char *>(nullptr));
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    // The first line says where it listens.
    std::string line;
    char ch = 0;
    while (::read(out_pipe[0], &ch, 1) == 1 && ch != '\n')
        line += ch;
    const auto at = line.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << line;
    const int port = std::stoi(line.substr(at + 17));
    EXPECT_GT(port, 0);

    httplib::Client c("127.0.0.1", port);
    auto res = c.Get("/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    res = c.Get("/v1/models");
    ASSERT_TRUE(res);
    EXPECT_EQ(json::parse(res->body)["data"][0]["id"], "notes-student");
    res = c.Post(
        "/v1/chat/completions",
        json{{"messages", {{{"role", "user"}, {"content", "secret words"}}}}, {"max_tokens", 4}}.dump(),
        "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);

    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ::close(out_pipe[0]);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    EXPECT_EQ(WEXITSTATUS(status), 0);
    // One line per request, with sizes and counts but never the request's content.
    const std::string log = test::slurp(err_path);
    EXPECT_NE(log.find("GET /health 200"), std::string::npos) << log;
    EXPECT_NE(log.find("POST /v1/chat/completions 200"), std::string::npos) << log;
    EXPECT_EQ(log.find("secret words"), std::string::npos) << log;
}

TEST(ServeCli, TokenizeOnAGgufEqualsTheProjectTokenizer) {
    test::TempDir scratch;
    const std::string text = "the patient reports café 🙂 42";
    auto r = test::run_process(
        {SMOLIFY_CLI_PATH, "tokenize", fixture().gguf.string(), "--text", text, "--json"}, scratch.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    const auto ids = fixture().tokenizer->encode(text);
    ASSERT_TRUE(ids.ok());
    EXPECT_EQ(j["tokens"].get<std::vector<int32_t>>(), *ids);
    ASSERT_EQ(j["pieces"].size(), ids->size());
    for (std::size_t i = 0; i < ids->size(); ++i)
        EXPECT_EQ(j["pieces"][i], fixture().tokenizer->piece((*ids)[i]));
    EXPECT_EQ(j["count"], ids->size());
    // Plain output: one "ID -> 'PIECE'" line per token, as llama-tokenize prints.
    r = test::run_process({SMOLIFY_CLI_PATH, "tokenize", fixture().gguf.string(), "--text", "knee"},
                          scratch.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(" -> '"), std::string::npos) << r.out;
}
