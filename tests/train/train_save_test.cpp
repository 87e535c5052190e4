// trust.md "disk full" and "kill during save" for training.
//
// Disk full, on a real full disk (a tmpfs the test mounts; skipped, saying why, where it cannot):
// the run stops with a message that says the disk is full and how to resume, it is left paused (or
// running, when even that write could not land), never failed, its last checkpoint whole; once the
// space is freed, `--resume` finishes it on the very loss curve of an uninterrupted run. That holds
// when the disk fills mid-run (engine and CLI) and when the first checkpoint cannot be written.
//
// Kill during save: smolify-cli train is SIGKILLed inside its checkpoint writes, at many byte offsets
// (the test hook SMOLIFY_TEST_KILL_AFTER_BYTES, util/fs.h): every checkpoint on disk is whole (its
// checksum holds), the temporary file a kill leaves is removed by the next run, and resuming after
// every kill ends on the uninterrupted loss curve.
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
#include "support/tmpfs.h"
#include "train/checkpoint.h"
#include "train/runs.h"
#include "train_util.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

// The project file read-only, beside a writer (WAL).
struct RawDb {
    sqlite3 *db = nullptr;
    explicit RawDb(const fs::path &p) {
        sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_busy_timeout(db, 5000);
    }
    ~RawDb() { sqlite3_close(db); }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;
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
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            out = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return out;
    }
};

int64_t max_logged_step(const fs::path &project) {
    RawDb db(project);
    auto r = db.rows("SELECT COALESCE(MAX(step), 0), 0 FROM metrics WHERE split = 'train'");
    return r.empty() ? 0 : r[0].first;
}

// Every train and validation loss of the project's runs, by step, equal bit for bit.
void expect_same_curve(const fs::path &a, const fs::path &b, std::size_t steps, std::size_t evals) {
    RawDb da(a), dbb(b);
    for (const char *split : {"train", "val"}) {
        const std::string q =
            std::string("SELECT step, loss FROM metrics WHERE split = '") + split + "' ORDER BY step";
        auto la = da.rows(q), lb = dbb.rows(q);
        ASSERT_EQ(la.size(), std::string(split) == "train" ? steps : evals) << split;
        ASSERT_EQ(lb.size(), la.size()) << split;
        for (std::size_t i = 0; i < la.size(); ++i) {
            EXPECT_EQ(la[i].first, lb[i].first);
            EXPECT_EQ(la[i].second, lb[i].second) << split << " step " << la[i].first;
        }
    }
}

std::vector<std::string> cli_train_args(const fs::path &project, int steps) {
    return test::tiny_cli_train_args(SMOLIFY_CLI_PATH, project, steps);
}

std::vector<std::string> cli_resume_args(const fs::path &project) {
    return {SMOLIFY_CLI_PATH, "train", project.string(), "--resume", "--threads", "2", "--json"};
}

// A checkpoint on disk reads back whole: its header, and its data against the trailing SHA-256.
void expect_whole_checkpoint(const fs::path &path) {
    auto info = train::read_checkpoint_info(path);
    ASSERT_TRUE(info.ok()) << path << ": " << info.error().message;
    std::vector<float> params(info->n), m, v;
    if (info->has_moments) {
        m.resize(info->n);
        v.resize(info->n);
    }
    Status st = train::read_checkpoint_data(path, *info, params, m, v);
    EXPECT_TRUE(st.ok()) << path << ": " << (st.ok() ? "" : st.error().message);
}

}  // namespace

