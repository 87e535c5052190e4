// What Smolify says to the teacher during generation, and how it reads the answers: the system message
// built from the task spec, the per-request message (slice, count, review guidance, a request id that
// makes every request distinct for the journal), the strict JSON envelope the samples come back in, and
// the judge's scoring prompt. Replies are outside data: parsing is tolerant of fences and prose around the
// JSON, and never trusts a field's type.
//
// Who calls it: synth/generate, tests (to check what the teacher was asked).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "synth/spec.h"
#include "util/result.h"

namespace smolify::synth {

// Review guidance for one round, read from the project when the round is planned (guidance.h).
struct Example {
    std::string input;
    std::string output;
};
struct Correction {
    std::string input;             // the sample's input as the reviewer left it
    std::string original_output;   // what the teacher wrote
    std::string corrected_output;  // what the reviewer changed it to
};
struct Guidance {
    std::vector<Example> approved;             // a pool; each request gets a rotating few of them
    std::vector<std::string> avoid;            // reviewers' rejection reasons, most frequent first
    std::vector<std::string> format_mistakes;  // the contract's most frequent reject reasons
    std::vector<Correction> corrections;
    bool steered = false;  // `approved` holds the samples the reviewer asked for more like
};

// One diversity slice: a value per axis (empty when the spec has no axes).
struct Slice {
    std::vector<std::pair<std::string, std::string>> values;  // (axis, value)
};
std::string slice_label(const Slice &slice);  // "sub-topic: printer; persona: CFO"
nlohmann::json slice_to_json(const Slice &slice);

std::string prompt_system(const Spec &spec);

struct RequestPromptParams {
    int64_t run_id = 0;
    int round = 0;
    int index = 0;
    int wanted = 5;    // samples asked for
    int few_shot = 3;  // approved examples shown
};
std::string prompt_request(const Spec &spec, const Slice &slice, const Guidance &guidance,
                           const RequestPromptParams &params);

// The JSON schema of the envelope {"samples": [{"input", "output", "topic"}]}.
nlohmann::json envelope_schema();

struct Candidate {
    std::string input;
    std::string output;
    std::string topic;  // the teacher's own topic word, if it gave one
};
struct EnvelopeItemError {
    std::size_t index = 0;
    std::string reason;
};
struct Envelope {
    std::vector<Candidate> samples;
    std::vector<EnvelopeItemError> malformed;  // items that were not {"input": text, "output": text}
};
inline constexpr std::size_t kMaxSamplesPerReply = 200;
// A user error when the reply holds no envelope at all.
Result<Envelope> parse_envelope(std::string_view reply_text);

// The judge: one call per reply, scoring each candidate 1..5 against the spec.
std::string prompt_judge(const Spec &spec, const std::vector<Candidate> &candidates);
nlohmann::json judge_schema();
struct JudgeScore {
    int score = 0;  // 1..5; 0 when the judge gave none for this sample
    std::string reason;
};
// Scores by candidate index (size n); a user error when the reply holds no scores at all.
Result<std::vector<JudgeScore>> parse_judge(std::string_view reply_text, std::size_t n);

}  // namespace smolify::synth
