// Naive Bayes, logistic regression and nearest neighbour over n-gram features (baselines.h).
#include "eval/baselines.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/hash.h"

namespace smolify::eval {

namespace {

// --- reading the text ----------------------------------------------------------------------------------

// Code points of `s` (its first kMaxFeatureBytes bytes), leniently: a byte that does not start a
// well-formed sequence becomes 0xDC00 + byte (a lone surrogate, never produced by valid UTF-8).
std::vector<uint32_t> code_points(std::string_view s) {
    if (s.size() > kMaxFeatureBytes) s = s.substr(0, kMaxFeatureBytes);
    std::vector<uint32_t> out;
    out.reserve(s.size());
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    auto cont = [&](std::size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
    for (std::size_t i = 0; i < n;) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        std::size_t len = 0;
        uint32_t cp = 0;
        if (b >= 0xC2 && b <= 0xDF && cont(i + 1)) {
            len = 2;
            cp = (uint32_t(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
        } else if (b >= 0xE0 && b <= 0xEF && cont(i + 1) && cont(i + 2)) {
            const unsigned char b1 = p[i + 1];
            if ((b != 0xE0 || b1 >= 0xA0) && (b != 0xED || b1 < 0xA0)) {
                len = 3;
                cp = (uint32_t(b & 0x0F) << 12) | (uint32_t(b1 & 0x3F) << 6) | (p[i + 2] & 0x3F);
            }
        } else if (b >= 0xF0 && b <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
            const unsigned char b1 = p[i + 1];
            if ((b != 0xF0 || b1 >= 0x90) && (b != 0xF4 || b1 < 0x90)) {
                len = 4;
                cp = (uint32_t(b & 0x07) << 18) | (uint32_t(b1 & 0x3F) << 12) |
                     (uint32_t(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
            }
        }
        if (len == 0) {
            out.push_back(0xDC00u + b);
            ++i;
        } else {
            out.push_back(cp);
            i += len;
        }
    }
    return out;
}

uint32_t lower(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE && c != 0xD7) return c + 32;                  // Latin-1
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek
    if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

bool is_space(uint32_t c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_word_char(uint32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;  // Latin-1 punctuation and signs
    if (c >= 0x2000 && c <= 0x2BFF) return false;          // punctuation, symbols, arrows, shapes
    if (c >= 0x3000 && c <= 0x303F) return false;          // CJK punctuation
    if (c >= 0xD800 && c <= 0xDFFF) return false;          // the bytes of invalid UTF-8
    if (c >= 0xFE00 && c <= 0xFE0F) return false;          // variation selectors
    if (c >= 0xFF00 && c <= 0xFF0F) return false;          // full-width punctuation
    if (c == 0xFFFD) return false;
    if (c >= 0x1F000 && c <= 0x1FFFF) return false;  // emoji and pictographs
    return true;
}

// --- hashing ----------------------------------------------------------------------------------------------

// One code point into a running hash; the value is mixed once more when a feature is emitted.
uint64_t step(uint64_t h, uint32_t c) {
    return (h ^ (uint64_t(c) + 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull + (h >> 29);
}

// Deterministic on every platform (std::shuffle's distributions are not).
struct Rng {
    uint64_t state;
    uint64_t next() { return mix64(state += 0x9E3779B97F4A7C15ull); }
    std::size_t below(std::size_t n) { return std::size_t(next() % uint64_t(n)); }
};

// Calls f(begin, end) for each word of `cps`: [begin, end) is a maximal run of word characters.
template <typename F>
void for_each_word(const std::vector<uint32_t> &cps, F &&f) {
    std::size_t i = 0;
    const std::size_t n = cps.size();
    while (i < n) {
        while (i < n && !is_word_char(cps[i]))
            ++i;
        const std::size_t b = i;
        while (i < n && is_word_char(cps[i]))
            ++i;
        if (i > b) f(b, i);
    }
}

std::string utf8(const std::vector<uint32_t> &cps) {
    std::string s;
    for (uint32_t c : cps) {
        if (c < 0x80) {
            s += char(c);
        } else if (c < 0x800) {
            s += char(0xC0 | (c >> 6));
            s += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            s += char(0xE0 | (c >> 12));
            s += char(0x80 | ((c >> 6) & 0x3F));
            s += char(0x80 | (c & 0x3F));
        } else {
            s += char(0xF0 | (c >> 18));
            s += char(0x80 | ((c >> 12) & 0x3F));
            s += char(0x80 | ((c >> 6) & 0x3F));
            s += char(0x80 | (c & 0x3F));
        }
    }
    return s;
}

// The classifiers' weights (features x labels) stay below this many, whatever the label set.
constexpr std::size_t kMaxWeights = 20000000;

std::size_t feature_cap(std::size_t max_features, std::size_t labels) {
    const std::size_t by_weights =
        std::max<std::size_t>(1000, kMaxWeights / std::max<std::size_t>(1, labels));
    return max_features == 0 ? by_weights : std::min(max_features, by_weights);
}

std::vector<HashedCounts> classifier_docs(const std::vector<std::string> &texts) {
    std::vector<HashedCounts> docs;
    docs.reserve(texts.size());
    for (const auto &t : texts)
        docs.push_back(text_features(t, classifier_features()));
    return docs;
}

// The documents whose label is in [0, K), and their labels.
std::pair<std::vector<const HashedCounts *>, std::vector<int>> labelled(const std::vector<HashedCounts> &docs,
                                                                        const std::vector<int> &labels,
                                                                        int K) {
    std::pair<std::vector<const HashedCounts *>, std::vector<int>> out;
    for (std::size_t i = 0; i < docs.size() && i < labels.size(); ++i)
        if (labels[i] >= 0 && labels[i] < K) {
            out.first.push_back(&docs[i]);
            out.second.push_back(labels[i]);
        }
    return out;
}

std::vector<SparseVector> tfidf_all(const Vocabulary &v, const std::vector<const HashedCounts *> &docs) {
    std::vector<SparseVector> out;
    out.reserve(docs.size());
    for (const HashedCounts *d : docs)
        out.push_back(v.tfidf(*d));
    return out;
}

}  // namespace

// --- features ------------------------------------------------------------------------------------------

HashedCounts text_features(std::string_view text, const FeatureOptions &o) {
    const std::vector<uint32_t> cps = code_points(text);
    std::vector<uint64_t> hashes;
    if (o.words || o.bigrams) {
        uint64_t previous = 0;
        bool has_previous = false;
        for_each_word(cps, [&](std::size_t b, std::size_t e) {
            uint64_t h = 0x57;  // 'W'
            for (std::size_t i = b; i < e; ++i)
                h = step(h, lower(cps[i]));
            h = mix64(h);
            if (o.words) hashes.push_back(h);
            if (o.bigrams && has_previous) hashes.push_back(mix64(previous ^ mix64(h + 0x42)));
            previous = h;
            has_previous = true;
        });
    }
    if (o.char_min >= 1 && o.char_min <= o.char_max) {
        std::vector<uint32_t> t;  // lower-cased, whitespace runs as one space, a space at each end
        t.reserve(cps.size() + 2);
        t.push_back(' ');
        for (uint32_t c : cps) {
            if (is_space(c)) {
                if (t.back() != ' ') t.push_back(' ');
            } else {
                t.push_back(lower(c));
            }
        }
        if (t.back() != ' ') t.push_back(' ');
        const std::size_t lo = std::size_t(o.char_min), hi = std::size_t(o.char_max);
        if (t.size() > 2) {  // not an empty text
            hashes.reserve(hashes.size() + t.size() * (hi - lo + 1));
            for (std::size_t i = 0; i + lo <= t.size(); ++i) {
                uint64_t h = 0x43;  // 'C'
                for (std::size_t n = 1; n <= hi && i + n <= t.size(); ++n) {
                    h = step(h, t[i + n - 1]);
                    if (n >= lo) hashes.push_back(mix64(h + n));
                }
            }
        }
    }
    std::sort(hashes.begin(), hashes.end());
    HashedCounts out;
    out.reserve(hashes.size());
    for (uint64_t h : hashes) {
        if (!out.empty() && out.back().first == h)
            ++out.back().second;
        else
            out.emplace_back(h, 1);
    }
    return out;
}

std::vector<std::string> feature_words(std::string_view text) {
    const std::vector<uint32_t> cps = code_points(text);
    std::vector<std::string> out;
    for_each_word(cps, [&](std::size_t b, std::size_t e) {
        std::vector<uint32_t> w;
        for (std::size_t i = b; i < e; ++i)
            w.push_back(lower(cps[i]));
        out.push_back(utf8(w));
    });
    return out;
}

FeatureOptions classifier_features() {
    return FeatureOptions{true, true, 2, 4};
}

FeatureOptions neighbour_features() {
    return FeatureOptions{true, true, 3, 3};
}

// --- vocabulary -----------------------------------------------------------------------------------------

void HashIndex::clear() {
    m_keys.clear();
    m_values.clear();
    m_used.clear();
    m_size = 0;
}

void HashIndex::reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    if (cap <= m_keys.size()) return;
    std::vector<uint64_t> keys = std::move(m_keys);
    std::vector<int32_t> values = std::move(m_values);
    std::vector<uint8_t> used = std::move(m_used);
    m_keys.assign(cap, 0);
    m_values.assign(cap, 0);
    m_used.assign(cap, 0);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (used[i]) {
            const std::size_t s = slot(keys[i]);
            m_keys[s] = keys[i];
            m_values[s] = values[i];
            m_used[s] = 1;
        }
}

std::size_t HashIndex::slot(uint64_t key) const {
    const std::size_t mask = m_keys.size() - 1;
    std::size_t i = std::size_t(mix64(key)) & mask;
    while (m_used[i] && m_keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

void HashIndex::grow() {
    reserve(m_keys.empty() ? 8 : m_keys.size());
}

int32_t *HashIndex::find(uint64_t key) {
    if (m_keys.empty()) return nullptr;
    const std::size_t s = slot(key);
    return m_used[s] ? &m_values[s] : nullptr;
}

const int32_t *HashIndex::find(uint64_t key) const {
    if (m_keys.empty()) return nullptr;
    const std::size_t s = slot(key);
    return m_used[s] ? &m_values[s] : nullptr;
}

int32_t &HashIndex::operator[](uint64_t key) {
    if (2 * (m_size + 1) > m_keys.size()) grow();
    const std::size_t s = slot(key);
    if (!m_used[s]) {
        m_used[s] = 1;
        m_keys[s] = key;
        m_values[s] = 0;
        ++m_size;
    }
    return m_values[s];
}

void Vocabulary::build(const std::vector<HashedCounts> &docs, int min_df, std::size_t max_features) {
    std::vector<const HashedCounts *> p;
    p.reserve(docs.size());
    for (const auto &d : docs)
        p.push_back(&d);
    build(p, min_df, max_features);
}

void Vocabulary::build(const std::vector<const HashedCounts *> &docs, int min_df, std::size_t max_features) {
    m_index.clear();
    m_df.clear();
    m_docs = int64_t(docs.size());
    HashIndex df;
    for (const HashedCounts *d : docs)
        for (const auto &[h, c] : *d)
            ++df[h];
    std::vector<std::pair<uint64_t, int32_t>> kept;
    df.for_each([&](uint64_t h, int32_t n) {
        if (n >= min_df) kept.emplace_back(h, n);
    });
    std::sort(kept.begin(), kept.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (max_features > 0 && kept.size() > max_features) kept.resize(max_features);
    m_index.reserve(kept.size());
    m_df.reserve(kept.size());
    for (const auto &[h, n] : kept) {
        m_index[h] = int32_t(m_df.size());
        m_df.push_back(n);
    }
}

int32_t Vocabulary::index_of(uint64_t hash) const {
    const int32_t *i = m_index.find(hash);
    return i ? *i : -1;
}

SparseVector Vocabulary::counts(const HashedCounts &doc) const {
    SparseVector v;
    for (const auto &[h, c] : doc)
        if (int32_t i = index_of(h); i >= 0) v.emplace_back(i, float(c));
    return v;
}

SparseVector Vocabulary::tfidf(const HashedCounts &doc) const {
    SparseVector v = counts(doc);
    double norm = 0;
    for (auto &[i, x] : v) {
        const double idf = std::log((1.0 + double(m_docs)) / (1.0 + double(m_df[std::size_t(i)]))) + 1.0;
        const double w = (1.0 + std::log(double(x))) * idf;
        x = float(w);
        norm += w * w;
    }
    if (norm <= 0) return {};
    const double inv = 1.0 / std::sqrt(norm);
    for (auto &[i, x] : v)
        x = float(double(x) * inv);
    return v;
}

// --- naive Bayes ------------------------------------------------------------------------------------------

void NaiveBayes::fit(const std::vector<std::string> &texts, const std::vector<int> &labels, int num_labels) {
    fit(classifier_docs(texts), labels, num_labels);
}

void NaiveBayes::fit(const std::vector<HashedCounts> &all, const std::vector<int> &all_labels,
                     int num_labels) {
    m_labels = std::max(0, num_labels);
    const std::size_t K = std::size_t(m_labels);
    const auto [docs, y] = labelled(all, all_labels, m_labels);
    m_vocab.build(docs, m_params.min_df, feature_cap(m_params.max_features, K));
    const std::size_t V = m_vocab.size();
    std::vector<double> per_label_docs(K, 0), totals(K, 0), counts(V * K, 0);
    for (std::size_t d = 0; d < docs.size(); ++d) {
        const std::size_t k = std::size_t(y[d]);
        per_label_docs[k] += 1;
        for (const auto &[f, c] : m_vocab.counts(*docs[d])) {
            counts[std::size_t(f) * K + k] += c;
            totals[k] += c;
        }
    }
    m_log_prior.assign(K, 0);
    for (std::size_t k = 0; k < K; ++k)
        m_log_prior[k] = std::log((per_label_docs[k] + 1.0) / (double(docs.size()) + double(K)));
    const double a = m_params.alpha > 0 ? m_params.alpha : 1e-9;
    m_log_likelihood.assign(V * K, 0);
    for (std::size_t k = 0; k < K; ++k) {
        const double denom = std::log(totals[k] + a * double(V));
        for (std::size_t f = 0; f < V; ++f)
            m_log_likelihood[f * K + k] = std::log(counts[f * K + k] + a) - denom;
    }
}

std::vector<double> NaiveBayes::scores(const HashedCounts &doc) const {
    std::vector<double> s = m_log_prior;
    const std::size_t K = std::size_t(m_labels);
    if (K == 0) return s;
    for (const auto &[f, c] : m_vocab.counts(doc))
        for (std::size_t k = 0; k < K; ++k)
            s[k] += double(c) * m_log_likelihood[std::size_t(f) * K + k];
    return s;
}

int NaiveBayes::predict(std::string_view text) const {
    return predict(text_features(text, classifier_features()));
}

int NaiveBayes::predict(const HashedCounts &doc) const {
    if (m_labels <= 0) return -1;
    const std::vector<double> s = scores(doc);
    return int(std::max_element(s.begin(), s.end()) - s.begin());  // the first of equal maxima
}

// --- logistic regression --------------------------------------------------------------------------------

void LogisticRegression::fit(const std::vector<std::string> &texts, const std::vector<int> &labels,
                             int num_labels) {
    fit(classifier_docs(texts), labels, num_labels);
}

void LogisticRegression::fit(const std::vector<HashedCounts> &all, const std::vector<int> &all_labels,
                             int num_labels) {
    m_labels = std::max(0, num_labels);
    const std::size_t K = std::size_t(m_labels);
    const auto [docs, y] = labelled(all, all_labels, m_labels);
    m_vocab.build(docs, m_params.min_df, feature_cap(m_params.max_features, K));
    const std::vector<SparseVector> X = tfidf_all(m_vocab, docs);
    const std::size_t V = m_vocab.size();
    m_w.assign(V * K, 0);
    m_b.assign(K, 0);
    m_majority = 0;
    if (K == 0 || X.empty()) return;
    std::vector<int64_t> freq(K, 0);
    for (int k : y)
        ++freq[std::size_t(k)];
    m_majority = int(std::max_element(freq.begin(), freq.end()) - freq.begin());

    // W = scale * m_w, so the L2 shrinkage of every weight is one multiplication per step.
    double scale = 1.0;
    const double lambda = std::max(0.0, m_params.lambda);
    std::vector<std::size_t> order(X.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng rng{m_params.seed};
    std::vector<double> z(K);
    std::vector<float> g(K);
    int64_t t = 0;
    int64_t epochs = std::max<int64_t>(0, m_params.epochs);
    if (m_params.min_updates > 0 && epochs > 0)
        epochs = std::max(epochs, std::min<int64_t>(500, (m_params.min_updates + int64_t(X.size()) - 1) /
                                                             int64_t(X.size())));
    for (int64_t epoch = 0; epoch < epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[rng.below(i)]);
        for (std::size_t idx : order) {
            const SparseVector &x = X[idx];
            for (std::size_t k = 0; k < K; ++k)
                z[k] = 0;
            for (const auto &[f, v] : x) {
                const float *w = &m_w[std::size_t(f) * K];
                for (std::size_t k = 0; k < K; ++k)
                    z[k] += double(v) * double(w[k]);
            }
            double mx = -INFINITY;
            for (std::size_t k = 0; k < K; ++k) {
                z[k] = z[k] * scale + m_b[k];
                mx = std::max(mx, z[k]);
            }
            double sum = 0;
            for (std::size_t k = 0; k < K; ++k) {
                z[k] = std::exp(z[k] - mx);
                sum += z[k];
            }
            // z becomes the gradient of the loss in the logits: p - onehot(y).
            for (std::size_t k = 0; k < K; ++k)
                z[k] /= sum;
            z[std::size_t(y[idx])] -= 1.0;
            const double eta = m_params.eta0 / (1.0 + m_params.eta0 * lambda * double(t));
            scale *= 1.0 - eta * lambda;
            if (scale < 1e-6) {
                for (float &w : m_w)
                    w = float(double(w) * scale);
                scale = 1.0;
            }
            const double step = eta / scale;
            for (std::size_t k = 0; k < K; ++k)
                g[k] = float(step * z[k]);
            for (const auto &[f, v] : x) {
                float *w = &m_w[std::size_t(f) * K];
                for (std::size_t k = 0; k < K; ++k)
                    w[k] -= g[k] * v;
            }
            for (std::size_t k = 0; k < K; ++k)
                m_b[k] -= eta * z[k];
            ++t;
        }
    }
    for (float &w : m_w)
        w = float(double(w) * scale);
}

std::vector<double> LogisticRegression::logits(const SparseVector &x) const {
    const std::size_t K = std::size_t(m_labels);
    std::vector<double> z = m_b;
    for (const auto &[f, v] : x)
        for (std::size_t k = 0; k < K; ++k)
            z[k] += double(v) * double(m_w[std::size_t(f) * K + k]);
    return z;
}

std::vector<double> LogisticRegression::probabilities(const HashedCounts &doc) const {
    std::vector<double> z = logits(m_vocab.tfidf(doc));
    if (z.empty()) return z;
    const double mx = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (double &v : z) {
        v = std::exp(v - mx);
        sum += v;
    }
    for (double &v : z)
        v /= sum;
    return z;
}

int LogisticRegression::predict(std::string_view text) const {
    return predict(text_features(text, classifier_features()));
}

int LogisticRegression::predict(const HashedCounts &doc) const {
    if (m_labels <= 0) return -1;
    if (m_vocab.docs() == 0) return m_majority;
    const std::vector<double> z = logits(m_vocab.tfidf(doc));
    return int(std::max_element(z.begin(), z.end()) - z.begin());
}

// --- nearest neighbour ----------------------------------------------------------------------------------

void NearestNeighbour::fit(const std::vector<std::string> &texts, const std::vector<int64_t> &ids) {
    // Internally in ascending id order (stable), so the first of equal similarities has the lowest id.
    std::vector<std::size_t> order(texts.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    const bool with_ids = ids.size() == texts.size();
    if (with_ids)
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    std::vector<HashedCounts> docs;
    docs.reserve(texts.size());
    m_positions.clear();
    for (std::size_t i : order) {
        docs.push_back(text_features(texts[i], neighbour_features()));
        m_positions.push_back(int64_t(i));
    }
    m_vocab.build(docs, m_params.min_df, m_params.max_features);
    m_postings.assign(m_vocab.size(), {});
    for (std::size_t d = 0; d < docs.size(); ++d)
        for (const auto &[f, w] : m_vocab.tfidf(docs[d]))
            m_postings[std::size_t(f)].emplace_back(int32_t(d), w);
}

int64_t NearestNeighbour::best(std::string_view text, double *similarity) const {
    if (similarity) *similarity = 0;
    if (m_positions.empty()) return -1;
    std::vector<double> score(m_positions.size(), 0.0);
    for (const auto &[f, q] : m_vocab.tfidf(text_features(text, neighbour_features())))
        for (const auto &[d, w] : m_postings[std::size_t(f)])
            score[std::size_t(d)] += double(q) * double(w);
    const std::size_t b = std::size_t(std::max_element(score.begin(), score.end()) - score.begin());
    if (similarity) *similarity = score[b];
    return m_positions[b];
}

}  // namespace smolify::eval
