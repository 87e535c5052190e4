// Importing samples from JSONL and CSV files; see import.h for the contract.
//
// Shape: a reader (LineReader for JSONL, CsvReader for CSV) hands out one record at a time from a
// fixed buffer; the record is checked and turned into a NewSample, or into an ImportIssue; an Importer
// queues samples and stores them in batches (one transaction each), reporting progress and honouring
// the cancel flag between batches. Nothing here holds more than one record plus one batch.
// Who calls it: smolify-cli import, the GUI's Data page. Thread-safety: the calling thread only.
#include "io/import.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>
#include <utility>

#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "util/text.h"

namespace smolify::io {

namespace {

using nlohmann::json;

constexpr std::size_t kReadBufferBytes = 256 * 1024;
// A batch is also stored once its text reaches this size, so that batch_size large samples are never
// held at once (2,000 samples of 2 MiB would be 4 GB).
constexpr std::size_t kMaxBatchBytes = 32 * 1024 * 1024;
// Issue messages quote parts of the record (JSON parse errors do); keep them short.
constexpr std::size_t kMaxMessageBytes = 300;

std::string format_bytes(std::size_t n) {
    constexpr std::size_t kib = 1024, mib = 1024 * 1024;
    if (n >= mib && n % mib == 0) return std::to_string(n / mib) + " MiB";
    if (n >= mib) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / static_cast<double>(mib));
        return buf;
    }
    if (n >= kib && n % kib == 0) return std::to_string(n / kib) + " KiB";
    return std::to_string(n) + " bytes";
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The file, read with read(2) so that no layer buffers more than the record reader's own buffer.
class InputFile {
public:
    InputFile() = default;
    ~InputFile() {
        if (m_fd >= 0) ::close(m_fd);
    }
    InputFile(const InputFile &) = delete;
    InputFile &operator=(const InputFile &) = delete;

    Status open(const std::filesystem::path &path) {
        m_path = path;
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            return user_error(path.string() +
                              " is a folder, not a file: give the path of a .jsonl or .csv file");
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) return user_error("cannot open " + path.string() + ": " + std::strerror(errno));
        struct stat st {};
        if (::fstat(m_fd, &st) == 0 && S_ISREG(st.st_mode)) m_size = static_cast<int64_t>(st.st_size);
#ifdef POSIX_FADV_SEQUENTIAL
        ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
        return {};
    }

    Result<std::size_t> read(char *buf, std::size_t n) {
        for (;;) {
            ssize_t got = ::read(m_fd, buf, n);
            if (got >= 0) return static_cast<std::size_t>(got);
            if (errno == EINTR) continue;
            return user_error("cannot read " + m_path.string() + ": " + std::strerror(errno));
        }
    }

    int64_t size() const {
        return m_size;
    }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    int64_t m_size = 0;
};

// Splits the input into lines (LF or CRLF) from a fixed buffer. A line longer than max_line_bytes is
// not kept: the reader skips to its end and says so, so one huge line cannot exhaust memory.
class LineReader {
public:
    enum class Kind { line, too_long, end };

    LineReader(ReadFn read, std::size_t max_line_bytes)
        : m_read(std::move(read)), m_max(max_line_bytes), m_buf(kReadBufferBytes) {}

