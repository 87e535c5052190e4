// Evaluation for real: projects of each kind imported from files, trained tiny for a few steps
// (the student is poor; these tests check that each kind's metrics are there and computed right,
// not that they are good), evaluated at F32, Q8_0 and Q4_0, stored, reported and promoted; the
// held-out split; the teacher-forced loss against the trainer's own validation loss.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "eval/baselines.h"
#include "eval/evaluate.h"
#include "eval/report.h"
#include "eval/results.h"
#include "eval/split.h"
#include "infer/runner.h"
#include "io/import.h"
#include "store/sqlite.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "synth/contract.h"
#include "train/checkpoint.h"
#include "train/runs.h"
#include "train/train_util.h"
#include "train/trainer.h"

using namespace smolify;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// 40 samples of each kind as JSONL lines. Every input carries markup, so the report must escape it.
std::vector<json> dataset(const std::string &kind) {
    static const char *kWhat[] = {"printer jammed", "VPN drops", "laptop dead", "password reset",
                                  "mail bounces"};
    static const char *kNames[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};
    static const char *kCities[] = {"Paris", "Lyon", "Nice", "Lille"};
    std::vector<json> out;
    for (int i = 0; i < 40; ++i) {
        json s;
        if (kind == "classification") {
            // 20 urgent, 12 normal, 8 low.
            const char *label = i < 20 ? "urgent" : i < 32 ? "normal" : "low";
            s = {{"input", "Ticket <u>" + std::to_string(i) + "</u>: " + kWhat[i % 5]}, {"output", label}};
        } else if (kind == "extraction") {
            const std::string name = std::string(kNames[i % 5]) + " " + std::to_string(i);
            s = {{"input", "<i>Invoice</i> from " + name + ", total " + std::to_string(100 + i) + " EUR, " +
                               kCities[i % 4]},
                 {"output", json{{"company", name}, {"total", 100 + i}, {"city", kCities[i % 4]}}.dump()}};
        } else {
            s = {{"input", "Patient <" + std::to_string(i) + "> reports " + kWhat[i % 5] + ". Feels tired."},
                 {"output", "Subjective: " + std::string(kWhat[i % 5]) + " for " + std::to_string(i % 6 + 1) +
                                " days\nObjective: temperature 3" + std::to_string(6 + i % 3) + "." +
                                std::to_string(i % 10) + " C\nPlan: rest and fluids, review in " +
                                std::to_string(i % 4 + 2) + " days"}};
        }
        out.push_back(s);
    }
    return out;
}

// train_util.h's tiny model, with fewer warm-up steps, a tenth held for validation and no mid-run
// checkpoints, for `steps` steps.
train::TrainParams tiny(int64_t steps) {
    train::TrainParams p = test::tiny_train_params();
    p.warmup_steps = 2;
    p.checkpoint_interval = 100;
    p.val_fraction = 0.1;
    p.max_steps = steps;
    return p;
}

fs::path write_jsonl(const fs::path &path, const std::vector<json> &rows) {
    std::ofstream f(path);
    for (const auto &r : rows)
        f << r.dump() << "\n";
    return path;
}

std::unique_ptr<store::Project> imported_project(const fs::path &dir, const std::string &kind) {
    store::CreateParams cp;
    cp.intent = "Evaluate a " + kind + " task";
    auto p = store::Project::create(dir / (kind + ".smolify"), cp);
    EXPECT_TRUE(p.ok());
    if (!p) return nullptr;
    io::ImportParams ip;
    ip.status = store::SampleStatus::approved;
    auto r = io::import_samples(**p, write_jsonl(dir / (kind + ".jsonl"), dataset(kind)), ip);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r->totals.imported, 40);
    return std::move(p).value();
}

// One trained project per kind, shared by the tests of this file (training is the slow part).
struct Trained {
    test::TempDir dir;
    std::map<std::string, std::unique_ptr<store::Project>> projects;
    std::map<std::string, train::TrainReport> reports;
};
Trained &trained() {
    static Trained *t = [] {
        auto *x = new Trained;
        for (const char *kind : {"classification", "extraction", "sectioned"}) {
            auto p = imported_project(x->dir.path(), kind);
            auto r = train::train(*p, tiny(12));
            EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
            if (r) x->reports[kind] = *r;
            x->projects[kind] = std::move(p);
        }
        return x;
    }();
    return *t;
}

eval::EvalParams quick() {
    eval::EvalParams p;
    p.max_tokens = 24;
    p.threads = 2;
    return p;
}

const eval::SystemScores *find(const eval::EvalReport &r, const std::string &name,
                               const std::string &quant = "") {
    for (const auto &s : r.systems)
        if (s.name == name && s.quant == quant) return &s;
    return nullptr;
}

int64_t count_rows(store::Project &p, const std::string &sql) {
    return p.db().query_int(sql);
}

// The approved train-split samples, as evaluate gives them to the baselines.
std::vector<store::Sample> train_samples(store::Project &p) {
    store::SampleQuery q;
    q.filter.status = store::SampleStatus::approved;
    q.filter.split = store::Split::train;
    auto s = p.samples(q);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : std::vector<store::Sample>();
}

}  // namespace

