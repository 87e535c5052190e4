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
// the calling thread (util/job.h: TrainParams::hooks). A cancel stops within one step, writes a
// checkpoint, leaves the run paused (resumable) and returns job::cancelled. Thread-safety: uses the
// given Project only from the calling thread; the cancel flag may be set from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::train {

// job::Progress: stage "training", done = updates done, total = the schedule's steps, unit "steps",
// elapsed_s over all sessions of the run, seconds_left to the end of the schedule at the recent pace.
struct TrainProgress : job::Progress {
    int64_t run_id = 0;
    int64_t epoch = 0;      // 0-based epoch of the last step
    double train_loss = 0;  // of the last step
    double val_loss = -1;   // latest validation loss; < 0 before the first evaluation
    double learning_rate = 0;
    double tokens_per_s = 0;   // output-and-prompt tokens (padding not counted), recent steps
    bool evaluated = false;    // this report follows a validation pass
    double val_accuracy = -1;  // classification: label accuracy on the validation slice; < 0 none
    // Other kinds with decode_val_rows: the task's score (eval/score.h) of greedy answers to that many
    // validation rows, latest; < 0 none.
    double val_score = -1;
};

// What a new run decided before its first step, and why (shown before training starts): the context
// sized to the corpus and what it cuts or drops, the model the auto preset chose for the time budget,
// and the schedule.
struct TrainPlan {
    std::string preset;     // the preset asked for ("auto", "tiny", ...)
    std::string model;      // the one used: a preset name, or "custom"
    std::string model_why;  // one sentence: why this model and this many steps
    int64_t parameters = 0;
    int seq_len = 0;                                     // context in tokens
    bool seq_auto = false;                               // sized to the corpus (else given)
    int seq_cap = 0;                                     // the preset's cap on an automatic context
    int length_p50 = 0, length_p99 = 0, length_max = 0;  // sequence tokens over train + validation
    int64_t samples = 0;                                 // approved train-split samples
    int64_t truncated = 0;                               // the end of their output will be cut (not learned)
    int64_t input_cut = 0;  // the end of their input will be cut so that the output fits whole
    int64_t dropped = 0;    // their prompt alone fills the context: left out
    std::string fit_why;    // one sentence on the context, what is cut or dropped and why
    int64_t total_steps = 0;
    int64_t steps_per_epoch = 0;
    double epochs = 0;                  // total_steps / steps_per_epoch
    double measured_tokens_per_s = -1;  // the pace measured for the budget; < 0 not measured
    double lr = 0;  // peak learning rate
    double input_loss_weight = 0;
    double input_dropout = 0;
    double dropout = 0;
    double label_distill = 0;
    double copy_rows = 0;
    int64_t copy_examples = 0;  // the copy rows added to the training rows
    double distill_accuracy = -1;  // the n-gram classifier's out-of-fold accuracy; < 0 not used
    std::string select_metric;  // "label accuracy" (classification) or "validation loss"
    // plan_training only: one pass over the training rows at the measured pace, in seconds.
    double seconds_per_epoch = -1;

    nlohmann::json to_json() const;
};

