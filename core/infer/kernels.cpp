// Dot-product kernels (kernels.h): scalar reference, AVX2 (+FMA, F16C) and AVX-512 (F, BW, VL)
// versions, the vector ones compiled through target attributes so the rest of the program needs no
// -march flag. The integer block products follow ggml's scheme (|w| times sign-adjusted x with
// maddubs, pairs summed with madd, one float multiply-add per block by the product of the two
// scales), so a row's result differs from ggml's only in the order of its float additions.
#include "infer/kernels.h"

#include <cpuid.h>
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <type_traits>

#include "export/quant.h"

namespace smolify::infer::kernels {

namespace {

float h2f(uint16_t h) {
    return gguf::fp16_to_fp32(h);
}

#define SMOLIFY_AVX2 __attribute__((target("avx2,fma,f16c")))
#define SMOLIFY_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx2,fma,f16c")))
#define SMOLIFY_AVX512VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma,f16c")))

// ---- AVX2 ------------------------------------------------------------------------------------------

SMOLIFY_AVX2 inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// Signed int8 x int8 products of 32 pairs, summed to 8 int32 lanes (as floats).
SMOLIFY_AVX2 inline __m256 mul_sum_i8_avx2(__m256i x, __m256i y) {
    const __m256i ax = _mm256_sign_epi8(x, x);
    const __m256i sy = _mm256_sign_epi8(y, x);
    const __m256i dot16 = _mm256_maddubs_epi16(ax, sy);
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(dot16, _mm256_set1_epi16(1)));
}

SMOLIFY_AVX2 inline __m256i q4_bytes_avx2(const uint8_t *q) {
    const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i *>(q));
    const __m256i b = _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(t, 4), t), _mm256_set1_epi8(0x0F));
    return _mm256_sub_epi8(b, _mm256_set1_epi8(8));
}

SMOLIFY_AVX2 float dot_f32_avx2(const float *a, const float *b, int n) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
    }
    for (; i + 8 <= n; i += 8)
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    float s = hsum256(_mm256_add_ps(acc0, acc1));
    for (; i < n; ++i)
        s += a[i] * b[i];
    return s;
}

SMOLIFY_AVX2 float dot_f16_avx2(const uint16_t *w, const uint16_t *x, int n) {
    __m256 acc = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 a = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(w + i)));
        const __m256 b = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(x + i)));
        acc = _mm256_fmadd_ps(a, b, acc);
    }
    float s = hsum256(acc);
    for (; i < n; ++i)
        s += _cvtsh_ss(w[i]) * _cvtsh_ss(x[i]);
    return s;
}

SMOLIFY_AVX2 float dot_q8_q8_avx2(const BlockQ8 *w, const BlockQ8 *x, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    for (int b = 0; b < blocks; ++b) {
        const __m256 d = _mm256_set1_ps(_cvtsh_ss(w[b].d) * _cvtsh_ss(x[b].d));
        const __m256i qw = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(w[b].q));
        const __m256i qx = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b].q));
        acc = _mm256_fmadd_ps(d, mul_sum_i8_avx2(qw, qx), acc);
    }
    return hsum256(acc);
}

SMOLIFY_AVX2 float dot_q4_q8_avx2(const BlockQ4 *w, const BlockQ8 *x, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    for (int b = 0; b < blocks; ++b) {
        const __m256 d = _mm256_set1_ps(_cvtsh_ss(w[b].d) * _cvtsh_ss(x[b].d));
        const __m256i qx = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b].q));
        acc = _mm256_fmadd_ps(d, mul_sum_i8_avx2(q4_bytes_avx2(w[b].q), qx), acc);
    }
    return hsum256(acc);
}

