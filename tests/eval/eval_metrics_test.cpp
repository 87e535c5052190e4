// Every metric against values worked out by hand (the arithmetic is in the comments), the kind
// inference, per-sample scoring with the contract's normalisation, aggregates and baselines.
#include <gtest/gtest.h>

#include <cmath>

#include "eval/kind.h"
#include "eval/metrics.h"
#include "eval/report.h"
#include "eval/score.h"

using namespace smolify;
using namespace smolify::eval;
using nlohmann::json;

TEST(EvalMetrics, RougeLIsTheF1OfTheLongestCommonWordSubsequence) {
    // LCS("the cat sat on the mat", "the cat on mat") = 4 words: P = 4/4, R = 4/6, F = 2PR/(P+R) = 0.8.
    EXPECT_NEAR(rouge_l("the cat sat on the mat", "the cat on mat"), 0.8, 1e-12);
    // "a b c d" vs "b a d c": LCS 2 ("a c"), P = R = 1/2.
    EXPECT_NEAR(rouge_l("a b c d", "b a d c"), 0.5, 1e-12);
    // Case and punctuation are not words.
    EXPECT_DOUBLE_EQ(rouge_l("Hello, World!", "hello world"), 1.0);
    EXPECT_DOUBLE_EQ(rouge_l("alpha beta", "gamma delta"), 0.0);
    EXPECT_DOUBLE_EQ(rouge_l("", ""), 1.0);
    EXPECT_DOUBLE_EQ(rouge_l("x", ""), 0.0);
    EXPECT_EQ(rouge_words("Dose: 5mg, café"), (std::vector<std::string>{"dose", "5mg", "caf", "\xc3\xa9"}));
}

TEST(EvalMetrics, ChrfAveragesCharacterNgramPrecisionAndRecallOverOrders) {
    // "abc" vs "abd": order 1 P = R = 2/3, order 2 P = R = 1/2, order 3 P = R = 0; mean P = R = 7/18,
    // and with P = R, F(beta 2) = P.
    EXPECT_NEAR(chrf("abc", "abd"), 7.0 / 18.0, 1e-12);
    // "aab" vs "ab": order 1 P = 2/2, R = 2/3; order 2 P = 1/1, R = 1/2; order 3 P = 0 (no trigram), R = 0.
    // P = 2/3, R = 7/18, F = 5PR / (4P + R) = (70/54) / (55/18) = 14/33.
    EXPECT_NEAR(chrf("aab", "ab"), 14.0 / 33.0, 1e-12);
    EXPECT_DOUBLE_EQ(chrf("a b", "ab"), 1.0);  // spaces do not count
    EXPECT_DOUBLE_EQ(chrf("same text", "same text"), 1.0);
    EXPECT_DOUBLE_EQ(chrf("abc", ""), 0.0);
    // Multi-byte characters are one character each: "é" vs "e" share nothing.
    EXPECT_DOUBLE_EQ(chrf("\xc3\xa9", "e"), 0.0);
}

TEST(EvalMetrics, ExactMatchLengthAndFirstSentence) {
    EXPECT_TRUE(exact_match(" urgent\n", "urgent"));
    EXPECT_FALSE(exact_match("urgent", "Urgent"));
    EXPECT_EQ(char_length("  caf\xc3\xa9 "), 4);
    EXPECT_EQ(first_sentence("Printer is broken. Please help!"), "Printer is broken.");
    EXPECT_EQ(first_sentence("Version 2.5 is out now"), "Version 2.5 is out now");
    EXPECT_EQ(first_sentence("Line one\nLine two. More"), "Line one");
    EXPECT_EQ(first_sentence("Why? Because."), "Why?");
}

