// smolify-cli export, complete and bench-infer (`bench infer` once bench dispatches to it). Wiring
// only, over core/infer (runner.h, generate.h, bench.h).
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "common.h"
#include "eval/results.h"
#include "export/bundle.h"
#include "export/hf_export.h"
#include "export/model_card.h"
#include "infer/bench.h"
#include "infer/constrain.h"
#include "infer/kernels.h"
#include "infer/quant_compare.h"
#include "infer/runner.h"
#include "synth/spec.h"

namespace smolify::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sigint_infer(int) {
    g_stop.store(true);
}

bool is_gguf(const std::string &target) {
    return target.size() >= 5 && target.compare(target.size() - 5, 5, ".gguf") == 0;
}

std::optional<std::string> float_option(const Args &args, const char *name, double lo, double hi,
                                        float &out) {
    double d = out;
    auto e = double_option(args, name, lo, hi, d);
    if (!e) out = float(d);
    return e;
}

// The constraint of the project's current task spec (--constrain); a GGUF carries no spec.
Result<std::unique_ptr<infer::Constraint>> spec_constraint(const std::string &target,
                                                           const text::Tokenizer &tokenizer) {
    if (is_gguf(target))
        return user_error(
            "--constrain needs a project (its task spec holds the output contract), not a GGUF file");
    auto project = open_project(target);
    if (!project) return project.error();
    auto row = (*project)->current_spec();
    if (!row) return row.error();
    if (!*row)
        return user_error(
            "--constrain: the project has no task spec yet (smolify-cli spec --draft or --set)");
    auto spec = synth::spec_from_store(**row);
    if (!spec) return spec.error();
    return infer::Constraint::for_spec(*spec, tokenizer);
}

// A model file or a project, as `complete` and `bench infer` take them.
Result<infer::Runner> open_target(const std::string &target, const infer::LoadParams &lp) {
    if (is_gguf(target)) return infer::open_gguf(target, lp);
    auto project = open_project(target);
    if (!project) return project.error();
    return infer::open_project(**project, lp);
}

// export PROJECT --compare: the size and held-out loss of each type, writing no model.
int run_export_compare(const Args &args) {
    const bool json = args.has("--json");
    infer::QuantCompareParams p;
    int64_t threads = 0;
    if (auto e = int_option(args, "--threads", 0, 256, threads)) return usage_error(*e);
    p.threads = int(threads);
    const std::string split = args.value("--split").value_or("validation");
    if (split == "test")
        p.split = infer::HeldOutSplit::test;
    else if (split != "validation")
        return usage_error("--split must be validation or test");
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    ProgressLine line(!json);
    g_stop.store(false);
    p.hooks.cancel = &g_stop;
    p.hooks.on_progress = [&](const infer::QuantCompareProgress &pr) {
        line.update((pr.type_index + std::max(0.0, pr.fraction())) / std::max(1, pr.types),
                    "scoring " + std::string(gguf::export_type_name(p.types[std::size_t(pr.type_index)])));
        return true;
    };
    auto previous = std::signal(SIGINT, on_sigint_infer);
    auto r = infer::compare_export_types(**project, p);
    std::signal(SIGINT, previous);
    line.finish();
    if (!r) return report(r.error());
    if (json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto &row : r->rows)
            rows.push_back({{"quant", gguf::export_type_name(row.type)},
                            {"bytes", row.file_bytes},
                            {"loss", row.loss},
                            {"perplexity", row.perplexity},
                            {"delta_loss", row.delta_loss}});
        print_json({{"run_id", r->run_id},
                    {"split", r->split},
                    {"samples", r->samples},
                    {"target_tokens", r->target_tokens},
                    {"types", rows}});
    } else {
        std::printf("run %lld, %s split: %lld samples, %lld target tokens\n",
                    static_cast<long long>(r->run_id), r->split.c_str(), static_cast<long long>(r->samples),
                    static_cast<long long>(r->target_tokens));
        std::printf("%-6s %12s %10s %8s %11s %10s\n", "type", "bytes", "MiB", "loss", "perplexity", "vs f32");
        for (const auto &row : r->rows)
            std::printf("%-6s %12lld %10.2f %8.4f %11.3f %+10.4f\n",
                        std::string(gguf::export_type_name(row.type)).c_str(),
                        static_cast<long long>(row.file_bytes), double(row.file_bytes) / (1 << 20), row.loss,
                        row.perplexity, row.delta_loss);
    }
    return kExitOk;
}