    // `out` receives the line without its terminator (and without a UTF-8 byte order mark on line 1).
    Result<Kind> next(std::string &out) {
        out.clear();
        bool too_long = false;
        bool any = false;
        for (;;) {
            if (m_pos == m_end) {
                if (m_eof) break;
                auto got = m_read(m_buf.data(), m_buf.size());
                if (!got) return got.error();
                m_pos = 0;
                m_end = std::min(*got, m_buf.size());
                if (m_end == 0) m_eof = true;
                continue;
            }
            const char *start = m_buf.data() + m_pos;
            const auto *nl = static_cast<const char *>(std::memchr(start, '\n', m_end - m_pos));
            std::size_t n = nl ? static_cast<std::size_t>(nl - start) : m_end - m_pos;
            any = true;
            if (!too_long) {
                if (out.size() + n > m_max) {
                    too_long = true;
                    out.clear();
                } else {
                    out.append(start, n);
                }
            }
            m_pos += n;
            m_consumed += static_cast<int64_t>(n);
            if (nl) {
                ++m_pos;
                ++m_consumed;
                break;
            }
        }
        if (!any) return Kind::end;
        ++m_line;
        if (too_long) return Kind::too_long;
        if (!out.empty() && out.back() == '\r') out.pop_back();
        if (m_line == 1 && out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
        return Kind::line;
    }

    int64_t line_number() const { return m_line; }  // of the line last returned
    int64_t bytes_consumed() const { return m_consumed; }

private:
    ReadFn m_read;
    std::size_t m_max;
    std::vector<char> m_buf;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    int64_t m_line = 0;
    int64_t m_consumed = 0;
};

// What a record holds once its format is understood; `labels` name the fields in messages.
struct Fields {
    std::string input;
    std::string output;
    std::string topic;
    std::string_view input_label = "\"input\"";
    std::string_view output_label = "\"output\"";
    std::string provenance_extra;  // appended inside the provenance object, e.g. ,"format":"chat"
};

// Why a field cannot be stored, or empty. The store makes the same checks but refuses a whole batch
// for one bad sample; checking first keeps the batch whole and names the field as the file does.
std::string check_text(std::string_view label, const std::string &text) {
    if (trim(text).empty()) return std::string(label) + " is empty";
    if (text.size() > store::kMaxFieldBytes)
        return std::string(label) + " is " + std::to_string(text.size()) + " bytes, over the " +
               format_bytes(store::kMaxFieldBytes) + " limit for a field";
    if (!utf8_valid(text)) return std::string(label) + " is not valid UTF-8";
    return {};
}

// Queues checked samples and stores them in batches; keeps the report.
class Importer {
public:
    Importer(store::Project &project, const std::filesystem::path &file, const ImportParams &params,
             std::function<int64_t()> position, int64_t bytes_total)
        : m_project(project), m_params(params), m_position(std::move(position)) {
        m_batch_size = std::max<std::size_t>(params.batch_size, 1);
        m_report.totals.stage = "importing";
        m_report.totals.unit = "bytes";
        m_report.totals.total = bytes_total;
        // Only the file name: the provenance travels with the project and the full path may be private.
        json name = file.filename().string();
        m_provenance_prefix =
            "{\"file\":" + name.dump(-1, ' ', false, json::error_handler_t::replace) + ",\"line\":";
        m_batch.reserve(std::min<std::size_t>(m_batch_size, 4096));
    }

    bool stopped() const { return m_stopped; }
    void count_record() { ++m_report.totals.records; }

    void issue(int64_t line, std::string message) {
        ++m_report.totals.malformed;
        if (m_report.issues.size() < m_params.max_issues)
            m_report.issues.push_back(ImportIssue{line, ellipsize(message, kMaxMessageBytes)});
        else
            ++m_report.issues_not_listed;
    }

    // Checks one record and queues it, storing the batch when it is full.
    Status add(int64_t line, Fields &&f) {
        std::string problem = check_text(f.input_label, f.input);
        if (problem.empty()) problem = check_text(f.output_label, f.output);
        if (problem.empty() && f.topic.size() > store::kMaxFieldBytes)
            problem = "the topic is over the field limit";
        if (problem.empty() && !utf8_valid(f.topic)) problem = "the topic is not valid UTF-8";
        if (!problem.empty()) {
            issue(line, std::move(problem));
            return {};
        }
        store::NewSample s;
        s.input = std::move(f.input);
        s.output = std::move(f.output);
        s.topic = std::move(f.topic);
        s.status = m_params.status;
        s.split = m_params.split;
        s.source = store::SampleSource::import;
        if (s.status == store::SampleStatus::rejected) s.reject_reason = "rejected on import";
        s.provenance = m_provenance_prefix + std::to_string(line) + f.provenance_extra + "}";
        if (Status st = store::validate_new_sample(s); !st) {  // the store's own checks, last
            issue(line, st.error().message);
            return {};
        }
        m_batch_bytes += s.input.size() + s.output.size() + s.topic.size();
        m_batch.push_back(std::move(s));
        if (m_batch.size() >= m_batch_size || m_batch_bytes >= kMaxBatchBytes) return flush();
        return {};
    }

    // Stores the queued batch, then reports progress; the cancel flag is honoured before each batch
    // and after it. Returns an error only when the store itself fails (disk full, locked, damaged).
    Status flush() {
        if (!m_batch.empty()) {
            if (cancel_requested()) return stop_cancelled();
            if (Status st = store_batch(); !st) return st;
        }
        if (!m_params.hooks.report(progress())) return stop_cancelled();
        if (cancel_requested()) return stop_cancelled();
        return {};
    }

    // The end of the file: stores what is left and reports the final totals. Cancelling now would
    // leave nothing undone, so the callback's answer no longer matters.
    Status finish() {
        if (m_stopped) return {};
        if (!m_batch.empty()) {
            if (cancel_requested()) return stop_cancelled();
            if (Status st = store_batch(); !st) return st;
        }
        if (m_params.hooks.on_progress) (void)m_params.hooks.on_progress(progress());
        return {};
    }