TEST(EvalSplit, StratifiedByTopicLargestRemainderThenFrozen) {
    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "x";
    auto p = store::Project::create(dir / "p.smolify", cp);
    ASSERT_TRUE(p.ok());
    std::vector<store::NewSample> ss;
    for (int i = 0; i < 40; ++i) {
        store::NewSample s;
        s.input = "input " + std::to_string(i);
        s.output = "output number " + std::to_string(i);
        s.status = store::SampleStatus::approved;
        s.topic = i < 20 ? "A" : i < 32 ? "B" : "C";  // 20, 12, 8
        ss.push_back(s);
    }
    ASSERT_TRUE((*p)->insert_samples(ss).ok());
    auto r = eval::ensure_test_split(**p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    // k = round(40 x 0.1) = 4; exact shares 2.0, 1.2, 0.8 -> floors 2, 1, 0; the largest remainder
    // (C, 0.8) gets the fourth.
    EXPECT_EQ(r->moved, 4);
    EXPECT_EQ(r->strata, "topic");
    EXPECT_TRUE(r->frozen);
    std::map<std::string, int> by_topic;
    store::SampleQuery q;
    q.filter.split = store::Split::test;
    auto tests = (*p)->samples(q);
    ASSERT_TRUE(tests.ok());
    for (const auto &s : *tests)
        ++by_topic[s.topic];
    EXPECT_EQ(by_topic, (std::map<std::string, int>{{"A", 2}, {"B", 1}, {"C", 1}}));
    ASSERT_TRUE((*(*p)->setting(eval::kTestSplitSetting)).has_value());

    // Frozen: more samples change nothing.
    std::vector<store::NewSample> more;
    for (int i = 0; i < 30; ++i) {
        store::NewSample s;
        s.input = "later " + std::to_string(i);
        s.output = "o";
        s.status = store::SampleStatus::approved;
        more.push_back(s);
    }
    ASSERT_TRUE((*p)->insert_samples(more).ok());
    auto again = eval::ensure_test_split(**p);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->moved, 0);
    EXPECT_EQ(again->test_samples, 4);
}

TEST(EvalSplit, LabelsAsStrataTooFewSamplesAndImportedTestSets) {
    test::TempDir dir;
    auto cls = imported_project(dir.path(), "classification");  // 20 urgent, 12 normal, 8 low
    auto r = eval::ensure_test_split(*cls);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->strata, "label");
    std::map<std::string, int> by_label;
    store::SampleQuery q;
    q.filter.split = store::Split::test;
    auto tests = cls->samples(q);
    ASSERT_TRUE(tests.ok());
    for (const auto &s : *tests)
        ++by_label[s.output];
    EXPECT_EQ(by_label, (std::map<std::string, int>{{"urgent", 2}, {"normal", 1}, {"low", 1}}));

    store::CreateParams cp;
    cp.intent = "x";
    auto small = store::Project::create(dir / "small.smolify", cp);
    std::vector<store::NewSample> ss;
    for (int i = 0; i < 20; ++i) {
        store::NewSample s;
        s.input = "in " + std::to_string(i);
        s.output = "out " + std::to_string(i);
        s.status = store::SampleStatus::approved;
        ss.push_back(s);
    }
    ASSERT_TRUE((*small)->insert_samples(ss).ok());
    auto none = eval::ensure_test_split(**small);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->frozen);
    EXPECT_EQ(none->moved, 0);
    EXPECT_FALSE((*(*small)->setting(eval::kTestSplitSetting)).has_value());

    // A test set imported with --split test is adopted as it is.
    store::NewSample t;
    t.input = "held out";
    t.output = "by the user";
    t.split = store::Split::test;
    ASSERT_TRUE((*small)->insert_samples(std::span<const store::NewSample>(&t, 1)).ok());
    auto adopted = eval::ensure_test_split(**small);
    ASSERT_TRUE(adopted.ok());
    EXPECT_TRUE(adopted->frozen);
    EXPECT_EQ(adopted->strata, "imported");
    EXPECT_EQ(adopted->moved, 0);
    EXPECT_EQ(adopted->test_samples, 1);
}

TEST(EvalProject, TrainerHeldOutTheTestSplitBeforeTraining) {
    auto &t = trained();
    for (const auto &[kind, p] : t.projects) {
        SCOPED_TRACE(kind);
        store::SampleFilter f;
        f.split = store::Split::test;
        EXPECT_EQ(*p->count_samples(f), 4);
        const auto &r = t.reports.at(kind);
        EXPECT_EQ(r.train_samples + r.val_samples, 36);  // the 4 test samples were never read
    }
}

