// An evaluation as JSON (for scripts: `smolify-cli eval --json`, stored in eval_runs.metrics) and as
// one self-contained HTML page (`--report FILE.html`): inline CSS and inline SVG only, no script, no
// network, every text from the project HTML-escaped. The page says first whether the student beats
// the best baseline (baseline_comparison), then shows the task and its kind, the
// metrics of the student at each weight type beside the teacher and the baselines, the F32 student
// with constrained decoding beside its plain answers (and the tokens/s it costs), the quantization
// deltas against F32, the kind's detail (confusion matrix or per-field scores), the training run's
// loss curves, and the worst cases side by side. docs/eval.md lists the JSON fields.
//
// Who calls it: the eval command, eval/results.cpp, the GUI, tests/eval. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/evaluate.h"
#include "train/runs.h"

namespace smolify::eval {

// The student figure an evaluation leads with: for classification the F32 student with constrained
// decoding when that pass was compared (labels decoded as labels: the label the model scores highest
// within the label set, so every answer keeps the contract), with the plain answers beside it; for the
// other kinds, and when there is no constrained pass, the F32 student (else the first evaluated).
struct HeadlineStudent {
    const SystemScores *scores = nullptr;         // null when no student was evaluated
    const SystemScores *unconstrained = nullptr;  // the plain answers, when `scores` is the constrained pass
    std::string system;                           // "student f32 constrained", "student f32"
    bool constrained = false;  // its answers went through constrained decoding (the pass, or --constrained)
};
HeadlineStudent headline_student(const EvalReport &report);

// Does the student beat the baselines? The headline student against the best baseline by the kind's
// main score (SystemScores::score: accuracy, mean field F1 or mean ROUGE-L), ties to the baseline listed
// first; the student beats it when its score is strictly higher.
struct BaselineComparison {
    std::string measure;  // "accuracy", "field F1", "ROUGE-L"
    std::string best_baseline;
    double best_baseline_score = 0;
    std::string student_system;  // HeadlineStudent::system
    bool student_constrained = false;
    double student_score = 0;
    double unconstrained_score = -1;  // the plain answers' score when the student is the constrained pass
    double margin = 0;                // student_score - best_baseline_score
    bool student_beats = false;
};
// Absent when no baseline or no student was evaluated.
std::optional<BaselineComparison> baseline_comparison(const EvalReport &report);
// As report_json writes it ("baseline_comparison"): {"measure", "best_baseline", "best_baseline_score",
// "student_system", "student_constrained", "student_score", "unconstrained_student_score"?, "margin",
// "student_beats"}; and back (absent when `j` is not such an object, e.g. null or an older report).
nlohmann::json comparison_json(const BaselineComparison &c);
std::optional<BaselineComparison> comparison_from_json(const nlohmann::json &j);
// "The student (f32 with constrained decoding, accuracy 0.810) beats the best baseline, logistic
// regression (0.780), by 0.030." / "... does not beat the best baseline, ... (0.780): 0.140 behind."
std::string comparison_sentence(const BaselineComparison &c);

// with_results: every student row (input, reference, output, scores); otherwise the worst 10 of
// the first student only.
nlohmann::json report_json(const EvalReport &report, bool with_results);

// `curve`: the training run's metrics (train and val rows), may be empty.
std::string report_html(const EvalReport &report, const std::vector<train::MetricRow> &curve,
                        std::string_view title);

// & < > " ' as entities.
std::string html_escape(std::string_view text);

}  // namespace smolify::eval