    // A failure that ends the import: say how far it got, since the batches before it are stored.
    Error fatal(const Error &e) const {
        return Error{e.kind, "the import stopped at byte " + std::to_string(m_position()) +
                                 " after storing " + std::to_string(m_report.totals.imported) +
                                 " new samples: " + e.message};
    }

    // The report, or job::cancelled when the import was cancelled (what was stored stays).
    Result<ImportReport> take_report() {
        progress();
        if (m_stopped) {
            const auto &t = m_report.totals;
            return job::cancelled(std::to_string(t.imported) + " new samples of the first " +
                                  std::to_string(t.records) + " records were stored");
        }
        return std::move(m_report);
    }

private:
    bool cancel_requested() const { return m_params.hooks.cancelled(); }

    Status stop_cancelled() {
        m_stopped = true;
        clear_batch();
        return {};
    }

    const ImportProgress &progress() {
        m_report.totals.done = m_position();
        return m_report.totals;
    }

    void clear_batch() {
        m_batch.clear();
        m_batch_bytes = 0;
    }

    void account(const store::InsertResult &r) {
        m_report.totals.imported += r.inserted;
        m_report.totals.duplicates += r.duplicates;
    }

    Status store_batch() {
        // Every queued sample passed store::validate_new_sample, so a failure here is not the file's
        // fault (disk full, project busy or damaged): stop, saying how far the import got.
        auto r = m_project.insert_samples(m_batch);
        if (!r) return fatal(r.error());
        account(*r);
        clear_batch();
        return {};
    }