TEST(EvalProject, TeacherForcedLossEqualsTheTrainersValidationLoss) {
    auto &t = trained();
    store::Project &p = *t.projects.at("sectioned");
    const auto &rep = t.reports.at("sectioned");
    ASSERT_GT(rep.val_loss, 0);
    // The final checkpoint holds the weights of the final validation pass; its header lists the
    // validation samples.
    auto info = train::read_checkpoint_info(rep.checkpoint);
    ASSERT_TRUE(info.ok()) << info.error().message;
    auto runner = infer::open_project(p);
    ASSERT_TRUE(runner.ok()) << runner.error().message;
    double sum = 0;
    int64_t tokens = 0;
    for (const auto &id : info->header["val_ids"]) {
        auto s = p.sample(id.get<int64_t>());
        ASSERT_TRUE(s.ok() && s->has_value());
        int64_t n = 0;
        auto loss = eval::reference_loss(*runner, (*s)->input, (*s)->output, n);
        ASSERT_TRUE(loss.ok()) << loss.error().message;
        ASSERT_GT(n, 0);
        sum += *loss * double(n);
        tokens += n;
    }
    // Same masking, token-weighted: equal to the trainer's number up to float summation order.
    EXPECT_NEAR(sum / double(tokens), rep.val_loss, 1e-3 * rep.val_loss);
}

