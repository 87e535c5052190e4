// smolify-cli run EXAMPLE_DIR: the whole path from an intent to a laptop model in one command, on an
// example folder that needs no teacher, key or network. Wiring and printing only: the example is read
// and its data stages run by core/synth/example.h (the spec saved; a recorded example's teacher
// session replayed and its review applied, or an import example's prepare command run and its pairs
// imported as approved samples; the held-out pairs imported as approved test samples), then the
// student is trained (train/trainer.h), evaluated (eval/evaluate.h), exported as a Q8_0 GGUF with its
// model card and Modelfile (as `export` does), and asked one held-out input (infer/runner.h).
//
// Each stage that finishes is recorded in the project (setting "run.stage.NAME", its summary as
// JSON), so the same command after Ctrl+C, a crash or a kill skips the finished stages and continues
// the one that was cut: the replay skips the calls already stored, the review the samples already
// reviewed, an import the pairs already stored, a prepare command runs again from the start, and
// training resumes its run from the last checkpoint. See docs/cli.md#run and docs/run.md.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "common.h"
#include "eval/evaluate.h"
#include "eval/report.h"
#include "export/bundle.h"
#include "infer/constrain.h"
#include "infer/runner.h"
#include "io/import.h"
#include "synth/contract.h"
#include "synth/example.h"
#include "synth/replay.h"
#include "synth/spec.h"
#include "train/runs.h"
#include "train/trainer.h"
#include "util/process.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::atomic<bool> g_stop{false};
extern "C" void on_sigint_run(int) {
    g_stop.store(true);
}

constexpr const char *kStageKey = "run.stage.";     // + stage name: its summary, once finished
constexpr const char *kExampleKey = "run.example";  // the example folder the project was made from

std::string seconds_text(double s) {
    if (s < 0) return "?";
    char buf[32];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%.1f s", s);
    else
        std::snprintf(buf, sizeof buf, "%ldm%02lds", static_cast<long>(s) / 60, static_cast<long>(s) % 60);
    return buf;
}

