// Sampler and generation loop (generate.h).
#include "infer/generate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>

#include "infer/constrain.h"

namespace smolify::infer {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool by_logit_desc(const std::pair<float, int32_t> &a, const std::pair<float, int32_t> &b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
}

}  // namespace

Sampler::Sampler(const SamplingParams &p) : m_p(p), m_state(p.seed) {}

double Sampler::uniform() {
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return double(z >> 11) * (1.0 / 9007199254740992.0);
}

int32_t Sampler::sample(std::span<const float> logits, std::span<const int32_t> history,
                        std::span<const uint8_t> allowed) {
    const int V = int(logits.size());
    if (V == 0) return 0;
    m_cand.resize(std::size_t(V));
    for (int i = 0; i < V; ++i)
        m_cand[std::size_t(i)] = {logits[std::size_t(i)], i};

    // Repetition penalty as llama.cpp applies it: a positive logit divided, a negative one multiplied,
    // once per distinct recent token.
    if (m_p.repeat_penalty != 1.0f && m_p.repeat_last_n != 0) {
        const std::size_t n =
            m_p.repeat_last_n < 0 ? history.size() : std::min(history.size(), std::size_t(m_p.repeat_last_n));
        std::unordered_set<int32_t> seen(history.end() - std::ptrdiff_t(n), history.end());
        for (int32_t id : seen) {
            if (id < 0 || id >= V) continue;
            float &l = m_cand[std::size_t(id)].first;
            l = l > 0 ? l / m_p.repeat_penalty : l * m_p.repeat_penalty;
        }
    }

    if (!allowed.empty()) {
        std::erase_if(m_cand, [&](const std::pair<float, int32_t> &c) {
            return std::size_t(c.second) >= allowed.size() || !allowed[std::size_t(c.second)];
        });
        if (m_cand.empty()) return -1;
    }

    if (m_p.temperature <= 0.0f) return std::min_element(m_cand.begin(), m_cand.end(), by_logit_desc)->second;

    // Candidates in descending order; top-k keeps the first k.
    std::size_t keep = m_cand.size();
    if (m_p.top_k > 0 && std::size_t(m_p.top_k) < keep) {
        keep = std::size_t(m_p.top_k);
        std::partial_sort(m_cand.begin(), m_cand.begin() + std::ptrdiff_t(keep), m_cand.end(), by_logit_desc);
    } else {
        std::sort(m_cand.begin(), m_cand.end(), by_logit_desc);
    }
    m_cand.resize(keep);

    // Top-p: the shortest head whose probability (at temperature 1) reaches p.
    if (m_p.top_p < 1.0f) {
        const float mx = m_cand[0].first;
        double total = 0;
        for (const auto &c : m_cand)
            total += std::exp(double(c.first - mx));
        double cum = 0;
        std::size_t n = 0;
        while (n < m_cand.size()) {
            cum += std::exp(double(m_cand[n].first - mx)) / total;
            ++n;
            if (cum >= double(m_p.top_p)) break;
        }
        m_cand.resize(std::max<std::size_t>(1, n));
    }
    // Min-p: drop tokens less likely than min_p times the most likely one.
    if (m_p.min_p > 0.0f) {
        const float floor = m_cand[0].first + std::log(m_p.min_p);
        std::size_t n = 1;
        while (n < m_cand.size() && m_cand[n].first >= floor)
            ++n;
        m_cand.resize(n);
    }

    const float mx = m_cand[0].first;
    double total = 0;
    for (auto &c : m_cand) {
        c.first = float(std::exp(double(c.first - mx) / double(m_p.temperature)));
        total += c.first;
    }
    const double r = uniform() * total;
    double cum = 0;
    for (const auto &c : m_cand) {
        cum += c.first;
        if (r < cum) return c.second;
    }
    return m_cand.back().second;
}

Result<Generation> generate(Model &model, std::span<const int32_t> prompt, const GenerateParams &p) {
    if (prompt.empty()) return user_error("the prompt is empty");
    if (int64_t(prompt.size()) >= model.context())
        return user_error("the prompt has " + std::to_string(prompt.size()) +
                          " tokens; the model's context is " + std::to_string(model.context()) +
                          " (shorten the input)");
    Generation g;
    g.prompt_tokens = int(prompt.size());
    model.reset();
    const auto t0 = Clock::now();
    if (Status s = model.eval(prompt); !s) return s.error();
    g.prefill_s = seconds_since(t0);

    Sampler sampler(p.sampling);
    std::vector<int32_t> history(prompt.begin(), prompt.end());
    if (p.constraint) p.constraint->reset();
    std::vector<uint8_t> narrowed;  // the constraint's mask less tokens that do not fit the budget
    const auto t1 = Clock::now();
    while (true) {
        if (p.cancel && p.cancel->load()) {
            g.stop_reason = "cancelled";
            break;
        }
        if (int(g.tokens.size()) >= p.max_tokens) {
            g.stop_reason = "length";
            break;
        }
        std::span<const uint8_t> allowed;
        int budget = 0;
        if (p.constraint) {
            // Tokens that may still be sampled, the stop token included (see the checks below).
            budget =
                std::min(p.max_tokens - int(g.tokens.size()), model.context() - model.position() + 1);
            allowed = p.constraint->allowed(budget);
            if (allowed.size() != model.logits().size())
                return user_error("the constraint's vocabulary has " + std::to_string(allowed.size()) +
                                  " tokens, the model's " + std::to_string(model.logits().size()));
            g.constraint_closed = g.constraint_closed || p.constraint->closing();
        }
        int32_t tok = sampler.sample(model.logits(), history, allowed);
        if (p.constraint && tok >= 0 && !p.constraint->fits(tok, budget)) {
            // Near the token limit: draw again without tokens after which the closing would not fit.
            narrowed.assign(allowed.begin(), allowed.end());
            while (tok >= 0 && !p.constraint->fits(tok, budget)) {
                narrowed[std::size_t(tok)] = 0;
                tok = sampler.sample(model.logits(), history, narrowed);
            }
            if (tok < 0) {  // none fits: go along the closing now, even if it overruns the limit
                tok = sampler.sample(model.logits(), history, p.constraint->allowed(0));
                g.constraint_closed = true;
            }
        }
        if (tok < 0) {
            g.stop_reason = "constraint";
            break;
        }
        if (std::find(p.stop_tokens.begin(), p.stop_tokens.end(), tok) != p.stop_tokens.end()) {
            g.stop_reason = "stop";
            break;
        }
        if (p.constraint)
            if (Status s = p.constraint->advance(tok); !s) return s.error();
        g.tokens.push_back(tok);
        history.push_back(tok);
        if (p.on_token && !p.on_token(tok)) {
            g.stop_reason = "callback";
            break;
        }
        if (int(g.tokens.size()) >= p.max_tokens) {
            g.stop_reason = "length";
            break;
        }
        if (model.position() >= model.context()) {
            g.stop_reason = "context";
            break;
        }
        const int32_t one[1] = {tok};
        if (Status s = model.eval(one); !s) return s.error();
    }
    g.decode_s = seconds_since(t1);
    return g;
}

}  // namespace smolify::infer
