// Plain value types of the project store. No behaviour beyond string conversions; safe to copy
// between threads (the GUI's worker threads pass them to the GUI thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smolify::store {

// Limits on what enters the store from outside (files, the teacher, the user).
inline constexpr std::size_t kMaxIntentBytes = 64 * 1024;
inline constexpr std::size_t kMaxFieldBytes = 1024 * 1024;  // one sample's input or output

enum class SampleStatus { pending, approved, rejected };
enum class Split { train, test };
enum class SampleSource { teacher, import, manual };

std::string_view to_string(SampleStatus s);
std::string_view to_string(Split s);
std::string_view to_string(SampleSource s);
std::optional<SampleStatus> parse_status(std::string_view s);
std::optional<Split> parse_split(std::string_view s);
std::optional<SampleSource> parse_source(std::string_view s);

struct TeacherConfig {
    std::string base_url;  // e.g. http://localhost:11434/v1
    std::string model;
    std::string key_env;   // name of the environment variable holding the API key
};

struct SampleCounts {
    int64_t pending = 0, approved = 0, rejected = 0;
    int64_t train = 0, test = 0;
    int64_t total = 0;
    // by_status_split[status][split]
    int64_t by_status_split[3][2] = {};
};

struct ProjectInfo {
    std::string name;
    std::string intent;
    TeacherConfig teacher;
    int64_t created_at = 0;        // Unix seconds, UTC
    std::string created_by;        // Smolify version that created the file
    int schema_version = 0;
    std::optional<int64_t> spec_version;  // current task spec, if any
    SampleCounts counts;
};

struct TaskSpec {
    int64_t version = 0;              // assigned by save_spec
    std::string kind;                 // "sectioned", "extraction", "classification", "free_text"
    std::string instruction;          // what the student is told
    std::string input_description;
    std::string output_contract;      // JSON text: sections / schema / labels / limits
    std::string body;                 // JSON text: the whole spec (axes, seeds, ...)
    std::string author = "user";      // "user" or "teacher"
    int64_t created_at = 0;
};

struct Sample {
    int64_t id = 0;
    std::string input;
    std::string output;
    SampleStatus status = SampleStatus::pending;
    Split split = Split::train;
    SampleSource source = SampleSource::import;
    std::string reject_reason;
    std::string topic;
    std::string provenance;           // JSON text: teacher model, call id, file and line, ...
    std::optional<int64_t> spec_version;
    std::optional<int64_t> teacher_call_id;
    std::string content_hash;
    int64_t created_at = 0;
    std::optional<int64_t> reviewed_at;
    int64_t updated_at = 0;
    int revision_count = 0;           // versions in the edit history; 0 if never edited
};

struct NewSample {
    std::string input;
    std::string output;
    SampleStatus status = SampleStatus::pending;
    Split split = Split::train;
    SampleSource source = SampleSource::import;
    std::string reject_reason;        // required when status is rejected
    std::string topic;
    std::string provenance;           // JSON text or empty
    std::optional<int64_t> spec_version;
    std::optional<int64_t> teacher_call_id;
};

struct InsertResult {
    int64_t inserted = 0;
    int64_t duplicates = 0;
    std::vector<int64_t> ids;         // ids of inserted samples, in input order
};

enum class SampleSort { id, status, split, source, input, output, topic, created, reviewed };

struct SampleFilter {
    std::optional<SampleStatus> status;
    std::optional<Split> split;
    std::optional<SampleSource> source;
    std::string text;                 // case-insensitive (ASCII) substring of input, output or reason
};

struct SampleQuery {
    SampleFilter filter;
    SampleSort sort = SampleSort::id;
    bool descending = false;
    int64_t offset = 0;
    int64_t limit = -1;               // -1: no limit
};

struct PriorReview {
    int64_t id = 0;
    SampleStatus status = SampleStatus::pending;
    std::string reject_reason;
    std::optional<int64_t> reviewed_at;
};

struct Revision {
    int64_t sample_id = 0;
    int revision = 0;                 // 1 = the original text, then one per edit
    std::string input;
    std::string output;
    std::string author;               // "teacher", "import", "manual" (the original) or the editor
    int64_t created_at = 0;           // when this version was written
};

}  // namespace smolify::store
