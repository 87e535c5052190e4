// The inference engine: a student (core/model's `llama` graph) loaded for generation, with a KV cache,
// batched prefill and one-token decode, over weights in F32, F16, Q8_0 or Q4_0.
//
//   auto m = infer::Model::from_gguf("student.gguf");      // or from_checkpoint / from_weights
//   m->eval(prompt_ids);                                   // prefill: every prompt row at once
//   m->logits();                                           // the last token's logits (vocab)
//   m->eval({{next_id}});                                  // decode: one row against the cache
//
// The graph is the training forward pass of core/model (model.cpp), run one sequence at a time:
// RMSNorm, attention with RoPE on adjacent pairs and grouped KV heads, SwiGLU, final norm, output head.
// Weights from a GGUF stay in the file's mapping (no copy). Quantized matrices are multiplied as
// ggml multiplies them (kernels.h), so generations track llama.cpp on the same file.
//
// Who calls it: generate.h (sampling loop), the complete / bench infer commands, tests/infer,
// the GUI's playground. Thread-safety: one Model is used by one thread at a time (it owns its KV
// cache); the kernels run OpenMP threads inside eval().
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/result.h"

namespace smolify::gguf {
class File;
}

namespace smolify::infer {

enum class WeightType { f32, f16, q8_0, q4_0 };
const char *weight_type_name(WeightType t);  // "f32", "f16", "q8_0", "q4_0"

// The tensor table of model.h's layout contract (names, shapes, offsets in floats) for a config,
// without allocating a model: what a checkpoint's parameter block holds.
std::vector<model::TensorInfo> tensor_layout(const model::Config &config);

struct LoadParams {
    int threads = 0;  // 0: all cores
    int context = 0;  // KV cache length in tokens; 0: the model's context length
};

class Model {
public:
    // A `llama` GGUF (checked by gguf::read_student_header). Matrices of other types than the four
    // above are refused with a user error naming the tensor.
    static Result<std::unique_ptr<Model>> from_gguf(const std::filesystem::path &path,
                                                    const LoadParams &p = {});
    // The same, over a File the caller already opened (shared, kept alive by the Model).
    static Result<std::unique_ptr<Model>> from_gguf_file(std::shared_ptr<const gguf::File> file,
                                                         const LoadParams &p = {});
    // F32 weights laid out as model::Model's params()/tensors() (copied).
    static Result<std::unique_ptr<Model>> from_weights(const model::Config &config,
                                                       std::span<const float> params,
                                                       std::span<const model::TensorInfo> tensors,
                                                       const LoadParams &p = {});
    // The weights of a training checkpoint (core/train/checkpoint.h), F32.
    static Result<std::unique_ptr<Model>> from_checkpoint(const std::filesystem::path &path,
                                                          const LoadParams &p = {});
    ~Model();
    Model(const Model &) = delete;
    Model &operator=(const Model &) = delete;

    const model::Config &config() const;
    WeightType weight_type() const;  // of the attention and FFN matrices
    int context() const;             // KV cache length
    int position() const;            // tokens in the cache
    uint64_t weight_bytes() const;   // bytes of the weight matrices and norms as used

    // Drops the cache: the next eval() starts a new sequence at position 0.
    void reset();
    // Keeps the first n cached tokens (n <= position()), for a prompt that shares a prefix.
    void truncate(int n);
    // Runs `tokens` at positions position() .. position() + size - 1, adding them to the cache.
    // all_logits: keep every row's logits (tests), else only the last row's. A user error when a
    // token is outside the vocabulary or the cache would overflow; the cache is unchanged then.
    Status eval(std::span<const int32_t> tokens, bool all_logits = false);
    // The last eval()'s logits: vocab floats, or tokens x vocab with all_logits.
    std::span<const float> logits() const;

    void set_threads(int threads);  // 0: all cores
    int threads() const;

    struct Impl;  // model_impl.h, internal to core/infer

private:
    Model();
    std::unique_ptr<Impl> m;
};

}  // namespace smolify::infer
