// Intent -> task spec: asks the teacher to draft a spec (kind, instruction, input description, output
// contract, diversity axes, 5-10 seed examples) from what the user typed, with a JSON schema / JSON mode
// request, and reads the answer tolerantly: fences and prose around the JSON, common alternative field
// names ("task_kind", "diversity_axes", "examples"), axes written as {"personas": [...]}, extraction
// outputs written as objects. Seeds that break the drafted contract are dropped (with a note) as long as
// one remains; what still does not make a valid spec is a user error naming the field.
//
// Who calls it: smolify-cli spec --draft, the GUI's Intent page. Thread-safety: the caller's thread.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "synth/spec.h"
#include "teacher/client.h"
#include "util/result.h"

namespace smolify::synth {

struct DraftParams {
    double temperature = 0.3;
    int max_tokens = 4096;
    // Written into the request, so that drafting again is a new call rather than the journal's
    // answer to the identical earlier request (the CLI passes the number of saved versions + 1).
    int attempt = 1;
    const std::atomic<bool> *cancel = nullptr;
    // Every retry of the call as the client plans it (ClientProgress::note says what and when), so
    // a stalled or failing teacher is never waited on in silence.
    std::function<void(const teacher::ClientProgress &)> on_progress;
};

struct DraftResult {
    Spec spec;
    std::vector<std::string> notes;  // what the tolerant reading had to fix or drop
    int64_t call_id = 0;
    double cost_usd = 0;
    bool from_journal = false;
};

teacher::ChatRequest draft_request(std::string_view intent, const DraftParams &params = {});
nlohmann::json draft_schema();

Result<DraftResult> draft_spec(teacher::Client &client, std::string_view intent,
                               const DraftParams &params = {});

// The tolerant reading of a teacher's draft (exposed for tests).
Result<Spec> spec_from_teacher_reply(std::string_view reply_text, std::vector<std::string> *notes);

}  // namespace smolify::synth
