// trust.md "kill during training": smolify-cli train is SIGKILLed at random steps, then
// `train --resume` finishes the run. The loss curve must equal an uninterrupted run with the same
// seed and thread count, and the store must pass PRAGMA integrity_check.
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/run_process.h"
#include "support/temp_dir.h"
#include "train_util.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

constexpr int kSteps = 120;

std::vector<std::string> train_args(const fs::path &project) {
    return test::tiny_cli_train_args(SMOLIFY_CLI_PATH, project, kSteps);
}

// Opens the project file read-only, beside the writer (WAL).
struct RawDb {
    sqlite3 *db = nullptr;
    explicit RawDb(const fs::path &p) {
        sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_busy_timeout(db, 5000);
    }
    ~RawDb() { sqlite3_close(db); }
    std::vector<std::pair<int64_t, double>> rows(const std::string &sql) {
        std::vector<std::pair<int64_t, double>> out;
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return out;
        while (sqlite3_step(s) == SQLITE_ROW)
            out.emplace_back(sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1));
        sqlite3_finalize(s);
        return out;
    }
    std::string text(const std::string &sql) {
        sqlite3_stmt *s = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return "prepare failed";
        if (sqlite3_step(s) == SQLITE_ROW) out = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return out;
    }
};

int64_t max_logged_step(const fs::path &project) {
    RawDb db(project);
    auto r = db.rows("SELECT COALESCE(MAX(step), 0), 0 FROM metrics WHERE split = 'train'");
    return r.empty() ? 0 : r[0].first;
}

// Starts the CLI, waits until it has logged step `at` or later, then SIGKILLs it. Returns false when
// the child finished on its own first.
bool run_and_kill(const std::vector<std::string> &argv, const fs::path &project, const fs::path &scratch,
                  int64_t at) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, (scratch / "killed.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&fa, 2, (scratch / "killed.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    while (true) {
        if (::waitpid(pid, &status, WNOHANG) == pid) return false;
        if (max_logged_step(project) >= at) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    // Metrics reach the store about once a second, so the child may have finished between the poll
    // and the kill: that round was no kill.
    return WIFSIGNALED(status);
}

}  // namespace

TEST(TrainKill, KilledRunsResumeToTheUninterruptedLossCurve) {
    test::TempDir dir;
    const fs::path a = dir / "a.smolify", b = dir / "b.smolify";
    ASSERT_TRUE(test::make_training_project(a, 48));
    ASSERT_TRUE(test::make_training_project(b, 48));

    auto whole = test::run_process(train_args(a), dir.path());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    auto summary = nlohmann::json::parse(whole.out);
    EXPECT_EQ(summary["status"], "completed");
    EXPECT_EQ(summary["steps"], kSteps);

    const unsigned seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("kill steps drawn with seed " + std::to_string(seed));
    int kills = 0;
    bool finished = false;
    std::vector<std::string> args = train_args(b);
    for (int round = 0; round < 3 && !finished; ++round) {
        // Early kill points (the first half of what is left): the store lags the child by up to a
        // second of steps, and a kill after the last step would test nothing.
        const int64_t from = max_logged_step(b) + 1;
        const int64_t at =
            std::uniform_int_distribution<int64_t>(from, std::max(from, from + (kSteps - from) / 2))(rng);
        if (!run_and_kill(args, b, dir.path(), at)) {
            finished = true;
            break;
        }
        ++kills;
        args = {SMOLIFY_CLI_PATH, "train", b.string(), "--resume", "--threads", "2", "--json"};
    }
    EXPECT_GE(kills, 1) << "the run finished before it could be killed";
    if (!finished) {
        auto last = test::run_process(
            {SMOLIFY_CLI_PATH, "train", b.string(), "--resume", "--threads", "2", "--json"}, dir.path());
        ASSERT_EQ(last.exit_code, 0) << last.err;
        auto r = nlohmann::json::parse(last.out);
        EXPECT_EQ(r["status"], "completed");
        EXPECT_EQ(r["steps"], kSteps);
        EXPECT_EQ(r["resumed"], true);
    }

    RawDb da(a), dbb(b);
    EXPECT_EQ(dbb.text("PRAGMA integrity_check"), "ok");
    for (const char *split : {"train", "val"}) {
        const std::string q =
            std::string("SELECT step, loss FROM metrics WHERE split = '") + split + "' ORDER BY step";
        auto la = da.rows(q), lb = dbb.rows(q);
        ASSERT_EQ(la.size(), lb.size()) << split;
        ASSERT_EQ(la.size(), std::string(split) == "train" ? static_cast<std::size_t>(kSteps) : kSteps / 10u);
        for (std::size_t i = 0; i < la.size(); ++i) {
            EXPECT_EQ(la[i].first, lb[i].first);
            EXPECT_NEAR(la[i].second, lb[i].second, 1e-6) << split << " step " << la[i].first;
        }
    }
    EXPECT_EQ(dbb.text("SELECT status FROM training_runs"), "completed");
}

TEST(TrainKill, CliUserErrors) {
    test::TempDir dir;
    const fs::path p = dir / "p.smolify";
    ASSERT_TRUE(test::make_training_project(p, 3));
    auto r = test::run_process({SMOLIFY_CLI_PATH, "train", p.string()}, dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("too few"), std::string::npos) << r.err;
    r = test::run_process({SMOLIFY_CLI_PATH, "train", p.string(), "--resume"}, dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("nothing to resume"), std::string::npos) << r.err;
    r = test::run_process({SMOLIFY_CLI_PATH, "train", p.string(), "--resume", "--seed", "3"}, dir.path());
    EXPECT_EQ(r.exit_code, 1);
    r = test::run_process({SMOLIFY_CLI_PATH, "tokenize", p.string(), "--text", "hi"}, dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no tokenizer"), std::string::npos) << r.err;
}

TEST(TrainKill, TokenizeShowsIdsAndPieces) {
    test::TempDir dir;
    const fs::path p = dir / "p.smolify";
    ASSERT_TRUE(test::make_training_project(p, 12));
    auto t = test::run_process(
        {SMOLIFY_CLI_PATH, "train", p.string(), "--max-steps", "2", "--dim", "64", "--layers", "1", "--heads",
         "2", "--ffn", "64", "--seq", "128", "--vocab", "400", "--json"},
        dir.path());
    ASSERT_EQ(t.exit_code, 0) << t.err;
    auto r = test::run_process({SMOLIFY_CLI_PATH, "tokenize", p.string(), "--text", "Ticket 42 😀", "--json"},
                               dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["count"], j["tokens"].size());
    EXPECT_GE(j["count"].get<int>(), 2 + 4);  // "4", "2" split, the emoji as 4 bytes at least
    r = test::run_process({SMOLIFY_CLI_PATH, "tokenize", p.string(), "--text", "Ticket"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("tokens"), std::string::npos);
}
