// Evaluations in the project store (eval_runs, eval_results; schema v4): writing one evaluation with
// its side-by-side rows, reading the rows back sorted worst first, and turning one row into a
// corrected training sample ("promote").
//
// Promoting result R: the output becomes `corrected` when given, else the teacher's reference. When
// the test sample still exists it leaves the test split for training (a model must not be tested on
// what it trained on, so the frozen test set loses it), is approved, its text edited when corrected
// (the sample's revisions keep the teacher's original), and its provenance gains
// {"promoted": {"eval_run", "eval_result", "student_output", "corrected", "at"}}. When the sample was
// deleted since, a new approved train sample (source manual) is made from the row.
//
// Who calls it: eval/evaluate.cpp (write), the eval command and the GUI's Evaluate page (read,
// promote). Thread-safety: as Project (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "util/result.h"

namespace smolify::eval {

struct EvalReport;

// Stores the report and the student rows of every weight type in one transaction; sets the ids in
// `report` (eval_run_id and each SampleResult's id).
Status store_report(store::Project &project, EvalReport &report, const nlohmann::json &params);

struct StoredResult {
    int64_t id = 0;
    int64_t eval_run_id = 0;
    std::optional<int64_t> sample_id;
    std::string quant;
    std::string input;
    std::string reference;
    std::string output;
    double score = 0;
    bool contract_ok = false;
    std::string contract_reason;
    nlohmann::json scores;  // the row's other scores
    std::optional<int64_t> promoted_sample_id;
};

// The newest evaluation's id, if any.
Result<std::optional<int64_t>> latest_eval_run(store::Project &project);

// Evaluation `id` as stored: its report's JSON (eval/report.h; an empty object when the row holds
// none readable) and when it was made. A user error when there is no such evaluation.
struct StoredEvalRun {
    int64_t id = 0;
    nlohmann::json metrics;
    int64_t created_at = 0;
};
Result<StoredEvalRun> read_eval_run(store::Project &project, int64_t id);

// The newest evaluation of training run `training_run_id` (of the project's own model, not a --model
// file) as (name, value) rows for the model card: the task kind, the samples evaluated, and per system
// (student per weight type, constrained student, teacher, baselines) its score, contract share and
// loss, and the sentence saying whether the student beats the best baseline. Empty when the run was
// never evaluated.
Result<std::vector<std::pair<std::string, std::string>>> card_metrics(store::Project &project,
                                                                      int64_t training_run_id);

// The newest evaluation of training run `training_run_id` (the project's own model), per weight type:
// its score (in `measure`: accuracy, ROUGE-L, field F1, ...), contract share and held-out loss, -1 where
// the evaluation did not measure one. nullopt when the run was never evaluated (or its row is unreadable).
struct TypeMetric {
    std::string quant;  // "f32", "q8_0", ...
    double score = -1;
    double contract_share = -1;
    double loss = -1;
};
struct TypeMetrics {
    int64_t eval_run_id = 0;
    std::string measure;  // the score's name; empty when the evaluation does not say
    int64_t evaluated = 0;
    std::vector<TypeMetric> types;
};
Result<std::optional<TypeMetrics>> type_metrics(store::Project &project, int64_t training_run_id);

struct ResultQuery {
    int64_t eval_run_id = 0;  // 0: the newest
    std::string quant;        // empty: every weight type
    bool worst_first = true;  // by score, then id
    int64_t limit = -1;       // -1: all
};
Result<std::vector<StoredResult>> read_results(store::Project &project, const ResultQuery &query);
Result<std::optional<StoredResult>> read_result(store::Project &project, int64_t result_id);

struct PromoteOutcome {
    int64_t sample_id = 0;
    bool created = false;    // a new sample (the test sample was gone)
    bool corrected = false;  // the output is the corrected text, not the reference
};
// User errors: no such result, already promoted, an empty or invalid corrected text, a text that
// another sample already has.
Result<PromoteOutcome> promote_result(store::Project &project, int64_t result_id,
                                      const std::optional<std::string> &corrected_output);

}  // namespace smolify::eval
