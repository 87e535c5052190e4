// Quantizer vectors (core/export/quant.h): hand-computed blocks for the edge cases, then byte-for-byte
// comparison with ggml's own reference quantizers (the libggml-base.so that gguf-check installs) and
// with an independent numpy reference (quant_reference.py) on many random and adversarial rows.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <vector>

#include "export/quant.h"
#include "export/gguf_check.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::gguf;

namespace {

std::vector<uint8_t> encode(GgmlType t, const std::vector<float> &x) {
    std::vector<uint8_t> out(row_bytes(t, static_cast<int64_t>(x.size())));
    Status s = quantize_row(t, x.data(), static_cast<int64_t>(x.size()), out.data());
    EXPECT_TRUE(s.ok()) << s.error().message;
    return out;
}

// Rows that exercise the corners: zeros, ties at .5 after scaling, one huge value, negatives as the
// largest magnitude, equal magnitudes of both signs, subnormals, values near the F16 limits.
std::vector<std::vector<float>> adversarial_rows() {
    std::vector<std::vector<float>> rows;
    rows.push_back(std::vector<float>(32, 0.0f));
    std::vector<float> ties(32);
    for (int j = 0; j < 32; ++j) ties[j] = (j - 16) + 0.5f;  // with d = 1 below, x*id hits .5 exactly
    ties[0] = 127.0f;
    rows.push_back(ties);
    std::vector<float> huge(32, 1e-3f);
    huge[7] = 3e38f;
    rows.push_back(huge);
    std::vector<float> neg(32);
    for (int j = 0; j < 32; ++j) neg[j] = -static_cast<float>(j) * 0.37f;
    rows.push_back(neg);
    std::vector<float> both(32, 0.25f);
    both[3] = -2.0f;
    both[9] = 2.0f;
    rows.push_back(both);
    std::vector<float> sub(32);
    for (int j = 0; j < 32; ++j) sub[j] = std::ldexp(static_cast<float>(j - 11), -140);  // float subnormals
    rows.push_back(sub);
    std::vector<float> tiny(32);
    for (int j = 0; j < 32; ++j) tiny[j] = std::ldexp(static_cast<float>(j + 1), -30);  // fp16 subnormal scale
    rows.push_back(tiny);
    std::vector<float> big(32);
    for (int j = 0; j < 32; ++j) big[j] = 60000.0f * std::sin(static_cast<float>(j));
    rows.push_back(big);
    std::vector<float> over(32, 1.0f);
    over[31] = 1e7f;  // Q8_0's d = 78740 overflows fp16 to infinity, as in ggml
    rows.push_back(over);
    return rows;
}

std::vector<float> random_rows(int n_rows, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
    std::vector<float> x;
    for (int r = 0; r < n_rows; ++r) {
        const int kind = r % 4;
        for (int j = 0; j < 32; ++j) {
            float v = kind == 0 ? normal(rng) : kind == 1 ? uni(rng) : kind == 2 ? std::round(uni(rng) * 20) / 2 : uni(rng) * 1e-6f;
            x.push_back(v);
        }
    }
    for (const auto &row : adversarial_rows()) x.insert(x.end(), row.begin(), row.end());
    return x;
}

}  // namespace

TEST(Fp16, KnownValues) {
    EXPECT_EQ(fp32_to_fp16(0.0f), 0x0000);
    EXPECT_EQ(fp32_to_fp16(-0.0f), 0x8000);
    EXPECT_EQ(fp32_to_fp16(1.0f), 0x3C00);
    EXPECT_EQ(fp32_to_fp16(-2.0f), 0xC000);
    EXPECT_EQ(fp32_to_fp16(65504.0f), 0x7BFF);
    EXPECT_EQ(fp32_to_fp16(65519.99f), 0x7BFF);
    EXPECT_EQ(fp32_to_fp16(65520.0f), 0x7C00);  // the tie above the largest half rounds to infinity
    EXPECT_EQ(fp32_to_fp16(std::numeric_limits<float>::infinity()), 0x7C00);
    EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -14)), 0x0400);  // smallest normal
    EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -24)), 0x0001);  // smallest subnormal
    EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -25)), 0x0000);  // tie between 0 and 2^-24: even is 0
    EXPECT_EQ(fp32_to_fp16(std::ldexp(1.5f, -25)), 0x0001);
    EXPECT_EQ(fp32_to_fp16(std::ldexp(3.0f, -25)), 0x0002);  // tie between 1 and 2 units: even is 2
    EXPECT_EQ(fp32_to_fp16(1.0f + std::ldexp(1.0f, -11)), 0x3C00);      // tie, down to even
    EXPECT_EQ(fp32_to_fp16(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);  // tie, up to even
    EXPECT_EQ(fp32_to_fp16(std::nanf("")) & 0x7E00, 0x7E00);
    EXPECT_EQ(fp16_to_fp32(0x3C00), 1.0f);
    EXPECT_EQ(fp16_to_fp32(0x0001), std::ldexp(1.0f, -24));
    EXPECT_EQ(fp16_to_fp32(0x7BFF), 65504.0f);
    EXPECT_TRUE(std::isinf(fp16_to_fp32(0xFC00)));
}