SMOLIFY_AVX2 void quantize_row_q8_avx2(const float *x, BlockQ8 *y, int n) {
    const __m256 sign_bit = _mm256_set1_ps(-0.0f);
    for (int b = 0; b < n / kBlock; ++b) {
        const float *xb = x + b * kBlock;
        __m256 v[4];
        __m256 mx = _mm256_setzero_ps();
        for (int k = 0; k < 4; ++k) {
            v[k] = _mm256_loadu_ps(xb + 8 * k);
            mx = _mm256_max_ps(mx, _mm256_andnot_ps(sign_bit, v[k]));
        }
        __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(mx), _mm256_extractf128_ps(mx, 1));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float amax = _mm_cvtss_f32(m4);
        y[b].d = gguf::fp32_to_fp16(amax / 127.0f);
        const __m256 id = _mm256_set1_ps(amax != 0.0f ? 127.0f / amax : 0.0f);
        alignas(32) int32_t q[kBlock];
        for (int k = 0; k < 4; ++k) {
            const __m256 r =
                _mm256_round_ps(_mm256_mul_ps(v[k], id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
            _mm256_store_si256(reinterpret_cast<__m256i *>(q + 8 * k), _mm256_cvtps_epi32(r));
        }
        for (int j = 0; j < kBlock; ++j)
            y[b].q[j] = static_cast<int8_t>(q[j]);
    }
}

SMOLIFY_AVX2 void round_row_f16_avx2(const float *x, uint16_t *y, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128(reinterpret_cast<__m128i *>(y + i),
                         _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; ++i)
        y[i] = gguf::fp32_to_fp16(x[i]);
}

// ---- AVX-512: two blocks per 512-bit register ----------------------------------------------------

SMOLIFY_AVX512 inline __m512i pair512(__m256i lo, __m256i hi) {
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

// 64 signed int8 products summed to 16 int32 lanes (lanes 0-7 the first block, 8-15 the second).
SMOLIFY_AVX512 inline __m512 mul_sum_i8_avx512(__m512i x, __m512i y) {
    const __m512i ax = _mm512_abs_epi8(x);
    const __m512i sy = _mm512_mask_sub_epi8(y, _mm512_movepi8_mask(x), _mm512_setzero_si512(), y);
    const __m512i dot16 = _mm512_maddubs_epi16(ax, sy);
    return _mm512_cvtepi32_ps(_mm512_madd_epi16(dot16, _mm512_set1_epi16(1)));
}

// The sum of 16 lanes by halving (lanes i and i + 8, then i and i + 4, i and i + 2, 0 and 1): the
// tree GCC's _mm512_reduce_add_ps uses, written out so that the one-pair kernels and the tiles'
// joint reduction (reduce_4x4) add in the same order whatever the compiler.
SMOLIFY_AVX512 inline float reduce16(__m512 v) {
    const __m256 s8 = _mm256_add_ps(_mm512_castps512_ps256(v),
                                    _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
    const __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_movehdup_ps(s2)));
}

SMOLIFY_AVX512 inline __m512 scales512(float d0, float d1) {
    return _mm512_mask_blend_ps(0xFF00, _mm512_set1_ps(d0), _mm512_set1_ps(d1));
}

SMOLIFY_AVX512 float dot_f32_avx512(const float *a, const float *b, int n) {
    __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), acc0);
        acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), acc1);
    }
    for (; i + 16 <= n; i += 16)
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), acc0);
    float s = _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
    for (; i < n; ++i)
        s += a[i] * b[i];
    return s;
}

SMOLIFY_AVX512 float dot_f16_avx512(const uint16_t *w, const uint16_t *x, int n) {
    __m512 acc = _mm512_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m512 a = _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(w + i)));
        const __m512 b = _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(x + i)));
        acc = _mm512_fmadd_ps(a, b, acc);
    }
    float s = _mm512_reduce_add_ps(acc);
    for (; i < n; ++i)
        s += _cvtsh_ss(w[i]) * _cvtsh_ss(x[i]);
    return s;
}

