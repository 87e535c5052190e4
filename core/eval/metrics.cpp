// Per-output scores and their aggregates (metrics.h).
#include "eval/metrics.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "util/text.h"

namespace smolify::eval {

using nlohmann::json;

namespace {

bool is_word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Code points of `s` without whitespace (chrF ignores spaces, as sacreBLEU does by default).
std::vector<std::string> chars_without_space(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
            n = 4;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        n = std::min(n, s.size() - i);
        if (!(n == 1 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')))
            out.emplace_back(s.substr(i, n));
        i += n;
    }
    return out;
}

std::map<std::string, int64_t> ngrams(const std::vector<std::string> &chars, std::size_t n) {
    std::map<std::string, int64_t> m;
    if (chars.size() < n) return m;
    for (std::size_t i = 0; i + n <= chars.size(); ++i) {
        std::string g;
        for (std::size_t k = 0; k < n; ++k)
            g += chars[i + k];
        ++m[g];
    }
    return m;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool values_equal(const json &a, const json &b) {
    if (a.is_string() && b.is_string())
        return lower_ascii(trim(a.get_ref<const std::string &>())) ==
               lower_ascii(trim(b.get_ref<const std::string &>()));
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
}

bool has_field(const json &obj, const std::string &key) {
    if (!obj.is_object()) return false;
    auto it = obj.find(key);
    return it != obj.end() && !it->is_null();
}

}  // namespace

std::vector<std::string> rouge_words(std::string_view text) {
    std::vector<std::string> words;
    std::string cur;
    bool cur_ascii = true;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (!is_word_byte(c)) {
            if (!cur.empty()) words.push_back(std::move(cur));
            cur.clear();
            continue;
        }
        const bool ascii = c < 0x80;
        // An ASCII word and a run of non-ASCII bytes next to each other are separate words.
        if (!cur.empty() && ascii != cur_ascii) {
            words.push_back(std::move(cur));
            cur.clear();
        }
        cur_ascii = ascii;
        cur += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

namespace {

// The distinct terms of a text (FactScores): words of two bytes or more, and numbers.
std::unordered_set<std::string> fact_terms(std::string_view text) {
    std::unordered_set<std::string> out;
    for (std::string &w : rouge_words(text)) {
        const bool number =
            !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (number || w.size() >= 2) out.insert(std::move(w));
    }
    return out;
}

}  // namespace

FactScores fact_scores(const std::vector<FactRow> &rows) {
    FactScores f;
    std::vector<std::unordered_set<std::string>> refs;
    refs.reserve(rows.size());
    std::unordered_map<std::string, int64_t> df;  // references that contain the term
    for (const FactRow &r : rows) {
        refs.push_back(fact_terms(r.reference));
        for (const std::string &t : refs.back())
            ++df[t];
    }
    const int64_t most = std::max<int64_t>(1, static_cast<int64_t>(rows.size()) / 10);
    auto is_fact = [&](const std::string &t) {
        auto it = df.find(t);
        return it == df.end() || it->second <= most;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto answer = fact_terms(rows[i].answer);
        std::unordered_set<std::string> input;  // only when an answer fact is not in the reference
        bool input_read = false;
        for (const std::string &t : refs[i])
            if (is_fact(t)) {
                ++f.reference_facts;
                f.recalled += answer.count(t) > 0;
            }
        for (const std::string &t : answer) {
            if (!is_fact(t)) continue;
            ++f.answer_facts;
            if (refs[i].count(t)) {
                ++f.supported;
                continue;
            }
            if (!input_read) {
                input = fact_terms(rows[i].input);
                input_read = true;
            }
            f.invented += input.count(t) == 0;
        }
    }
    if (f.reference_facts > 0) f.recall = double(f.recalled) / double(f.reference_facts);
    if (f.answer_facts > 0) {
        f.precision = double(f.supported) / double(f.answer_facts);
        f.invented_share = double(f.invented) / double(f.answer_facts);
    }
    if (f.recall >= 0 && f.precision >= 0)
        f.f1 = f.recall + f.precision > 0 ? 2 * f.recall * f.precision / (f.recall + f.precision) : 0.0;
    return f;
}

double rouge_l(std::string_view reference, std::string_view candidate) {
    const auto r = rouge_words(reference), c = rouge_words(candidate);
    if (r.empty() && c.empty()) return 1.0;
    if (r.empty() || c.empty()) return 0.0;
    // LCS length by dynamic programming over two rows.
    std::vector<int64_t> prev(c.size() + 1, 0), cur(c.size() + 1, 0);
    for (std::size_t i = 1; i <= r.size(); ++i) {
        for (std::size_t j = 1; j <= c.size(); ++j)
            cur[j] = r[i - 1] == c[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    const double lcs = double(prev[c.size()]);
    if (lcs == 0) return 0.0;
    const double p = lcs / double(c.size()), rec = lcs / double(r.size());
    return 2 * p * rec / (p + rec);
}

double chrf(std::string_view reference, std::string_view candidate) {
    constexpr int kMaxOrder = 6;
    constexpr double kBeta2 = 4.0;  // beta = 2: recall weighs twice as much as precision
    const auto r = chars_without_space(reference), c = chars_without_space(candidate);
    if (r.empty() && c.empty()) return 1.0;
    if (r.empty() || c.empty()) return 0.0;
    double p_sum = 0, r_sum = 0;
    int orders = 0;
    for (int n = 1; n <= kMaxOrder; ++n) {
        auto rg = ngrams(r, std::size_t(n));
        if (rg.empty()) break;  // the reference is shorter than n characters
        auto cg = ngrams(c, std::size_t(n));
        int64_t match = 0, r_total = 0, c_total = 0;
        for (const auto &[g, k] : rg) {
            r_total += k;
            if (auto it = cg.find(g); it != cg.end()) match += std::min(k, it->second);
        }
        for (const auto &[g, k] : cg)
            c_total += k;
        p_sum += c_total ? double(match) / double(c_total) : 0.0;
        r_sum += double(match) / double(r_total);
        ++orders;
    }
    const double p = p_sum / orders, rec = r_sum / orders;
    if (p == 0 && rec == 0) return 0.0;
    return (1 + kBeta2) * p * rec / (kBeta2 * p + rec);
}

bool exact_match(std::string_view reference, std::string_view candidate) {
    return trim(reference) == trim(candidate);
}

int64_t char_length(std::string_view text) {
    int64_t n = 0;
    for (char c : trim(text))
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

Prf make_prf(int64_t tp, int64_t fp, int64_t fn) {
    Prf s;
    s.tp = tp;
    s.fp = fp;
    s.fn = fn;
    s.precision = tp + fp ? double(tp) / double(tp + fp) : 0.0;
    s.recall = tp + fn ? double(tp) / double(tp + fn) : 0.0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    return s;
}

ClassificationScores classification_scores(std::vector<std::string> labels,
                                           const std::vector<std::string> &references,
                                           const std::vector<std::string> &predictions) {
    ClassificationScores s;
    auto index_of = [&](const std::string &l) -> std::size_t {
        return std::size_t(std::find(labels.begin(), labels.end(), l) - labels.begin());
    };
    for (const auto &r : references)
        if (index_of(r) == labels.size()) labels.push_back(r);
    const std::size_t L = labels.size();
    s.confusion.assign(L, std::vector<int64_t>(L + 1, 0));
    const std::size_t n = std::min(references.size(), predictions.size());
    int64_t correct = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t ri = index_of(references[i]);
        const std::size_t pi = std::min(index_of(predictions[i]), L);  // L: (other)
        ++s.confusion[ri][pi];
        if (ri == pi) ++correct;
    }
    s.samples = int64_t(n);
    s.accuracy = n ? double(correct) / double(n) : 0.0;
    double f1_sum = 0;
    int present = 0;
    for (std::size_t l = 0; l < L; ++l) {
        int64_t tp = s.confusion[l][l], fn = 0, fp = 0;
        for (std::size_t k = 0; k <= L; ++k)
            if (k != l) fn += s.confusion[l][k];
        for (std::size_t k = 0; k < L; ++k)
            if (k != l) fp += s.confusion[k][l];
        s.per_label.push_back(make_prf(tp, fp, fn));
        if (tp + fn + fp > 0) {
            f1_sum += s.per_label.back().f1;
            ++present;
        }
    }
    s.macro_f1 = present ? f1_sum / present : 0.0;
    s.labels = std::move(labels);
    return s;
}

ExtractionTally::Counts &ExtractionTally::counts(const std::string &field) {
    auto it = std::lower_bound(m_fields.begin(), m_fields.end(), field,
                               [](const auto &e, const std::string &f) { return e.first < f; });
    if (it == m_fields.end() || it->first != field) it = m_fields.insert(it, {field, Counts{}});
    return it->second;
}

void ExtractionTally::add(const json &reference, const json &candidate) {
    if (reference.is_object())
        for (auto it = reference.begin(); it != reference.end(); ++it) {
            if (it->is_null()) continue;
            Counts &c = counts(it.key());
            if (has_field(candidate, it.key()) && values_equal(*it, candidate[it.key()]))
                ++c.tp;
            else
                ++c.fn;
        }
    if (candidate.is_object())
        for (auto it = candidate.begin(); it != candidate.end(); ++it) {
            if (it->is_null()) continue;
            if (!has_field(reference, it.key()) || !values_equal(reference[it.key()], *it))
                ++counts(it.key()).fp;
        }
}

ExtractionScores ExtractionTally::scores() const {
    ExtractionScores s;
    int64_t tp = 0, fp = 0, fn = 0;
    double f1_sum = 0;
    for (const auto &[field, c] : m_fields) {
        s.fields.push_back({field, make_prf(c.tp, c.fp, c.fn)});
        f1_sum += s.fields.back().prf.f1;
        tp += c.tp;
        fp += c.fp;
        fn += c.fn;
    }
    s.micro = make_prf(tp, fp, fn);
    s.macro_f1 = s.fields.empty() ? 0.0 : f1_sum / double(s.fields.size());
    return s;
}

double extraction_f1(const json &reference, const json &candidate) {
    ExtractionTally t;
    t.add(reference, candidate);
    const ExtractionScores s = t.scores();
    if (s.micro.tp + s.micro.fp + s.micro.fn == 0) return 1.0;
    return s.micro.f1;
}

json parse_json_output(std::string_view text) {
    std::string_view s = trim(text);
    if (s.starts_with("```")) {
        const std::size_t nl = s.find('\n');
        const std::size_t end = s.rfind("```");
        if (nl != std::string_view::npos && end != std::string_view::npos && end > nl)
            s = trim(s.substr(nl + 1, end - nl - 1));
    }
    return json::parse(s, nullptr, false);
}

std::string first_sentence(std::string_view text) {
    const std::string_view t = trim(text);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n' ||
                                                   t[i + 1] == '\r' || t[i + 1] == '\t'))
            return std::string(trim(t.substr(0, i + 1)));
        if (c == '\n') return std::string(trim(t.substr(0, i)));
    }
    return std::string(t);
}

}  // namespace smolify::eval
