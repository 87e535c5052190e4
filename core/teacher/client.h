// The teacher client: talks to any OpenAI-compatible chat-completions endpoint (OpenAI, Anthropic and
// Gemini through their compatibility endpoints, OpenRouter, Together, Groq, Ollama, llama.cpp server,
// vLLM, LM Studio) over libcurl, many requests in flight through one curl multi handle.
//
// What it promises (../shared/docs/trust.md, "teacher" rows): retries only what is worth retrying, with
// jittered exponential backoff that honours Retry-After up to a cap; stops at once with what to fix on
// auth, model and request errors; caps the size of every reply; parses streams robustly; never sends a
// call that could break the budget; never connects to a host outside the allow-list; never lets the API
// key reach the journal, a log or an error message. With a journal (a Project), every call is recorded
// before it is sent and when it completes, and an identical request is answered from the journal, so a
// rerun after a crash never pays twice (journal.h).
//
// Who calls it: core/synth (spec drafting, generation, judging), smolify-cli, the GUI's worker thread.
// Thread-safety: a Client is used by one thread at a time (the journal's Project is, too). All network
// work happens inside chat()/chat_many() on the calling thread; callbacks run on that thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.h"

namespace smolify::store {
class Project;
}

namespace smolify::teacher {

// How much structured output an endpoint accepts in `response_format`.
enum class JsonSupport {
    none,         // send no response_format; parse_json_reply() digs the JSON out of free text
    json_object,  // {"type":"json_object"} only; a schema is described in the prompt by the caller
    json_schema,  // {"type":"json_schema", ...} and json_object
};

struct Endpoint {
    std::string base_url;  // e.g. "https://api.openai.com/v1"; "/chat/completions" is appended
    std::string model;     // e.g. "gpt-4o-mini"
    std::string key_env;   // NAME of the environment variable holding the key; looked up per run, never
                           // stored. Empty: no Authorization header (local servers).
    JsonSupport json = JsonSupport::json_schema;
    std::string key;  // the key itself, when the caller holds it (the GUI reads it from the OS keyring):
                      // kept in memory for this client only, never stored or logged; used instead of
                      // key_env when not empty
};

// Named endpoints for the settings UI and `--teacher NAME`. The model is the user's choice.
struct Preset {
    std::string_view name;   // "openai"
    std::string_view label;  // "OpenAI"
    std::string_view base_url;
    std::string_view key_env;  // default environment variable name; empty for local servers
    JsonSupport json;
    bool local;  // runs on this machine (allowed in air-gap mode)
};
std::span<const Preset> presets();
const Preset *find_preset(std::string_view name);  // nullptr if unknown
Endpoint endpoint_from_preset(const Preset &preset, std::string model);

struct ChatMessage {
    std::string role;  // "system", "user", "assistant"
    std::string content;
};

struct ChatRequest {
    std::vector<ChatMessage> messages;
    double temperature = 0.7;
    int max_tokens = 1024;
    std::optional<nlohmann::json> json_schema;  // a JSON Schema for the reply, where supported
    bool json_mode = false;                     // ask for a JSON object reply, where supported
    bool stream = false;                        // server-sent events; same reply either way
    std::string purpose;                        // "spec", "generate", "judge": kept in the journal
};

struct ChatReply {
    std::string text;       // the assistant message (UTF-8)
    int prompt_tokens = 0;  // from the server's usage; estimated (bytes / 4) when it sends none
    int completion_tokens = 0;
    bool usage_estimated = false;
    double cost_usd = 0;         // paid for this call now, from the price table; 0 when the model is
                                 // not in it, and 0 when answered from the journal (paid earlier)
    bool price_unknown = false;  // the model is not in the price table
    int64_t latency_ms = 0;      // of the successful attempt (0 when from the journal)
    int attempts = 0;            // HTTP attempts made for this reply (0 when from the journal)
    int64_t call_id = 0;         // teacher_calls.id, 0 without a journal
    bool from_journal = false;   // answered from an earlier completed call, nothing was sent
    std::string finish_reason;   // "stop", "length", ...
};

// Dollars per million tokens. Editable: the defaults are a starting point, prices change.
struct ModelPrice {
    double input_per_mtok = 0;
    double output_per_mtok = 0;
};
struct PriceTable {
    std::map<std::string, ModelPrice, std::less<>> models;  // exact model name
    static PriceTable defaults();
    const ModelPrice *find(std::string_view model) const;  // nullptr if unknown
    // Reads/writes {"model": {"input": 0.15, "output": 0.6}, ...}.
    static Result<PriceTable> from_json(const nlohmann::json &j);
    nlohmann::json to_json() const;
};

// Time as the client sees it. Tests inject a fake clock and sleeper to check that waits were at least
// the Retry-After hint without sleeping for real. Empty functions mean the real clocks.
struct Clock {
    std::function<int64_t()> now_ms;           // monotonic milliseconds
    std::function<int64_t()> unix_now_s;       // wall-clock seconds, to read HTTP-date Retry-After
    std::function<void(int64_t ms)> sleep_ms;  // called in slices of at most 100 ms while only waiting
};

struct ClientParams {
    int concurrency = 8;  // requests in flight at once
    int64_t connect_timeout_ms = 10'000;
    int64_t first_byte_timeout_ms = 300'000;  // no answer at all for this long (a slow teacher
                                              // sends nothing until it has written the whole reply)
    int64_t stall_timeout_ms = 60'000;        // after the first byte, none for this long: abort the attempt
    int64_t total_timeout_ms = 600'000;       // one attempt, start to end
    int max_retries = 6;                      // per request, after the first attempt
    // One call's deadline, from its first attempt to its last: no retry starts after it (0: none). A
    // slow teacher that streams is not cut by it (an attempt ends only by the timeouts above); a dead
    // one stops the call with a message instead of retrying out of sight.
    int64_t call_deadline_ms = 900'000;
    int64_t backoff_base_ms = 1'000;          // first retry waits base..2*base, doubling each time
    int64_t backoff_cap_ms = 60'000;
    int64_t max_retry_after_s = 120;             // a longer Retry-After stops the run with a clear error
    std::size_t max_response_bytes = 16u << 20;  // bigger replies are cut off and fail
    PriceTable prices = PriceTable::defaults();
    std::optional<double> budget_usd;        // never send a call whose worst case would exceed it
    std::vector<std::string> allowed_hosts;  // empty = any host; air-gap mode = {"localhost", "127.0.0.1"}
    bool offline = false;                    // answer only from the journal; no network at all
    uint64_t jitter_seed = 0;                // 0 = random
    Clock clock;
};

// Hosts a local teacher may use: what air-gap mode allows.
std::vector<std::string> local_hosts();

struct ClientProgress {
    std::size_t total = 0;
    std::size_t done = 0;  // succeeded (sent or from the journal)
    std::size_t failed = 0;
    std::size_t from_journal = 0;
    std::size_t in_flight = 0;
    std::size_t waiting = 0;  // waiting to retry
    int retries = 0;          // retries so far in this run
    double spent_usd = 0;     // by this Client (journal answers are free)
    int64_t retry_in_s = 0;   // > 0 while rate limited: "rate limited, retrying in N s"
    std::string note;         // the latest thing worth telling the user, e.g. the line above
};

class Client {
public:
    // `journal` may be null (no resume, no replay; offline then fails every call).
    Client(Endpoint endpoint, ClientParams params, store::Project *journal);
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    // One call. Errors: user (what to fix: key, model, URL, budget, allow-list, rate limit, a bad
    // reply), internal (a bug or the environment), cancelled. `progress` sees every retry as it is
    // planned (ClientProgress::note: "teacher error, retrying in 8 s (retry 2 of 6): ...").
    Result<ChatReply> chat(const ChatRequest &request, const std::atomic<bool> *cancel = nullptr,
                           const std::function<void(const ClientProgress &)> &progress = {});