TEST(EvalProject, ClassificationGetsAccuracyMacroF1ConfusionAndMajorityBaseline) {
    store::Project &p = *trained().projects.at("classification");
    auto r = eval::evaluate(p, quick());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->profile.spec.kind, synth::TaskKind::classification);
    EXPECT_FALSE(r->profile.from_spec);
    EXPECT_EQ(r->profile.spec.output.labels, (std::vector<std::string>{"urgent", "normal", "low"}));
    EXPECT_EQ(r->evaluated, 4);
    EXPECT_TRUE(r->test_split_frozen);
    for (const char *q : {"f32", "q8_0", "q4_0"}) {
        SCOPED_TRACE(q);
        const auto *s = find(*r, "student", q);
        ASSERT_NE(s, nullptr);
        ASSERT_TRUE(s->classification.has_value());
        ASSERT_EQ(s->results.size(), 4u);
        int64_t right = 0, in_matrix = 0;
        for (const auto &x : s->results)
            right += x.score == 1.0;
        for (const auto &row : s->classification->confusion)
            for (int64_t v : row)
                in_matrix += v;
        EXPECT_EQ(in_matrix, 4);
        EXPECT_DOUBLE_EQ(s->classification->accuracy, double(right) / 4.0);
        EXPECT_GT(s->loss, 0);
        EXPECT_DOUBLE_EQ(s->perplexity, std::exp(s->loss));
        EXPECT_GT(s->latency_s, 0);
        EXPECT_GE(s->tokens_per_s, 0);
    }
    const auto *teacher = find(*r, "teacher");
    ASSERT_NE(teacher, nullptr);
    EXPECT_DOUBLE_EQ(teacher->contract_share, 1.0);
    EXPECT_DOUBLE_EQ(teacher->classification->accuracy, 1.0);
    // The majority label of the 36 training samples is "urgent" (18 of them); the stratified test set
    // holds 2 urgent of 4, so the baseline is right on exactly 2.
    const auto *majority = find(*r, "majority label");
    ASSERT_NE(majority, nullptr);
    EXPECT_DOUBLE_EQ(majority->classification->accuracy, 0.5);
    // urgent: tp 2, fp 2 -> P 1/2, R 1, F1 2/3; normal and low: F1 0 -> macro-F1 (2/3) / 3 = 2/9.
    EXPECT_NEAR(majority->classification->macro_f1, 2.0 / 9.0, 1e-12);
    // Naive Bayes and logistic regression, trained on the 36 approved train-split samples (not the
    // test samples): the same accuracy as a model trained here on the same samples.
    const auto train = train_samples(p);
    ASSERT_EQ(train.size(), 36u);
    std::vector<std::string> texts;
    std::vector<int> labels;
    for (const auto &x : train) {
        texts.push_back(x.input);
        const auto &ls = r->profile.spec.output.labels;
        labels.push_back(int(std::find(ls.begin(), ls.end(), x.output) - ls.begin()));
    }
    eval::NaiveBayes nb;
    nb.fit(texts, labels, 3);
    eval::LogisticRegression lr;
    lr.fit(texts, labels, 3);
    int nb_right = 0, lr_right = 0;
    const auto *f32 = find(*r, "student", "f32");
    for (const auto &x : f32->results) {
        nb_right += r->profile.spec.output.labels[std::size_t(nb.predict(x.input))] == x.reference;
        lr_right += r->profile.spec.output.labels[std::size_t(lr.predict(x.input))] == x.reference;
    }
    const auto *nbs = find(*r, "naive Bayes");
    const auto *lrs = find(*r, "logistic regression");
    ASSERT_TRUE(nbs && lrs);
    EXPECT_EQ(nbs->role, "baseline");
    EXPECT_DOUBLE_EQ(nbs->classification->accuracy, nb_right / 4.0);
    EXPECT_DOUBLE_EQ(lrs->classification->accuracy, lr_right / 4.0);
    EXPECT_DOUBLE_EQ(nbs->contract_share, 1.0);  // a label every time
    // The comparison: the constrained F32 student (labels decoded as labels) against the best of the three.
    ASSERT_TRUE(r->constrained_student.has_value());
    double best = -1;
    std::string best_name;
    for (const auto &s : r->systems)
        if (s.role == "baseline" && s.score > best) {
            best = s.score;
            best_name = s.name;
        }
    const json cmp = eval::report_json(*r, false)["baseline_comparison"];
    ASSERT_TRUE(cmp.is_object()) << cmp.dump();
    EXPECT_EQ(cmp["best_baseline"], best_name);
    EXPECT_DOUBLE_EQ(cmp["best_baseline_score"].get<double>(), best);
    EXPECT_EQ(cmp["student_system"], "student f32 constrained");
    EXPECT_DOUBLE_EQ(cmp["student_score"].get<double>(), r->constrained_student->score);
    EXPECT_DOUBLE_EQ(cmp["unconstrained_student_score"].get<double>(), f32->score);
    EXPECT_DOUBLE_EQ(cmp["margin"].get<double>(), r->constrained_student->score - best);
    EXPECT_EQ(cmp["student_beats"], r->constrained_student->score > best);
    const std::string page = eval::report_html(*r, {}, "t");
    const std::string sentence = eval::comparison_sentence(*eval::comparison_from_json(cmp));
    EXPECT_NE(page.find(sentence), std::string::npos) << sentence;
    EXPECT_NE(sentence.find(r->constrained_student->score > best ? " beats the best baseline, "
                                                                 : " does not beat the best baseline, "),
              std::string::npos)
        << sentence;
    EXPECT_NE(page.find("<td>naive Bayes</td><td>baseline</td>"), std::string::npos);
    EXPECT_NE(page.find("<td>logistic regression</td><td>baseline</td>"), std::string::npos);
    // Stored: one row per sample and weight type.
    EXPECT_EQ(count_rows(p, "SELECT count(*) FROM eval_results WHERE eval_run_id = " +
                                std::to_string(r->eval_run_id)),
              12);
    auto rows = eval::read_results(p, {});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 12u);
    for (std::size_t i = 1; i < rows->size(); ++i)
        EXPECT_LE((*rows)[i - 1].score, (*rows)[i].score);  // worst first
    auto j = eval::report_json(*r, false);
    EXPECT_EQ(j["task"]["kind"], "classification");
    EXPECT_EQ(j["quantization"].size(), 3u);
    EXPECT_EQ(j["quantization"][0]["score_delta"], 0.0);
    EXPECT_TRUE(j["systems"][0]["classification"].contains("confusion"));
    // The model card of an export of this run carries the evaluation.
    auto card = eval::card_metrics(p, r->training_run_id);
    ASSERT_TRUE(card.ok()) << card.error().message;
    std::map<std::string, std::string> by_name(card->begin(), card->end());
    EXPECT_EQ(by_name["task kind"], "classification (inferred)");
    EXPECT_EQ(by_name["held-out samples evaluated"], "4");
    ASSERT_TRUE(by_name.count("majority label"));
    EXPECT_EQ(by_name["majority label"].rfind("score 0.500, keeps the contract 100.0%", 0), 0u)
        << by_name["majority label"];
    ASSERT_TRUE(by_name.count("student q4_0"));
    EXPECT_NE(by_name["student q4_0"].find("loss "), std::string::npos);
    ASSERT_TRUE(by_name.count("naive Bayes"));
    EXPECT_EQ(by_name["compared with the baselines"], sentence);
    auto none = eval::card_metrics(p, r->training_run_id + 1000);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST(EvalProject, ConstrainedDecodingKeepsTheInferredContract) {
    store::Project &p = *trained().projects.at("classification");
    auto params = quick();
    params.quants = {gguf::ExportType::f32};
    params.constrained = true;
    params.store = false;
    auto r = eval::evaluate(p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->constrained);
    EXPECT_EQ(r->eval_run_id, 0);  // not stored
    const auto *s = find(*r, "student", "f32");
    ASSERT_NE(s, nullptr);
    // Every answer is one of the three labels, so the confusion matrix's (other) column is empty.
    EXPECT_DOUBLE_EQ(s->contract_share, 1.0);
    for (const auto &row : s->classification->confusion)
        EXPECT_EQ(row.back(), 0);
    EXPECT_EQ(eval::report_json(*r, false)["constrained"], true);
    // Every answer was constrained already: no second pass to compare with.
    EXPECT_FALSE(r->constrained_student.has_value());
    EXPECT_EQ(eval::report_json(*r, false)["constrained_decoding"]["compared"], false);
}

