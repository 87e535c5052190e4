// The inside of infer::Model, shared by model.cpp (forward pass) and load.cpp (building the weight
// views from a GGUF, a checkpoint or a parameter block). Internal to core/infer.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "export/gguf.h"
#include "export/gguf_reader.h"
#include "infer/infer.h"
#include "infer/kernels.h"

namespace smolify::infer {

gguf::GgmlType ggml_type_of(WeightType t);

// A weight matrix (rows x cols, row-major = ggml's ne {cols, rows}) in the bytes of its type.
struct Matrix {
    WeightType type = WeightType::f32;
    const uint8_t *data = nullptr;
    int rows = 0;
    int cols = 0;
    std::size_t row_bytes = 0;
};

struct Layer {
    const float *attn_norm = nullptr;
    Matrix q, k, v, o;
    const float *ffn_norm = nullptr;
    Matrix gate, up, down;
};

struct Model::Impl {
    model::Config cfg;
    int context = 0;
    int threads = 1;
    int pos = 0;
    uint64_t weight_bytes = 0;

    // What keeps the weights alive: the GGUF mapping, or F32 copies (checkpoint, from_weights), plus
    // the norms as floats whatever their type in the file.
    std::shared_ptr<const gguf::File> file;
    std::vector<float> owned;
    std::vector<float> norms;

    Matrix embd, output;  // output == embd when tied
    std::vector<Layer> layers;
    const float *out_norm = nullptr;

    std::vector<float> k_cache, v_cache;    // (layers, context, KV)
    std::vector<float> rope_cos, rope_sin;  // (context, D/2)

    // Scratch, grown to the largest eval() so far (a decode step allocates nothing).
    std::vector<float> buf_x, buf_xn, buf_q, buf_att, buf_gate, buf_up, buf_scores, logits;
    std::vector<uint16_t> buf_f16;         // activation rows rounded to fp16 (F16 weights)
    std::vector<kernels::BlockQ8> buf_q8;  // activation rows quantized to Q8_0 (Q8_0, Q4_0 weights)
    std::size_t logits_rows = 0;

    Status finish_load(int context_request, int thread_request);
    void embed(float *out, int32_t token) const;
};

}  // namespace smolify::infer