std::string fixed(double v, int digits = 3) {
    if (v < 0 || !std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string percent(double v) {
    return v < 0 ? "-" : fixed(100 * v, 1) + "%";
}

// null for the "not measured" marker (< 0).
json number_or_null(double v) {
    return v < 0 || !std::isfinite(v) ? json() : json(v);
}

struct Context {
    bool as_json = false;
    std::FILE *log = stdout;  // stage lines: stdout for people, stderr under --json
    synth::Example ex;
    fs::path out_dir;
    fs::path data_dir;  // import examples: where the prepare command writes ("{out}")
    fs::path project_path;
    store::Project *project = nullptr;
    std::string preset = "auto";
    double max_minutes = 10;
    int64_t eval_limit = 0;
    json done;  // stage name -> summary
};

// j[key] when j is an object holding it, else an empty object (never throws, never inserts).
const json &part(const json &j, const char *key) {
    static const json empty = json::object();
    if (!j.is_object()) return empty;
    auto it = j.find(key);
    return it == j.end() ? empty : *it;
}

// j[key] when it is there, else null.
json field(const json &j, const char *key) {
    if (!j.is_object()) return json();
    auto it = j.find(key);
    return it == j.end() ? json() : *it;
}

Result<json> setting_json(store::Project &project, const std::string &key) {
    auto v = project.setting(key);
    if (!v) return v.error();
    if (!*v) return json();
    json j = json::parse(**v, nullptr, false);
    return j.is_discarded() ? json() : j;
}

// --- the stages -------------------------------------------------------------------------------------

Result<json> stage_spec(Context &c) {
    auto version = synth::example_apply_spec(*c.project, c.ex);
    if (!version) return version.error();
    return json{{"version", *version},
                {"kind", std::string(synth::to_string(c.ex.spec.kind))},
                {"seeds", c.ex.spec.seeds.size()},
                {"axes", c.ex.spec.axes.size()}};
}

std::string line_spec(const json &s) {
    return "task spec version " + std::to_string(s.value("version", 0)) + " (" + s.value("kind", "") + ", " +
           std::to_string(s.value("axes", 0)) + " axes, " + std::to_string(s.value("seeds", 0)) + " seeds)";
}

Result<json> stage_replay(Context &c) {
    ProgressLine line(true);
    synth::ReplayParams p;
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress = [&](const synth::ReplayProgress &pr) {
        line.update(pr.fraction(),
                    "replay: call " + std::to_string(pr.calls_done) + "/" + std::to_string(pr.calls_total) +
                        ", " + std::to_string(pr.accepted) + " stored, " + std::to_string(pr.rejected) +
                        " rejected, " + std::to_string(pr.duplicates) + " duplicates, " +
                        seconds_text(pr.seconds_left) + " left");
        return true;
    };
    auto r = synth::example_replay(*c.project, c.ex, p);
    line.finish();
    if (!r) return r.error();
    if (!r->completed) return cancelled_error();
    const auto &t = r->totals;
    return json{{"run_id", t.run_id},
                {"calls", t.calls_total},
                {"generated", t.accepted},
                {"rejected", t.rejected},
                {"duplicates", t.duplicates},
                {"skipped_calls", t.calls_skipped},
                {"from_journal", t.from_journal},
                {"spec_version", r->spec_version}};
}

std::string line_replay(const json &s) {
    std::string t = std::to_string(s.value("calls", 0)) +
                    " recorded teacher calls: " + std::to_string(s.value("generated", 0)) +
                    " samples stored for review, " + std::to_string(s.value("rejected", 0)) +
                    " rejected (contract, malformed), " + std::to_string(s.value("duplicates", 0)) +
                    " duplicates";
    if (s.value("skipped_calls", 0) > 0)
        t += "; " + std::to_string(s.value("skipped_calls", 0)) + " calls were stored by an earlier run";
    return t;
}

Result<json> stage_review(Context &c) {
    const int64_t run_id = part(c.done, "replay").value("run_id", int64_t{0});
    ProgressLine line(true);
    synth::ApplyReviewParams p;
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress = [&](const synth::ReviewProgress &pr) {
        line.update(pr.fraction(),
                    "review: " + std::to_string(pr.done) + "/" + std::to_string(pr.total));
        return true;
    };
    auto r = synth::example_apply_review(*c.project, c.ex, run_id, p);
    line.finish();
    if (!r) return r.error();
    for (const auto &n : r->notes)
        std::fprintf(stderr, "smolify-cli: note: %s\n", n.c_str());
    return json{{"decisions", c.ex.decisions.size()},
                {"approved", r->approved},
                {"edited", r->edited},
                {"rejected", r->rejected},
                {"unmatched", r->unmatched},
                {"pending", r->pending}};
}

std::string line_review(const json &s) {
    std::string t = std::to_string(s.value("decisions", 0)) +
                    " recorded decisions: " + std::to_string(s.value("approved", 0)) + " approved, " +
                    std::to_string(s.value("edited", 0)) + " edited, " +
                    std::to_string(s.value("rejected", 0)) + " rejected with reasons";
    if (s.value("unmatched", 0) > 0)
        t += ", " + std::to_string(s.value("unmatched", 0)) + " without a stored sample";
    if (s.value("pending", 0) > 0) t += "; " + std::to_string(s.value("pending", 0)) + " left pending";
    return t;
}

// The held-out pairs: the example's own file, or the one its prepare command wrote.
fs::path held_out_file(const Context &c) {
    if (c.ex.source == synth::ExampleSource::recorded) return c.ex.held_out;
    return part(c.done, "prepare").value("held_out", std::string());
}

// An import stage's progress line ("import: 1200/2000 pairs, 1190 imported").
std::function<bool(const io::ImportProgress &)> import_progress(ProgressLine &line, const char *what,
                                                                int64_t total) {
    return [&line, what, total](const io::ImportProgress &pr) {
        line.update(pr.fraction(),
                    std::string(what) + ": " + std::to_string(pr.records) +
                        (total > 0 ? "/" + std::to_string(total) : std::string()) + " pairs, " +
                        std::to_string(pr.imported) + " imported");
        return true;
    };
}

Result<json> stage_held_out(Context &c) {
    const fs::path file = held_out_file(c);
    ProgressLine line(true);
    synth::ImportPairsParams p;
    p.split = store::Split::test;
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress =
        import_progress(line, "held_out", part(c.done, "prepare").value("held_out_records", int64_t{0}));
    auto r = synth::example_import_pairs(*c.project, file, p);
    line.finish();
    if (!r) return r.error();
    return json{{"records", r->totals.records},
                {"imported", r->totals.imported},
                {"duplicates", r->totals.duplicates}};
}

std::string line_held_out(const json &s) {
    std::string t = std::to_string(s.value("records", 0)) +
                    " held-out pairs: " + std::to_string(s.value("imported", 0)) +
                    " imported as approved test samples";
    if (s.value("duplicates", 0) > 0)
        t += ", " + std::to_string(s.value("duplicates", 0)) + " already in the project";
    return t;
}

Result<json> stage_prepare(Context &c) {
    std::fprintf(c.log, "      %s (in %s)\n",
                 command_line_text(synth::example_prepare_argv(c.ex, c.data_dir)).c_str(), c.ex.dir.c_str());
    std::fflush(c.log);
    synth::PrepareParams p;
    p.out_dir = c.data_dir;
    p.cancel = &g_stop;
    std::FILE *to = c.log;
    p.on_line = [to](const std::string &text) {
        std::fprintf(to, "      | %s\n", text.c_str());
        std::fflush(to);
    };
    auto r = synth::example_prepare(c.ex, p);
    if (!r) return r.error();
    return json{{"command", r->argv},
                {"folder", r->out_dir.string()},
                {"train", r->train.string()},
                {"held_out", r->held_out.string()},
                {"train_records", r->train_records},
                {"held_out_records", r->held_out_records},
                {"seconds", r->seconds}};
}

std::string line_prepare(const json &s) {
    return std::to_string(s.value("train_records", int64_t{0})) + " training and " +
           std::to_string(s.value("held_out_records", int64_t{0})) + " held-out pairs written to " +
           s.value("folder", "");
}

Result<json> stage_import(Context &c) {
    const json &prep = part(c.done, "prepare");
    const fs::path file = prep.value("train", std::string());
    ProgressLine line(true);
    synth::ImportPairsParams p;
    p.split = store::Split::train;
    p.status = store::SampleStatus::approved;
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress = import_progress(line, "import", prep.value("train_records", int64_t{0}));
    auto r = synth::example_import_pairs(*c.project, file, p);
    line.finish();
    if (!r) return r.error();
    return json{{"records", r->totals.records},
                {"imported", r->totals.imported},
                {"duplicates", r->totals.duplicates}};
}

std::string line_import(const json &s) {
    std::string t = std::to_string(s.value("records", int64_t{0})) +
                    " training pairs: " + std::to_string(s.value("imported", int64_t{0})) +
                    " imported as approved samples (imported, not generated: no teacher, no review)";
    if (s.value("duplicates", int64_t{0}) > 0)
        t += ", " + std::to_string(s.value("duplicates", int64_t{0})) + " duplicates not stored twice";
    return t;
}

json train_summary(const train::TrainReport &r) {
    return json{{"run_id", r.run_id},
                {"status", r.status},
                {"stop_reason", r.stop_reason},
                {"resumed", r.resumed},
                {"steps", r.steps},
                {"total_steps", r.total_steps},
                {"train_loss", r.train_loss},
                {"val_loss", number_or_null(r.val_loss)},
                {"best_val_loss", number_or_null(r.best_val_loss)},
                {"val_accuracy", number_or_null(r.best_val_accuracy)},
                {"seconds", r.elapsed_s},
                {"tokens_per_s", r.tokens_per_s},
                {"train_samples", r.train_samples},
                {"val_samples", r.val_samples},
                {"parameters", r.parameters},
                {"model", r.plan.model}};
}

// A run that ended before the stage was recorded (killed in between): its figures from the store.
Result<json> summary_from_store(store::Project &project, const train::RunRow &run) {
    auto metrics = train::read_metrics(project, run.id);
    if (!metrics) return metrics.error();
    double train_loss = -1, val_loss = -1, seconds = 0;
    for (const auto &m : *metrics) {
        if (m.split == "train") train_loss = m.loss;
        if (m.split == "val") val_loss = m.loss;
        seconds = std::max(seconds, m.elapsed_s);
    }
    return json{{"run_id", run.id},
                {"status", run.status},
                {"stop_reason", run.message},
                {"resumed", true},
                {"steps", run.step},
                {"total_steps", run.step},
                {"train_loss", number_or_null(train_loss)},
                {"val_loss", number_or_null(val_loss)},
                {"best_val_loss", run.best_val_loss ? json(*run.best_val_loss) : json()},
                {"val_accuracy", json()},
                {"seconds", seconds},
                {"tokens_per_s", json()}};
}

Result<json> stage_train(Context &c) {
    ProgressLine line(true);
    auto on_progress = [&](const train::TrainProgress &pr) {
        line.update(pr.fraction(), "train: step " + std::to_string(pr.done) + "/" + std::to_string(pr.total) +
                                       ", loss " + fixed(pr.train_loss, 4) + ", val " + fixed(pr.val_loss, 4) +
                                       ", " + fixed(pr.tokens_per_s, 0) + " tok/s, " +
                                       seconds_text(pr.seconds_left) + " left");
        return true;
    };
    auto latest = train::latest_run(*c.project);
    if (!latest) return latest.error();
    if (*latest && (*latest)->status != "completed") {
        // A run killed before its first checkpoint has nothing to resume from: it is marked failed
        // and a new one starts.
        auto checkpoints = train::read_checkpoints(*c.project, (*latest)->id);
        if (!checkpoints) return checkpoints.error();
        if (checkpoints->empty()) {
            if (Status st = train::update_run(*c.project, (*latest)->id, "failed", (*latest)->step,
                                              "stopped before its first checkpoint; run started again");
                !st)
                return st.error();
            latest = std::optional<train::RunRow>();
        }
    }
    Result<train::TrainReport> r = Error{};
    if (*latest && (*latest)->status != "completed") {
        // Cut by Ctrl+C, a crash or a kill: the run continues from its last checkpoint, within what is
        // left of the budget.
        auto done = summary_from_store(*c.project, **latest);
        if (!done) return done.error();
        const double left_s = c.max_minutes * 60 - done->value("seconds", 0.0);
        if (left_s < 1) return *done;
        std::fprintf(c.log, "      resuming training run %lld from its last checkpoint\n",
                     static_cast<long long>((*latest)->id));
        std::fflush(c.log);
        train::ResumeParams rp;
        rp.run_id = (*latest)->id;
        rp.max_minutes = left_s / 60;
        rp.hooks = {on_progress, &g_stop};
        r = train::resume(*c.project, rp);
    } else if (*latest) {
        line.finish();
        return summary_from_store(*c.project, **latest);
    } else {
        train::TrainParams p;
        p.preset = c.preset;
        p.max_minutes = c.max_minutes;
        p.hooks = {on_progress, &g_stop};
        std::FILE *to = c.log;
        p.on_plan = [&line, to](const train::TrainPlan &pl) {
            line.finish();
            std::fprintf(to, "      model: %s\n      data: %lld approved samples; %s\n", pl.model_why.c_str(),
                         static_cast<long long>(pl.samples), pl.fit_why.c_str());
            std::fprintf(to, "      schedule: %lld steps (%.1f epochs), peak learning rate %g\n",
                         static_cast<long long>(pl.total_steps), pl.epochs, pl.lr);
            if (pl.copy_examples > 0)
                std::fprintf(to, "      copy rows: %lld inputs also teach repeating their start\n",
                             static_cast<long long>(pl.copy_examples));
            std::fflush(to);
        };
        r = train::train(*c.project, p);
    }
    line.finish();
    if (!r) return r.error();
    if (g_stop.load()) return cancelled_error();
    return train_summary(*r);
}

std::string line_train(const json &s) {
    auto num = [&](const char *key) {
        return s.contains(key) && s[key].is_number() ? s[key].get<double>() : -1.0;
    };
    std::string t = "run " + std::to_string(s.value("run_id", int64_t{0})) + " " + s.value("status", "") +
                    " (" + s.value("stop_reason", "") + ") after " +
                    std::to_string(s.value("steps", int64_t{0})) + " steps in " +
                    seconds_text(num("seconds")) + ": train loss " + fixed(num("train_loss"), 4) +
                    ", validation loss " + fixed(num("val_loss"), 4);
    if (num("best_val_loss") >= 0) t += " (best " + fixed(num("best_val_loss"), 4) + ")";
    return t;
}

json scores_json(const eval::SystemScores &s) {
    json j = {{"quant", s.quant},
              {"samples", s.samples},
              {"structural_fidelity", s.contract_share},
              {"score", s.score},
              {"exact_match", s.exact_match},
              {"loss", number_or_null(s.loss)},
              {"tokens_per_s", number_or_null(s.tokens_per_s)},
              {"latency_s", number_or_null(s.latency_s)}};
    if (s.rouge_l >= 0) j["rouge_l"] = s.rouge_l;
    if (s.chrf >= 0) j["chrf"] = s.chrf;
    if (s.classification) {
        j["accuracy"] = s.classification->accuracy;
        j["macro_f1"] = s.classification->macro_f1;
    }
    if (s.extraction) {
        j["field_f1"] = s.extraction->micro.f1;
        j["field_macro_f1"] = s.extraction->macro_f1;
    }
    if (s.facts) {
        j["fact_recall"] = number_or_null(s.facts->recall);
        j["invented_facts"] = number_or_null(s.facts->invented_share);
    }
    return j;
}

Result<json> stage_eval(Context &c) {
    ProgressLine line(true);
    eval::EvalParams p;
    p.quants = {gguf::ExportType::f32, gguf::ExportType::q8_0};
    p.limit = c.eval_limit;
    p.max_tokens = 512;
    p.compare_constrained = true;
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress = [&](const eval::EvalProgress &pr) {
        const double per = std::max(0.0, pr.fraction());
        line.update(pr.systems_total ? (pr.systems_done + per) / pr.systems_total : -1,
                    "eval: " + pr.stage + " " + std::to_string(pr.done) + "/" + std::to_string(pr.total));
        return true;
    };
    auto r = eval::evaluate(*c.project, p);
    line.finish();
    if (!r) return r.error();
    json students = json::object(), baselines = json::object();
    for (const auto &s : r->systems) {
        if (s.role == "student" && !students.contains(s.quant)) students[s.quant] = scores_json(s);
        if (s.role == "baseline") baselines[s.name] = scores_json(s);
    }
    json j = {{"eval_run_id", r->eval_run_id},
              {"kind", std::string(synth::to_string(r->profile.spec.kind))},
              {"test_samples", r->test_samples},
              {"evaluated", r->evaluated},
              {"students", students},
              {"baselines", baselines},
              {"constrained", r->constrained_student ? scores_json(*r->constrained_student) : json()},
              {"constrained_skipped", r->constrained_skipped}};
    if (auto cmp = eval::baseline_comparison(*r)) {
        j["baseline_comparison"] = eval::comparison_json(*cmp);
        j["baseline_sentence"] = eval::comparison_sentence(*cmp);
    }
    return j;
}

// The F32 student's figures (the constrained pass is F32's), else the first evaluated.
json headline_scores(const json &eval_summary) {
    const json &st = part(eval_summary, "students");
    if (st.contains("f32")) return st.at("f32");
    if (!st.empty()) return st.begin().value();
    return json::object();
}

std::string line_eval(const json &s) {
    const json h = headline_scores(s);
    auto num = [](const json &j, const char *key) {
        return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : -1.0;
    };
    std::string t = std::to_string(s.value("evaluated", int64_t{0})) + " test samples: structural fidelity " +
                    percent(num(h, "structural_fidelity"));
    if (part(s, "constrained").contains("structural_fidelity"))
        t += " (" + percent(num(part(s, "constrained"), "structural_fidelity")) + " constrained)";
    if (num(h, "rouge_l") >= 0) t += ", ROUGE-L " + fixed(num(h, "rouge_l"));
    if (num(h, "accuracy") >= 0) t += ", accuracy " + percent(num(h, "accuracy"));
    if (num(h, "field_f1") >= 0) t += ", field F1 " + fixed(num(h, "field_f1"));
    return t;
}

fs::path gguf_path(const Context &c) {
    return c.out_dir / (c.ex.name + "-model") / (c.ex.name + ".q8_0.gguf");
}

Result<json> stage_export(Context &c) {
    ProgressLine line(true);
    const fs::path path = gguf_path(c);
    bundle::ExportParams bp;
    bp.type = gguf::ExportType::q8_0;
    bp.hooks.on_progress = [&](const job::Progress &pr) {
        line.update(pr.fraction(), "export: writing " + path.filename().string());
        return true;
    };
    bp.hooks.cancel = &g_stop;
    auto r = bundle::export_model(*c.project, path, bp);
    line.finish();
    if (!r) return r.error();
    return json{{"gguf", r->outcome.path.string()}, {"quant", "q8_0"},
                {"bytes", r->outcome.bytes},        {"sha256", r->outcome.sha256},
                {"readme", r->readme.string()},     {"modelfile", r->modelfile.string()},
                {"run_id", r->outcome.run_id}};
}

std::string line_export(const json &s) {
    char size[32];
    std::snprintf(size, sizeof size, "%.2f MiB",
                  static_cast<double>(s.value("bytes", int64_t{0})) / (1 << 20));
    return s.value("gguf", "") + " (Q8_0, " + size + ") with README.md and Modelfile beside it";
}

Result<json> stage_complete(Context &c) {
    std::string input = c.ex.first_held_out_input;
    if (c.ex.source == synth::ExampleSource::import) {
        auto pairs = synth::check_pairs_file(held_out_file(c));
        if (!pairs) return pairs.error();
        input = pairs->first_input;
    }
    const std::string file = part(c.done, "export").value("gguf", "");
    auto runner = infer::open_gguf(file);
    if (!runner) return runner.error();
    std::unique_ptr<infer::Constraint> constraint;
    if (!runner->labels.empty()) {
        // A classification model answers with one of its labels, as `complete` does.
        auto k = infer::Constraint::labels(runner->labels, *runner->tokenizer);
        if (!k) return k.error();
        constraint = std::move(*k);
    }
    infer::GenerateParams gp;
    gp.max_tokens = 512;
    gp.constraint = constraint.get();
    gp.cancel = &g_stop;
    auto out = infer::complete(*runner, input, gp);
    if (!out) return out.error();
    if (out->generation.stop_reason == "cancelled") return cancelled_error();
    const auto kept = synth::contract_check(c.ex.spec, input, out->text);
    const double decode_s = out->generation.decode_s;
    const auto tokens = static_cast<double>(out->generation.tokens.size());
    return json{{"input", input},
                {"output", out->text},
                {"tokens", out->generation.tokens.size()},
                {"tokens_per_s", decode_s > 0 ? json(tokens / decode_s) : json()},
                {"contract_ok", kept.ok},
                {"contract_reason", kept.reason}};
}

std::string line_complete(const json &s) {
    auto tps =
        s.contains("tokens_per_s") && s["tokens_per_s"].is_number() ? s["tokens_per_s"].get<double>() : -1.0;
    return "answered the first held-out input with " + std::to_string(s.value("tokens", 0)) + " tokens (" +
           fixed(tps, 0) + " tokens/s), " +
           (s.value("contract_ok", false) ? std::string("keeping the contract")
                                          : "not keeping the contract: " + s.value("contract_reason", ""));
}

struct Stage {
    const char *name;
    Result<json> (*run)(Context &);  // null: the stage does not apply to this example
    std::string (*line)(const json &);
};

std::string line_not_applicable(const json &) {
    return "not applicable: the samples were imported as approved, not generated, so there is nothing "
           "to review";
}

// A recorded example: the session replayed and its review applied.
constexpr Stage kRecordedStages[] = {
    {"spec", stage_spec, line_spec},       {"replay", stage_replay, line_replay},
    {"review", stage_review, line_review}, {"held_out", stage_held_out, line_held_out},
    {"train", stage_train, line_train},    {"eval", stage_eval, line_eval},
    {"export", stage_export, line_export}, {"complete", stage_complete, line_complete},
};

// An import example: its prepare command writes the pairs, which are imported as approved samples.
constexpr Stage kImportStages[] = {
    {"spec", stage_spec, line_spec},
    {"prepare", stage_prepare, line_prepare},
    {"import", stage_import, line_import},
    {"review", nullptr, line_not_applicable},
    {"held_out", stage_held_out, line_held_out},
    {"train", stage_train, line_train},
    {"eval", stage_eval, line_eval},
    {"export", stage_export, line_export},
    {"complete", stage_complete, line_complete},
};

// --- the closing summary ----------------------------------------------------------------------------

json summary_json(const Context &c, const json &stage_state) {
    const json &replay = part(c.done, "replay"), &review = part(c.done, "review"),
               &trained = part(c.done, "train"), &evaluated = part(c.done, "eval"),
               &exported = part(c.done, "export"), &completed = part(c.done, "complete");
    const json h = headline_scores(evaluated);
    const std::string model_file = exported.value("gguf", "");
    const bundle::RunCommands commands = bundle::run_commands(model_file, c.ex.name);
    const bool imported = c.ex.source == synth::ExampleSource::import;
    const json &import = part(c.done, "import");
    json j = {
        {"example", c.ex.dir.string()},
        {"source", std::string(synth::to_string(c.ex.source))},
        {"project", c.project_path.string()},
        {"stages", stage_state},
        {"samples",
         {{"generated", replay.value("generated", int64_t{0})},
          {"imported", import.value("imported", int64_t{0})},
          {"review", imported ? "not applicable" : "recorded"},
          {"approved",
           imported ? import.value("imported", int64_t{0}) : review.value("approved", int64_t{0})},
          {"edited", review.value("edited", int64_t{0})},
          {"rejected", review.value("rejected", int64_t{0})},
          {"rejected_before_review", replay.value("rejected", int64_t{0})},
          {"duplicates",
           imported ? import.value("duplicates", int64_t{0}) : replay.value("duplicates", int64_t{0})},
          {"pending", review.value("pending", int64_t{0})},
          {"held_out", part(c.done, "held_out").value("records", int64_t{0})}}},
        {"train_seconds", trained.value("seconds", 0.0)},
        {"train_steps", trained.value("steps", int64_t{0})},
        {"train_loss", field(trained, "train_loss")},
        {"val_loss", field(trained, "val_loss")},
        {"best_val_loss", field(trained, "best_val_loss")},
        {"parameters", field(trained, "parameters")},
        {"kind", evaluated.value("kind", "")},
        {"test_samples", evaluated.value("evaluated", int64_t{0})},
        {"structural_fidelity", field(h, "structural_fidelity")},
        {"structural_fidelity_constrained", field(field(evaluated, "constrained"), "structural_fidelity")},
        {"students", part(evaluated, "students")},
        {"baselines", part(evaluated, "baselines")},
        {"gguf", model_file},
        {"gguf_bytes", exported.value("bytes", int64_t{0})},
        {"modelfile", exported.value("modelfile", "")},
        {"readme", exported.value("readme", "")},
        {"completion", completed},
        {"commands",
         {{"llama_cpp", commands.llama_cpp},
          {"ollama_create", commands.ollama_create},
          {"ollama_run", commands.ollama_run},
          {"lm_studio", commands.lm_studio}}}};
    for (const char *key :
         {"rouge_l", "chrf", "accuracy", "macro_f1", "field_f1", "fact_recall", "invented_facts"})
        if (h.contains(key)) j[key] = h.at(key);
    const json copy = field(part(part(evaluated, "baselines"), "copy input"), "rouge_l");
    if (!copy.is_null()) j["copy_input_rouge_l"] = copy;
    if (evaluated.contains("baseline_comparison"))
        j["baseline_comparison"] = evaluated.at("baseline_comparison");
    return j;
}

void print_summary(const json &j) {
    auto num = [](const json &o, const char *key) {
        return o.is_object() && o.contains(key) && o[key].is_number() ? o[key].get<double>() : -1.0;
    };
    const json &s = j["samples"];
    std::printf("\nSummary\n");
    auto row = [](const std::string &k, const std::string &v) {
        std::printf("  %-34s %s\n", k.c_str(), v.c_str());
    };
    if (j.value("source", "") == "import") {
        row("samples imported", std::to_string(s.value("imported", 0)) +
                                    " (real text written by this machine's prepare command, approved as "
                                    "imported: none generated by a teacher, none reviewed)");
        if (s.value("duplicates", 0) > 0)
            row("duplicates not stored", std::to_string(s.value("duplicates", 0)));
    } else {
        row("samples generated", std::to_string(s.value("generated", 0)) + " (" +
                                     std::to_string(s.value("rejected_before_review", 0)) +
                                     " rejected by the contract, " +
                                     std::to_string(s.value("duplicates", 0)) + " duplicates dropped)");
        row("approved / edited / rejected", std::to_string(s.value("approved", 0)) + " / " +
                                                std::to_string(s.value("edited", 0)) + " / " +
                                                std::to_string(s.value("rejected", 0)));
    }
    row("held-out test samples", std::to_string(s.value("held_out", 0)));
    row("training",
        seconds_text(num(j, "train_seconds")) + ", " + std::to_string(j.value("train_steps", 0)) + " steps");
    row("final train / validation loss",
        fixed(num(j, "train_loss"), 4) + " / " + fixed(num(j, "val_loss"), 4));
    row("structural fidelity", percent(num(j, "structural_fidelity")) + " (constrained " +
                                   percent(num(j, "structural_fidelity_constrained")) + ")");
    if (num(j, "rouge_l") >= 0) {
        std::string t = fixed(num(j, "rouge_l"));
        if (num(j, "copy_input_rouge_l") >= 0)
            t += " (copy-the-input baseline " + fixed(num(j, "copy_input_rouge_l")) + ")";
        row("ROUGE-L", t);
    }
    if (num(j, "chrf") >= 0) row("chrF", fixed(num(j, "chrf")));
    if (num(j, "accuracy") >= 0)
        row("accuracy / macro-F1", percent(num(j, "accuracy")) + " / " + fixed(num(j, "macro_f1")));
    if (num(j, "field_f1") >= 0) row("field F1", fixed(num(j, "field_f1")));
    if (num(j, "fact_recall") >= 0)
        row("facts recalled / invented",
            percent(num(j, "fact_recall")) + " of the references' / " +
                (num(j, "invented_facts") >= 0 ? percent(num(j, "invented_facts")) : std::string("-")) +
                " of the answer's in neither input nor reference");
    if (j.contains("baseline_comparison") && j["baseline_comparison"].is_object()) {
        const json &b = j["baseline_comparison"];
        row("best baseline",
            b.value("best_baseline", "") + " " + fixed(num(b, "best_baseline_score")) +
                (b.value("student_beats", false) ? " (the student beats it)" : " (not beaten)"));
    }
    for (const auto &el : j["students"].items()) {
        const json &q = el.value();
        row("student " + el.key(), "fidelity " + percent(num(q, "structural_fidelity")) + ", score " +
                                       fixed(num(q, "score")) + ", " + fixed(num(q, "tokens_per_s"), 0) +
                                       " tokens/s");
    }
    char size[32];
    std::snprintf(size, sizeof size, "%.2f MiB",
                  static_cast<double>(j.value("gguf_bytes", int64_t{0})) / (1 << 20));
    row("model (Q8_0)", std::string(size));
    row("output", j.value("gguf", ""));
    row("project", j.value("project", ""));
    const json &cmd = j["commands"];
    std::printf("\nRun it\n");
    std::printf("  llama.cpp:  %s\n", cmd.value("llama_cpp", "").c_str());
    std::printf("  Ollama:     %s\n              %s\n", cmd.value("ollama_create", "").c_str(),
                cmd.value("ollama_run", "").c_str());
    std::printf("  LM Studio:  %s  (or copy the file into LM Studio's models folder)\n",
                cmd.value("lm_studio", "").c_str());
    if (j.contains("completion") && j["completion"].is_object() && j["completion"].contains("output")) {
        std::printf("\nFirst held-out input:\n%s\n\nThe model's answer:\n%s\n",
                    ellipsize(j["completion"].value("input", ""), 2000).c_str(),
                    j["completion"].value("output", "").c_str());
    }
}

int run_run(const Args &args) {
    Context c;
    c.as_json = args.has("--json");
    c.log = c.as_json ? stderr : stdout;
    if (auto e = double_option(args, "--max-train-minutes", 0.01, 1e6, c.max_minutes)) return usage_error(*e);
    if (auto v = args.value("--preset")) c.preset = *v;
    if (auto e = int_option(args, "--eval-limit", 0, INT64_MAX, c.eval_limit)) return usage_error(*e);
    c.out_dir = args.value("--out").value_or("smolify-runs");

    auto ex = synth::read_example(args.positional(0));
    if (!ex) return report(ex.error());
    c.ex = std::move(*ex);
    c.project_path = c.out_dir / (c.ex.name + ".smolify");
    c.data_dir = c.out_dir / (c.ex.name + "-data");

    std::error_code ec;
    std::unique_ptr<store::Project> project;
    if (fs::exists(c.project_path, ec)) {
        auto p = store::Project::open(c.project_path);
        if (!p) return report(p.error());
        project = std::move(*p);
        auto from = project->setting(kExampleKey);
        if (!from) return report(from.error());
        if (!*from)
            return usage_error(c.project_path.string() + " was not made by `run`; choose another --out");
        if (**from != c.ex.dir.string())
            return usage_error(c.project_path.string() + " was made from " + **from + ", not " +
                               c.ex.dir.string() + "; choose another --out");
    } else {
        fs::create_directories(c.out_dir, ec);
        if (ec) return usage_error("cannot create the folder " + c.out_dir.string() + ": " + ec.message());
        store::CreateParams cp;
        cp.intent = c.ex.intent;
        cp.name = c.ex.name;
        auto p = store::Project::create(c.project_path, cp);
        if (!p) return report(p.error());
        project = std::move(*p);
        if (Status st = project->set_setting(kExampleKey, c.ex.dir.string()); !st) return report(st.error());
    }
    c.project = project.get();
    std::fprintf(c.log, "%s -> %s\n", c.ex.dir.c_str(), c.project_path.c_str());
    std::fflush(c.log);

    g_stop.store(false);
    auto previous = std::signal(SIGINT, on_sigint_run);
    json stage_state = json::object();
    const bool imported = c.ex.source == synth::ExampleSource::import;
    const Stage *stages = imported ? kImportStages : kRecordedStages;
    const auto total = static_cast<int>(imported ? std::size(kImportStages) : std::size(kRecordedStages));
    for (int number = 1; number <= total; ++number) {
        const Stage &stage = stages[number - 1];
        if (!stage.run) {
            stage_state[stage.name] = "not applicable";
            std::fprintf(c.log, "[%d/%d] %s: %s\n", number, total, stage.name, stage.line(json()).c_str());
            std::fflush(c.log);
            continue;
        }
        const std::string key = std::string(kStageKey) + stage.name;
        auto earlier = setting_json(*c.project, key);
        if (!earlier) {
            std::signal(SIGINT, previous);
            return report(earlier.error());
        }
        if (earlier->is_object()) {
            c.done[stage.name] = *earlier;
            stage_state[stage.name] = "skipped";
            std::fprintf(c.log, "[%d/%d] %s: done before: %s\n", number, total, stage.name,
                         stage.line(*earlier).c_str());
            std::fflush(c.log);
            continue;
        }
        std::fprintf(c.log, "[%d/%d] %s ...\n", number, total, stage.name);
        std::fflush(c.log);
        const auto started = std::chrono::steady_clock::now();
        auto r = stage.run(c);
        if (!r) {
            std::signal(SIGINT, previous);
            if (r.error().kind == ErrorKind::cancelled)
                return usage_error(std::string("interrupted in stage ") + stage.name +
                                   "; run the same command again to continue where it stopped");
            return report(Error{r.error().kind, std::string(stage.name) + ": " + r.error().message});
        }
        if (Status st = c.project->set_setting(key, r->dump(-1, ' ', false, json::error_handler_t::replace));
            !st) {
            std::signal(SIGINT, previous);
            return report(st.error());
        }
        c.done[stage.name] = *r;
        stage_state[stage.name] = "done";
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(c.log, "[%d/%d] %s: %s (%s)\n", number, total, stage.name, stage.line(*r).c_str(),
                     seconds_text(seconds).c_str());
        std::fflush(c.log);
    }
    std::signal(SIGINT, previous);
    const json summary = summary_json(c, stage_state);
    if (c.as_json)
        print_json(summary);
    else
        print_summary(summary);
    return kExitOk;
}

}  // namespace

std::vector<Command> run_commands() {
    return {
        {{"run",
          "Run an example folder end to end: spec, teacher replay or import, review, train, eval, export",
          "EXAMPLE_DIR [--out DIR] [--max-train-minutes M] [--preset P] [--json]",
          {"EXAMPLE_DIR"},
          {{"--out", "DIR", "Where the project and the model go (default ./smolify-runs)"},
           {"--max-train-minutes", "M", "Training time budget in minutes (default 10)"},
           {"--preset", "NAME",
            "Model size: auto (default: sized to the budget on this machine), micro, tiny, small or base"},
           {"--eval-limit", "N", "Evaluate the first N held-out samples only (default: all)"},
           {"--json", "", "Print one JSON object with the figures (stage lines go to stderr)"}},
          "EXAMPLE_DIR holds intent.txt, spec.json, teacher_session.jsonl (the recorded teacher\n"
          "session), review.jsonl (the recorded review) and held_out.jsonl (reference pairs); or,\n"
          "for an example that imports real text, intent.txt, spec.json and example.json, whose\n"
          "prepare command writes the pairs into OUT/NAME-data/ (imported as approved samples; no\n"
          "review). The project is OUT/NAME.smolify, the model OUT/NAME-model/NAME.q8_0.gguf with its\n"
          "README.md and Modelfile. No teacher, key or network is needed. Each finished stage is recorded in "
          "the\n"
          "project: after Ctrl+C, a crash or a kill the same command skips the finished stages and\n"
          "continues the one that was cut (training resumes its run). See docs/cli.md#run."},
         run_run},
    };
}

}  // namespace smolify::cli