// One run scores the F32 student both ways: the plain answers of a poor (12-step) student miss the
// section contract, the constrained ones on the same samples all keep it; JSON and HTML show both.
TEST(EvalProject, ConstrainedDecodingBesideThePlainAnswers) {
    for (const char *kind : {"sectioned", "classification"}) {
        SCOPED_TRACE(kind);
        store::Project &p = *trained().projects.at(kind);
        auto params = quick();
        params.quants = {gguf::ExportType::f32, gguf::ExportType::q8_0};
        params.max_tokens = 96;
        params.store = false;
        auto r = eval::evaluate(p, params);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_FALSE(r->constrained);
        const auto *plain = find(*r, "student", "f32");
        ASSERT_NE(plain, nullptr);
        ASSERT_TRUE(r->constrained_student.has_value()) << r->constrained_skipped;
        const eval::SystemScores &c = *r->constrained_student;
        // For the log (gtest --gtest_output=json): the plain and the constrained contract share.
        RecordProperty(std::string(kind) + "_plain_contract_share", std::to_string(plain->contract_share));
        RecordProperty(std::string(kind) + "_constrained_contract_share", std::to_string(c.contract_share));
        EXPECT_EQ(c.quant, "f32");
        EXPECT_EQ(r->constraint_kind, std::string(kind) == "sectioned" ? "sections" : "labels");
        // Same samples, in the same order.
        ASSERT_EQ(c.results.size(), plain->results.size());
        for (std::size_t i = 0; i < c.results.size(); ++i)
            EXPECT_EQ(c.results[i].sample_id, plain->results[i].sample_id);
        EXPECT_EQ(c.contract_share, 1.0);
        for (const auto &x : c.results) {
            EXPECT_TRUE(x.contract_ok) << x.output << ": " << x.contract_reason;
            EXPECT_TRUE(synth::contract_check(r->profile.spec, x.input, x.output).ok) << x.output;
        }
        if (std::string(kind) == "sectioned") {
            // The poor student does not keep the sections on its own.
            EXPECT_LT(plain->contract_share, 1.0);
            int kept = 0;
            for (const auto &x : plain->results)
                kept += synth::contract_check(r->profile.spec, x.input, x.output).ok ? 1 : 0;
            EXPECT_LT(kept, int(plain->results.size()));
        }
        // Only F32 is repeated: the Q8_0 row stays alone.
        ASSERT_NE(find(*r, "student", "q8_0"), nullptr);

        const json j = eval::report_json(*r, true);
        const json &cd = j["constrained_decoding"];
        EXPECT_EQ(cd["compared"], true);
        EXPECT_EQ(cd["quant"], "f32");
        EXPECT_EQ(cd["contract_share"], 1.0);
        EXPECT_EQ(cd["unconstrained"]["contract_share"], plain->contract_share);
        EXPECT_DOUBLE_EQ(cd["contract_share_delta"].get<double>(), 1.0 - plain->contract_share);
        EXPECT_EQ(cd["student"]["contract_share"], 1.0);
        EXPECT_DOUBLE_EQ(cd["score"].get<double>(), c.score);
        // The cost ratio, when the plain answers generated tokens at all (a poor student may stop at once).
        if (plain->tokens_per_s > 0) {
            ASSERT_TRUE(cd["tokens_per_s_ratio"].is_number());
            EXPECT_DOUBLE_EQ(cd["tokens_per_s_ratio"].get<double>(), c.tokens_per_s / plain->tokens_per_s);
        } else {
            EXPECT_TRUE(cd["tokens_per_s_ratio"].is_null());
        }
        if (std::string(kind) == "sectioned") {
            EXPECT_GT(plain->tokens_per_s, 0.0);
        }
        EXPECT_EQ(cd["results"].size(), c.results.size());
        // The plain rows are untouched: the systems hold F32 and Q8_0 students, no third.
        int students = 0;
        for (const auto &s : j["systems"])
            students += s["role"] == "student" ? 1 : 0;
        EXPECT_EQ(students, 2);

        const std::string page = eval::report_html(*r, {}, "t");
        EXPECT_NE(page.find("<h2>Constrained decoding</h2>"), std::string::npos);
        // Classification leads with the constrained answers (labels decoded as labels).
        const std::string role = std::string(kind) == "classification" ? "student (headline)" : "student";
        EXPECT_NE(page.find("student f32 with constrained decoding</td><td>" + role + "</td><td>100.0%</td>"),
                  std::string::npos);
        EXPECT_NE(
            page.find("<tr><td>unconstrained</td><td>" + std::to_string(int(plain->contract_share * 100))),
            std::string::npos);
        EXPECT_NE(page.find("Cost of constrained decoding: "), std::string::npos);
    }
}

TEST(EvalProject, ConstrainedComparisonCanBeTurnedOff) {
    store::Project &p = *trained().projects.at("classification");
    auto params = quick();
    params.quants = {gguf::ExportType::f32};
    params.compare_constrained = false;
    params.store = false;
    auto r = eval::evaluate(p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->constrained_student.has_value());
    EXPECT_EQ(eval::report_json(*r, false)["constrained_decoding"]["compared"], false);
    EXPECT_EQ(eval::report_html(*r, {}, "t").find("Constrained decoding"), std::string::npos);
    // Without an F32 variant there is nothing to compare, and the report says why.
    params.compare_constrained = true;
    params.quants = {gguf::ExportType::q8_0};
    r = eval::evaluate(p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->constrained_student.has_value());
    EXPECT_EQ(eval::report_json(*r, false)["constrained_decoding"]["why"], "no F32 variant was evaluated");
}

