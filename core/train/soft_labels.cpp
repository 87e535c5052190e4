// Label distillation from an n-gram classifier (see soft_labels.h).
#include "train/soft_labels.h"

#include <algorithm>
#include <unordered_map>

#include "eval/baselines.h"
#include "text/chat_format.h"
#include "util/hash.h"

namespace smolify::train {

Result<SoftLabels> make_soft_labels(const text::Tokenizer &tokenizer, const std::string &system,
                                    std::span<const store::Sample> samples, const std::vector<Example> &examples,
                                    const std::vector<std::string> &labels, double weight) {
    SoftLabels out;
    out.weight = std::clamp(weight, 0.0, 1.0);
    const std::size_t K = labels.size();
    for (const std::string &l : labels) {
        auto chat = text::encode_chat(tokenizer, system, "", l);
        if (!chat) return chat.error();
        out.label_tokens.emplace_back(chat->tokens.begin() + static_cast<std::ptrdiff_t>(chat->prompt_tokens),
                                      chat->tokens.end());
    }

    // The samples' own labels (by their output text, as the store holds it) and n-gram features.
    std::unordered_map<std::string, int> label_index;
    for (std::size_t k = 0; k < K; ++k)
        label_index.emplace(labels[k], static_cast<int>(k));
    std::vector<eval::HashedCounts> docs;
    std::vector<int> y;
    docs.reserve(samples.size());
    y.reserve(samples.size());
    std::unordered_map<int64_t, std::size_t> position;  // sample id -> index into docs
    for (const store::Sample &s : samples) {
        auto it = label_index.find(s.output);
        position.emplace(s.id, docs.size());
        docs.push_back(eval::text_features(s.input, eval::classifier_features()));
        y.push_back(it == label_index.end() ? -1 : it->second);  // -1: ignored by fit
    }

    // Out of fold: each sample scored by the classifier fitted on the other folds.
    std::vector<std::vector<double>> p(docs.size());
    const int folds = std::min<int>(kSoftLabelFolds, static_cast<int>(docs.size()));
    for (int f = 0; f < folds; ++f) {
        std::vector<eval::HashedCounts> fit_docs;
        std::vector<int> fit_y;
        for (std::size_t i = 0; i < docs.size(); ++i)
            if (static_cast<int>(i % static_cast<std::size_t>(folds)) != f) {
                fit_docs.push_back(docs[i]);
                fit_y.push_back(y[i]);
            }
        eval::LogisticRegression lr;
        lr.fit(fit_docs, fit_y, static_cast<int>(K));
        for (std::size_t i = static_cast<std::size_t>(f); i < docs.size(); i += static_cast<std::size_t>(folds))
            p[i] = lr.probabilities(docs[i]);
    }

    int64_t scored = 0, right = 0;
    out.own.assign(examples.size(), -1);
    out.cumulative.assign(examples.size(), {});
    for (std::size_t e = 0; e < examples.size(); ++e) {
        const Example &ex = examples[e];
        auto pos = position.find(ex.sample_id);
        if (pos == position.end() || ex.truncated) continue;
        const int own = y[pos->second];
        if (own < 0) continue;
        // The row's answer must be exactly the label's tokens (an edited or cut output is left alone).
        const auto &want = out.label_tokens[static_cast<std::size_t>(own)];
        const std::size_t begin = static_cast<std::size_t>(ex.prompt_tokens);
        if (ex.tokens.size() != begin + want.size() ||
            !std::equal(want.begin(), want.end(), ex.tokens.begin() + static_cast<std::ptrdiff_t>(begin)))
            continue;
        const auto &probs = p[pos->second];
        if (probs.size() != K) continue;
        ++scored;
        right += std::max_element(probs.begin(), probs.end()) - probs.begin() == own;
        out.own[e] = own;
        auto &c = out.cumulative[e];
        c.resize(K);
        double acc = 0;
        for (std::size_t k = 0; k < K; ++k) {
            acc += out.weight * probs[k] + (static_cast<int>(k) == own ? 1.0 - out.weight : 0.0);
            c[k] = acc;
        }
    }
    if (scored > 0) out.oof_accuracy = static_cast<double>(right) / static_cast<double>(scored);
    return out;
}

std::vector<Example> draw_labels(const SoftLabels &soft, const std::vector<Example> &examples, uint64_t seed,
                                 int64_t epoch, std::size_t max_len) {
    std::vector<Example> out = examples;
    if (soft.weight <= 0) return out;
    for (std::size_t e = 0; e < out.size() && e < soft.own.size(); ++e) {
        const int own = soft.own[e];
        if (own < 0) continue;
        const auto &c = soft.cumulative[e];
        const uint64_t h = mix64(seed ^ mix64(static_cast<uint64_t>(epoch) * 0x9E3779B97F4A7C15ull +
                                              static_cast<uint64_t>(out[e].sample_id) + 0x5A1Eu));
        const double u = static_cast<double>(h >> 11) * 0x1.0p-53 * c.back();
        const int drawn = static_cast<int>(std::upper_bound(c.begin(), c.end(), u) - c.begin());
        if (drawn == own || drawn >= static_cast<int>(soft.label_tokens.size())) continue;
        Example &x = out[e];
        const auto &tail = soft.label_tokens[static_cast<std::size_t>(drawn)];
        const std::size_t begin = static_cast<std::size_t>(x.prompt_tokens);
        if (begin + tail.size() > max_len) continue;
        x.tokens.resize(begin);
        x.tokens.insert(x.tokens.end(), tail.begin(), tail.end());
    }
    return out;
}

}  // namespace smolify::train
