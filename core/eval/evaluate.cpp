// The evaluation run: students at each weight type, the teacher and the baselines (evaluate.h).
#include "eval/evaluate.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <set>

#include "eval/results.h"
#include "eval/split.h"
#include "infer/constrain.h"
#include "infer/runner.h"
#include "store/guard.h"
#include "store/sqlite.h"
#include "text/chat_format.h"
#include "train/checkpoint.h"
#include "util/text.h"

namespace smolify::eval {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Removes a temporary model file when the variant is done, whatever happens.
struct TempFile {
    fs::path path;
    ~TempFile() {
        std::error_code ec;
        if (!path.empty()) fs::remove(path, ec);
    }
};

bool cancelled(const EvalParams &p) {
    return p.hooks.cancelled();
}

Error eval_cancelled() { return job::cancelled("the evaluation was not stored"); }

// One student variant answers and is scored on every sample.
Result<SystemScores> run_student(infer::Runner &runner, const TaskProfile &profile,
                                 const std::vector<store::Sample> &tests, const std::string &quant,
                                 const EvalParams &p, EvalProgress progress,
                                 std::unique_ptr<infer::Constraint> constraint = nullptr) {
    std::vector<SampleResult> results;
    results.reserve(tests.size());
    progress.stage = "student " + quant;
    progress.unit = "samples";
    progress.done = 0;
    progress.total = int64_t(tests.size());
    if (constraint) progress.stage += " constrained";
    if (p.constrained && !constraint) {
        auto c = infer::Constraint::for_spec(profile.spec, *runner.tokenizer);
        if (!c) return user_error("constrained decoding: " + c.error().message);
        constraint = std::move(*c);
    }
    for (const auto &t : tests) {
        if (cancelled(p)) return eval_cancelled();
        int64_t loss_tokens = 0;
        auto loss = reference_loss(runner, t.input, t.output, loss_tokens);
        if (!loss && loss.error().kind != ErrorKind::user) return loss.error();
        infer::GenerateParams gp;
        gp.max_tokens = p.max_tokens;
        if (loss_tokens > 0) gp.max_tokens = int(std::min<int64_t>(p.max_tokens, 2 * loss_tokens + 16));
        gp.cancel = p.hooks.cancel;
        gp.constraint = constraint.get();
        const auto start = Clock::now();
        auto c = infer::complete(runner, t.input, gp);
        const double latency = std::chrono::duration<double>(Clock::now() - start).count();
        if (!c && c.error().kind != ErrorKind::user) return c.error();
        if (c && c->generation.stop_reason == "cancelled") return eval_cancelled();
        SampleResult r = score_sample(profile, t.id, t.input, t.output, c ? c->text : std::string());
        if (!c) r.contract_reason = "the student could not answer: " + c.error().message;
        if (loss && loss_tokens > 0) {
            r.loss = *loss;
            r.loss_tokens = loss_tokens;
        }
        if (c) {
            r.latency_s = latency;
            r.tokens = int64_t(c->generation.tokens.size());
        }
        results.push_back(std::move(r));
        ++progress.done;
        if (!p.hooks.report(progress)) return eval_cancelled();
    }
    SystemScores s = aggregate_scores(profile, "student", "student", results);
    s.quant = quant;
    s.results = std::move(results);
    return s;
}

// The plain student again through the contract's constrained decoding, into
// report.constrained_student (or the reason it is not compared into report.constrained_skipped).
Status constrained_pass(infer::Runner &runner, EvalReport &report, const std::vector<store::Sample> &tests,
                        const std::string &quant, const EvalParams &p, const EvalProgress &progress) {
    if (!p.compare_constrained || p.constrained) return {};
    auto c = infer::Constraint::for_spec(report.profile.spec, *runner.tokenizer);
    if (!c) {
        if (c.error().kind != ErrorKind::user) return c.error();
        report.constrained_skipped = "the contract cannot be constrained: " + c.error().message;
        return {};
    }
    report.constraint_kind = std::string((*c)->kind());
    auto s = run_student(runner, report.profile, tests, quant, p, progress, std::move(*c));
    if (!s) return s.error();
    report.constrained_student = std::move(*s);
    return {};
}

// The project's newest run at `type`: F32 straight from the checkpoint's weights, other types
// through a temporary GGUF written as export writes it.
Result<infer::Runner> project_variant(store::Project &project, infer::ProjectStudent &student,
                                      gguf::ExportType type, const infer::LoadParams &lp, TempFile &temp) {
    if (type == gguf::ExportType::f32) {
        auto m = infer::Model::from_weights(student.config, student.params,
                                            infer::tensor_layout(student.config), lp);
        if (!m) return m.error();
        auto tok = text::Tokenizer::load(student.tokenizer->serialized());
        if (!tok) return tok.error();
        infer::Runner r;
        r.model = std::move(*m);
        r.tokenizer = std::move(*tok);
        r.system_prompt = student.system_prompt;
        r.source = project.path().string();
        return r;
    }
    std::error_code ec;
    fs::create_directories(project.artifacts_dir(), ec);
    temp.path = project.artifacts_dir() / ("eval-" + std::to_string(::getpid()) + "-" +
                                           std::string(gguf::export_type_name(type)) + ".gguf");
    gguf::StudentExportParams ep;
    ep.type = type;
    ep.metadata = infer::student_metadata(project, student);
    if (Status st = gguf::export_student_gguf(temp.path, student.config, student.params,
                                              infer::tensor_layout(student.config),
                                              infer::vocabulary_of(*student.tokenizer), ep);
        !st)
        return st.error();
    return infer::open_gguf(temp.path, lp);
}

// The approved train-split samples the baselines learn from, in id order.
Result<std::vector<TrainExample>> train_examples(store::Project &project) {
    std::vector<TrainExample> out;
    store::SampleQuery q;
    q.filter.status = store::SampleStatus::approved;
    q.filter.split = store::Split::train;
    Status st = project.for_each_sample(q, [&](const store::Sample &s) {
        out.push_back({s.id, s.input, s.output});
        return true;
    });
    if (!st) return st.error();
    return out;
}

}  // namespace

