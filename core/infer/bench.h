// The inference benchmark behind `smolify-cli bench infer`: prefill and decode speed of a loaded
// model, measured as llama-bench measures them (pp: one batch of P prompt tokens from an empty
// cache; tg: G tokens decoded one at a time from an empty cache), so the figures compare with
// llama-bench's on the same file and thread count.
//
// Who calls it: the bench infer command, bench/infer scripts. Timing lives here and in bench/, never
// in tests.
#pragma once

#include <cstdint>
#include <string>

#include "infer/infer.h"
#include "util/result.h"

namespace smolify::infer {

struct BenchParams {
    int prompt_tokens = 128;  // P (0: skip prefill)
    int gen_tokens = 128;     // G (0: skip decode)
    int repetitions = 5;      // timed runs of each, after one untimed warm-up
    uint64_t seed = 1;        // for the random token ids
};

struct BenchResult {
    double prefill_tokens_per_s = 0;  // mean over the repetitions
    double prefill_stddev = 0;
    double decode_tokens_per_s = 0;
    double decode_stddev = 0;
    double peak_rss_mib = 0;
    std::string isa;  // kernels used: scalar, avx2, avx512
};

// User errors: P + 1 or G beyond the model's context.
Result<BenchResult> bench_infer(Model &model, const BenchParams &p);

}  // namespace smolify::infer
