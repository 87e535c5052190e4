// libFuzzer target: io::import_samples (core/io/import.h), the JSONL and CSV importer, into a real
// project store.
//
// Input: 1 control byte, then the file's content.
//   bit 0: 0 writes the file as in.jsonl, 1 as in.csv (the format is told by the extension);
//   bits 1-3: batch_size 1..8;  bits 4-6: max_record_bytes 16 << (0..7), 16 B..2 KiB;
//   bit 7: import as approved test samples instead of pending train samples.
// One project per process, created in LLVMFuzzerInitialize and recreated every kRecreateEvery
// iterations so that it stays small and each iteration stays cheap.
// Checks, trapping on violation:
//   - a failed import is a user error and stored nothing;
//   - records = imported + duplicates + malformed; issues listed + not listed = malformed, with at
//     most max_issues listed, in file order, with line numbers inside the file and short messages;
//   - done = total = the file's size in bytes; progress never goes backwards;
//   - the project holds exactly `imported` more samples, each with non-empty valid UTF-8 input and
//     output within the field limit, the requested status and split, source import, and a provenance
//     that is JSON naming the file and a line inside it;
//   - the project still opens (identity and quick_check) beside the open connection (checked every
//     kReopenEvery iterations: a failure there may come from any of the inputs since the last check).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "io/import.h"
#include "store/project.h"
#include "util/text.h"

namespace io = smolify::io;
namespace store = smolify::store;
namespace fs = std::filesystem;

namespace {

constexpr int kRecreateEvery = 2000;
constexpr int kReopenEvery = 8;
constexpr std::size_t kMaxIssues = 3;
constexpr std::size_t kMaxMessageBytes = 300;  // io/import.cpp's limit on an issue's message

struct State {
    smolify::fuzz::ScratchDir dir{"import"};
    std::unique_ptr<store::Project> project;
    int iterations = 0;
    int64_t samples = 0;  // in the project
    int64_t max_id = 0;   // highest sample id so far

    fs::path project_path() const { return dir.path() / "fuzz.smolify"; }

    void recreate() {
        project.reset();
        smolify::fuzz::remove_quietly(project_path());
        smolify::fuzz::remove_quietly(project_path().string() + "-wal");
        smolify::fuzz::remove_quietly(project_path().string() + "-shm");
        smolify::fuzz::remove_quietly(store::artifacts_dir_for(project_path()));
        auto created = store::Project::create(project_path(), {.intent = "fuzz the importer"});
        FUZZ_CHECK_MSG(created.ok(), created.error().message);
        project = std::move(*created);
        samples = 0;
        max_id = 0;
    }
};

State &state() {
    static State s;  // destroyed at exit: closes the project and removes the scratch folder
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    state().recreate();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size < 1) return 0;
    State &st = state();
    if (++st.iterations % kRecreateEvery == 0) st.recreate();

    const uint8_t control = data[0];
    const bool csv = (control & 1u) != 0;
    const bool approved = (control & 0x80u) != 0;
    io::ImportParams params;
    params.batch_size = 1 + ((control >> 1) & 7u);
    params.max_record_bytes = std::size_t{16} << ((control >> 4) & 7u);
    params.max_issues = kMaxIssues;
    params.status = approved ? store::SampleStatus::approved : store::SampleStatus::pending;
    params.split = approved ? store::Split::test : store::Split::train;

    const std::string_view content(reinterpret_cast<const char *>(data + 1), size - 1);
    const int64_t lines = smolify::fuzz::count_lines(content);
    const std::string file_name = csv ? "in.csv" : "in.jsonl";
    const fs::path file = st.dir.path() / file_name;
    smolify::fuzz::write_file(file, data + 1, size - 1);

    io::ImportProgress last;
    params.hooks.on_progress = [&](const io::ImportProgress &p) {
        FUZZ_CHECK(p.done >= last.done && p.done <= p.total && p.unit == "bytes");
        FUZZ_CHECK(p.records >= last.records && p.imported >= last.imported);
        FUZZ_CHECK(p.duplicates >= last.duplicates && p.malformed >= last.malformed);
        FUZZ_CHECK(p.imported + p.duplicates + p.malformed <= p.records);
        last = p;
        return true;
    };

