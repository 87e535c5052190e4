// Importing samples from files the user brings: JSONL ({"input","output"} or OpenAI chat
// {"messages":[...]}) and CSV with input/output columns.
//
// Streams the file: memory stays bounded whatever its size (a line or record longer than
// max_record_bytes is reported and skipped, never buffered whole). Good records are kept and
// malformed ones are reported with their line numbers. Samples are written in batches, each batch
// in one transaction; content hashes make a re-run of the same import add nothing twice.
// Who calls it: smolify-cli import, the GUI's Data page (on a worker thread).
// Thread-safety: uses the given Project only from the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::io {

enum class ImportFormat { auto_detect, jsonl, csv };

std::optional<ImportFormat> parse_import_format(std::string_view s);  // "auto", "jsonl", "csv"

// job::Progress: stage "importing", done / total = bytes of the file read, unit "bytes".
struct ImportProgress : job::Progress {
    int64_t records = 0;      // records seen (JSONL lines that are not blank, CSV data rows)
    int64_t imported = 0;     // new samples stored
    int64_t duplicates = 0;   // already in the project (or repeated in the file)
    int64_t malformed = 0;    // reported and skipped
};

struct ImportIssue {
    int64_t line = 0;         // 1-based line number where the record starts
    std::string message;      // what is wrong, e.g. "missing \"output\""
};

struct ImportParams {
    ImportFormat format = ImportFormat::auto_detect;  // auto: by extension (.jsonl/.ndjson/.json, .csv)
    store::SampleStatus status = store::SampleStatus::pending;  // --approve gives approved
    store::Split split = store::Split::train;
    std::size_t batch_size = 2000;
    std::size_t max_record_bytes = 4 * 1024 * 1024;
    std::size_t max_issues = 100;                     // issues kept in the report; the rest are counted
    // After each batch. A cancel (util/job.h) keeps what was stored by then and returns
    // job::cancelled saying how many samples that is.
    job::Hooks<ImportProgress> hooks;
};

struct ImportReport {
    ImportProgress totals;
    std::vector<ImportIssue> issues;   // first max_issues problems, in file order
    int64_t issues_not_listed = 0;
};

// Fails (user error) only when the file cannot be read at all or its format cannot be told;
// malformed records are reported in ImportReport, not as a failure.
Result<ImportReport> import_samples(store::Project &project, const std::filesystem::path &file,
                                    const ImportParams &params = {});

}  // namespace smolify::io
