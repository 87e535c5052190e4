// The training loop, new runs and resumed runs (see trainer.h).
#include "train/trainer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <numbers>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "eval/kind.h"
#include "eval/score.h"
#include "eval/split.h"
#include "infer/constrain.h"
#include "infer/generate.h"
#include "infer/infer.h"
#include "store/sqlite.h"
#include "text/chat_format.h"
#include "text/tokenizer_store.h"
#include "train/checkpoint.h"
#include "train/dataset.h"
#include "train/runs.h"
#include "train/soft_labels.h"
#include "util/hash.h"

namespace smolify::train {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- parameters ---------------------------------------------------------------------------------

nlohmann::json TrainParams::to_json() const {
    nlohmann::json j = {{"preset", preset},
                        {"seq_len", seq_len},
                        {"max_seq_len", max_seq_len},
                        {"input_loss_weight", input_loss_weight},
                        {"input_dropout", input_dropout},
                        {"dropout", dropout},
                        {"label_distill", label_distill},
                        {"copy_rows", copy_rows},
                        {"decode_val_rows", decode_val_rows},
                        {"system_prompt", system_prompt},
                        {"batch", batch},
                        {"lr", lr},
                        {"min_lr_ratio", min_lr_ratio},
                        {"warmup_steps", warmup_steps},
                        {"weight_decay", weight_decay},
                        {"beta1", beta1},
                        {"beta2", beta2},
                        {"adam_eps", adam_eps},
                        {"grad_clip", grad_clip},
                        {"val_fraction", val_fraction},
                        {"eval_interval", eval_interval},
                        {"patience", patience},
                        {"checkpoint_interval", checkpoint_interval},
                        {"max_steps", max_steps},
                        {"max_epochs", max_epochs},
                        {"max_minutes", max_minutes},
                        {"seed", seed},
                        {"threads", threads},
                        {"tokenizer_vocab", tokenizer_vocab},
                        {"min_samples", min_samples}};
    if (model) j["model"] = model->to_json();
    return j;
}

Result<TrainParams> TrainParams::from_json(const nlohmann::json &j) {
    if (!j.is_object()) return user_error("training parameters: expected a JSON object");
    TrainParams p;
    try {
        auto get = [&](const char *key, auto &out) {
            if (j.contains(key)) out = j.at(key).get<std::remove_reference_t<decltype(out)>>();
        };
        get("preset", p.preset);
        get("seq_len", p.seq_len);
        get("max_seq_len", p.max_seq_len);
        // A run recorded before the input loss existed trained on the output alone.
        p.input_loss_weight = 0;
        get("input_loss_weight", p.input_loss_weight);
        p.input_dropout = 0;  // likewise without input dropout
        get("input_dropout", p.input_dropout);
        p.dropout = 0;
        get("dropout", p.dropout);
        p.label_distill = 0;
        get("label_distill", p.label_distill);
        p.copy_rows = 0;  // a run recorded before copy rows had none
        get("copy_rows", p.copy_rows);
        p.decode_val_rows = 0;  // a run recorded before it selected on validation loss
        get("decode_val_rows", p.decode_val_rows);
        p.system_prompt = "instruction";  // a run recorded before the choice trained on the instruction
        get("system_prompt", p.system_prompt);
        get("batch", p.batch);
        get("lr", p.lr);
        get("min_lr_ratio", p.min_lr_ratio);
        get("warmup_steps", p.warmup_steps);
        get("weight_decay", p.weight_decay);
        get("beta1", p.beta1);
        get("beta2", p.beta2);
        get("adam_eps", p.adam_eps);
        get("grad_clip", p.grad_clip);
        get("val_fraction", p.val_fraction);
        get("eval_interval", p.eval_interval);
        get("patience", p.patience);
        get("checkpoint_interval", p.checkpoint_interval);
        get("max_steps", p.max_steps);
        get("max_epochs", p.max_epochs);
        get("max_minutes", p.max_minutes);
        get("seed", p.seed);
        get("threads", p.threads);
        get("tokenizer_vocab", p.tokenizer_vocab);
        get("min_samples", p.min_samples);
    } catch (const nlohmann::json::exception &e) {
        return user_error(std::string("training parameters: ") + e.what());
    }
    if (j.contains("model")) {
        auto c = model::Config::from_json(j["model"]);
        if (!c) return c.error();
        p.model = *c;
    }
    return p;
}

nlohmann::json TrainPlan::to_json() const {
    return {{"preset", preset},
            {"model", model},
            {"model_why", model_why},
            {"parameters", parameters},
            {"seq_len", seq_len},
            {"seq_auto", seq_auto},
            {"seq_cap", seq_cap},
            {"length_p50", length_p50},
            {"length_p99", length_p99},
            {"length_max", length_max},
            {"samples", samples},
            {"truncated", truncated},
            {"input_cut", input_cut},
            {"dropped", dropped},
            {"fit_why", fit_why},
            {"total_steps", total_steps},
            {"steps_per_epoch", steps_per_epoch},
            {"epochs", epochs},
            {"measured_tokens_per_s", measured_tokens_per_s},
            {"lr", lr},
            {"input_loss_weight", input_loss_weight},
            {"input_dropout", input_dropout},
            {"dropout", dropout},
            {"label_distill", label_distill},
            {"copy_rows", copy_rows},
            {"copy_examples", copy_examples},
            {"distill_accuracy", distill_accuracy},
            {"select_metric", select_metric}};
}

double default_lr(const model::Config &config, bool labels, double tokens_per_step) {
    if (labels) return kLrLabels;
    const double by_width = kLrWidth / static_cast<double>(std::max(32, config.dim));
    const double by_tokens = kLrTokens * std::sqrt(std::max(0.0, tokens_per_step));
    return std::max(kLrLabels, std::min(by_width, by_tokens));
}

namespace {

Status check_params(const TrainParams &p) {
    auto bad = [](const std::string &what) { return Status(user_error("training parameters: " + what)); };
    if (p.seq_len != 0 && (p.seq_len < 16 || p.seq_len > 16384))
        return bad("the sequence length must be 16..16384 tokens (or 0: sized to the corpus)");
    if (p.max_seq_len < 64 || p.max_seq_len > 16384) return bad("the context cap must be 64..16384 tokens");
    if (!(p.input_loss_weight <= 10))
        return bad("the input loss weight must be at most 10 (negative: by task kind)");
    if (!(p.input_dropout <= 0.9))
        return bad("the input dropout must be at most 0.9 (negative: by task kind)");
    if (!(p.dropout <= 0.9)) return bad("the dropout must be at most 0.9 (negative: the default)");
    if (p.decode_val_rows < 0 || p.decode_val_rows > 100000)
        return bad("the decoded validation rows must be 0..100000");
    if (!(p.copy_rows <= 1.0)) return bad("the copy rows share must be at most 1 (negative: by task kind)");
    if (!(p.label_distill <= 1.0))
        return bad("the label distillation weight must be at most 1 (negative: by task kind)");
    if (p.system_prompt != "intent" && p.system_prompt != "instruction")
        return bad("the system prompt must be \"intent\" or \"instruction\"");
    if (p.batch < 1 || p.batch > 4096) return bad("the batch must be 1..4096 rows");
    if (!(p.lr < 1) || p.lr == 0) return bad("the learning rate must be in (0, 1) (negative: by task kind and model width)");
    if (!(p.min_lr_ratio >= 0 && p.min_lr_ratio <= 1)) return bad("min_lr_ratio must be in [0, 1]");
    if (p.warmup_steps < 0) return bad("warmup steps cannot be negative");
    if (!(p.weight_decay >= 0)) return bad("weight decay cannot be negative");
    if (!(p.beta1 >= 0 && p.beta1 < 1 && p.beta2 >= 0 && p.beta2 < 1)) return bad("betas must be in [0, 1)");
    if (!(p.val_fraction >= 0 && p.val_fraction <= 0.5)) return bad("the validation fraction must be 0..0.5");
    if (p.eval_interval < 0 || p.checkpoint_interval < 1) return bad("intervals must be at least 1 step");
    if (p.patience < 0) return bad("patience cannot be negative");
    if (p.max_steps < 0 || p.max_epochs < 0 || !(p.max_minutes >= 0)) return bad("limits cannot be negative");
    if (p.max_steps == 0 && p.max_epochs == 0) return bad("set a maximum number of steps or epochs");
    if (p.threads < 0 || p.threads > 1024) return bad("threads must be 0 (all cores) to 1024");
    return {};
}

// ---- the one-trainer-per-project lock -----------------------------------------------------------

class RunLock {
public:
    ~RunLock() {
        if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
    }
    Status acquire(const fs::path &artifacts) {
        std::error_code ec;
        fs::create_directories(artifacts, ec);
        const fs::path path = artifacts / "train.lock";
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) return user_error("cannot create " + path.string() + ": " + std::strerror(errno));
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0)
            return user_error(
                "the project is busy: another training run is in progress on it; wait for it or "
                "stop it first");
        return {};
    }
    void release() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};

