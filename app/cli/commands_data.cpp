// smolify-cli import, samples, review and export-data.
#include <cstdio>

#include "common.h"
#include "io/export_data.h"
#include "io/import.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

nlohmann::json sample_json(const store::Sample &s) {
    nlohmann::json j = {{"id", s.id},
                        {"input", s.input},
                        {"output", s.output},
                        {"status", store::to_string(s.status)},
                        {"split", store::to_string(s.split)},
                        {"source", store::to_string(s.source)},
                        {"created_at", format_iso8601(s.created_at)},
                        {"revisions", s.revision_count}};
    if (!s.reject_reason.empty()) j["reject_reason"] = s.reject_reason;
    if (!s.topic.empty()) j["topic"] = s.topic;
    if (s.reviewed_at) j["reviewed_at"] = format_iso8601(*s.reviewed_at);
    if (!s.provenance.empty()) {
        auto p = nlohmann::json::parse(s.provenance, nullptr, false);
        if (!p.is_discarded()) j["provenance"] = p;
    }
    return j;
}

// One line of at most `width` characters (UTF-8 code points, not bytes), padded to that width, so
// the columns of `samples` line up whatever the script of the text.
std::string one_line(const std::string &s, std::size_t width, bool pad = true) {
    std::string flat;
    std::vector<std::size_t> starts;  // byte offset of each character, up to width + 1 of them
    for (std::size_t i = 0; i < s.size() && starts.size() <= width; ++i) {
        char c = s[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) starts.push_back(flat.size());
        flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    if (starts.size() > width) {
        flat.resize(starts[width - 1]);
        return flat + "\xE2\x80\xA6";
    }
    return pad ? flat.append(width - starts.size(), ' ') : flat;
}

// --status / --split options shared by samples and export-data. "all" clears the status filter.
std::optional<std::string> read_filter(const Args &args, store::SampleFilter &filter) {
    if (auto s = args.value("--status")) {
        if (*s == "all") {
            filter.status.reset();
        } else if (auto st = store::parse_status(*s)) {
            filter.status = st;
        } else {
            return "--status takes pending, approved, rejected or all (not '" + *s + "')";
        }
    }
    if (auto s = args.value("--split")) {
        if (*s == "all") {
            filter.split.reset();
        } else if (auto sp = store::parse_split(*s)) {
            filter.split = sp;
        } else {
            return "--split takes train, test or all (not '" + *s + "')";
        }
    }
    if (auto s = args.value("--search")) filter.text = *s;
    return std::nullopt;
}

int run_import(const Args &args) {
    io::ImportParams params;
    params.status = args.has("--approve") ? store::SampleStatus::approved : store::SampleStatus::pending;
    if (auto s = args.value("--split")) {
        auto sp = store::parse_split(*s);
        if (!sp) return usage_error("--split takes train or test (not '" + *s + "')");
        params.split = *sp;
    }
    if (auto f = args.value("--format")) {
        auto fmt = io::parse_import_format(*f);
        if (!fmt) return usage_error("--format takes auto, jsonl or csv (not '" + *f + "')");
        params.format = *fmt;
    }
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    ProgressLine progress(!args.has("--json"));
    params.hooks.on_progress = [&](const io::ImportProgress &p) {
        progress.update(p.fraction(), std::to_string(p.imported) + " imported, " + std::to_string(p.duplicates) +
                                      " duplicates, " + std::to_string(p.malformed) + " malformed");
        return true;
    };
    const std::string file = args.positional(1);
    auto report_or = io::import_samples(**project, file, params);
    progress.finish();
    if (!report_or) return report(report_or.error());
    const io::ImportReport &r = *report_or;
    const bool nothing = r.totals.imported == 0 && r.totals.duplicates == 0 && r.totals.malformed > 0;
    if (args.has("--json")) {
        nlohmann::json issues = nlohmann::json::array();
        for (const auto &i : r.issues) issues.push_back({{"line", i.line}, {"message", i.message}});
        print_json({{"file", file},
                    {"records", r.totals.records},
                    {"imported", r.totals.imported},
                    {"duplicates", r.totals.duplicates},
                    {"malformed", r.totals.malformed},
                    {"issues", issues},
                    {"issues_not_listed", r.issues_not_listed},
                    {"status", store::to_string(params.status)},
                    {"split", store::to_string(params.split)}});
    } else {
        for (const auto &i : r.issues)
            std::fprintf(stderr, "%s:%lld: %s\n", file.c_str(), static_cast<long long>(i.line), i.message.c_str());
        if (r.issues_not_listed > 0)
            std::fprintf(stderr, "... and %lld more malformed records\n", static_cast<long long>(r.issues_not_listed));
        std::printf("Imported %lld samples as %s/%s from %s (%lld duplicates skipped, %lld malformed)\n",
                    static_cast<long long>(r.totals.imported), std::string(store::to_string(params.status)).c_str(),
                    std::string(store::to_string(params.split)).c_str(), file.c_str(),
                    static_cast<long long>(r.totals.duplicates), static_cast<long long>(r.totals.malformed));
    }
    if (nothing) {
        std::fprintf(stderr, "smolify-cli: error: no record in %s could be imported; see the messages above\n",
                     file.c_str());
        return kExitUser;
    }
    return kExitOk;
}

int run_samples(const Args &args) {
    store::SampleQuery q;
    if (auto err = read_filter(args, q.filter)) return usage_error(*err);
    if (auto l = args.value("--limit")) {
        auto n = parse_int(*l);
        if (!n || *n < 0) return usage_error("--limit takes a number of samples (0 or more)");
        q.limit = *n;
    }
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    const bool json = args.has("--json");
    int64_t n = 0;
    if (json) std::fputs("{\"samples\":[", stdout);
    else std::printf("%7s  %-8s  %-5s  %-40s  %s\n", "ID", "STATUS", "SPLIT", "INPUT", "OUTPUT");
    Status st = (*project)->for_each_sample(q, [&](const store::Sample &s) {
        if (json) {
            std::string line = (n ? "," : "") + sample_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            std::fwrite(line.data(), 1, line.size(), stdout);
        } else {
            std::printf("%7lld  %-8s  %-5s  %s  %s\n", static_cast<long long>(s.id),
                        std::string(store::to_string(s.status)).c_str(), std::string(store::to_string(s.split)).c_str(),
                        one_line(s.input, 40).c_str(), one_line(s.output, 60, false).c_str());
        }
        ++n;
        return true;
    });
    if (json) std::printf("],\"count\":%lld}\n", static_cast<long long>(n));
    if (!st) return report(st.error());
    if (!json) {
        auto matching = (*project)->count_samples(q.filter);
        if (matching && *matching > n)
            std::printf("%lld of %lld samples (raise --limit to see more)\n", static_cast<long long>(n),
                        static_cast<long long>(*matching));
        else
            std::printf("%lld sample%s\n", static_cast<long long>(n), n == 1 ? "" : "s");
    }
    return kExitOk;
}

int run_review(const Args &args) {
    int given = args.has("--approve") + args.has("--reject") + args.has("--reset");
    if (given != 1) return usage_error("give exactly one of --approve IDS, --reject IDS --reason TEXT, --reset IDS");
    store::SampleStatus status = args.has("--approve")  ? store::SampleStatus::approved
                                 : args.has("--reject") ? store::SampleStatus::rejected
                                                        : store::SampleStatus::pending;
    const char *option = args.has("--approve") ? "--approve" : args.has("--reject") ? "--reject" : "--reset";
    auto ids = parse_id_list(args.values(option));
    if (!ids) return usage_error(std::string(option) + " takes sample ids such as 12, 3,5,9 or 10-14");
    std::string reason = args.value("--reason").value_or("");
    if (status == store::SampleStatus::rejected && trim(reason).empty())
        return usage_error("--reject needs --reason TEXT: say what is wrong, it steers the next round");
    if (status != store::SampleStatus::rejected && !reason.empty())
        return usage_error("--reason goes with --reject only");
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    auto prior = (*project)->review(*ids, status, reason);
    if (!prior) return report(prior.error());
    auto counts = (*project)->counts();
    if (!counts) return report(counts.error());
    if (args.has("--json")) {
        print_json({{"status", store::to_string(status)},
                    {"ids", *ids},
                    {"changed", prior->size()},
                    {"counts", {{"pending", counts->pending}, {"approved", counts->approved}, {"rejected", counts->rejected}}}});
    } else {
        std::printf("Marked %zu samples %s. Now %lld pending, %lld approved, %lld rejected.\n", prior->size(),
                    std::string(store::to_string(status)).c_str(), static_cast<long long>(counts->pending),
                    static_cast<long long>(counts->approved), static_cast<long long>(counts->rejected));
    }
    return kExitOk;
}

int run_export_data(const Args &args) {
    auto format_name = args.value("--format");
    if (!format_name) return usage_error("say which format with --format jsonl|openai-jsonl|csv");
    auto format = io::parse_data_format(*format_name);
    if (!format) return usage_error("--format takes jsonl, openai-jsonl or csv (not '" + *format_name + "')");
    auto out = args.value("--out");
    if (!out) return usage_error("say where to write with --out FILE");
    io::ExportDataParams params;
    params.format = *format;
    if (auto err = read_filter(args, params.filter)) return usage_error(*err);
    if (args.has("--no-system")) params.system_message = false;
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    auto r = io::export_data(**project, *out, params);
    if (!r) return report(r.error());
    if (args.has("--json")) {
        print_json({{"out", r->path.string()}, {"format", *format_name}, {"written", r->written}});
    } else {
        std::printf("Wrote %lld samples to %s (%s)\n", static_cast<long long>(r->written), r->path.string().c_str(),
                    format_name->c_str());
    }
    return kExitOk;
}

}  // namespace