SMOLIFY_AVX512 float dot_q8_q8_avx512(const BlockQ8 *w, const BlockQ8 *x, int blocks) {
    __m512 acc = _mm512_setzero_ps();
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
        const __m512 d =
            scales512(_cvtsh_ss(w[b].d) * _cvtsh_ss(x[b].d), _cvtsh_ss(w[b + 1].d) * _cvtsh_ss(x[b + 1].d));
        const __m512i qw = pair512(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(w[b].q)),
                                   _mm256_loadu_si256(reinterpret_cast<const __m256i *>(w[b + 1].q)));
        const __m512i qx = pair512(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b].q)),
                                   _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b + 1].q)));
        acc = _mm512_fmadd_ps(d, mul_sum_i8_avx512(qw, qx), acc);
    }
    float s = reduce16(acc);
    if (b < blocks) s += dot_q8_q8_avx2(w + b, x + b, blocks - b);
    return s;
}

SMOLIFY_AVX512 float dot_q4_q8_avx512(const BlockQ4 *w, const BlockQ8 *x, int blocks) {
    __m512 acc = _mm512_setzero_ps();
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
        const __m512 d =
            scales512(_cvtsh_ss(w[b].d) * _cvtsh_ss(x[b].d), _cvtsh_ss(w[b + 1].d) * _cvtsh_ss(x[b + 1].d));
        const __m512i qw = pair512(q4_bytes_avx2(w[b].q), q4_bytes_avx2(w[b + 1].q));
        const __m512i qx = pair512(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b].q)),
                                   _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x[b + 1].q)));
        acc = _mm512_fmadd_ps(d, mul_sum_i8_avx512(qw, qx), acc);
    }
    float s = reduce16(acc);
    if (b < blocks) s += dot_q4_q8_avx2(w + b, x + b, blocks - b);
    return s;
}

// ---- tiled products (gemm_q8_q8 / gemm_q4_q8) ------------------------------------------------------
//
// A tile is RM weight rows x RN activation rows with RM x RN accumulators in registers. Each
// accumulator runs exactly the lanes and additions of the one-pair kernel above, so the tile's sums
// equal dot_q8_q8 / dot_q4_q8 bit for bit; the saving is that a weight block is loaded, unpacked
// (Q4 nibbles) and made absolute once per RN activation rows, and an activation block once per RM
// weight rows.

SMOLIFY_AVX2 inline __m256i w_bytes_avx2(const BlockQ8 &w) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(w.q));
}
SMOLIFY_AVX2 inline __m256i w_bytes_avx2(const BlockQ4 &w) {
    return q4_bytes_avx2(w.q);
}
SMOLIFY_AVX2 inline float dot_avx2(const BlockQ8 *w, const BlockQ8 *x, int blocks) {
    return dot_q8_q8_avx2(w, x, blocks);
}
SMOLIFY_AVX2 inline float dot_avx2(const BlockQ4 *w, const BlockQ8 *x, int blocks) {
    return dot_q4_q8_avx2(w, x, blocks);
}

inline void store_result(float *dst, float s, bool accumulate) {
    *dst = accumulate ? *dst + s : s;
}

