// smolify-cli train and tokenize. Wiring only, over core/train and core/text (and core/infer for a
// GGUF's embedded tokenizer).
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "base/hf_base.h"
#include "common.h"
#include "infer/runner.h"
#include "text/chat_format.h"
#include "text/tokenizer_store.h"
#include "train/runs.h"
#include "train/trainer.h"

namespace smolify::cli {

namespace {

// Ctrl+C pauses the run at the end of the current step (with a checkpoint) instead of killing it.
std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) {
    g_interrupted.store(true);
}

std::string format_duration(double s) {
    if (s < 0) return "?";
    long t = static_cast<long>(s + 0.5);
    char buf[32];
    if (t >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else
        std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
    return buf;
}

nlohmann::json report_json(const train::TrainReport &r) {
    auto opt = [](double x) { return x < 0 ? nlohmann::json() : nlohmann::json(x); };
    return {
        {"run_id", r.run_id},
        {"status", r.status},
        {"stop_reason", r.stop_reason},
        {"resumed", r.resumed},
        {"steps", r.steps},
        {"total_steps", r.total_steps},
        {"epochs", r.epochs},
        {"train_loss", r.train_loss},
        {"val_loss", opt(r.val_loss)},
        {"best_val_loss", opt(r.best_val_loss)},
        {"tokens_per_s", r.tokens_per_s},
        {"elapsed_s", r.elapsed_s},
        {"train_samples", r.train_samples},
        {"val_samples", r.val_samples},
        {"truncated", r.truncated},
        {"dropped", r.dropped},
        {"padding_waste", r.padding_waste},
        {"tokenizer_id", r.tokenizer_id},
        {"vocab_size", r.vocab_size},
        {"parameters", r.parameters},
        {"checkpoint", r.checkpoint},
        {"best_checkpoint", r.best_checkpoint.empty() ? nlohmann::json() : nlohmann::json(r.best_checkpoint)},
        {"val_accuracy", opt(r.val_accuracy)},
        {"best_val_accuracy", opt(r.best_val_accuracy)},
        {"val_score", opt(r.val_score)},
        {"best_val_score", opt(r.best_val_score)},
        {"plan", r.plan.to_json()}};
}

void print_plan(const train::TrainPlan &pl) {
    std::printf("Model: %s\n", pl.model_why.c_str());
    std::printf("Data: %lld approved samples; %s\n", static_cast<long long>(pl.samples), pl.fit_why.c_str());
    std::printf(
        "Schedule: %lld steps (%.1f epochs), peak learning rate %g, input loss weight %g, input dropout %g, "
        "dropout %g, best checkpoint by %s\n",
        static_cast<long long>(pl.total_steps), pl.epochs, pl.lr, pl.input_loss_weight, pl.input_dropout, pl.dropout,
        pl.select_metric.c_str());
    if (pl.copy_examples > 0)
        std::printf("Copy rows: %lld of the training inputs also teach repeating their start (share %g)\n",
                    static_cast<long long>(pl.copy_examples), pl.copy_rows);
    if (pl.label_distill > 0)
        std::printf("Labels: distilled at weight %g from an n-gram classifier (%.1f%% right out of fold)\n",
                    pl.label_distill, 100.0 * pl.distill_accuracy);
    std::fflush(stdout);
}

int run_base_info(const Args &args) {
    auto info = base::inspect_base(std::filesystem::path(args.positional(0)));
    if (!info) return report(info.error());
    if (args.has("--json")) {
        print_json(info->to_json());
        return 0;
    }
    const base::BaseInfo &b = *info;
    std::printf("%s%s: %s, %lld layers of width %lld (FFN %lld), %lld heads (%lld key/value, %lld wide)\n",
                args.positional(0).c_str(), b.name.empty() ? "" : (" (" + b.name + ")").c_str(),
                b.architecture.c_str(), static_cast<long long>(b.layers), static_cast<long long>(b.dim),
                static_cast<long long>(b.ffn), static_cast<long long>(b.heads), static_cast<long long>(b.kv_heads),
                static_cast<long long>(b.head_dim));
    std::printf("%.1fM weights (%s), vocabulary %lld (%s%s%s), context %lld, RoPE base %g%s%s%s%s\n",
                static_cast<double>(b.parameters) / 1e6, b.weight_type.c_str(), static_cast<long long>(b.vocab),
                b.tokenizer.c_str(), b.pre_tokenizer.empty() ? "" : ", pre-tokenizer ", b.pre_tokenizer.c_str(),
                static_cast<long long>(b.context), b.rope_theta,
                b.rope_scaling.empty() ? "" : (", scaling " + b.rope_scaling).c_str(),
                b.tied_embeddings ? ", tied embeddings" : "", b.qkv_bias ? ", q/k/v biases" : "",
                b.qk_norm ? ", q/k norms" : "");
    std::printf("Chat template: %s\n", b.has_chat_template ? "yes" : "none in the file");
    return 0;
}

int run_train(const Args &args) {
    const bool json = args.has("--json");
    const bool resume = args.has("--resume");
    train::TrainParams p;
    int64_t n = 0;
    int64_t threads = -1;
    if (auto e = int_option(args, "--threads", 0, 1024, threads)) return usage_error(*e);
    if (auto e = double_option(args, "--max-minutes", 0, 1e6, p.max_minutes)) return usage_error(*e);
    if (resume) {
        // The run's own settings come from its checkpoint; only the time budget and threads may change.
        for (const char *o :
             {"--preset",  "--max-steps",    "--max-epochs",    "--seed",          "--batch",
              "--seq",     "--lr",           "--input-weight",  "--input-dropout", "--dropout",
              "--label-distill", "--copy-rows", "--val-decode", "--system", "--max-seq", "--val-fraction", "--eval-interval", "--patience",      "--checkpoint-interval",
              "--vocab",   "--dim",          "--layers",        "--heads",         "--kv-heads",
              "--ffn"})
            if (args.has(o))
                return usage_error(std::string(o) +
                                   " cannot change a run being resumed; only --max-minutes and "
                                   "--threads can");
    }
    if (auto v = args.value("--preset")) p.preset = *v;
    train::TrainLimits limits;
    int64_t steps = 0, epochs = 0;
    if (auto e = int_option(args, "--max-steps", 0, 1000000000, steps)) return usage_error(*e);
    if (auto e = int_option(args, "--max-epochs", 0, 1000000, epochs)) return usage_error(*e);
    if (args.has("--max-steps")) limits.max_steps = steps;
    if (args.has("--max-epochs")) limits.max_epochs = epochs;
    limits.max_minutes = p.max_minutes;
    train::apply_limits(p, limits);  // as the Train page computes them
    n = static_cast<int64_t>(p.seed);
    if (auto e = int_option(args, "--seed", 0, INT64_MAX, n)) return usage_error(*e);
    p.seed = static_cast<uint64_t>(n);
    n = p.batch;
    if (auto e = int_option(args, "--batch", 1, 4096, n)) return usage_error(*e);
    p.batch = static_cast<int>(n);
    n = p.seq_len;
    if (auto e = int_option(args, "--seq", 16, 16384, n)) return usage_error(*e);
    p.seq_len = static_cast<int>(n);
    n = p.max_seq_len;
    if (auto e = int_option(args, "--max-seq", 64, 16384, n)) return usage_error(*e);
    p.max_seq_len = static_cast<int>(n);
    if (auto e = double_option(args, "--input-weight", 0, 10, p.input_loss_weight)) return usage_error(*e);
    if (auto e = double_option(args, "--input-dropout", 0, 0.9, p.input_dropout)) return usage_error(*e);
    if (auto e = double_option(args, "--dropout", 0, 0.9, p.dropout)) return usage_error(*e);
    if (auto e = double_option(args, "--label-distill", 0, 1, p.label_distill)) return usage_error(*e);
    if (auto e = double_option(args, "--copy-rows", 0, 1, p.copy_rows)) return usage_error(*e);
    n = p.decode_val_rows;
    if (auto e = int_option(args, "--val-decode", 0, 100000, n)) return usage_error(*e);
    p.decode_val_rows = static_cast<int>(n);
    if (auto v = args.value("--system")) {
        if (*v != "intent" && *v != "instruction")
            return usage_error("--system must be intent or instruction, not '" + *v + "'");
        p.system_prompt = *v;
    }
    if (auto e = double_option(args, "--lr", 1e-7, 0.5, p.lr)) return usage_error(*e);
    if (auto e = double_option(args, "--val-fraction", 0, 0.5, p.val_fraction)) return usage_error(*e);
    if (auto e = int_option(args, "--eval-interval", 1, 1000000000, p.eval_interval)) return usage_error(*e);
    n = p.patience;
    if (auto e = int_option(args, "--patience", 0, 1000000, n)) return usage_error(*e);
    p.patience = static_cast<int>(n);
    if (auto e = int_option(args, "--checkpoint-interval", 1, 1000000000, p.checkpoint_interval))
        return usage_error(*e);
    n = 0;
    if (auto e = int_option(args, "--vocab", 0, 65536, n)) return usage_error(*e);
    p.tokenizer_vocab = static_cast<int>(n);
    if (threads >= 0) p.threads = static_cast<int>(threads);
    // An explicit architecture: any of these replaces the preset, the rest from the preset.
    if (args.has("--dim") || args.has("--layers") || args.has("--heads") || args.has("--kv-heads") ||
        args.has("--ffn")) {
        auto base = model::preset(p.preset == "auto" ? "tiny" : p.preset, 4096);
        if (!base) return report(base.error());
        model::Config c = *base;
        int64_t x = 0;
        struct F {
            const char *opt;
            int *field;
        };
        for (F f : {F{"--dim", &c.dim}, F{"--layers", &c.layers}, F{"--heads", &c.heads},
                    F{"--kv-heads", &c.kv_heads}, F{"--ffn", &c.ffn}}) {
            x = *f.field;
            if (auto e = int_option(args, f.opt, 1, 65536, x)) return usage_error(*e);
            *f.field = static_cast<int>(x);
        }
        if (!args.has("--kv-heads")) c.kv_heads = c.heads;
        p.model = c;
    }

    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());

    if (args.has("--estimate")) {
        if (resume) return usage_error("--estimate plans a new run; it does not go with --resume");
        auto plan = train::plan_training(**project, p);
        if (!plan) return report(plan.error());
        if (json) {
            nlohmann::json j = plan->to_json();
            j["seconds_per_epoch"] = plan->seconds_per_epoch;
            print_json({{"plan", j}});
        } else {
            print_plan(*plan);
            std::printf("Estimate: %.0f tokens/s measured here, %s per epoch, about %s for the %lld steps\n",
                        plan->measured_tokens_per_s, format_duration(plan->seconds_per_epoch).c_str(),
                        format_duration(plan->seconds_per_epoch * plan->epochs).c_str(),
                        static_cast<long long>(plan->total_steps));
        }
        return 0;
    }

    ProgressLine line(!json);
    auto on_progress = [&](const train::TrainProgress &pr) {
        char buf[256], acc[32] = "";
        if (pr.val_accuracy >= 0) std::snprintf(acc, sizeof acc, "  acc %.1f%%", pr.val_accuracy * 100);
        if (pr.val_score >= 0) std::snprintf(acc, sizeof acc, "  score %.3f", pr.val_score);
        std::snprintf(buf, sizeof buf, "step %lld/%lld  loss %.4f  val %s%s  %.0f tok/s  %s left",
                      static_cast<long long>(pr.done), static_cast<long long>(pr.total), pr.train_loss,
                      pr.val_loss < 0 ? "-" : std::to_string(pr.val_loss).substr(0, 6).c_str(), acc,
                      pr.tokens_per_s, format_duration(pr.seconds_left).c_str());
        line.update(pr.fraction(), buf);
        return true;
    };
    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, on_sigint);
    Result<train::TrainReport> r = Error{};
    if (resume) {
        train::ResumeParams rp;
        rp.max_minutes = p.max_minutes;
        if (threads >= 0) rp.threads = static_cast<int>(threads);
        rp.hooks = {on_progress, &g_interrupted};
        r = train::resume(**project, rp);
    } else {
        p.hooks = {on_progress, &g_interrupted};
        if (!json) p.on_plan = print_plan;
        r = train::train(**project, p);
    }
    std::signal(SIGINT, previous);
    line.finish();
    if (!r) return report(r.error());
    if (json) {
        print_json(report_json(*r));
    } else {
        std::printf("Run %lld %s (%s) at step %lld of %lld: loss %.4f", static_cast<long long>(r->run_id),
                    r->status.c_str(), r->stop_reason.c_str(), static_cast<long long>(r->steps),
                    static_cast<long long>(r->total_steps), r->train_loss);
        if (r->best_val_loss >= 0) std::printf(", best validation loss %.4f", r->best_val_loss);
        if (r->best_val_accuracy >= 0) std::printf(", label accuracy %.1f%%", r->best_val_accuracy * 100);
        if (r->best_val_score >= 0) std::printf(", validation score %.3f (%s)", r->best_val_score,
                                                r->plan.select_metric.c_str());
        std::printf(", %.0f tokens/s, %s\n", r->tokens_per_s, format_duration(r->elapsed_s).c_str());
        std::printf(
            "%lld training and %lld validation samples, %lld truncated to the context, %lld dropped; "
            "%.1f%% padding\n",
            static_cast<long long>(r->train_samples), static_cast<long long>(r->val_samples),
            static_cast<long long>(r->truncated), static_cast<long long>(r->dropped), r->padding_waste * 100);
        std::printf("Checkpoint: %s\n", r->checkpoint.c_str());
        if (r->status == "paused")
            std::printf("Continue with: smolify-cli train %s --resume\n", args.positional(0).c_str());
    }
    return kExitOk;
}

