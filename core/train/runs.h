// Training runs, their metrics and checkpoints in the project store (training_runs, metrics,
// checkpoints tables). Checkpoint paths are stored relative to the project's artifacts folder so a
// copied project still finds them.
//
// Who calls it: core/train (writes while training), the GUI's Train page and the CLI (read; WAL lets
// them read while training writes), export (which checkpoint to use).
// Thread-safety: as Project (one thread per Project).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "util/result.h"

namespace smolify::train {

struct RunRow {
    int64_t id = 0;
    nlohmann::json config;  // TrainParams, model config, system prompt, data summary
    uint64_t seed = 0;
    std::string status;  // created, running, paused, completed, failed, cancelled
    std::string message;
    int64_t step = 0;
    std::optional<int64_t> tokenizer_id;
    std::optional<double> best_val_loss;
    int64_t created_at = 0;
    std::optional<int64_t> started_at;
    std::optional<int64_t> finished_at;
};

struct MetricRow {
    int64_t step = 0;
    std::string split;  // "train" or "val"
    double loss = 0;
    double learning_rate = 0;
    double tokens_per_s = 0;
    double elapsed_s = 0;
};

struct CheckpointRow {
    int64_t id = 0;
    int64_t run_id = 0;
    int64_t step = 0;
    std::string path;  // relative to the artifacts folder
    std::string sha256;
    int64_t bytes = 0;
};

Result<int64_t> create_run(store::Project &project, const nlohmann::json &config, uint64_t seed,
                           int64_t tokenizer_id);
// Starts run `run_id` again from nothing, as create_run would have made it (status running, step 0,
// the given config, seed and tokenizer), dropping its metrics and checkpoint rows: for a run whose
// first checkpoint never reached the disk (trainer.h resume). Returns run_id.
Result<int64_t> restart_run(store::Project &project, int64_t run_id, const nlohmann::json &config,
                            uint64_t seed, int64_t tokenizer_id);
// Sets status, step and message; best_val_loss when given; finished_at when the status is final.
Status update_run(store::Project &project, int64_t run_id, const std::string &status, int64_t step,
                  const std::string &message, std::optional<double> best_val_loss = std::nullopt);
Result<std::optional<RunRow>> find_run(store::Project &project, int64_t run_id);
Result<std::optional<RunRow>> latest_run(store::Project &project);
// Every run, newest first.
Result<std::vector<RunRow>> list_runs(store::Project &project);

// Inserted (or replaced, for steps redone after a resume) in one transaction.
Status write_metrics(store::Project &project, int64_t run_id, std::span<const MetricRow> rows);
// Drops the metrics of steps after `step`: what a killed run logged past its last checkpoint.
Status delete_metrics_after(store::Project &project, int64_t run_id, int64_t step);
Result<std::vector<MetricRow>> read_metrics(store::Project &project, int64_t run_id);
// For a chart that follows a live run: run `run_id`'s training rows after `after_train_step` and
// validation rows after `after_val_step`, by step, at most `limit` rows (the two splits are followed
// apart because a step's validation row may commit after its training row).
Result<std::vector<MetricRow>> read_metrics_after(store::Project &project, int64_t run_id,
                                                  int64_t after_train_step, int64_t after_val_step, int limit);

// Records a checkpoint file; earlier rows for the same path are replaced (the file was overwritten).
Status record_checkpoint(store::Project &project, const CheckpointRow &row);
Result<std::vector<CheckpointRow>> read_checkpoints(store::Project &project, int64_t run_id);

// Where a run's checkpoints go: "checkpoints/run-ID.ckpt" (latest) and "checkpoints/run-ID-best.ckpt"
// (lowest validation loss so far), relative to the artifacts folder.
std::string checkpoint_relpath(int64_t run_id, bool best);

}  // namespace smolify::train
