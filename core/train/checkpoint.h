// Training checkpoints: one self-checking binary file per run state, written atomically.
//
// Layout (little-endian):
//   0   8  magic "SMOLCKPT"
//   8   4  u32 format version (1)
//   12  4  u32 reserved, 0
//   16  8  u64 H: bytes of the header JSON
//   24  8  u64 N: parameter count
//   32  H  header JSON: "model" (model::Config), "step", "epoch", "seed", data order, schedule,
//          early-stopping state, the run's parameters (see trainer.cpp)
//   ... zero padding to a multiple of 64
//   N floats parameters, N floats AdamW first moments, N floats second moments (f32)
//   32  SHA-256 of every byte before it
// A reader checks the magic, the version, the reserved field, H and N against the file size and the
// model config's parameter count, all before allocating; the header JSON for duplicate keys, depth and
// the types of the fields Smolify reads; and the trailing SHA-256 after reading. The file is
// outside data: any mismatch is a user error naming what is wrong.
//
// Who calls it: core/train (save, resume), export and inference (weights of a finished run).
// Thread-safety: free functions, no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "util/result.h"

namespace smolify::train {

inline constexpr uint32_t kCheckpointVersion = 1;

struct CheckpointWritten {
    std::string sha256;  // hex SHA-256 of the whole file, as sha256sum prints it
    int64_t bytes = 0;
};

// Writes through a temporary file, flush, fsync and rename (AtomicFile): a crash leaves the previous
// checkpoint or the new one. m and v may be empty (weights only; a reader then cannot resume).
Result<CheckpointWritten> write_checkpoint(const std::filesystem::path &path, const nlohmann::json &header,
                                           std::span<const float> params, std::span<const float> m,
                                           std::span<const float> v);

struct CheckpointInfo {
    nlohmann::json header;
    model::Config config;
    uint64_t n = 0;  // parameter count
    bool has_moments = false;
    uint64_t data_offset = 0;
    uint64_t file_size = 0;
};

// Reads and validates everything but the float data.
Result<CheckpointInfo> read_checkpoint_info(const std::filesystem::path &path);
// Reads the data into params (and m, v when not empty; each of size info.n) and verifies the
// checksum. On failure the spans hold garbage: the caller must not use them.
Status read_checkpoint_data(const std::filesystem::path &path, const CheckpointInfo &info,
                            std::span<float> params, std::span<float> m, std::span<float> v);

}  // namespace smolify::train
