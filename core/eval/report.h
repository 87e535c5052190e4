// An evaluation as JSON (for scripts: `smolify-cli eval --json`, stored in eval_runs.metrics) and as
// one self-contained HTML page (`--report FILE.html`): inline CSS and inline SVG only, no script, no
// network, every text from the project HTML-escaped. The page shows the task and its kind, the
// metrics of the student at each weight type beside the teacher and the baselines, the F32 student
// with constrained decoding beside its plain answers (and the tokens/s it costs), the quantization
// deltas against F32, the kind's detail (confusion matrix or per-field scores), the training run's
// loss curves, and the worst cases side by side. docs/eval.md lists the JSON fields.
//
// Who calls it: the eval command, eval/results.cpp, the GUI, tests/eval. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/evaluate.h"
#include "train/runs.h"

namespace smolify::eval {

// with_results: every student row (input, reference, output, scores); otherwise the worst 10 of
// the first student only.
nlohmann::json report_json(const EvalReport &report, bool with_results);

// `curve`: the training run's metrics (train and val rows), may be empty.
std::string report_html(const EvalReport &report, const std::vector<train::MetricRow> &curve,
                        std::string_view title);

// & < > " ' as entities.
std::string html_escape(std::string_view text);

}  // namespace smolify::eval
