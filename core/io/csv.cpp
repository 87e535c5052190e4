// RFC 4180 CSV reading and quoting; see csv.h for the contract.
// The reader is a byte-at-a-time state machine over a fixed buffer: simple to check against the RFC,
// and fast enough (hundreds of MB/s) next to the SQLite inserts that follow it.
#include "io/csv.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace smolify::io {

CsvReader::CsvReader(ReadFn read, std::size_t max_record_bytes, std::size_t buffer_bytes)
    : m_read(std::move(read)),
      m_max_record_bytes(max_record_bytes),
      m_buf(std::max<std::size_t>(buffer_bytes, 4)) {}

bool CsvReader::ensure(std::size_t n) {
    while (m_end - m_pos < n) {
        if (m_eof) return false;
        if (m_pos > 0) {  // keep the unread tail at the front so the buffer never grows
            std::memmove(m_buf.data(), m_buf.data() + m_pos, m_end - m_pos);
            m_end -= m_pos;
            m_pos = 0;
        }
        auto got = m_read(m_buf.data() + m_end, m_buf.size() - m_end);
        if (!got) {
            m_read_status = got.error();
            m_eof = true;
            return false;
        }
        if (*got == 0) {
            m_eof = true;
            return false;
        }
        m_end += std::min(*got, m_buf.size() - m_end);
    }
    return true;
}

int CsvReader::peek() {
    if (m_pos == m_end && !ensure(1)) return -1;
    return static_cast<unsigned char>(m_buf[m_pos]);
}

int CsvReader::get() {
    int c = peek();
    if (c >= 0) {
        ++m_pos;
        ++m_consumed;
        if (c == '\n') ++m_line;
    }
    return c;
}

Result<bool> CsvReader::next(CsvRecord &record) {
    record.fields.clear();
    record.blank = false;
    record.too_long = false;
    record.error.clear();

    if (!m_started) {
        m_started = true;
        if (ensure(3) && std::memcmp(m_buf.data() + m_pos, "\xEF\xBB\xBF", 3) == 0) {
            m_pos += 3;
            m_consumed += 3;
        }
    }
    if (peek() < 0) {
        if (!m_read_status) return m_read_status.error();
        return false;
    }

    enum class State { field_start, unquoted, quoted, after_quote };
    State state = State::field_start;
    record.line = m_line;
    std::string field;
    std::size_t field_index = 0;  // counted apart from fields.size(), which stays 0 once too_long
    std::size_t record_bytes = 0;

    auto append = [&](char c) {
        if (!record.too_long) field.push_back(c);
    };
    auto end_field = [&] {
        if (!record.too_long) record.fields.push_back(std::move(field));
        field.clear();
        ++field_index;
    };
    auto fail = [&](std::string message) {
        if (record.error.empty()) record.error = std::move(message);
    };

    for (;;) {
        int c = get();
        if (c < 0) {
            if (!m_read_status) return m_read_status.error();
            if (state == State::quoted) fail("a quoted field is never closed: the file ends inside it");
            end_field();
            break;
        }
        ++record_bytes;
        // CRLF ends a record like LF does: outside quotes, a CR before an LF (or the end) is dropped.
        if (c == '\r' && state != State::quoted && (peek() == '\n' || peek() < 0)) continue;

        bool record_done = false;
        switch (state) {
            case State::field_start:
                if (c == '"') {
                    state = State::quoted;
                } else if (c == ',') {
                    end_field();
                } else if (c == '\n') {
                    record.blank = field_index == 0;
                    end_field();
                    record_done = true;
                } else {
                    append(static_cast<char>(c));
                    state = State::unquoted;
                }
                break;
            case State::unquoted:
                // A quote inside an unquoted field is not RFC 4180, but its meaning is plain: keep it.
                if (c == ',') {
                    end_field();
                    state = State::field_start;
                } else if (c == '\n') {
                    end_field();
                    record_done = true;
                } else {
                    append(static_cast<char>(c));
                }
                break;
            case State::quoted:
                if (c == '"')
                    state = State::after_quote;
                else
                    append(static_cast<char>(c));
                break;
            case State::after_quote:
                if (c == '"') {  // a doubled quote stands for one quote
                    append('"');
                    state = State::quoted;
                } else if (c == ',') {
                    end_field();
                    state = State::field_start;
                } else if (c == '\n') {
                    end_field();
                    record_done = true;
                } else {
                    fail("field " + std::to_string(field_index + 1) +
                         ": text follows its closing quote (a quote inside a quoted field must be doubled)");
                    append(static_cast<char>(c));
                    state = State::unquoted;
                }
                break;
        }
        if (record_done) break;
        // Count each field's bookkeeping too, so a line of a million commas stays bounded.
        if (!record.too_long &&
            record_bytes + record.fields.size() * sizeof(std::string) > m_max_record_bytes) {
            record.too_long = true;
            record.fields = {};
            field = {};
        }
    }
    if (record.blank) record.fields.assign(1, std::string());
    return true;
}

void csv_append_field(std::string &out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

}  // namespace smolify::io