// A run stopped by a failing write (a checkpoint, the store) is paused at its last complete
// checkpoint and resumes from there; the error says so, and on a full disk says that first.
Error paused_error(const store::Project &project, const Error &e, int64_t step) {
    Error out = e;
    std::string what = e.message;
    const std::string generic = "; free some space and try again";  // the store's advice (store/guard.h)
    if (what.ends_with(generic)) what.resize(what.size() - generic.size());
    const std::string where = "training is paused at step " + std::to_string(step) +
                              (step > 0 ? ", its last complete checkpoint" : " (nothing trained yet)");
    const std::string resume = "smolify-cli train " + project.path().string() + " --resume";
    if (e.disk_full)
        out.message = (what.starts_with("the disk is full") ? "" : "the disk is full: ") + what + "; " +
                      where + "; free some space and resume with: " + resume;
    else
        out.message = what + "; " + where + "; once that is fixed, resume with: " + resume;
    return out;
}

std::string examples_digest(const std::vector<Example> &train, const std::vector<Example> &val) {
    std::vector<std::string> parts;
    parts.reserve(train.size() + val.size() + 1);
    for (const auto *set : {&train, &val}) {
        for (const Example &e : *set) {
            std::string s(reinterpret_cast<const char *>(&e.sample_id), sizeof e.sample_id);
            s.append(reinterpret_cast<const char *>(&e.prompt_tokens), sizeof e.prompt_tokens);
            s.append(reinterpret_cast<const char *>(e.tokens.data()), e.tokens.size() * sizeof(int32_t));
            parts.push_back(std::move(s));
        }
        parts.emplace_back("|");
    }
    return text::corpus_sha256(parts);
}

