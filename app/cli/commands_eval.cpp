// smolify-cli eval: the student against the teacher on the held-out test split, and --promote to
// turn one evaluation result into a corrected training sample. Wiring only, over core/eval
// (evaluate.h, results.h, report.h); see docs/eval.md.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <sstream>

#include "common.h"
#include "eval/evaluate.h"
#include "eval/report.h"
#include "eval/results.h"
#include "train/runs.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sigint_eval(int) {
    g_stop.store(true);
}

// v with `digits` decimals, "-" for the "not measured" marker (< 0).
std::string cell(double v, int digits = 3) {
    if (v < 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string percent(double v) {
    return v < 0 ? "-" : cell(100 * v, 1) + "%";
}

std::string one_line(const std::string &s, std::size_t max_bytes) {
    std::string t = ellipsize(trim(s), max_bytes);
    for (char &c : t)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "\"" + t + "\"";
}

void print_table(const eval::EvalReport &r, int worst) {
    const auto kind = r.profile.spec.kind;
    std::printf("task: %s (%s)\n", std::string(synth::to_string(kind)).c_str(), r.profile.why.c_str());
    if (r.constrained) std::printf("answers: constrained decoding\n");
    std::printf("test samples: %lld of %lld evaluated%s\n\n", static_cast<long long>(r.evaluated),
                static_cast<long long>(r.test_samples),
                r.eval_run_id ? (", evaluation " + std::to_string(r.eval_run_id)).c_str() : "");
    std::string head = "system                      role     contract ";
    if (kind == synth::TaskKind::classification) head += "accuracy macro-F1 ";
    if (kind == synth::TaskKind::json_extraction) head += "field-P  field-R  field-F1 ";
    if (kind == synth::TaskKind::sectioned_text || kind == synth::TaskKind::free_text)
        head += "ROUGE-L  chrF     ";
    if (kind != synth::TaskKind::classification) head += "facts-R  invented ";
    head += "score    exact    length   loss     ppl      latency  tok/s";
    std::printf("%s\n", head.c_str());
    // One row per system; the compared student's constrained pass beside its plain answers (first when
    // it is the headline figure, for classification); the headline student marked with *.
    const eval::HeadlineStudent headline = eval::headline_student(r);
    const eval::SystemScores *compared = nullptr;
    if (r.constrained_student)
        for (const auto &s : r.systems)
            if (s.role == "student" && s.quant == r.constrained_student->quant && !compared) compared = &s;
    std::vector<std::pair<const eval::SystemScores *, std::string>> rows;
    for (const auto &s : r.systems) {
        const std::string name = s.name + (s.quant.empty() ? "" : " " + s.quant);
        if (&s == compared) {
            const std::string cname = name + " constrained";
            if (headline.unconstrained == &s) {
                rows.emplace_back(&*r.constrained_student, cname);
                rows.emplace_back(&s, name + " unconstrained");
            } else {
                rows.emplace_back(&s, name);
                rows.emplace_back(&*r.constrained_student, cname);
            }
            continue;
        }
        rows.emplace_back(&s, name);
    }
    for (const auto &[sp, label] : rows) {
        const eval::SystemScores &s = *sp;
        const std::string name = label + (sp == headline.scores ? " *" : "");
        std::printf("%-27.27s %-8s %-8s ", name.c_str(), s.role.c_str(), percent(s.contract_share).c_str());
        if (kind == synth::TaskKind::classification)
            std::printf("%-8s %-8s ", s.classification ? percent(s.classification->accuracy).c_str() : "-",
                        s.classification ? cell(s.classification->macro_f1).c_str() : "-");
        if (kind == synth::TaskKind::json_extraction)
            std::printf("%-8s %-8s %-8s ", s.extraction ? cell(s.extraction->micro.precision).c_str() : "-",
                        s.extraction ? cell(s.extraction->micro.recall).c_str() : "-",
                        s.extraction ? cell(s.extraction->micro.f1).c_str() : "-");
        if (kind == synth::TaskKind::sectioned_text || kind == synth::TaskKind::free_text)
            std::printf("%-8s %-8s ", cell(s.rouge_l).c_str(), cell(s.chrf).c_str());
        if (kind != synth::TaskKind::classification)
            std::printf("%-8s %-8s ", s.facts ? cell(s.facts->recall).c_str() : "-",
                        s.facts && s.facts->invented_share >= 0 ? percent(s.facts->invented_share).c_str()
                                                                : "-");
        std::printf("%-8s %-8s %-8s %-8s %-8s %-8s %s\n", cell(s.score).c_str(),
                    percent(s.exact_match).c_str(), cell(s.length_ratio, 2).c_str(), cell(s.loss).c_str(),
                    cell(s.perplexity, 2).c_str(), cell(s.latency_s).c_str(),
                    cell(s.tokens_per_s, 0).c_str());
    }
    if (headline.scores) std::printf("* the headline student, compared with the baselines\n");
    if (kind != synth::TaskKind::classification)
        std::printf("facts-R: the share of the references' rare words and numbers the answers state; "
                    "invented: the share of the answers' that are in neither the input nor the reference\n");
    if (const auto c = eval::baseline_comparison(r))
        std::printf("\nbaselines: %s\n", eval::comparison_sentence(*c).c_str());
    else
        std::printf("\nbaselines: none to compare the student with\n");
    if (r.constrained_student) {
        const auto &c = *r.constrained_student;
        const eval::SystemScores *plain = nullptr;
        for (const auto &s : r.systems)
            if (s.role == "student" && s.quant == c.quant && !plain) plain = &s;
        std::printf(
            "\nwith constrained decoding (%s), student %s: contract %s (unconstrained %s), score %s "
            "(unconstrained %s), %s tok/s",
            r.constraint_kind.c_str(), c.quant.c_str(), percent(c.contract_share).c_str(),
            plain ? percent(plain->contract_share).c_str() : "-", cell(c.score).c_str(),
            plain ? cell(plain->score).c_str() : "-", cell(c.tokens_per_s, 0).c_str());
        if (plain && plain->tokens_per_s > 0 && c.tokens_per_s >= 0)
            std::printf(" (%.2fx the unconstrained)", c.tokens_per_s / plain->tokens_per_s);
        std::printf("\n");
    } else if (!r.constrained_skipped.empty()) {
        std::printf("\nconstrained decoding not compared: %s\n", r.constrained_skipped.c_str());
    }
    if (r.teacher_cost.known)
        std::printf("\n1,000 requests: teacher $%.4f (measured), student $0 on this machine\n",
                    r.teacher_cost.cost_usd_per_1000);
    for (const auto &s : r.systems) {
        if (s.role != "student" || worst <= 0) continue;
        std::printf("\nworst cases (student %s):\n", s.quant.c_str());
        std::vector<const eval::SampleResult *> v;
        for (const auto &x : s.results)
            v.push_back(&x);
        std::stable_sort(v.begin(), v.end(), [](auto *a, auto *b) { return a->score < b->score; });
        for (int i = 0; i < worst && i < int(v.size()); ++i)
            std::printf(
                "  result %lld (sample %lld) score %.3f\n    input   %s\n    teacher %s\n    student %s\n",
                static_cast<long long>(v[std::size_t(i)]->id),
                static_cast<long long>(v[std::size_t(i)]->sample_id), v[std::size_t(i)]->score,
                one_line(v[std::size_t(i)]->input, 100).c_str(),
                one_line(v[std::size_t(i)]->reference, 100).c_str(),
                one_line(v[std::size_t(i)]->output, 100).c_str());
        break;  // the first weight type's; the report has them all
    }
}

int run_promote(const Args &args, store::Project &project, bool json) {
    auto id = parse_int(*args.value("--promote"));
    if (!id || *id < 1) return usage_error("--promote takes an evaluation result id (see `eval PROJECT`)");
    auto out = eval::promote_result(project, *id, args.value("--output"));
    if (!out) return report(out.error());
    if (json) {
        print_json({{"result_id", *id},
                    {"sample_id", out->sample_id},
                    {"created", out->created},
                    {"corrected", out->corrected}});
    } else {
        std::printf("result %lld is now training sample %lld (approved, train split%s)\n",
                    static_cast<long long>(*id), static_cast<long long>(out->sample_id),
                    out->corrected ? ", corrected" : ", the teacher's output");
    }
    return kExitOk;
}

int run_eval(const Args &args) {
    const bool json = args.has("--json");
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    if (args.has("--promote")) return run_promote(args, **project, json);
    if (args.has("--output")) return usage_error("--output goes with --promote RESULT");

    eval::EvalParams p;
    if (auto m = args.value("--model")) p.model = *m;
    if (auto q = args.value("--quant")) {
        if (!p.model.empty())
            return usage_error("--quant applies to the project's model, not to --model FILE");
        p.quants.clear();
        std::stringstream ss(*q);
        std::string name;
        while (std::getline(ss, name, ',')) {
            auto t = gguf::parse_export_type(trim(name));
            if (!t) return usage_error("--quant: " + t.error().message);
            p.quants.push_back(*t);
        }
        if (p.quants.empty()) return usage_error("--quant needs a list such as f32,q8_0,q4_0");
    }
    if (auto e = int_option(args, "--limit", 1, INT64_MAX, p.limit)) return usage_error(*e);
    int64_t n = p.max_tokens;
    if (auto e = int_option(args, "--max-tokens", 1, 100000, n)) return usage_error(*e);
    p.max_tokens = int(n);
    n = 0;
    if (auto e = int_option(args, "--threads", 0, 1024, n)) return usage_error(*e);
    p.threads = int(n);
    p.constrained = args.has("--constrained");
    if (p.constrained && args.has("--no-constrained"))
        return usage_error("--constrained and --no-constrained do not go together");
    p.compare_constrained = !args.has("--no-constrained");
    int64_t worst = 5;
    if (auto e = int_option(args, "--worst", 0, 1000, worst)) return usage_error(*e);

    ProgressLine line(true);
    p.hooks.on_progress = [&](const eval::EvalProgress &pr) {
        const double per = std::max(0.0, pr.fraction());
        line.update(pr.systems_total ? (pr.systems_done + per) / pr.systems_total : -1,
                    pr.stage + " " + std::to_string(pr.done) + "/" + std::to_string(pr.total));
        return true;
    };
    g_stop.store(false);
    p.hooks.cancel = &g_stop;
    auto previous = std::signal(SIGINT, on_sigint_eval);
    auto r = eval::evaluate(**project, p);
    std::signal(SIGINT, previous);
    line.finish();
    if (!r) return report(r.error());

    if (auto path = args.value("--report")) {
        std::vector<train::MetricRow> curve;
        if (r->training_run_id > 0) {
            auto m = train::read_metrics(**project, r->training_run_id);
            if (!m) return report(m.error());
            curve = std::move(*m);
        }
        const std::string html = eval::report_html(*r, curve, (*project)->path().stem().string());
        AtomicFile f;
        Status st = f.open(*path);
        if (st) st = f.write(html);
        if (st) st = f.commit();
        if (!st) return report(st.error());
    }
    if (json) {
        nlohmann::json j = eval::report_json(*r, args.has("--results"));
        if (auto path = args.value("--report")) j["report"] = *path;
        print_json(j);
    } else {
        print_table(*r, int(worst));
        if (auto path = args.value("--report")) std::printf("\nreport: %s\n", path->c_str());
    }
    return kExitOk;
}

}  // namespace

std::vector<Command> eval_commands() {
    return {
        {{"eval",
          "Compare the student with the teacher on the held-out test samples",
          "PROJECT [--model FILE.gguf] [--quant f32,q8_0,q4_0] [--limit N] [--no-constrained]\n"
          "       [--report FILE.html] [--json]\n"
          "       PROJECT --promote RESULT [--output TEXT] [--json]",
          {"PROJECT"},
          {{"--model", "FILE", "Evaluate this GGUF file instead of the project's newest training run"},
           {"--quant", "LIST",
            "Weight types of the project's model, comma-separated (default f32,q8_0,q4_0)"},
           {"--limit", "N", "Evaluate the first N test samples only"},
           {"--max-tokens", "N", "Generated tokens per answer at most (default 256)"},
           {"--threads", "N", "Threads (default: all cores)"},
           {"--constrained", "",
            "Answer with constrained decoding only: only outputs that keep the contract (no comparison)"},
           {"--no-constrained", "",
            "Skip the F32 student's second pass with constrained decoding (on by default, reported beside "
            "the plain answers)"},
           {"--report", "FILE", "Write a self-contained HTML report (no network needed to view it)"},
           {"--worst", "N", "Worst cases listed in the table (default 5)"},
           {"--results", "", "With --json: every side-by-side row, not only the worst"},
           {"--promote", "RESULT", "Turn evaluation result RESULT into an approved training sample"},
           {"--output", "TEXT", "With --promote: the corrected output (default: the teacher's)"},
           {"--json", "", "Print one JSON object (fields in docs/eval.md)"}},
          "The test split is made before the first training run (10% of the approved samples,\n"
          "stratified) and frozen; imported --split test samples join it. The teacher's outputs are\n"
          "the references. See docs/eval.md."},
         run_eval},
    };
}

}  // namespace smolify::cli
