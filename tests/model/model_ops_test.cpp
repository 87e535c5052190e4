// Finite-difference gradient checks of every backward function in core/model/ops.h. Each test
// builds a scalar loss sum(out * R) with a fixed random R, so d(loss)/d(out) = R is what the backward
// receives, and compares the analytic input and weight gradients with central differences.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "gradcheck.h"
#include "model/ops.h"

namespace smolify::model {
namespace {

using testing::check_gradient;
using testing::fill_uniform;
using testing::weighted_sum;

constexpr int kThreads = 2;

TEST(ModelOps, MatmulBackwardMatchesFiniteDifferences) {
    const int N = 9, C = 7, OC = 5;
    std::vector<float> x(N * C), w(OC * C), out(N * OC), r(N * OC), dx(N * C), dw(OC * C, 0.0f);
    fill_uniform(x, 1);
    fill_uniform(w, 2);
    fill_uniform(r, 3);
    auto loss = [&] {
        ops::matmul_forward(out.data(), x.data(), w.data(), N, C, OC, kThreads);
        return weighted_sum(out, r);
    };
    ops::matmul_backward(dx.data(), dw.data(), r.data(), x.data(), w.data(), N, C, OC, kThreads);
    check_gradient("matmul dinp", x.data(), x.size(), dx.data(), loss);
    auto s = check_gradient("matmul dweight", w.data(), w.size(), dw.data(), loss);
    EXPECT_GT(s.max_abs_analytic, 0.1);
    // The weight gradient accumulates: a second backward doubles it.
    std::vector<float> once = dw;
    ops::matmul_backward(nullptr, dw.data(), r.data(), x.data(), w.data(), N, C, OC, kThreads);
    for (std::size_t i = 0; i < dw.size(); ++i) EXPECT_FLOAT_EQ(dw[i], 2.0f * once[i]);
}

TEST(ModelOps, RmsnormBackwardMatchesFiniteDifferences) {
    const int N = 6, C = 32;
    std::vector<float> x(N * C), w(C), out(N * C), rstd(N), r(N * C), dx(N * C, 0.0f), dw(C, 0.0f);
    std::vector<float> scratch(kThreads * C);
    fill_uniform(x, 4);
    fill_uniform(w, 5);
    fill_uniform(r, 6);
    for (float &v : w) v += 1.0f;
    auto loss = [&] {
        ops::rmsnorm_forward(out.data(), rstd.data(), x.data(), w.data(), N, C, 1e-5f, kThreads);
        return weighted_sum(out, r);
    };
    loss();
    ops::rmsnorm_backward(dx.data(), dw.data(), scratch.data(), r.data(), x.data(), w.data(), rstd.data(), N, C,
                          kThreads);
    check_gradient("rmsnorm dinp", x.data(), x.size(), dx.data(), loss, 24);
    auto s = check_gradient("rmsnorm dweight", w.data(), w.size(), dw.data(), loss, 24);
    EXPECT_GT(s.max_abs_analytic, 0.1);
}

TEST(ModelOps, RopeBackwardMatchesFiniteDifferences) {
    // q-like heads inside wider rows (ld > heads x D), as in the fused qkv buffer.
    const int T = 5, N = 2 * T, heads = 3, D = 8, ld = 40;
    std::vector<float> cos(T * D / 2), sin(T * D / 2), x(N * ld), work(N * ld), r(N * ld), dx(N * ld);
    ops::rope_tables(cos.data(), sin.data(), T, D, 10000.0f);
    fill_uniform(x, 7);
    fill_uniform(r, 8);
    for (int n = 0; n < N; ++n)  // columns outside the heads are not RoPE's: they carry no gradient
        for (int c = heads * D; c < ld; ++c) r[std::size_t(n) * ld + c] = 0.0f;
    auto loss = [&] {
        work = x;
        ops::rope_forward(work.data(), N, T, heads, D, ld, cos.data(), sin.data(), kThreads);
        return weighted_sum(work, r);
    };
    dx = r;
    ops::rope_backward(dx.data(), N, T, heads, D, ld, cos.data(), sin.data(), kThreads);
    check_gradient("rope dx", x.data(), x.size(), dx.data(), loss, 40);
    // Position 0 is not rotated; position 1 of pair 0 turns by exactly 1 radian.
    EXPECT_FLOAT_EQ(cos[0], 1.0f);
    EXPECT_NEAR(cos[D / 2], std::cos(1.0), 1e-6);
}

// Attention with grouped KV heads over more rows than one causal block (64), so the blocked paths run.
void check_attention(int B, int T, int H, int KVH, int D, int samples) {
    const int ld = (H + 2 * KVH) * D, N = B * T;
    std::vector<float> qkv(std::size_t(N) * ld), out(std::size_t(N) * H * D), probs(std::size_t(B) * H * T * T);
    std::vector<float> r(out.size()), dqkv(qkv.size()), scratch(std::size_t(kThreads) * T * T);
    fill_uniform(qkv, 9, 1.5f);
    fill_uniform(r, 10);
    auto loss = [&] {
        ops::attention_forward(out.data(), probs.data(), qkv.data(), B, T, H, KVH, D, kThreads);
        return weighted_sum(out, r);
    };
    loss();
    // Causality and normalisation of the stored probabilities.
    for (int bh = 0; bh < B * H; ++bh)
        for (int i = 0; i < T; ++i) {
            double sum = 0.0;
            for (int j = 0; j < T; ++j) {
                const float p = probs[(std::size_t(bh) * T + i) * T + j];
                if (j > i) {
                    EXPECT_EQ(p, 0.0f);
                }
                sum += p;
            }
            EXPECT_NEAR(sum, 1.0, 1e-5);
        }
    ops::attention_backward(dqkv.data(), scratch.data(), r.data(), probs.data(), qkv.data(), B, T, H, KVH, D,
                            kThreads);
    auto s = check_gradient("attention dqkv", qkv.data(), qkv.size(), dqkv.data(), loss, samples);
    EXPECT_GT(s.max_abs_analytic, 0.1);
}

TEST(ModelOps, AttentionBackwardMatchesFiniteDifferences) { check_attention(2, 6, 4, 2, 8, 64); }
TEST(ModelOps, AttentionBackwardAcrossCausalBlocks) { check_attention(1, 70, 2, 1, 4, 96); }

TEST(ModelOps, SwigluBackwardMatchesFiniteDifferences) {
    const int N = 5, F = 12;
    std::vector<float> gu(N * 2 * F), out(N * F), r(N * F), dgu(N * 2 * F);
    fill_uniform(gu, 11, 3.0f);
    fill_uniform(r, 12);
    auto loss = [&] {
        ops::swiglu_forward(out.data(), gu.data(), N, F, kThreads);
        return weighted_sum(out, r);
    };
    ops::swiglu_backward(dgu.data(), r.data(), gu.data(), N, F, kThreads);
    auto s = check_gradient("swiglu dgu", gu.data(), gu.size(), dgu.data(), loss, 40, 1e-3f);
    EXPECT_GT(s.max_abs_analytic, 0.1);
}

TEST(ModelOps, EmbeddingBackwardAddsRowsAtTokens) {
    const int N = 6, C = 4, V = 5;
    const std::vector<int32_t> tokens{1, 3, 1, -1, 7, 0};  // a repeat, and two tokens out of range
    std::vector<float> w(V * C), out(N * C), r(N * C), dw(V * C, 0.0f);
    fill_uniform(w, 13);
    fill_uniform(r, 14);
    auto loss = [&] {
        ops::embedding_forward(out.data(), tokens.data(), w.data(), N, C, V, kThreads);
        return weighted_sum(out, r);
    };
    loss();
    for (int c = 0; c < C; ++c) {
        EXPECT_EQ(out[3 * C + c], 0.0f);  // out-of-range tokens read zeros
        EXPECT_EQ(out[4 * C + c], 0.0f);
    }
    ops::embedding_backward(dw.data(), r.data(), tokens.data(), N, C, V, kThreads);
    check_gradient("embedding dweight", w.data(), w.size(), dw.data(), loss, 20);
    EXPECT_FLOAT_EQ(dw[1 * C + 2], r[0 * C + 2] + r[2 * C + 2]);
}

TEST(ModelOps, CrossEntropyBackwardMatchesFiniteDifferences) {
    const int N = 7, V = 11;
    const std::vector<int32_t> targets{3, -1, 0, 10, 11, 5, -100};  // 11 is out of range: not counted
    std::vector<float> logits(N * V), probs(N * V), row_loss(N);
    fill_uniform(logits, 15, 3.0f);
    int count = 0;
    auto loss = [&] {
        return double(ops::crossentropy_forward(probs.data(), row_loss.data(), &count, logits.data(),
                                                targets.data(), N, V, kThreads));
    };
    const double l = loss();
    EXPECT_EQ(count, 4);
    // Independent value: mean over counted rows of logsumexp - logit[target], in double.
    double expect = 0.0;
    for (int n : {0, 2, 3, 5}) {
        double mx = -1e30, sum = 0.0;
        for (int i = 0; i < V; ++i) mx = std::max(mx, double(logits[n * V + i]));
        for (int i = 0; i < V; ++i) sum += std::exp(double(logits[n * V + i]) - mx);
        expect += mx + std::log(sum) - logits[n * V + targets[n]];
    }
    EXPECT_NEAR(l, expect / 4.0, 1e-5);
    ops::crossentropy_backward(probs.data(), targets.data(), count, N, V, kThreads);
    std::vector<float> dlogits = probs;
    auto s = check_gradient("cross-entropy dlogits", logits.data(), logits.size(), dlogits.data(), loss, 40, 1e-2f,
                            2e-4, 2e-2);
    EXPECT_GT(s.max_abs_analytic, 0.05);
    for (int i = 0; i < V; ++i) EXPECT_EQ(dlogits[1 * V + i], 0.0f);  // ignored row
}

TEST(ModelOps, CrossEntropyWithNothingCountedIsZero) {
    const int N = 2, V = 3;
    const std::vector<int32_t> targets{-1, -1};
    std::vector<float> logits(N * V, 1.0f), probs(N * V, 7.0f), row_loss(N);
    int count = -1;
    EXPECT_EQ(ops::crossentropy_forward(probs.data(), row_loss.data(), &count, logits.data(), targets.data(), N, V,
                                        kThreads),
              0.0f);
    EXPECT_EQ(count, 0);
    ops::crossentropy_backward(probs.data(), targets.data(), count, N, V, kThreads);
    for (float p : probs) EXPECT_EQ(p, 0.0f);
}

}  // namespace
}  // namespace smolify::model
