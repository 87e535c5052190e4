// Quantizers. The arithmetic follows ggml's reference quantizers step for step (engine-notes.md,
// "Q8_0 block" and "Q4_0 block"), because byte-exactness depends on the exact float operations:
// the inverse scale is computed once as 1/d in float and multiplied in (not a division per element),
// the scale kept in fp16 is rounded from the float d after the quants were computed from the float d,
// and Q4_0 truncates (x*id + 8.5) toward zero.
#include "export/quant.h"

#include <bit>
#include <cmath>
#include <string>

namespace smolify::gguf {

namespace {

Status bad_value(int64_t i, float v, const char *why) {
    return user_error("element " + std::to_string(i) + " is " + std::to_string(v) + ": " + why);
}

Status check_finite(const float *x, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i])) return bad_value(i, x[i], "a weight that is not a finite number cannot be exported");
    return {};
}

// ggml converts the rounded float to an 8-bit integer with a plain C cast; on x86 a non-finite value
// (which only arises when 1/d overflows for a block of tiny values, whose fp16 scale is 0 anyway)
// converts to 0x80000000, whose low byte is 0. Do the same without undefined behaviour.
int to_int_like_ggml(float v) {
    if (!std::isfinite(v) || v < -2147483648.0f || v >= 2147483648.0f) return 0;
    return static_cast<int>(v);
}

void store_u16(uint8_t *p, uint16_t v) {
    p[0] = static_cast<uint8_t>(v & 0xff);
    p[1] = static_cast<uint8_t>(v >> 8);
}
uint16_t load_u16(const uint8_t *p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

void quantize_block_q8_0(const float *x, uint8_t *out) {
    float amax = 0.0f;
    for (int j = 0; j < kQk; ++j) amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store_u16(out, fp32_to_fp16(d));
    for (int j = 0; j < kQk; ++j) {
        const int q = to_int_like_ggml(std::round(x[j] * id));
        out[2 + j] = static_cast<uint8_t>(static_cast<int8_t>(q));
    }
}

void quantize_block_q4_0(const float *x, uint8_t *out) {
    // The element of largest magnitude, sign kept; the first one wins a tie.
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < kQk; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    const float d = max / -8.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store_u16(out, fp32_to_fp16(d));
    for (int j = 0; j < kQk / 2; ++j) {
        // Element j in the low nibble, element j + 16 in the high nibble.
        const int lo = std::min(15, static_cast<int>(static_cast<int8_t>(to_int_like_ggml(x[j] * id + 8.5f))));
        const int hi =
            std::min(15, static_cast<int>(static_cast<int8_t>(to_int_like_ggml(x[j + kQk / 2] * id + 8.5f))));
        out[2 + j] = static_cast<uint8_t>((lo & 0x0f) | ((hi & 0x0f) << 4));
    }
}

}  // namespace

uint16_t fp32_to_fp16(float f) {
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000);
    const uint32_t a = x & 0x7fffffffu;
    if (a > 0x7f800000u) return sign | 0x7e00;   // NaN -> quiet NaN
    if (a >= 0x477ff000u) return sign | 0x7c00;  // >= 65520 rounds to infinity
    if (a < 0x38800000u) {
        // Below 2^-14: a half subnormal, counted in units of 2^-24. Below 2^-25 (or exactly 2^-25,
        // a tie to the even 0) it is zero.
        if (a <= 0x33000000u) return sign;
        const uint32_t e = a >> 23;
        const uint32_t m = (a & 0x7fffffu) | 0x800000u;
        const uint32_t shift = 126 - e;  // 14..23
        uint32_t q = m >> shift;
        const uint32_t rem = m & ((1u << shift) - 1);
        const uint32_t half = 1u << (shift - 1);
        if (rem > half || (rem == half && (q & 1))) ++q;  // may carry into the smallest normal: right
        return static_cast<uint16_t>(sign | q);
    }
    // Normal: rebias the exponent (127 -> 15) and round the 13 dropped mantissa bits; a carry out of
    // the mantissa correctly bumps the exponent.
    uint32_t h = (a >> 13) - (112u << 10);
    const uint32_t rem = a & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1))) ++h;
    return static_cast<uint16_t>(sign | h);
}

