// Evaluation: the student against the teacher on the held-out test split (split.h), by the task's
// kind (kind.h), at each weight type (F32, Q8_0, Q4_0, quantized exactly as export writes them),
// beside the teacher's own contract keeping and cost and the baselines that apply (score.h,
// baselines.h: trained on the project's approved train-split samples, applied to the same test inputs).
//
// For each test sample (approved or pending, never rejected, not among the samples the evaluated
// run trained or validated on; the first `limit` by id) and each weight
// type: the student answers greedily as `complete` does (the prompt format of training, stop at
// <|im_end|>; with `constrained`, through the contract's constrained decoding), at most min(max_tokens, 2 x
// the reference's tokens + 16) tokens; the answer is scored against the reference; the loss on the reference
// is computed teacher-forced with the training masking (output tokens and the closing <|im_end|>); the wall
// time and generated tokens are kept. The quantized variants are temporary GGUF files written by
// core/export's student writer in the artifacts folder and loaded with infer::Model::from_gguf, then removed.
// With `model` set, that GGUF file alone is evaluated.
//
// Constrained decoding side by side: unless `constrained` or !`compare_constrained`, the F32 student (the
// `model` file when one is given) answers the same samples a second time, the same greedy way but
// through infer::Constraint::for_spec of the task's contract (the spec's, or the inferred kind's), and
// is scored like the plain answers into EvalReport::constrained_student. Those answers are not stored
// in eval_results (the plain ones are the side-by-side rows); the report's JSON (stored in
// eval_runs.metrics) and HTML carry the comparison. When the contract cannot be constrained (or no
// F32 variant is evaluated) the comparison is left out and EvalReport::constrained_skipped says why.
//
// The result is stored (results.h) and returned; report.h renders it as JSON and HTML.
//
// Who calls it: the eval command, the GUI's Evaluate page (worker thread), tests/eval.
// Thread-safety: uses the given Project from the calling thread only; the cancel flag may be set
// from any thread; progress comes back on the calling thread (util/job.h; a cancel stores nothing).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "eval/kind.h"
#include "eval/score.h"
#include "export/gguf_student.h"
#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::infer {
struct Runner;
}

namespace smolify::eval {

// job::Progress: stage = the system answering ("student f32", "student f32 constrained", ...), done /
// total = its test samples, unit "samples".
struct EvalProgress : job::Progress {
    int systems_done = 0;
    int systems_total = 0;
};

struct EvalParams {
    std::filesystem::path model;  // a GGUF to evaluate; empty: the project's newest training run
    std::vector<gguf::ExportType> quants = {gguf::ExportType::f32, gguf::ExportType::q8_0,
                                            gguf::ExportType::q4_0};  // for the project's run
    int64_t limit = 0;                                                // test samples at most; 0: all
    int max_tokens = 256;
    int threads = 0;  // 0: all cores
    // Generate with constrained decoding (infer/constrain.h): the student can only write outputs that
    // keep the contract (spec or inferred). The report says so; off by default, so the contract share
    // shows what the student learned.
    bool constrained = false;
    // Also answer with the F32 student through constrained decoding and report both (see above). Only
    // F32 (the `model` file when one is given): one more pass over the samples. Ignored with `constrained`.
    bool compare_constrained = true;
    bool store = true;                // write eval_runs / eval_results
    job::Hooks<EvalProgress> hooks;  // after each sample answered
};

struct TeacherCost {
    bool known = false;            // the journal has paid generation calls
    int64_t calls = 0;             // ok generation calls
    int64_t outputs = 0;           // samples those calls returned (kept and rejected)
    double cost_usd = 0;           // of those calls
    double cost_usd_per_1000 = 0;  // cost_usd / outputs x 1000
    double latency_s_per_call = 0;
};

struct EvalReport {
    int64_t eval_run_id = 0;  // 0 when not stored
    int64_t training_run_id = 0;
    std::string model;         // "project" or the GGUF path
    bool constrained = false;  // EvalParams::constrained
    TaskProfile profile;
    int64_t test_samples = 0;           // in the test split (not rejected)
    int64_t excluded_trained = 0;       // test samples the project's model trained on, left out
    int64_t evaluated = 0;              // after those and the limit
    std::vector<SystemScores> systems;  // students (one per weight type), the teacher, baselines
    // The F32 student (or the `model` file) again with constrained decoding: same samples, same greedy
    // decoding, same scoring; name "student", role "student", quant as the plain one's. Absent when
    // not compared.
    std::optional<SystemScores> constrained_student;
    std::string constraint_kind;      // infer::Constraint::kind() of that pass ("labels", "sections", ...)
    std::string constrained_skipped;  // why there is no comparison, when compare_constrained was asked
    TeacherCost teacher_cost;
    bool test_split_frozen = false;  // the split was made (or adopted) and recorded (split.h)
    int64_t created_at = 0;
};

// User errors: no trained model, no test samples (with what to do), a bad GGUF. Cancelled: the flag
// or the callback.
Result<EvalReport> evaluate(store::Project &project, const EvalParams &params);

// The teacher's measured cost from the journal (teacher_calls with purpose "generate") and what its
// calls returned (samples from the teacher plus synth_rejects).
Result<TeacherCost> teacher_cost(store::Project &project);

// Teacher-forced loss of `reference` as the answer to `input`: mean cross-entropy (nats) over the
// output tokens and the closing <|im_end|>, as training masks it; the sequence is cut to the model's
// context. `tokens` gets the count (0 when the prompt alone fills the context).
Result<double> reference_loss(infer::Runner &runner, const std::string &input, const std::string &reference,
                              int64_t &tokens);

}  // namespace smolify::eval