int run_export(const Args &args) {
    if (args.has("--compare")) return run_export_compare(args);
    const bool json = args.has("--json");
    const auto quant = args.value("--quant");
    const auto out = args.value("--out");
    if (!quant || !out) return usage_error("export needs --quant f32|f16|q8_0|q4_0 and --out FILE.gguf");
    auto type = gguf::parse_export_type(*quant);
    if (!type) return report(type.error());
    const bool force = args.has("--force");
    const std::filesystem::path gguf_path(*out);
    bundle::ExportParams bp;
    bp.type = *type;
    bp.license = args.value("--license").value_or("");
    bp.force = force;
    if (const auto hf_dir = args.value("--hf")) bp.hf_dir = *hf_dir;
    // Refuse foreign README.md/Modelfile/--hf folders before the project is even opened.
    if (Status st = card::check_companion_files(gguf_path, force); !st) return report(st.error());
    if (bp.hf_dir)
        if (Status st = hf::check_hf_target(*bp.hf_dir, force); !st) return report(st.error());
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    ProgressLine line(!json);
    g_stop.store(false);
    bp.hooks.on_progress = [&](const job::Progress &pr) {
        line.update(pr.fraction(), "writing " + *out);
        return true;
    };
    bp.hooks.cancel = &g_stop;
    auto previous = std::signal(SIGINT, on_sigint_infer);
    auto r = bundle::export_model(**project, gguf_path, bp);
    std::signal(SIGINT, previous);
    line.finish();
    if (!r) return report(r.error());
    const auto &mc = r->model_card;
    const std::optional<std::filesystem::path> &hf_out = r->hf_dir;
    const auto dir = r->outcome.path.parent_path();
    if (json) {
        nlohmann::json j = {{"path", r->outcome.path.string()},
                            {"quant", *quant},
                            {"bytes", r->outcome.bytes},
                            {"sha256", r->outcome.sha256},
                            {"run_id", r->outcome.run_id},
                            {"export_id", r->outcome.export_id},
                            {"readme", (dir / "README.md").string()},
                            {"modelfile", (dir / "Modelfile").string()},
                            {"license", mc.license}};
        if (hf_out) j["hf"] = hf_out->string();
        print_json(j);
    } else {
        std::printf("%s\n%lld bytes (%.2f MiB), %s\nsha256 %s\n", r->outcome.path.c_str(),
                    static_cast<long long>(r->outcome.bytes), double(r->outcome.bytes) / (1 << 20),
                    quant->c_str(), r->outcome.sha256.c_str());
        std::printf("%s\n%s\n", (dir / "README.md").c_str(), (dir / "Modelfile").c_str());
        if (hf_out) std::printf("%s (Hugging Face folder)\n", hf_out->c_str());
    }
    return kExitOk;
}

int run_complete(const Args &args) {
    const bool json = args.has("--json");
    const auto input = args.value("--input");
    if (!input) return usage_error("complete needs --input TEXT");
    infer::GenerateParams gp;
    infer::LoadParams lp;
    int64_t n = 256;
    if (auto e = int_option(args, "--max-tokens", 0, 1000000, n)) return usage_error(*e);
    gp.max_tokens = int(n);
    n = 0;
    if (auto e = int_option(args, "--threads", 0, 1024, n)) return usage_error(*e);
    lp.threads = int(n);
    n = 0;
    if (auto e = int_option(args, "--seed", 0, INT64_MAX, n)) return usage_error(*e);
    gp.sampling.seed = uint64_t(n);
    n = 0;
    if (auto e = int_option(args, "--top-k", 0, 1000000, n)) return usage_error(*e);
    gp.sampling.top_k = int(n);
    if (auto e = float_option(args, "--temperature", 0, 100, gp.sampling.temperature)) return usage_error(*e);
    if (auto e = float_option(args, "--top-p", 0, 1, gp.sampling.top_p)) return usage_error(*e);
    if (auto e = float_option(args, "--min-p", 0, 1, gp.sampling.min_p)) return usage_error(*e);
    if (auto e = float_option(args, "--repeat-penalty", 0.01, 100, gp.sampling.repeat_penalty))
        return usage_error(*e);

    auto runner = open_target(args.positional(0), lp);
    if (!runner) return report(runner.error());
    std::unique_ptr<infer::Constraint> constraint;
    if (args.has("--constrain") && args.has("--no-constrain"))
        return usage_error("--constrain and --no-constrain do not go together");
    if (!args.has("--no-constrain") && !runner->labels.empty()) {
        // A classification model answers with one of its labels: the one it scores highest.
        auto c = infer::Constraint::labels(runner->labels, *runner->tokenizer);
        if (!c) return report(c.error());
        constraint = std::move(*c);
    } else if (args.has("--constrain")) {
        auto c = spec_constraint(args.positional(0), *runner->tokenizer);
        if (!c) return report(c.error());
        constraint = std::move(*c);
    }
    gp.constraint = constraint.get();
    // Streaming: print the newly decoded text after each token, holding back an unfinished UTF-8
    // character (decoded as U+FFFD until its last byte piece arrives).
    std::vector<int32_t> so_far;
    std::string printed;
    if (!json) {
        gp.on_token = [&](int32_t id) {
            so_far.push_back(id);
            auto text = runner->tokenizer->decode(so_far);
            if (text && text->starts_with(printed) && !text->ends_with("\xEF\xBF\xBD")) {
                std::fwrite(text->data() + printed.size(), 1, text->size() - printed.size(), stdout);
                std::fflush(stdout);
                printed = std::move(*text);
            }
            return true;
        };
    }
    g_stop.store(false);
    gp.cancel = &g_stop;
    auto previous = std::signal(SIGINT, on_sigint_infer);
    auto c = infer::complete(*runner, *input, gp);
    std::signal(SIGINT, previous);
    if (!c) return report(c.error());
    if (json) {
        const auto &g = c->generation;
        print_json({{"prompt_tokens", c->prompt_tokens},
                    {"tokens", g.tokens},
                    {"text", c->text},
                    {"stop_reason", g.stop_reason},
                    {"constraint", constraint ? std::string(constraint->kind()) : std::string()},
                    {"constraint_closed", g.constraint_closed},
                    {"weight_type", infer::weight_type_name(runner->model->weight_type())},
                    {"prefill_s", g.prefill_s},
                    {"decode_s", g.decode_s}});
    } else {
        if (c->text.starts_with(printed))
            std::fwrite(c->text.data() + printed.size(), 1, c->text.size() - printed.size(), stdout);
        std::printf("\n");
    }
    return kExitOk;
}

}  // namespace

