// The files `export PROJECT --quant Q --out FILE` writes, shared by the export and run commands
// (defined in commands_infer.cpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "export/gguf_student.h"
#include "export/model_card.h"
#include "infer/runner.h"
#include "store/project.h"
#include "util/result.h"

namespace smolify::cli {

// What `export PROJECT --quant Q --out FILE` writes, shared with `run`: the newest run's GGUF, then
// the model card (README.md, with the newest evaluation of the run) and the Ollama Modelfile beside
// it. Refuses, before writing anything, to replace a README.md or Modelfile Smolify did not write
// unless `force`; makes the GGUF's folder when missing. (commands_infer.cpp)
struct GgufExport {
    infer::ExportOutcome outcome;
    card::ModelCard model_card;
    std::filesystem::path readme;
    std::filesystem::path modelfile;
};
Result<GgufExport> export_gguf_with_card(store::Project &project, const std::filesystem::path &gguf_path,
                                         gguf::ExportType type, const std::string &license, bool force,
                                         std::function<bool(uint64_t, uint64_t)> progress,
                                         const std::atomic<bool> *cancel);

}  // namespace smolify::cli
