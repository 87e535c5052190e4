// What one export writes and what the user does with it, shared by `smolify-cli export`, `run` and
// the GUI's Export page (docs/export.md):
// - export_model: the project's newest run as a GGUF of one type, the model card (README.md, with the
//   newest evaluation of the run) and the Ollama Modelfile beside it, and optionally a Hugging Face
//   folder. Refuses, before writing anything, to replace a README.md, Modelfile or folder Smolify did
//   not write unless `force`; makes the GGUF's folder when missing; records the file in the project's
//   exports table.
// - run_commands: the exact command lines that run the file in llama.cpp, Ollama and LM Studio.
// - list_exports: the project's earlier exports, newest first, each saying whether its file is still
//   there as it was written.
//
// Who calls it: app/cli (export, run), ui/export. Thread-safety: as Project (one thread at a time).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/gguf_student.h"
#include "export/model_card.h"
#include "infer/runner.h"
#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::bundle {

struct ExportParams {
    gguf::ExportType type = gguf::ExportType::q8_0;
    std::string license;  // SPDX id; empty: the project's "license" setting, else "other"
    bool force = false;   // replace a README.md, Modelfile or Hugging Face folder Smolify did not write
    std::optional<std::filesystem::path> hf_dir;  // also write a Hugging Face folder there
    // Bytes of the GGUF as they are written (util/job.h); a cancel keeps the earlier files.
    job::Hooks<job::Progress> hooks;
};

struct ExportResult {
    infer::ExportOutcome outcome;  // the GGUF: absolute path, bytes, sha256, run, exports row
    card::ModelCard model_card;
    std::filesystem::path readme;                 // README.md beside the GGUF
    std::filesystem::path modelfile;              // Modelfile beside it
    std::optional<std::filesystem::path> hf_dir;  // absolute, when one was written
};

// Errors: no trained run (user), foreign companion files without force (user, nothing written), I/O
// (disk_full kept), cancelled.
Result<ExportResult> export_model(store::Project &project, const std::filesystem::path &gguf_path,
                                  const ExportParams &params);

// `s` quoted for a POSIX shell when it needs it: as it is when it holds only [A-Za-z0-9_./:=+-],
// else in single quotes (a single quote inside becomes '\'').
std::string shell_quote(std::string_view s);

struct RunCommands {
    std::string llama_cpp;      // llama-cli -m FILE -cnv --temp 0.2
    std::string ollama_create;  // cd DIR && ollama create NAME -f Modelfile
    std::string ollama_run;     // ollama run NAME
    std::string lm_studio;      // lms import FILE
};
// For a GGUF written by export_model (its Modelfile beside it); `model_name` is made a name Ollama
// accepts (card::ollama_name). Pure.
RunCommands run_commands(const std::filesystem::path &gguf_path, std::string_view model_name);

struct ExportEntry {
    int64_t id = 0;
    std::optional<int64_t> run_id;
    std::filesystem::path path;
    std::string format;        // "gguf"
    std::string quantization;  // "q8_0", ...
    std::string sha256;
    int64_t bytes = 0;
    int64_t created_at = 0;  // unix seconds
    // "present" (a file of the recorded size is there), "missing", or "changed" (another size).
    std::string state;
};
Result<std::vector<ExportEntry>> list_exports(store::Project &project);

}  // namespace smolify::bundle
