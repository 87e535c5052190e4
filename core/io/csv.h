// RFC 4180 CSV for the importer and the data exporter: a streaming record reader and a field quoter.
//
// CsvReader pulls bytes through a ReadFn into one fixed buffer and hands out one record at a time, so
// memory stays bounded whatever the file size: a record over max_record_bytes is read to its end but
// not kept. It accepts quoted fields with doubled quotes and line breaks inside, CRLF or LF record ends,
// a UTF-8 byte order mark, and a last record without a line break. It never throws; malformed quoting is
// reported on the record (CsvRecord::error) and reading goes on with the next record.
// Who calls it: io/import.cpp (reader), io/export_data.cpp (csv_append_field), tests/io.
// Thread-safety: a CsvReader is used by one thread; csv_append_field is a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace smolify::io {

// Fills `buf` with up to `size` bytes; returns how many, 0 at the end of the input, or an error.
using ReadFn = std::function<Result<std::size_t>(char *buf, std::size_t size)>;

struct CsvRecord {
    std::vector<std::string> fields;  // empty when too_long
    int64_t line = 0;                 // 1-based line where the record starts
    bool blank = false;               // an empty line (fields holds one empty field)
    bool too_long = false;            // over max_record_bytes: read to its end, fields dropped
    std::string error;                // non-empty: malformed quoting, e.g. text after a closing quote
};

class CsvReader {
public:
    static constexpr std::size_t kDefaultBufferBytes = 256 * 1024;

    CsvReader(ReadFn read, std::size_t max_record_bytes, std::size_t buffer_bytes = kDefaultBufferBytes);

    // Reads the next record into `record` (its previous content is replaced). Returns false at the end
    // of the input, or the ReadFn's error. A leading UTF-8 byte order mark is skipped.
    Result<bool> next(CsvRecord &record);

    // Bytes taken from the input so far (for progress).
    int64_t bytes_consumed() const { return m_consumed; }

private:
    int get();                   // next byte (0..255) or -1 at the end of the input or on a read error
    int peek();                  // the same without consuming it
    bool ensure(std::size_t n);  // at least n bytes buffered, unless the input ends first

    ReadFn m_read;
    std::size_t m_max_record_bytes;
    std::vector<char> m_buf;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_started = false;
    Status m_read_status;
    int64_t m_line = 1;  // line of the next byte
    int64_t m_consumed = 0;
};

// Appends `field` to `out`, quoted (with quotes doubled) when it holds a comma, a quote, CR or LF.
void csv_append_field(std::string &out, std::string_view field);

}  // namespace smolify::io