Result<double> reference_loss(infer::Runner &runner, const std::string &input, const std::string &reference,
                              int64_t &tokens) {
    tokens = 0;
    auto chat = text::encode_chat(*runner.tokenizer, runner.system_prompt, input, reference);
    if (!chat) return chat.error();
    std::vector<int32_t> ids = std::move(chat->tokens);
    const std::size_t context = std::size_t(std::max(0, runner.model->context()));
    if (ids.size() > context) ids.resize(context);
    const std::size_t prompt = chat->prompt_tokens;
    if (prompt == 0 || prompt >= ids.size()) return 0.0;  // nothing of the output fits
    runner.model->reset();
    if (Status st = runner.model->eval(ids, true); !st) return st.error();
    const auto logits = runner.model->logits();
    const std::size_t vocab = std::size_t(runner.model->config().vocab);
    double sum = 0;
    // Row t predicts token t + 1; the first output token is predicted by the prompt's last row.
    for (std::size_t t = prompt - 1; t + 1 < ids.size(); ++t) {
        const float *row = logits.data() + t * vocab;
        double mx = row[0];
        for (std::size_t v = 1; v < vocab; ++v)
            mx = std::max(mx, double(row[v]));
        double z = 0;
        for (std::size_t v = 0; v < vocab; ++v)
            z += std::exp(double(row[v]) - mx);
        sum += mx + std::log(z) - double(row[std::size_t(ids[t + 1])]);
        ++tokens;
    }
    runner.model->reset();
    return sum / double(tokens);
}

Result<TeacherCost> teacher_cost(store::Project &project) {
    return store::detail::guard([&]() -> Result<TeacherCost> {
        TeacherCost c;
        store::Db &db = project.db();
        auto calls = db.prepare(
            "SELECT count(*), coalesce(sum(cost_usd), 0), coalesce(avg(latency_ms), 0) FROM teacher_calls "
            "WHERE status = 'ok' AND purpose = 'generate'");
        if (calls.step()) {
            c.calls = calls.col_int(0);
            c.cost_usd = calls.col_double(1);
            c.latency_s_per_call = calls.col_double(2) / 1000.0;
        }
        c.outputs = db.query_int("SELECT count(*) FROM samples WHERE source = 'teacher'") +
                    db.query_int("SELECT count(*) FROM synth_rejects");
        c.known = c.calls > 0 && c.outputs > 0;
        if (c.known) c.cost_usd_per_1000 = c.cost_usd / double(c.outputs) * 1000.0;
        return c;
    });
}