TEST(EvalProject, ExtractionGetsPerFieldScores) {
    store::Project &p = *trained().projects.at("extraction");
    auto params = quick();
    params.quants = {gguf::ExportType::f32};
    params.max_tokens = 48;
    auto r = eval::evaluate(p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->profile.spec.kind, synth::TaskKind::json_extraction);
    const auto *s = find(*r, "student", "f32");
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(s->extraction.has_value());
    // The fields the student names are its own; the teacher's three are always there.
    std::vector<std::string> fields;
    for (const auto &f : s->extraction->fields)
        fields.push_back(f.field);
    for (const char *want : {"city", "company", "total"})
        EXPECT_NE(std::find(fields.begin(), fields.end(), want), fields.end()) << want;
    // Recomputed from the stored outputs.
    eval::ExtractionTally tally;
    for (const auto &x : s->results)
        tally.add(eval::parse_json_output(x.reference), eval::parse_json_output(x.output));
    EXPECT_DOUBLE_EQ(tally.scores().micro.f1, s->extraction->micro.f1);
    const auto *teacher = find(*r, "teacher");
    ASSERT_NE(teacher, nullptr);
    EXPECT_DOUBLE_EQ(teacher->extraction->micro.f1, 1.0);
    EXPECT_DOUBLE_EQ(teacher->contract_share, 1.0);
    // One baseline applies: nearest neighbour, the output of the training sample with the most similar
    // input (which keeps the contract, as every approved sample does).
    EXPECT_EQ(r->systems.size(), 3u);
    const auto *nn = find(*r, "nearest neighbour");
    ASSERT_NE(nn, nullptr);
    EXPECT_EQ(nn->role, "baseline");
    EXPECT_DOUBLE_EQ(nn->contract_share, 1.0);
    const auto train = train_samples(p);
    std::vector<std::string> inputs;
    std::vector<int64_t> ids;
    for (const auto &x : train) {
        inputs.push_back(x.input);
        ids.push_back(x.id);
    }
    eval::NearestNeighbour index;
    index.fit(inputs, ids);
    eval::ExtractionTally nn_tally;
    double nn_score = 0;
    for (const auto &x : s->results) {
        const std::string &out = train[std::size_t(index.best(x.input))].output;
        nn_tally.add(eval::parse_json_output(x.reference), eval::parse_json_output(out));
        nn_score += eval::score_sample(r->profile, x.sample_id, x.input, x.reference, out).score;
    }
    EXPECT_DOUBLE_EQ(nn->extraction->micro.f1, nn_tally.scores().micro.f1);
    EXPECT_DOUBLE_EQ(nn->score, nn_score / double(s->results.size()));
    // The test inputs' nearest training inputs are invoices of the same company and city (i and i + 20
    // share both): those fields are right.
    EXPECT_GT(nn->score, 0.3);
    const json cmp = eval::report_json(*r, false)["baseline_comparison"];
    EXPECT_EQ(cmp["best_baseline"], "nearest neighbour");
    EXPECT_EQ(cmp["student_system"], "student f32");
    EXPECT_EQ(cmp["measure"], "field F1");
}

TEST(EvalProject, SectionedTextGetsRougeChrfAndTextBaselines) {
    store::Project &p = *trained().projects.at("sectioned");
    auto params = quick();
    params.quants = {gguf::ExportType::f32, gguf::ExportType::q4_0};
    auto r = eval::evaluate(p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->profile.spec.kind, synth::TaskKind::sectioned_text);
    EXPECT_EQ(r->profile.spec.output.sections, (std::vector<std::string>{"Subjective", "Objective", "Plan"}));
    const auto *s = find(*r, "student", "f32");
    ASSERT_NE(s, nullptr);
    EXPECT_GE(s->rouge_l, 0.0);
    EXPECT_LE(s->rouge_l, 1.0);
    EXPECT_GE(s->chrf, 0.0);
    ASSERT_NE(find(*r, "student", "q4_0"), nullptr);
    const auto *copy = find(*r, "copy input");
    const auto *first = find(*r, "first sentence");
    ASSERT_TRUE(copy && first);
    // The copy baseline's ROUGE-L is the mean over the test samples of ROUGE-L(reference, input).
    double want = 0;
    for (const auto &x : s->results)
        want += eval::rouge_l(x.reference, x.input);
    EXPECT_NEAR(copy->rouge_l, want / double(s->results.size()), 1e-12);
    EXPECT_DOUBLE_EQ(copy->contract_share, 0.0);  // an input has no sections
    EXPECT_DOUBLE_EQ(find(*r, "teacher")->contract_share, 1.0);
    // Nearest neighbour answers with a training note: it has the sections, and is far closer to the
    // reference than the input is.
    const auto *nn = find(*r, "nearest neighbour");
    ASSERT_NE(nn, nullptr);
    EXPECT_DOUBLE_EQ(nn->contract_share, 1.0);
    EXPECT_GT(nn->rouge_l, copy->rouge_l + 0.2);
    ASSERT_EQ(r->systems.back().name, "nearest neighbour");  // the baselines after the teacher
    const json cmp = eval::report_json(*r, false)["baseline_comparison"];
    EXPECT_EQ(cmp["best_baseline"], "nearest neighbour");
    EXPECT_EQ(cmp["measure"], "ROUGE-L");
    EXPECT_DOUBLE_EQ(cmp["student_score"].get<double>(), s->score);

    // Facts on every system of the report: the teacher states all of its own and invents none;
    // copying the input invents none either; the JSON carries them.
    const auto *teacher = find(*r, "teacher");
    ASSERT_TRUE(teacher->facts && copy->facts && s->facts);
    EXPECT_DOUBLE_EQ(teacher->facts->recall, 1.0);
    EXPECT_DOUBLE_EQ(teacher->facts->invented_share, 0.0);
    EXPECT_DOUBLE_EQ(copy->facts->invented_share, 0.0);
    EXPECT_GT(teacher->facts->reference_facts, 0);
    EXPECT_EQ(copy->facts->reference_facts, teacher->facts->reference_facts);  // the same references
    const json sys = eval::report_json(*r, false)["systems"];
    bool seen = false;
    for (const json &x : sys)
        if (x["role"] == "student" && x["quant"] == "f32") {
            seen = true;
            EXPECT_DOUBLE_EQ(x["facts"]["recall"].get<double>(), s->facts->recall);
            EXPECT_DOUBLE_EQ(x["facts"]["invented_share"].get<double>(), s->facts->invented_share);
        }
    EXPECT_TRUE(seen);
}

