// The OpenAI-compatible chat-completions protocol as the client needs it, without any I/O: building
// request bodies, reading replies, turning HTTP statuses into errors that say what to fix, reading
// Retry-After, and cutting untrusted server text down to a short, safe excerpt.
//
// Who calls it: client.cpp; the tests call it directly. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "teacher/client.h"
#include "util/result.h"

namespace smolify::teacher {

// What a finished reply holds, before cost is added.
struct Completion {
    std::string text;
    std::string finish_reason;
    std::optional<int> prompt_tokens;
    std::optional<int> completion_tokens;
};

// Reads a chat.completion JSON body. Fails (user error) on an HTML page, a body that is not JSON or
// is cut short, a JSON error object, or a completion without a message.
Result<Completion> parse_completion(std::string_view body, std::string_view content_type);

// The canonical chat.completion JSON the journal keeps for a reply (also for streamed ones).
nlohmann::json completion_to_json(const Completion &c);

// At most `max_bytes` of untrusted text for an error message: control characters become spaces,
// broken UTF-8 becomes '?', and `secret` (when non-empty) becomes "[redacted]".
std::string safe_excerpt(std::string_view text, std::size_t max_bytes = 160, std::string_view secret = {});

// The server's own explanation in an error body ({"error":{"message":...}} and the like), or a short
// excerpt of the body; empty when there is nothing useful.
std::string server_message(std::string_view body, std::string_view content_type, std::string_view secret);

// Retry-After as seconds from now: "120" or an HTTP date; nullopt when absent or unreadable.
std::optional<int64_t> parse_retry_after(std::string_view value, int64_t unix_now_s);

bool is_retryable_status(long http_status);

// The user error for a non-retryable HTTP status (or the last retryable one), saying what to fix.
Error http_error(long http_status, const Endpoint &endpoint, std::string_view body,
                 std::string_view content_type, std::string_view secret);

// Lower-case host of a URL, or an error for a URL that is not http(s).
Result<std::string> url_host(std::string_view url);

// JSON text that never throws: invalid UTF-8 (which callers reject earlier anyway) becomes U+FFFD.
std::string dump_json(const nlohmann::json &j);

// Rough tokens for text whose tokenizer we do not know: one per 4 bytes, rounded up.
int64_t estimate_tokens(std::string_view text);

}  // namespace smolify::teacher