TEST(Fp16, EveryHalfRoundTrips) {
    for (uint32_t h = 0; h < 0x10000; ++h) {
        if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF)) continue;  // NaNs
        EXPECT_EQ(fp32_to_fp16(fp16_to_fp32(static_cast<uint16_t>(h))), h) << h;
    }
}

TEST(Bf16, RoundsToNearestEven) {
    EXPECT_EQ(fp32_to_bf16(1.0f), 0x3F80);
    EXPECT_EQ(fp32_to_bf16(std::bit_cast<float>(0x3F808000u)), 0x3F80);  // tie, even stays
    EXPECT_EQ(fp32_to_bf16(std::bit_cast<float>(0x3F818000u)), 0x3F82);  // tie, odd rounds up
    EXPECT_EQ(bf16_to_fp32(0xC000), -2.0f);
}

TEST(Q8_0, HandComputedBlock) {
    // amax 127 gives d = 1 exactly, so q = roundf(x): ties go away from zero.
    std::vector<float> x(32, 0.0f);
    x[0] = 127.0f;
    x[1] = 2.5f;
    x[2] = -2.5f;
    x[3] = 0.49999997f;
    x[4] = -126.5f;
    x[5] = 3.0f;
    const auto b = encode(GgmlType::q8_0, x);
    ASSERT_EQ(b.size(), 34u);
    EXPECT_EQ(b[0], 0x00);
    EXPECT_EQ(b[1], 0x3C);  // fp16 1.0, little-endian
    EXPECT_EQ(static_cast<int8_t>(b[2]), 127);
    EXPECT_EQ(static_cast<int8_t>(b[3]), 3);
    EXPECT_EQ(static_cast<int8_t>(b[4]), -3);
    EXPECT_EQ(static_cast<int8_t>(b[5]), 0);
    EXPECT_EQ(static_cast<int8_t>(b[6]), -127);
    EXPECT_EQ(static_cast<int8_t>(b[7]), 3);
    for (int j = 6; j < 32; ++j) EXPECT_EQ(b[2 + j], 0);
    std::vector<float> back(32);
    dequantize_row(GgmlType::q8_0, b.data(), 32, back.data());
    EXPECT_EQ(back[0], 127.0f);
    EXPECT_EQ(back[2], -3.0f);
}

TEST(Q8_0, AllZerosAndNegativeScale) {
    const auto z = encode(GgmlType::q8_0, std::vector<float>(64, 0.0f));
    EXPECT_EQ(z, std::vector<uint8_t>(68, 0));
    // amax 254 -> d = 2 (fp16 0x4000); x = -254 -> -127; x = 3 -> roundf(1.5) = 2.
    std::vector<float> x(32, 0.0f);
    x[0] = -254.0f;
    x[1] = 3.0f;
    const auto b = encode(GgmlType::q8_0, x);
    EXPECT_EQ(b[1], 0x40);
    EXPECT_EQ(static_cast<int8_t>(b[2]), -127);
    EXPECT_EQ(static_cast<int8_t>(b[3]), 2);
}

TEST(Q4_0, HandComputedBlock) {
    // The first value of largest magnitude is -8, so d = 1 and q = min(15, trunc(x + 8.5)).
    std::vector<float> x(32, 0.0f);
    x[0] = -8.0f;   // 0.5 -> 0
    x[1] = 3.0f;    // 11.5 -> 11
    x[2] = 7.5f;    // 16 -> 15
    x[3] = 8.0f;    // same magnitude as -8 but later: 16.5 -> 16 -> 15
    x[16] = -0.6f;  // 7.9 -> 7, high nibble of byte 0
    x[17] = 1.0f;   // 9.5 -> 9, high nibble of byte 1
    const auto b = encode(GgmlType::q4_0, x);
    ASSERT_EQ(b.size(), 18u);
    EXPECT_EQ(b[0], 0x00);
    EXPECT_EQ(b[1], 0x3C);  // fp16 1.0
    EXPECT_EQ(b[2], 0x70);  // low 0, high 7
    EXPECT_EQ(b[3], 0x9B);  // low 11, high 9
    EXPECT_EQ(b[4], 0x8F);  // low 15, high 8 (x = 0 -> 8.5 -> 8)
    EXPECT_EQ(b[5], 0x8F);
    for (int j = 4; j < 16; ++j) EXPECT_EQ(b[2 + j], 0x88);
    std::vector<float> back(32);
    dequantize_row(GgmlType::q4_0, b.data(), 32, back.data());
    EXPECT_EQ(back[0], -8.0f);
    EXPECT_EQ(back[1], 3.0f);
    EXPECT_EQ(back[16], -1.0f);
}