TEST(EvalProject, PromotingAWorstCaseMakesACorrectedTrainingSample) {
    test::TempDir dir;
    auto p = imported_project(dir.path(), "classification");
    ASSERT_TRUE(train::train(*p, tiny(3)).ok());
    auto params = quick();
    params.quants = {gguf::ExportType::f32};
    params.max_tokens = 4;
    auto r = eval::evaluate(*p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto worst = eval::read_results(*p, {});
    ASSERT_TRUE(worst.ok());
    ASSERT_EQ(worst->size(), 4u);
    const eval::StoredResult w = worst->front();
    ASSERT_TRUE(w.sample_id.has_value());

    auto out = eval::promote_result(*p, w.id, std::string("low"));
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->sample_id, *w.sample_id);
    auto s = p->sample(*w.sample_id);
    ASSERT_TRUE(s.ok() && s->has_value());
    EXPECT_EQ((*s)->split, store::Split::train);
    EXPECT_EQ((*s)->status, store::SampleStatus::approved);
    EXPECT_EQ((*s)->output, "low");
    EXPECT_EQ(out->corrected, w.reference != "low");
    auto prov = json::parse((*s)->provenance);
    EXPECT_EQ(prov["promoted"]["eval_result"], w.id);
    EXPECT_EQ(prov["promoted"]["student_output"], w.output);
    if (out->corrected) {
        auto revs = p->revisions(*w.sample_id);
        ASSERT_TRUE(revs.ok());
        ASSERT_EQ(revs->size(), 2u);
        EXPECT_EQ((*revs)[0].output, w.reference);  // the teacher's text is kept
    }
    auto twice = eval::promote_result(*p, w.id, std::nullopt);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().kind, ErrorKind::user);
    EXPECT_NE(twice.error().message.find("already promoted"), std::string::npos);
    auto missing = eval::promote_result(*p, 999999, std::nullopt);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::user);

    // Without a corrected text the teacher's output is kept as it is.
    const eval::StoredResult &other = (*worst)[1];
    auto plain = eval::promote_result(*p, other.id, std::nullopt);
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_FALSE(plain->corrected);
    EXPECT_EQ((*p->sample(*other.sample_id))->output, other.reference);
    store::SampleFilter f;
    f.split = store::Split::test;
    EXPECT_EQ(*p->count_samples(f), 2);  // both left the test set
}

TEST(EvalProject, TestSamplesTheModelTrainedOnAreLeftOut) {
    test::TempDir dir;
    auto p = imported_project(dir.path(), "classification");
    auto t = train::train(*p, tiny(2));
    ASSERT_TRUE(t.ok()) << t.error().message;
    auto info = train::read_checkpoint_info(t->checkpoint);
    ASSERT_TRUE(info.ok());
    // Two samples the run trained on are moved to the test split afterwards.
    const std::vector<int64_t> moved = {info->header["train_ids"][0].get<int64_t>(),
                                        info->header["train_ids"][1].get<int64_t>()};
    ASSERT_TRUE(p->set_split(moved, store::Split::test).ok());
    auto params = quick();
    params.quants = {gguf::ExportType::f32};
    params.max_tokens = 2;
    auto r = eval::evaluate(*p, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->test_samples, 6);
    EXPECT_EQ(r->excluded_trained, 2);
    EXPECT_EQ(r->evaluated, 4);
    for (const auto &x : find(*r, "student", "f32")->results)
        EXPECT_TRUE(x.sample_id != moved[0] && x.sample_id != moved[1]);
}

