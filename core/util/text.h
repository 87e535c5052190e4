// Small text utilities the engine needs in several places: UTF-8 validation, hashing of content,
// and trimming. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace smolify {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool utf8_valid(std::string_view s);

// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string sha256_hex(std::string_view bytes);

// The 32 raw bytes of SHA-256 over `bytes`.
std::string sha256_raw(std::string_view bytes);

// Identity of a sample's content: SHA-256 over the length-prefixed input and the output, so
// ("ab","c") and ("a","bc") differ. The store keeps the 32 raw bytes; the API shows hex.
std::string sample_content_digest(std::string_view input, std::string_view output);  // raw
std::string sample_content_hash(std::string_view input, std::string_view output);    // hex

std::string_view trim(std::string_view s);

// Shortens `s` to at most `max_bytes` bytes on a UTF-8 boundary, adding "…" when cut.
std::string ellipsize(std::string_view s, std::size_t max_bytes);

// Seconds since the Unix epoch (UTC), as stored in the project.
int64_t unix_now();

// "2026-11-23 11:40:02" (UTC) for a Unix time, for people.
std::string format_utc(int64_t unix_seconds);
// "2026-11-23T11:40:02Z" (ISO 8601, UTC), for JSON and files.
std::string format_iso8601(int64_t unix_seconds);

}  // namespace smolify
