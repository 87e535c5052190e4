// Classical baselines the student has to beat, trained on the approved TRAIN-split samples and
// applied to the same test inputs as the student (docs/eval.md, "Baselines"):
//
//  - classification: multinomial naive Bayes over n-gram counts (Lidstone smoothing, log space) and a
//    multinomial logistic regression (softmax) over L2-normalised TF-IDF of the same n-grams, trained
//    by seeded SGD with L2 for a fixed number of epochs (more for a small training set);
//  - every other kind: nearest neighbour, the output of the training sample whose input is most similar
//    (cosine over TF-IDF), ties to the lowest sample id.
//
// Features (TextFeatures): the text is cut to its first kMaxFeatureBytes bytes and read as UTF-8
// leniently (a byte that starts no valid sequence is a character of its own, so invalid UTF-8 never
// fails); letters are lower-cased (ASCII and Latin-1); words are maximal runs of ASCII letters and
// digits and non-ASCII letters (anything else separates); the features are the words, the pairs of
// adjacent words, and the character n-grams of the chosen orders over the lower-cased text with
// whitespace runs as one space and a space at each end. Features are hashed to 64 bits (FNV-1a with
// the feature's type) and counted per text.
//
// Vocabulary: the features whose document frequency over the training texts is at least `min_df`,
// the `max_features` most frequent (ties by hash) kept; nothing else counts, at training or prediction.
// The classifiers also keep features x labels under 20 million weights (a large label set gets fewer
// features).
//
// Everything is deterministic: same training data, same predictions (no threads, own shuffle).
// Who calls it: eval/score.cpp (make_baselines), tests/eval. Thread-safety: separate objects are
// independent; one object is not for concurrent fit and predict.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smolify::eval {

inline constexpr std::size_t kMaxFeatureBytes = 20000;  // of each text, for every baseline

struct FeatureOptions {
    bool words = true;    // word unigrams
    bool bigrams = true;  // adjacent word pairs
    int char_min = 2;     // character n-gram orders, inclusive; char_min > char_max: none
    int char_max = 4;
};

// (feature hash, count) sorted by hash.
using HashedCounts = std::vector<std::pair<uint64_t, int32_t>>;
HashedCounts text_features(std::string_view text, const FeatureOptions &options);

// The lower-cased words of `text` as text_features reads them (for tests and explanations).
std::vector<std::string> feature_words(std::string_view text);

// (feature index, value), each index once, in the order of the features' hashes.
using SparseVector = std::vector<std::pair<int32_t, float>>;

// uint64 -> int32, open addressing with linear probing (the vocabulary's lookups are the hot path).
class HashIndex {
public:
    void clear();
    void reserve(std::size_t n);
    int32_t *find(uint64_t key);
    const int32_t *find(uint64_t key) const;
    int32_t &operator[](uint64_t key);  // inserts 0 when absent
    std::size_t size() const { return m_size; }
    template <typename F>
    void for_each(F &&f) const {
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_used[i]) f(m_keys[i], m_values[i]);
    }

private:
    std::size_t slot(uint64_t key) const;
    void grow();
    std::vector<uint64_t> m_keys;
    std::vector<int32_t> m_values;
    std::vector<uint8_t> m_used;
    std::size_t m_size = 0;
};

// A fixed vocabulary with document frequencies, built from training texts.
class Vocabulary {
public:
    // max_features 0: no cap.
    void build(const std::vector<HashedCounts> &docs, int min_df, std::size_t max_features);
    void build(const std::vector<const HashedCounts *> &docs, int min_df, std::size_t max_features);
    std::size_t size() const { return m_df.size(); }
    int32_t index_of(uint64_t hash) const;  // -1 when not in the vocabulary
    int32_t df(int32_t index) const { return m_df[std::size_t(index)]; }
    int64_t docs() const { return m_docs; }
    // Counts restricted to the vocabulary, by index.
    SparseVector counts(const HashedCounts &doc) const;
    // Sublinear TF (1 + ln tf) times smooth IDF (ln((1 + N) / (1 + df)) + 1), L2-normalised.
    SparseVector tfidf(const HashedCounts &doc) const;

private:
    HashIndex m_index;
    std::vector<int32_t> m_df;
    int64_t m_docs = 0;
};