// AVX2: one block per 256-bit register, 8 int32 lanes per pair (as dot_q8_q8_avx2).
template <class WB, int RM, int RN>
SMOLIFY_AVX2 void tile_avx2(const WB *W, const BlockQ8 *X, int blocks, int o, int n, float *out,
                            std::size_t ldo, bool accumulate) {
    __m256 acc[RM][RN];
    for (int i = 0; i < RM; ++i)
        for (int j = 0; j < RN; ++j)
            acc[i][j] = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int b = 0; b < blocks; ++b) {
        __m256i qw[RM], aw[RM];
        float dw[RM];
        for (int i = 0; i < RM; ++i) {
            const WB &w = W[std::size_t(o + i) * blocks + b];
            qw[i] = w_bytes_avx2(w);
            aw[i] = _mm256_sign_epi8(qw[i], qw[i]);
            dw[i] = _cvtsh_ss(w.d);
        }
        for (int j = 0; j < RN; ++j) {
            const BlockQ8 &x = X[std::size_t(n + j) * blocks + b];
            const __m256i qx = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x.q));
            const float dx = _cvtsh_ss(x.d);
            for (int i = 0; i < RM; ++i) {
                const __m256i dot16 = _mm256_maddubs_epi16(aw[i], _mm256_sign_epi8(qx, qw[i]));
                const __m256 p = _mm256_cvtepi32_ps(_mm256_madd_epi16(dot16, ones));
                acc[i][j] = _mm256_fmadd_ps(_mm256_set1_ps(dw[i] * dx), p, acc[i][j]);
            }
        }
    }
    for (int i = 0; i < RM; ++i)
        for (int j = 0; j < RN; ++j)
            store_result(out + std::size_t(n + j) * ldo + std::size_t(o + i), hsum256(acc[i][j]), accumulate);
}

// AVX-512: two blocks per 512-bit register (as dot_q8_q8_avx512), an odd last block through AVX2.
SMOLIFY_AVX512 inline __m512i w_pair_avx512(const BlockQ8 *w) {
    return pair512(w_bytes_avx2(w[0]), w_bytes_avx2(w[1]));
}
SMOLIFY_AVX512 inline __m512i w_pair_avx512(const BlockQ4 *w) {
    return pair512(w_bytes_avx2(w[0]), w_bytes_avx2(w[1]));
}

// v[k] = acc[k / 4][k % 4] -> lane 4j + i holds reduce16(acc[i][j]): the 16 sums of a 4 x 4 tile by
// the same halving tree as reduce16, four vectors' steps sharing one shuffle and one add.
SMOLIFY_AVX512 inline __m512 reduce_4x4(const __m512 (&v)[16]) {
    __m512 a[8], b[4], c[2];
    for (int m = 0; m < 8; ++m) {  // lanes 0-7: v[2m]'s i + (i + 8); 8-15: v[2m + 1]'s
        const __m512 lo = _mm512_shuffle_f32x4(v[2 * m], v[2 * m + 1], _MM_SHUFFLE(1, 0, 1, 0));
        const __m512 hi = _mm512_shuffle_f32x4(v[2 * m], v[2 * m + 1], _MM_SHUFFLE(3, 2, 3, 2));
        a[m] = _mm512_add_ps(lo, hi);
    }
    for (int m = 0; m < 4; ++m) {  // 128-bit lane r: v[4m + r]'s i + (i + 4)
        const __m512 lo = _mm512_shuffle_f32x4(a[2 * m], a[2 * m + 1], _MM_SHUFFLE(2, 0, 2, 0));
        const __m512 hi = _mm512_shuffle_f32x4(a[2 * m], a[2 * m + 1], _MM_SHUFFLE(3, 1, 3, 1));
        b[m] = _mm512_add_ps(lo, hi);
    }
    for (int m = 0; m < 2; ++m) {  // lane r: v[8m + r]'s two i + (i + 2), then v[8m + 4 + r]'s
        const __m512 lo = _mm512_shuffle_ps(b[2 * m], b[2 * m + 1], _MM_SHUFFLE(1, 0, 1, 0));
        const __m512 hi = _mm512_shuffle_ps(b[2 * m], b[2 * m + 1], _MM_SHUFFLE(3, 2, 3, 2));
        c[m] = _mm512_add_ps(lo, hi);
    }
    // lane r: v[r], v[4 + r], v[8 + r], v[12 + r], each 0 + 1.
    const __m512 lo = _mm512_shuffle_ps(c[0], c[1], _MM_SHUFFLE(2, 0, 2, 0));
    const __m512 hi = _mm512_shuffle_ps(c[0], c[1], _MM_SHUFFLE(3, 1, 3, 1));
    return _mm512_add_ps(lo, hi);
}