// Public for the bench command's dispatch (`bench infer MODEL.gguf`): args' first positional is the model.
int run_bench_infer(const Args &args);

int run_bench_infer(const Args &args) {
    const bool json = args.has("--json");
    infer::BenchParams bp;
    infer::LoadParams lp;
    int64_t n = 0;
    if (auto e = int_option(args, "--threads", 0, 1024, n)) return usage_error(*e);
    lp.threads = int(n);
    n = bp.prompt_tokens;
    if (auto e = int_option(args, "--prompt-tokens", 0, 1 << 20, n)) return usage_error(*e);
    bp.prompt_tokens = int(n);
    n = bp.gen_tokens;
    if (auto e = int_option(args, "--gen-tokens", 0, 1 << 20, n)) return usage_error(*e);
    bp.gen_tokens = int(n);
    n = bp.repetitions;
    if (auto e = int_option(args, "--repetitions", 1, 1000, n)) return usage_error(*e);
    bp.repetitions = int(n);
    const std::string &target = args.positionals().back();
    infer::Runner r;
    if (is_gguf(target)) {
        // The bench needs no tokenizer: a GGUF from any exporter will do.
        auto m = infer::Model::from_gguf(target, lp);
        if (!m) return report(m.error());
        r.model = std::move(*m);
    } else {
        auto opened = open_target(target, lp);
        if (!opened) return report(opened.error());
        r = std::move(*opened);
    }
    auto b = infer::bench_infer(*r.model, bp);
    if (!b) return report(b.error());
    const auto &c = r.model->config();
    if (json) {
        print_json({{"model", target},
                    {"weight_type", infer::weight_type_name(r.model->weight_type())},
                    {"parameters", c.parameter_count()},
                    {"threads", r.model->threads()},
                    {"isa", b->isa},
                    {"prompt_tokens", bp.prompt_tokens},
                    {"gen_tokens", bp.gen_tokens},
                    {"repetitions", bp.repetitions},
                    {"prefill_tokens_per_s", b->prefill_tokens_per_s},
                    {"prefill_stddev", b->prefill_stddev},
                    {"decode_tokens_per_s", b->decode_tokens_per_s},
                    {"decode_stddev", b->decode_stddev},
                    {"peak_rss_mib", b->peak_rss_mib}});
    } else {
        std::printf("%s: %s, %lld parameters, %d threads, %s kernels\n", target.c_str(),
                    infer::weight_type_name(r.model->weight_type()),
                    static_cast<long long>(c.parameter_count()), r.model->threads(), b->isa.c_str());
        std::printf(
            "prefill (pp%d): %.0f ± %.0f tokens/s\ndecode  (tg%d): %.0f ± %.0f tokens/s\npeak RSS %.1f MiB\n",
            bp.prompt_tokens, b->prefill_tokens_per_s, b->prefill_stddev, bp.gen_tokens,
            b->decode_tokens_per_s, b->decode_stddev, b->peak_rss_mib);
    }
    return kExitOk;
}

