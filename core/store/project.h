// The project store: one SQLite file `NAME.smolify` plus a sibling folder `NAME.artifacts/` for
// checkpoints and exports. Everything the user approved, edited or paid for lives in the file.
//
// Who calls it: the CLI, the GUI (ui/), importers and every later engine stage.
// Thread-safety: a Project owns one SQLite connection and must be used by one thread at a time.
// Open one Project per thread: the file is in WAL mode, so readers (the GUI) never block on a
// writer (a background import or training job), and writers wait up to a busy timeout for each other.
// Every multi-row write runs in one transaction. Errors come back as values, never as exceptions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/types.h"
#include "util/result.h"

struct sqlite3;

namespace smolify::store {

class Db;

struct CreateParams {
    std::string intent;          // what the user typed; required, at most kMaxIntentBytes
    std::string name;            // display name; defaults to the file's stem
    std::string teacher_url;     // OpenAI-compatible base URL, optional
    std::string teacher_model;   // optional
    std::string teacher_key_env; // NAME of an environment variable holding the key; never the key
};

struct OpenParams {
    bool read_only = false;    // open without write access (no migration is possible then)
    bool quick_check = true;   // run PRAGMA quick_check before trusting the file
};

class Project {
public:
    ~Project();
    Project(const Project &) = delete;
    Project &operator=(const Project &) = delete;

    // Creates `path` (which must not exist; ".smolify" is the expected extension) and its artifacts
    // folder. Fails with a user error if the file exists or the intent is empty or too large.
    static Result<std::unique_ptr<Project>> create(const std::filesystem::path &path, const CreateParams &params);

    // Opens an existing project: checks it is an SQLite file, that it is a Smolify project
    // (application id), that it is intact (quick_check) and not from a newer Smolify, then migrates
    // it forward. A foreign or damaged file is refused with a message saying what to do.
    static Result<std::unique_ptr<Project>> open(const std::filesystem::path &path, const OpenParams &params = {});

    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path artifacts_dir() const;  // NAME.artifacts next to NAME.smolify

    // --- project ------------------------------------------------------------------------------
    Result<ProjectInfo> info();
    Status set_intent(std::string_view intent);
    Status set_teacher(const TeacherConfig &teacher);
    Result<SampleCounts> counts();

    // --- task spec (versioned: saving never overwrites, it adds a version) ---------------------
    Result<std::optional<TaskSpec>> current_spec();
    Result<std::optional<TaskSpec>> spec(int64_t version);
    Result<std::vector<TaskSpec>> spec_history();
    Result<int64_t> save_spec(const TaskSpec &spec);  // returns the new version number

    // --- samples ------------------------------------------------------------------------------
    // Inserts a batch in one transaction. Samples whose content hash already exists are skipped and
    // counted as duplicates (also duplicates inside the batch). Invalid samples (empty or not UTF-8
    // or over kMaxFieldBytes) fail the whole batch with a user error naming the first bad one.
    Result<InsertResult> insert_samples(std::span<const NewSample> samples);

    Result<std::optional<Sample>> sample(int64_t id);
    Result<std::vector<Sample>> samples(const SampleQuery &query);
    // Ids only, in query order: what the GUI table keeps in memory (8 bytes a row).
    Result<std::vector<int64_t>> sample_ids(const SampleQuery &query);
    // Rows for the given ids, in the order given; ids that no longer exist are left out.
    // preview_chars > 0 cuts input and output to that many characters (a table needs no more,
    // and a page of 1 MiB samples would otherwise cost hundreds of MiB).
    Result<std::vector<Sample>> samples_by_ids(std::span<const int64_t> ids, int preview_chars = 0);
    Result<int64_t> count_samples(const SampleFilter &filter);
    // Streams every matching sample in query order without holding them all; `fn` returns false to
    // stop early. The callback must not call back into this Project.
    Status for_each_sample(const SampleQuery &query, const std::function<bool(const Sample &)> &fn);

    // Review decisions, in one transaction. Rejecting needs a non-empty reason. Unknown ids fail the
    // whole call with a user error and change nothing. Returns what each sample was before, so the
    // caller can undo with restore_reviews().
    Result<std::vector<PriorReview>> review(std::span<const int64_t> ids, SampleStatus status,
                                            std::string_view reason = {});
    Status restore_reviews(std::span<const PriorReview> prior);
    Status set_split(std::span<const int64_t> ids, Split split);

    // Edits a sample's text. The history keeps every version: on the first edit revision 1 is the
    // original teacher or import text and revision 2 the edit; later edits append. No edit ever
    // loses what was paid for. Editing to the text of another sample is refused (user error).
    Status edit_sample(int64_t id, std::string_view input, std::string_view output,
                       std::string_view editor = "user");
    Result<std::vector<Revision>> revisions(int64_t sample_id);  // oldest first; empty if never edited

    // --- settings (small key/value strings that belong to the project) -----------------------
    Result<std::optional<std::string>> setting(std::string_view key);
    Status set_setting(std::string_view key, std::string_view value);

    // The schema version of the open file (after migration).
    int schema_version() const { return m_schema_version; }

    // For later engine stages (journal, runs, metrics) that add their own queries in core/.
    Db &db() { return *m_db; }

private:
    Project(std::filesystem::path path, std::unique_ptr<Db> db, int schema_version);

    std::filesystem::path m_path;
    std::unique_ptr<Db> m_db;
    int m_schema_version = 0;
};

// The checks insert_samples makes on each sample (non-empty UTF-8 text within kMaxFieldBytes, a
// reason for a rejection). Callers that batch samples from outside check each one first, so one bad
// record never fails a whole batch.
Status validate_new_sample(const NewSample &sample);

// Folder beside a project file where checkpoints and exports go: "x/NAME.smolify" -> "x/NAME.artifacts".
std::filesystem::path artifacts_dir_for(const std::filesystem::path &project_path);

}  // namespace smolify::store
