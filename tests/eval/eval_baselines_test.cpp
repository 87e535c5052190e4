// The classical baselines (core/eval/baselines.h): naive Bayes and logistic regression learn a
// synthetic three-label task from its words, survive empty, non-Latin, invalid-UTF-8 and huge inputs,
// and ignore labels outside the set; nearest neighbour answers with the most similar input's output,
// ties to the lowest id; make_baselines gives each kind its baselines; and the report's comparison of
// the headline student with the best baseline (JSON, HTML sentence, round trip).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "eval/baselines.h"
#include "eval/report.h"
#include "eval/score.h"

using namespace smolify;
using namespace smolify::eval;
using nlohmann::json;

namespace {

// Three labels, each with its own ten words (one at least in every text), mixed with words every
// label uses. Seeded.
struct Task {
    std::vector<std::string> train_texts, test_texts;
    std::vector<int> train_labels, test_labels;
};

Task synthetic_task(int train_per_label, int test_per_label, uint32_t seed = 7) {
    static const std::vector<std::vector<std::string>> kOwn = {
        {"invoice", "refund", "charged", "payment", "billing", "receipt", "price", "card", "subscription",
         "paid"},
        {"wifi", "router", "vpn", "offline", "dns", "latency", "network", "ping", "ethernet", "packets"},
        {"screen", "keyboard", "battery", "laptop", "charger", "monitor", "mouse", "printer", "fan", "disk"}};
    static const std::vector<std::string> kShared = {
        "please", "help", "since",  "today",  "my", "the", "is",    "not",    "working", "again",
        "hello",  "team", "urgent", "thanks", "we", "it",  "after", "update", "still",   "broken"};
    std::mt19937 rng(seed);
    auto text = [&](int label) {
        std::string s;
        const int words = 6 + int(rng() % 8);
        const int own = int(rng() % std::uint32_t(words));  // at least one word of the label's own
        for (int w = 0; w < words; ++w) {
            // Else one word in four is the label's own.
            const bool mine = w == own || rng() % 4 == 0;
            const std::string &word = mine ? kOwn[std::size_t(label)][rng() % 10] : kShared[rng() % 20];
            s += (w ? " " : "") + word;
        }
        return s;
    };
    Task t;
    for (int i = 0; i < train_per_label * 3; ++i) {
        t.train_texts.push_back(text(i % 3));
        t.train_labels.push_back(i % 3);
    }
    for (int i = 0; i < test_per_label * 3; ++i) {
        t.test_texts.push_back(text(i % 3));
        t.test_labels.push_back(i % 3);
    }
    return t;
}

template <typename Model>
double accuracy(const Model &m, const Task &t) {
    int right = 0;
    for (std::size_t i = 0; i < t.test_texts.size(); ++i)
        right += m.predict(t.test_texts[i]) == t.test_labels[i];
    return double(right) / double(t.test_texts.size());
}

// Inputs that stress the reader: empty, whitespace, non-Latin scripts, broken UTF-8 (a lone
// continuation byte, a truncated sequence, an encoded surrogate, an overlong), NUL, and a huge text.
std::vector<std::string> hostile_inputs() {
    return {
        "",
        "   \n\t ",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88",
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xd0\xbc\xd0\xb8\xd1\x80",
        "caf\xc3\xa9 na\xc3\xafve \xf0\x9f\x98\x80",
        "\x80\x80\xff\xfe",
        "invoice \xc3",
        "\xed\xa0\x80 router",
        "\xc0\xaf\xe0\x80\xaf",
        std::string("nul\0byte", 8),
        std::string(100000, 'x') + " battery"};
}

}  // namespace

