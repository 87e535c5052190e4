// The task kind evaluation scores against: the project's task spec when it has one, else inferred
// from the reference outputs, so that a project trained on imported data (no spec) still gets its
// kind's metrics. The inferred kind comes with a contract (a synth::Spec) that contract_check holds
// the outputs to, and a sentence saying why, shown to the user.
//
// Inference, first rule that holds (docs/eval.md):
//  1. at least 90% of the outputs are JSON objects -> json_extraction; the contract: a JSON object,
//     its properties the keys seen, those present in every reference required;
//  2. at most 20 distinct outputs, each one line of at most 64 characters, each seen on average at
//     least twice -> classification with those labels (most frequent first);
//  3. at least two heading names ("Name:" or "# Name" at the start of a line) each found in at least
//     80% of the outputs -> sectioned_text with those sections, in their usual order;
//  4. else free_text.
//
// Who calls it: eval/evaluate.cpp, eval/split.cpp (labels as strata), the GUI's Evaluate page, tests.
// Thread-safety: pure functions, except task_profile which reads the project (one thread).
#pragma once

#include <string>
#include <vector>

#include "store/project.h"
#include "synth/spec.h"
#include "util/result.h"

namespace smolify::eval {

struct TaskProfile {
    synth::Spec spec;  // kind and output contract (from the project's spec, or inferred)
    bool from_spec = false;
    std::string why;  // "from the task spec, version 3" / "inferred: 4 distinct outputs ..."
};

// Infers the kind and contract from reference outputs (trimmed).
TaskProfile infer_profile(const std::vector<std::string> &outputs);

// The project's current spec when there is one, else inferred from the outputs of its approved
// samples of both splits (and pending test samples).
Result<TaskProfile> task_profile(store::Project &project);

}  // namespace smolify::eval
