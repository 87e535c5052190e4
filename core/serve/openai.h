// The OpenAI-compatible request and reply shapes the serve endpoint speaks, without any HTTP: parsing
// a /v1/chat/completions or /v1/completions body into what the student can do (one system
// instruction, one input, sampling options), the error object, and DeltaDecoder, which turns
// generated tokens into text deltas that are whole UTF-8 characters and never show a stop string.
//
// What a student can represent: it was trained on one system instruction and one user input
// (text/chat_format.h). A chat request gives the system (or developer) message, else the model's
// own instruction applies; the last message must be the user's and is the input; earlier user and
// assistant turns are accepted and not shown to the model (it answers each input on its own). A
// completions request's prompt is the input, formatted the same way. Shapes it cannot represent
// (two system messages, images, tools, n > 1, json_schema, logprobs) are refused with a 400 that
// says so; unknown fields are ignored, as OpenAI's own server does for forward compatibility.
//
// Who calls it: serve/server.cpp, tests/serve. Thread-safety: functions are pure; a DeltaDecoder
// belongs to one generation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>
#include <vector>

#include <nlohmann/json.hpp>

#include "infer/generate.h"
#include "text/tokenizer.h"
#include "util/result.h"

namespace smolify::serve {

// An error as OpenAI's API returns it: {"error": {"message", "type", "param", "code"}}.
struct ApiError {
    int status = 400;
    std::string message;
    std::string type = "invalid_request_error";
    std::string param;  // empty: null
    std::string code;   // empty: null
};
nlohmann::json error_body(const ApiError &e);

// What one request asks the student to do.
struct GenerationRequest {
    std::optional<std::string> system;  // nullopt: the model's own system instruction
    std::string input;
    std::optional<int> max_tokens;  // nullopt: up to the end of the context
    infer::SamplingParams sampling;  // temperature 0 (greedy) unless asked
    bool seed_given = false;         // without a seed, the server draws one per request
    std::vector<std::string> stop;   // stop strings, not included in the reply
    bool stream = false;
    bool include_usage = false;  // stream_options.include_usage
    // response_format {"type": "json_schema", "json_schema": {"schema": {...}}}: the answer is decoded
    // under this schema (infer::Constraint), so it is valid JSON that matches it.
    std::optional<nlohmann::json> json_schema;
};

template <class T>
using ApiResult = std::variant<T, ApiError>;

inline constexpr std::size_t kMaxStopStrings = 16;

ApiResult<GenerationRequest> parse_chat_request(std::string_view body);
ApiResult<GenerationRequest> parse_completion_request(std::string_view body);

// Incremental detokenization for streaming. Each push() decodes all tokens so far and releases the
// new text up to the last whole character (an incomplete UTF-8 sequence decodes as U+FFFD until its
// last byte piece arrives) and short of any tail that could still become a stop string. The
// concatenation of all deltas and finish() is text(), the same whether a reply is streamed or not.
class DeltaDecoder {
public:
    DeltaDecoder(const text::Tokenizer &tokenizer, std::vector<std::string> stop);
    // The text now safe to send (often empty). An error only for an id outside the vocabulary.
    Result<std::string> push(int32_t token);
    // True once a stop string appeared: the text ends before it and generation should stop.
    bool stopped() const { return m_stopped; }
    // After the last token: the text held back so far (possibly empty).
    Result<std::string> finish();
    const std::string &text() const { return m_sent; }

private:
    const text::Tokenizer &m_tokenizer;
    std::vector<std::string> m_stop;
    std::vector<int32_t> m_ids;
    std::string m_sent;
    bool m_stopped = false;
};

}  // namespace smolify::serve