TEST(EvalBaselines, FeaturesReadWordsLowerCasedAndSurviveAnyBytes) {
    EXPECT_EQ(feature_words("Caf\xc3\xa9, NA\xc3\x8f"
                            "VE: 5mg-dose!"),
              (std::vector<std::string>{"caf\xc3\xa9",
                                        "na\xc3\xaf"
                                        "ve",
                                        "5mg", "dose"}));
    // An invalid byte separates words; it is still a character of the character n-grams.
    EXPECT_EQ(feature_words("ab\xff"
                            "cd"),
              (std::vector<std::string>{"ab", "cd"}));
    EXPECT_NE(text_features("ab\xff"
                            "cd",
                            classifier_features()),
              text_features("ab cd", classifier_features()));
    EXPECT_TRUE(text_features("", classifier_features()).empty());
    EXPECT_TRUE(text_features(" \n ", classifier_features()).empty());
    // "ab": words {ab}, no pair; characters of " ab ": 2-grams " a", "ab", "b " and 3-grams " ab", "ab ",
    // one 4-gram " ab ": 1 + 3 + 2 + 1 = 7 features, each once.
    const HashedCounts ab = text_features("AB", classifier_features());
    EXPECT_EQ(ab.size(), 7u);
    for (const auto &[h, c] : ab)
        EXPECT_EQ(c, 1);
    EXPECT_EQ(ab, text_features("ab", classifier_features()));  // lower-cased
    // Only the first kMaxFeatureBytes bytes count.
    const std::string head(kMaxFeatureBytes, 'q');
    EXPECT_EQ(text_features(head + " tail words here", classifier_features()),
              text_features(head, classifier_features()));
    for (const auto &s : hostile_inputs()) {
        const HashedCounts f = text_features(s, neighbour_features());
        for (std::size_t i = 1; i < f.size(); ++i)
            EXPECT_LT(f[i - 1].first, f[i].first);  // sorted, each feature once
    }
}

TEST(EvalBaselines, NaiveBayesAndLogisticRegressionLearnASyntheticTask) {
    const Task t = synthetic_task(40, 30);
    NaiveBayes nb;
    nb.fit(t.train_texts, t.train_labels, 3);
    LogisticRegression lr;
    lr.fit(t.train_texts, t.train_labels, 3);
    RecordProperty("naive_bayes_accuracy", std::to_string(accuracy(nb, t)));
    RecordProperty("logistic_regression_accuracy", std::to_string(accuracy(lr, t)));
    EXPECT_GE(accuracy(nb, t), 0.9);
    EXPECT_GE(accuracy(lr, t), 0.9);
    // The words decide: a text of one label's own words only.
    EXPECT_EQ(nb.predict("router dns vpn"), 1);
    EXPECT_EQ(lr.predict("router dns vpn"), 1);
    EXPECT_EQ(nb.predict("Printer and BATTERY"), 2);
    EXPECT_EQ(lr.predict("Printer and BATTERY"), 2);
    // Probabilities sum to one and favour the right label.
    const auto p = lr.probabilities(text_features("refund my invoice", classifier_features()));
    ASSERT_EQ(p.size(), 3u);
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-9);
    EXPECT_GT(p[0], 0.5);

    // Deterministic: the same data gives the same model.
    LogisticRegression again;
    again.fit(t.train_texts, t.train_labels, 3);
    for (const auto &s : t.test_texts)
        EXPECT_EQ(again.probabilities(text_features(s, classifier_features())),
                  lr.probabilities(text_features(s, classifier_features())));
    // With the labels shuffled away from the words there is nothing to learn (the test can fail).
    std::vector<int> scrambled(t.train_labels.size());
    for (std::size_t i = 0; i < scrambled.size(); ++i)
        scrambled[i] = int((i / 3) % 3);
    NaiveBayes blind;
    blind.fit(t.train_texts, scrambled, 3);
    EXPECT_LT(accuracy(blind, t), 0.7);
}

