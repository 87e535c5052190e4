// The inference benchmark (bench.h).
#include "infer/bench.h"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "infer/kernels.h"

namespace smolify::infer {

namespace {

using Clock = std::chrono::steady_clock;

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

void mean_stddev(const std::vector<double> &x, double &mean, double &sd) {
    mean = 0;
    for (double v : x)
        mean += v;
    mean /= double(x.size());
    double ss = 0;
    for (double v : x)
        ss += (v - mean) * (v - mean);
    sd = x.size() > 1 ? std::sqrt(ss / double(x.size() - 1)) : 0.0;
}

}  // namespace

Result<BenchResult> bench_infer(Model &model, const BenchParams &p) {
    if (p.prompt_tokens < 0 || p.gen_tokens < 0 || p.repetitions < 1)
        return user_error("bench: token counts must be >= 0 and repetitions >= 1");
    if (p.prompt_tokens > model.context() || p.gen_tokens > model.context())
        return user_error("bench: " + std::to_string(std::max(p.prompt_tokens, p.gen_tokens)) +
                          " tokens do not fit the model's context of " + std::to_string(model.context()));
    // Random ids (a fixed generator): the speed does not depend on which tokens they are.
    uint64_t state = p.seed;
    const int V = model.config().vocab;
    auto next_id = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int32_t((state >> 33) % uint64_t(V));
    };
    std::vector<int32_t> prompt(std::size_t(p.prompt_tokens));
    for (auto &t : prompt)
        t = next_id();
    std::vector<int32_t> gen(std::size_t(p.gen_tokens));
    for (auto &t : gen)
        t = next_id();

    BenchResult r;
    r.isa = kernels::isa_name(kernels::active_isa());
    std::vector<double> rates;
    if (p.prompt_tokens > 0) {
        for (int rep = 0; rep <= p.repetitions; ++rep) {
            model.reset();
            const auto t0 = Clock::now();
            if (Status s = model.eval(prompt); !s) return s.error();
            const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
            if (rep > 0) rates.push_back(double(p.prompt_tokens) / dt);  // the first run warms up
        }
        mean_stddev(rates, r.prefill_tokens_per_s, r.prefill_stddev);
    }
    rates.clear();
    if (p.gen_tokens > 0) {
        for (int rep = 0; rep <= p.repetitions; ++rep) {
            model.reset();
            const auto t0 = Clock::now();
            for (int32_t t : gen)
                if (Status s = model.eval(std::span<const int32_t>(&t, 1)); !s) return s.error();
            const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
            if (rep > 0) rates.push_back(double(p.gen_tokens) / dt);
        }
        mean_stddev(rates, r.decode_tokens_per_s, r.decode_stddev);
    }
    model.reset();
    r.peak_rss_mib = peak_rss_mib();
    return r;
}

}  // namespace smolify::infer
