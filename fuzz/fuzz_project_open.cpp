// libFuzzer target: store::Project::open (core/store/project.h) on an arbitrary file.
//
// Input: the whole file, written as fuzz.smolify (no -wal, -shm or -journal beside it).
// trust.md, "foreign or corrupt project": a truncated, random or non-Smolify SQLite file is refused
// with a clear message after a quick check; no crash. So each open, read-only and then read-write
// (which may migrate and switch the file to WAL), must return a project or a *user* error with a
// message; an internal error (the CLI's exit 2, "a bug") is a finding too. A file that opens is then
// read the way `smolify-cli info` and `samples` read it: those calls must return values (ok or an
// error) and never crash, whatever the file holds.
//
// Note: Debian's libsqlite3 is not built with coverage instrumentation, so libFuzzer sees coverage in
// core/store only, not inside SQLite's page parsing; mutations reach SQLite all the same (seeded with
// real project files), and ASan still sees what SQLite hands back through our code.
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "store/project.h"

namespace store = smolify::store;
namespace fs = std::filesystem;

namespace {

struct State {
    smolify::fuzz::ScratchDir dir{"open"};
    fs::path path = dir.path() / "fuzz.smolify";

    void clean() const {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            smolify::fuzz::remove_quietly(path.string() + suffix);
    }
};

State &state() {
    static State s;
    return s;
}

// Reads what the CLI's info and samples commands read; any outcome but a crash is fine.
void exercise(store::Project &p) {
    (void)p.info();
    (void)p.counts();
    (void)p.current_spec();
    (void)p.spec_history();
    (void)p.setting("fuzz");
    store::SampleQuery q;
    q.limit = 50;
    auto ids = p.sample_ids(q);
    (void)p.samples(q);
    if (ids && !ids->empty()) {
        (void)p.samples_by_ids(*ids, 40);
        (void)p.sample(ids->front());
        (void)p.revisions(ids->front());
    }
    store::SampleQuery filtered;
    filtered.filter.status = store::SampleStatus::approved;
    filtered.filter.text = "a";
    filtered.sort = store::SampleSort::input;
    filtered.limit = 20;
    (void)p.count_samples(filtered.filter);
    (void)p.for_each_sample(filtered, [](const store::Sample &) { return true; });
}

void open_and_check(const fs::path &path, bool read_only) {
    store::OpenParams params;
    params.read_only = read_only;
    auto project = store::Project::open(path, params);
    if (!project) {
        const smolify::Error &e = project.error();
        FUZZ_CHECK_MSG(e.kind == smolify::ErrorKind::user,
                       std::string(read_only ? "read-only" : "read-write") + " open: " + e.message);
        FUZZ_CHECK(!e.message.empty());
        return;
    }
    exercise(**project);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    State &st = state();
    st.clean();
    smolify::fuzz::write_file(st.path, data, size);
    open_and_check(st.path, true);
    open_and_check(st.path, false);
    st.clean();
    return 0;
}