TEST(EvalBaselines, ClassifiersIgnoreLabelsOutsideTheSetAndSurviveHostileInputs) {
    Task t = synthetic_task(20, 10);
    // Hostile texts with labels outside [0, 3): ignored. The vocabulary is as without them.
    NaiveBayes clean;
    clean.fit(t.train_texts, t.train_labels, 3);
    for (const auto &s : hostile_inputs()) {
        t.train_texts.push_back(s);
        t.train_labels.push_back(t.train_labels.size() % 2 ? -1 : 3);
    }
    NaiveBayes nb;
    nb.fit(t.train_texts, t.train_labels, 3);
    EXPECT_EQ(nb.vocabulary().size(), clean.vocabulary().size());
    EXPECT_EQ(nb.vocabulary().docs(), 60);
    LogisticRegression lr;
    lr.fit(t.train_texts, t.train_labels, 3);
    for (const auto &s : hostile_inputs()) {
        const int a = nb.predict(s), b = lr.predict(s);
        EXPECT_GE(a, 0);
        EXPECT_LT(a, 3);
        EXPECT_GE(b, 0);
        EXPECT_LT(b, 3);
    }
    // Trained on hostile texts with labels: they are ordinary texts.
    const std::vector<std::string> texts = {
        "\xe6\x97\xa5\xe6\x9c\xac \xe6\x9d\xb1\xe4\xba\xac",
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
        "\xe6\x97\xa5\xe6\x9c\xac \xe5\xa4\xa7\xe9\x98\xaa",
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 \xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f",
        "\xff\xfe\xfd",
        "",
        "\x80\x80"};
    const std::vector<int> labels = {0, 1, 0, 1, 2, 2, 2};
    NaiveBayes u;
    u.fit(texts, labels, 3);
    EXPECT_EQ(u.predict("\xe6\x97\xa5\xe6\x9c\xac"), 0);
    EXPECT_EQ(u.predict("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0!"), 1);
    // Nothing to learn from: the first label, no crash.
    NaiveBayes none;
    none.fit(std::vector<std::string>{}, std::vector<int>{}, 3);
    EXPECT_EQ(none.predict("anything"), 0);
    LogisticRegression lnone;
    lnone.fit(std::vector<std::string>{"x"}, std::vector<int>{7}, 3);
    EXPECT_EQ(lnone.predict("x"), 0);
}

TEST(EvalBaselines, NearestNeighbourReturnsTheMostSimilarInputTiesToTheLowestId) {
    const std::vector<std::string> inputs = {
        "The printer on floor two is jammed with paper", "VPN drops every ten minutes from home",
        "Laptop battery dies within an hour", "vpn drops every ten minutes from home", ""};
    const std::vector<int64_t> ids = {10, 30, 20, 5, 1};
    NearestNeighbour nn;
    nn.fit(inputs, ids);
    double sim = 0;
    EXPECT_EQ(nn.best("my laptop battery dies fast", &sim), 2);
    EXPECT_GT(sim, 0.2);
    EXPECT_LE(sim, 1.0 + 1e-6);
    EXPECT_EQ(nn.best("printer jammed again"), 0);
    // Positions 1 and 3 are the same text once lower-cased: the lower id (5, position 3) wins.
    EXPECT_EQ(nn.best("VPN drops every ten minutes from home", &sim), 3);
    EXPECT_NEAR(sim, 1.0, 1e-5);
    // Nothing in common with any input: the lowest id (1, the empty input at position 4).
    EXPECT_EQ(nn.best("zzzz qqqq"), 4);
    EXPECT_EQ(nn.best(""), 4);
    for (const auto &s : hostile_inputs()) {
        const int64_t b = nn.best(s);
        EXPECT_GE(b, 0);
        EXPECT_LT(b, 5);
    }
    // Without ids, positions are the ids.
    NearestNeighbour by_position;
    by_position.fit(inputs);
    EXPECT_EQ(by_position.best("VPN drops every ten minutes from home"), 1);
    NearestNeighbour empty;
    empty.fit({});
    EXPECT_EQ(empty.best("x"), -1);
}

