// The trainer for real: a tiny model memorises, an interrupted run resumes to the same losses,
// cancel is prompt, checkpoints are checked, and user errors are clear.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"
#include "train/checkpoint.h"
#include "train/runs.h"
#include "train/trainer.h"
#include "train_util.h"

using namespace smolify;
using namespace smolify::train;
namespace fs = std::filesystem;

namespace {

TrainParams tiny_params() {
    return test::tiny_train_params();
}

std::vector<double> losses(store::Project &project, int64_t run_id, const std::string &split) {
    auto m = read_metrics(project, run_id);
    EXPECT_TRUE(m.ok());
    std::vector<double> out;
    int64_t expect_step = 0;
    for (const auto &row : *m) {
        if (row.split != split) continue;
        if (split == "train") {
            EXPECT_EQ(row.step, ++expect_step);  // no gaps, no repeats
        }
        out.push_back(row.loss);
    }
    return out;
}

void flip_byte(const fs::path &p, std::uintmax_t offset) {
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x20);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
}

}  // namespace

TEST(Trainer, InterruptedAndResumedRunMatchesAnUninterruptedOne) {
    test::TempDir dir;
    auto a = test::make_training_project(dir / "a.smolify", 40, 5);
    auto b = test::make_training_project(dir / "b.smolify", 40, 5);
    ASSERT_TRUE(a && b);
    TrainParams p = tiny_params();
    auto full = train::train(*a, p);
    ASSERT_TRUE(full.ok()) << full.error().message;
    EXPECT_EQ(full->status, "completed");
    EXPECT_EQ(full->val_samples, 8);  // 20% of 40; the 5 test samples are not used

    TrainParams q = tiny_params();
    int64_t stopped_at = 0;
    q.hooks.on_progress = [&](const TrainProgress &pr) {
        stopped_at = pr.done;
        return pr.done < 17;  // cancel after step 17, between the checkpoints at 10 and 20
    };
    auto first = train::train(*b, q);
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().kind, ErrorKind::cancelled);
    EXPECT_NE(first.error().message.find("paused at step 17"), std::string::npos) << first.error().message;
    auto paused = latest_run(*b);
    ASSERT_TRUE(paused.ok() && paused->has_value());
    EXPECT_EQ((*paused)->status, "paused");
    EXPECT_EQ((*paused)->step, 17);
    // The pause wrote a checkpoint at step 17; resume must continue the schedule and data order there.
    ResumeParams rp;
    auto second = train::resume(*b, rp);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_TRUE(second->resumed);
    EXPECT_EQ(second->status, "completed");
    EXPECT_EQ(second->steps, 30);

    auto la = losses(*a, full->run_id, "train"), lb = losses(*b, second->run_id, "train");
    ASSERT_EQ(la.size(), 30u);
    ASSERT_EQ(lb.size(), 30u);
    for (std::size_t i = 0; i < la.size(); ++i)
        EXPECT_NEAR(la[i], lb[i], 1e-6) << "step " << i + 1;
    auto va = losses(*a, full->run_id, "val"), vb = losses(*b, second->run_id, "val");
    ASSERT_EQ(va.size(), 6u);
    ASSERT_EQ(vb.size(), 6u);
    for (std::size_t i = 0; i < va.size(); ++i)
        EXPECT_NEAR(va[i], vb[i], 1e-6);
    EXPECT_NEAR(full->best_val_loss, second->best_val_loss, 1e-6);
    EXPECT_LT(la.back(), la.front());

    // The checkpoint header lists the data: the test split is never among it.
    auto info = read_checkpoint_info(second->checkpoint);
    ASSERT_TRUE(info.ok()) << info.error().message;
    auto train_ids = info->header["train_ids"].get<std::vector<int64_t>>();
    auto val_ids = info->header["val_ids"].get<std::vector<int64_t>>();
    EXPECT_EQ(train_ids.size() + val_ids.size(), 40u);
    for (auto id : train_ids)
        EXPECT_LE(id, 40);
    for (auto id : val_ids)
        EXPECT_LE(id, 40);

    auto again = train::resume(*b, rp);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().kind, ErrorKind::user);
    EXPECT_NE(again.error().message.find("nothing to resume"), std::string::npos);
}