double json_or(const nlohmann::json &j, const char *key, double fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

// ---- the session: everything one process holds while training a run ------------------------------

struct Session {
    store::Project &project;
    TrainParams p;
    int64_t run_id = 0;
    int64_t tokenizer_id = 0;
    std::unique_ptr<text::Tokenizer> tok;
    std::string system;
    std::vector<int64_t> train_ids, val_ids;
    std::vector<Example> train_ex, val_ex;
    EncodeStats stats;  // over train and validation together
    std::string data_sha;
    model::Config config;
    std::unique_ptr<model::Model> net;
    std::vector<float> m, v;
    int64_t copy_count = 0;  // copy rows among train_ex (make_copy_examples)

    int64_t step = 0, total = 0, spe = 0, last_eval_step = 0, last_ckpt_step = -1;
    int64_t plan_epoch_index = -1;
    std::vector<std::vector<int32_t>> plan;  // the current epoch's batches
    double best_val = std::numeric_limits<double>::infinity();
    int64_t evals_since_best = 0;
    double last_val = -1, last_loss = 0, last_lr = 0;
    double elapsed_before = 0;
    bool resumed = false;
    // Classification: the label set, and the constraint that decodes labels as eval does; the best
    // checkpoint is then chosen on label accuracy (ties on loss).
    std::vector<std::string> label_set;
    std::unique_ptr<infer::Constraint> labels;
    double best_acc = -1, last_acc = -1;
    // Classification with label distillation: the soft targets, and the current epoch's rows with
    // their answers drawn from them.
    SoftLabels soft;
    std::vector<Example> drawn_ex;
    int64_t drawn_epoch = -1;
    // Kinds without labels, decode_val_rows > 0: the validation rows answered greedily at every
    // validation pass and scored on the task's metric, which then chooses the best checkpoint.
    struct DecodeRow {
        std::size_t example = 0;  // into val_ex
        std::string input, reference;
    };
    std::optional<eval::TaskProfile> decode_profile;
    std::vector<DecodeRow> decode_rows;
    int decode_max_tokens = 0;
    TrainPlan run_plan;  // what a new run decided before its first step
    // The auto preset's budget: after every validation pass the schedule is fitted again to the pace
    // and validation cost this session actually sees (the first plan's are estimates).
    bool refit_each_eval = false;
    Clock::time_point deadline;
    double step_seconds = 0, eval_seconds = 0;  // this session
    double last_eval_seconds = 0;
    int64_t evals_done = 0;                     // what a new run decided before its first step

    Clock::time_point session_start = Clock::now();
    std::deque<std::pair<Clock::time_point, int64_t>> pace;  // (end of step, tokens) of recent steps
    int64_t session_tokens = 0, session_steps = 0;
    std::vector<MetricRow> pending;
    Clock::time_point last_flush = Clock::now();

    explicit Session(store::Project &pr) : project(pr) {}

    fs::path ckpt_path(bool best) const { return project.artifacts_dir() / checkpoint_relpath(run_id, best); }
    double session_seconds() const {
        return std::chrono::duration<double>(Clock::now() - session_start).count();
    }
    double elapsed() const { return elapsed_before + session_seconds(); }

    double lr_at(int64_t s) const {
        const int64_t warm = std::min(p.warmup_steps, std::max<int64_t>(1, total / 5));
        if (s < warm) return p.lr * static_cast<double>(s + 1) / static_cast<double>(warm);
        const double progress =
            static_cast<double>(s - warm) / static_cast<double>(std::max<int64_t>(1, total - warm));
        const double min_lr = p.lr * p.min_lr_ratio;
        return min_lr + 0.5 * (p.lr - min_lr) * (1.0 + std::cos(std::numbers::pi * std::min(1.0, progress)));
    }

    double tokens_per_s() const {
        if (pace.size() < 2) return 0;
        int64_t tokens = 0;
        for (std::size_t i = 1; i < pace.size(); ++i)
            tokens += pace[i].second;
        double dt = std::chrono::duration<double>(pace.back().first - pace.front().first).count();
        return dt > 0 ? static_cast<double>(tokens) / dt : 0;
    }

    nlohmann::json header() const {
        nlohmann::json plan_json = plan_epoch_index >= 0 ? nlohmann::json(plan) : nlohmann::json::array();
        return {{"format", "smolify-checkpoint"},
                {"run_id", run_id},
                {"step", step},
                {"total_steps", total},
                {"steps_per_epoch", spe},
                {"seed", p.seed},
                {"params", p.to_json()},
                {"model", config.to_json()},
                {"tokenizer_id", tokenizer_id},
                {"tokenizer_sha256", tok->sha256()},
                {"system_prompt", system},
                {"train_ids", train_ids},
                {"val_ids", val_ids},
                {"data_sha256", data_sha},
                {"plan_epoch", plan_epoch_index},
                {"epoch_plan", plan_json},
                {"last_eval_step", last_eval_step},
                {"best_val_loss", std::isfinite(best_val) ? nlohmann::json(best_val) : nlohmann::json()},
                {"evals_since_best", evals_since_best},
                {"last_val_loss", last_val},
                {"select_labels", label_set},
                {"best_val_accuracy", best_acc},
                {"last_val_accuracy", last_acc},
                {"elapsed_s", elapsed()}};
    }

    Status flush_metrics() {
        if (pending.empty()) return {};
        if (auto st = write_metrics(project, run_id, pending); !st) return st;
        pending.clear();
        last_flush = Clock::now();
        return {};
    }

    // Metrics up to `step` reach the store before the checkpoint that covers them.
    Status save(bool best) {
        if (auto st = flush_metrics(); !st) return st;
        auto params = net->params();
        auto written = best ? write_checkpoint(ckpt_path(true), header(), params, {}, {})
                            : write_checkpoint(ckpt_path(false), header(), params, m, v);
        if (!written) return written.error();
        if (!best) last_ckpt_step = step;
        CheckpointRow row{0, run_id, step, checkpoint_relpath(run_id, best), written->sha256, written->bytes};
        if (auto st = record_checkpoint(project, row); !st) return st;
        return update_run(project, run_id, "running", step, "",
                          std::isfinite(best_val) ? std::optional<double>(best_val) : std::nullopt);
    }

    // Sets up the model and everything derived from the examples; the run's state comes after.
    Status build() {
        config.vocab = tok->vocab_size();
        config.max_seq = p.seq_len;
        if (auto st = config.validate(); !st) return st;
        auto net_or = model::Model::create(config, p.batch, p.seq_len);
        if (!net_or) return net_or.error();
        net = std::move(net_or).value();
        net->set_threads(p.threads);
        net->set_sparse_head(true);  // only the positions the loss counts meet the output head
        const std::size_t n = net->params().size();
        m.assign(n, 0.0f);
        v.assign(n, 0.0f);
        spe = static_cast<int64_t>(plan_epoch(train_ex, p.batch, p.seed, 0).size());
        total = p.max_epochs > 0 ? p.max_epochs * spe : std::numeric_limits<int64_t>::max();
        if (p.max_steps > 0) total = std::min(total, p.max_steps);
        // About 20 validation passes over the schedule (recorded in the run, so a resume keeps it).
        if (p.eval_interval <= 0) p.eval_interval = std::clamp<int64_t>(total / 20, 5, 500);
        return {};
    }

    Status load_samples(std::span<const int64_t> ids, std::vector<store::Sample> &out) {
        // In pages: samples_by_ids binds every id.
        for (std::size_t i = 0; i < ids.size(); i += 500) {
            auto page = project.samples_by_ids(ids.subspan(i, std::min<std::size_t>(500, ids.size() - i)));
            if (!page) return page.error();
            for (auto &s : *page)
                out.push_back(std::move(s));
        }
        return {};
    }

    Status encode_sets(const std::vector<store::Sample> &train_s, const std::vector<store::Sample> &val_s) {
        EncodeStats a, b;
        auto tr = encode_examples(*tok, system, train_s, p.seq_len, &a);
        if (!tr) return tr.error();
        auto va = encode_examples(*tok, system, val_s, p.seq_len, &b);
        if (!va) return va.error();
        train_ex = std::move(tr).value();
        val_ex = std::move(va).value();
        // Copy rows (kinds that write text or JSON) beside the task's rows; validation stays the task's.
        auto copies = make_copy_examples(*tok, train_s, p.copy_rows, p.seq_len);
        if (!copies) return copies.error();
        copy_count = static_cast<int64_t>(copies->size());
        for (Example &e : *copies)
            train_ex.push_back(std::move(e));
        stats = {.samples = a.samples + b.samples,
                 .truncated = a.truncated + b.truncated,
                 .input_cut = a.input_cut + b.input_cut,
                 .dropped = a.dropped + b.dropped,
                 .tokens = a.tokens + b.tokens};
        return finish_encoding();
    }

    Status finish_encoding() {
        if (train_ex.empty())
            return user_error("no training sample fits the context of " + std::to_string(p.seq_len) +
                              " tokens; raise the sequence length");
        data_sha = examples_digest(train_ex, val_ex);
        return {};
    }

    // Sizes the context to the corpus (encoded whole): the 99th-percentile length within the cap.
    Status fit_context(int cap) {
        std::vector<int> lengths;
        lengths.reserve(train_ex.size() + val_ex.size());
        for (const auto *set : {&train_ex, &val_ex})
            for (const Example &e : *set)
                lengths.push_back(static_cast<int>(e.tokens.size()));
        const LengthStats ls = length_stats(lengths);
        run_plan.length_p50 = ls.p50;
        run_plan.length_p99 = ls.p99;
        run_plan.length_max = ls.max;
        p.seq_len = context_for(ls, cap);
        const EncodeStats a = fit_examples(train_ex, p.seq_len), b = fit_examples(val_ex, p.seq_len);
        stats = {.samples = a.samples + b.samples,
                 .truncated = a.truncated + b.truncated,
                 .input_cut = a.input_cut + b.input_cut,
                 .dropped = stats.dropped + a.dropped + b.dropped,
                 .tokens = a.tokens + b.tokens};
        return finish_encoding();
    }

    // Real (non-padding) tokens per second of training steps of `cfg` on this corpus: a warm-up step,
    // then four timed steps on batches spread over the first epoch's plan (their lengths vary).
    Result<double> measure_pace(const model::Config &cfg) {
        model::Config c = cfg;
        c.vocab = tok->vocab_size();
        c.max_seq = p.seq_len;
        if (auto st = c.validate(); !st) return st.error();
        auto probe = model::Model::create(c, p.batch, p.seq_len);
        if (!probe) return probe.error();
        auto &net_p = **probe;
        net_p.set_threads(p.threads);
        net_p.set_sparse_head(true);
        net_p.init_weights(p.seed);
        const auto order = plan_epoch(train_ex, p.batch, p.seed, 0);
        Batch batch;
        const float w = static_cast<float>(p.input_loss_weight);
        auto step_on = [&](std::size_t i) {
            fill_batch(train_ex, order[i % order.size()], batch, w);
            net_p.zero_grad();
            net_p.set_dropout(static_cast<float>(p.dropout), 1);
            net_p.forward(batch.tokens.data(), batch.targets.data(),
                          batch.weights.empty() ? nullptr : batch.weights.data(), batch.B, batch.T);
            net_p.backward();
            return batch.real_tokens;
        };
        step_on(0);
        int64_t tokens = 0;
        const auto t0 = Clock::now();
        for (std::size_t k = 1; k <= 4; ++k)
            tokens += step_on(k * order.size() / 5);
        const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
        // The optimizer and the gradient norm add a pass over the parameters per step.
        return secs > 0 ? static_cast<double>(tokens) / (secs * 1.05) : 1e9;
    }

    // The auto preset with a time budget: the largest preset that sees the corpus at least
    // kAutoMinEpochs times in the time left, and the steps that fill it (the cosine schedule ends
    // with the budget). `seconds` is the time left for training.
    Status plan_auto(double seconds) {
        const std::vector<std::string> names = model::preset_names();  // smallest first
        const int64_t steps_per_epoch = static_cast<int64_t>(plan_epoch(train_ex, p.batch, p.seed, 0).size());
        int64_t train_tokens = 0, val_tokens = 0;
        for (const Example &e : train_ex)
            train_tokens += static_cast<int64_t>(e.tokens.size()) - 1;
        for (const Example &e : val_ex)
            val_tokens += static_cast<int64_t>(e.tokens.size()) - 1;
        const double tokens_per_step =
            static_cast<double>(train_tokens) / static_cast<double>(std::max<int64_t>(1, steps_per_epoch));
        // The positions that meet the (sparse) output head: the output's, and the input's when they count.
        int64_t head_positions = 0;
        for (const Example &e : train_ex) {
            head_positions += static_cast<int64_t>(e.tokens.size()) - e.prompt_tokens;
            if (p.input_loss_weight > 0) head_positions += e.input_end - e.input_begin;
        }
        const double head_share =
            static_cast<double>(head_positions) / static_cast<double>(std::max<int64_t>(1, train_tokens));
        auto preset_config = [&](const std::string &name) { return model::preset(name, tok->vocab_size()); };
        // One measurement on "tiny"; the others scaled by their FLOPs per token, then the choice
        // measured again.
        auto tiny = preset_config("tiny");
        if (!tiny) return tiny.error();
        auto pace_tiny = measure_pace(*tiny);
        if (!pace_tiny) return pace_tiny.error();
        auto steps_for = [&](double tok_s) {
            // ~20 validation passes, each a forward over the validation slice (a third of a step's work).
            const double eval_s = 20.0 * static_cast<double>(val_tokens) / (3.0 * tok_s);
            const double train_s = std::max(0.0, seconds - eval_s);
            return static_cast<int64_t>(train_s * tok_s / std::max(1.0, tokens_per_step));
        };
        // Labels ask for more passes before a larger model (kAutoMinEpochsLabels).
        const double min_epochs = label_set.empty() ? kAutoMinEpochs : kAutoMinEpochsLabels;
        std::string chosen = names.front();
        double chosen_pace = -1;
        for (const std::string &name : names) {
            auto c = preset_config(name);
            if (!c) return c.error();
            const double est = *pace_tiny * tiny->train_flops_per_token(p.seq_len, head_share) /
                               c->train_flops_per_token(p.seq_len, head_share);
            const double epochs = static_cast<double>(steps_for(est)) / static_cast<double>(steps_per_epoch);
            if (name == names.front() || epochs >= min_epochs) {
                chosen = name;
                chosen_pace = est;
            }
        }
        if (chosen != "tiny") {
            auto c = preset_config(chosen);
            if (!c) return c.error();
            auto measured = measure_pace(*c);
            if (!measured) return measured.error();
            chosen_pace = *measured;
        } else {
            chosen_pace = *pace_tiny;
        }
        auto c = preset_config(chosen);
        if (!c) return c.error();
        config = *c;
        int64_t steps = std::max<int64_t>(1, steps_for(chosen_pace));
        steps = std::min<int64_t>(
            steps, static_cast<int64_t>(kAutoMaxEpochs * static_cast<double>(steps_per_epoch)));
        p.max_steps = steps;
        p.max_epochs = 0;
        run_plan.model = chosen;
        run_plan.measured_tokens_per_s = chosen_pace;
        char why[400];
        const double epochs = static_cast<double>(steps) / static_cast<double>(steps_per_epoch);
        if (epochs + 1e-9 >= min_epochs || chosen != names.front())
            std::snprintf(
                why, sizeof why,
                "%s: the largest model that sees the corpus at least %.0f times in the %.1f minutes left "
                "(%.0f tokens/s measured here; %lld steps, %.1f epochs)",
                chosen.c_str(), min_epochs, seconds / 60.0, chosen_pace, static_cast<long long>(steps),
                epochs);
        else
            std::snprintf(
                why, sizeof why,
                "%s: the smallest model, and still the %.1f minutes left allow only %.1f passes over the "
                "corpus (%.0f tokens/s measured here; %lld steps); give it more time for a better model",
                chosen.c_str(), seconds / 60.0, epochs, chosen_pace, static_cast<long long>(steps));
        run_plan.model_why = why;
        return {};
    }

    // Label distillation (classification, label_distill > 0): the out-of-fold soft targets of the
    // training rows. Deterministic, so a resumed run draws the same answers.
    Status make_soft_targets(std::span<const store::Sample> train_s) {
        soft = {};
        drawn_epoch = -1;
        if (label_set.empty() || !(p.label_distill > 0)) return {};
        auto sl = make_soft_labels(*tok, system, train_s, train_ex, label_set, p.label_distill);
        if (!sl) return sl.error();
        soft = std::move(sl).value();
        return {};
    }

    // The rows whose greedy answers score each validation pass: up to decode_val_rows, spread evenly over
    // the validation slice. None for classification (label accuracy is exact from the loss pass) or
    // when the task's kind cannot be told.
    void make_decode_rows(std::span<const store::Sample> val_s) {
        decode_rows.clear();
        decode_profile.reset();
        if (labels || p.decode_val_rows <= 0 || val_ex.empty()) return;
        auto profile = eval::task_profile(project);
        if (!profile) return;
        std::unordered_map<int64_t, const store::Sample *> by_id;
        for (const store::Sample &x : val_s)
            by_id.emplace(x.id, &x);
        const std::size_t n = std::min(static_cast<std::size_t>(p.decode_val_rows), val_ex.size());
        int longest = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t e = k * val_ex.size() / n;
            auto it = by_id.find(val_ex[e].sample_id);
            if (it == by_id.end()) continue;
            decode_rows.push_back({e, it->second->input, it->second->output});
            longest = std::max(longest, static_cast<int>(val_ex[e].tokens.size()) - val_ex[e].prompt_tokens);
        }
        decode_max_tokens = 2 * longest + 8;  // room to ramble, which the score then counts against it
        if (!decode_rows.empty()) decode_profile = std::move(profile).value();
    }

    std::string decoded_metric() const {
        if (!decode_profile) return "";
        const char *what = decode_profile->spec.kind == synth::TaskKind::json_extraction ? "field F1" : "ROUGE-L";
        return std::string(what) + " of greedy answers to " + std::to_string(decode_rows.size()) +
               " validation samples";
    }

    // The mean task score of the current weights' greedy answers to decode_rows (as eval decodes them):
    // nullopt when cancelled, -1 when none could be scored.
    std::optional<double> decoded_score(const std::atomic<bool> *cancel) {
        auto student = infer::Model::from_weights(config, net->params(), net->tensors(),
                                            {.threads = p.threads, .context = p.seq_len});
        if (!student) return -1.0;
        infer::GenerateParams gp;
        gp.stop_tokens = {text::kImEndId, text::kEosId};
        double sum = 0;
        int64_t n = 0;
        for (const DecodeRow &row : decode_rows) {
            if (cancel && cancel->load()) return std::nullopt;
            const Example &e = val_ex[row.example];
            gp.max_tokens = std::min(decode_max_tokens, p.seq_len - e.prompt_tokens);
            if (gp.max_tokens <= 0) continue;
            auto g = infer::generate(**student, std::span<const int32_t>(e.tokens.data(), e.prompt_tokens), gp);
            if (!g) continue;
            auto answer = tok->decode(g->tokens);
            if (!answer) continue;
            sum += eval::score_sample(*decode_profile, e.sample_id, row.input, row.reference, *answer).score;
            ++n;
        }
        return n > 0 ? sum / static_cast<double>(n) : -1.0;
    }

    Status make_label_constraint() {
        labels.reset();
        if (label_set.empty()) return {};
        auto c = infer::Constraint::labels(label_set, *tok);
        if (!c) return c.error();
        labels = std::move(c).value();
        return {};
    }

    // Whether constrained greedy decoding over the label set (infer::Constraint, as eval and complete
    // decode labels) writes exactly this row's reference label: along the teacher-forced reference,
    // each reference token must be the highest-scoring allowed token. That is exact for greedy
    // decoding, from the one forward pass the loss needs. -1: the reference is not a label path.
    // `slot` maps a position (b x T + t) to its row of `logits` (the sparse head's), -1 where none.
    int label_correct(const Example &e, const float *logits, const std::vector<int32_t> &slot, int T, int b) {
        const int V = config.vocab;
        labels->reset();
        for (int t = e.prompt_tokens - 1; t + 1 < static_cast<int>(e.tokens.size()); ++t) {
            auto allowed = labels->allowed();
            const int32_t ref = e.tokens[static_cast<std::size_t>(t) + 1];
            if (ref < 0 || ref >= V || !allowed[static_cast<std::size_t>(ref)]) return -1;
            const int32_t row =
                slot[static_cast<std::size_t>(b) * static_cast<std::size_t>(T) + static_cast<std::size_t>(t)];
            if (row < 0) return -1;
            const float *lg = logits + static_cast<std::size_t>(row) * V;
            int32_t best = -1;
            for (int id = 0; id < V; ++id)
                if (allowed[static_cast<std::size_t>(id)] && (best < 0 || lg[id] > lg[best])) best = id;
            if (best != ref) return 0;
            if (ref == text::kImEndId) return 1;
            if (!labels->advance(ref)) return -1;
        }
        return -1;  // cut before the end
    }

    struct ValScores {
        double loss = 0;
        double accuracy = -1;
    };
    // Mean loss over the output targets of the validation set, and label accuracy for
    // classification; nullopt when cancelled.
    std::optional<ValScores> evaluate(const std::atomic<bool> *cancel, Batch &batch) {
        double sum = 0;
        int64_t count = 0, scored = 0, correct = 0;
        std::vector<int32_t> slot;
        for (const auto &rows : plan_eval(val_ex, p.batch)) {
            if (cancel && cancel->load()) return std::nullopt;
            fill_batch(val_ex, rows, batch);
            const float loss = net->forward(batch.tokens.data(), batch.targets.data(), batch.B, batch.T);
            sum += static_cast<double>(loss) * static_cast<double>(batch.target_count);
            count += batch.target_count;
            if (labels) {
                const float *lg = net->logits().data();
                const auto head = net->head_rows();
                slot.assign(static_cast<std::size_t>(batch.B) * static_cast<std::size_t>(batch.T), -1);
                if (head.empty())
                    std::iota(slot.begin(), slot.end(), 0);
                else
                    for (std::size_t k = 0; k < head.size(); ++k)
                        slot[static_cast<std::size_t>(head[k])] = static_cast<int32_t>(k);
                for (int b = 0; b < batch.B; ++b) {
                    const int r =
                        label_correct(val_ex[static_cast<std::size_t>(rows[b])], lg, slot, batch.T, b);
                    if (r < 0) continue;
                    ++scored;
                    correct += r;
                }
            }
        }
        ValScores out;
        out.loss = count > 0 ? sum / static_cast<double>(count) : 0.0;
        if (scored > 0) out.accuracy = static_cast<double>(correct) / static_cast<double>(scored);
        if (!decode_rows.empty() && decodes_at(step)) {
            auto d = decoded_score(cancel);
            if (!d) return std::nullopt;
            if (*d >= 0) out.accuracy = *d;
        }
        return out;
    }

    // Whether the validation pass at step `s` answers the decode rows: from the second half of the
    // schedule, where early stopping acts and the best checkpoint is found; before it the choice is
    // on the loss. Decoding 64 soap notes takes 20-40 s on 2 cores, ten times the loss pass, and in
    // every pass it took a third of a 10-minute budget (bench/RESULTS.md).
    bool decodes_at(int64_t s) const { return 2 * s >= total; }

    // Whether a validation result beats the best so far: label accuracy first when there is one
    // (ties on loss), else loss.
    bool improves(const ValScores &got) const {
        if (got.accuracy >= 0 && got.accuracy != best_acc) return got.accuracy > best_acc;
        return got.loss < best_val;
    }

    // One AdamW update over all tensors; grads are scaled by `scale` (clipping) on the way in.
    void adamw(int64_t t, double lr, float scale) {
        auto params = net->params();
        auto grads = net->grads();
        const float b1 = static_cast<float>(p.beta1), b2 = static_cast<float>(p.beta2);
        const float c1 = 1.0f / static_cast<float>(1.0 - std::pow(p.beta1, static_cast<double>(t)));
        const float c2 = 1.0f / static_cast<float>(1.0 - std::pow(p.beta2, static_cast<double>(t)));
        const float eps = static_cast<float>(p.adam_eps), flr = static_cast<float>(lr);
        for (const model::TensorInfo &ti : net->tensors()) {
            const float wd = ti.is_norm ? 0.0f : static_cast<float>(p.weight_decay);
            float *w = params.data() + ti.offset;
            const float *g = grads.data() + ti.offset;
            float *mm = m.data() + ti.offset;
            float *vv = v.data() + ti.offset;
            for (std::size_t i = 0; i < ti.size; ++i) {
                const float gi = g[i] * scale;
                mm[i] = b1 * mm[i] + (1 - b1) * gi;
                vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
                w[i] -= flr * ((mm[i] * c1) / (std::sqrt(vv[i] * c2) + eps) + wd * w[i]);
            }
        }
    }

    // The auto preset's fit, again after every validation pass: the steps that fill the time to the
    // deadline at the pace of the steps so far and the cost of the latest validation pass. The latest,
    // not the mean: a pass that decodes answers costs more as they grow from nothing to whole notes
    // (soap-notes: from ~1 s to ~30 s), and decoding starts only halfway (decodes_at()).
    void refit_schedule() {
        if (session_steps <= 0 || evals_done <= 0) return;
        const double per_step = step_seconds / static_cast<double>(session_steps);
        const double per_eval = last_eval_seconds;
        const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
        if (!(per_step > 0) || left <= 0) return;
        // steps x per_step + (steps / eval_interval + 1) x per_eval = left
        const double steps_left =
            (left - per_eval) /
            (per_step + per_eval / static_cast<double>(std::max<int64_t>(1, p.eval_interval)));
        const int64_t cap = static_cast<int64_t>(kAutoMaxEpochs * static_cast<double>(spe));
        const int64_t fitted = std::clamp<int64_t>(step + static_cast<int64_t>(std::max(0.0, steps_left)),
                                                   step + 1, std::max<int64_t>(step + 1, cap));
        total = fitted;
        p.max_steps = fitted;
        run_plan.total_steps = fitted;
        run_plan.epochs = static_cast<double>(fitted) / static_cast<double>(spe);
    }

    // One optimizer step on the next batch of the plan. Returns the batch loss.
    float train_step(Batch &batch) {
        const int64_t epoch = step / spe, pos = step % spe;
        if (plan_epoch_index != epoch) {
            plan = plan_epoch(train_ex, p.batch, p.seed, epoch);
            plan_epoch_index = epoch;
        }
        const float w = static_cast<float>(p.input_loss_weight);
        const bool distilling = soft.weight > 0;
        if (distilling && drawn_epoch != epoch) {
            drawn_ex = draw_labels(soft, train_ex, p.seed, epoch, static_cast<std::size_t>(p.seq_len) + 1);
            drawn_epoch = epoch;
        }
        fill_batch(distilling ? drawn_ex : train_ex, plan[static_cast<std::size_t>(pos)], batch, w,
                   InputDrop{p.input_dropout, mix64(p.seed ^ mix64(static_cast<uint64_t>(epoch) + 0xD50Bu))});
        net->zero_grad();
        net->set_dropout(static_cast<float>(p.dropout),
                         mix64(p.seed ^ mix64(static_cast<uint64_t>(step) + 0xD0Fu)));
        float loss = net->forward(batch.tokens.data(), batch.targets.data(),
                                  batch.weights.empty() ? nullptr : batch.weights.data(), batch.B, batch.T);
        net->backward();
        net->set_dropout(0.0f, 0);  // validation and everything else see the whole model
        if (!batch.weights.empty() && std::isfinite(loss)) {
            // The loss reported is the task's: the output tokens' mean, as validation measures it.
            auto rl = net->row_losses();
            double out = 0;
            for (std::size_t i = 0; i < rl.size(); ++i)
                if (batch.is_output[i]) out += rl[i];
            loss = batch.target_count > 0 ? static_cast<float>(out / static_cast<double>(batch.target_count))
                                          : 0.0f;
        }
        float scale = 1.0f;
        if (p.grad_clip > 0) {
            double sq = 0;  // in order, in double: the same sum on every run
            for (float g : net->grads())
                sq += static_cast<double>(g) * g;
            const double norm = std::sqrt(sq);
            if (norm > p.grad_clip) scale = static_cast<float>(p.grad_clip / (norm + 1e-6));
        }
        last_lr = lr_at(step);
        adamw(step + 1, last_lr, scale);
        ++step;
        return loss;
    }

    TrainProgress progress(bool evaluated) const {
        TrainProgress pr;
        pr.stage = "training";
        pr.unit = "steps";
        pr.run_id = run_id;
        pr.done = step;
        pr.total = total < std::numeric_limits<int64_t>::max() ? total : 0;
        pr.epoch = step > 0 ? (step - 1) / spe : 0;
        pr.train_loss = last_loss;
        pr.val_loss = last_val;
        pr.learning_rate = last_lr;
        pr.tokens_per_s = tokens_per_s();
        pr.elapsed_s = elapsed();
        if (session_steps > 0 && total < std::numeric_limits<int64_t>::max())
            pr.seconds_left =
                session_seconds() / static_cast<double>(session_steps) * static_cast<double>(total - step);
        pr.evaluated = evaluated;
        (labels ? pr.val_accuracy : pr.val_score) = last_acc;
        return pr;
    }

    Result<TrainReport> run(double max_minutes, const job::Hooks<TrainProgress> &hooks) {
        session_start = Clock::now();
        const std::atomic<bool> *cancel = hooks.cancel;
        bool cancel_requested = false;
        auto cancelled = [&] { return cancel_requested || hooks.cancelled(); };
        Batch batch;
        std::string stop_reason;
        // A failing write pauses the run at its last checkpoint. On a full disk these writes may fail
        // too; the run then stays `running`, which resume takes up just the same.
        auto fail = [&](const Error &e) -> Error {
            (void)flush_metrics();
            const int64_t at = last_ckpt_step < 0 ? 0 : last_ckpt_step;
            Error paused = paused_error(project, e, at);
            (void)update_run(project, run_id, "paused", at, paused.message);
            return paused;
        };
        while (true) {
            const bool eval_due = !val_ex.empty() && step > 0 && last_eval_step != step &&
                                  (step % p.eval_interval == 0 || step == total);
            if (eval_due) {
                const auto eval_start = Clock::now();
                auto val = evaluate(cancel, batch);
                last_eval_seconds = std::chrono::duration<double>(Clock::now() - eval_start).count();
                eval_seconds += last_eval_seconds;
                ++evals_done;
                if (!val) {
                    stop_reason = "cancelled";
                    break;
                }
                last_val = val->loss;
                last_acc = val->accuracy;
                last_eval_step = step;
                pending.push_back({step, "val", val->loss, last_lr, tokens_per_s(), elapsed()});
                if (improves(*val)) {
                    best_val = val->loss;
                    best_acc = val->accuracy;
                    evals_since_best = 0;
                    if (auto st = save(true); !st) return fail(st.error());
                } else {
                    ++evals_since_best;
                }
                if (refit_each_eval) refit_schedule();
                if (!hooks.report(progress(true))) cancel_requested = true;
                // Not in the first half of the schedule: with the learning rate still high the
                // validation score wanders (and on a small slice it is noisy), while the cosine's low
                // end is where a regularised run tends to find its best.
                if (p.patience > 0 && evals_since_best >= p.patience && 2 * step >= total) {
                    stop_reason = "early_stopping";
                    break;
                }
            }
            if (step >= total) {
                stop_reason = p.max_steps > 0 && total == p.max_steps ? "max_steps" : "max_epochs";
                break;
            }
            if (cancelled()) {
                stop_reason = "cancelled";
                break;
            }
            if (max_minutes > 0 && session_seconds() >= max_minutes * 60) {
                stop_reason = "time_budget";
                break;
            }
            const auto step_start = Clock::now();
            const float loss = train_step(batch);
            step_seconds += std::chrono::duration<double>(Clock::now() - step_start).count();
            if (!std::isfinite(loss)) {
                (void)flush_metrics();
                (void)update_run(project, run_id, "failed", step,
                                 "the loss became " + std::to_string(loss) + "; lower the learning rate");
                return user_error("training diverged at step " + std::to_string(step) +
                                  " (the loss is not a number); start a new run with a lower learning rate");
            }
            last_loss = loss;
            const auto now = Clock::now();
            pace.emplace_back(now, batch.real_tokens);
            if (pace.size() > 20) pace.pop_front();
            session_tokens += batch.real_tokens;
            ++session_steps;
            pending.push_back({step, "train", loss, last_lr, tokens_per_s(), elapsed()});
            if (!hooks.report(progress(false))) cancel_requested = true;
            if (step % p.checkpoint_interval == 0) {
                if (auto st = save(false); !st) return fail(st.error());
            } else if (now - last_flush > std::chrono::seconds(1)) {
                // A busy store is retried at the next flush; metrics stay in memory meanwhile.
                (void)flush_metrics();
            }
        }
        if (last_ckpt_step != step) {
            if (auto st = save(false); !st) return fail(st.error());
        }
        if (auto st = flush_metrics(); !st) return st.error();
        const bool done =
            stop_reason == "max_steps" || stop_reason == "max_epochs" || stop_reason == "early_stopping";
        std::string message = done                           ? ""
                              : stop_reason == "time_budget" ? "time budget reached; --resume continues"
                                                             : "cancelled; --resume continues";
        if (auto st = update_run(project, run_id, done ? "completed" : "paused", step, message,
                                 std::isfinite(best_val) ? std::optional<double>(best_val) : std::nullopt);
            !st)
            return st.error();
        if (stop_reason == "cancelled")
            return job::cancelled("run " + std::to_string(run_id) + " is paused at step " +
                                  std::to_string(step) + " with its checkpoint; resume it to continue");

        TrainReport r;
        r.run_id = run_id;
        r.status = done ? "completed" : "paused";
        r.stop_reason = stop_reason;
        r.steps = step;
        r.total_steps = total < std::numeric_limits<int64_t>::max() ? total : 0;
        r.epochs = step > 0 ? (step - 1) / spe + 1 : 0;
        r.train_loss = last_loss;
        r.val_loss = last_val;
        r.best_val_loss = std::isfinite(best_val) ? best_val : -1;
        const double secs = session_seconds();
        r.tokens_per_s = secs > 0 ? static_cast<double>(session_tokens) / secs : 0;
        r.elapsed_s = elapsed();
        r.train_samples = static_cast<int64_t>(train_ex.size()) - copy_count;  // the task's rows
        r.val_samples = static_cast<int64_t>(val_ex.size());
        r.truncated = stats.truncated;
        r.input_cut = stats.input_cut;
        r.dropped = stats.dropped;
        r.padding_waste = padding_waste(train_ex, plan_epoch(train_ex, p.batch, p.seed, 0));
        r.tokenizer_id = tokenizer_id;
        r.vocab_size = tok->vocab_size();
        r.parameters = static_cast<int64_t>(net->params().size());
        r.checkpoint = ckpt_path(false).string();
        if (std::isfinite(best_val)) r.best_checkpoint = ckpt_path(true).string();
        r.resumed = resumed;
        if (labels) {
            r.val_accuracy = last_acc;
            r.best_val_accuracy = best_acc;
        } else {
            r.val_score = last_acc;
            r.best_val_score = best_acc;
        }
        r.plan = run_plan;
        return r;
    }
};