TEST(EvalMetrics, ClassificationAccuracyMacroF1AndConfusion) {
    const std::vector<std::string> refs = {"urgent", "urgent", "normal", "low", "low", "normal"};
    const std::vector<std::string> preds = {"urgent", "normal", "normal", "low", "huh", "normal"};
    auto s = classification_scores({"urgent", "normal", "low"}, refs, preds);
    EXPECT_EQ(s.samples, 6);
    EXPECT_NEAR(s.accuracy, 4.0 / 6.0, 1e-12);
    // urgent: tp 1, fn 1, fp 0 -> F1 2/3; normal: tp 2, fp 1 -> P 2/3, R 1, F1 4/5; low: tp 1, fn 1 -> 2/3.
    ASSERT_EQ(s.per_label.size(), 3u);
    EXPECT_NEAR(s.per_label[0].f1, 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(s.per_label[1].precision, 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(s.per_label[1].recall, 1.0, 1e-12);
    EXPECT_NEAR(s.per_label[1].f1, 0.8, 1e-12);
    EXPECT_NEAR(s.per_label[2].recall, 0.5, 1e-12);
    EXPECT_NEAR(s.macro_f1, 32.0 / 45.0, 1e-12);
    const std::vector<std::vector<int64_t>> confusion = {{1, 1, 0, 0}, {0, 2, 0, 0}, {0, 0, 1, 1}};
    EXPECT_EQ(s.confusion, confusion);

    // A label nobody used or predicted does not dilute macro-F1; a reference outside the set is added.
    auto t = classification_scores({"a", "b", "unused"}, {"a", "b", "c"}, {"a", "b", "b"});
    EXPECT_EQ(t.labels, (std::vector<std::string>{"a", "b", "unused", "c"}));
    // a: F1 1; b: tp 1, fp 1 -> 2/3; c: tp 0 -> 0; mean over the three present = (1 + 2/3 + 0) / 3 = 5/9.
    EXPECT_NEAR(t.macro_f1, 5.0 / 9.0, 1e-12);
}

TEST(EvalMetrics, ExtractionPerFieldPrecisionRecallF1) {
    ExtractionTally t;
    // name equal (trimmed, case-folded), amount differs (fp and fn), city missed (fn), country extra (fp).
    t.add(json{{"name", "Ann"}, {"amount", 10}, {"city", "Paris"}},
          json{{"name", "ann "}, {"amount", 12}, {"country", "FR"}});
    auto one = t.scores();
    ASSERT_EQ(one.fields.size(), 4u);
    EXPECT_EQ(one.fields[0].field, "amount");
    EXPECT_EQ(one.fields[0].prf.fp, 1);
    EXPECT_EQ(one.fields[0].prf.fn, 1);
    EXPECT_EQ(one.fields[3].field, "name");
    EXPECT_DOUBLE_EQ(one.fields[3].prf.f1, 1.0);
    // micro: tp 1, fp 2, fn 2 -> P = R = F1 = 1/3; macro: (0 + 0 + 0 + 1) / 4.
    EXPECT_NEAR(one.micro.f1, 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(one.macro_f1, 0.25, 1e-12);
    // A candidate that is not JSON finds nothing; a null reference field is absent.
    t.add(json{{"name", "Bo"}, {"amount", nullptr}}, parse_json_output("not json"));
    auto two = t.scores();
    EXPECT_EQ(two.fields[3].prf.fn, 1);
    EXPECT_NEAR(two.fields[3].prf.f1, 2.0 / 3.0, 1e-12);
    // micro: tp 1, fp 2, fn 3 -> P 1/3, R 1/4, F1 2/7.
    EXPECT_NEAR(two.micro.precision, 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(two.micro.recall, 0.25, 1e-12);
    EXPECT_NEAR(two.micro.f1, 2.0 / 7.0, 1e-12);
    EXPECT_NEAR(extraction_f1(json{{"a", 1}, {"b", 2}}, json{{"a", 1.0}, {"b", 3}}), 0.5, 1e-12);
    EXPECT_DOUBLE_EQ(extraction_f1(json::object(), json::object()), 1.0);
    EXPECT_TRUE(parse_json_output("```json\n{\"a\": 1}\n```").is_object());
}

TEST(EvalMetrics, FactsAreTheRareWordsOfTheReferencesAndTheAnswersInventedOnes) {
    // 20 references: "patient" and "plan" are in all of them and "ice" in three (more than 20 / 10 = 2),
    // so none of those is a fact; "aspirin" is in two and "81" in one, so both are.
    std::vector<std::string> in(20, "x"), ref(20, "patient plan"), ans(20, "patient plan");
    in[0] = "take aspirin 81 or 325";
    ref[0] = "Patient plan: aspirin 81 mg";  // "mg" is in one reference: a fact too
    ans[0] = "patient plan aspirin aspirin 325 zyx a";  // "a": one letter, not a term
    ref[1] = "patient plan aspirin";
    for (int i = 2; i < 5; ++i) {
        ref[static_cast<std::size_t>(i)] = "patient plan ice";
        ans[static_cast<std::size_t>(i)] = "patient plan ice";
    }
    std::vector<FactRow> rows;
    for (std::size_t i = 0; i < 20; ++i)
        rows.push_back({in[i], ref[i], ans[i]});
    const FactScores f = fact_scores(rows);
    // Reference facts: row 0 {aspirin, 81, mg}, row 1 {aspirin}: 4; the answers state aspirin once: 1.
    EXPECT_EQ(f.reference_facts, 4);
    EXPECT_EQ(f.recalled, 1);
    EXPECT_DOUBLE_EQ(f.recall, 0.25);
    // Answer facts: row 0 {aspirin, 325, zyx} (aspirin counted once); aspirin is in the reference, 325
    // only in the input, zyx nowhere.
    EXPECT_EQ(f.answer_facts, 3);
    EXPECT_EQ(f.supported, 1);
    EXPECT_EQ(f.invented, 1);
    EXPECT_DOUBLE_EQ(f.precision, 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(f.invented_share, 1.0 / 3.0);
    EXPECT_NEAR(f.f1, 2 * 0.25 * (1.0 / 3.0) / (0.25 + 1.0 / 3.0), 1e-12);

    // Nothing to find and nothing stated: every share is undefined, not 0 or 1.
    const FactScores none = fact_scores({{"x", "same", "same"}, {"y", "same", "same"}});
    EXPECT_EQ(none.reference_facts + none.answer_facts, 0);
    EXPECT_LT(none.recall, 0);
    EXPECT_LT(none.precision, 0);
    EXPECT_LT(none.invented_share, 0);
    EXPECT_LT(none.f1, 0);
    // With one reference every term of it is a fact; copying the input invents nothing.
    const FactScores copy =
        fact_scores({{"BP 138/88, on lisinopril", "BP 138/88", "BP 138/88, on lisinopril"}});
    EXPECT_EQ(copy.reference_facts, 3);  // bp, 138, 88
    EXPECT_DOUBLE_EQ(copy.recall, 1.0);
    EXPECT_EQ(copy.answer_facts, 5);  // bp, 138, 88, on, lisinopril
    EXPECT_DOUBLE_EQ(copy.invented_share, 0.0);
}

TEST(EvalKind, InfersClassificationExtractionSectionsAndFreeText) {
    auto c = infer_profile({"urgent", "low", "urgent", "normal", "low", "normal"});
    EXPECT_EQ(c.spec.kind, synth::TaskKind::classification);
    EXPECT_EQ(c.spec.output.labels, (std::vector<std::string>{"urgent", "low", "normal"}));

    auto e = infer_profile(
        {R"({"name": "Ann", "amount": 3})", R"({"name": "Bo"})", R"({"name": "Cy", "amount": 1})"});
    EXPECT_EQ(e.spec.kind, synth::TaskKind::json_extraction);
    EXPECT_EQ(e.spec.output.schema["required"], json::array({"name"}));
    EXPECT_TRUE(e.spec.output.schema["properties"].contains("amount"));

    auto s = infer_profile({"Subjective: cough\nObjective: 38C\nPlan: rest",
                            "Subjective: pain\nBP: 120/80\nObjective: ok\nPlan: x",
                            "## Subjective\nnone\nObjective: fine\nPlan: none"});
    EXPECT_EQ(s.spec.kind, synth::TaskKind::sectioned_text);
    EXPECT_EQ(s.spec.output.sections, (std::vector<std::string>{"Subjective", "Objective", "Plan"}));

    auto f =
        infer_profile({"The printer needs toner.", "Restart the router, then call us.", "All good now."});
    EXPECT_EQ(f.spec.kind, synth::TaskKind::free_text);
    // Each output once: no closed set.
    EXPECT_EQ(infer_profile({"a", "b", "c", "d"}).spec.kind, synth::TaskKind::free_text);
    EXPECT_FALSE(c.from_spec);
    EXPECT_NE(c.why.find("inferred"), std::string::npos);
}

TEST(EvalScore, SamplesAreScoredAfterTheContractsNormalisation) {
    TaskProfile p;
    p.spec.kind = synth::TaskKind::classification;
    p.spec.output.labels = {"urgent", "normal"};
    auto r = score_sample(p, 7, "the server is down", "urgent", " Urgent.");
    EXPECT_TRUE(r.contract_ok);
    EXPECT_TRUE(r.exact);
    EXPECT_DOUBLE_EQ(r.score, 1.0);
    auto bad = score_sample(p, 8, "x", "normal", "maybe");
    EXPECT_FALSE(bad.contract_ok);
    EXPECT_FALSE(bad.contract_reason.empty());
    EXPECT_DOUBLE_EQ(bad.score, 0.0);

    TaskProfile text;
    text.spec.kind = synth::TaskKind::free_text;
    auto t = score_sample(text, 1, "in", "the cat sat on the mat", "the cat on mat");
    EXPECT_NEAR(t.rouge_l, 0.8, 1e-12);
    EXPECT_DOUBLE_EQ(t.score, t.rouge_l);
    EXPECT_GE(t.chrf, 0.0);
}

TEST(EvalScore, AggregatesWeighLossByTokensAndSumLengths) {
    TaskProfile text;
    text.spec.kind = synth::TaskKind::free_text;
    auto a = score_sample(text, 1, "in", "ab", "abcd");
    auto b = score_sample(text, 2, "in", "abcd", "ab");
    a.loss = 1.0;
    a.loss_tokens = 2;
    b.loss = 4.0;
    b.loss_tokens = 6;
    a.latency_s = 0.5;
    a.tokens = 10;
    b.latency_s = 1.5;
    b.tokens = 30;
    auto s = aggregate_scores(text, "student", "student", {a, b});
    EXPECT_EQ(s.samples, 2);
    EXPECT_DOUBLE_EQ(s.length_ratio, 1.0);  // (4 + 2) / (2 + 4)
    EXPECT_DOUBLE_EQ(s.loss, 3.25);         // (1 x 2 + 4 x 6) / 8
    EXPECT_DOUBLE_EQ(s.perplexity, std::exp(3.25));
    EXPECT_DOUBLE_EQ(s.latency_s, 1.0);
    EXPECT_DOUBLE_EQ(s.tokens_per_s, 20.0);  // 40 tokens in 2 s
    EXPECT_DOUBLE_EQ(s.seconds_per_1000, 1000.0);
    EXPECT_DOUBLE_EQ(s.contract_share, 1.0);
    EXPECT_DOUBLE_EQ(s.exact_match, 0.0);
    EXPECT_NEAR(s.rouge_l, 0.0, 1e-12);  // "ab" and "abcd" are different words
    // Facts for the kinds that write text: two references, each term a fact; neither answer states
    // its reference's, and each invents one.
    ASSERT_TRUE(s.facts.has_value());
    EXPECT_EQ(s.facts->reference_facts, 2);
    EXPECT_DOUBLE_EQ(s.facts->recall, 0.0);
    EXPECT_DOUBLE_EQ(s.facts->invented_share, 1.0);
    TaskProfile labels;
    labels.spec.kind = synth::TaskKind::classification;
    labels.spec.output.labels = {"yes", "no"};
    EXPECT_FALSE(aggregate_scores(labels, "student", "student", {score_sample(labels, 1, "in", "yes", "no")})
                     .facts.has_value());
}

TEST(EvalScore, BaselinesThatApplyToEachKind) {
    TaskProfile c;
    c.spec.kind = synth::TaskKind::classification;
    c.spec.output.labels = {"urgent", "normal", "low"};
    auto b = make_baselines(c, {"i1", "i2"}, {"low", "normal"},
                            {{1, "a", "normal"}, {2, "b", "low"}, {3, "c", "Normal"}, {4, "d", "urgent"}});
    ASSERT_EQ(b.size(), 3u);  // and naive Bayes, logistic regression (eval_baselines_test.cpp)
    EXPECT_EQ(b[0].name, "majority label");
    EXPECT_EQ(b[0].outputs, (std::vector<std::string>{"normal", "normal"}));  // "Normal" counts as normal

    TaskProfile t;
    t.spec.kind = synth::TaskKind::sectioned_text;
    t.spec.output.sections = {"A", "B"};
    auto tb = make_baselines(t, {"First one. Second."}, {"A: x\nB: y"}, {});
    ASSERT_EQ(tb.size(), 2u);  // no training samples: no nearest neighbour
    EXPECT_EQ(tb[0].outputs[0], "First one. Second.");
    EXPECT_EQ(tb[1].outputs[0], "First one.");

    TaskProfile e;
    e.spec.kind = synth::TaskKind::json_extraction;
    EXPECT_TRUE(make_baselines(e, {"x"}, {"{}"}, {}).empty());
}

TEST(EvalReport, UndefinedFactSharesShowAsADashNotANegativePercent) {
    TaskProfile text;
    text.spec.kind = synth::TaskKind::free_text;
    EvalReport r;
    r.profile = text;
    // An empty answer states no fact: its invented share is undefined (-1).
    r.systems.push_back(aggregate_scores(text, "student", "student", {score_sample(text, 1, "in", "two words", "")}));
    r.systems.back().quant = "f32";
    ASSERT_TRUE(r.systems.back().facts.has_value());
    ASSERT_LT(r.systems.back().facts->invented_share, 0);
    const std::string html = report_html(r, {}, "p");
    EXPECT_NE(html.find("invented facts</th>"), std::string::npos);
    EXPECT_EQ(html.find("-100.0%"), std::string::npos);
}

TEST(EvalReport, HtmlEscapesEverything) {
    EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}
