// Example folders and their data stages; see example.h.
#include "synth/example.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "util/fs.h"
#include "util/process.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxSpecBytes = 8 << 20;
constexpr std::size_t kMaxIntentBytes = 64 << 10;
constexpr std::size_t kMaxManifestBytes = 64 << 10;
constexpr const char *kManifest = "example.json";

Result<std::string> read_text(const fs::path &file, std::size_t max_bytes) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return user_error("cannot read " + file.string() + ": there is no such file");
    auto text = read_file(file, max_bytes);
    if (!text) return user_error(file.string() + ": " + text.error().message);
    return text;
}

// A plain file name (no folder part): what "train" and "held_out" must be.
bool plain_file_name(const std::string &s) {
    return !s.empty() && s != "." && s != ".." && s.find('/') == std::string::npos &&
           s.find('\0') == std::string::npos;
}

// example.json into ex (source, prepare, file names). No manifest: a recorded example.
Status read_manifest(Example &ex) {
    const fs::path file = ex.dir / kManifest;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        ex.source = ExampleSource::recorded;
        return {};
    }
    auto text = read_text(file, kMaxManifestBytes);
    if (!text) return text.error();
    const std::string where = file.string() + ": ";
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded()) return user_error(where + "not valid JSON");
    if (!j.is_object()) return user_error(where + "expected a JSON object {\"source\", ...}");
    for (const auto &el : j.items())
        if (el.key() != "source" && el.key() != "prepare" && el.key() != "train" && el.key() != "held_out")
            return user_error(where + "unknown field \"" + el.key() +
                              "\" (known: source, prepare, train, held_out)");
    const std::string source =
        j.contains("source") && j["source"].is_string() ? j["source"].get<std::string>() : std::string();
    if (source == "recorded") {
        ex.source = ExampleSource::recorded;
        return {};
    }
    if (source != "import") return user_error(where + "\"source\" must be \"import\" or \"recorded\"");
    ex.source = ExampleSource::import;
    auto prep = j.find("prepare");
    if (prep == j.end() || !prep->is_array() || prep->empty())
        return user_error(where + "\"prepare\" must be a non-empty list of strings (the command's argv)");
    for (const auto &a : *prep) {
        if (!a.is_string()) return user_error(where + "\"prepare\" must be a non-empty list of strings");
        ex.prepare.push_back(a.get<std::string>());
    }
    if (ex.prepare.front().empty()) return user_error(where + "\"prepare\" names no program");
    for (const char *key : {"train", "held_out"}) {
        auto it = j.find(key);
        if (it == j.end()) continue;
        if (!it->is_string() || !plain_file_name(it->get<std::string>()))
            return user_error(where + "\"" + key + "\" must be a file name inside {out}, such as \"" + key +
                              ".jsonl\"");
        (std::string(key) == "train" ? ex.train_file : ex.held_out_file) = it->get<std::string>();
    }
    if (ex.train_file == ex.held_out_file)
        return user_error(where + "\"train\" and \"held_out\" must name different files");
    return {};
}

// intent.txt, spec.json and the manifest: what a listing needs too.
Status read_head(Example &ex) {
    auto intent = read_text(ex.dir / "intent.txt", kMaxIntentBytes);
    if (!intent) return intent.error();
    ex.intent = std::string(trim(*intent));
    if (ex.intent.empty())
        return user_error((ex.dir / "intent.txt").string() + " is empty: write the task in a sentence");
    auto spec_text = read_text(ex.dir / "spec.json", kMaxSpecBytes);
    if (!spec_text) return spec_text.error();
    auto spec = spec_parse(*spec_text);
    if (!spec) return user_error((ex.dir / "spec.json").string() + ": " + spec.error().message);
    ex.spec = std::move(*spec);
    return read_manifest(ex);
}

std::string replace_all(std::string s, const std::string &from, const std::string &to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

}  // namespace

std::string_view to_string(ExampleSource source) {
    return source == ExampleSource::import ? "import" : "recorded";
}

bool is_example_folder(const fs::path &dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "intent.txt", ec) && fs::is_regular_file(dir / "spec.json", ec) &&
           (fs::is_regular_file(dir / kManifest, ec) ||
            fs::is_regular_file(dir / "teacher_session.jsonl", ec));
}

Result<PairsFile> check_pairs_file(const fs::path &file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return user_error("cannot read " + file.string() + ": there is no such file");
    PairsFile out;
    Status st = for_each_line(file, [&](int64_t number, const std::string &line) -> Status {
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded()) return user_error(where + "not valid JSON");
        if (!j.is_object()) return user_error(where + "expected a JSON object {\"input\", \"output\"}");
        for (const char *key : {"input", "output"}) {
            auto it = j.find(key);
            if (it == j.end() || !it->is_string() || trim(it->get<std::string>()).empty())
                return user_error(where + "\"" + key + "\" must be non-empty text");
        }
        if (out.first_input.empty()) out.first_input = j["input"].get<std::string>();
        ++out.records;
        return {};
    });
    if (!st) return st.error();
    if (out.records == 0) return user_error(file.string() + " holds no {\"input\", \"output\"} pair");
    return out;
}