Result<EvalReport> evaluate(store::Project &project, const EvalParams &params) {
    if (params.max_tokens < 1) return user_error("max_tokens must be at least 1");
    if (params.limit < 0) return user_error("the limit must not be negative");
    if (params.model.empty() && params.quants.empty()) return user_error("no weight type to evaluate");
    EvalReport report;
    report.created_at = unix_now();
    report.constrained = params.constrained;
    auto profile = task_profile(project);
    if (!profile) return profile.error();
    report.profile = std::move(*profile);
    // Only read here: a split made now could hold out samples the model has trained on.
    auto frozen = project.setting(kTestSplitSetting);
    if (!frozen) return frozen.error();
    report.test_split_frozen = frozen->has_value();

    std::vector<store::Sample> tests;
    {
        store::SampleQuery q;
        q.filter.split = store::Split::test;
        Status st = project.for_each_sample(q, [&](const store::Sample &s) {
            if (s.status != store::SampleStatus::rejected) tests.push_back(s);
            return true;
        });
        if (!st) return st.error();
    }
    report.test_samples = int64_t(tests.size());
    if (tests.empty())
        return user_error(
            "the project has no test samples to evaluate on; import some with `smolify-cli import PROJECT "
            "FILE "
            "--split test`, or start from at least 30 approved samples so the first training run holds 10% "
            "out");

    // The project's model: test samples its run trained or validated on (moved to the test split after
    // it was trained) would flatter it, so they are left out and counted.
    std::optional<infer::ProjectStudent> student;
    if (params.model.empty()) {
        auto s = infer::load_project_student(project);
        if (!s) return s.error();
        auto info = train::read_checkpoint_info(s->checkpoint);
        if (!info) return info.error();
        std::set<int64_t> seen;
        for (const char *key : {"train_ids", "val_ids"})
            if (info->header.contains(key) && info->header[key].is_array())
                for (const auto &id : info->header[key])
                    if (id.is_number_integer()) seen.insert(id.get<int64_t>());
        const std::size_t before = tests.size();
        std::erase_if(tests, [&](const store::Sample &t) { return seen.count(t.id) > 0; });
        report.excluded_trained = int64_t(before - tests.size());
        if (tests.empty())
            return user_error(
                "the model was trained on every test sample (they moved to the test split after "
                "training); train again so it holds them out");
        student = std::move(*s);
    }
    if (params.limit > 0 && int64_t(tests.size()) > params.limit) tests.resize(std::size_t(params.limit));
    report.evaluated = int64_t(tests.size());

    infer::LoadParams lp;
    lp.threads = params.threads;
    EvalProgress progress;
    if (!params.model.empty()) {
        report.model = params.model.string();
        progress.systems_total = params.compare_constrained && !params.constrained ? 2 : 1;
        auto runner = infer::open_gguf(params.model, lp);
        if (!runner) return runner.error();
        auto s = run_student(*runner, report.profile, tests,
                             infer::weight_type_name(runner->model->weight_type()), params, progress);
        if (!s) return s.error();
        report.systems.push_back(std::move(*s));
        ++progress.systems_done;
        if (Status st =
                constrained_pass(*runner, report, tests, report.systems.back().quant, params, progress);
            !st)
            return st.error();
    } else {
        report.model = "project";
        report.training_run_id = student->run_id;
        progress.systems_total = int(params.quants.size());
        const bool has_f32 = std::find(params.quants.begin(), params.quants.end(), gguf::ExportType::f32) !=
                             params.quants.end();
        if (params.compare_constrained && !params.constrained) {
            if (has_f32)
                ++progress.systems_total;
            else
                report.constrained_skipped = "no F32 variant was evaluated";
        }
        for (gguf::ExportType type : params.quants) {
            TempFile temp;
            auto runner = project_variant(project, *student, type, lp, temp);
            if (!runner) return runner.error();
            auto s = run_student(*runner, report.profile, tests, std::string(gguf::export_type_name(type)),
                                 params, progress);
            if (!s) return s.error();
            report.systems.push_back(std::move(*s));
            ++progress.systems_done;
            if (type == gguf::ExportType::f32) {
                if (Status st = constrained_pass(*runner, report, tests, "f32", params, progress); !st)
                    return st.error();
                if (report.constrained_student) ++progress.systems_done;
            }
        }
    }

    std::vector<std::string> inputs, references;
    std::vector<SampleResult> teacher;
    for (const auto &t : tests) {
        inputs.push_back(t.input);
        references.push_back(t.output);
        teacher.push_back(score_sample(report.profile, t.id, t.input, t.output, t.output));
    }
    report.systems.push_back(aggregate_scores(report.profile, "teacher", "teacher", teacher));
    auto train = train_examples(project);
    if (!train) return train.error();
    if (cancelled(params)) return eval_cancelled();
    for (const Baseline &b : make_baselines(report.profile, inputs, references, *train)) {
        std::vector<SampleResult> rs;
        for (std::size_t i = 0; i < tests.size(); ++i)
            rs.push_back(
                score_sample(report.profile, tests[i].id, tests[i].input, tests[i].output, b.outputs[i]));
        report.systems.push_back(aggregate_scores(report.profile, b.name, "baseline", rs));
    }
    auto cost = teacher_cost(project);
    if (!cost) return cost.error();
    report.teacher_cost = *cost;

    if (params.store) {
        nlohmann::json pj = {{"limit", params.limit},
                             {"max_tokens", params.max_tokens},
                             {"model", report.model},
                             {"constrained", params.constrained},
                             {"compare_constrained", params.compare_constrained && !params.constrained}};
        for (gguf::ExportType t : params.quants)
            pj["quants"].push_back(std::string(gguf::export_type_name(t)));
        if (Status st = store_report(project, report, pj); !st) return st.error();
    }
    return report;
}

}  // namespace smolify::eval
