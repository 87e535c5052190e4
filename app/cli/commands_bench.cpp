// smolify-cli bench train (and, later, bench infer). Wiring only, over core/model/bench.h.
#include <cstdio>
#include <cstdlib>

#include "common.h"
#include "model/bench.h"

namespace smolify::cli {

namespace {

std::optional<std::string> read_int(const Args &args, const char *name, int64_t lo, int64_t hi, int &out) {
    if (auto v = args.value(name)) {
        auto n = parse_int(*v);
        if (!n || *n < lo || *n > hi)
            return std::string(name) + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        out = static_cast<int>(*n);
    }
    return std::nullopt;
}

int run_bench_train(const Args &args) {
    model::TrainBenchParams params;
    int vocab = 4096;
    if (auto e = read_int(args, "--vocab", 2, 1'000'000, vocab)) return usage_error(*e);
    if (auto p = args.value("--preset")) {
        for (const char *shape : {"--dim", "--layers", "--heads", "--kv-heads", "--ffn"})
            if (args.has(shape)) return usage_error(std::string("--preset sets the shape; drop ") + shape);
        auto c = model::preset(*p, vocab);
        if (!c) return report(c.error());
        params.config = *c;
    } else {
        params.config.vocab = vocab;
        model::Config &c = params.config;
        for (auto [name, field] : {std::pair{"--dim", &c.dim}, {"--layers", &c.layers}, {"--heads", &c.heads},
                                   {"--kv-heads", &c.kv_heads}, {"--ffn", &c.ffn}})
            if (auto e = read_int(args, name, 1, 65536, *field)) return usage_error(*e);
        if (!args.has("--kv-heads")) c.kv_heads = c.heads;
        if (Status s = c.validate(); !s) return report(s.error());
    }
    if (args.has("--untied")) params.config.tied = false;
    if (auto e = read_int(args, "--batch", 1, 4096, params.batch)) return usage_error(*e);
    if (auto e = read_int(args, "--seq", 1, 65536, params.seq)) return usage_error(*e);
    if (auto e = read_int(args, "--threads", 0, 1024, params.threads)) return usage_error(*e);
    if (auto e = read_int(args, "--steps", 1, 1'000'000, params.steps)) return usage_error(*e);
    if (auto e = read_int(args, "--warmup", 0, 1000, params.warmup)) return usage_error(*e);
    if (auto v = args.value("--seconds")) {
        char *end = nullptr;
        params.seconds = std::strtod(v->c_str(), &end);
        if (v->empty() || *end != '\0' || !(params.seconds > 0.0 && params.seconds <= 86400.0))
            return usage_error("--seconds takes a number of seconds above 0");
    }
    params.measure_peak = !args.has("--no-peak");
    const bool json = args.has("--json");
    ProgressLine progress(!json);
    const double planned = params.steps > 0 ? 0.0 : params.seconds;
    params.hooks.on_progress = [&](const model::TrainBenchProgress &p) {
        char text[96];
        std::snprintf(text, sizeof text, "step %lld, %.0f tokens/s, loss %.3f", static_cast<long long>(p.done),
                      p.tokens_per_s, p.loss);
        progress.update(planned > 0 ? std::min(1.0, p.elapsed_s / planned) : -1.0, text);
        return true;
    };
    auto r = model::bench_train(params);
    progress.finish();
    if (!r) return report(r.error());

    const double ratio = r->sgemm_peak_gflops > 0 ? r->gflops / r->sgemm_peak_gflops : 0.0;
    if (json) {
        nlohmann::json sgemm = nlohmann::json::array(), phases = nlohmann::json::object();
        for (const auto &s : r->sgemm) sgemm.push_back({{"m", s.m}, {"n", s.n}, {"k", s.k}, {"gflops", s.gflops}});
        for (const auto &ph : r->phases) phases[ph.name] = ph.seconds;
        print_json({{"impl", "smolify"},
                    {"params", r->config.parameter_count()},
                    {"config", r->config.to_json()},
                    {"batch", r->batch},
                    {"seq", r->seq},
                    {"threads", r->threads},
                    {"update", "adamw+clip"},
                    {"steps", r->steps},
                    {"seconds", r->seconds},
                    {"tokens_per_s", r->tokens_per_s},
                    {"flops_per_token", r->flops_per_token},
                    {"gflops", r->gflops},
                    {"sgemm_peak_gflops", r->sgemm_peak_gflops},
                    {"ratio_to_peak", ratio},
                    {"sgemm", sgemm},
                    {"peak_rss_mib", r->peak_rss_mib},
                    {"first_loss", r->first_loss},
                    {"last_loss", r->last_loss},
                    {"phase_seconds", phases},
                    {"blas", r->blas_config}});
        return kExitOk;
    }
    const auto &c = r->config;
    std::printf("Model: %.2fM parameters (vocab %d, dim %d, %d layers, %d/%d heads, ffn %d, %s)\n",
                double(c.parameter_count()) / 1e6, c.vocab, c.dim, c.layers, c.heads, c.kv_heads, c.ffn,
                c.tied ? "tied" : "untied");
    std::printf("Batch %d x %d tokens, %d threads, %d timed steps in %.1f s (AdamW + clipping)\n", r->batch, r->seq,
                r->threads, r->steps, r->seconds);
    std::printf("Throughput: %.0f tokens/s, %.1f GFLOP/s", r->tokens_per_s, r->gflops);
    if (r->sgemm_peak_gflops > 0)
        std::printf(" = %.0f%% of the sgemm peak (%.1f GFLOP/s here)", 100.0 * ratio, r->sgemm_peak_gflops);
    std::printf("\nPeak memory: %.0f MiB; loss %.3f -> %.3f\nTime by kind of work:", r->peak_rss_mib, r->first_loss,
                r->last_loss);
    for (const auto &ph : r->phases) std::printf(" %s %.0f%%", ph.name.c_str(), 100.0 * ph.seconds / r->seconds);
    std::printf("\n");
    return kExitOk;
}

int run_bench(const Args &args) {
    const std::string &what = args.positional(0);
    if (what == "train") return run_bench_train(args);
    return usage_error("bench takes 'train' or 'infer MODEL.gguf' (not '" + what + "')");
}

}  // namespace

std::vector<Command> bench_commands() {
    Command bench{
        {"bench",
         "Measure training throughput against the machine's sgemm peak",
         "train [--preset P | --vocab V --dim D --layers L --heads H --kv-heads K --ffn F] [options]",
         {"WHAT"},
         {{"--preset", "P", "tiny, small or base (with --vocab, default 4096)"},
          {"--vocab", "V", "Vocabulary size (default 4096)"},
          {"--dim", "D", "Model width, a multiple of 32 (default 256)"},
          {"--layers", "L", "Blocks (default 4)"},
          {"--heads", "H", "Attention heads (default 8)"},
          {"--kv-heads", "K", "Key/value heads (default: as many as --heads)"},
          {"--ffn", "F", "SwiGLU hidden width, a multiple of 32 (default 704)"},
          {"--untied", "", "A separate output head instead of the embedding"},
          {"--batch", "B", "Sequences per step (default 16)"},
          {"--seq", "T", "Tokens per sequence (default 256)"},
          {"--threads", "N", "Threads (default: all cores)"},
          {"--seconds", "S", "Timed seconds (default 15)"},
          {"--steps", "N", "Exactly N timed steps instead of a time"},
          {"--warmup", "N", "Untimed steps first (default 2)"},
          {"--no-peak", "", "Skip the sgemm peak measurement"},
          {"--json", "", "Print one JSON object"}},
         "Trains on random tokens: forward, backward and an AdamW update with gradient clipping per step,\n"
         "as ../shared/bench/torch_reference.py does. GFLOP/s use 6 x (matrix weights, output head\n"
         "included) + 6 x layers x seq x dim per token. The sgemm peak is OpenBLAS's best on a few shapes,\n"
         "measured in the same process with the same threads."},
        run_bench};
    return {bench};
}

}  // namespace smolify::cli
