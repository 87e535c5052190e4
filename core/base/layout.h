// What the two base readers (gguf_base.cpp, hf_base.cpp) share: the bounds on a base's
// hyperparameters, the check of its attention heads, and the tensors its architecture needs, named in
// both formats, with the shapes the hyperparameters imply. Internal to core/base.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/gguf_base.h"

namespace smolify::base::detail {

// Beyond these a file is not a small model this trainer could take (or is damaged or hostile): refused
// before any size is computed from them.
inline constexpr int64_t kMaxLayers = 1024;
inline constexpr int64_t kMaxDim = 1 << 16;
inline constexpr int64_t kMaxFfn = 1 << 18;
inline constexpr int64_t kMaxHeads = 1024;
inline constexpr int64_t kMaxContext = 1 << 24;
inline constexpr int64_t kMaxVocab = 1 << 24;

// What is wrong with `heads` query heads sharing `kv_heads` key/value heads of `head_dim`; "" when
// nothing is.
std::string head_problem(int64_t heads, int64_t kv_heads, int64_t head_dim);

struct NeededTensor {
    std::string gguf;         // "blk.0.attn_q.weight"
    std::string hf;           // "model.layers.0.self_attn.q_proj.weight"
    std::vector<int64_t> ne;  // ggml order (row length first); PyTorch's shape is the reverse
};
// Every tensor `b`'s architecture needs from its hyperparameters, qkv_bias, qk_norm and
// tied_embeddings: the embedding, per block the norms, attention and MLP projections (and biases or
// q/k norms), the output norm, and the output head unless tied.
std::vector<NeededTensor> needed_tensors(const BaseInfo &b);

std::string shape_text(const std::vector<int64_t> &dims);  // "[64, 128]"
std::string lower(std::string s);

}  // namespace smolify::base::detail
