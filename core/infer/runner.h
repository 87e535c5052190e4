// A student ready to answer: the inference model, its SentencePiece tokenizer and the system
// instruction it was trained with, from a project (its newest training run's best checkpoint, else its
// latest) or from an exported GGUF file alone. complete() formats the input exactly as training did
// (text::encode_chat), generates, and decodes.
//
// From a GGUF, the tokenizer is the serialized SentencePiece model Smolify embeds under
// smolify.tokenizer.sentencepiece, and the system instruction comes from smolify.system_instruction,
// so `complete FILE.gguf` gives the ids `complete PROJECT` gives.
//
// Also here: the project -> GGUF export the export command and the GUI's export page run (it needs
// the same "newest run, its checkpoint, its tokenizer and system prompt" lookup), recording a row
// in the project's exports table.
//
// Who calls it: the complete, export and bench infer commands, the GUI, tests/infer.
// Thread-safety: a Runner is used by one thread at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "export/gguf_student.h"
#include "infer/generate.h"
#include "infer/infer.h"
#include "store/project.h"
#include "text/tokenizer.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::infer {

inline constexpr const char *kSentencePieceKey = "smolify.tokenizer.sentencepiece";
inline constexpr const char *kPromptFormat = "smolify-chatml-v1";

// The newest training run of a project, as export and inference use it.
struct ProjectStudent {
    int64_t run_id = 0;
    std::filesystem::path checkpoint;  // absolute
    model::Config config;
    std::vector<float> params;  // model.h's layout
    std::unique_ptr<text::Tokenizer> tokenizer;
    std::string system_prompt;
};
// User errors: no run yet, no checkpoint, a damaged checkpoint or tokenizer.
Result<ProjectStudent> load_project_student(store::Project &project);

// The vocabulary of a tokenizer as GGUF's tokenizer.ggml.* keys carry it: no dummy-prefix space (as
// tokenizer.h trains), no BOS added by llama.cpp (the prompt format puts <s> in itself).
gguf::Vocabulary vocabulary_of(const text::Tokenizer &tokenizer);

struct ExportOutcome {
    std::filesystem::path path;
    std::string sha256;
    int64_t bytes = 0;
    int64_t export_id = 0;  // row in the exports table
    int64_t run_id = 0;
};
// The label set of a project whose task is classification (its spec's, or the inferred one's; see
// eval/kind.h); empty for other kinds or when the project cannot tell.
std::vector<std::string> classification_labels(store::Project &project);

// The metadata every GGUF of the project's student carries (name, description, chat template, system
// instruction, prompt format, tokenizer, and the label set of a classification task): the export, the
// quantization comparison and evaluation's temporary files write the same keys.
gguf::StudentMetadata student_metadata(store::Project &project, const ProjectStudent &student);

// The newest run's model (its best checkpoint, else its latest) -> `path` as `type`, with the tokenizer
// embedded; records the file in the exports table. Hooks as gguf::StudentExportParams.
Result<ExportOutcome> export_project_gguf(store::Project &project, const std::filesystem::path &path,
                                          gguf::ExportType type, const job::Hooks<job::Progress> &hooks = {});

struct Runner {
    std::unique_ptr<Model> model;
    std::unique_ptr<text::Tokenizer> tokenizer;
    std::string system_prompt;
    std::string source;  // the file or project it came from, for messages
    // A classification task's label set (the project's task, or the GGUF's smolify.task.labels):
    // answers are then decoded as labels by default (infer::Constraint::labels). Empty otherwise.
    std::vector<std::string> labels;
    // Opened from a GGUF: its mapping, so more Models can share the weights (Model::from_gguf_file).
    std::shared_ptr<const gguf::File> file;
};
Result<Runner> open_gguf(const std::filesystem::path &path, const LoadParams &p = {});
Result<Runner> open_project(store::Project &project, const LoadParams &p = {});

struct Completion {
    std::vector<int32_t> prompt_tokens;
    Generation generation;
    std::string text;
};
// The prompt of `input` as training formats it; stop tokens <|im_end|> and EOS are added to
// p.stop_tokens.
Result<std::vector<int32_t>> prompt_tokens(const Runner &runner, std::string_view input);
Result<Completion> complete(Runner &runner, std::string_view input, GenerateParams p);

}  // namespace smolify::infer