TEST(Q4_0, PositiveMaximumGivesNegativeScale) {
    std::vector<float> x(32, 0.0f);
    x[5] = 16.0f;   // d = -2 (fp16 0xC000), id = -0.5: 16 -> -8 + 8.5 -> 0
    x[6] = -16.0f;  // 8 + 8.5 -> 16 -> 15
    const auto b = encode(GgmlType::q4_0, x);
    EXPECT_EQ(b[0], 0x00);
    EXPECT_EQ(b[1], 0xC0);
    EXPECT_EQ(b[2 + 5] & 0x0F, 0);
    EXPECT_EQ(b[2 + 6] & 0x0F, 15);
    // All zeros: d = 0 / -8 is -0.0, so the scale bytes are 0x8000 (ggml writes the same).
    EXPECT_EQ(encode(GgmlType::q4_0, std::vector<float>(32, 0.0f)), [] {
        std::vector<uint8_t> z(18, 0x88);
        z[0] = 0x00;
        z[1] = 0x80;
        return z;
    }());
}

TEST(Quant, RefusesNonFiniteValuesAndBadRows) {
    for (GgmlType t : {GgmlType::f32, GgmlType::f16, GgmlType::bf16, GgmlType::q8_0, GgmlType::q4_0}) {
        for (float bad : {std::nanf(""), std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()}) {
            std::vector<float> x(32, 0.5f);
            x[9] = bad;
            std::vector<uint8_t> out(row_bytes(t, 32));
            Status s = quantize_row(t, x.data(), 32, out.data());
            ASSERT_FALSE(s.ok());
            EXPECT_EQ(s.error().kind, ErrorKind::user);
            EXPECT_NE(s.error().message.find("element 9"), std::string::npos) << s.error().message;
        }
    }
    std::vector<float> x(48, 1.0f);
    std::vector<uint8_t> out(200);
    for (GgmlType t : {GgmlType::q8_0, GgmlType::q4_0}) {
        Status s = quantize_row(t, x.data(), 48, out.data());
        ASSERT_FALSE(s.ok());
        EXPECT_NE(s.error().message.find("multiple of 32"), std::string::npos) << s.error().message;
    }
    EXPECT_TRUE(quantize_row(GgmlType::f16, x.data(), 48, out.data()).ok());
    x[3] = 70000.0f;
    Status s = quantize_row(GgmlType::f16, x.data(), 48, out.data());
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("F16"), std::string::npos);
}

TEST(Quant, DequantizedValuesAreClose) {
    const auto x = random_rows(64, 7);
    const std::vector<float> rows(x.begin(), x.begin() + 64 * 32);
    for (GgmlType t : {GgmlType::q8_0, GgmlType::q4_0}) {
        const auto b = encode(t, rows);
        std::vector<float> back(rows.size());
        dequantize_row(t, b.data(), static_cast<int64_t>(rows.size()), back.data());
        for (std::size_t blk = 0; blk < rows.size() / 32; ++blk) {
            float amax = 0;
            for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(rows[blk * 32 + j]));
            // Q8_0: half a step. Q4_0 reaches only +7 steps on the side opposite the largest
            // value (q is clamped to 15), so up to one whole step there.
            // Plus the fp16 scale's own rounding, which flushes scales below 2^-24 to zero.
            const float fp16_floor = 128 * std::ldexp(1.0f, -24);
            const float tol = (t == GgmlType::q8_0 ? amax / 127 * 0.51f : amax / 8 * 1.01f) + amax * 1e-3f + fp16_floor;
            for (int j = 0; j < 32; ++j) EXPECT_NEAR(back[blk * 32 + j], rows[blk * 32 + j], tol) << blk << " " << j;
        }
    }
}