// The AVX-512 tile, twice: tile_avx512 (maddubs + madd per block pair) and tile_avx512vnni (one
// vpdpbusd). Both give the same int32 sums: no pair of products reaches maddubs' int16 saturation
// (|q| <= 127 on both sides), so the results are identical and VNNI only saves an instruction.
#define SMOLIFY_TILE_NAME tile_avx512
#define SMOLIFY_TILE_TARGET SMOLIFY_AVX512
#define SMOLIFY_TILE_DOTS(aw, sy) _mm512_madd_epi16(_mm512_maddubs_epi16(aw, sy), _mm512_set1_epi16(1))
#include "infer/kernels_tile512.inc"
#define SMOLIFY_TILE_NAME tile_avx512vnni
#define SMOLIFY_TILE_TARGET SMOLIFY_AVX512VNNI
#define SMOLIFY_TILE_DOTS(aw, sy) _mm512_dpbusd_epi32(_mm512_setzero_si512(), aw, sy)
#include "infer/kernels_tile512.inc"

// The activation rows of one strip of RM weight rows: tiles of 4 rows, then the 1-3 left over.
#define SMOLIFY_STRIP(ISA, ATTR)                                                               \
    template <class WB, int RM>                                                                \
    ATTR void strip_##ISA(const WB *W, const BlockQ8 *X, int blocks, int N, int o, float *out, \
                          std::size_t ldo, bool accumulate) {                                  \
        int n = 0;                                                                             \
        for (; n + 4 <= N; n += 4)                                                             \
            tile_##ISA<WB, RM, 4>(W, X, blocks, o, n, out, ldo, accumulate);                   \
        switch (N - n) {                                                                       \
            case 3:                                                                            \
                tile_##ISA<WB, RM, 3>(W, X, blocks, o, n, out, ldo, accumulate);               \
                break;                                                                         \
            case 2:                                                                            \
                tile_##ISA<WB, RM, 2>(W, X, blocks, o, n, out, ldo, accumulate);               \
                break;                                                                         \
            case 1:                                                                            \
                tile_##ISA<WB, RM, 1>(W, X, blocks, o, n, out, ldo, accumulate);               \
                break;                                                                         \
            default:                                                                           \
                break;                                                                         \
        }                                                                                      \
    }
SMOLIFY_STRIP(avx2, SMOLIFY_AVX2)
SMOLIFY_STRIP(avx512, SMOLIFY_AVX512)
SMOLIFY_STRIP(avx512vnni, SMOLIFY_AVX512VNNI)
#undef SMOLIFY_STRIP

// AVX2 has 16 vector registers: strips of 2 weight rows (8 accumulators); AVX-512 has 32: 4.
template <class WB>
SMOLIFY_AVX2 void gemm_avx2(const WB *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                            std::size_t ldo, bool accumulate) {
    int o = o0;
    for (; o + 2 <= o1; o += 2)
        strip_avx2<WB, 2>(W, X, blocks, N, o, out, ldo, accumulate);
    for (; o < o1; ++o)
        strip_avx2<WB, 1>(W, X, blocks, N, o, out, ldo, accumulate);
}

template <class WB>
SMOLIFY_AVX512 void gemm_avx512(const WB *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                                std::size_t ldo, bool accumulate) {
    int o = o0;
    for (; o + 4 <= o1; o += 4)
        strip_avx512<WB, 4>(W, X, blocks, N, o, out, ldo, accumulate);
    for (; o < o1; ++o)
        strip_avx512<WB, 1>(W, X, blocks, N, o, out, ldo, accumulate);
}

template <class WB>
SMOLIFY_AVX512VNNI void gemm_avx512vnni(const WB *W, const BlockQ8 *X, int blocks, int N, int o0, int o1,
                                        float *out, std::size_t ldo, bool accumulate) {
    int o = o0;
    for (; o + 4 <= o1; o += 4)
        strip_avx512vnni<WB, 4>(W, X, blocks, N, o, out, ldo, accumulate);
    for (; o < o1; ++o)
        strip_avx512vnni<WB, 1>(W, X, blocks, N, o, out, ldo, accumulate);
}

