// The safetensors format (Hugging Face's weight files): a writer for the Hugging Face folder export
// and a reader that trusts nothing in the file.
//
// Layout: u64 little-endian N, then N bytes of UTF-8 JSON (an object: per tensor name
// {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, and an optional "__metadata__" map
// of strings to strings), then the data section; offsets are relative to the start of the data
// section. The writer pads the JSON with spaces so the data starts at a multiple of 8 and lays the
// tensors out contiguously in the order given.
//
// The reader checks, each failure a user error naming the defect: N against the file size and a
// cap, UTF-8, a JSON object without duplicate keys, known dtypes, shapes of non-negative integers
// whose element and byte counts do not overflow, offsets inside the data section with end - begin
// equal to the tensor's byte size, tensors that neither overlap nor leave gaps (the data section is
// exactly covered, as the reference implementation requires), and string-only __metadata__. It
// allocates nothing larger than the header it was given.
//
// Who calls it: core/export/hf_export (write), tests and the fuzz target (parse).
// Thread-safety: free functions, no shared state.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/job.h"
#include "util/result.h"

namespace smolify::safetensors {

enum class Dtype { f64, f32, f16, bf16, i64, i32, i16, i8, u8, boolean };
std::string_view dtype_name(Dtype d);  // "F32", "BF16", "BOOL", ...
std::size_t dtype_size(Dtype d);       // bytes per element

struct TensorInfo {
    std::string name;
    Dtype dtype = Dtype::f32;
    std::vector<uint64_t> shape;
    uint64_t begin = 0;  // byte offsets into the data section
    uint64_t end = 0;
    uint64_t elements() const;  // product of shape (1 for a scalar); checked not to overflow on read
};

struct ReadLimits {
    uint64_t max_header_bytes = 100'000'000;  // the reference implementation's cap
    std::size_t max_rank = 8;
};

// A parsed file: tensors in data order (ascending begin), metadata, and the data section as a view
// into the caller's bytes.
struct Parsed {
    std::vector<TensorInfo> tensors;
    std::map<std::string, std::string> metadata;
    uint64_t data_offset = 0;  // 8 + N
    std::span<const uint8_t> data;

    const TensorInfo *find(std::string_view name) const;
    std::span<const uint8_t> bytes(const TensorInfo &t) const { return data.subspan(t.begin, t.end - t.begin); }
    // The tensor's values as floats (F32, F16 and BF16); a user error for other dtypes.
    Result<std::vector<float>> to_f32(const TensorInfo &t) const;
};

// Parses `bytes` (the whole file). `what` names the file in messages.
Result<Parsed> parse(std::span<const uint8_t> bytes, std::string_view what = "safetensors file",
                     const ReadLimits &limits = {});

// A file read whole into memory and parsed; `parsed` views `bytes`.
struct File {
    std::string bytes;
    Parsed parsed;
};
Result<std::unique_ptr<File>> read(const std::filesystem::path &path, const ReadLimits &limits = {});

struct WriteTensor {
    std::string name;
    Dtype dtype = Dtype::f32;
    std::vector<uint64_t> shape;
    std::span<const uint8_t> bytes;  // exactly elements x dtype_size
};

struct WriteParams {
    std::map<std::string, std::string> metadata;  // "__metadata__"; omitted when empty
    // stage "writing", done / total = bytes, unit "bytes", after each tensor (util/job.h).
    job::Hooks<job::Progress> hooks;
};

// Writes atomically (AtomicFile). Errors: empty, reserved or duplicate names, a byte count that does
// not match the shape (internal: the caller's bug), I/O, cancelled.
Status write(const std::filesystem::path &path, std::span<const WriteTensor> tensors, const WriteParams &p = {});

}  // namespace smolify::safetensors
