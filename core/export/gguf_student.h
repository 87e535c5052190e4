// The Smolify student as a GGUF file that llama.cpp (Ollama, LM Studio, llama-cli) runs as
// architecture `llama`: hyper-parameters under llama.*, the SentencePiece vocabulary under
// tokenizer.ggml.*, a ChatML chat template, general.* metadata, and what Smolify needs to run the file
// on its own (the task's system instruction and prompt format) under smolify.*. docs/export.md lists
// every key and its type.
//
// Who calls it: the export command and the GUI's export page (export_student_gguf), the inference
// engine and the tests (read_student_header). The vocabulary struct is independent of core/text so
// that the exporter needs no tokenizer; the caller fills it from its SentencePiece model.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "export/gguf_reader.h"
#include "model/model.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::gguf {

// Token types, numbered as SentencePiece's piece types and llama.cpp's tokenizer.ggml.token_type.
enum class TokenType : int32_t {
    normal = 1,
    unknown = 2,
    control = 3,
    user_defined = 4,
    unused = 5,
    byte = 6
};

struct Vocabulary {
    std::vector<std::string> pieces;  // UTF-8, "▁" (U+2581) for a space, "<0x0A>" for byte pieces
    std::vector<float> scores;        // merge priority: higher merges first
    std::vector<TokenType> types;
    int32_t bos_id = -1;  // -1: the vocabulary has none
    int32_t eos_id = -1;
    int32_t unk_id = -1;
    int32_t pad_id = -1;
    bool add_bos = false;  // the prompt starts with BOS when tokenized
    bool add_eos = false;
    bool add_space_prefix = true;  // SentencePiece's add_dummy_prefix: a "▁" before the text

    // A user error naming the first defect: sizes differ, empty or duplicate or non-UTF-8 pieces,
    // unknown types, non-finite scores, special ids out of range.
    Status validate() const;
};

// ChatML, as the student is trained: <|im_start|>role\ncontent<|im_end|>\n per message, and
// "<|im_start|>assistant\n" when a generation prompt is asked for.
std::string chatml_template();

struct StudentMetadata {
    std::string name;  // general.name
    std::string description;
    std::string license;
    std::string chat_template = chatml_template();
    std::string system_instruction;  // smolify.system_instruction: the task's instruction
    std::string prompt_format;       // smolify.prompt_format: how a sample becomes the prompt
    // smolify.tokenizer.sentencepiece (u8 array), written when not empty: the serialized SentencePiece
    // model, so Smolify tokenizes a file alone exactly as in training (llama.cpp ignores the key).
    std::string sentencepiece_model;
    // smolify.task.kind and smolify.task.labels, written for a classification task: the label set,
    // so Smolify decodes answers of the file alone as labels (complete, serve); llama.cpp ignores them.
    std::string task_kind;
    std::vector<std::string> labels;
};

enum class ExportType { f32, f16, q8_0, q4_0 };
std::string_view export_type_name(ExportType t);  // "f32", "f16", "q8_0", "q4_0"
Result<ExportType> parse_export_type(std::string_view name);
uint32_t export_file_type(ExportType t);  // general.file_type: 0 F32, 1 F16, 7 Q8_0, 2 Q4_0

struct StudentExportParams {
    ExportType type = ExportType::q8_0;
    StudentMetadata metadata;
    // stage "writing", done / total = bytes, unit "bytes", after each tensor (util/job.h).
    job::Hooks<job::Progress> hooks;
};

// Writes the student atomically. `params` and `tensors` as model::Model gives them (params(),
// tensors(): GGUF names, offsets in floats, shapes {out, in}). Weight matrices get `type`; norms stay
// F32; a matrix whose rows are not a multiple of 32 falls back to F16 (never with the dimensions
// Config allows, which are multiples of 32). Errors: a config, tensor list or vocabulary that does
// not match (user), NaN or infinite weights (user, naming the tensor), I/O, cancelled.
Status export_student_gguf(const std::filesystem::path &path, const model::Config &config,
                           std::span<const float> params, std::span<const model::TensorInfo> tensors,
                           const Vocabulary &vocab, const StudentExportParams &p);

// smolify.task.labels of a file (empty when it has none): an array of at most 200 strings of 1..200
// bytes, else a user error naming the key. read_student_header and infer::open_gguf both read it here.
Result<std::vector<std::string>> read_task_labels(const File &f);

// What a student GGUF says about itself, every key's type checked as llama.cpp checks it.
struct StudentHeader {
    model::Config config;  // tied = no output.weight
    Vocabulary vocab;
    StudentMetadata metadata;
    uint32_t file_type = 0;
};
// Reads and checks the keys and the tensor shapes of a `llama` GGUF (a student or another small
// SentencePiece llama). A user error names the first missing key, wrong type or mismatched tensor.
Result<StudentHeader> read_student_header(const File &file);

}  // namespace smolify::gguf
