// The inference kernels: every SIMD dot product this CPU runs equals the scalar reference (to float
// rounding), the integer block products equal sums over the dequantized values, and activation
// quantization gives the same bytes on every instruction set.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "export/quant.h"
#include "infer/kernels.h"

using namespace smolify;
using namespace smolify::infer::kernels;

namespace {

std::vector<float> random_row(int n, uint32_t seed, float scale = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.0f, scale);
    std::vector<float> x(static_cast<std::size_t>(n));
    for (auto &v : x)
        v = d(rng);
    return x;
}

template <class Block>
std::vector<Block> quantize_weights(gguf::GgmlType type, const std::vector<float> &x) {
    std::vector<Block> out(x.size() / kBlock);
    EXPECT_TRUE(
        gguf::quantize_row(type, x.data(), int64_t(x.size()), reinterpret_cast<uint8_t *>(out.data())).ok());
    return out;
}

std::vector<float> dequantize(gguf::GgmlType type, const void *blocks, int n) {
    std::vector<float> out(static_cast<std::size_t>(n));
    gguf::dequantize_row(type, static_cast<const uint8_t *>(blocks), n, out.data());
    return out;
}

double exact_dot(const std::vector<float> &a, const std::vector<float> &b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += double(a[i]) * double(b[i]);
    return s;
}

double abs_dot(const std::vector<float> &a, const std::vector<float> &b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += std::fabs(double(a[i]) * double(b[i]));
    return s;
}

std::vector<Isa> isas() {
    std::vector<Isa> out = {Isa::scalar};
    if (detect_isa() >= Isa::avx2) out.push_back(Isa::avx2);
    if (detect_isa() >= Isa::avx512) out.push_back(Isa::avx512);
    return out;
}

struct IsaGuard {
    ~IsaGuard() {
        force_isa(detect_isa());
        force_vnni(true);
    }
};

}  // namespace

TEST(InferKernels, ActivationQuantizationIsTheSameOnEveryIsaAndWithinAboutHalfAStep) {
    IsaGuard guard;
    const int n = 256;
    auto x = random_row(n, 1, 3.0f);
    x[5] = 0.0f;
    std::fill(x.begin() + 64, x.begin() + 96, 0.0f);  // an all-zero block: scale 0, all q 0
    std::vector<BlockQ8> want(n / kBlock);
    force_isa(Isa::scalar);
    quantize_row_q8(x.data(), want.data(), n);
    for (Isa isa : isas()) {
        SCOPED_TRACE(isa_name(isa));
        force_isa(isa);
        std::vector<BlockQ8> got(n / kBlock);
        quantize_row_q8(x.data(), got.data(), n);
        for (int b = 0; b < n / kBlock; ++b) {
            EXPECT_EQ(got[std::size_t(b)].d, want[std::size_t(b)].d) << "block " << b;
            for (int j = 0; j < kBlock; ++j)
                EXPECT_EQ(got[std::size_t(b)].q[j], want[std::size_t(b)].q[j]);
        }
    }
    const auto back = dequantize(gguf::GgmlType::q8_0, want.data(), n);
    for (int i = 0; i < n; ++i) {
        const float d = gguf::fp16_to_fp32(want[std::size_t(i / kBlock)].d);
        // Half a step, plus up to 127 x the fp16 rounding of the stored scale (2^-11 relative): the
        // codes are computed with the unrounded scale, as ggml does.
        EXPECT_LE(std::fabs(back[std::size_t(i)] - x[std::size_t(i)]),
                  0.5f * d + 127.0f * d / 2048.0f + 1e-7f)
            << i;
    }
    EXPECT_EQ(want[2].d, 0);
}

TEST(InferKernels, Q8DotEqualsTheScalarReferenceAndTheDequantizedSum) {
    IsaGuard guard;
    for (int n : {32, 64, 96, 256, 704}) {
        SCOPED_TRACE(n);
        const auto w = quantize_weights<BlockQ8>(gguf::GgmlType::q8_0, random_row(n, 2 + n, 0.05f));
        const auto xf = random_row(n, 3 + n);
        std::vector<BlockQ8> x(std::size_t(n / kBlock));
        quantize_row_q8(xf.data(), x.data(), n);
        const double want = exact_dot(dequantize(gguf::GgmlType::q8_0, w.data(), n),
                                      dequantize(gguf::GgmlType::q8_0, x.data(), n));
        const double tol = 1e-5 * abs_dot(dequantize(gguf::GgmlType::q8_0, w.data(), n), xf) + 1e-7;
        const float r = ref::dot_q8_q8(w.data(), x.data(), n / kBlock);
        EXPECT_NEAR(r, want, tol);
        for (Isa isa : isas()) {
            SCOPED_TRACE(isa_name(isa));
            force_isa(isa);
            EXPECT_NEAR(dot_q8_q8(w.data(), x.data(), n / kBlock), r, tol);
        }
    }
}