struct TrainParams {
    // model::preset() name, or "auto": the largest preset that the time budget (max_minutes) lets see
    // the corpus at least kAutoMinEpochs times, measured on this machine, with the schedule's steps
    // fitted to the budget; without a budget, "tiny". Ignored when `model` is set.
    std::string preset = "auto";
    std::optional<model::Config> model;  // explicit architecture; vocab and max_seq are overridden
    // Context in tokens; 0: sized to the corpus (its longest sequence, rounded up to a multiple of 32,
    // within max_seq_len; longer samples lose the end of their input, not their output).
    int seq_len = 0;
    int max_seq_len = 1024;  // cap on an automatic context
    // Weight of the language-modelling loss on the user turn's tokens (their mean, against the output's
    // mean at 1): a from-scratch model learns the domain's language from every input it reads.
    // 0: output only; negative: the default (kInputLossWeight).
    double input_loss_weight = -1;
    // Input dropout (train/dataset.h InputDrop): the share of the user turn's tokens left out of each
    // training row, drawn anew every epoch. 0: off; negative: by task kind (kInputDropoutLabels for
    // classification, kInputDropout for the others).
    double input_dropout = -1;
    // Residual dropout (model::Model::set_dropout) in training steps. 0: off; negative: kDropout.
    double dropout = -1;
    // Classification: the weight of an n-gram classifier's out-of-fold label distribution in each
    // training row's answer (train/soft_labels.h). 0: the own labels only; negative: kLabelDistill
    // (off) for classification, 0 for the other kinds (which have no labels).
    double label_distill = -1;
    // Copy rows (train/dataset.h make_copy_examples), for the kinds that write text or JSON: this
    // share of the training inputs also appears as a second row whose answer repeats the start of the
    // input (kCopyWords words) under its own system turn, so a from-scratch model learns early to
    // carry words from its input into its answer, the skill that names, numbers and phrases need.
    // 0: off; negative: by task kind (kCopyRows for text and JSON, 0 for classification).
    // Measured (bench/RESULTS.md, seventh round): it helps the small corpora that a run overfits and
    // hurts a run limited by compute, so it is a choice (--copy-rows) until the planner can tell them
    // apart.
    double copy_rows = -1;
    // Kinds without labels: at every validation pass the model answers up to this many validation rows
    // greedily, as eval and complete do, and their mean score on the task's own metric (ROUGE-L for
    // text, field F1 for extraction; eval/score.h) chooses the best checkpoint and drives early
    // stopping (ties on loss), since the validation loss does not rank what the answers are worth.
    // 0: validation loss only.
    int decode_val_rows = 64;
    // What the student's system turn holds (recorded in the run; export and inference use the same):
    // "intent": "Task: " and the project's one-line intent (text::default_system_prompt), the default;
    // "instruction": the task spec's whole instruction (text::system_prompt). A student trained from
    // random weights cannot read an instruction; it learns the task from the examples, and the same
    // few hundred instruction tokens in every row cost a third of each step on soap-notes for nothing
    // (bench/RESULTS.md). A pretrained base that follows instructions would want "instruction".
    std::string system_prompt = "intent";
    int batch = 16;
    double lr = -1;  // peak; negative: by task kind and the model's width (default_lr)
    double min_lr_ratio = 0.1;  // cosine decays to lr x this
    int64_t warmup_steps = 50;  // capped at a fifth of the run
    double weight_decay = 0.1;
    double beta1 = 0.9;
    double beta2 = 0.95;
    double adam_eps = 1e-8;
    double grad_clip = 1.0;             // global norm; <= 0 disables
    double val_fraction = 0.1;          // of the approved train split; 0: no validation
    int64_t eval_interval = 0;          // steps between validation passes; 0: about 20 over the schedule
    int patience = 5;                   // evaluations without improvement before stopping; 0: never
    int64_t checkpoint_interval = 100;  // steps between checkpoints (also written on every stop)
    int64_t max_steps = 0;              // 0: no limit (then max_epochs must be set)
    int64_t max_epochs = 20;            // 0: no limit
    double max_minutes = 0;             // time budget of this session; 0: none
    uint64_t seed = 1234;
    int threads = 0;           // 0: all cores
    int tokenizer_vocab = 0;   // 0: automatic (tokenizer.h)
    int64_t min_samples = 10;  // fewer approved train samples is a user error

    job::Hooks<TrainProgress> hooks;                 // after every step and validation pass
    std::function<void(const TrainPlan &)> on_plan;  // once, before the first step of a new run

    nlohmann::json to_json() const;  // everything but the callbacks
    static Result<TrainParams> from_json(const nlohmann::json &j);
};

