// trust.md "kill during save" for data in and out, through smolify-cli as a user runs it.
//
// export-data is SIGKILLed at many byte offsets of the file it writes and just before its rename
// (the test hooks SMOLIFY_TEST_KILL_AFTER_BYTES and SMOLIFY_TEST_KILL_AT_RENAME, util/fs.h): the
// file is the previous export or the new one, whole, and the temporary file a kill leaves is removed
// by the next export.
//
// import is SIGKILLed after many different delays while it stores a 60,000-line file in batches:
// after each kill the project opens (its integrity check passes) and holds whole batches only, each
// sample exactly as its line says; importing the same file again completes it with every line stored
// once.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

test::ProcessResult cli(const test::TempDir &dir, std::vector<std::string> args,
                        const std::vector<std::string> &env = {}) {
    args.insert(args.begin(), SMOLIFY_CLI_PATH);
    return test::run_process(args, dir.path(), env);
}

std::string line_input(int i) {
    return "Ticket " + std::to_string(i) + ": the printer on floor " + std::to_string(i % 7) + " jams";
}
std::string line_output(int i) {
    return i % 3 == 0 ? "urgent" : "normal";
}

}  // namespace

TEST(DataExportKill, KilledAtManyPointsLeavesThePreviousFileOrTheNewOne) {
    test::TempDir dir;
    const fs::path project = dir / "p.smolify";
    ASSERT_EQ(cli(dir, {"init", project.string(), "--intent", "Sort tickets"}).exit_code, 0);
    {
        std::ofstream f(dir / "in.jsonl");
        for (int i = 0; i < 3000; ++i)
            f << nlohmann::json{{"input", line_input(i)}, {"output", line_output(i)}}.dump() << "\n";
    }
    ASSERT_EQ(cli(dir, {"import", project.string(), (dir / "in.jsonl").string()}).exit_code, 0);
    ASSERT_EQ(cli(dir, {"review", project.string(), "--approve", "1-1000"}).exit_code, 0);
    const fs::path out = dir / "data.jsonl";
    // The previous export: the approved thousand; the new one: all three thousand.
    ASSERT_EQ(cli(dir, {"export-data", project.string(), "--format", "jsonl", "--out", out.string(),
                        "--status", "approved"})
                  .exit_code,
              0);
    const std::string old = test::slurp(out);
    ASSERT_EQ(cli(dir, {"export-data", project.string(), "--format", "jsonl", "--out",
                        (dir / "new.jsonl").string(), "--status", "all"})
                  .exit_code,
              0);
    const std::string fresh = test::slurp(dir / "new.jsonl");
    ASSERT_GT(fresh.size(), old.size());

    std::vector<std::string> hooks = {"SMOLIFY_TEST_KILL_AT_RENAME=1"};
    for (int i = 0; i <= 16; ++i)
        hooks.push_back("SMOLIFY_TEST_KILL_AFTER_BYTES=" + std::to_string(i * (fresh.size() - 1) / 16));
    for (const std::string &hook : hooks) {
        SCOPED_TRACE(hook + " (the new file has " + std::to_string(fresh.size()) + " bytes)");
        auto r = cli(
            dir,
            {"export-data", project.string(), "--format", "jsonl", "--out", out.string(), "--status", "all"},
            {hook});
        ASSERT_EQ(r.signal, SIGKILL) << r.err;
        EXPECT_EQ(test::slurp(out), old) << "the previous file, whole";
        EXPECT_LE(test::temporaries_in(dir.path()).size(), 1u)
            << "the next export removed what the last kill left";
    }
    auto done = cli(dir, {"export-data", project.string(), "--format", "jsonl", "--out", out.string(),
                          "--status", "all"});
    ASSERT_EQ(done.exit_code, 0) << done.err;
    EXPECT_EQ(test::slurp(out), fresh);
    EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(ImportKill, KilledAtManyDelaysKeepsWholeBatchesAndTheRerunCompletesIt) {
    constexpr int kLines = 60000;
    constexpr int kBatch = 2000;  // io::ImportParams::batch_size
    test::TempDir dir;
    const fs::path project = dir / "p.smolify";
    ASSERT_EQ(cli(dir, {"init", project.string(), "--intent", "Sort tickets"}).exit_code, 0);
    const fs::path file = dir / "in.jsonl";
    {
        std::ofstream f(file);
        for (int i = 0; i < kLines; ++i)
            f << nlohmann::json{{"input", line_input(i)}, {"output", line_output(i)}}.dump() << "\n";
    }
    // The samples stored, checked line by line.
    auto check = [&](bool whole) -> int64_t {
        auto p = store::Project::open(project);  // recovers the WAL and runs the integrity check
        EXPECT_TRUE(p.ok()) << p.error().message;
        if (!p.ok()) return -1;
        EXPECT_EQ((*p)->db().query_text("PRAGMA integrity_check"), "ok");
        int64_t n = 0;
        std::map<std::string, int> seen;
        Status st = (*p)->for_each_sample({}, [&](const store::Sample &s) {
            ++n;
            // "Ticket I: ..." names its line: the output must be that line's.
            const int i = std::stoi(s.input.substr(7));
            EXPECT_EQ(s.input, line_input(i));
            EXPECT_EQ(s.output, line_output(i)) << s.input;
            ++seen[s.input];
            return true;
        });
        EXPECT_TRUE(st.ok()) << st.error().message;
        EXPECT_EQ(static_cast<int64_t>(seen.size()), n) << "a line was stored twice";
        if (whole) {
            EXPECT_EQ(n, kLines);
        } else {
            EXPECT_EQ(n % kBatch, 0) << n << " samples: a batch was stored in part";
        }
        return n;
    };

    const unsigned seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("delays drawn with seed " + std::to_string(seed));
    int kills = 0, midway = 0;
    std::vector<int> delays_ms = {2, 10, 25, 50, 80, 120, 200, 300, 450, 700};
    for (int &d : delays_ms)
        d += std::uniform_int_distribution<int>(0, 9)(rng);
    for (int delay : delays_ms) {
        SCOPED_TRACE("killed after " + std::to_string(delay) + " ms");
        const std::vector<std::string> argv = {SMOLIFY_CLI_PATH, "import", project.string(), file.string()};
        std::vector<char *> args;
        for (const auto &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        ASSERT_EQ(posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ), 0);
        posix_spawn_file_actions_destroy(&fa);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) ++kills;
        const int64_t n = check(!WIFSIGNALED(status) && WIFEXITED(status) && WEXITSTATUS(status) == 0);
        if (WIFSIGNALED(status) && n > 0 && n < kLines) ++midway;
    }
    EXPECT_GE(kills, 3);
    EXPECT_GE(midway, 2) << "kills that left the import part done";
    auto rerun = cli(dir, {"import", project.string(), file.string(), "--json"});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    check(true);
}
