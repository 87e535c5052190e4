// The student: a decoder-only transformer of llama.cpp's `llama` architecture, with explicit forward
// and backward passes (llm.c style) over one allocation each for parameters, gradients and
// activations. Matrix products go through OpenBLAS sgemm over all batch x time rows at once.
//
// Who uses it: core/train (the trainer owns the optimizer and the data), core/export (reads
// parameters by tensor), bench (smolify-cli bench train), tests/model (gradient checks, PyTorch
// comparison).
//
// Layout contract (export relies on it): every weight matrix is stored row-major as [out][in]
// (PyTorch's nn.Linear layout), which is ggml's ne = {in, out}; tensors are named as in GGUF
// (token_embd.weight, blk.N.attn_norm.weight, blk.N.attn_q.weight, blk.N.attn_k.weight,
// blk.N.attn_v.weight, blk.N.attn_output.weight, blk.N.ffn_norm.weight, blk.N.ffn_gate.weight,
// blk.N.ffn_up.weight, blk.N.ffn_down.weight, output_norm.weight, and output.weight when untied).
// RoPE rotates adjacent pairs (x[2i], x[2i+1]), as llama.cpp does for `llama`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.h"

namespace smolify::model {

struct Config {
    int vocab = 4096;
    int dim = 256;  // model width, a multiple of 32
    int layers = 4;
    int heads = 8;
    int kv_heads = 8;   // divides heads (grouped-query attention when smaller)
    int ffn = 704;      // SwiGLU hidden width, a multiple of 32
    int max_seq = 256;  // context length the model is trained for
    float rope_theta = 10000.0f;
    float norm_eps = 1e-5f;
    bool tied = true;  // output head shares the embedding

    int head_dim() const { return dim / heads; }
    int kv_dim() const { return kv_heads * head_dim(); }
    // A user error naming the first bad field (zero, not a multiple of 32, heads not dividing, ...).
    Status validate() const;
    int64_t parameter_count() const;
    // Training FLOPs per token, engine-notes.md convention: 6 x (weights used in matrix products, the
    // output head included, the embedding lookup excluded) + 6 x layers x seq x dim. head_share: the
    // fraction of positions that meet the output head (Model::set_sparse_head); 1 for a dense head.
    double train_flops_per_token(int seq, double head_share = 1.0) const;

    nlohmann::json to_json() const;
    static Result<Config> from_json(const nlohmann::json &j);  // validates
};

// "micro" (~0.7M parameters), "tiny" (~2M), "small" (~6M), "base" (~20M) at vocabulary 4096, smallest first.
Result<Config> preset(std::string_view name, int vocab);
std::vector<std::string> preset_names();

struct TensorInfo {
    std::string name;            // GGUF name
    std::size_t offset = 0;      // in floats, into params() and grads()
    std::vector<int64_t> shape;  // row-major, outermost first: {out, in} for matrices, {n} for norms
    std::size_t size = 0;        // element count
    bool is_norm = false;        // RMSNorm weight: no weight decay, kept F32 on export
};

class Model {
public:
    // Allocates parameters, gradients and activations for batches of up to max_batch x max_seq
    // tokens, once. max_seq <= config.max_seq.
    static Result<std::unique_ptr<Model>> create(const Config &config, int max_batch, int max_seq);
    ~Model();

    const Config &config() const;
    int max_batch() const;
    int max_seq() const;

    std::span<float> params();
    std::span<const float> params() const;
    std::span<float> grads();
    const std::vector<TensorInfo> &tensors() const;
    const TensorInfo *tensor(std::string_view name) const;

    // Deterministic initialisation from a seed (normal(0, 0.02); output projections scaled by
    // 1/sqrt(2 x layers); norms 1).
    void init_weights(uint64_t seed);

    // tokens and targets: B x T row-major. A target < 0 is not counted in the loss. Returns the mean
    // cross-entropy over counted targets (0 when none) and keeps what backward() needs.
    // targets may be nullptr: logits only. B <= max_batch, T <= max_seq.
    float forward(const int32_t *tokens, const int32_t *targets, int B, int T);
    // The same with a weight per position (B x T; <= 0: not counted): the loss is the weighted mean
    // (ops::crossentropy_forward_weighted) and backward() follows it. weights nullptr: as above.
    float forward(const int32_t *tokens, const int32_t *targets, const float *weights, int B, int T);
    // Per-position cross-entropy of the last forward() with targets (B x T; 0 where not counted), so a
    // caller can report the loss of a subset of positions (the output's) beside the weighted one.
    std::span<const float> row_losses() const;
    // Logits of the last forward(): B x T x vocab, or with a sparse head and targets, one row per
    // entry of head_rows().
    std::span<const float> logits() const;
    // Sparse head (off by default): forward() with targets computes the output head only at the
    // positions that count in the loss (target >= 0 and, weighted, weight > 0), so a label's one or two
    // positions cost the head's multiply-adds instead of every position's. The loss, row_losses() and
    // the gradients are those of the dense head (the rows left out have zero gradient there); logits()
    // then holds only those rows, in the order of head_rows().
    void set_sparse_head(bool on);
    // The positions (b x T + t) whose logits the last forward() computed, ascending; empty when it
    // computed every position's.
    std::span<const int32_t> head_rows() const;
    // Residual dropout for the forward() calls that follow (training only; 0 turns it off): each
    // element of every attention and feed-forward branch's output is zeroed with probability `rate`
    // and the rest scaled by 1 / (1 - rate) before it joins the residual stream, and backward()
    // follows the same mask. The mask is a hash of `seed`, the layer, the branch and the element, so
    // a step is reproduced exactly from its seed (nothing is stored).
    void set_dropout(float rate, uint64_t seed);
    void zero_grad();
    // Adds d(loss)/d(params) of the last forward() (with targets) to grads().
    void backward();

    // Worker threads for the loops outside BLAS (and BLAS itself); 0 = all cores.
    void set_threads(int threads);
    int threads() const;

    // Optional time per kind of work (matmul, attention, norm, ...) over the forward/backward calls
    // since the last reset, for the benchmark's profile. Off by default; costs two clock reads per layer
    // op when on.
    void set_profiling(bool on);
    void reset_profile();
    std::vector<std::pair<std::string, double>> profile() const;  // {name, seconds}

private:
    Model();
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace smolify::model
