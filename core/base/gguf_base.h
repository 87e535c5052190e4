// A pretrained base model in a GGUF file, as the fine-tuning student will start from it (issue 14):
// what it is, checked before anything is loaded. Reads llama.cpp's metadata for the architectures most
// small open models use, `llama` (SmolLM2, TinyLlama, Llama 3.x), `qwen2` (biases on q, k and v) and
// `qwen3` (RMS norms on q and k), and checks that every tensor the architecture needs is there with the
// shape its hyperparameters imply: the token embedding, per block the attention and MLP projections and
// norms, the output norm, and the output head unless the embedding is tied. Grouped key/value heads,
// the RoPE base and Llama 3's frequency scaling (rope_freqs.weight, or the rope.scaling.* keys) are
// read as the file states them.
//
// Everything in the file is untrusted: a file of another architecture is refused with its name and the
// list of supported ones; a missing key, a key of the wrong type, a hyperparameter out of range, a
// missing tensor or one of the wrong shape is a user error that names it. Nothing here allocates more
// than the metadata.
//
// Who calls it: `smolify-cli base-info`, tests; the fine-tuning trainer will (issue 14).
// Thread-safety: pure functions over an immutable gguf::File.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/gguf_reader.h"
#include "util/result.h"

namespace smolify::base {

// The architectures a base may have, in llama.cpp's names.
const std::vector<std::string> &supported_architectures();

struct BaseInfo {
    std::string architecture;  // "llama", "qwen2", "qwen3"
    std::string name;          // general.name; empty when the file has none
    int64_t layers = 0;
    int64_t dim = 0;       // embedding_length
    int64_t ffn = 0;       // feed_forward_length
    int64_t heads = 0;     // attention.head_count
    int64_t kv_heads = 0;  // attention.head_count_kv (= heads without grouped heads)
    int64_t head_dim = 0;  // attention.key_length, else dim / heads
    int64_t context = 0;   // context_length
    int64_t vocab = 0;     // rows of token_embd.weight
    double rope_theta = 10000;
    double rms_eps = 1e-5;
    std::string rope_scaling;      // "", "llama3" (rope_freqs.weight or rope.scaling.type), "linear", "yarn"
    bool tied_embeddings = false;  // no output.weight: the head is the token embedding
    bool qkv_bias = false;         // qwen2
    bool qk_norm = false;          // qwen3
    std::string tokenizer;         // tokenizer.ggml.model: "llama" (SentencePiece), "gpt2" (byte-level BPE)
    std::string pre_tokenizer;     // tokenizer.ggml.pre; empty when absent
    bool has_chat_template = false;
    int64_t parameters = 0;          // elements over every tensor
    std::string weight_type;         // the type of the block weights ("q8_0", "f16", ...)
    std::vector<std::string> types;  // every tensor type the file uses

    nlohmann::json to_json() const;
};

// Reads and checks the base in `file`. User errors as described above.
Result<BaseInfo> inspect_gguf(const gguf::File &file);
// Opens `path` (gguf::File::open) and inspects it.
Result<BaseInfo> inspect_gguf(const std::filesystem::path &path);

}  // namespace smolify::base