struct TrainReport {
    int64_t run_id = 0;
    std::string status;       // completed or paused (resumable)
    std::string stop_reason;  // max_steps, max_epochs, early_stopping, time_budget
    int64_t steps = 0;
    int64_t total_steps = 0;
    int64_t epochs = 0;     // epochs begun
    double train_loss = 0;  // last step
    double val_loss = -1;   // last evaluation; < 0 when none
    double best_val_loss = -1;  // the validation loss of the best checkpoint (chosen on the selection metric)
    double tokens_per_s = 0;  // this session's average
    double elapsed_s = 0;     // all sessions
    int64_t train_samples = 0;
    int64_t val_samples = 0;
    int64_t truncated = 0;     // sequences whose output was cut to the context
    int64_t input_cut = 0;     // sequences whose input's end was cut so the output fits
    int64_t dropped = 0;       // samples whose prompt alone fills the context
    double padding_waste = 0;  // fraction of batch positions that are padding (first epoch)
    int64_t tokenizer_id = 0;
    int vocab_size = 0;
    int64_t parameters = 0;
    std::string checkpoint;       // latest, absolute path
    std::string best_checkpoint;  // best on the selection metric; empty without validation
    bool resumed = false;
    double val_accuracy = -1;       // classification: last evaluation's label accuracy; < 0 none
    double best_val_accuracy = -1;  // of the best checkpoint
    double val_score = -1;          // decoded validation score (TrainProgress::val_score), last; < 0 none
    double best_val_score = -1;     // of the best checkpoint
    TrainPlan plan;                 // a new run's plan; for a resumed run, rebuilt from its checkpoint
};

// The auto preset's cap on the automatic vocabulary (a small model's output head and embedding
// would otherwise be most of its weights and work).
inline constexpr int kAutoMaxVocab = 2048;

// The input loss weight when TrainParams::input_loss_weight is by default, for every kind. For labels
// it was off until it was measured in the form kept and on runs as long as a 5-minute budget gives
// (bench/RESULTS.md, man-section at 1,500 micro steps: 0.730 -> 0.763 and 0.733 -> 0.747 test
// accuracy over two seeds); an early measurement that had it hurt labels used a form that gave the
// label a seventh of the gradient.
inline constexpr double kInputLossWeight = 0.1;

// The input dropout when TrainParams::input_dropout is by kind (bench/RESULTS.md, man-section and
// py-docstring at equal steps: 0.2 lifted label accuracy from 0.697 to 0.747, 0.1 ROUGE-L from 0.128
// to 0.135).
inline constexpr double kInputDropoutLabels = 0.2;
inline constexpr double kInputDropout = 0.1;

// The residual dropout when TrainParams::dropout is by default: off. At 0.1 it left man-section's
// accuracy where input dropout had it and more than halved py-docstring's ROUGE-L (bench/RESULTS.md).
inline constexpr double kDropout = 0.0;

// The label distillation weight when TrainParams::label_distill is by kind: off. On man-section at
// 1,500 micro steps it changed nothing beyond the noise (test accuracy 0.730 without, 0.720 at 0.5,
// 0.723 at 1; bench/RESULTS.md), so it stays a choice (--label-distill) until a task shows a gain.
inline constexpr double kLabelDistill = 0.0;

// The share of training inputs that also make a copy row when TrainParams::copy_rows is by kind:
// off. At 1,500 micro steps (bench/RESULTS.md, seventh round) copy rows for half the inputs lowered
// the validation loss of py-docstring from 4.91 to 4.12 and of man-pages from 4.37 to 3.82 and raised
// ROUGE-L from 0.087 to 0.112 and 0.055 to 0.062; on soap-notes at 600 steps, a run limited by
// compute, they raised the validation loss from 0.555 to 0.942 and lowered ROUGE-L from 0.378 to 0.316.
inline constexpr double kCopyRows = 0.0;