std::vector<Command> infer_commands() {
    const std::vector<OptionSpec> bench_options = {
        {"--threads", "N", "Threads (default: all cores)"},
        {"--prompt-tokens", "P", "Prompt tokens of the prefill test (default 128; 0 skips it)"},
        {"--gen-tokens", "G", "Tokens of the decode test (default 128; 0 skips it)"},
        {"--repetitions", "R", "Timed runs of each test after one warm-up (default 5)"},
        {"--json", "", "Print one JSON object"}};
    return {
        {{"export",
          "Write the newest trained model as a GGUF file llama.cpp, Ollama and LM Studio load",
          "PROJECT --quant f32|f16|q8_0|q4_0 --out FILE.gguf [--hf DIR] [--license SPDX] [--force] [--json]\n"
          "       PROJECT --compare [--split validation|test] [--threads N] [--json]",
          {"PROJECT"},
          {{"--quant", "TYPE", "Weight type of the matrices: f32, f16, q8_0 or q4_0 (norms stay f32)"},
           {"--out", "FILE", "The GGUF file to write (replaced atomically)"},
           {"--hf", "DIR",
            "Also write a Hugging Face folder (config.json, model.safetensors, tokenizer, card)"},
           {"--license", "SPDX",
            "License named in the model card (default: the project's license setting, else other)"},
           {"--force", "",
            "Replace a README.md or Modelfile beside the GGUF, or write into a --hf folder, that Smolify did "
            "not write"},
           {"--json", "", "Print one JSON object: path, bytes, sha256, readme, modelfile, hf"},
           {"--compare", "", "Write no model: print each type's exact file size and held-out loss"},
           {"--split", "NAME", "With --compare: validation (the run's held-out slice, default) or test"},
           {"--threads", "N", "With --compare: threads (default: all cores)"}},
          "Exports the newest training run's latest checkpoint with its tokenizer (also embedded for\n"
          "Smolify itself), chat template and system instruction, and records the file in the project.\n"
          "Writes README.md (the model card) and an Ollama Modelfile beside the GGUF.\n"
          "See docs/export.md and docs/inference.md."},
         run_export},
        {{"complete",
          "Answer one input with the student, from a project or an exported GGUF file",
          "MODEL.gguf|PROJECT --input TEXT [--max-tokens N] [--temperature T] [--seed S] [--constrain | "
          "--no-constrain] [--json]",
          {"MODEL"},
          {{"--input", "TEXT", "The user input; the prompt is formatted exactly as in training"},
           {"--max-tokens", "N", "Generated tokens at most (default 256)"},
           {"--temperature", "T", "0 (default) decodes greedily; higher samples more freely"},
           {"--top-k", "K", "Sample among the K most likely tokens (default 0: all)"},
           {"--top-p", "P", "Sample among the most likely tokens whose probability reaches P (default 1)"},
           {"--min-p", "M", "Drop tokens less likely than M times the most likely (default 0)"},
           {"--repeat-penalty", "R", "Penalise the last 64 tokens by R (default 1: off)"},
           {"--seed", "S", "Seed of the sampler (default 0)"},
           {"--threads", "N", "Threads (default: all cores)"},
           {"--constrain", "",
            "Only tokens that keep the project's output contract (labels, sections, JSON schema)"},
           {"--no-constrain", "",
            "Decode a classification model freely (by default its answer is one of its labels)"},
           {"--json", "", "Print {\"prompt_tokens\", \"tokens\", \"text\", ...} instead of streaming"}},
          "Generation stops at <|im_end|>, at </s> or after --max-tokens. A GGUF exported by Smolify\n"
          "answers exactly as its project does. A classification model (a project whose task is\n"
          "classification, or a GGUF with smolify.task.labels) answers with one of its labels unless\n"
          "--no-constrain is given. --constrain (projects only) decodes under the current task spec's\n"
          "output contract. See docs/inference.md."},
         run_complete},
        {{"bench-infer",
          "Measure prefill and decode speed of a model (as llama-bench's pp and tg tests)",
          "MODEL.gguf|PROJECT [--threads N] [--prompt-tokens P] [--gen-tokens G] [--json]",
          {"MODEL"},
          bench_options,
          "The same as `bench infer MODEL`. See bench/infer/README.md."},
         run_bench_infer},
    };
}

}  // namespace smolify::cli
