// Quantization loss before export: for the project's newest training run (the one export writes),
// what each GGUF type would cost, in exact file size and in held-out loss, without writing a model
// the user keeps.
//
// Each type is exported exactly as `smolify-cli export` exports it (the same tensors, metadata and
// embedded tokenizer) to a temporary file next to the project, whose size is the size export would
// write; the file is then loaded by the inference engine (the weights quantized exactly as in the
// file, activations as llama.cpp quantizes them) and scored teacher-forced on the held-out samples:
// the run's validation slice (from its checkpoint) or the project's approved test split, encoded in
// the training format (text/chat_format.h) and cut to the run's context as training cuts them, with
// the loss on the output tokens and the closing <|im_end|> only, as training counts it. The F32 row's
// loss is therefore the trainer's validation loss of the checkpoint (to float rounding).
//
// Who calls it: `smolify-cli export PROJECT --compare`, the GUI's export page.
// Thread-safety: uses the Project from the calling thread only; the cancel flag may be set from any.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "export/gguf_student.h"
#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::infer {

enum class HeldOutSplit { validation, test };

// job::Progress: stage = the type being scored ("q8_0"), done / total = its held-out samples scored,
// unit "samples".
struct QuantCompareProgress : job::Progress {
    int type_index = 0;  // 0-based, into QuantCompareParams::types
    int types = 0;
};

struct QuantCompareParams {
    std::vector<gguf::ExportType> types = {gguf::ExportType::f32, gguf::ExportType::f16,
                                           gguf::ExportType::q8_0, gguf::ExportType::q4_0};
    HeldOutSplit split = HeldOutSplit::validation;
    int threads = 0;                 // 0: all cores
    std::filesystem::path temp_dir;  // for the temporary GGUFs; empty: the project's artifacts folder
    job::Hooks<QuantCompareProgress> hooks;  // after each sample; a cancel leaves no file behind
};

struct QuantCompareRow {
    gguf::ExportType type = gguf::ExportType::f32;
    int64_t file_bytes = 0;  // what export writes for this type
    double loss = 0;         // mean cross-entropy per counted target token, in nats
    double perplexity = 0;   // exp(loss)
    double delta_loss = 0;   // loss - the F32 row's (0 when F32 is not compared)
};

struct QuantCompareReport {
    int64_t run_id = 0;
    std::string split;                  // "validation" or "test"
    int64_t samples = 0;                // scored (samples whose prompt alone fills the context are left out)
    int64_t target_tokens = 0;          // counted in the loss
    std::vector<QuantCompareRow> rows;  // in the order of QuantCompareParams::types
};

// User errors: no trained run or checkpoint (as export), no held-out sample to score (a run
// trained without validation, an empty test split). Cancelled: the flag or the callback.
Result<QuantCompareReport> compare_export_types(store::Project &project, const QuantCompareParams &p = {});

}  // namespace smolify::infer
