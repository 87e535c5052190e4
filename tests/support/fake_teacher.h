// A scripted fake OpenAI-compatible teacher: a real HTTP server (cpp-httplib) on 127.0.0.1 that the
// tests start, answering POST /v1/chat/completions from a script of replies and faults. Fakes belong
// only at the network boundary: everything on the client side runs for real.
//
// Who uses it: tests/teacher (the client and journal) and tests/synth (generation), bench/.
//
//   smolify::test::FakeTeacher fake;                         // listening at fake.base_url()
//   fake.push(FakeReply::rate_limited("2"));                 // first request: 429, Retry-After: 2
//   fake.push(FakeReply::ok("hello"));                       // second: a normal completion
//   fake.set_handler([](const FakeRequest &r) { ... });      // or compute replies per request
//   fake.requests()                                          // what arrived, for assertions
//
// Replies are taken from the queue in arrival order; when it is empty the handler answers (by default
// FakeReply::ok("echo: <last user message>")). Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace smolify::test {

struct FakeReply {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Retry-After", "3"}
    int delay_ms = 0;                                          // wait before answering at all

    // Exactly one of these shapes is sent:
    std::string body;                 // whole, with Content-Length (the default)
    std::vector<std::string> chunks;  // non-empty: chunked transfer, one write per chunk (SSE)
    int chunk_delay_ms = 0;           //   pause before each chunk after the first
    std::size_t huge_bytes = 0;       // > 0: this many bytes of `body` repeated, generated on the fly
    int64_t declared_length = -1;     // >= 0: Content-Length says this, but only `body` is sent (truncated)

    int stall_ms = 0;  // after what was sent, keep the connection open silently this long (ends early
                       // when the FakeTeacher is destroyed)

    // A chat.completion with usage.
    static FakeReply ok(const std::string &text, int prompt_tokens = 10, int completion_tokens = 5,
                        const std::string &finish_reason = "stop");
    // An error status with an OpenAI-style {"error":{"message":...}} body.
    static FakeReply error(int status, const std::string &message);
    static FakeReply rate_limited(const std::string &retry_after);  // 429 with Retry-After
    static FakeReply html(int status);                              // an HTML error page
    // An SSE stream: each element is sent as one chunk exactly as given (no framing added).
    static FakeReply sse(std::vector<std::string> chunks, int chunk_delay_ms = 0);
    // The SSE text of a streamed completion of `text` in pieces of `piece` bytes, with [DONE].
    static std::string sse_text(const std::string &text, std::size_t piece = 4, const std::string &eol = "\n",
                                bool done = true);
};

struct FakeRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    nlohmann::json json;    // the parsed body, or null when it is not JSON
    int64_t stamp = 0;      // the stamp function's value when the request arrived
    std::size_t index = 0;  // 0-based arrival order

    std::string last_user_message() const;
};

class FakeTeacher {
public:
    FakeTeacher();   // listens on 127.0.0.1, a free port
    ~FakeTeacher();  // stops, ending stalls at once
    FakeTeacher(const FakeTeacher &) = delete;
    FakeTeacher &operator=(const FakeTeacher &) = delete;

    int port() const;
    std::string base_url() const;  // "http://127.0.0.1:PORT/v1"

    void push(FakeReply reply);  // scripted replies, consumed in arrival order
    void push(FakeReply reply, std::size_t times);
    void set_handler(std::function<FakeReply(const FakeRequest &)> handler);  // when the queue is empty
    void set_stamp(std::function<int64_t()> stamp);                           // e.g. a test's fake clock

    std::vector<FakeRequest> requests() const;
    std::size_t request_count() const;
    std::size_t queued() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace smolify::test
