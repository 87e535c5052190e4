// Writing the project's samples to JSONL, OpenAI chat JSONL or CSV; see export_data.h for the contract.
//
// Rows stream from Project::for_each_sample (by id) into one reused line buffer and through AtomicFile,
// so memory does not grow with the project and a failed or cancelled export leaves the previous file.
// The formats are exactly what io/import.cpp reads back, so an export re-imports to the same samples.
// Who calls it: smolify-cli export-data, the GUI. Thread-safety: the calling thread only.
#include "io/export_data.h"

#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::io {

namespace {

using ordered_json = nlohmann::ordered_json;  // keeps "role" before "content", as people write them

constexpr int64_t kProgressEvery = 1000;  // rows between progress callbacks

// Text in the store is valid UTF-8 (the store checks it); strict dumping turns a violation into an
// error instead of silently changing the text.
std::string dump(const ordered_json &j) {
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::strict);
}

void append_row(std::string &out, DataFormat format, const store::Sample &s,
                const std::optional<std::string> &system) {
    switch (format) {
        case DataFormat::jsonl: {
            ordered_json j;
            j["input"] = s.input;
            j["output"] = s.output;
            out += dump(j);
            out += '\n';
            break;
        }
        case DataFormat::openai_jsonl: {
            ordered_json messages = ordered_json::array();
            if (system) messages.push_back({{"role", "system"}, {"content", *system}});
            messages.push_back({{"role", "user"}, {"content", s.input}});
            messages.push_back({{"role", "assistant"}, {"content", s.output}});
            ordered_json j;
            j["messages"] = std::move(messages);
            out += dump(j);
            out += '\n';
            break;
        }
        case DataFormat::csv:
            csv_append_field(out, s.input);
            out += ',';
            csv_append_field(out, s.output);
            out += "\r\n";
            break;
    }
}

}  // namespace

std::optional<DataFormat> parse_data_format(std::string_view s) {
    if (s == "jsonl") return DataFormat::jsonl;
    if (s == "openai-jsonl") return DataFormat::openai_jsonl;
    if (s == "csv") return DataFormat::csv;
    return std::nullopt;
}

Result<ExportDataReport> export_data(store::Project &project, const std::filesystem::path &out,
                                     const ExportDataParams &params) {
    std::error_code ec;
    if (std::filesystem::is_directory(out, ec))
        return user_error(out.string() + " is a folder: give the path of the file to write");

    // Replacing the project file (or its WAL) with an export would destroy the project.
    const auto target = std::filesystem::weakly_canonical(out, ec);
    for (const char *suffix : {"", "-wal", "-shm"}) {
        std::error_code ec2;
        auto guarded = std::filesystem::weakly_canonical(project.path().string() + suffix, ec2);
        if (!ec && !ec2 && target == guarded)
            return user_error(out.string() +
                              " is the project's own file: choose another name for the export");
    }

    std::optional<std::string> system;
    if (params.format == DataFormat::openai_jsonl && params.system_message) {
        auto spec = project.current_spec();
        if (!spec) return spec.error();
        if (*spec && !trim((*spec)->instruction).empty()) system = (*spec)->instruction;
    }

    AtomicFile file;
    if (Status st = file.open(out); !st) return st.error();
    if (params.format == DataFormat::csv) {
        if (Status st = file.write("input,output\r\n"); !st) return st.error();
    }

    store::SampleQuery query;
    query.filter = params.filter;
    query.sort = store::SampleSort::id;

    int64_t written = 0;
    bool cancelled = false;
    Status write_status;
    std::string line;
    auto progress = [&] {
        job::Progress p;
        p.stage = "writing";
        p.unit = "samples";
        p.done = written;
        return p;
    };
    Status each = project.for_each_sample(query, [&](const store::Sample &s) {
        if (params.hooks.cancelled()) {
            cancelled = true;
            return false;
        }
        line.clear();
        try {
            append_row(line, params.format, s, system);
        } catch (const std::exception &e) {
            write_status =
                internal_error("sample " + std::to_string(s.id) + " cannot be written: " + e.what());
            return false;
        }
        write_status = file.write(line);
        if (!write_status) return false;
        ++written;
        if (written % kProgressEvery == 0 && !params.hooks.report(progress())) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (!each) return each.error();
    if (!write_status) return write_status.error();
    if (cancelled || !params.hooks.report(progress()))
        return job::cancelled(out.string() + " was not changed");
    if (Status st = file.commit(); !st) return st.error();
    return ExportDataReport{written, out};
}

}  // namespace smolify::io