Result<Example> read_example(const fs::path &dir) {
    Example ex;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return user_error(dir.string() +
                          " is not a folder; give an example folder such as examples/soap-notes");
    ex.dir = fs::canonical(dir, ec);
    if (ec) return user_error("cannot open " + dir.string() + ": " + ec.message());
    ex.name = ex.dir.filename().string();
    if (Status st = read_head(ex); !st) return st.error();
    if (ex.source == ExampleSource::import) return ex;  // its pairs are made by prepare
    auto calls = read_recorded_session(ex.dir / "teacher_session.jsonl");
    if (!calls) return calls.error();
    ex.calls = std::move(*calls);
    auto decisions = read_recorded_review(ex.dir / "review.jsonl");
    if (!decisions) return decisions.error();
    ex.decisions = std::move(*decisions);
    ex.held_out = ex.dir / "held_out.jsonl";
    auto held = check_pairs_file(ex.held_out);
    if (!held) return held.error();
    ex.held_out_records = held->records;
    ex.first_held_out_input = held->first_input;
    return ex;
}

std::vector<ExampleEntry> list_examples(const fs::path &root) {
    std::vector<ExampleEntry> out;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return out;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec) || !is_example_folder(it->path())) continue;
        Example ex;
        ex.dir = it->path();
        ex.name = it->path().filename().string();
        ExampleEntry e;
        e.dir = ex.dir;
        e.name = ex.name;
        if (Status st = read_head(ex); !st) e.problem = st.error().message;
        e.intent = ex.intent;
        e.kind = ex.intent.empty() ? std::string() : std::string(to_string(ex.spec.kind));
        e.source = ex.source;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(),
              [](const ExampleEntry &a, const ExampleEntry &b) { return a.name < b.name; });
    return out;
}

std::vector<std::string> example_stages(const Example &example) {
    if (example.source == ExampleSource::import) return {"spec", "prepare", "import", "held_out"};
    return {"spec", "replay", "review", "held_out"};
}

Result<int64_t> example_apply_spec(store::Project &project, const Example &example) {
    return project.save_spec(spec_to_store(example.spec, "user"));
}

Result<ReplayReport> example_replay(store::Project &project, const Example &example, ReplayParams params) {
    if (example.source != ExampleSource::recorded)
        return user_error(example.name + " is an import example: it has no recorded teacher session");
    if (params.name.empty()) params.name = "teacher_session.jsonl";
    return replay_session(project, example.calls, params);
}

Result<ApplyReviewReport> example_apply_review(store::Project &project, const Example &example,
                                               int64_t run_id, ApplyReviewParams params) {
    if (example.source != ExampleSource::recorded)
        return user_error(example.name + " is an import example: it has no recorded review");
    if (params.name == "review") params.name = (example.dir / "review.jsonl").string();
    return apply_review(project, run_id, example.decisions, params);
}

std::vector<std::string> example_prepare_argv(const Example &example, const fs::path &out_dir) {
    std::error_code ec;
    const std::string out = fs::absolute(out_dir, ec).lexically_normal().string();
    std::vector<std::string> argv;
    for (const auto &a : example.prepare)
        argv.push_back(replace_all(replace_all(a, "{out}", out), "{example}", example.dir.string()));
    return argv;
}

Result<PrepareReport> example_prepare(const Example &example, const PrepareParams &params) {
    if (example.source != ExampleSource::import)
        return user_error(example.name + " has no prepare command: its samples are recorded");
    if (params.out_dir.empty()) return internal_error("example_prepare: no output folder");
    std::error_code ec;
    fs::create_directories(params.out_dir, ec);
    if (ec) return user_error("cannot create the folder " + params.out_dir.string() + ": " + ec.message());
    PrepareReport r;
    r.out_dir = fs::absolute(params.out_dir, ec).lexically_normal();
    r.train = r.out_dir / example.train_file;
    r.held_out = r.out_dir / example.held_out_file;
    for (const fs::path &f : {r.train, r.held_out}) {
        fs::remove(f, ec);
        if (ec) return user_error("cannot remove the earlier " + f.string() + ": " + ec.message());
    }
    r.argv = example_prepare_argv(example, r.out_dir);

    ProcessParams pp;
    pp.argv = r.argv;
    pp.cwd = example.dir;
    pp.on_line = params.on_line;
    pp.cancel = params.cancel;
    pp.timeout_s = params.timeout_s;
    auto ran = run_program(pp);
    const std::string command = "the prepare command of " + (example.dir / kManifest).string() + " (" +
                                command_line_text(r.argv) + ")";
    if (!ran) return user_error(command + ": " + ran.error().message);
    r.seconds = ran->seconds;
    if (ran->cancelled) return job::cancelled();
    std::string tail(trim(ran->tail));
    const std::string said = tail.empty() ? std::string(" and printed nothing") : ":\n" + tail;
    if (ran->timed_out) return user_error(command + " did not finish in time and was stopped" + said);
    if (ran->signal != 0)
        return user_error(command + " was ended by signal " + std::to_string(ran->signal) + said);
    if (ran->exit_code != 0)
        return user_error(command + " failed with exit status " + std::to_string(ran->exit_code) + said);
    for (const fs::path &f : {r.train, r.held_out})
        if (!fs::is_regular_file(f, ec))
            return user_error(command + " finished but wrote no " + f.string() + said);
    auto train = check_pairs_file(r.train);
    if (!train) return train.error();
    auto held = check_pairs_file(r.held_out);
    if (!held) return held.error();
    r.train_records = train->records;
    r.held_out_records = held->records;
    r.first_held_out_input = held->first_input;
    return r;
}

