// Server-sent events and streamed chat completions (see sse.h).
#include "teacher/sse.h"

#include <nlohmann/json.hpp>

#include "teacher/protocol.h"

namespace smolify::teacher {

Status SseParser::feed(std::string_view bytes, const std::function<void(SseEvent &&)> &on_event) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        char c = bytes[i];
        if (c != '\n' && c != '\r') continue;
        bool lf_after_cr = (c == '\n' && m_after_cr && i == start && m_line.empty());
        m_after_cr = (c == '\r');
        if (lf_after_cr) {  // the LF of a CRLF whose CR ended the previous line
            start = i + 1;
            continue;
        }
        m_line.append(bytes.data() + start, i - start);
        if (m_line.size() > m_max_line)
            return user_error("the teacher's stream has a line longer than " + std::to_string(m_max_line) +
                              " bytes");
        end_line(on_event);
        start = i + 1;
    }
    if (start < bytes.size()) {
        m_after_cr = false;
        m_line.append(bytes.data() + start, bytes.size() - start);
        if (m_line.size() > m_max_line)
            return user_error("the teacher's stream has a line longer than " + std::to_string(m_max_line) +
                              " bytes");
    }
    return Status::success();
}

void SseParser::end_line(const std::function<void(SseEvent &&)> &on_event) {
    std::string line;
    line.swap(m_line);
    if (line.empty()) {  // a blank line dispatches the event, if it has data
        if (m_has_data) on_event(std::move(m_event));
        m_event = SseEvent{};
        m_has_data = false;
        return;
    }
    if (line.front() == ':') return;  // a comment: keep-alive
    std::string_view field = line;
    std::string_view value;
    if (auto colon = field.find(':'); colon != std::string_view::npos) {
        value = field.substr(colon + 1);
        field = field.substr(0, colon);
        if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
        if (m_has_data) m_event.data += '\n';
        m_event.data.append(value);
        m_has_data = true;
    } else if (field == "event") {
        m_event.event.assign(value);
    }
    // "id", "retry" and unknown fields mean nothing for a completion.
}

Status ChatStream::feed(std::string_view bytes) {
    if (m_error) return *m_error;
    if (m_done) return Status::success();  // anything after [DONE] is ignored
    Status st = m_parser.feed(bytes, [this](SseEvent &&e) { on_event(std::move(e)); });
    if (!st) m_error = st.error();
    if (m_error) return *m_error;
    return Status::success();
}

Status ChatStream::finish() {
    if (m_error) return *m_error;
    if (!m_done)
        return user_error("the teacher's stream ended before [DONE]: the reply is incomplete (" +
                          std::to_string(m_text.size()) + " bytes of text arrived)");
    return Status::success();
}

void ChatStream::on_event(SseEvent &&e) {
    if (m_done || m_error) return;
    if (e.data == "[DONE]") {
        m_done = true;
        return;
    }
    auto j = nlohmann::json::parse(e.data, nullptr, /*allow_exceptions=*/false);
    if (e.event == "error" || (j.is_object() && j.contains("error"))) {
        std::string msg = server_message(e.data, "application/json", {});
        m_error = user_error("the teacher sent an error in the middle of the stream: " +
                             (msg.empty() ? std::string("(no message)") : msg));
        return;
    }
    if (j.is_discarded() || !j.is_object()) {
        m_error = user_error("the teacher's stream sent a chunk that is not JSON: \"" + safe_excerpt(e.data) +
                             "\"");
        return;
    }
    if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
        if (auto p = u->find("prompt_tokens"); p != u->end() && p->is_number_integer())
            m_prompt_tokens = p->get<int>();
        if (auto c = u->find("completion_tokens"); c != u->end() && c->is_number_integer())
            m_completion_tokens = c->get<int>();
    }
    auto choices = j.find("choices");
    if (choices == j.end() || !choices->is_array() || choices->empty()) return;  // e.g. the usage chunk
    const auto &choice = (*choices)[0];
    if (!choice.is_object()) return;
    if (auto d = choice.find("delta"); d != choice.end() && d->is_object()) {
        if (auto c = d->find("content"); c != d->end() && c->is_string())
            m_text += c->get_ref<const std::string &>();
    }
    if (auto f = choice.find("finish_reason"); f != choice.end() && f->is_string())
        m_finish_reason = f->get<std::string>();
}

}  // namespace smolify::teacher