TEST(EvalCli, JsonHtmlReportPromoteAndErrors) {
    test::TempDir dir;
    auto p = imported_project(dir.path(), "classification");
    ASSERT_TRUE(train::train(*p, tiny(3)).ok());
    const std::string path = p->path().string();
    p.reset();
    const fs::path html = dir / "report.html";
    auto r = test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--json", "--quant", "f32,q8_0", "--limit",
                                "3", "--max-tokens", "4", "--threads", "2", "--report", html.string()},
                               dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = json::parse(r.out);
    EXPECT_EQ(j["task"]["kind"], "classification");
    EXPECT_EQ(j["evaluated"], 3);
    EXPECT_EQ(j["test_samples"], 4);
    EXPECT_EQ(j["quantization"].size(), 2u);
    EXPECT_EQ(j["systems"][0]["quant"], "f32");
    EXPECT_TRUE(j["systems"][0].contains("loss"));
    EXPECT_EQ(j["worst"].size(), 3u);
    // The F32 student also answered with constrained decoding: every answer one of the labels.
    EXPECT_EQ(j["constrained_decoding"]["compared"], true);
    EXPECT_EQ(j["constrained_decoding"]["constraint"], "labels");
    EXPECT_EQ(j["constrained_decoding"]["contract_share"], 1.0);
    // The comparison with the best baseline, led by the constrained student.
    ASSERT_TRUE(j["baseline_comparison"].is_object()) << j.dump();
    EXPECT_EQ(j["baseline_comparison"]["student_system"], "student f32 constrained");
    EXPECT_TRUE(j["baseline_comparison"]["student_beats"].is_boolean());
    std::vector<std::string> names;
    for (const auto &s : j["systems"])
        names.push_back(s["name"].get<std::string>());
    for (const char *want : {"majority label", "naive Bayes", "logistic regression"})
        EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;

    const std::string page = test::slurp(html);
    EXPECT_NE(page.find("<p class='verdict "), std::string::npos);
    EXPECT_NE(page.find(eval::comparison_sentence(*eval::comparison_from_json(j["baseline_comparison"]))),
              std::string::npos);
    EXPECT_NE(page.find("with constrained decoding"), std::string::npos);
    EXPECT_NE(page.find("<svg"), std::string::npos);
    EXPECT_NE(page.find("Confusion matrix"), std::string::npos);
    EXPECT_NE(page.find("q8_0"), std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("http"), std::string::npos);       // nothing to fetch
    EXPECT_EQ(page.find("<u>"), std::string::npos);        // the inputs' markup is escaped ...
    EXPECT_NE(page.find("&lt;u&gt;"), std::string::npos);  // ... and shown

    const int64_t result = j["worst"][0]["result_id"];
    auto promoted = test::run_process(
        {SMOLIFY_CLI_PATH, "eval", path, "--promote", std::to_string(result), "--output", "low", "--json"},
        dir.path());
    ASSERT_EQ(promoted.exit_code, 0) << promoted.err;
    auto pj = json::parse(promoted.out);
    EXPECT_EQ(pj["sample_id"], j["worst"][0]["sample_id"]);
    auto again =
        test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--promote", std::to_string(result)}, dir.path());
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already promoted"), std::string::npos) << again.err;

    auto human = test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--quant", "f32", "--limit", "2",
                                    "--max-tokens", "4", "--threads", "2"},
                                   dir.path());
    ASSERT_EQ(human.exit_code, 0) << human.err;
    EXPECT_NE(human.out.find("accuracy"), std::string::npos);
    EXPECT_NE(human.out.find("majority label"), std::string::npos);
    EXPECT_NE(human.out.find("with constrained decoding (labels)"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("logistic regression"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("student f32 constrained *"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("\nbaselines: The student (f32 with constrained decoding, accuracy "),
              std::string::npos)
        << human.out;
    auto off = test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--quant", "f32", "--limit", "2",
                                  "--max-tokens", "4", "--threads", "2", "--no-constrained", "--json"},
                                 dir.path());
    ASSERT_EQ(off.exit_code, 0) << off.err;
    EXPECT_EQ(json::parse(off.out)["constrained_decoding"]["compared"], false);
    auto both =
        test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--constrained", "--no-constrained"}, dir.path());
    EXPECT_NE(both.exit_code, 0);

    auto bad = test::run_process({SMOLIFY_CLI_PATH, "eval", path, "--quant", "q3"}, dir.path());
    EXPECT_EQ(bad.exit_code, 1);
    // A project with no test samples and no model: clear user errors.
    store::CreateParams cp;
    cp.intent = "x";
    ASSERT_TRUE(store::Project::create(dir / "empty.smolify", cp).ok());
    auto empty = test::run_process({SMOLIFY_CLI_PATH, "eval", (dir / "empty.smolify").string()}, dir.path());
    EXPECT_EQ(empty.exit_code, 1);
    EXPECT_NE(empty.err.find("test samples"), std::string::npos) << empty.err;
}
