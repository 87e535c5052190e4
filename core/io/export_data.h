// Writing the project's samples out for other tools: JSONL ({"input","output"}), OpenAI
// fine-tuning JSONL ({"messages":[system?,user,assistant]}) and CSV (input,output columns, RFC 4180).
//
// The output file is written atomically (temporary file, fsync, rename): an interrupted export
// leaves the previous file untouched. Streams rows from the store; memory stays bounded.
// Who calls it: smolify-cli export-data, the GUI. Thread-safety: one Project, the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::io {

enum class DataFormat { jsonl, openai_jsonl, csv };

std::optional<DataFormat> parse_data_format(std::string_view s);  // "jsonl", "openai-jsonl", "csv"

struct ExportDataParams {
    DataFormat format = DataFormat::jsonl;
    store::SampleFilter filter = [] {
        store::SampleFilter f;
        f.status = store::SampleStatus::approved;  // by default only what the expert approved
        return f;
    }();
    // openai-jsonl: add the task spec's instruction as a system message when there is one.
    bool system_message = true;
    // stage "writing", done = samples written, total 0, unit "samples"; a cancel leaves the earlier file.
    job::Hooks<job::Progress> hooks;
};

struct ExportDataReport {
    int64_t written = 0;
    std::filesystem::path path;
};

Result<ExportDataReport> export_data(store::Project &project, const std::filesystem::path &out,
                                     const ExportDataParams &params = {});

}  // namespace smolify::io