TEST(InferKernels, Q4DotEqualsTheScalarReferenceAndTheDequantizedSum) {
    IsaGuard guard;
    for (int n : {32, 64, 96, 256, 704}) {
        SCOPED_TRACE(n);
        const auto w = quantize_weights<BlockQ4>(gguf::GgmlType::q4_0, random_row(n, 4 + n, 0.05f));
        const auto xf = random_row(n, 5 + n);
        std::vector<BlockQ8> x(std::size_t(n / kBlock));
        quantize_row_q8(xf.data(), x.data(), n);
        const auto wd = dequantize(gguf::GgmlType::q4_0, w.data(), n);
        const double want = exact_dot(wd, dequantize(gguf::GgmlType::q8_0, x.data(), n));
        const double tol = 1e-5 * abs_dot(wd, xf) + 1e-7;
        const float r = ref::dot_q4_q8(w.data(), x.data(), n / kBlock);
        EXPECT_NEAR(r, want, tol);
        for (Isa isa : isas()) {
            SCOPED_TRACE(isa_name(isa));
            force_isa(isa);
            EXPECT_NEAR(dot_q4_q8(w.data(), x.data(), n / kBlock), r, tol);
        }
    }
}

TEST(InferKernels, FloatDotsEqualTheScalarReference) {
    IsaGuard guard;
    for (int n : {1, 7, 16, 33, 64, 100, 256}) {
        SCOPED_TRACE(n);
        const auto a = random_row(n, 6 + n), b = random_row(n, 7 + n);
        std::vector<uint16_t> ah(static_cast<std::size_t>(n)), bh(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            ah[std::size_t(i)] = gguf::fp32_to_fp16(a[std::size_t(i)]);
            bh[std::size_t(i)] = gguf::fp32_to_fp16(b[std::size_t(i)]);
        }
        const double tol = 1e-5 * abs_dot(a, b) + 1e-6;
        EXPECT_NEAR(ref::dot_f32(a.data(), b.data(), n), exact_dot(a, b), tol);
        for (Isa isa : isas()) {
            SCOPED_TRACE(isa_name(isa));
            force_isa(isa);
            EXPECT_NEAR(dot_f32(a.data(), b.data(), n), ref::dot_f32(a.data(), b.data(), n), tol);
            EXPECT_NEAR(dot_f16(ah.data(), bh.data(), n), ref::dot_f16(ah.data(), bh.data(), n), tol);
            std::vector<uint16_t> rounded(static_cast<std::size_t>(n));
            round_row_f16(a.data(), rounded.data(), n);
            EXPECT_EQ(rounded, ah);
        }
    }
}

// The tiled products behind prefill: every output equals the one-pair kernel of the same ISA bit
// for bit (whatever the tile it fell in: full 4 x 4 tiles, edge tiles, an odd last block), and
// `accumulate` adds to what was there.
template <class Block>
void check_gemm(gguf::GgmlType type,
                void (*gemm)(const Block *, const BlockQ8 *, int, int, int, int, float *, std::size_t, bool),
                float (*dot)(const Block *, const BlockQ8 *, int)) {
    IsaGuard guard;
    for (int blocks : {1, 3, 8, 22}) {
        const int in = blocks * kBlock;
        for (int N : {1, 2, 5, 8, 13}) {
            for (int oc : {1, 6, 9, 17}) {
                SCOPED_TRACE("blocks " + std::to_string(blocks) + " N " + std::to_string(N) + " oc " +
                             std::to_string(oc));
                const auto w = quantize_weights<Block>(type, random_row(oc * in, 11 + oc + blocks, 0.05f));
                const auto xf = random_row(N * in, 12 + N + blocks);
                std::vector<BlockQ8> x(std::size_t(N * blocks));
                for (int n = 0; n < N; ++n)
                    quantize_row_q8(xf.data() + std::size_t(n) * in, x.data() + std::size_t(n) * blocks, in);
                const std::size_t ldo = std::size_t(oc) + 3;
                for (int variant = 0; variant < int(isas().size()) + (vnni_available() ? 1 : 0); ++variant) {
                    // Every ISA with VNNI off, then AVX-512 with VNNI on where the CPU has it.
                    const bool vnni = variant == int(isas().size());
                    const Isa isa = vnni ? Isa::avx512 : isas()[std::size_t(variant)];
                    SCOPED_TRACE(std::string(isa_name(isa)) + (vnni ? " vnni" : ""));
                    force_isa(isa);
                    force_vnni(vnni);
                    std::vector<float> out(std::size_t(N) * ldo, 0.5f);
                    // Two slices, as two threads would split the columns, the second accumulating.
                    const int cut = oc / 2;
                    gemm(w.data(), x.data(), blocks, N, 0, cut, out.data(), ldo, false);
                    gemm(w.data(), x.data(), blocks, N, cut, oc, out.data(), ldo, true);
                    for (int n = 0; n < N; ++n) {
                        for (int o = 0; o < oc; ++o) {
                            const float d = dot(w.data() + std::size_t(o) * blocks,
                                                x.data() + std::size_t(n) * blocks, blocks);
                            const float want = o < cut ? d : 0.5f + d;
                            ASSERT_EQ(out[std::size_t(n) * ldo + std::size_t(o)], want)
                                << "n " << n << " o " << o;
                        }
                        for (std::size_t o = std::size_t(oc); o < ldo; ++o)
                            ASSERT_EQ(out[std::size_t(n) * ldo + o], 0.5f) << "wrote outside its columns";
                    }
                }
            }
        }
    }
}

