// libFuzzer target: io::CsvReader (core/io/csv.h), the streaming RFC 4180 reader behind CSV import.
//
// Input: 3 control bytes, then the CSV text.
//   byte 0: buffer size, 1 + (b & 63) bytes (the reader raises it to at least 4), so records, CRLF
//           pairs, doubled quotes and the byte order mark cross buffer edges;
//   byte 1: max_record_bytes: b & 0x7f, or (b & 0x7f) * 8 when the top bit is set;
//   byte 2: low 7 bits: how the ReadFn splits the input (0: as much as asked, else short reads of
//           1..n bytes); top bit: the ReadFn fails part-way instead of ending.
// Checks, trapping on violation:
//   - no record over max_record_bytes is kept (its fields and their bookkeeping stay within it);
//     a too-long record has no fields; a blank record is exactly one empty field;
//   - record line numbers increase and stay within the input's lines; every record consumes input;
//   - bytes_consumed never decreases, never passes the input size, and equals it at a clean end;
//   - a read error is surfaced, never turned into a clean end;
//   - the records are the same whatever the buffer size and read split (compared with one read of
//     the whole input into a buffer that holds it), and with a read error they are a prefix of those;
//   - csv_append_field round-trips: a good record written back and read again gives its fields.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "io/csv.h"

using smolify::Result;
using smolify::user_error;
using smolify::io::CsvReader;
using smolify::io::CsvRecord;
using smolify::io::ReadFn;

namespace {

// Reads `data` in pieces; fails (instead of ending) once `fail_at` bytes were handed out, if set.
struct Source {
    const char *data;
    std::size_t size;
    std::size_t pos = 0;
    uint32_t split;  // 0: as much as asked
    bool fail = false;
    std::size_t fail_at = 0;
    uint32_t rng = 0x9e3779b9u;

    ReadFn fn() {
        return [this](char *buf, std::size_t n) -> Result<std::size_t> {
            std::size_t limit = fail ? fail_at : size;
            if (pos >= limit) {
                if (fail) return user_error("injected read error");
                return std::size_t{0};
            }
            std::size_t take = std::min(n, limit - pos);
            if (split != 0) {
                rng = rng * 1664525u + 1013904223u;
                take = std::min<std::size_t>(take, 1 + (rng >> 16) % split);
            }
            std::memcpy(buf, data + pos, take);
            pos += take;
            return take;
        };
    }
};

struct Run {
    std::vector<CsvRecord> records;
    bool error = false;
    int64_t consumed = 0;
};

bool same_record(const CsvRecord &a, const CsvRecord &b) {
    return a.fields == b.fields && a.line == b.line && a.blank == b.blank && a.too_long == b.too_long &&
           a.error == b.error;
}

// Reads every record, checking the per-record invariants on the way.
Run read_all(CsvReader &reader, std::size_t max_record_bytes, std::size_t available, int64_t lines) {
    Run run;
    CsvRecord rec;
    int64_t prev_line = 0;
    for (;;) {
        const int64_t before = reader.bytes_consumed();
        auto more = reader.next(rec);
        run.consumed = reader.bytes_consumed();
        FUZZ_CHECK(run.consumed >= before);
        FUZZ_CHECK(run.consumed >= 0 && static_cast<std::size_t>(run.consumed) <= available);
        if (!more) {
            FUZZ_CHECK(!more.error().message.empty());
            run.error = true;
            break;
        }
        if (!*more) break;
        FUZZ_CHECK(run.consumed > before);  // a record takes at least one byte: no endless loop
        FUZZ_CHECK(rec.line > prev_line);
        FUZZ_CHECK(rec.line <= lines);
        prev_line = rec.line;
        if (rec.too_long) {
            FUZZ_CHECK(rec.fields.empty());
            FUZZ_CHECK(!rec.blank);
        } else {
            FUZZ_CHECK(!rec.fields.empty());
            std::size_t kept = (rec.fields.size() - 1) * sizeof(std::string);
            for (const auto &f : rec.fields) kept += f.size();
            FUZZ_CHECK(kept <= max_record_bytes);
        }
        if (rec.blank) {
            FUZZ_CHECK(rec.fields.size() == 1 && rec.fields[0].empty());
            FUZZ_CHECK(rec.error.empty());
        }
        run.records.push_back(rec);
    }
    return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size < 3) return 0;
    const uint8_t c0 = data[0], c1 = data[1], c2 = data[2];
    const char *text = reinterpret_cast<const char *>(data + 3);
    const std::size_t n = size - 3;
    const int64_t lines = smolify::fuzz::count_lines(std::string_view(text, n));

