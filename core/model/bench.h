// Training-throughput benchmark of the student: random tokens, forward + backward + an AdamW update
// with gradient clipping (as ../shared/bench/torch_reference.py does), warm-up steps excluded, and
// the OpenBLAS sgemm peak measured in the same process for the ratio. Called by `smolify-cli bench
// train`; the GUI could call it from a worker thread (util/job.h: progress callback, cancel flag).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::model {

// job::Progress: stage "timing", done = timed steps done, total = TrainBenchParams::steps (0 when
// timed by seconds), elapsed_s = timed seconds so far.
struct TrainBenchProgress : job::Progress {
    double tokens_per_s = 0.0;
    float loss = 0.0f;
};

struct TrainBenchParams {
    Config config;
    int batch = 16;
    int seq = 256;
    int threads = 0;         // 0: all cores
    double seconds = 15.0;   // timed part; ends after the step that crosses it
    int steps = 0;           // > 0: exactly this many timed steps instead
    int warmup = 2;          // untimed steps first
    bool measure_peak = true;
    job::Hooks<TrainBenchProgress> hooks;  // after each timed step
};

struct SgemmPoint {
    int m = 0, n = 0, k = 0;
    double gflops = 0.0;
};

// Time spent per kind of work in the timed steps, in seconds (Model's profile).
struct TrainBenchPhase {
    std::string name;
    double seconds = 0.0;
};

struct TrainBenchResult {
    Config config;
    int batch = 0, seq = 0, threads = 0, steps = 0;
    double seconds = 0.0;
    double tokens_per_s = 0.0;
    double flops_per_token = 0.0;
    double gflops = 0.0;               // achieved, engine-notes.md convention
    double sgemm_peak_gflops = 0.0;    // best of `sgemm` (0 when not measured)
    std::vector<SgemmPoint> sgemm;     // each shape measured
    double peak_rss_mib = 0.0;
    float first_loss = 0.0f, last_loss = 0.0f;
    std::vector<TrainBenchPhase> phases;
    std::string blas_config;           // openblas_get_config()
};

Result<TrainBenchResult> bench_train(const TrainBenchParams &params);

// OpenBLAS sgemm (row-major, C = A B^T as the model's forward uses it) with OpenBLAS's own `threads`
// threads, about `seconds` per shape. Leaves OpenBLAS single-threaded afterwards, as the model wants it.
std::vector<SgemmPoint> measure_sgemm(const std::vector<SgemmPoint> &shapes, int threads, double seconds = 0.4);

}  // namespace smolify::model