TEST(EvalBaselines, EachKindGetsItsBaselinesFromTheTrainingSamples) {
    TaskProfile c;
    c.spec.kind = synth::TaskKind::classification;
    c.spec.output.labels = {"billing", "network", "hardware"};
    const Task t = synthetic_task(20, 5);
    std::vector<TrainExample> train;
    for (std::size_t i = 0; i < t.train_texts.size(); ++i) {
        // Labels as the contract normalises them ("Billing." is billing); one outside the set, ignored.
        std::string label = c.spec.output.labels[std::size_t(t.train_labels[i])];
        if (i % 4 == 0) label[0] = char(std::toupper(label[0]));
        if (i % 5 == 0) label += ".";
        train.push_back({int64_t(i + 1), t.train_texts[i], label});
    }
    train.push_back({1000, "invoice refund payment", "not a label"});
    std::vector<std::string> refs;
    for (int y : t.test_labels)
        refs.push_back(c.spec.output.labels[std::size_t(y)]);
    auto b = make_baselines(c, t.test_texts, refs, train);
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b[0].name, "majority label");
    EXPECT_EQ(b[1].name, "naive Bayes");
    EXPECT_EQ(b[2].name, "logistic regression");
    for (const auto &x : b) {
        ASSERT_EQ(x.outputs.size(), t.test_texts.size());
        int right = 0;
        for (std::size_t i = 0; i < refs.size(); ++i)
            right += x.outputs[i] == refs[i];
        if (x.name != "majority label") {
            EXPECT_GE(double(right) / double(refs.size()), 0.9) << x.name;
        }
        for (const auto &o : x.outputs)
            EXPECT_NE(std::find(c.spec.output.labels.begin(), c.spec.output.labels.end(), o),
                      c.spec.output.labels.end());
    }
    // No training sample with a label: only the majority label (of the references).
    auto bare = make_baselines(c, {"i1", "i2"}, {"network", "network"}, {});
    ASSERT_EQ(bare.size(), 1u);
    EXPECT_EQ(bare[0].outputs, (std::vector<std::string>{"network", "network"}));

    TaskProfile e;
    e.spec.kind = synth::TaskKind::json_extraction;
    const std::vector<TrainExample> invoices = {
        {4, "Invoice from Acme, total 120 EUR, Paris", R"({"company":"Acme","total":120})"},
        {2, "Invoice from Globex, total 80 EUR, Lyon", R"({"company":"Globex","total":80})"}};
    auto eb = make_baselines(e, {"invoice from globex total 99", ""}, {"{}", "{}"}, invoices);
    ASSERT_EQ(eb.size(), 1u);
    EXPECT_EQ(eb[0].name, "nearest neighbour");
    EXPECT_EQ(eb[0].outputs[0], invoices[1].output);
    EXPECT_EQ(eb[0].outputs[1], invoices[1].output);  // nothing in common: the lowest id (2)
    EXPECT_TRUE(make_baselines(e, {"x"}, {"{}"}, {}).empty());

    TaskProfile s;
    s.spec.kind = synth::TaskKind::free_text;
    auto sb =
        make_baselines(s, {"Printer jammed. Again."}, {"Clear the tray."},
                       {{1, "printer jammed", "Clear the paper tray."}, {2, "vpn down", "Restart it."}});
    ASSERT_EQ(sb.size(), 3u);
    EXPECT_EQ(sb[0].name, "copy input");
    EXPECT_EQ(sb[1].outputs[0], "Printer jammed.");
    EXPECT_EQ(sb[2].name, "nearest neighbour");
    EXPECT_EQ(sb[2].outputs[0], "Clear the paper tray.");
}

namespace {

SystemScores system(const std::string &name, const std::string &role, double score,
                    const std::string &quant = "") {
    SystemScores s;
    s.name = name;
    s.role = role;
    s.quant = quant;
    s.score = score;
    s.samples = 10;
    return s;
}

}  // namespace

