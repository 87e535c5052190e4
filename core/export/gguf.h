// GGUF version 3 as Smolify writes and reads it: value types, ggml tensor types and their block
// layouts, and the in-memory form of a key's value. Shared by the writer (gguf_writer.h), the reader
// (gguf_reader.h), the quantizers (quant.h) and the student export (gguf_student.h).
//
// File layout (little-endian; docs/export.md has the full story):
//   "GGUF" u32 version  u64 n_tensors  u64 n_kv
//   n_kv x   { string key, u32 value type, value }
//   n_tensors x { string name, u32 n_dims, u64 ne[n_dims] (ne[0] = row length), u32 ggml type,
//                 u64 offset into the data section (a multiple of the alignment) }
//   zero padding to the alignment, then the data section: each tensor padded to the alignment.
// A string is u64 length + bytes (no terminator); an array is u32 element type, u64 count, elements.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace smolify::gguf {

static_assert(std::endian::native == std::endian::little, "GGUF is little-endian; so is every host we build for");

constexpr uint32_t kMagic = 0x46554747;  // "GGUF" read as a little-endian u32
constexpr uint32_t kVersion = 3;
constexpr uint32_t kDefaultAlignment = 32;

// Value types, numbered as in the file. GgufValue's variant index equals this number.
enum class Type : uint32_t {
    u8 = 0,
    i8 = 1,
    u16 = 2,
    i16 = 3,
    u32 = 4,
    i32 = 5,
    f32 = 6,
    boolean = 7,
    string = 8,
    array = 9,
    u64 = 10,
    i64 = 11,
    f64 = 12,
};
constexpr uint32_t kTypeCount = 13;
std::string_view type_name(Type t);
// Bytes of one element of a fixed-size type; 0 for string and array.
std::size_t type_size(Type t);

// ggml tensor types Smolify writes and reads (numbered as in ggml).
enum class GgmlType : uint32_t {
    f32 = 0,
    f16 = 1,
    q4_0 = 2,
    q8_0 = 8,
    bf16 = 30,
};
constexpr int kQk = 32;                 // elements per Q4_0 / Q8_0 block
constexpr std::size_t kQ8_0Bytes = 34;  // fp16 scale + 32 x int8
constexpr std::size_t kQ4_0Bytes = 18;  // fp16 scale + 16 bytes of nibbles

// True for the types above; other ggml type numbers are refused by the reader.
bool ggml_type_known(uint32_t t);
// "F32", "Q8_0", ...; for other numbers the ggml name when there is one ("Q4_K"), else "type N".
std::string ggml_type_name(uint32_t t);
int64_t ggml_block_size(GgmlType t);       // elements per block: 1 for float types, 32 for Q4_0/Q8_0
std::size_t ggml_block_bytes(GgmlType t);  // bytes per block

// An array value: one element type (never array: GGUF readers, ggml's included, refuse nesting),
// numbers and bools packed little-endian in `data` (count x type_size), strings in `strings`.
struct Array {
    Type type = Type::u8;
    std::vector<uint8_t> data;
    std::vector<std::string> strings;

    uint64_t size() const {
        return type == Type::string ? strings.size() : data.size() / (type_size(type) ? type_size(type) : 1);
    }
    // Element i as T; T must be the C++ type of `type` (see Value's alternatives).
    template <class T>
    T at(std::size_t i) const {
        T v;
        std::memcpy(&v, data.data() + i * sizeof(T), sizeof(T));
        return v;
    }
    bool operator==(const Array &) const = default;
};

// A key's value. The alternative's index is the file's value type number (Type).
using Value = std::variant<uint8_t, int8_t, uint16_t, int16_t, uint32_t, int32_t, float, bool, std::string, Array,
                           uint64_t, int64_t, double>;
inline Type value_type(const Value &v) { return static_cast<Type>(v.index()); }

struct KeyValue {
    std::string key;
    Value value;
};

// The value type of a C++ scalar type (a compile error for anything else).
template <class T>
constexpr Type type_of() {
    if constexpr (std::is_same_v<T, bool>) return Type::boolean;
    else if constexpr (std::is_same_v<T, uint8_t>) return Type::u8;
    else if constexpr (std::is_same_v<T, int8_t>) return Type::i8;
    else if constexpr (std::is_same_v<T, uint16_t>) return Type::u16;
    else if constexpr (std::is_same_v<T, int16_t>) return Type::i16;
    else if constexpr (std::is_same_v<T, uint32_t>) return Type::u32;
    else if constexpr (std::is_same_v<T, int32_t>) return Type::i32;
    else if constexpr (std::is_same_v<T, float>) return Type::f32;
    else if constexpr (std::is_same_v<T, uint64_t>) return Type::u64;
    else if constexpr (std::is_same_v<T, int64_t>) return Type::i64;
    else if constexpr (std::is_same_v<T, double>) return Type::f64;
    else static_assert(sizeof(T) == 0, "not a GGUF scalar type");
}

// Arrays from C++ values. T: one of the numeric alternatives of Value, or bool (one byte each).
template <class T>
Array make_array(std::span<const T> values) {
    Array a;
    a.type = type_of<T>();
    a.data.resize(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(a.data.data(), values.data(), a.data.size());
    return a;
}
inline Array make_array(const std::vector<bool> &values) {
    Array a;
    a.type = Type::boolean;
    for (bool b : values) a.data.push_back(b ? 1 : 0);
    return a;
}
inline Array make_string_array(std::vector<std::string> values) {
    Array a;
    a.type = Type::string;
    a.strings = std::move(values);
    return a;
}

}  // namespace smolify::gguf
