// The trainer: teaches the student (core/model) the project's approved training samples.
//
// A new run trains (or reuses) a tokenizer on the approved train-split samples, holds out a fixed,
// seeded validation slice of them (the test split is never read), encodes prompt + output with the
// loss on the output and <|im_end|> only (dataset.h), and runs AdamW (no weight decay on norm
// weights) with linear warmup then cosine decay to min_lr_ratio x lr, and global-norm gradient
// clipping. Validation loss every eval_interval steps drives early stopping (patience evaluations
// without improvement). It stops at max_steps, max_epochs, the time budget, early stopping or cancel.
//
// Checkpoints (checkpoint.h) hold weights, AdamW moments, step, the data (sample ids, a digest of the
// encoded examples, the current epoch's batch order) and the early-stopping state; resume() continues
// a run so that its losses equal those of an uninterrupted run with the same seed and thread count.
// One run at a time per project: a lock file in the artifacts folder (released by the OS when a
// process dies) makes a second trainer fail with a "busy" user error.
//
// Who calls it: smolify-cli train, the GUI's Train page (on a worker thread). Progress comes back on
// the calling thread. Thread-safety: uses the given Project only from the calling thread; the
// cancel flag may be set from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "store/project.h"
#include "util/result.h"

namespace smolify::train {

struct TrainProgress {
    int64_t run_id = 0;
    int64_t step = 0;  // updates done
    int64_t total_steps = 0;
    int64_t epoch = 0;      // 0-based epoch of the last step
    double train_loss = 0;  // of the last step
    double val_loss = -1;   // latest validation loss; < 0 before the first evaluation
    double learning_rate = 0;
    double tokens_per_s = 0;  // output-and-prompt tokens (padding not counted), recent steps
    double elapsed_s = 0;     // over all sessions of the run
    double eta_s = -1;        // time left to total_steps at the recent pace; < 0 unknown
    bool evaluated = false;   // this report follows a validation pass
};

struct TrainParams {
    std::string preset = "tiny";         // model::preset(); ignored when `model` is set
    std::optional<model::Config> model;  // explicit architecture; vocab and max_seq are overridden
    int seq_len = 256;                   // context in tokens
    int batch = 16;
    double lr = 1e-3;
    double min_lr_ratio = 0.1;  // cosine decays to lr x this
    int64_t warmup_steps = 50;  // capped at a fifth of the run
    double weight_decay = 0.1;
    double beta1 = 0.9;
    double beta2 = 0.95;
    double adam_eps = 1e-8;
    double grad_clip = 1.0;             // global norm; <= 0 disables
    double val_fraction = 0.1;          // of the approved train split; 0: no validation
    int64_t eval_interval = 50;         // steps between validation passes
    int patience = 5;                   // evaluations without improvement before stopping; 0: never
    int64_t checkpoint_interval = 100;  // steps between checkpoints (also written on every stop)
    int64_t max_steps = 0;              // 0: no limit (then max_epochs must be set)
    int64_t max_epochs = 20;            // 0: no limit
    double max_minutes = 0;             // time budget of this session; 0: none
    uint64_t seed = 1234;
    int threads = 0;           // 0: all cores
    int tokenizer_vocab = 0;   // 0: automatic (tokenizer.h)
    int64_t min_samples = 10;  // fewer approved train samples is a user error

    std::function<bool(const TrainProgress &)> on_progress;  // return false to cancel
    const std::atomic<bool> *cancel = nullptr;

    nlohmann::json to_json() const;  // everything but the callbacks
    static Result<TrainParams> from_json(const nlohmann::json &j);
};

struct TrainReport {
    int64_t run_id = 0;
    std::string status;       // completed or paused (resumable)
    std::string stop_reason;  // max_steps, max_epochs, early_stopping, time_budget, cancelled
    int64_t steps = 0;
    int64_t total_steps = 0;
    int64_t epochs = 0;     // epochs begun
    double train_loss = 0;  // last step
    double val_loss = -1;   // last evaluation; < 0 when none
    double best_val_loss = -1;
    double tokens_per_s = 0;  // this session's average
    double elapsed_s = 0;     // all sessions
    int64_t train_samples = 0;
    int64_t val_samples = 0;
    int64_t truncated = 0;     // sequences cut to the context
    int64_t dropped = 0;       // samples whose prompt alone fills the context
    double padding_waste = 0;  // fraction of batch positions that are padding (first epoch)
    int64_t tokenizer_id = 0;
    int vocab_size = 0;
    int64_t parameters = 0;
    std::string checkpoint;       // latest, absolute path
    std::string best_checkpoint;  // lowest validation loss; empty without validation
    bool resumed = false;
};

// Starts a new run.
Result<TrainReport> train(store::Project &project, const TrainParams &params);

struct ResumeParams {
    std::optional<int64_t> run_id;  // default: the newest run
    double max_minutes = 0;         // time budget of this session
    std::optional<int> threads;     // default: the run's (another count changes the numbers)
    std::function<bool(const TrainProgress &)> on_progress;
    const std::atomic<bool> *cancel = nullptr;
};

// Continues a run from its latest checkpoint. User errors: no run, the run completed, no checkpoint,
// a damaged checkpoint, training data changed since the run started.
Result<TrainReport> resume(store::Project &project, const ResumeParams &params);

}  // namespace smolify::train