// ---- attention -----------------------------------------------------------------------------------

// D = 16 x NV: q, and the output row, stay in registers; two output accumulators per 16 lanes
// (even and odd positions) hide the FMA latency.
template <int NV>
SMOLIFY_AVX512 void attend_avx512(const float *q, const float *K, const float *V, std::size_t ld, int T,
                                  float scale, float *s, float *y) {
    __m512 qv[NV];
    for (int i = 0; i < NV; ++i)
        qv[i] = _mm512_loadu_ps(q + 16 * i);
    float mx = -INFINITY;
    for (int t = 0; t < T; ++t) {
        const float *k = K + std::size_t(t) * ld;
        __m512 acc = _mm512_mul_ps(qv[0], _mm512_loadu_ps(k));
        for (int i = 1; i < NV; ++i)
            acc = _mm512_fmadd_ps(qv[i], _mm512_loadu_ps(k + 16 * i), acc);
        s[t] = _mm512_reduce_add_ps(acc) * scale;
        mx = std::max(mx, s[t]);
    }
    float sum = 0.0f;
    for (int t = 0; t < T; ++t) {
        s[t] = std::exp(s[t] - mx);
        sum += s[t];
    }
    const float inv = 1.0f / sum;
    __m512 y0[NV], y1[NV];
    for (int i = 0; i < NV; ++i)
        y0[i] = y1[i] = _mm512_setzero_ps();
    int t = 0;
    for (; t + 2 <= T; t += 2) {
        const __m512 p0 = _mm512_set1_ps(s[t] * inv), p1 = _mm512_set1_ps(s[t + 1] * inv);
        const float *v0 = V + std::size_t(t) * ld, *v1 = v0 + ld;
        for (int i = 0; i < NV; ++i) {
            y0[i] = _mm512_fmadd_ps(p0, _mm512_loadu_ps(v0 + 16 * i), y0[i]);
            y1[i] = _mm512_fmadd_ps(p1, _mm512_loadu_ps(v1 + 16 * i), y1[i]);
        }
    }
    if (t < T) {
        const __m512 p0 = _mm512_set1_ps(s[t] * inv);
        for (int i = 0; i < NV; ++i)
            y0[i] = _mm512_fmadd_ps(p0, _mm512_loadu_ps(V + std::size_t(t) * ld + 16 * i), y0[i]);
    }
    for (int i = 0; i < NV; ++i)
        _mm512_storeu_ps(y + 16 * i, _mm512_add_ps(y0[i], y1[i]));
}

void attend_generic(const float *q, const float *K, const float *V, std::size_t ld, int D, int T, float scale,
                    float *s, float *y, float (*dot)(const float *, const float *, int)) {
    float mx = -INFINITY;
    for (int t = 0; t < T; ++t) {
        s[t] = dot(q, K + std::size_t(t) * ld, D) * scale;
        mx = std::max(mx, s[t]);
    }
    float sum = 0.0f;
    for (int t = 0; t < T; ++t) {
        s[t] = std::exp(s[t] - mx);
        sum += s[t];
    }
    const float inv = 1.0f / sum;
    std::fill(y, y + D, 0.0f);
    for (int t = 0; t < T; ++t) {
        const float p = s[t] * inv;
        const float *vt = V + std::size_t(t) * ld;
        for (int d = 0; d < D; ++d)
            y[d] += p * vt[d];
    }
}

// ---- dispatch ------------------------------------------------------------------------------------

std::atomic<Isa> g_isa{detect_isa()};

}  // namespace

// ---- scalar reference -----------------------------------------------------------------------------

namespace ref {

float dot_f32(const float *a, const float *b, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; ++i)
        s += a[i] * b[i];
    return s;
}

