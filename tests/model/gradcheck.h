// Central finite differences for the model tests: compares an analytic gradient with
// (f(x + h) - f(x - h)) / 2h on a handful of coordinates of a float tensor.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace smolify::model::testing {

// Fills with uniform values in [-scale, scale) from a fixed seed.
inline void fill_uniform(std::vector<float> &v, uint64_t seed, float scale = 1.0f) {
    uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
    for (float &x : v) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        x = scale * (float((s >> 40) & 0xFFFFFF) / float(1 << 24) * 2.0f - 1.0f);
    }
}

struct GradCheckStats {
    int checked = 0;
    double max_abs_analytic = 0.0;
};

// Checks `samples` coordinates of x (spread over the tensor, first and last included) against `loss`,
// which recomputes the scalar from the current x. Tolerance: abs_tol + rel_tol * max(|numeric|, |analytic|).
inline GradCheckStats check_gradient(const std::string &what, float *x, std::size_t n, const float *analytic,
                                     const std::function<double()> &loss, int samples = 16, float h = 1e-2f,
                                     double abs_tol = 1e-3, double rel_tol = 2e-2) {
    GradCheckStats stats;
    const std::size_t step = std::max<std::size_t>(1, n / std::size_t(samples));
    for (std::size_t i = 0; i < n; i += step) {
        const std::size_t at = (i + step >= n) ? n - 1 : i;
        const float saved = x[at];
        x[at] = saved + h;
        const double up = loss();
        x[at] = saved - h;
        const double down = loss();
        x[at] = saved;
        const double numeric = (up - down) / (2.0 * double(h));
        const double a = analytic[at];
        const double tol = abs_tol + rel_tol * std::max(std::fabs(numeric), std::fabs(a));
        EXPECT_NEAR(a, numeric, tol) << what << " coordinate " << at;
        stats.checked++;
        stats.max_abs_analytic = std::max(stats.max_abs_analytic, std::fabs(a));
        if (at == n - 1) break;
    }
    return stats;
}

// sum(out * r) in double: the scalar whose gradient with respect to out is r.
inline double weighted_sum(const std::vector<float> &out, const std::vector<float> &r) {
    double s = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) s += double(out[i]) * double(r[i]);
    return s;
}

}  // namespace smolify::model::testing