// The auto preset asks for at least this many passes over the corpus from the model it picks. Six:
// on the man-section task micro's validation loss was best after about six passes and rose after
// (bench/RESULTS.md), so more passes of a smaller model buy nothing that a larger model cannot. With
// input dropout that still held at 15 minutes: tiny after 11 passes scored 0.789 validation / 0.737
// test accuracy against micro's 0.758 / 0.697 after 26 (a rule of 16 passes, tried and reverted).
inline constexpr double kAutoMinEpochs = 6;
// Classification asks for this many before a larger model: on ticket-triage (2,379 tickets, held-out
// tickets of unseen systems) micro after 3,000 and 6,000 steps scored 66.0% test accuracy both times,
// tiny after 2,500 (16.6 passes, what 10 minutes fitted) 55.3%; on man-section the 15-minute cells,
// the only ones where tiny was picked, had the lowest test accuracy in three learning curves of four
// (bench/RESULTS.md, sixth round).
inline constexpr double kAutoMinEpochsLabels = 20;
// ... and fits at most this many into the budget (a tiny corpus would otherwise repeat for hours).
inline constexpr double kAutoMaxEpochs = 40;

// The peak learning rate when TrainParams::lr is by default. Classification: kLrLabels. The kinds that
// write text: kLrTokens x sqrt(mean tokens per step), at most kLrWidth / dim (micro 6e-3, tiny 3.6e-3,
// small 2.25e-3, base 1.5e-3: a narrower model takes larger steps, as muP scales them) and at least
// kLrLabels. Larger batches of tokens average out more gradient noise and take larger steps. Measured
// at fixed micro steps (bench/RESULTS.md, fifth round): soap-notes (~6,100 tokens a step) validation loss
// at 600 steps 1.90 at 1e-3, 0.72 at 3e-3, 0.56 at 6e-3, 0.57 at 1e-2; py-docstring (~2,200 tokens a
// step) best near 3e-3 and worse at 6e-3; ticket-triage labels (~2,100) test accuracy 52.3% at 1e-3,
// 40.7% at 3e-3, 37.3% at 6e-3.
inline constexpr double kLrWidth = 0.576;
inline constexpr double kLrTokens = 7.5e-5;
inline constexpr double kLrLabels = 1e-3;
double default_lr(const model::Config &config, bool labels, double tokens_per_step);

// The limits of a run as a front end asks for them (smolify-cli train's --max-steps, --max-epochs and
// --max-minutes; the Train page's fields), so that the same request trains the same way from either:
// a step count given without an epoch count means exactly that many steps (no epoch cap); what is
// not given keeps TrainParams' default.
struct TrainLimits {
    std::optional<int64_t> max_steps;
    std::optional<int64_t> max_epochs;
    double max_minutes = 0;  // 0: none
};
void apply_limits(TrainParams &params, const TrainLimits &limits);

// Starts a new run. A checkpoint or store write that fails (a full disk: Error::disk_full) pauses the
// run at its last complete checkpoint, step 0 included, and returns a user error that says so and
// how to resume; the run's row says `paused` (or still `running` when that write failed as well),
// and resume() continues it once the write can succeed.
Result<TrainReport> train(store::Project &project, const TrainParams &params);

// What train(project, params) would do, without training, for a front end to show before Start: the
// tokenizer (trained and stored as train() would, so the run reuses it), the context and how many
// samples it cuts or drops, the model and its size, the schedule, and the pace measured on this
// machine with the time per epoch it implies (TrainPlan::seconds_per_epoch; a few seconds of
// measurement). Creates no run. Like train(), it first makes the project's held-out test split when
// there is none (eval/split.h), so the plan counts exactly the samples the run will train on. Errors
// as train()'s.
Result<TrainPlan> plan_training(store::Project &project, const TrainParams &params);

struct ResumeParams {
    std::optional<int64_t> run_id;  // default: the newest run
    double max_minutes = 0;         // time budget of this session
    std::optional<int> threads;     // default: the run's (another count changes the numbers)
    job::Hooks<TrainProgress> hooks;
};

// Continues a run from its latest checkpoint. A run whose first checkpoint never reached the disk
// (step 0, no checkpoint file: a full disk, or a kill while it was written) has trained nothing and
// starts again from its recorded settings under the same id (this call's time budget and threads
// win when given). A write failing on the way pauses it again, as in train(). User errors: no run,
// the run completed, no checkpoint, a damaged checkpoint, training data changed since the run started.
Result<TrainReport> resume(store::Project &project, const ResumeParams &params);

}  // namespace smolify::train