    const std::size_t buffer_bytes = 1 + (c0 & 63u);
    const std::size_t max_record_bytes = (c1 & 0x80u) ? (c1 & 0x7fu) * 8u : (c1 & 0x7fu);
    const bool fail = (c2 & 0x80u) != 0;

    // Reference: the whole input in one read, a buffer that holds all of it, no error.
    Source whole{text, n, 0, 0};
    CsvReader ref_reader(whole.fn(), max_record_bytes, n + 4);
    Run ref = read_all(ref_reader, max_record_bytes, n, lines);
    FUZZ_CHECK(!ref.error);
    FUZZ_CHECK(static_cast<std::size_t>(ref.consumed) == n);  // a clean end has read everything

    // The same input through a small buffer and short reads, maybe failing part-way.
    Source src{text, n, 0, c2 & 0x7fu};
    if (fail) {
        src.fail = true;
        src.fail_at = n == 0 ? 0 : (static_cast<std::size_t>(c0) * 131u + c1) % (n + 1);
    }
    CsvReader reader(src.fn(), max_record_bytes, buffer_bytes);
    Run run = read_all(reader, max_record_bytes, fail ? src.fail_at : n, lines);
    if (!fail) {
        FUZZ_CHECK(!run.error);
        FUZZ_CHECK(run.records.size() == ref.records.size());
        for (std::size_t i = 0; i < run.records.size(); ++i) FUZZ_CHECK(same_record(run.records[i], ref.records[i]));
    } else {
        // Records that ended before the failure are the records of the input cut there; the
        // failure itself must come back as an error, not as the end of the file.
        FUZZ_CHECK(run.error);
        Source cut{text, src.fail_at, 0, 0};
        CsvReader cut_reader(cut.fn(), max_record_bytes, src.fail_at + 4);
        Run cut_run = read_all(cut_reader, max_record_bytes, src.fail_at, lines);
        FUZZ_CHECK(run.records.size() <= cut_run.records.size());
        for (std::size_t i = 0; i < run.records.size(); ++i)
            FUZZ_CHECK(same_record(run.records[i], cut_run.records[i]));
    }

    // Round trip through the writer: a record read without problems, written back with
    // csv_append_field, reads as the same fields. A first line goes before it, so that a field
    // starting with U+FEFF is not taken for a byte order mark.
    for (const CsvRecord &rec : ref.records) {
        if (rec.too_long || rec.blank || !rec.error.empty()) continue;
        std::string line = "x\n";
        for (std::size_t i = 0; i < rec.fields.size(); ++i) {
            if (i) line.push_back(',');
            smolify::io::csv_append_field(line, rec.fields[i]);
        }
        line.push_back('\n');
        const std::size_t limit = line.size() * (1 + sizeof(std::string)) + 64;  // never too long
        Source again{line.data(), line.size(), 0, 0};
        CsvReader again_reader(again.fn(), limit, line.size() + 4);
        Run back = read_all(again_reader, limit, line.size(), smolify::fuzz::count_lines(line));
        FUZZ_CHECK(!back.error && back.records.size() == 2);
        FUZZ_CHECK(back.records[1].error.empty());
        FUZZ_CHECK(back.records[1].fields == rec.fields);
    }
    return 0;
}
