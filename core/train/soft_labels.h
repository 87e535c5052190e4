// Label distillation from an n-gram classifier, for classification runs.
//
// A from-scratch student sees a few thousand labelled texts once per pass; a linear model over word
// and character n-grams (eval/baselines.h, the logistic regression the report compares the student
// with) gets more out of the same few thousand. Its judgement is handed to the student as soft
// targets: each training text gets the classifier's label distribution from a model that did NOT see
// it (k-fold, out of fold, so the distribution is what the n-grams generalise, not what they
// memorised), mixed with the text's own label,
//
//     q = (1 - weight) x one-hot(own label) + weight x p_out-of-fold,
//
// and every epoch each training row's answer is drawn from q (a hash of the seed, the epoch and the
// sample decides). In expectation the loss is sum over labels of q(label) x the label's sequence loss,
// which is knowledge distillation at the level of whole labels (exact for labels of several tokens,
// where a token-level soft target is not). Validation, the selection of the best checkpoint and
// everything after training use the real labels only.
//
// A row keeps its own label when its output is not exactly one label of the set (edited, cut) or when
// a drawn label would not fit the context.
//
// Who calls it: core/train/trainer.cpp. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/types.h"
#include "text/tokenizer.h"
#include "train/dataset.h"
#include "util/result.h"

namespace smolify::train {

inline constexpr int kSoftLabelFolds = 5;

struct SoftLabels {
    double weight = 0;                              // of the out-of-fold distribution in q
    std::vector<std::vector<int32_t>> label_tokens;  // per label: output tokens + <|im_end|>
    // Per training example (by position in the examples given): its own label (-1: not a label of the
    // set, never changed) and the cumulative q over the labels.
    std::vector<int> own;
    std::vector<std::vector<double>> cumulative;
    double oof_accuracy = -1;  // the n-gram classifier's out-of-fold accuracy on the training rows
};

// Fits the classifier kSoftLabelFolds times on the training samples (folds by position) and scores
// each sample with the model of the other folds. `examples` are the encoded training rows (any
// subset of `samples`, matched by sample id); `samples` hold their texts. weight in (0, 1].
Result<SoftLabels> make_soft_labels(const text::Tokenizer &tokenizer, const std::string &system,
                                    std::span<const store::Sample> samples, const std::vector<Example> &examples,
                                    const std::vector<std::string> &labels, double weight);

// The epoch's rows: `examples` with each row's answer drawn from its q (rows whose draw is their own
// label, or that cannot change, are copied as they are). max_len: the context + 1.
std::vector<Example> draw_labels(const SoftLabels &soft, const std::vector<Example> &examples, uint64_t seed,
                                 int64_t epoch, std::size_t max_len);

}  // namespace smolify::train