TEST(InferKernels, Q8TiledProductEqualsTheOnePairKernelBitForBit) {
    check_gemm<BlockQ8>(gguf::GgmlType::q8_0, &gemm_q8_q8, &dot_q8_q8);
}

TEST(InferKernels, Q4TiledProductEqualsTheOnePairKernelBitForBit) {
    check_gemm<BlockQ4>(gguf::GgmlType::q4_0, &gemm_q4_q8, &dot_q4_q8);
}

// The scalar tiled product is the reference itself, so the SIMD ones (equal to their one-pair
// kernels above) also stay within float rounding of it.
TEST(InferKernels, TiledProductsOnEveryIsaTrackTheScalarReference) {
    IsaGuard guard;
    const int blocks = 8, in = blocks * kBlock, N = 7, oc = 10;
    const auto w = quantize_weights<BlockQ8>(gguf::GgmlType::q8_0, random_row(oc * in, 21, 0.05f));
    const auto xf = random_row(N * in, 22);
    std::vector<BlockQ8> x(std::size_t(N * blocks));
    for (int n = 0; n < N; ++n)
        quantize_row_q8(xf.data() + std::size_t(n) * in, x.data() + std::size_t(n) * blocks, in);
    std::vector<float> want(std::size_t(N * oc));
    for (int n = 0; n < N; ++n)
        for (int o = 0; o < oc; ++o)
            want[std::size_t(n * oc + o)] = ref::dot_q8_q8(w.data() + std::size_t(o) * blocks,
                                                           x.data() + std::size_t(n) * blocks, blocks);
    for (Isa isa : isas()) {
        SCOPED_TRACE(isa_name(isa));
        force_isa(isa);
        std::vector<float> got(std::size_t(N * oc));
        gemm_q8_q8(w.data(), x.data(), blocks, N, 0, oc, got.data(), std::size_t(oc), false);
        for (std::size_t i = 0; i < got.size(); ++i)
            EXPECT_NEAR(got[i], want[i], 1e-5f * (std::fabs(want[i]) + 1.0f)) << i;
    }
}

// Attention of one head: softmax-weighted values, against a double-precision computation.
TEST(InferKernels, AttentionEqualsTheSoftmaxWeightedSumOnEveryIsa) {
    IsaGuard guard;
    for (int D : {16, 32, 40, 64, 128}) {
        for (int T : {1, 2, 7, 64}) {
            SCOPED_TRACE("D " + std::to_string(D) + " T " + std::to_string(T));
            const std::size_t ld = std::size_t(D) * 3;  // other heads in between
            const auto q = random_row(D, 31 + D);
            const auto K = random_row(int(ld) * T, 32 + T), V = random_row(int(ld) * T, 33 + T);
            const float scale = 1.0f / std::sqrt(float(D));
            std::vector<double> p(static_cast<std::size_t>(T));
            double mx = -1e300, sum = 0;
            for (int t = 0; t < T; ++t) {
                double s = 0;
                for (int d = 0; d < D; ++d)
                    s += double(q[std::size_t(d)]) * double(K[std::size_t(t) * ld + std::size_t(d)]);
                p[std::size_t(t)] = s * scale;
                mx = std::max(mx, p[std::size_t(t)]);
            }
            for (auto &v : p) {
                v = std::exp(v - mx);
                sum += v;
            }
            std::vector<double> want(std::size_t(D), 0.0);
            for (int t = 0; t < T; ++t)
                for (int d = 0; d < D; ++d)
                    want[std::size_t(d)] +=
                        p[std::size_t(t)] / sum * double(V[std::size_t(t) * ld + std::size_t(d)]);
            std::vector<float> scores(static_cast<std::size_t>(T)), y(static_cast<std::size_t>(D));
            ref::attend(q.data(), K.data(), V.data(), ld, D, T, scale, scores.data(), y.data());
            for (int d = 0; d < D; ++d)
                EXPECT_NEAR(y[std::size_t(d)], want[std::size_t(d)], 1e-5) << d;
            for (Isa isa : isas()) {
                SCOPED_TRACE(isa_name(isa));
                force_isa(isa);
                std::fill(y.begin(), y.end(), -7.0f);
                attend(q.data(), K.data(), V.data(), ld, D, T, scale, scores.data(), y.data());
                for (int d = 0; d < D; ++d)
                    ASSERT_NEAR(y[std::size_t(d)], want[std::size_t(d)], 1e-5) << d;
            }
        }
    }
}
