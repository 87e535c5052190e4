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

#include "export/quant.h"

namespace smolify::infer::kernels {

namespace {

float h2f(uint16_t h) {
    return gguf::fp16_to_fp32(h);
}

#define SMOLIFY_AVX2 __attribute__((target("avx2,fma,f16c")))
#define SMOLIFY_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx2,fma,f16c")))

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
    float s = _mm512_reduce_add_ps(acc);
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
    float s = _mm512_reduce_add_ps(acc);
    if (b < blocks) s += dot_q4_q8_avx2(w + b, x + b, blocks - b);
    return s;
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

}  // namespace smolify::infer::kernels