float fp16_to_fp32(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
    const uint32_t e = (h >> 10) & 0x1f;
    const uint32_t m = h & 0x3ff;
    if (e == 0x1f) return std::bit_cast<float>(sign | 0x7f800000u | (m << 13));
    if (e != 0) return std::bit_cast<float>(sign | ((e + 112) << 23) | (m << 13));
    // Zero or subnormal: m x 2^-24, exact in float.
    const float v = std::ldexp(static_cast<float>(m), -24);
    return sign ? -v : v;
}

uint16_t fp32_to_bf16(float f) {
    const uint32_t x = std::bit_cast<uint32_t>(f);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 64);  // quiet NaN
    return static_cast<uint16_t>((x + (0x7fffu + ((x >> 16) & 1))) >> 16);
}

float bf16_to_fp32(uint16_t h) { return std::bit_cast<float>(static_cast<uint32_t>(h) << 16); }

bool row_fits(GgmlType type, int64_t n) { return n > 0 && n % ggml_block_size(type) == 0; }

std::size_t row_bytes(GgmlType type, int64_t n) {
    return static_cast<std::size_t>(n / ggml_block_size(type)) * ggml_block_bytes(type);
}

Status quantize_row(GgmlType type, const float *x, int64_t n, uint8_t *out) {
    if (!ggml_type_known(static_cast<uint32_t>(type)))
        return internal_error("quantize_row: unknown type " + std::to_string(static_cast<uint32_t>(type)));
    if (!row_fits(type, n))
        return user_error("a row of " + std::to_string(n) + " elements cannot be stored as " +
                          ggml_type_name(static_cast<uint32_t>(type)) + ": it needs a positive multiple of " +
                          std::to_string(ggml_block_size(type)));
    if (Status s = check_finite(x, n); !s) return s;
    switch (type) {
        case GgmlType::f32:
            std::memcpy(out, x, static_cast<std::size_t>(n) * sizeof(float));
            break;
        case GgmlType::f16:
            for (int64_t i = 0; i < n; ++i) {
                if (std::fabs(x[i]) >= 65520.0f) return bad_value(i, x[i], "beyond the range of F16 (65504)");
                store_u16(out + 2 * i, fp32_to_fp16(x[i]));
            }
            break;
        case GgmlType::bf16:
            for (int64_t i = 0; i < n; ++i) {
                const uint16_t h = fp32_to_bf16(x[i]);
                if ((h & 0x7fff) == 0x7f80) return bad_value(i, x[i], "beyond the range of BF16");
                store_u16(out + 2 * i, h);
            }
            break;
        case GgmlType::q8_0:
            for (int64_t b = 0; b < n / kQk; ++b) quantize_block_q8_0(x + b * kQk, out + b * kQ8_0Bytes);
            break;
        case GgmlType::q4_0:
            for (int64_t b = 0; b < n / kQk; ++b) quantize_block_q4_0(x + b * kQk, out + b * kQ4_0Bytes);
            break;
    }
    return {};
}

void dequantize_row(GgmlType type, const uint8_t *in, int64_t n, float *out) {
    switch (type) {
        case GgmlType::f32:
            std::memcpy(out, in, static_cast<std::size_t>(n) * sizeof(float));
            break;
        case GgmlType::f16:
            for (int64_t i = 0; i < n; ++i) out[i] = fp16_to_fp32(load_u16(in + 2 * i));
            break;
        case GgmlType::bf16:
            for (int64_t i = 0; i < n; ++i) out[i] = bf16_to_fp32(load_u16(in + 2 * i));
            break;
        case GgmlType::q8_0:
            for (int64_t b = 0; b < n / kQk; ++b) {
                const uint8_t *blk = in + b * kQ8_0Bytes;
                const float d = fp16_to_fp32(load_u16(blk));
                for (int j = 0; j < kQk; ++j) out[b * kQk + j] = static_cast<int8_t>(blk[2 + j]) * d;
            }
            break;
        case GgmlType::q4_0:
            for (int64_t b = 0; b < n / kQk; ++b) {
                const uint8_t *blk = in + b * kQ4_0Bytes;
                const float d = fp16_to_fp32(load_u16(blk));
                for (int j = 0; j < kQk / 2; ++j) {
                    out[b * kQk + j] = static_cast<float>((blk[2 + j] & 0x0f) - 8) * d;
                    out[b * kQk + j + kQk / 2] = static_cast<float>((blk[2 + j] >> 4) - 8) * d;
                }
            }
            break;
    }
}

}  // namespace smolify::gguf
