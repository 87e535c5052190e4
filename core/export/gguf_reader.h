// GGUF reader (versions 2 and 3, little-endian) that trusts nothing in the file. Every count, string
// length, array length, dimension, element count, type, offset and the alignment is checked against
// the bytes that remain and against ReadLimits before anything is allocated, so parsing never
// allocates more than the file's size; each defect is a user error that names it ("the file ends
// inside the value of key tokenizer.ggml.tokens: it is truncated", "duplicate key ...", ...).
//
// open() maps the file read-only (mmap) and parses the mapping; tensor data are spans into it, so
// a 100 MB model costs no copy. parse() reads bytes the caller keeps alive (tests, fuzzing).
// A file that shrinks while mapped is outside the contract (the kernel raises SIGBUS, as for
// llama.cpp); Smolify never truncates a model in place, it replaces it by rename.
//
// Called by the student import (gguf_student.h), the inference engine and the tests. A File is
// immutable after parsing and safe to read from several threads.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "export/gguf.h"
#include "util/result.h"

namespace smolify::gguf {

struct ReadLimits {
    uint64_t max_kv = 65'536;
    uint64_t max_tensors = 65'536;
    uint64_t max_key_bytes = 65'535;
    uint64_t max_string_bytes = 64ull << 20;  // one string value (a chat template is kilobytes)
    uint64_t max_array_elements = 64ull << 20;
};

struct TensorInfo {
    std::string name;
    GgmlType type = GgmlType::f32;
    std::vector<int64_t> ne;  // ggml order: ne[0] is the row length
    uint64_t offset = 0;      // into the data section, a multiple of the alignment
    uint64_t bytes = 0;       // without padding
    int64_t elements = 0;
    int64_t rows() const { return ne.empty() ? 0 : elements / ne[0]; }
};

class File {
public:
    static Result<std::unique_ptr<File>> open(const std::filesystem::path &path, const ReadLimits &limits = {});
    // `bytes` must outlive the File. `label` names the source in messages.
    static Result<std::unique_ptr<File>> parse(std::span<const uint8_t> bytes, const ReadLimits &limits = {},
                                               std::string label = "the GGUF data");
    ~File();
    File(const File &) = delete;
    File &operator=(const File &) = delete;

    uint32_t version() const { return m_version; }
    uint32_t alignment() const { return m_alignment; }
    uint64_t data_offset() const { return m_data_offset; }  // from the start of the file
    uint64_t file_size() const { return m_bytes.size(); }
    const std::string &label() const { return m_label; }

    const std::vector<KeyValue> &kvs() const { return m_kvs; }  // in file order
    const Value *find(std::string_view key) const;
    // A user error when the key is missing or holds another type ("key K has type i32, expected u32").
    template <class T>
    Result<T> get(std::string_view key) const {
        const Value *v = find(key);
        if (!v) return missing_key(key);
        if (const T *x = std::get_if<T>(v)) return *x;
        return wrong_type(key, type_of_value<T>(), value_type(*v));
    }

    const std::vector<TensorInfo> &tensors() const { return m_tensors; }
    const TensorInfo *tensor(std::string_view name) const;
    // The tensor's bytes inside the file (checked at parse time to lie within it).
    std::span<const uint8_t> data(const TensorInfo &t) const;
    // Decodes rows [first_row, first_row + rows) to floats (out: rows x ne[0]). User error when the
    // range is outside the tensor.
    Status read_rows(const TensorInfo &t, int64_t first_row, int64_t rows, float *out) const;
    // The whole tensor as floats: elements x 4 bytes, at most 7.2 x the tensor's bytes in the file.
    Result<std::vector<float>> read_f32(const TensorInfo &t) const;

private:
    File() = default;
    template <class T>
    static constexpr Type type_of_value() {
        if constexpr (std::is_same_v<T, std::string>) return Type::string;
        else if constexpr (std::is_same_v<T, Array>) return Type::array;
        else return type_of<T>();
    }
    Error missing_key(std::string_view key) const;
    Error wrong_type(std::string_view key, Type expected, Type actual) const;

    friend class Parser;
    std::string m_label;
    std::span<const uint8_t> m_bytes;
    void *m_map = nullptr;  // the mmap of open(), unmapped by the destructor
    std::size_t m_map_size = 0;
    uint32_t m_version = 0;
    uint32_t m_alignment = kDefaultAlignment;
    uint64_t m_data_offset = 0;
    std::vector<KeyValue> m_kvs;
    std::vector<TensorInfo> m_tensors;
    // Views into m_kvs and m_tensors, built once parsing is complete.
    std::unordered_map<std::string_view, std::size_t> m_key_index;
    std::unordered_map<std::string_view, std::size_t> m_tensor_index;
};

}  // namespace smolify::gguf
