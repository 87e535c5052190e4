// The student as a Hugging Face folder that transformers loads as LlamaForCausalLM:
// config.json, model.safetensors (float32, Hugging Face tensor names), tokenizer.model (the
// SentencePiece model itself), tokenizer_config.json (LlamaTokenizer, the ChatML chat template),
// special_tokens_map.json, generation_config.json (greedy; stops at </s> and <|im_end|>) and the
// model card README.md.
//
// RoPE: Smolify (like llama.cpp) rotates adjacent pairs (x[2i], x[2i+1]) of each head; transformers
// rotates halves (x[i], x[i + d/2]). The rows of q_proj and k_proj are permuted per head (K per KV
// head) so that Hugging Face row h*d + j*d/2 + i is Smolify row h*d + 2i + j (j = 0, 1): attention
// scores are unchanged because Q and K get the same permutation; V and O are not touched.
//
// Writing: every file is first written into a temporary sibling folder (`.DIR.smolify-tmp-PID-XXXXXX`,
// fs.h), which then replaces the folder whole: renamed to its name when there is none, else swapped
// with it in one atomic exchange (renameat2 RENAME_EXCHANGE) after the user's other files in it, such
// as .git, are hard-linked into the new one (they are kept), and the old one is removed. A kill
// leaves the old folder or the new one, never a mix; what a killed export left beside the folder is
// removed by the next one. Where the exchange is not possible (a file system without it, the folder
// a symbolic link, a file that cannot be hard-linked) the files are renamed in one by one, each
// atomically, README last, as before. A non-empty folder is refused unless its README.md carries
// Smolify's marker (a previous export) or `force` is set. On any error or cancel the temporary
// folder is removed.
//
// Who calls it: the export command (--hf) and the GUI's export page; tests/export.
// Thread-safety: free functions; export_project_hf uses the Project from one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/model_card.h"
#include "model/model.h"
#include "store/project.h"
#include "text/tokenizer.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::hf {

// Rows of a [heads * head_dim][cols] matrix from Smolify's adjacent-pair layout to rotate-half, and
// back. head_dim must be even and w.size() == heads * head_dim * cols.
std::vector<float> adjacent_to_rotate_half(std::span<const float> w, int heads, int head_dim, int cols);
std::vector<float> rotate_half_to_adjacent(std::span<const float> w, int heads, int head_dim, int cols);

// "blk.3.attn_q.weight" -> "model.layers.3.self_attn.q_proj.weight"; "" for a name with no
// Hugging Face counterpart.
std::string hf_tensor_name(std::string_view gguf_name);

// config.json for `config` (token ids from tokenizer.h's fixed ids).
nlohmann::json config_json(const model::Config &config);

struct HfStudent {
    model::Config config;
    std::span<const float> params;                // model.h's layout
    std::span<const model::TensorInfo> tensors;   // model.h's tensors() for config
    const text::Tokenizer *tokenizer = nullptr;   // its vocabulary size must equal config.vocab
};

struct HfExportParams {
    bool force = false;  // write into a non-empty folder Smolify did not write
    // README.md; `file` is filled in here (model.safetensors, float32, size, sha256).
    card::ModelCard card;
    // Bytes of model.safetensors as they are written (util/job.h); a cancel leaves no folder behind.
    job::Hooks<job::Progress> hooks;
};

struct HfOutcome {
    std::filesystem::path dir;  // absolute
    int64_t safetensors_bytes = 0;
    std::string safetensors_sha256;
};

// Refuses (a user error) a path that is a file, or a non-empty folder whose README.md lacks Smolify's
// marker unless force. write_hf_folder checks this itself; callers check first to write nothing else.
Status check_hf_target(const std::filesystem::path &dir, bool force);

// Writes the folder. Errors: a non-empty foreign folder without force, a path that is a file, a
// config/tensor/tokenizer mismatch (internal), I/O, cancelled.
Result<HfOutcome> write_hf_folder(const std::filesystem::path &dir, const HfStudent &student,
                                  const HfExportParams &p);

// The project's newest run (infer::load_project_student: its checkpoint, tokenizer) as a folder.
Result<HfOutcome> export_project_hf(store::Project &project, const std::filesystem::path &dir,
                                    const HfExportParams &p);

}  // namespace smolify::hf