float dot_f16(const uint16_t *w, const uint16_t *x, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; ++i)
        s += h2f(w[i]) * h2f(x[i]);
    return s;
}

float dot_q8_q8(const BlockQ8 *w, const BlockQ8 *x, int blocks) {
    float s = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        int32_t sum = 0;
        for (int j = 0; j < kBlock; ++j)
            sum += int32_t(w[b].q[j]) * int32_t(x[b].q[j]);
        s += float(sum) * (h2f(w[b].d) * h2f(x[b].d));
    }
    return s;
}

float dot_q4_q8(const BlockQ4 *w, const BlockQ8 *x, int blocks) {
    float s = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        int32_t sum = 0;
        for (int j = 0; j < kBlock / 2; ++j) {
            sum += (int32_t(w[b].q[j] & 0x0F) - 8) * int32_t(x[b].q[j]);
            sum += (int32_t(w[b].q[j] >> 4) - 8) * int32_t(x[b].q[j + kBlock / 2]);
        }
        s += float(sum) * (h2f(w[b].d) * h2f(x[b].d));
    }
    return s;
}

void attend(const float *q, const float *K, const float *V, std::size_t ld, int D, int T, float scale,
            float *scores, float *y) {
    attend_generic(q, K, V, ld, D, T, scale, scores, y, &dot_f32);
}

}  // namespace ref

const char *isa_name(Isa isa) {
    switch (isa) {
        case Isa::scalar:
            return "scalar";
        case Isa::avx2:
            return "avx2";
        case Isa::avx512:
            return "avx512";
    }
    return "?";
}

// F16C from CPUID leaf 1 (ECX bit 29): clang 14's __builtin_cpu_supports does not know "f16c".
bool cpu_has_f16c() {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 && (ecx & bit_F16C) != 0;
}

Isa detect_isa() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") &&
        __builtin_cpu_supports("fma") && cpu_has_f16c())
        return Isa::avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && cpu_has_f16c()) return Isa::avx2;
    return Isa::scalar;
}

Isa active_isa() {
    return g_isa.load(std::memory_order_relaxed);
}

void force_isa(Isa isa) {
    g_isa.store(std::min(isa, detect_isa()));
}

void quantize_row_q8(const float *x, BlockQ8 *y, int n) {
    if (active_isa() != Isa::scalar) return quantize_row_q8_avx2(x, y, n);
    // The same arithmetic as the vector version (and ggml's x86 one): scale by 127 / amax, round
    // half to even.
    for (int b = 0; b < n / kBlock; ++b) {
        const float *xb = x + b * kBlock;
        float amax = 0.0f;
        for (int j = 0; j < kBlock; ++j)
            amax = std::max(amax, std::fabs(xb[j]));
        y[b].d = gguf::fp32_to_fp16(amax / 127.0f);
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        for (int j = 0; j < kBlock; ++j)
            y[b].q[j] = static_cast<int8_t>(std::nearbyint(xb[j] * id));
    }
}

void round_row_f16(const float *x, uint16_t *y, int n) {
    if (active_isa() != Isa::scalar) return round_row_f16_avx2(x, y, n);
    for (int i = 0; i < n; ++i)
        y[i] = gguf::fp32_to_fp16(x[i]);
}

float dot_f32(const float *a, const float *b, int n) {
    switch (active_isa()) {
        case Isa::avx512:
            return dot_f32_avx512(a, b, n);
        case Isa::avx2:
            return dot_f32_avx2(a, b, n);
        case Isa::scalar:
            break;
    }
    return ref::dot_f32(a, b, n);
}

float dot_f16(const uint16_t *w, const uint16_t *x, int n) {
    switch (active_isa()) {
        case Isa::avx512:
            return dot_f16_avx512(w, x, n);
        case Isa::avx2:
            return dot_f16_avx2(w, x, n);
        case Isa::scalar:
            break;
    }
    return ref::dot_f16(w, x, n);
}

