// Scoring one system's outputs on the test set against the references (the teacher's outputs), by
// task kind: per sample (score_sample) and over the set (aggregate_scores). A "system" is the student
// at one weight type, the teacher itself (its outputs scored against themselves: what matters is how
// many keep the contract) or a baseline (majority label, naive Bayes, logistic regression, copy the
// input, its first sentence, nearest neighbour).
//
// Every sample gets one main score in [0, 1] that the worst-case table sorts by: classification 1 when
// the label is right; extraction the sample's micro F1 over its fields; sectioned and free text ROUGE-L.
//
// Who calls it: eval/evaluate.cpp, tests/eval. Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/kind.h"
#include "eval/metrics.h"

namespace smolify::eval {

struct SampleResult {
    int64_t id = 0;         // row in eval_results (0 until stored)
    int64_t sample_id = 0;  // the test sample
    std::string input;
    std::string reference;  // the teacher's output
    std::string output;     // this system's output
    double score = 0;       // the kind's main score, in [0, 1]
    bool contract_ok = false;
    std::string contract_reason;  // why not, when !contract_ok
    bool exact = false;           // normalised output equals the normalised reference
    double rouge_l = -1;          // text kinds; < 0: not computed
    double chrf = -1;
    // Student only (< 0 or 0 otherwise).
    double loss = -1;  // mean teacher-forced loss per reference token (nats)
    int64_t loss_tokens = 0;
    double latency_s = -1;  // prompt to last token
    int64_t tokens = 0;     // generated
};

// What a system's output is compared as: the contract's normalised form when it keeps the contract
// (the label as the spec spells it, compact JSON), else the trimmed text.
std::string normalised_output(const TaskProfile &profile, const std::string &input,
                              const std::string &output);

SampleResult score_sample(const TaskProfile &profile, int64_t sample_id, const std::string &input,
                          const std::string &reference, const std::string &output);

struct SystemScores {
    std::string name;   // "student", "teacher", or the baseline's ("naive Bayes", ...)
    std::string role;   // "student", "teacher", "baseline"
    std::string quant;  // student: f32, f16, q8_0, q4_0
    int64_t samples = 0;
    double contract_share = 0;  // outputs that keep the contract
    double exact_match = 0;
    double length_ratio = 0;  // characters of the outputs / characters of the references
    double score = 0;         // mean main score
    double rouge_l = -1;      // text kinds: means; < 0 otherwise
    double chrf = -1;
    std::optional<ClassificationScores> classification;
    std::optional<ExtractionScores> extraction;
    std::optional<FactScores> facts;  // the kinds that write text or JSON (metrics.h)
    // Student only (< 0 otherwise).
    double loss = -1;        // token-weighted mean teacher-forced loss on the references
    double perplexity = -1;  // exp(loss)
    int64_t loss_tokens = 0;
    double latency_s = -1;              // mean per sample
    double tokens_per_s = -1;           // generated tokens / generation time
    double seconds_per_1000 = -1;       // 1,000 requests one after another at the mean latency
    std::vector<SampleResult> results;  // kept for the student (side by side, worst cases)
};

SystemScores aggregate_scores(const TaskProfile &profile, std::string name, std::string role,
                              const std::vector<SampleResult> &results);

// The baselines that apply to a kind, each (name, one output per test input), computed from the
// approved training samples `train` (eval/baselines.h; docs/eval.md, "Baselines"):
//  - classification: "majority label" (of the training labels, or of the references when there are
//    no training samples), "naive Bayes" and "logistic regression" (trained on the training inputs
//    and their labels normalised through the contract, as normalised_output does; a training output
//    that is not one of the labels is left out; both left out when no training sample has a label);
//  - sectioned and free text: "copy input", "first sentence" (of the input), "nearest neighbour";
//  - extraction: "nearest neighbour".
// "nearest neighbour" answers with the output of the training sample whose input is the most similar
// (cosine over TF-IDF of words, word pairs and character 3-grams), ties to the lowest sample id; it is
// left out when there are no training samples.
struct Baseline {
    std::string name;
    std::vector<std::string> outputs;
};
struct TrainExample {
    int64_t id = 0;  // sample id: nearest neighbour's ties go to the lowest
    std::string input;
    std::string output;
};
std::vector<Baseline> make_baselines(const TaskProfile &profile, const std::vector<std::string> &inputs,
                                     const std::vector<std::string> &references,
                                     const std::vector<TrainExample> &train);

}  // namespace smolify::eval