TEST(Trainer, CancelStopsWithinOneStep) {
    test::TempDir dir;
    auto project = test::make_training_project(dir / "p.smolify", 30);
    std::atomic<bool> cancel{false};
    TrainParams p = tiny_params();
    p.max_steps = 1000;
    p.hooks.cancel = &cancel;
    int64_t reports_after_cancel = 0, run_id = 0;
    p.hooks.on_progress = [&](const TrainProgress &pr) {
        if (cancel.load()) ++reports_after_cancel;
        if (pr.done == 7) cancel.store(true);
        run_id = pr.run_id;
        return true;
    };
    auto r = train::train(*project, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::cancelled);
    EXPECT_EQ(reports_after_cancel, 0);
    auto run = find_run(*project, run_id);
    ASSERT_TRUE(run.ok() && run->has_value());
    EXPECT_EQ((*run)->status, "paused");
    EXPECT_EQ((*run)->step, 7);
}

TEST(Trainer, DamagedCheckpointsAreRefusedClearly) {
    test::TempDir dir;
    auto project = test::make_training_project(dir / "p.smolify", 20);
    TrainParams p = tiny_params();
    p.max_steps = 6;
    p.hooks.on_progress = [](const TrainProgress &pr) { return pr.done < 3; };
    auto r = train::train(*project, p);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().kind, ErrorKind::cancelled);
    auto run = latest_run(*project);
    ASSERT_TRUE(run.ok() && run->has_value());
    auto checkpoints = read_checkpoints(*project, (*run)->id);
    ASSERT_TRUE(checkpoints.ok() && !checkpoints->empty());
    const fs::path ckpt = project->artifacts_dir() / checkpoints->back().path;
    const auto size = fs::file_size(ckpt);
    const fs::path good = dir / "good.ckpt";
    fs::copy_file(ckpt, good);

    auto expect_refused = [&](const std::string &what) {
        auto res = train::resume(*project, {});
        ASSERT_FALSE(res.ok()) << what;
        EXPECT_EQ(res.error().kind, ErrorKind::user) << what;
        EXPECT_NE(res.error().message.find(what), std::string::npos) << res.error().message;
        fs::copy_file(good, ckpt, fs::copy_options::overwrite_existing);
    };
    flip_byte(ckpt, size / 2);
    expect_refused("checksum");
    fs::resize_file(ckpt, size - 100);
    expect_refused("truncated");
    fs::resize_file(ckpt, 20);
    expect_refused("truncated");
    flip_byte(ckpt, 0);
    expect_refused("magic");
    flip_byte(ckpt, 8);
    expect_refused("version");
    {
        std::ofstream f(ckpt, std::ios::app | std::ios::binary);
        f << "extra";
    }
    expect_refused("extra bytes");
    // After all that the intact file still resumes.
    auto ok = train::resume(*project, {});
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->steps, 6);
}

TEST(Trainer, ClearUserErrors) {
    test::TempDir dir;
    auto none = test::make_training_project(dir / "none.smolify", 0, 10, 10);
    auto r = train::train(*none, tiny_params());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("no approved training samples"), std::string::npos);

    auto few = test::make_training_project(dir / "few.smolify", 4);
    r = train::train(*few, tiny_params());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("too few"), std::string::npos);

    r = train::resume(*few, {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("nothing to resume"), std::string::npos);

    TrainParams bad = tiny_params();
    bad.batch = 0;
    r = train::train(*few, bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);

    // Another trainer holds the project.
    auto busy = test::make_training_project(dir / "busy.smolify", 20);
    const fs::path lock = busy->artifacts_dir() / "train.lock";
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    r = train::train(*busy, tiny_params());
    ::close(fd);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("busy"), std::string::npos);
}