// The tokenizer for a new run: the newest one when it was trained on this very corpus with the same
// size request, else a fresh one (stored).
Result<int64_t> tokenizer_for(store::Project &project, const std::vector<std::string> &corpus,
                              const TrainParams &p, std::unique_ptr<text::Tokenizer> &out) {
    // The auto preset picks small models, whose output head a large vocabulary would dominate.
    const int max_vocab =
        p.preset == "auto" && !p.model ? kAutoMaxVocab : text::TokenizerTrainParams{}.max_vocab;
    const std::string sha = text::corpus_sha256(corpus);
    auto latest = text::latest_tokenizer(project);
    if (latest && *latest && (*latest)->options.value("corpus_sha256", "") == sha &&
        (*latest)->options.value("requested_vocab", -1) == p.tokenizer_vocab &&
        (*latest)->options.value("max_vocab", 8192) == max_vocab) {
        out = std::move((*latest)->tokenizer);
        return (*latest)->id;
    }
    text::TokenizerTrainParams tp;
    tp.vocab_size = p.tokenizer_vocab;
    tp.max_vocab = max_vocab;
    tp.threads = p.threads;
    tp.cancel = p.hooks.cancel;
    auto tok = text::Tokenizer::train(corpus, tp);
    if (!tok) return tok.error();
    int64_t bytes = 0;
    for (const auto &s : corpus)
        bytes += static_cast<int64_t>(s.size());
    nlohmann::json options = text::Tokenizer::training_options((*tok)->vocab_size(), 0);
    options.erase("num_threads");
    options.erase("minloglevel");
    options["corpus_sha256"] = sha;
    options["requested_vocab"] = p.tokenizer_vocab;
    options["max_vocab"] = max_vocab;
    auto id = text::save_tokenizer(project, **tok, options, static_cast<int64_t>(corpus.size()), bytes);
    if (!id) return id.error();
    out = std::move(tok).value();
    return *id;
}