TEST(EvalReport, ComparesTheHeadlineStudentWithTheBestBaseline) {
    EvalReport r;
    r.profile.spec.kind = synth::TaskKind::classification;
    r.profile.spec.output.labels = {"a", "b"};
    r.systems = {system("student", "student", 0.5, "q8_0"), system("student", "student", 0.55, "f32"),
                 system("teacher", "teacher", 1.0),         system("majority label", "baseline", 0.4),
                 system("naive Bayes", "baseline", 0.7),    system("logistic regression", "baseline", 0.7)};
    // No constrained pass: the F32 student (not the first listed), against naive Bayes (first of the
    // two best), and it loses.
    auto c = baseline_comparison(r);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->student_system, "student f32");
    EXPECT_EQ(c->best_baseline, "naive Bayes");
    EXPECT_DOUBLE_EQ(c->margin, 0.55 - 0.7);
    EXPECT_FALSE(c->student_beats);
    EXPECT_EQ(c->measure, "accuracy");
    EXPECT_EQ(comparison_sentence(*c),
              "The student (f32, accuracy 0.550) does not beat the best baseline, naive Bayes (0.700): 0.150 "
              "behind.");

    // With the constrained pass, classification leads with it: labels decoded as labels.
    r.constrained_student = system("student", "student", 0.8, "f32");
    r.constraint_kind = "labels";
    c = baseline_comparison(r);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->student_system, "student f32 constrained");
    EXPECT_TRUE(c->student_constrained);
    EXPECT_DOUBLE_EQ(c->student_score, 0.8);
    EXPECT_DOUBLE_EQ(c->unconstrained_score, 0.55);
    EXPECT_TRUE(c->student_beats);
    const json j = report_json(r, false)["baseline_comparison"];
    EXPECT_EQ(j["best_baseline"], "naive Bayes");
    EXPECT_EQ(j["best_baseline_score"], 0.7);
    EXPECT_EQ(j["student_system"], "student f32 constrained");
    EXPECT_EQ(j["student_score"], 0.8);
    EXPECT_EQ(j["unconstrained_student_score"], 0.55);
    EXPECT_NEAR(j["margin"].get<double>(), 0.1, 1e-12);
    EXPECT_EQ(j["student_beats"], true);
    EXPECT_EQ(j["measure"], "accuracy");
    const auto back = comparison_from_json(j);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(comparison_sentence(*back), comparison_sentence(*c));
    EXPECT_EQ(
        comparison_sentence(*c),
        "The student (f32 with constrained decoding, accuracy 0.800) beats the best baseline, naive Bayes "
        "(0.700), by 0.100.");
    const std::string page = report_html(r, {}, "t");
    const auto verdict = page.find("<p class='verdict win'>The student (f32 with constrained decoding");
    ASSERT_NE(verdict, std::string::npos);
    EXPECT_LT(verdict, page.find("<h2>Metrics</h2>"));  // near the top
    // The headline row comes first, the plain F32 answers beside it, labelled.
    const auto headline =
        page.find("<td>student f32 with constrained decoding</td><td>student (headline)</td>");
    const auto plain = page.find("<td>student f32 unconstrained</td><td>student</td>");
    ASSERT_NE(headline, std::string::npos);
    ASSERT_NE(plain, std::string::npos);
    EXPECT_LT(headline, plain);

    // Other kinds lead with the plain F32 student even when a constrained pass was compared.
    r.profile.spec.kind = synth::TaskKind::free_text;
    c = baseline_comparison(r);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->student_system, "student f32");
    EXPECT_EQ(c->measure, "ROUGE-L");
    EXPECT_LT(c->unconstrained_score, 0);
    EXPECT_FALSE(report_json(r, false)["baseline_comparison"].contains("unconstrained_student_score"));
    EXPECT_NE(report_html(r, {}, "t")
                  .find("<p class='verdict lose'>The student (f32, ROUGE-L 0.550) does not beat"),
              std::string::npos);
    // A tie is not a win.
    r.systems[1].score = 0.7;
    EXPECT_FALSE(baseline_comparison(r)->student_beats);

    // No baseline: no comparison, null in the JSON.
    std::erase_if(r.systems, [](const SystemScores &s) { return s.role == "baseline"; });
    EXPECT_FALSE(baseline_comparison(r).has_value());
    EXPECT_TRUE(report_json(r, false)["baseline_comparison"].is_null());
    EXPECT_FALSE(comparison_from_json(json()).has_value());
    EXPECT_FALSE(comparison_from_json(json{{"best_baseline", "x"}}).has_value());
}