// The features the classification baselines use: words, word pairs, character 2- to 4-grams.
FeatureOptions classifier_features();
// The features nearest neighbour uses: words, word pairs, character 3-grams.
FeatureOptions neighbour_features();

// Multinomial naive Bayes: log P(c) + sum_f count_f log P(f | c), P(f | c) = (N_cf + alpha) /
// (N_c + alpha V); P(c) = (docs_c + 1) / (docs + K). Labels are indices into the label set given to
// fit; a training label < 0 or >= K is ignored. predict: the highest score, ties to the lower index.
class NaiveBayes {
public:
    struct Params {
        double alpha = 0.1;  // Lidstone
        int min_df = 2;
        std::size_t max_features = 200000;
    };
    NaiveBayes() = default;
    explicit NaiveBayes(Params p) : m_params(p) {}
    void fit(const std::vector<std::string> &texts, const std::vector<int> &labels, int num_labels);
    // The same from text_features(text, classifier_features()) of each text.
    void fit(const std::vector<HashedCounts> &docs, const std::vector<int> &labels, int num_labels);
    int predict(std::string_view text) const;
    int predict(const HashedCounts &doc) const;
    std::vector<double> scores(const HashedCounts &doc) const;  // log-space, one per label
    const Vocabulary &vocabulary() const { return m_vocab; }

private:
    Params m_params;
    Vocabulary m_vocab;
    int m_labels = 0;
    std::vector<double> m_log_prior;       // [K]
    std::vector<double> m_log_likelihood;  // [V x K]
};

// Multinomial logistic regression on TF-IDF (Vocabulary::tfidf): softmax over K labels, weights and
// biases from SGD on the cross-entropy plus (lambda / 2) |W|^2 (the bias not regularised), for `epochs`
// passes over the training texts (more when that is under min_updates steps) in a seeded shuffled
// order, learning rate eta0 / (1 + eta0 lambda t) at step t.
// Labels as NaiveBayes's.
class LogisticRegression {
public:
    struct Params {
        int epochs = 10;              // at least; and at least min_updates steps, at most 500 epochs
        int64_t min_updates = 20000;  // so a small training set is not left half-trained
        double eta0 = 0.5;
        double lambda = 1e-5;
        uint64_t seed = 42;
        int min_df = 2;
        std::size_t max_features = 200000;
    };
    LogisticRegression() = default;
    explicit LogisticRegression(Params p) : m_params(p) {}
    void fit(const std::vector<std::string> &texts, const std::vector<int> &labels, int num_labels);
    // The same from text_features(text, classifier_features()) of each text.
    void fit(const std::vector<HashedCounts> &docs, const std::vector<int> &labels, int num_labels);
    int predict(std::string_view text) const;
    int predict(const HashedCounts &doc) const;
    std::vector<double> probabilities(const HashedCounts &doc) const;
    const Vocabulary &vocabulary() const { return m_vocab; }

private:
    std::vector<double> logits(const SparseVector &x) const;
    Params m_params;
    Vocabulary m_vocab;
    int m_labels = 0;
    int m_majority = 0;       // predicted when nothing was learned (no training text)
    std::vector<float> m_w;   // [V x K]
    std::vector<double> m_b;  // [K]
};

// Nearest neighbour over TF-IDF (words, word pairs, character 3-grams; every feature seen in
// training, capped at max_features): best() is the index of the training text with the highest cosine
// to the query, ties (including a query sharing nothing with any) to the lowest id; -1 when fit on
// nothing.
class NearestNeighbour {
public:
    struct Params {
        int min_df = 1;
        std::size_t max_features = 500000;
    };
    NearestNeighbour() = default;
    explicit NearestNeighbour(Params p) : m_params(p) {}
    // ids: one per text (sample ids; ties go to the lowest); empty: the positions.
    void fit(const std::vector<std::string> &texts, const std::vector<int64_t> &ids = {});
    int64_t best(std::string_view text, double *similarity = nullptr) const;

private:
    Params m_params;
    Vocabulary m_vocab;
    std::vector<int64_t> m_positions;
    std::vector<std::vector<std::pair<int32_t, float>>> m_postings;  // per feature: (text, weight)
};

}  // namespace smolify::eval