// The disk fills at step 13, between the checkpoints at 10 and 20, with the project (store and
// artifacts) on it: the next write (the best checkpoint at 15, its metrics, or the checkpoint at 20)
// hits ENOSPC. The run pauses at step 10 with a message saying so; after the filler goes, resume
// gives the uninterrupted loss curve bit for bit.
TEST(TrainDiskFull, FullDiskMidRunPausesAndResumesToTheUninterruptedCurve) {
    test::TempDir dir;
    test::Tmpfs disk(dir / "disk", 24 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    auto a = test::make_training_project(dir / "a.smolify", 40);
    const fs::path b_path = disk / "b.smolify";
    auto b = test::make_training_project(b_path, 40);
    ASSERT_TRUE(a && b);
    train::TrainParams p = test::tiny_train_params();
    p.max_steps = 40;
    auto whole = train::train(*a, p);
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    ASSERT_EQ(whole->status, "completed");

    train::TrainParams q = p;
    bool filled = false;
    q.hooks.on_progress = [&](const train::TrainProgress &pr) {
        if (pr.done == 13 && !filled) filled = disk.fill() > 0;
        return true;
    };
    auto first = train::train(*b, q);
    ASSERT_TRUE(filled);
    ASSERT_FALSE(first.ok()) << "training on a full disk must stop";
    const Error &e = first.error();
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_TRUE(e.disk_full);
    EXPECT_EQ(e.message.rfind("the disk is full", 0), 0u) << e.message;
    EXPECT_NE(e.message.find("training is paused at step 10"), std::string::npos) << e.message;
    EXPECT_NE(
        e.message.find("free some space and resume with: smolify-cli train " + b_path.string() + " --resume"),
        std::string::npos)
        << e.message;

    // The checkpoint of step 10 is whole; the failed write left no temporary file.
    const fs::path ckpts = store::artifacts_dir_for(b_path) / "checkpoints";
    expect_whole_checkpoint(ckpts / "run-1.ckpt");
    auto info = train::read_checkpoint_info(ckpts / "run-1.ckpt");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->header.value("step", -1), 10);
    EXPECT_TRUE(test::temporaries_in(ckpts).empty());

    disk.unfill();
    auto row = train::latest_run(*b);
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_TRUE((*row)->status == "paused" || (*row)->status == "running") << (*row)->status;
    auto second = train::resume(*b, {});
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_TRUE(second->resumed);
    EXPECT_EQ(second->status, "completed");
    EXPECT_EQ(second->steps, 40);
    EXPECT_EQ(second->best_val_loss, whole->best_val_loss);
    a.reset();
    b.reset();
    expect_same_curve(dir / "a.smolify", b_path, 40, 8);
    RawDb db(b_path);
    EXPECT_EQ(db.text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(db.text("SELECT status FROM training_runs"), "completed");
}

// The artifacts folder is a full tmpfs from the start: the store takes the new run, its step-0
// checkpoint cannot be written. smolify-cli exits 1 saying the disk is full and how to resume; the
// run is paused at step 0, not failed; `train --resume` after the filler goes starts it (nothing was
// trained) and ends on the uninterrupted curve.
TEST(TrainDiskFull, FullDiskAtTheFirstCheckpointPausesAndResumeStartsTheRun) {
    constexpr int kSteps = 30;
    test::TempDir dir;
    const fs::path a = dir / "a.smolify", b = dir / "b.smolify";
    ASSERT_TRUE(test::make_training_project(a, 48));
    ASSERT_TRUE(test::make_training_project(b, 48));
    test::Tmpfs disk(store::artifacts_dir_for(b), 8 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    auto whole = test::run_process(cli_train_args(a, kSteps), dir.path());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;

    ASSERT_GT(disk.fill(), 0);
    auto full = test::run_process(cli_train_args(b, kSteps), dir.path());
    EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
    EXPECT_NE(full.err.find("the disk is full"), std::string::npos) << full.err;
    EXPECT_NE(full.err.find("training is paused at step 0 (nothing trained yet)"), std::string::npos)
        << full.err;
    EXPECT_NE(full.err.find("smolify-cli train " + b.string() + " --resume"), std::string::npos) << full.err;
    {
        RawDb db(b);
        EXPECT_EQ(db.text("SELECT status FROM training_runs"), "paused");
        EXPECT_EQ(db.text("SELECT step FROM training_runs"), "0");
    }
    EXPECT_TRUE(test::temporaries_in(disk / "checkpoints").empty());

    disk.unfill();
    auto resumed = test::run_process(cli_resume_args(b), dir.path());
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    auto r = nlohmann::json::parse(resumed.out);
    EXPECT_EQ(r["status"], "completed");
    EXPECT_EQ(r["steps"], kSteps);
    EXPECT_EQ(r["run_id"], 1) << "the same run, started again";
    expect_same_curve(a, b, kSteps, kSteps / 10);
    RawDb db(b);
    EXPECT_EQ(db.text("SELECT count(*) FROM training_runs"), "1");
    EXPECT_EQ(db.text("PRAGMA integrity_check"), "ok");
}

// smolify-cli train with the whole project on a tmpfs that the test fills while it runs (once the
// store shows step 20): the CLI exits 1 with "the disk is full" and the resume command; after the
// filler goes, `train --resume` ends on the uninterrupted curve.
TEST(TrainDiskFull, CliRunOnADiskThatFillsPausesAndResumes) {
    constexpr int kSteps = 120;
    test::TempDir dir;
    test::Tmpfs disk(dir / "disk", 24 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    const fs::path a = dir / "a.smolify", b = disk / "b.smolify";
    ASSERT_TRUE(test::make_training_project(a, 48));
    ASSERT_TRUE(test::make_training_project(b, 48));
    auto whole = test::run_process(cli_train_args(a, kSteps), dir.path());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;

    const auto argv = cli_train_args(b, kSteps);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, (dir / "full.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, (dir / "full.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char *> args;
    for (const auto &x : argv)
        args.push_back(const_cast<char *>(x.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    bool filled = false, finished_first = false;
    while (true) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            finished_first = !filled;
            break;
        }
        if (!filled && max_logged_step(b) >= 20) filled = disk.fill() > 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(finished_first) << "the run ended before the disk filled";
    const std::string err = test::slurp(dir / "full.err");
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1) << err;
    EXPECT_NE(err.find("the disk is full"), std::string::npos) << err;
    EXPECT_NE(err.find("training is paused at step"), std::string::npos) << err;
    EXPECT_NE(err.find("smolify-cli train " + b.string() + " --resume"), std::string::npos) << err;
    {
        RawDb db(b);
        const std::string st = db.text("SELECT status FROM training_runs");
        EXPECT_TRUE(st == "paused" || st == "running") << st;
    }
    const fs::path ckpts = store::artifacts_dir_for(b) / "checkpoints";
    expect_whole_checkpoint(ckpts / "run-1.ckpt");
    EXPECT_TRUE(test::temporaries_in(ckpts).empty());

    disk.unfill();
    auto resumed = test::run_process(cli_resume_args(b), dir.path());
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    auto r = nlohmann::json::parse(resumed.out);
    EXPECT_EQ(r["status"], "completed");
    EXPECT_EQ(r["steps"], kSteps);
    EXPECT_EQ(r["resumed"], true);
    expect_same_curve(a, b, kSteps, kSteps / 10);
    RawDb db(b);
    EXPECT_EQ(db.text("PRAGMA integrity_check"), "ok");
}

// kill -9 inside checkpoint writes, at byte offsets spread over the step-0 checkpoint (no old file
// yet), the later ones (an old one beside) and the best checkpoint, each round resuming the last.
TEST(TrainSaveKill, KilledInsideCheckpointWritesResumesToTheUninterruptedCurve) {
    constexpr int kSteps = 60;
    test::TempDir dir;
    const fs::path a = dir / "a.smolify", b = dir / "b.smolify";
    ASSERT_TRUE(test::make_training_project(a, 48));
    ASSERT_TRUE(test::make_training_project(b, 48));
    auto whole = test::run_process(cli_train_args(a, kSteps), dir.path());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const fs::path ref = store::artifacts_dir_for(a) / "checkpoints";
    const auto C = static_cast<int64_t>(fs::file_size(ref / "run-1.ckpt"));
    const auto B = static_cast<int64_t>(fs::file_size(ref / "run-1-best.ckpt"));
    ASSERT_GT(C, B);

    const unsigned seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("byte offsets jittered with seed " + std::to_string(seed));
    auto jitter = [&](int64_t k) {
        return std::max<int64_t>(0, k + std::uniform_int_distribution<int64_t>(-999, 999)(rng));
    };
    // Bytes a process writes before it dies: inside its first checkpoint (then none is on disk),
    // at its very first and last bytes, at an exact file end (killed as the next file opens), inside
    // its second and third writes, inside a best checkpoint.
    const std::vector<int64_t> kill_at = {jitter(C / 2),
                                          C + jitter(C / 3),
                                          0,
                                          C - 1,
                                          C,
                                          C + jitter(B / 2),
                                          1,
                                          2 * C + jitter(C / 2),
                                          C + B - 1,
                                          jitter(C / 5),
                                          C + B + jitter(C * 3 / 4)};
    const fs::path ckpts = store::artifacts_dir_for(b) / "checkpoints";
    bool completed = false, fresh = true;
    int kills = 0;
    for (int64_t k : kill_at) {
        SCOPED_TRACE("killed after " + std::to_string(k) + " bytes (a checkpoint is " + std::to_string(C) +
                     ", a best one " + std::to_string(B) + ")");
        auto r = test::run_process(fresh ? cli_train_args(b, kSteps) : cli_resume_args(b), dir.path(),
                                   {"SMOLIFY_TEST_KILL_AFTER_BYTES=" + std::to_string(k)});
        fresh = false;
        if (r.signal != SIGKILL) {
            ASSERT_EQ(r.exit_code, 0) << r.err;
            completed = true;
            break;
        }
        ++kills;
        if (kills == 1) {  // inside the step-0 checkpoint: none on disk, the temporary holds the k bytes
            EXPECT_FALSE(fs::exists(ckpts / "run-1.ckpt"));
            auto temps = test::temporaries_in(ckpts);
            ASSERT_EQ(temps.size(), 1u);
            EXPECT_EQ(static_cast<int64_t>(fs::file_size(temps[0])), k);
        }
        // What is on disk is whole, and at most the killed writer's temporary file is beside it: the
        // one an earlier kill left was removed by this run.
        std::error_code ec;
        for (const char *name : {"run-1.ckpt", "run-1-best.ckpt"})
            if (fs::exists(ckpts / name, ec)) expect_whole_checkpoint(ckpts / name);
        EXPECT_LE(test::temporaries_in(ckpts).size(), 1u);
    }
    EXPECT_GE(kills, 8);
    if (!completed) {
        auto last = test::run_process(cli_resume_args(b), dir.path());
        ASSERT_EQ(last.exit_code, 0) << last.err;
        EXPECT_EQ(nlohmann::json::parse(last.out)["status"], "completed");
    }
    EXPECT_TRUE(test::temporaries_in(ckpts).empty()) << "the last run cleared what the kills left";
    expect_whole_checkpoint(ckpts / "run-1.ckpt");
    expect_same_curve(a, b, kSteps, kSteps / 10);
    RawDb db(b);
    EXPECT_EQ(db.text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(db.text("SELECT status FROM training_runs"), "completed");
    EXPECT_EQ(db.text("SELECT count(*) FROM training_runs"), "1");
}