    store::Project &m_project;
    const ImportParams &m_params;
    std::function<int64_t()> m_position;
    std::size_t m_batch_size = 1;
    std::string m_provenance_prefix;
    std::vector<store::NewSample> m_batch;
    std::size_t m_batch_bytes = 0;
    ImportReport m_report;
    bool m_stopped = false;
};

// --- JSONL ------------------------------------------------------------------------------------------

std::string a_type_name(const json &j) {
    std::string_view t = j.type_name();
    bool vowel = !t.empty() && std::string_view("aeiou").find(t[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(t);
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1, " lead-in.
std::string json_error_text(const std::exception &e) {
    std::string_view msg = e.what();
    if (auto p = msg.find("] "); msg.starts_with("[json.exception.") && p != std::string_view::npos)
        msg.remove_prefix(p + 2);
    if (msg.starts_with("parse error at line 1, "))
        msg.remove_prefix(std::string_view("parse error at line 1, ").size());
    return std::string(msg);
}

// The text of a chat message's content: a string, or an array of {"type":"text","text":...} parts
// (joined as they are: the API reads them as one text).
std::string chat_content(json &message, std::size_t index, std::string &text) {
    std::string where = "message " + std::to_string(index + 1);
    auto it = message.find("content");
    if (it == message.end()) return where + " has no \"content\"";
    if (it->is_null()) return {};
    if (it->is_string()) {
        text = std::move(it->get_ref<std::string &>());
        return {};
    }
    if (!it->is_array())
        return where + ": \"content\" is " + a_type_name(*it) + ", not a string or a list of parts";
    for (auto &part : *it) {
        if (!part.is_object()) return where + " has a content part that is not an object";
        auto type = part.find("type");
        auto part_text = part.find("text");
        if (type == part.end() || !type->is_string() || type->get_ref<const std::string &>() != "text") {
            std::string kind = type != part.end() && type->is_string() ? type->get<std::string>() : "?";
            return where + " has a \"" + ellipsize(kind, 40) + "\" part; only text can be imported";
        }
        if (part_text == part.end() || !part_text->is_string())
            return where + " has a text part without \"text\"";
        text += part_text->get_ref<const std::string &>();
    }
    return {};
}

// OpenAI chat format: one user message and the assistant reply after it; system messages are allowed
// and ignored (the task spec supplies the instruction), noted in the provenance.
std::string extract_chat(json &messages, Fields &f) {
    if (!messages.is_array()) return "\"messages\" is " + a_type_name(messages) + ", not a list";
    enum class Role { user, assistant };
    std::vector<Role> turns;
    bool system = false;
    std::size_t users = 0;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        json &m = messages[i];
        std::string where = "message " + std::to_string(i + 1);
        if (!m.is_object()) return where + " is not an object";
        auto role_it = m.find("role");
        if (role_it == m.end() || !role_it->is_string()) return where + " has no \"role\"";
        const std::string &role = role_it->get_ref<const std::string &>();
        if (role == "system" || role == "developer") {
            system = true;
            continue;
        }
        if (role != "user" && role != "assistant")
            return where + " has the role \"" + ellipsize(role, 40) +
                   "\"; only system, user and assistant messages can be imported";
        std::string text;
        if (std::string problem = chat_content(m, i, text); !problem.empty()) return problem;
        if (role == "user") {
            ++users;
            turns.push_back(Role::user);
            f.input = std::move(text);
        } else {
            turns.push_back(Role::assistant);
            f.output = std::move(text);
        }
    }
    if (users == 0) return "no \"user\" message";
    if (users > 1)
        return "a multi-turn conversation (" + std::to_string(users) +
               " user messages): only one user message and one assistant reply can be imported";
    if (turns.size() == 1) return "no \"assistant\" reply after the user message";
    if (turns.size() != 2 || turns[0] != Role::user)
        return "the conversation must be one user message followed by one assistant reply";
    f.input_label = "the user message";
    f.output_label = "the assistant reply";
    f.provenance_extra =
        system ? ",\"format\":\"chat\",\"system_message\":\"ignored\"" : ",\"format\":\"chat\"";
    return {};
}

// A field that must be a string: why it cannot be used, or empty.
std::string take_string(json &obj, const char *key, std::string &out, bool required) {
    auto it = obj.find(key);
    if (it == obj.end() || (!required && it->is_null()))
        return required ? "missing \"" + std::string(key) + "\"" : "";
    if (!it->is_string()) return "\"" + std::string(key) + "\" is " + a_type_name(*it) + ", not a string";
    out = std::move(it->get_ref<std::string &>());
    return {};
}

std::string extract_jsonl(json &j, Fields &f) {
    if (!j.is_object()) return "not a JSON object (found " + a_type_name(j) + ")";
    if (auto messages = j.find("messages"); messages != j.end()) return extract_chat(*messages, f);
    if (!j.contains("input") && !j.contains("output"))
        return "needs \"input\" and \"output\" (or \"messages\" for the chat format)";
    if (auto p = take_string(j, "input", f.input, true); !p.empty()) return p;
    if (auto p = take_string(j, "output", f.output, true); !p.empty()) return p;
    return take_string(j, "topic", f.topic, false);
}

Status import_jsonl(Importer &imp, LineReader &reader, const std::filesystem::path &file,
                    const ImportParams &params) {
    std::string line;
    bool first = true;
    while (!imp.stopped()) {
        auto kind = reader.next(line);
        if (!kind) return imp.fatal(kind.error());
        if (*kind == LineReader::Kind::end) break;
        int64_t line_no = reader.line_number();
        if (*kind == LineReader::Kind::too_long) {
            imp.count_record();
            imp.issue(line_no, "longer than " + format_bytes(params.max_record_bytes) + "; skipped");
            first = false;
            continue;
        }
        std::string_view text = trim(line);
        if (text.empty()) continue;  // blank lines are allowed between records
        imp.count_record();
        if (first && text.front() == '[')
            return user_error(
                file.string() +
                " starts with '[': it looks like one JSON array, but Smolify "
                "imports JSON Lines (one object per line). Convert it first, e.g. with: jq -c '.[]' " +
                file.filename().string() + " > " + file.stem().string() + ".jsonl");
        first = false;
        if (!utf8_valid(line)) {
            imp.issue(line_no, "not valid UTF-8");
            continue;
        }
        Fields f;
        std::string problem;
        try {
            json j = json::parse(line);
            problem = extract_jsonl(j, f);
        } catch (const json::parse_error &e) {
            problem = "not valid JSON: " + json_error_text(e);
        } catch (const std::exception &e) {
            problem = "cannot be read: " + json_error_text(e);
        }
        if (!problem.empty()) {
            imp.issue(line_no, std::move(problem));
            continue;
        }
        if (Status st = imp.add(line_no, std::move(f)); !st) return st;
    }
    return {};
}

// --- CSV --------------------------------------------------------------------------------------------

struct CsvColumns {
    std::size_t count = 0;
    std::size_t input = 0, output = 0;
    std::optional<std::size_t> topic;
};

Result<CsvColumns> read_csv_header(CsvReader &reader, CsvRecord &rec, const std::filesystem::path &file,
                                   const ImportParams &params) {
    const std::string hint = "; the first row must name the columns, including input and output";
    for (;;) {
        auto more = reader.next(rec);
        if (!more) return more.error();
        if (!*more) return user_error(file.string() + " is empty: it has no header row" + hint);
        if (!rec.blank) break;
    }
    std::string where = file.string() + " line " + std::to_string(rec.line) + ": ";
    if (rec.too_long)
        return user_error(where + "the header row is longer than " + format_bytes(params.max_record_bytes) +
                          hint);
    if (!rec.error.empty()) return user_error(where + "the header row is malformed: " + rec.error);
    CsvColumns cols;
    cols.count = rec.fields.size();
    std::optional<std::size_t> input, output;
    for (std::size_t i = 0; i < rec.fields.size(); ++i) {
        std::string name = lower_ascii(trim(rec.fields[i]));
        std::optional<std::size_t> *slot = name == "input"    ? &input
                                           : name == "output" ? &output
                                           : name == "topic"  ? &cols.topic
                                                              : nullptr;
        if (!slot) continue;
        if (*slot) return user_error(where + "the header names the column \"" + name + "\" twice");
        *slot = i;
    }
    if (!input || !output) {
        std::string found;
        for (const auto &name : rec.fields)
            found += (found.empty() ? "" : ", ") + ellipsize(trim(name), 40);
        return user_error(where + "the header row must name the columns input and output (found: " +
                          ellipsize(found, 200) + ")");
    }
    cols.input = *input;
    cols.output = *output;
    return cols;
}

Status import_csv(Importer &imp, CsvReader &reader, const std::filesystem::path &file,
                  const ImportParams &params) {
    CsvRecord rec;
    auto header = read_csv_header(reader, rec, file, params);
    if (!header) return header.error();
    const CsvColumns cols = *header;
    while (!imp.stopped()) {
        auto more = reader.next(rec);
        if (!more) return imp.fatal(more.error());
        if (!*more) break;
        if (rec.blank) continue;
        imp.count_record();
        if (rec.too_long) {
            imp.issue(rec.line, "longer than " + format_bytes(params.max_record_bytes) + "; skipped");
            continue;
        }
        if (!rec.error.empty()) {
            imp.issue(rec.line, rec.error);
            continue;
        }
        if (rec.fields.size() != cols.count) {
            imp.issue(rec.line, "has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                                    std::to_string(cols.count));
            continue;
        }
        Fields f;
        f.input = std::move(rec.fields[cols.input]);
        f.output = std::move(rec.fields[cols.output]);
        if (cols.topic) f.topic = std::move(rec.fields[*cols.topic]);
        if (Status st = imp.add(rec.line, std::move(f)); !st) return st;
    }
    return {};
}

Result<ImportFormat> resolve_format(const std::filesystem::path &file, ImportFormat format) {
    if (format != ImportFormat::auto_detect) return format;
    std::string ext = lower_ascii(file.extension().string());
    if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return ImportFormat::jsonl;
    if (ext == ".csv") return ImportFormat::csv;
    return user_error(
        "cannot tell the format of " + file.string() +
        " from its name: Smolify imports JSON Lines (.jsonl, .ndjson or .json: one "
        "{\"input\",\"output\"} or {\"messages\":[...]} object per line) and CSV (.csv with "
        "input and output columns). Rename the file, or name its format with --format jsonl|csv");
}

}  // namespace

std::optional<ImportFormat> parse_import_format(std::string_view s) {
    if (s == "auto") return ImportFormat::auto_detect;
    if (s == "jsonl") return ImportFormat::jsonl;
    if (s == "csv") return ImportFormat::csv;
    return std::nullopt;
}

Result<ImportReport> import_samples(store::Project &project, const std::filesystem::path &file,
                                    const ImportParams &params) {
    InputFile in;
    if (Status st = in.open(file); !st) return st.error();
    auto format = resolve_format(file, params.format);
    if (!format) return format.error();

    ReadFn read = [&in](char *buf, std::size_t n) { return in.read(buf, n); };
    Status st;
    if (*format == ImportFormat::csv) {
        CsvReader reader(std::move(read), params.max_record_bytes, kReadBufferBytes);
        Importer imp(
            project, file, params, [&reader] { return reader.bytes_consumed(); }, in.size());
        st = import_csv(imp, reader, file, params);
        if (st) st = imp.finish();
        if (st) return imp.take_report();
    } else {
        LineReader reader(std::move(read), params.max_record_bytes);
        Importer imp(
            project, file, params, [&reader] { return reader.bytes_consumed(); }, in.size());
        st = import_jsonl(imp, reader, file, params);
        if (st) st = imp.finish();
        if (st) return imp.take_report();
    }
    return st.error();
}

}  // namespace smolify::io