// Ids and pieces as llama-tokenize prints them ("  ID -> 'PIECE'"), or one JSON object.
int print_tokens(const text::Tokenizer &tok, const std::string &text_arg, bool json, nlohmann::json fields) {
    auto ids = tok.encode(text_arg);
    if (!ids) return report(ids.error());
    if (json) {
        std::vector<std::string> pieces;
        for (int32_t id : *ids)
            pieces.push_back(tok.piece(id));
        fields["tokens"] = *ids;
        fields["pieces"] = pieces;
        fields["count"] = ids->size();
        fields["vocab_size"] = tok.vocab_size();
        print_json(fields);
    } else {
        for (int32_t id : *ids)
            std::printf("%6d -> '%s'\n", id, tok.piece(id).c_str());
        std::printf("%zu tokens\n", ids->size());
    }
    return kExitOk;
}

int run_tokenize(const Args &args) {
    const std::string text_arg = args.value("--text").value_or("");
    if (!args.has("--text")) return usage_error("tokenize needs --text TEXT");
    const std::string target = args.positional(0);
    if (target.size() >= 5 && target.compare(target.size() - 5, 5, ".gguf") == 0) {
        // The tokenizer Smolify embeds in its exports; a one-token cache, as no model runs.
        auto runner = infer::open_gguf(target, {.threads = 1, .context = 1});
        if (!runner) return report(runner.error());
        return print_tokens(*runner->tokenizer, text_arg, args.has("--json"), {{"model", target}});
    }
    auto project = open_project(target);
    if (!project) return report(project.error());
    auto stored = text::latest_tokenizer(**project);
    if (!stored) return report(stored.error());
    if (!*stored)
        return report(
            user_error("the project has no tokenizer yet; it is trained with the model (smolify-cli train)"));
    return print_tokens(*(*stored)->tokenizer, text_arg, args.has("--json"),
                        {{"tokenizer_id", (*stored)->id}});
}

}  // namespace

