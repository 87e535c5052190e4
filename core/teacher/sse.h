// Server-sent events, as OpenAI-compatible servers stream chat completions.
//
// SseParser cuts a byte stream into events whatever the split points: lines end in LF, CRLF or a lone
// CR (a CR at the end of one chunk and the LF at the start of the next are one line end); `:` comment
// lines (keep-alives) are skipped; `data:` lines of one event are joined with "\n"; bytes are kept as
// they come, so a multi-byte UTF-8 character split across chunks is whole again in the event.
// ChatStream turns the events of a streamed completion into the reply text, finish reason and usage,
// surfaces error events, and reports a stream that ended without `data: [DONE]` as incomplete.
//
// Who calls it: client.cpp, from libcurl's write callback. Memory: at most one line (max_line_bytes)
// plus one event's data is held, besides the reply text itself. Not thread-safe; one per transfer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace smolify::teacher {

struct SseEvent {
    std::string event;  // the `event:` field; empty means "message"
    std::string data;   // the `data:` lines joined with "\n"
};

class SseParser {
public:
    explicit SseParser(std::size_t max_line_bytes = 4u << 20) : m_max_line(max_line_bytes) {}

    // Feeds the next bytes; calls on_event for each event completed by them (a blank line ends one).
    // Fails when a line grows past max_line_bytes.
    Status feed(std::string_view bytes, const std::function<void(SseEvent &&)> &on_event);

private:
    void end_line(const std::function<void(SseEvent &&)> &on_event);

    std::size_t m_max_line;
    std::string m_line;
    SseEvent m_event;
    bool m_has_data = false;
    bool m_after_cr = false;  // the last byte was CR: an LF next is part of the same line end
};

class ChatStream {
public:
    explicit ChatStream(std::size_t max_line_bytes = 4u << 20) : m_parser(max_line_bytes) {}

    // Feeds bytes of the stream. Fails on an error event, a chunk that is not JSON or an oversized
    // line; the stream is then done for.
    Status feed(std::string_view bytes);
    // The stream ended: fails if it never sent [DONE] (the reply is incomplete).
    Status finish();

    const std::string &text() const { return m_text; }
    const std::string &finish_reason() const { return m_finish_reason; }
    std::optional<int> prompt_tokens() const { return m_prompt_tokens; }
    std::optional<int> completion_tokens() const { return m_completion_tokens; }
    bool done() const { return m_done; }

private:
    void on_event(SseEvent &&event);

    SseParser m_parser;
    std::string m_text;
    std::string m_finish_reason;
    std::optional<int> m_prompt_tokens;
    std::optional<int> m_completion_tokens;
    bool m_done = false;
    std::optional<Error> m_error;
};

}  // namespace smolify::teacher
