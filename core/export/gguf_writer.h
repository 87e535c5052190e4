// GGUF version 3 writer: typed key/values, tensor infos and the aligned data section, written
// atomically (AtomicFile: temp file, fsync, rename) and streamed: F32 sources are converted one row
// at a time into a small buffer, so exporting a model never holds a second copy of its weights.
//
// Called by the student export (gguf_student.h) and by tests that build files field by field. Not
// thread-safe per call; independent calls may run in parallel.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "export/gguf.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::gguf {

// One tensor to write. Exactly one source: `f32` (n_elements floats, converted to `type` row by row
// while writing) or `raw` (the tensor's bytes already encoded as `type`).
struct TensorSource {
    std::string name;                // at most 63 bytes (ggml's limit)
    GgmlType type = GgmlType::f32;   // type in the file
    std::vector<int64_t> ne;         // ggml order, ne[0] = row length; 1 to 4 dimensions, each >= 1
    const float *f32 = nullptr;
    std::span<const uint8_t> raw;
};

struct WriteParams {
    // stage "writing", done / total = data bytes, unit "bytes", after each tensor (util/job.h); the
    // cancel flag is checked between rows.
    job::Hooks<job::Progress> hooks;
};

// Writes `kvs` in order, then the tensors in order (offsets assigned consecutively). The alignment is
// general.alignment when `kvs` has it (a u32 power of two), else 32. Errors: duplicate or empty keys,
// nested arrays, bad tensor names or shapes, a source of the wrong size (internal: the caller's bug);
// NaN, infinite or out-of-range weights (user, naming tensor and row); I/O (user); cancelled.
Status write_file(const std::filesystem::path &path, std::span<const KeyValue> kvs,
                  std::span<const TensorSource> tensors, const WriteParams &params = {});
// The same file as bytes in memory (tests and fuzzing seeds).
Result<std::string> write_memory(std::span<const KeyValue> kvs, std::span<const TensorSource> tensors,
                                 const WriteParams &params = {});

// Bytes of a tensor's data (without padding): row_bytes(type, ne[0]) x the other dimensions.
// 0 when the shape is invalid or the size overflows.
uint64_t tensor_bytes(GgmlType type, std::span<const int64_t> ne);

}  // namespace smolify::gguf
