// A tiny model really learns: 20 samples memorised to near-zero loss. Slow (hundreds of steps), so
// it runs with the slow tests.
#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "train/runs.h"
#include "train/trainer.h"
#include "train_util.h"

using namespace smolify;
using namespace smolify::train;

TEST(Trainer, TinyModelMemorisesTwentySamples) {
    test::TempDir dir;
    auto project = test::make_training_project(dir / "p.smolify", 20);
    ASSERT_TRUE(project);
    TrainParams p = test::tiny_train_params();
    p.val_fraction = 0;
    p.batch = 20;
    p.max_steps = 250;
    p.warmup_steps = 10;
    p.checkpoint_interval = 1000;
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "completed");
    EXPECT_EQ(r->steps, 250);
    EXPECT_EQ(r->train_samples, 20);
    auto l = test::train_losses(*project, r->run_id);
    ASSERT_EQ(l.size(), 250u);
    EXPECT_GT(l.front(), 3.0);
    EXPECT_LT(l.back(), 0.05) << "first " << l.front();
}