    // Many calls, up to `concurrency` in flight. on_done(index, result) runs on the calling thread
    // exactly once per request, in completion order. Identical requests in one batch are sent once.
    // Returns an error when the run stopped early (cancel, auth/model error, a huge Retry-After, the
    // budget): requests not finished by then get on_done with that error too. Errors of single
    // requests that did not stop the run (a bad reply, retries exhausted) reach only their on_done,
    // and the Status is ok.
    Status chat_many(std::span<const ChatRequest> requests,
                     const std::function<void(std::size_t index, Result<ChatReply> reply)> &on_done,
                     const std::function<void(const ClientProgress &)> &progress = {},
                     const std::atomic<bool> *cancel = nullptr);

    // Worst-case dollars for these requests (prompt estimated from its bytes, completion = max_tokens),
    // not counting any the journal would answer. price_unknown is set when the model has no price.
    struct Estimate {
        double worst_usd = 0;
        int64_t prompt_tokens = 0;
        int64_t max_completion_tokens = 0;
        std::size_t from_journal = 0;
        bool price_unknown = false;
    };
    Result<Estimate> estimate_cost(std::span<const ChatRequest> requests);

    double spent_usd() const;
    const Endpoint &endpoint() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// The request body the client sends (no key in it), and the journal's identity of a request: SHA-256
// over the canonical JSON of endpoint (sanitized base URL), model and the request's content (messages,
// temperature, max_tokens, response format; not `stream` or `purpose`). Identical requests that must
// give different samples need different content: put a slice or seed id in the prompt.
nlohmann::json request_body(const Endpoint &endpoint, const ChatRequest &request);
std::string request_hash(const Endpoint &endpoint, const ChatRequest &request);

// The JSON inside a reply: the whole text, or the text inside ```json fences, or the first balanced
// {...} / [...] in it. A user error quoting a short excerpt when there is none.
Result<nlohmann::json> parse_json_reply(std::string_view text);

// A base URL without user info, query or fragment: what may be stored or shown.
std::string sanitize_url(std::string_view url);

}  // namespace smolify::teacher
