// A pretrained base model as a Hugging Face folder: config.json, the weights in model.safetensors or
// in shards listed by model.safetensors.index.json, and the tokenizer (tokenizer.json for byte-level
// BPE, tokenizer.model for SentencePiece; tokenizer_config.json's chat_template). Read into the same
// BaseInfo as a GGUF base (gguf_base.h) and checked the same way: config.json's model_type must be
// llama, qwen2 or qwen3 (any other is refused with the supported list), its hyperparameters within
// range, and every tensor the architecture needs present in the weights with the shape they imply
// (PyTorch's order: [out, in]). The safetensors files are mapped, not read: only their headers are
// touched, and each is checked by the safetensors reader's rules (export/safetensors.h).
//
// Who calls it: `smolify-cli base-info DIR`, tests; the fine-tuning trainer will (issue 14).
// Thread-safety: a free function, no shared state.
#pragma once

#include <filesystem>

#include "base/gguf_base.h"
#include "util/result.h"

namespace smolify::base {

Result<BaseInfo> inspect_hf_folder(const std::filesystem::path &dir);

// A GGUF file or a Hugging Face folder, by what `path` is.
Result<BaseInfo> inspect_base(const std::filesystem::path &path);

}  // namespace smolify::base