std::vector<Command> data_commands() {
    return {
        {{"import",
          "Import samples from JSONL or CSV",
          "PROJECT FILE [--approve] [--split train|test] [--format auto|jsonl|csv] [--json]",
          {"PROJECT", "FILE"},
          {{"--approve", "", "Mark imported samples approved (default: pending review)"},
           {"--split", "SPLIT", "train (default) or test: test samples are held out for evaluation"},
           {"--format", "FORMAT", "auto (by extension, default), jsonl or csv"},
           {"--json", "", "Print one JSON object with the counts and the problems found"}},
          "FILE is .jsonl with one {\"input\": ..., \"output\": ...} or OpenAI chat {\"messages\": [...]}\n"
          "object per line, or .csv with input and output columns. Malformed records are reported\n"
          "with their line numbers and skipped; the good ones are kept. Importing the same file twice\n"
          "adds nothing: samples are de-duplicated by content."},
         run_import},
        {{"samples",
          "List samples",
          "PROJECT [--status pending|approved|rejected|all] [--split train|test|all] [--json]",
          {"PROJECT"},
          {{"--status", "STATUS", "Only samples with this status"},
           {"--split", "SPLIT", "Only samples in this split"},
           {"--search", "TEXT", "Only samples whose text contains TEXT (case-insensitive)"},
           {"--limit", "N", "At most N samples"},
           {"--json", "", "Print one JSON object {\"samples\": [...], \"count\": N}"}},
          ""},
         run_samples},
        {{"review",
          "Approve, reject or reset samples",
          "PROJECT --approve ID... | --reject ID... --reason TEXT | --reset ID...",
          {"PROJECT"},
          {{"--approve", "ID", "Approve these samples", true},
           {"--reject", "ID", "Reject these samples (needs --reason)", true},
           {"--reason", "TEXT", "Why they are rejected; it steers the next generation round"},
           {"--reset", "ID", "Put these samples back to pending", true},
           {"--json", "", "Print one JSON object"}},
          "IDs may be listed (3 5 9), comma-separated (3,5,9) or ranges (10-14). All or nothing:\n"
          "an unknown id changes no sample."},
         run_review},
        {{"export-data",
          "Write samples for other tools",
          "PROJECT --format jsonl|openai-jsonl|csv --out FILE [--status S] [--split S]",
          {"PROJECT"},
          {{"--format", "FORMAT", "jsonl ({\"input\",\"output\"}), openai-jsonl (chat messages) or csv"},
           {"--out", "FILE", "Where to write (replaced atomically)"},
           {"--status", "STATUS", "Which samples: approved (default), pending, rejected or all"},
           {"--split", "SPLIT", "train, test or all (default)"},
           {"--search", "TEXT", "Only samples whose text contains TEXT"},
           {"--no-system", "", "openai-jsonl: leave out the system message with the task instruction"},
           {"--json", "", "Print one JSON object"}},
          ""},
         run_export_data},
    };
}

}  // namespace smolify::cli
