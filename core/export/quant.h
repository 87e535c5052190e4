// Row encoders and decoders for the ggml tensor types Smolify exports: F32, F16, BF16, Q8_0, Q4_0.
// The encoders produce the same bytes as ggml's reference (scalar) quantizers, so a file Smolify
// quantizes is the file llama-quantize would have written from the same F32 weights
// (tests/export/export_quant_test.cpp compares against ggml itself and hand-computed blocks).
//
// Called by the GGUF writer (streaming, one row at a time) and by the reader's tensor_f32(). Pure
// functions, thread-safe.
#pragma once

#include <cstdint>

#include "export/gguf.h"
#include "util/result.h"

namespace smolify::gguf {

// IEEE half precision, round to nearest even (subnormals kept; beyond 65504 rounds to infinity;
// NaN becomes a quiet NaN), as ggml's fp32->fp16 conversion.
uint16_t fp32_to_fp16(float f);
float fp16_to_fp32(uint16_t h);
// bfloat16: round to nearest even of the upper 16 bits; NaN stays a quiet NaN.
uint16_t fp32_to_bf16(float f);
float bf16_to_fp32(uint16_t h);

// True when a row of n elements can be stored as `type` (n > 0 and a multiple of its block size).
bool row_fits(GgmlType type, int64_t n);
// Bytes of a row of n elements; n must satisfy row_fits().
std::size_t row_bytes(GgmlType type, int64_t n);

// Encodes x[0..n) into out[0..row_bytes(type, n)). A user error when n does not fit the type or when
// an element is NaN or infinite, or (F16) beyond the half-precision range; the message names the
// element index so the caller can name the tensor and row.
Status quantize_row(GgmlType type, const float *x, int64_t n, uint8_t *out);
// Decodes a row written by quantize_row() (or any ggml writer). n must satisfy row_fits().
void dequantize_row(GgmlType type, const uint8_t *in, int64_t n, float *out);

}  // namespace smolify::gguf
