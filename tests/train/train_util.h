// Projects with synthetic samples for the trainer tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/project.h"
#include "train/runs.h"
#include "train/trainer.h"

namespace smolify::test {

// The argv of `smolify-cli train` for the small, fast run the CLI kill and disk tests train: a 64-wide
// two-block model, checkpoints every 7 steps, validation every 10, no early stopping, a fixed seed.
inline std::vector<std::string> tiny_cli_train_args(const std::string &cli, const std::filesystem::path &project,
                                                    int steps) {
    return {cli,      "train",     project.string(), "--max-steps", std::to_string(steps), "--dim", "64",
            "--layers", "2",       "--heads",        "2",           "--ffn",               "128",   "--seq",
            "128",    "--batch",   "8",              "--lr",        "0.003",               "--vocab", "400",
            "--threads", "2",      "--eval-interval", "10",         "--checkpoint-interval", "7",   "--patience",
            "0",      "--seed",    "99",             "--json"};
}

// Sample i: a short ticket and its label, distinct texts of varying length.
inline store::NewSample ticket_sample(int i, store::Split split = store::Split::train) {
    static const char *kWhat[] = {"printer jammed",        "VPN drops every hour", "laptop will not boot",
                                  "password reset needed", "email bounces",        "monitor flickers"};
    static const char *kLabel[] = {"low", "urgent", "urgent", "normal", "normal", "low"};
    store::NewSample s;
    s.input = "Ticket " + std::to_string(i) + ": " + kWhat[i % 6] +
              std::string(static_cast<std::size_t>(i % 5) * 3, '!');
    s.output = std::string("Priority: ") + kLabel[i % 6] + "; team " + std::to_string(i % 4);
    s.status = store::SampleStatus::approved;
    s.split = split;
    return s;
}

inline std::unique_ptr<store::Project> make_training_project(const std::filesystem::path &path, int train,
                                                             int test = 0, int pending = 0) {
    store::CreateParams cp;
    cp.intent = "Sort IT tickets by urgency";
    auto p = store::Project::create(path, cp);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    if (!p) return nullptr;
    std::vector<store::NewSample> samples;
    for (int i = 0; i < train; ++i)
        samples.push_back(ticket_sample(i));
    for (int i = 0; i < test; ++i)
        samples.push_back(ticket_sample(1000 + i, store::Split::test));
    for (int i = 0; i < pending; ++i) {
        auto s = ticket_sample(2000 + i);
        s.status = store::SampleStatus::pending;
        samples.push_back(s);
    }
    auto r = (*p)->insert_samples(samples);
    EXPECT_TRUE(r.ok());
    return std::move(p).value();
}

// A model small enough to train in a test: 64 wide, 2 blocks, a 400-piece vocabulary.
inline train::TrainParams tiny_train_params() {
    train::TrainParams p;
    model::Config c;
    c.dim = 64;
    c.layers = 2;
    c.heads = 2;
    c.kv_heads = 2;
    c.ffn = 128;
    p.model = c;
    p.seq_len = 128;
    p.batch = 8;
    p.lr = 3e-3;
    p.warmup_steps = 5;
    p.tokenizer_vocab = 400;
    p.threads = 2;
    p.eval_interval = 5;
    p.checkpoint_interval = 10;
    p.val_fraction = 0.2;
    p.patience = 0;
    p.max_steps = 30;
    p.max_epochs = 0;
    // No copy rows: in 30 steps they would take half of what the tests' tiny tasks learn from (the
    // tests that need them ask for them).
    p.copy_rows = 0;
    return p;
}

// Training losses of a run by step, checking there is exactly one per step from 1.
inline std::vector<double> train_losses(store::Project &project, int64_t run_id) {
    auto m = train::read_metrics(project, run_id);
    EXPECT_TRUE(m.ok());
    std::vector<double> out;
    int64_t expect_step = 0;
    for (const auto &row : *m) {
        if (row.split != "train") continue;
        EXPECT_EQ(row.step, ++expect_step);
        out.push_back(row.loss);
    }
    return out;
}

}  // namespace smolify::test