// The proof of byte-exactness: ggml's reference quantizers, as shipped with llama.cpp.
TEST(QuantGgml, BytesEqualGgmlReference) {
    const test::Ggml *g = test::Ggml::get();
    if (!g) GTEST_SKIP() << test::gguf_check_missing_message();
    const auto x = random_rows(4096, 11);
    const auto n = static_cast<int64_t>(x.size());
    for (GgmlType t : {GgmlType::q8_0, GgmlType::q4_0}) {
        const auto ours = encode(t, x);
        std::vector<uint8_t> theirs(ours.size(), 0xAA);
        if (t == GgmlType::q8_0) g->quantize_row_q8_0_ref(x.data(), theirs.data(), n);
        else g->quantize_row_q4_0_ref(x.data(), theirs.data(), n);
        const std::size_t bb = ggml_block_bytes(t);
        int mismatches = 0;
        for (std::size_t b = 0; b < ours.size() / bb && mismatches < 5; ++b)
            if (std::memcmp(ours.data() + b * bb, theirs.data() + b * bb, bb) != 0) {
                ++mismatches;
                ADD_FAILURE() << ggml_type_name(static_cast<uint32_t>(t)) << " block " << b << " differs from ggml";
            }
        EXPECT_EQ(mismatches, 0);
    }
}

TEST(QuantGgml, Fp16EqualsGgmlOnAStrideOfAllFloats) {
    const test::Ggml *g = test::Ggml::get();
    if (!g) GTEST_SKIP() << test::gguf_check_missing_message();
    int mismatches = 0;
    uint64_t checked = 0;
    // Every 997th bit pattern (all exponents, both signs) plus every half's neighbourhood.
    for (uint64_t bits = 0; bits <= 0xFFFFFFFFull; bits += 997) {
        const float f = std::bit_cast<float>(static_cast<uint32_t>(bits));
        if (std::isnan(f)) continue;
        ++checked;
        if (fp32_to_fp16(f) != g->fp32_to_fp16(f) && ++mismatches < 5)
            ADD_FAILURE() << "fp16 of bits " << std::hex << bits << ": ours " << fp32_to_fp16(f) << ", ggml "
                          << g->fp32_to_fp16(f);
    }
    for (uint32_t h = 0; h < 0x7C00; ++h) {
        const uint32_t base = std::bit_cast<uint32_t>(fp16_to_fp32(static_cast<uint16_t>(h)));
        for (uint32_t delta : {0u, 1u, 0xFFFu, 0x1000u, 0x1001u}) {
            const float f = std::bit_cast<float>(base + delta);
            ++checked;
            if (fp32_to_fp16(f) != g->fp32_to_fp16(f) && ++mismatches < 5)
                ADD_FAILURE() << "fp16 of " << f << " differs from ggml";
        }
    }
    EXPECT_EQ(mismatches, 0);
    EXPECT_GT(checked, 4'000'000u);
}

// The independent numpy reference (quant_reference.py), for machines without gguf-check too.
TEST(QuantNumpy, BytesEqualNumpyReference) {
    const char *python = "/usr/bin/python3";
    test::TempDir dir;
    if (test::run_process({python, "-c", "import numpy"}, dir.path()).exit_code != 0)
        GTEST_SKIP() << "python3-numpy is not installed";
    const auto x = random_rows(2048, 23);
    {
        std::ofstream f(dir / "in.f32", std::ios::binary);
        f.write(reinterpret_cast<const char *>(x.data()), static_cast<std::streamsize>(x.size() * 4));
    }
    for (auto [t, mode] : {std::pair{GgmlType::f16, "f16"}, {GgmlType::q8_0, "q8_0"}, {GgmlType::q4_0, "q4_0"}}) {
        std::vector<float> in = x;
        if (t == GgmlType::f16)
            for (float &v : in) v = std::clamp(v, -65504.0f, 65504.0f);
        if (t == GgmlType::f16) {
            std::ofstream f(dir / "in16.f32", std::ios::binary);
            f.write(reinterpret_cast<const char *>(in.data()), static_cast<std::streamsize>(in.size() * 4));
        }
        const auto out = dir / (std::string(mode) + ".bin");
        const auto r = test::run_process({python, std::string(SMOLIFY_SOURCE_DIR) + "/tests/export/quant_reference.py",
                                          mode, (dir / (t == GgmlType::f16 ? "in16.f32" : "in.f32")).string(), out.string()},
                                         dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::ifstream f(out, std::ios::binary);
        std::vector<uint8_t> theirs((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const auto ours = encode(t, in);
        ASSERT_EQ(ours.size(), theirs.size()) << mode;
        const std::size_t bb = t == GgmlType::f16 ? 2 : ggml_block_bytes(t);
        int mismatches = 0;
        for (std::size_t b = 0; b < ours.size() / bb && mismatches < 5; ++b)
            if (std::memcmp(ours.data() + b * bb, theirs.data() + b * bb, bb) != 0) {
                ++mismatches;
                ADD_FAILURE() << mode << " block " << b << " differs from numpy";
            }
        EXPECT_EQ(mismatches, 0) << mode;
    }
}