Result<io::ImportReport> example_import_pairs(store::Project &project, const fs::path &file,
                                              const ImportPairsParams &params) {
    io::ImportParams p;
    p.format = io::ImportFormat::jsonl;
    p.status = params.status;
    p.split = params.split;
    p.hooks = params.hooks;
    auto r = io::import_samples(project, file, p);
    if (!r) return r.error();
    if (!r->issues.empty())
        return user_error(file.string() + ":" + std::to_string(r->issues.front().line) + ": " +
                          r->issues.front().message);
    return r;
}

Result<ExampleStagesReport> run_example_stages(store::Project &project, const Example &example,
                                               const ExampleStagesParams &params) {
    std::vector<std::string> stages = example_stages(example);
    const std::size_t count = params.step == ExampleStep::fresh ? 1
                              : params.step == ExampleStep::generated
                                  ? (example.source == ExampleSource::import ? 3 : 2)
                                  : stages.size();
    stages.resize(count);
    ExampleStagesReport report;
    report.stages = stages;
    // Reports progress; false when the job is to stop (the callback or the cancel flag).
    auto tell = [&](int index, double fraction, std::string text) {
        ExampleStagesProgress pr;
        pr.stage = stages[static_cast<std::size_t>(index)];
        pr.unit = "stages";
        pr.done = index;
        pr.total = static_cast<int64_t>(stages.size());
        pr.stage_fraction = fraction;
        pr.text = std::move(text);
        return params.hooks.report(pr);
    };
    const std::atomic<bool> *cancel = params.hooks.cancel;
    auto stopped = [&] { return params.hooks.cancelled(); };
    const auto stop = [] { return job::cancelled("what was stored stays; opening the example again goes on"); };
    int64_t replay_run = 0;
    fs::path held_out = example.held_out;
    fs::path train_pairs;
    for (int i = 0; i < static_cast<int>(stages.size()); ++i) {
        if (stopped()) return stop();
        const std::string &stage = stages[static_cast<std::size_t>(i)];
        if (!tell(i, 0, stage)) return stop();
        if (stage == "spec") {
            auto v = example_apply_spec(project, example);
            if (!v) return v.error();
            report.spec_version = *v;
        } else if (stage == "replay") {
            ReplayParams p;
            p.hooks.cancel = cancel;
            p.hooks.on_progress = [&](const ReplayProgress &pr) {
                return tell(i, pr.fraction(),
                            "call " + std::to_string(pr.calls_done) + "/" + std::to_string(pr.calls_total));
            };
            auto r = example_replay(project, example, p);
            if (!r) return r.error();
            if (!r->completed) return stop();
            replay_run = r->totals.run_id;
            report.generated = r->totals.accepted;
        } else if (stage == "review") {
            ApplyReviewParams p;
            p.hooks.cancel = cancel;
            p.hooks.on_progress = [&](const ReviewProgress &pr) {
                return tell(i, pr.fraction(), std::to_string(pr.done) + "/" + std::to_string(pr.total));
            };
            auto r = example_apply_review(project, example, replay_run, p);
            if (!r) return r.error();
            if (stopped()) return stop();
            report.approved = r->approved + r->edited;
            report.edited = r->edited;
            report.rejected = r->rejected;
        } else if (stage == "prepare") {
            PrepareParams p;
            p.out_dir = params.data_dir;
            p.cancel = cancel;
            p.on_line = [&](const std::string &line) { (void)tell(i, -1, line); };
            auto r = example_prepare(example, p);
            if (!r) return r.error();
            train_pairs = r->train;
            held_out = r->held_out;
        } else if (stage == "import" || stage == "held_out") {
            ImportPairsParams p;
            p.split = stage == "import" ? store::Split::train : store::Split::test;
            p.hooks.cancel = cancel;
            p.hooks.on_progress = [&](const io::ImportProgress &pr) {
                return tell(i, pr.fraction(), std::to_string(pr.records) + " pairs");
            };
            auto r = example_import_pairs(project, stage == "import" ? train_pairs : held_out, p);
            if (!r) return r.error();
            (stage == "import" ? report.imported : report.held_out) = r->totals.imported;
            if (stage == "import") report.approved = r->totals.imported;
        }
        (void)tell(i, 1, stage);  // a cancel now is seen before the next stage
    }
    return report;
}

}  // namespace smolify::synth