float dot_q8_q8(const BlockQ8 *w, const BlockQ8 *x, int blocks) {
    switch (active_isa()) {
        case Isa::avx512:
            return dot_q8_q8_avx512(w, x, blocks);
        case Isa::avx2:
            return dot_q8_q8_avx2(w, x, blocks);
        case Isa::scalar:
            break;
    }
    return ref::dot_q8_q8(w, x, blocks);
}

float dot_q4_q8(const BlockQ4 *w, const BlockQ8 *x, int blocks) {
    switch (active_isa()) {
        case Isa::avx512:
            return dot_q4_q8_avx512(w, x, blocks);
        case Isa::avx2:
            return dot_q4_q8_avx2(w, x, blocks);
        case Isa::scalar:
            break;
    }
    return ref::dot_q4_q8(w, x, blocks);
}

namespace {

// AVX-512 VNNI from CPUID leaf 7 (ECX bit 11), read once; off when a test forces another set or
// switches it off (force_vnni).
bool cpu_has_vnni() {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 && (ecx & (1u << 11)) != 0;
}
std::atomic<bool> g_vnni{cpu_has_vnni()};
bool use_vnni() {
    return g_vnni.load(std::memory_order_relaxed);
}

template <class WB>
void gemm_ref(const WB *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out, std::size_t ldo,
              bool accumulate) {
    for (int o = o0; o < o1; ++o)
        for (int n = 0; n < N; ++n) {
            float s;
            if constexpr (std::is_same_v<WB, BlockQ8>)
                s = ref::dot_q8_q8(W + std::size_t(o) * blocks, X + std::size_t(n) * blocks, blocks);
            else
                s = ref::dot_q4_q8(W + std::size_t(o) * blocks, X + std::size_t(n) * blocks, blocks);
            store_result(out + std::size_t(n) * ldo + std::size_t(o), s, accumulate);
        }
}

template <class WB>
void gemm_dispatch(const WB *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                   std::size_t ldo, bool accumulate) {
    switch (active_isa()) {
        case Isa::avx512:
            if (use_vnni()) return gemm_avx512vnni(W, X, blocks, N, o0, o1, out, ldo, accumulate);
            return gemm_avx512(W, X, blocks, N, o0, o1, out, ldo, accumulate);
        case Isa::avx2:
            return gemm_avx2(W, X, blocks, N, o0, o1, out, ldo, accumulate);
        case Isa::scalar:
            break;
    }
    gemm_ref(W, X, blocks, N, o0, o1, out, ldo, accumulate);
}

}  // namespace

bool vnni_available() {
    return cpu_has_vnni() && detect_isa() == Isa::avx512;
}

void force_vnni(bool on) {
    g_vnni.store(on && cpu_has_vnni());
}

void gemm_q8_q8(const BlockQ8 *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                std::size_t ldo, bool accumulate) {
    gemm_dispatch(W, X, blocks, N, o0, o1, out, ldo, accumulate);
}

void gemm_q4_q8(const BlockQ4 *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                std::size_t ldo, bool accumulate) {
    gemm_dispatch(W, X, blocks, N, o0, o1, out, ldo, accumulate);
}

void attend(const float *q, const float *K, const float *V, std::size_t ld, int D, int T, float scale,
            float *scores, float *y) {
    if (active_isa() == Isa::avx512) switch (D) {
            case 16:
                return attend_avx512<1>(q, K, V, ld, T, scale, scores, y);
            case 32:
                return attend_avx512<2>(q, K, V, ld, T, scale, scores, y);
            case 64:
                return attend_avx512<4>(q, K, V, ld, T, scale, scores, y);
            case 128:
                return attend_avx512<8>(q, K, V, ld, T, scale, scores, y);
            default:
                break;
        }
    attend_generic(q, K, V, ld, D, T, scale, scores, y, &dot_f32);
}

}  // namespace smolify::infer::kernels