    auto report = io::import_samples(*st.project, file, params);
    auto count = st.project->count_samples({});
    FUZZ_CHECK_MSG(count.ok(), count.error().message);

    if (!report) {
        // Only the file's shape can fail an import here (a leading '[', a bad CSV header): the
        // project is healthy and on tmpfs. Such a failure comes before any batch is stored.
        FUZZ_CHECK_MSG(report.error().kind == smolify::ErrorKind::user, report.error().message);
        FUZZ_CHECK(!report.error().message.empty());
        FUZZ_CHECK(*count == st.samples);
        return 0;
    }

    const io::ImportProgress &t = report->totals;
    FUZZ_CHECK(t.imported >= 0 && t.duplicates >= 0 && t.malformed >= 0);
    FUZZ_CHECK(t.imported + t.duplicates + t.malformed == t.records);
    FUZZ_CHECK(t.total == static_cast<int64_t>(content.size()));
    FUZZ_CHECK(t.done == t.total);
    FUZZ_CHECK(report->issues.size() <= kMaxIssues);
    FUZZ_CHECK(static_cast<int64_t>(report->issues.size()) + report->issues_not_listed == t.malformed);
    int64_t prev_line = 0;
    for (const io::ImportIssue &issue : report->issues) {
        FUZZ_CHECK(issue.line >= 1 && issue.line <= lines);
        FUZZ_CHECK(issue.line >= prev_line);  // "in file order" (import.h)
        prev_line = issue.line;
        // ellipsize() adds its "…" (3 bytes) after cutting to the limit.
        FUZZ_CHECK(!issue.message.empty() && issue.message.size() <= kMaxMessageBytes + 3);
    }

    FUZZ_CHECK(*count == st.samples + t.imported);
    // The new samples: ids only grow (nothing is deleted here), so they are the last `imported`.
    store::SampleQuery fresh;
    fresh.descending = true;
    fresh.limit = t.imported;
    int64_t seen = 0, newest = st.max_id;
    smolify::Status each = st.project->for_each_sample(fresh, [&](const store::Sample &s) {
        FUZZ_CHECK(s.id > st.max_id);
        ++seen;
        newest = std::max(newest, s.id);
        FUZZ_CHECK(!smolify::trim(s.input).empty() && !smolify::trim(s.output).empty());
        FUZZ_CHECK(s.input.size() <= store::kMaxFieldBytes && s.output.size() <= store::kMaxFieldBytes);
        FUZZ_CHECK(smolify::utf8_valid(s.input) && smolify::utf8_valid(s.output));
        FUZZ_CHECK(smolify::utf8_valid(s.topic));
        FUZZ_CHECK(s.status == params.status && s.split == params.split);
        FUZZ_CHECK(s.source == store::SampleSource::import);
        auto prov = nlohmann::json::parse(s.provenance, nullptr, false);
        FUZZ_CHECK_MSG(prov.is_object(), s.provenance);
        FUZZ_CHECK_MSG(prov.value("file", std::string()) == file_name, s.provenance);
        FUZZ_CHECK_MSG(prov.contains("line") && prov["line"].is_number_integer(), s.provenance);
        const int64_t line = prov["line"].get<int64_t>();
        FUZZ_CHECK(line >= 1 && line <= lines);
        return true;
    });
    FUZZ_CHECK_MSG(each.ok(), each.error().message);
    FUZZ_CHECK(seen == t.imported);
    st.max_id = newest;
    st.samples = *count;

    // The store is still a project that opens (identity, quick_check), next to the connection that
    // wrote it. Every kReopenEvery-th iteration, as it costs a third of one; always on the first,
    // so that replaying a single input checks it too.
    if (st.iterations % kReopenEvery == 1) {
        auto reopened = store::Project::open(st.project_path());
        FUZZ_CHECK_MSG(reopened.ok(), reopened.error().message);
    }
    return 0;
}