// A new run, or (rerun) run `rerun` started again from nothing under its own id.
// A new run (or run `rerun` started again). With `preview`, everything up to the plan and no further:
// the plan goes there (with a measured pace and the time per epoch it implies) and no run is created.
Result<TrainReport> start_run(store::Project &project, const TrainParams &params,
                              std::optional<int64_t> rerun, TrainPlan *preview = nullptr) {
    const auto started = Clock::now();
    if (auto st = check_params(params); !st) return st.error();
    if (params.preset != "auto" && !params.model) {
        if (auto c = model::preset(params.preset, 4096); !c) return c.error();
    }
    RunLock lock;
    if (auto st = lock.acquire(project.artifacts_dir()); !st) return st.error();
    Session s(project);
    s.p = params;
    if (params.system_prompt == "instruction") {
        auto sys = text::system_prompt(project);
        if (!sys) return sys.error();
        s.system = *sys;
    } else {
        auto info = project.info();
        if (!info) return info.error();
        s.system = text::default_system_prompt(info->intent);
    }
    // The held-out test set is made before the first run trains on anything, then frozen
    // (eval/split.h): the test split is never read below.
    if (auto split = eval::ensure_test_split(project); !split) return split.error();

    store::SampleQuery q;
    q.filter.status = store::SampleStatus::approved;
    q.filter.split = store::Split::train;
    auto samples = project.samples(q);
    if (!samples) return samples.error();
    if (samples->empty())
        return user_error(
            "the project has no approved training samples; approve some first (smolify-cli review)");
    if (static_cast<int64_t>(samples->size()) < params.min_samples)
        return user_error("too few approved training samples: " + std::to_string(samples->size()) +
                          " (at least " + std::to_string(params.min_samples) +
                          " are needed); approve or add more");

    // The tokenizer learns the prompt's fixed text too, so the role words and the instruction
    // become few tokens.
    std::vector<std::string> corpus;
    corpus.reserve(samples->size() * 2 + 2);
    corpus.push_back(text::chat_text(s.system, "", std::string_view()));
    for (const auto &x : *samples) {
        corpus.push_back(x.input);
        corpus.push_back(x.output);
    }
    auto tid = tokenizer_for(project, corpus, params, s.tok);
    if (!tid) return tid.error();
    s.tokenizer_id = *tid;

    std::vector<int64_t> ids;
    for (const auto &x : *samples)
        ids.push_back(x.id);
    split_train_val(ids, params.val_fraction, params.seed, s.train_ids, s.val_ids);
    std::vector<store::Sample> train_s, val_s;
    {
        std::size_t ti = 0, vi = 0;  // samples and both id lists are sorted by id
        for (auto &x : *samples) {
            if (vi < s.val_ids.size() && s.val_ids[vi] == x.id) {
                val_s.push_back(std::move(x));
                ++vi;
            } else if (ti < s.train_ids.size() && s.train_ids[ti] == x.id) {
                train_s.push_back(std::move(x));
                ++ti;
            }
        }
    }
    // The context: given, or sized to the corpus (every sequence encoded whole, then cut to the
    // 99th-percentile length within the cap).
    s.run_plan.preset = params.preset;
    s.run_plan.seq_auto = params.seq_len == 0;
    s.run_plan.seq_cap = params.max_seq_len;
    s.run_plan.samples = static_cast<int64_t>(samples->size());
    // The kind decides the copy rows, which are encoded with the task's rows.
    const auto kind_profile = eval::task_profile(project);
    const bool labels_kind = kind_profile && kind_profile->spec.kind == synth::TaskKind::classification &&
                             !kind_profile->spec.output.labels.empty();
    if (labels_kind)
        s.p.copy_rows = 0;  // a label has no words to carry over
    else if (s.p.copy_rows < 0)
        s.p.copy_rows = kCopyRows;
    if (s.run_plan.seq_auto) {
        s.p.seq_len = 16384;
        if (auto st = s.encode_sets(train_s, val_s); !st) return st.error();
        if (auto st = s.fit_context(params.max_seq_len); !st) return st.error();
    } else {
        if (auto st = s.encode_sets(train_s, val_s); !st) return st.error();
    }

    // Classification: the best checkpoint is chosen on label accuracy (decoded as eval decodes it),
    // and the answers may be distilled from an n-gram classifier (soft_labels.h, off by default).
    if (labels_kind) {
        s.label_set = kind_profile->spec.output.labels;
        if (auto st = s.make_label_constraint(); !st) return st.error();
    }
    if (s.p.input_loss_weight < 0) s.p.input_loss_weight = kInputLossWeight;
    if (s.p.input_dropout < 0) s.p.input_dropout = s.label_set.empty() ? kInputDropout : kInputDropoutLabels;
    if (s.p.dropout < 0) s.p.dropout = kDropout;
    if (s.p.label_distill < 0) s.p.label_distill = s.label_set.empty() ? 0.0 : kLabelDistill;
    if (auto st = s.make_soft_targets(train_s); !st) return st.error();
    s.make_decode_rows(val_s);

    if (params.model) {
        s.config = *params.model;
        s.run_plan.model = "custom";
    } else if (params.preset == "auto" && params.max_minutes > 0) {
        const double left =
            params.max_minutes * 60.0 - std::chrono::duration<double>(Clock::now() - started).count();
        // A margin for the checkpoints, the last validation and the pace's noise.
        if (auto st = s.plan_auto(std::max(10.0, 0.9 * left)); !st) return st.error();
        if (params.max_steps > 0) {  // the user's steps win over the fitted ones
            s.p.max_steps = params.max_steps;
            s.p.max_epochs = params.max_epochs;
        } else {
            // Fitted again after every validation pass, to end a little before the budget.
            s.refit_each_eval = true;
            s.deadline = started + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(0.97 * params.max_minutes * 60.0));
        }
    } else {
        const std::string name = params.preset == "auto" ? "tiny" : params.preset;
        auto c = model::preset(name, s.tok->vocab_size());
        if (!c) return c.error();
        s.config = *c;
        s.run_plan.model = name;
        s.run_plan.model_why = params.preset == "auto"
                                   ? "tiny: no time budget was given (--max-minutes sizes the model to it)"
                                   : name + ": the preset asked for";
    }
    if (auto st = s.build(); !st) return st.error();
    // The real (non-padding) tokens of one pass over the training rows.
    int64_t epoch_tokens = 0;
    for (const Example &e : s.train_ex)
        epoch_tokens += static_cast<int64_t>(e.tokens.size());
    if (s.p.lr < 0)  // by the tokens of a mean step of the first epoch
        s.p.lr = default_lr(s.config, !s.label_set.empty(),
                            static_cast<double>(epoch_tokens) /
                                static_cast<double>(std::max<int64_t>(1, s.spe)));
    s.net->init_weights(params.seed);

    TrainPlan &plan = s.run_plan;
    plan.parameters = static_cast<int64_t>(s.net->params().size());
    plan.seq_len = s.p.seq_len;
    plan.truncated = s.stats.truncated;
    plan.input_cut = s.stats.input_cut;
    plan.dropped = s.stats.dropped;
    plan.total_steps = s.total < std::numeric_limits<int64_t>::max() ? s.total : 0;
    plan.steps_per_epoch = s.spe;
    plan.epochs = s.spe > 0 ? static_cast<double>(plan.total_steps) / static_cast<double>(s.spe) : 0;
    plan.lr = s.p.lr;
    plan.input_loss_weight = s.p.input_loss_weight;
    plan.input_dropout = s.p.input_dropout;
    plan.dropout = s.p.dropout;
    plan.label_distill = s.soft.weight;
    plan.copy_rows = s.p.copy_rows;
    plan.copy_examples = s.copy_count;
    plan.distill_accuracy = s.soft.oof_accuracy;
    plan.select_metric = s.labels               ? "label accuracy"
                         : s.decode_rows.empty() ? "validation loss"
                                                 : s.decoded_metric();
    {
        std::string why = plan.seq_auto
                              ? "context " + std::to_string(plan.seq_len) + " tokens: the longest sample (" +
                                    std::to_string(plan.length_max) + " tokens; 99% are at most " +
                                    std::to_string(plan.length_p99) +
                                    ") and a quarter more, within the cap of " +
                                    std::to_string(plan.seq_cap)
                              : "context " + std::to_string(plan.seq_len) + " tokens, as asked";
        if (plan.truncated == 0 && plan.dropped == 0 && plan.input_cut == 0)
            why += "; no sample is cut or dropped";
        else
            why += "; " + std::to_string(plan.input_cut) +
                   " with the end of the input cut (their output is learned whole), " +
                   std::to_string(plan.truncated) + " with the end of the output cut (not learned), " +
                   std::to_string(plan.dropped) + " dropped (the fixed prompt alone fills the context)";
        plan.fit_why = why;
    }
    if (preview) {
        if (plan.measured_tokens_per_s < 0) {
            auto pace = s.measure_pace(s.config);
            if (!pace) return pace.error();
            plan.measured_tokens_per_s = *pace;
        }
        plan.seconds_per_epoch =
            static_cast<double>(epoch_tokens) / std::max(1.0, plan.measured_tokens_per_s);
        *preview = plan;
        return TrainReport{};
    }
    if (params.on_plan) params.on_plan(plan);

    nlohmann::json config = {{"params", params.to_json()},
                             {"model", s.config.to_json()},
                             {"system_prompt", s.system},
                             {"train_samples", static_cast<int64_t>(s.train_ex.size()) - s.copy_count},
                             {"copy_rows", s.copy_count},
                             {"val_samples", s.val_ex.size()},
                             {"truncated", s.stats.truncated},
                             {"dropped", s.stats.dropped},
                             {"total_steps", s.total},
                             {"parameters", s.net->params().size()},
                             {"plan", plan.to_json()}};
    auto run_id = rerun ? restart_run(project, *rerun, config, params.seed, s.tokenizer_id)
                        : create_run(project, config, params.seed, s.tokenizer_id);
    if (!run_id) return run_id.error();
    s.run_id = *run_id;
    // Step 0 is on disk before the first update, so even a run killed at once resumes. When it
    // cannot be written (a full disk) nothing is trained yet: the run is paused, and resume starts
    // it again (below).
    if (auto st = s.save(false); !st) {
        Error paused = paused_error(project, st.error(), 0);
        (void)update_run(project, s.run_id, "paused", 0, paused.message);
        return paused;
    }
    return s.run(params.max_minutes, params.hooks);
}

}  // namespace