std::vector<Command> train_commands() {
    return {
        {{"train",
          "Train the student model on the approved samples",
          "PROJECT [--preset auto|micro|tiny|small|base] [--max-minutes M] [--max-steps N] [--seed S] "
          "[--resume] "
          "[--json]",
          {"PROJECT"},
          {{"--preset", "NAME",
            "Model size: auto (default: sized to --max-minutes on this machine; tiny without it), micro "
            "(~0.7M parameters), tiny (~2M), small (~6M) or base (~20M)"},
           {"--max-minutes", "M",
            "Time budget of this session; with --preset auto the model and the schedule are fitted to it, "
            "otherwise the run stops there (paused, resumable)"},
           {"--max-steps", "N", "Stop after N optimizer steps (then epochs are not limited unless given)"},
           {"--max-epochs", "N", "Stop after N passes over the training samples (default 20)"},
           {"--seed", "S", "Seed for initialisation, validation split and data order (default 1234)"},
           {"--resume", "", "Continue the newest run from its last checkpoint"},
           {"--batch", "B", "Sequences per step (default 16)"},
           {"--seq", "T",
            "Context length in tokens (default: the corpus's longest sample, within --max-seq)"},
           {"--max-seq", "T", "Cap on the automatic context (default 1024)"},
           {"--input-weight", "W",
            "Weight of the language-modelling loss on the input tokens beside the output's (default 0.1; "
            "0 off)"},
           {"--input-dropout", "P",
            "Share of the input's tokens left out of each training row, drawn anew every epoch (default 0.1, "
            "0.2 for classification; 0 off)"},
           {"--dropout", "P",
            "Residual dropout in training steps: the share of each block's output zeroed (default 0, off)"},
           {"--label-distill", "W",
            "Classification: weight of an n-gram classifier's out-of-fold label distribution in each "
            "training answer (default 0, off)"},
           {"--copy-rows", "S",
            "Text and JSON tasks: share of the training inputs that also make a row whose answer repeats the "
            "input's first 24 words, so the model learns to carry words from input to answer (default 0, off; "
            "0.5 helped small corpora that overfit and hurt soap-notes; ignored for classification)"},
           {"--val-decode", "N",
            "Tasks without labels: validation samples answered greedily at each validation pass, whose "
            "task score (ROUGE-L, field F1) picks the best checkpoint (default 64; 0: validation loss)"},
           {"--system", "WHAT",
            "The student's system prompt: intent (default: 'Task: ' and the project's intent) or "
            "instruction (the task spec's whole instruction, in every training row)"},
           {"--lr", "LR", "Peak learning rate (default: 0.001 for classification, else 7.5e-5 x sqrt(tokens a step) within 0.001 and 0.576 / the model's width)"},
           {"--val-fraction", "F", "Share of the approved train split held out for validation (default 0.1)"},
           {"--eval-interval", "N", "Steps between validation passes (default: about 20 over the run)"},
           {"--patience", "N", "Validation passes without improvement before stopping (default 5; 0 never)"},
           {"--checkpoint-interval", "N", "Steps between checkpoints (default 100)"},
           {"--vocab", "V", "Tokenizer vocabulary size (default: sized to the corpus, 1024..8192)"},
           {"--dim", "D", "Model width, replacing the preset's"},
           {"--layers", "L", "Number of blocks, replacing the preset's"},
           {"--heads", "H", "Attention heads, replacing the preset's"},
           {"--kv-heads", "K", "Key/value heads (default: as many as --heads)"},
           {"--ffn", "F", "SwiGLU hidden width, replacing the preset's"},
           {"--threads", "N",
            "Worker threads (default: all cores; results are reproducible per thread count)"},
           {"--estimate", "",
            "Plan the run and measure this machine's pace without training: the model, the context and "
            "what it cuts, the schedule, the time per epoch"},
           {"--json", "", "Print one JSON object with the outcome"}},
          "Trains on the approved samples of the train split; the test split is never used. A run that\n"
          "is interrupted (Ctrl+C, --max-minutes, a crash or kill -9) continues with --resume exactly\n"
          "where its last checkpoint left it. See docs/training.md."},
         run_train},
        {{"tokenize",
          "Show how the project's or a GGUF's tokenizer splits a text",
          "PROJECT|MODEL.gguf --text TEXT [--json]",
          {"PROJECT"},
          {{"--text", "TEXT", "The text to tokenize"},
           {"--json", "", "Print {\"tokens\": [ids], \"pieces\": [...], \"count\": N}"}},
          "Uses the newest tokenizer trained in the project (smolify-cli train trains one), or the\n"
          "tokenizer a Smolify GGUF embeds. Control tokens are never produced from text."},
         run_tokenize},
        {{"base-info",
          "Check a pretrained base model (a GGUF or a Hugging Face folder): architecture, shape, tokenizer",
          "MODEL.gguf|FOLDER [--json]",
          {"MODEL.gguf"},
          {{"--json", "", "Print one JSON object with what the file holds"}},
          "Reads llama.cpp's metadata (a GGUF) or config.json and the safetensors headers (a folder) of a\n"
          "llama, qwen2 or qwen3 model (SmolLM2, TinyLlama, Llama 3.x,\n"
          "Qwen2.5, Qwen3) and checks every tensor the architecture needs against its hyperparameters.\n"
          "A file of another architecture is refused with the list of supported ones. Fine-tuning such\n"
          "a base is issue 14's work in progress."},
         run_base_info},
    };
}

}  // namespace smolify::cli
