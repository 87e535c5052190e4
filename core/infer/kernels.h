// Dot-product kernels of the inference engine, one per weight type, each with a portable scalar
// version and AVX2 / AVX-512 versions picked once at run time (__builtin_cpu_supports), so one binary
// runs on any x86-64 and uses the widest vectors the CPU has.
//
// Quantized weights (Q8_0, Q4_0) are multiplied the way ggml multiplies them: the activation row is
// first quantized to Q8_0 blocks, each block product is an integer sum scaled by the two fp16 scales,
// so results track llama.cpp's to float rounding. F16 weights meet an activation rounded to fp16, as
// in ggml (its vec_dot_type for F16 is F16).
//
// Who calls it: core/infer/model.cpp (the forward pass), tests/infer (each kernel against the scalar
// reference). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace smolify::infer::kernels {

constexpr int kBlock = 32;

// The ggml block layouts, byte for byte (gguf.h's kQ8_0Bytes / kQ4_0Bytes).
struct BlockQ8 {
    uint16_t d;  // fp16 scale
    int8_t q[kBlock];
};
struct BlockQ4 {
    uint16_t d;
    uint8_t q[kBlock / 2];  // element j in the low nibble of byte j, element j + 16 in the high one
};
static_assert(sizeof(BlockQ8) == 34 && sizeof(BlockQ4) == 18, "ggml block sizes");

enum class Isa { scalar, avx2, avx512 };
const char *isa_name(Isa isa);
// The widest set this CPU runs (AVX2 needs FMA and F16C too; AVX-512 needs F, BW, VL).
Isa detect_isa();
// The set the kernels below use: detect_isa(), or what force_isa() chose (tests compare the sets).
Isa active_isa();
// For tests: use `isa` (clamped to what the CPU supports). Not thread-safe against running kernels.
void force_isa(Isa isa);

// x (n floats, n a multiple of 32) -> n / 32 Q8_0 blocks, as ggml's quantize_row_q8_0 (d = amax/127,
// q = round(x / d)).
void quantize_row_q8(const float *x, BlockQ8 *y, int n);
// x (n) rounded to fp16.
void round_row_f16(const float *x, uint16_t *y, int n);

float dot_f32(const float *a, const float *b, int n);
float dot_f16(const uint16_t *w, const uint16_t *x, int n);
float dot_q8_q8(const BlockQ8 *w, const BlockQ8 *x, int blocks);
float dot_q4_q8(const BlockQ4 *w, const BlockQ8 *x, int blocks);

// Many weight rows times many activation rows (prefill; decode is N = 1): for o in [o0, o1) and n in
// [0, N), out[n * ldo + o] = dot(W row o, X row n), added to out's old value when `accumulate` (the
// residual). W holds rows of `blocks` blocks, X likewise. Tiles of 4 weight rows x 4 activation rows
// keep their sums in registers, so each weight block is loaded and unpacked once per 4 activation
// rows. Each sum equals dot_q8_q8 / dot_q4_q8 of the same pair bit for bit (the same lanes, the same
// order of additions), so prefill and decode agree exactly.
void gemm_q8_q8(const BlockQ8 *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                std::size_t ldo, bool accumulate);
void gemm_q4_q8(const BlockQ4 *W, const BlockQ8 *X, int blocks, int N, int o0, int o1, float *out,
                std::size_t ldo, bool accumulate);
// On AVX-512, the tiles use VNNI (vpdpbusd) when the CPU has it; the sums are the same either way.
bool vnni_available();
// For tests: VNNI on (if available) or off. Not thread-safe against running kernels.
void force_vnni(bool on);

// One query head's causal attention: s[t] = q . K[t] * scale for t < T, softmax, y (D) = sum of
// p[t] V[t]. K[t] and V[t] start t * ld floats after K and V; `scores` holds T floats of scratch.
// Prefill and decode call it alike, so a row's result does not depend on how it was batched.
void attend(const float *q, const float *K, const float *V, std::size_t ld, int D, int T, float scale,
            float *scores, float *y);

// The scalar versions, whatever active_isa() says: the reference the tests hold the SIMD ones to.
namespace ref {
float dot_f32(const float *a, const float *b, int n);
float dot_f16(const uint16_t *w, const uint16_t *x, int n);
float dot_q8_q8(const BlockQ8 *w, const BlockQ8 *x, int blocks);
float dot_q4_q8(const BlockQ4 *w, const BlockQ8 *x, int blocks);
void attend(const float *q, const float *K, const float *V, std::size_t ld, int D, int T, float scale,
            float *scores, float *y);
}  // namespace ref

}  // namespace smolify::infer::kernels
