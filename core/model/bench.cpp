// Training-throughput benchmark (see bench.h). The update is the benchmark's own AdamW with global
// gradient-norm clipping, the work PyTorch's reference does per step, so tokens/s compare like for
// like; core/train owns the real optimizer.
#include "model/bench.h"

#include <omp.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include <cblas.h>

namespace smolify::model {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double peak_rss_mib() {
    rusage u{};
    if (getrusage(RUSAGE_SELF, &u) != 0) return 0.0;
    return double(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

// AdamW (lr 3e-4, betas 0.9 / 0.999, weight decay 0.1 on matrices only) after clipping the global
// gradient norm to 1, as torch_reference.py configures torch.optim.AdamW.
struct AdamW {
    std::vector<float> m, v, decay;  // decay: 1 for matrices, 0 for norms
    int t = 0;

    explicit AdamW(const Model &model) : m(model.params().size()), v(model.params().size()), decay(model.params().size()) {
        for (const auto &ti : model.tensors())
            std::fill(decay.begin() + std::ptrdiff_t(ti.offset), decay.begin() + std::ptrdiff_t(ti.offset + ti.size),
                      ti.is_norm ? 0.0f : 1.0f);
    }

    void step(Model &model, int threads) {
        const float lr = 3e-4f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = 0.1f;
        ++t;
        float *p = model.params().data();
        const float *g = model.grads().data();
        const std::int64_t n = std::int64_t(model.params().size());
        double ss = 0.0;
#pragma omp parallel for num_threads(threads) reduction(+ : ss) schedule(static)
        for (std::int64_t i = 0; i < n; ++i) ss += double(g[i]) * g[i];
        const float clip = ss > 1.0 ? float(1.0 / std::sqrt(ss)) : 1.0f;
        const float c1 = 1.0f / (1.0f - std::pow(b1, float(t))), c2 = 1.0f / (1.0f - std::pow(b2, float(t)));
        float *mm = m.data(), *vv = v.data();
        const float *dd = decay.data();
#pragma omp parallel for num_threads(threads) schedule(static)
        for (std::int64_t i = 0; i < n; ++i) {
            const float gi = g[i] * clip;
            mm[i] = b1 * mm[i] + (1 - b1) * gi;
            vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
            p[i] -= lr * (mm[i] * c1 / (std::sqrt(vv[i] * c2) + eps) + wd * dd[i] * p[i]);
        }
    }
};

}  // namespace

std::vector<SgemmPoint> measure_sgemm(const std::vector<SgemmPoint> &shapes, int threads, double seconds) {
    std::vector<SgemmPoint> out;
    openblas_set_num_threads(std::max(1, threads));
    for (SgemmPoint s : shapes) {
        const std::size_t M = std::size_t(s.m), N = std::size_t(s.n), K = std::size_t(s.k);
        std::vector<float> a(M * K, 0.01f), b(N * K, 0.02f), c(M * N, 0.0f);
        auto run = [&] {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, s.m, s.n, s.k, 1.0f, a.data(), s.k, b.data(), s.k, 0.0f,
                        c.data(), s.n);
        };
        run();  // warm-up: thread pool, buffers, caches
        int reps = 0;
        const auto t0 = Clock::now();
        double dt = 0.0;
        do {
            run();
            ++reps;
            dt = seconds_since(t0);
        } while (dt < seconds);
        s.gflops = 2.0 * double(M) * double(N) * double(K) * reps / dt / 1e9;
        out.push_back(s);
    }
    openblas_set_num_threads(1);
    return out;
}

Result<TrainBenchResult> bench_train(const TrainBenchParams &params) {
    if (params.batch < 1 || params.seq < 1) return user_error("bench: batch and sequence length must be positive");
    if (params.seconds <= 0.0 && params.steps <= 0) return user_error("bench: give a positive time or step count");
    Config config = params.config;
    config.max_seq = std::max(config.max_seq, params.seq);
    auto made = Model::create(config, params.batch, params.seq);
    if (!made) return made.error();
    Model &model = **made;
    model.set_threads(params.threads);
    const int threads = model.threads();
    model.init_weights(1);

    TrainBenchResult r;
    r.config = config;
    r.batch = params.batch;
    r.seq = params.seq;
    r.threads = threads;
    r.flops_per_token = config.train_flops_per_token(params.seq);
    r.blas_config = openblas_get_config();

    // Random tokens, fixed for the run, as the reference does: (B, T + 1), inputs and shifted targets.
    const int B = params.batch, T = params.seq;
    std::vector<int32_t> tokens(std::size_t(B) * T), targets(std::size_t(B) * T);
    uint64_t state = 0x5DEECE66DULL;
    std::vector<int32_t> seq(std::size_t(T) + 1);
    for (int b = 0; b < B; ++b) {
        for (auto &t : seq) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            t = int32_t((state >> 33) % uint64_t(config.vocab));
        }
        std::copy(seq.begin(), seq.end() - 1, tokens.begin() + std::ptrdiff_t(b) * T);
        std::copy(seq.begin() + 1, seq.end(), targets.begin() + std::ptrdiff_t(b) * T);
    }

    AdamW opt(model);
    auto step = [&] {
        model.zero_grad();
        const float loss = model.forward(tokens.data(), targets.data(), B, T);
        model.backward();
        opt.step(model, threads);
        return loss;
    };
    for (int i = 0; i < params.warmup; ++i) r.first_loss = step();

    model.set_profiling(true);
    model.reset_profile();
    const auto t0 = Clock::now();
    for (;;) {
        r.last_loss = step();
        if (r.steps == 0 && params.warmup == 0) r.first_loss = r.last_loss;
        ++r.steps;
        r.seconds = seconds_since(t0);
        TrainBenchProgress p;
        p.stage = "timing";
        p.unit = "steps";
        p.done = r.steps;
        p.total = params.steps > 0 ? params.steps : 0;
        p.elapsed_s = r.seconds;
        if (params.seconds > 0 && params.steps <= 0) p.seconds_left = std::max(0.0, params.seconds - r.seconds);
        p.tokens_per_s = double(r.steps) * B * T / r.seconds;
        p.loss = r.last_loss;
        if (!params.hooks.report(p)) return job::cancelled();
        if (params.steps > 0 ? r.steps >= params.steps : r.seconds >= params.seconds) break;
    }
    r.tokens_per_s = double(r.steps) * B * T / r.seconds;
    r.gflops = r.tokens_per_s * r.flops_per_token / 1e9;
    double accounted = 0.0;
    for (const auto &[name, s] : model.profile()) {
        r.phases.push_back({name, s});
        accounted += s;
    }
    r.phases.push_back({"optimizer+other", std::max(0.0, r.seconds - accounted)});

    r.peak_rss_mib = peak_rss_mib();  // before the sgemm buffers below
    if (params.measure_peak) {
        // The engine-notes reference shape, then the model's own largest products at B x T rows.
        const int rows = B * T;
        r.sgemm = measure_sgemm({{4096, 1536, 512, 0.0},
                                 {rows, 2 * config.ffn, config.dim, 0.0},
                                 {rows, config.vocab, config.dim, 0.0},
                                 {rows, config.dim, config.ffn, 0.0}},
                                threads);
        for (const auto &s : r.sgemm) r.sgemm_peak_gflops = std::max(r.sgemm_peak_gflops, s.gflops);
    }
    return r;
}

}  // namespace smolify::model
