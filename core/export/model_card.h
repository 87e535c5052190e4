// The model card (README.md) written beside an exported model and into a Hugging Face folder: YAML
// front matter (license, tags, pipeline_tag) and the model's lineage in plain Markdown: the intent,
// the task spec, the teacher (host and model only, never a key), the sample counts, the training
// run, the file, metrics and quantization tables the caller gives, the license, and how to run the
// file with llama.cpp, Ollama and LM Studio.
//
// Files Smolify writes beside an export carry a marker line (kSmolifyMarker) so a later export can
// tell its own files, which it may replace, from the user's, which it refuses to overwrite.
//
// Who calls it: the export command and the GUI's export page (collect_model_card, then
// render_model_card), core/export/hf_export.
// Thread-safety: free functions; collect_model_card uses the Project as Project allows (one thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "store/project.h"
#include "util/result.h"

namespace smolify::card {

// The marker: a line containing it identifies a file Smolify wrote.
inline constexpr std::string_view kSmolifyMarker = "smolify:generated";
// True when the first 4 KiB of `path` contain kSmolifyMarker (false when unreadable).
bool written_by_smolify(const std::filesystem::path &path);

struct CardRun {
    int64_t run_id = 0;
    std::string preset;  // "tiny", "small", "base" or "custom"
    model::Config config;
    int64_t parameters = 0;
    int64_t steps = 0;
    int64_t tokens_seen = 0;  // token positions trained on: steps x batch x sequence length
    std::optional<double> train_loss, val_loss;  // the last logged values
    double elapsed_s = 0;
    uint64_t seed = 0;
};

struct CardFile {
    std::string name;          // file name, e.g. "tickets-q8_0.gguf" or "model.safetensors"
    std::string quantization;  // "q8_0", "float32", ...
    int64_t bytes = 0;
    std::string sha256;
};

struct QuantRow {
    std::string type;  // "q8_0"
    int64_t bytes = 0;
    std::optional<double> heldout_loss, perplexity;
};

struct ModelCard {
    std::string name;
    std::string intent;
    std::string spec_kind;  // empty without a task spec
    std::string spec_instruction;
    std::string system_prompt;
    // A classification task's labels: Smolify decodes the model's answers as one of them (the file
    // carries them under smolify.task.labels); the card says so and gives llama.cpp a grammar.
    std::vector<std::string> labels;
    std::string teacher_host;  // host (and port) of the teacher's base URL, never the URL's secrets
    std::string teacher_model;
    store::SampleCounts counts;
    CardRun run;
    CardFile file;
    std::string gguf_name;  // the GGUF the run instructions use; empty: none exported beside it
    std::vector<std::pair<std::string, std::string>> metrics;  // (name, value), given by the caller
    std::vector<QuantRow> quantizations;                       // given by the caller; may be empty
    std::string license = "other";
    bool license_chosen = false;  // false: the card says no license was chosen
};

// A name Ollama accepts for `name`: lower-case ASCII letters, digits, '.', '_' and '-' (runs of
// anything else become one '-'); "smolify-student" when nothing is left.
std::string ollama_name(std::string_view name);

// The host[:port] of a URL: no scheme, user info, path, query or fragment ("" for an empty URL).
std::string url_host(std::string_view url);

// Fills everything but file, gguf_name, metrics and quantizations from the project, its current task
// spec and training run `run_id` (the run's config and its logged metrics). The license is `license`
// when not empty, else the project's "license" setting, else "other" with license_chosen false.
// Errors: the run does not exist (user), store errors.
Result<ModelCard> collect_model_card(store::Project &project, int64_t run_id, std::string_view license);

// The README.md text. Pure.
std::string render_model_card(const ModelCard &card);

// README.md and the Ollama Modelfile go beside an exported GGUF. check_companion_files refuses (a user
// error naming the file) when either exists and was not written by Smolify, unless force; call it
// before the export so nothing is written when it fails. write_companion_files writes both atomically
// (the Modelfile from card.gguf_name, card.system_prompt and the run's context length).
Status check_companion_files(const std::filesystem::path &gguf_path, bool force);
Status write_companion_files(const std::filesystem::path &gguf_path, const ModelCard &card, bool force);

}  // namespace smolify::card