void apply_limits(TrainParams &params, const TrainLimits &limits) {
    if (limits.max_steps) params.max_steps = *limits.max_steps;
    if (limits.max_epochs)
        params.max_epochs = *limits.max_epochs;
    else if (limits.max_steps)
        params.max_epochs = 0;
    params.max_minutes = limits.max_minutes;
}

Result<TrainReport> train(store::Project &project, const TrainParams &params) {
    return start_run(project, params, std::nullopt);
}

Result<TrainPlan> plan_training(store::Project &project, const TrainParams &params) {
    TrainPlan plan;
    auto r = start_run(project, params, std::nullopt, &plan);
    if (!r) return r.error();
    return plan;
}

Result<TrainReport> resume(store::Project &project, const ResumeParams &rp) {
    RunLock lock;
    if (auto st = lock.acquire(project.artifacts_dir()); !st) return st.error();
    auto run = rp.run_id ? find_run(project, *rp.run_id) : latest_run(project);
    if (!run) return run.error();
    if (!*run)
        return user_error(
            rp.run_id ? "nothing to resume: the project has no training run " + std::to_string(*rp.run_id)
                      : "nothing to resume: the project has no training run yet; start one without "
                        "--resume");
    const RunRow &row = **run;
    if (row.status == "completed")
        return user_error("nothing to resume: run " + std::to_string(row.id) +
                          " completed; start a new run without --resume");
    Session s(project);
    s.run_id = row.id;
    const fs::path path = s.ckpt_path(false);
    std::error_code ec;
    if (!fs::exists(path, ec) && row.step == 0 && row.config.contains("params")) {
        // Its first checkpoint never reached the disk (full, or the process was killed while writing
        // it): nothing was trained, so the run starts again from its recorded settings, same id.
        auto recorded = TrainParams::from_json(row.config["params"]);
        if (!recorded) return recorded.error();
        TrainParams p = *recorded;
        if (rp.max_minutes > 0) p.max_minutes = rp.max_minutes;
        if (rp.threads) p.threads = *rp.threads;
        p.hooks = rp.hooks;
        lock.release();
        return start_run(project, p, row.id);
    }
    if (!fs::exists(path, ec))
        return user_error("nothing to resume: run " + std::to_string(row.id) + " has no checkpoint (" +
                          path.string() + "); start a new run without --resume");
    auto info = read_checkpoint_info(path);
    if (!info) return info.error();
    const nlohmann::json &h = info->header;
    if (h.value("run_id", int64_t{-1}) != row.id)
        return user_error("checkpoint " + path.string() + " belongs to another run; start a new run");
    auto params = TrainParams::from_json(h.value("params", nlohmann::json::object()));
    if (!params) return params.error();
    s.p = *params;
    s.p.max_minutes = rp.max_minutes;
    if (rp.threads) s.p.threads = *rp.threads;
    if (auto st = check_params(s.p); !st) return st.error();
    try {
        s.system = h.at("system_prompt").get<std::string>();
        s.tokenizer_id = h.at("tokenizer_id").get<int64_t>();
        s.train_ids = h.at("train_ids").get<std::vector<int64_t>>();
        s.val_ids = h.at("val_ids").get<std::vector<int64_t>>();
        s.step = h.at("step").get<int64_t>();
        s.last_eval_step = h.at("last_eval_step").get<int64_t>();
        s.evals_since_best = h.at("evals_since_best").get<int64_t>();
        s.plan_epoch_index = h.at("plan_epoch").get<int64_t>();
        s.plan = h.at("epoch_plan").get<std::vector<std::vector<int32_t>>>();
        if (h.contains("select_labels")) s.label_set = h.at("select_labels").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception &e) {
        return user_error("checkpoint " + path.string() + " has an incomplete header (" + e.what() +
                          "); start a new run");
    }
    s.best_val = h.contains("best_val_loss") && h["best_val_loss"].is_number()
                     ? h["best_val_loss"].get<double>()
                     : std::numeric_limits<double>::infinity();
    s.last_val = json_or(h, "last_val_loss", -1);
    s.best_acc = json_or(h, "best_val_accuracy", -1);
    s.last_acc = json_or(h, "last_val_accuracy", -1);
    s.elapsed_before = json_or(h, "elapsed_s", 0);
    if (row.config.contains("plan") && row.config["plan"].is_object()) {
        const auto &pj = row.config["plan"];
        s.run_plan.preset = pj.value("preset", "");
        s.run_plan.model = pj.value("model", "");
        s.run_plan.model_why = pj.value("model_why", "");
        s.run_plan.fit_why = pj.value("fit_why", "");
        s.run_plan.seq_len = pj.value("seq_len", 0);
        s.run_plan.truncated = pj.value("truncated", int64_t{0});
        s.run_plan.dropped = pj.value("dropped", int64_t{0});
        s.run_plan.total_steps = pj.value("total_steps", int64_t{0});
    }

    auto stored = text::load_tokenizer(project, s.tokenizer_id);
    if (!stored) return stored.error();
    if (stored->tokenizer->sha256() != h.value("tokenizer_sha256", ""))
        return user_error(
            "the run's tokenizer in the project differs from its checkpoint's; start a new run");
    s.tok = std::move(stored->tokenizer);
    if (auto st = s.make_label_constraint(); !st) return st.error();

    std::vector<store::Sample> train_s, val_s;
    if (auto st = s.load_samples(s.train_ids, train_s); !st) return st.error();
    if (auto st = s.load_samples(s.val_ids, val_s); !st) return st.error();
    if (train_s.size() != s.train_ids.size() || val_s.size() != s.val_ids.size())
        return user_error("the training data changed since run " + std::to_string(row.id) +
                          " started (samples were deleted); start a new run");
    if (auto st = s.encode_sets(train_s, val_s); !st) return st.error();
    if (s.data_sha != h.value("data_sha256", ""))
        return user_error("the training data changed since run " + std::to_string(row.id) +
                          " started (samples were edited); start a new run");
    if (auto st = s.make_soft_targets(train_s); !st) return st.error();
    s.make_decode_rows(val_s);

    s.config = info->config;
    if (auto st = s.build(); !st) return st.error();
    if (s.net->params().size() != info->n)
        return user_error("checkpoint " + path.string() + " does not fit its model");
    if (h.value("total_steps", int64_t{-1}) != s.total || h.value("steps_per_epoch", int64_t{-1}) != s.spe)
        return user_error("checkpoint " + path.string() +
                          " does not match its run's schedule; start a new run");
    if (s.step < 0 || s.step > s.total) return user_error("checkpoint " + path.string() + " has a bad step");
    for (const auto &b : s.plan)
        for (int32_t r : b)
            if (r < 0 || static_cast<std::size_t>(r) >= s.train_ex.size())
                return user_error("checkpoint " + path.string() + " has a bad data order; start a new run");
    if (s.plan_epoch_index >= 0 && static_cast<int64_t>(s.plan.size()) != s.spe)
        return user_error("checkpoint " + path.string() + " has a bad data order; start a new run");
    if (auto st = read_checkpoint_data(path, *info, s.net->params(), s.m, s.v); !st) return st.error();
    s.last_ckpt_step = s.step;
    s.resumed = true;
    if (s.step > 0) s.last_lr = s.lr_at(s.step - 1);
    // What the killed process logged after its checkpoint is redone, so drop it.
    if (auto st = delete_metrics_after(project, s.run_id, s.step); !st) return st.error();
    if (auto st = update_run(project, s.run_id, "running", s.step, ""); !st) return st.error();
    return s.run(rp.max_minutes, rp.hooks);
}

}  // namespace smolify::train
