// Sampling and the generation loop over an infer::Model: greedy or sampled decoding (temperature,
// top-k, top-p, min-p, repetition penalty, seed), stopping at a stop token (<|im_end|>, EOS) or a
// token limit, with a per-token callback for streaming and a cancel flag checked between tokens.
//
// The sampler applies, in llama.cpp's default order: repetition penalty -> top-k -> top-p -> min-p
// -> temperature -> a draw from its own generator (splitmix64, the same draws for a seed on every
// platform). temperature <= 0 is greedy: the highest logit after the penalty, ties to the lowest id.
//
// With GenerateParams::constraint (constrain.h), tokens the output contract does not allow are dropped
// before the sampler's chain runs, so every option works on the allowed tokens only.
//
// Who calls it: runner.h (complete), the complete and bench infer commands, the GUI's playground,
// tests/infer. Thread-safety: a Sampler belongs to one generation.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "infer/infer.h"
#include "util/result.h"

namespace smolify::infer {

class Constraint;

struct SamplingParams {
    float temperature = 0.0f;     // <= 0: greedy
    int top_k = 0;                // 0: off
    float top_p = 1.0f;           // 1: off
    float min_p = 0.0f;           // 0: off
    float repeat_penalty = 1.0f;  // 1: off; > 1 makes tokens already seen less likely
    int repeat_last_n = 64;       // how many recent tokens the penalty looks at
    uint64_t seed = 0;
};

class Sampler {
public:
    explicit Sampler(const SamplingParams &p);
    // The next token from logits (vocab), given the tokens so far (prompt and generated) for the
    // repetition penalty. allowed: empty, or one flag per vocabulary id; only flagged ids are
    // candidates (-1 when none is).
    int32_t sample(std::span<const float> logits, std::span<const int32_t> history,
                   std::span<const uint8_t> allowed = {});

private:
    double uniform();  // [0, 1)
    SamplingParams m_p;
    uint64_t m_state;
    std::vector<std::pair<float, int32_t>> m_cand;
};

struct GenerateParams {
    SamplingParams sampling;
    int max_tokens = 256;              // generated tokens at most (also bounded by the context)
    std::vector<int32_t> stop_tokens;  // not included in the output
    // Called after each generated token (not for a stop token); returning false stops.
    std::function<bool(int32_t token)> on_token;
    const std::atomic<bool> *cancel = nullptr;
    // When set, each token is chosen among those it allows (reset() at the start; its tokenizer must
    // be the model's). Not owned; used by this generation only while it runs.
    Constraint *constraint = nullptr;
};

struct Generation {
    std::vector<int32_t> tokens;  // generated, without the stop token
    // "stop" (a stop token), "length", "context", "callback", "cancelled", "constraint" (the
    // constraint allowed no token: a dead end, which its machines are built to avoid)
    std::string stop_reason;
    bool constraint_closed = false;  // the constraint forced the closing as the token limit neared
    int prompt_tokens = 0;
    double prefill_s = 0;
    double decode_s = 0;
};

// Starts a new sequence (model.reset()), runs the prompt in one batch, then samples until a stop. User
// errors: an empty prompt, a prompt longer than the context, a token outside the vocabulary.
Result<Generation> generate(Model &model, std::span<const int32_t> prompt, const GenerateParams &p);

}  // namespace smolify::infer
