// Names and sizes of GGUF value types and ggml tensor types (gguf.h).
#include "export/gguf.h"

#include <array>

namespace smolify::gguf {

std::string_view type_name(Type t) {
    static constexpr std::array<std::string_view, kTypeCount> kNames{
        "u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "array", "u64", "i64", "f64"};
    const auto i = static_cast<uint32_t>(t);
    return i < kTypeCount ? kNames[i] : "unknown";
}

std::size_t type_size(Type t) {
    switch (t) {
        case Type::u8:
        case Type::i8:
        case Type::boolean:
            return 1;
        case Type::u16:
        case Type::i16:
            return 2;
        case Type::u32:
        case Type::i32:
        case Type::f32:
            return 4;
        case Type::u64:
        case Type::i64:
        case Type::f64:
            return 8;
        case Type::string:
        case Type::array:
            return 0;
    }
    return 0;
}

bool ggml_type_known(uint32_t t) {
    switch (static_cast<GgmlType>(t)) {
        case GgmlType::f32:
        case GgmlType::f16:
        case GgmlType::q4_0:
        case GgmlType::q8_0:
        case GgmlType::bf16:
            return true;
    }
    return false;
}

std::string ggml_type_name(uint32_t t) {
    // ggml's numbering, so that a refusal can say "Q4_K" rather than a bare number.
    static constexpr std::array<const char *, 42> kNames{
        "F32",     "F16",    "Q4_0",   "Q4_1",    "Q4_2",  "Q4_3",   "Q5_0",   "Q5_1",  "Q8_0",
        "Q8_1",    "Q2_K",   "Q3_K",   "Q4_K",    "Q5_K",  "Q6_K",   "Q8_K",   "IQ2_XXS", "IQ2_XS",
        "IQ3_XXS", "IQ1_S",  "IQ4_NL", "IQ3_S",   "IQ2_S", "IQ4_XS", "I8",     "I16",   "I32",
        "I64",     "F64",    "IQ1_M",  "BF16",    "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0",
        "IQ4_NL_4_4", "IQ4_NL_4_8", "IQ4_NL_8_8", "MXFP4", "", ""};
    if (t < kNames.size() && kNames[t][0] != '\0') return kNames[t];
    return "type " + std::to_string(t);
}

int64_t ggml_block_size(GgmlType t) { return (t == GgmlType::q4_0 || t == GgmlType::q8_0) ? kQk : 1; }

std::size_t ggml_block_bytes(GgmlType t) {
    switch (t) {
        case GgmlType::f32:
            return 4;
        case GgmlType::f16:
        case GgmlType::bf16:
            return 2;
        case GgmlType::q4_0:
            return kQ4_0Bytes;
        case GgmlType::q8_0:
            return kQ8_0Bytes;
    }
    return 0;
}

}  // namespace smolify::gguf
