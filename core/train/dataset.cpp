// The training data pipeline (see dataset.h).
#include "train/dataset.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "text/chat_format.h"
#include "util/hash.h"

namespace smolify::train {

Result<std::vector<Example>> encode_examples(const text::Tokenizer &tokenizer, const std::string &system,
                                             std::span<const store::Sample> samples, int seq_len,
                                             EncodeStats *stats) {
    std::vector<Example> out;
    out.reserve(samples.size());
    for (const store::Sample &s : samples) {
        auto chat = text::encode_chat(tokenizer, system, s.input, s.output);
        if (!chat) return chat.error();
        Example e;
        e.sample_id = s.id;
        e.tokens = std::move(chat->tokens);
        e.prompt_tokens = static_cast<int32_t>(chat->prompt_tokens);
        e.input_begin = static_cast<int32_t>(chat->input_begin);
        e.input_end = static_cast<int32_t>(chat->input_end);
        out.push_back(std::move(e));
    }
    const EncodeStats st = fit_examples(out, seq_len);
    if (stats) *stats = st;
    return out;
}

EncodeStats fit_examples(std::vector<Example> &examples, int seq_len) {
    EncodeStats st;
    const std::size_t max_len = static_cast<std::size_t>(seq_len) + 1;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        Example &e = examples[i];
        if (e.tokens.size() > max_len) {
            // Cut the end of the user's text (keeping the "user\n" start, about two tokens, and the
            // turn's <|im_end|>) so the output fits whole; else cut the output's end.
            const std::size_t over = e.tokens.size() - max_len;
            const int32_t text_end = e.input_end - 1;  // the user turn's <|im_end|>
            const int32_t keep_from = e.input_begin + 2;
            if (e.input_end > e.input_begin && text_end - keep_from >= static_cast<int32_t>(over)) {
                const auto last = e.tokens.begin() + text_end;
                e.tokens.erase(last - static_cast<std::ptrdiff_t>(over), last);
                e.prompt_tokens -= static_cast<int32_t>(over);
                e.input_end -= static_cast<int32_t>(over);
                e.input_cut = true;
            } else {
                e.tokens.resize(max_len);
                e.truncated = true;
            }
        }
        if (e.prompt_tokens >= static_cast<int32_t>(max_len)) {
            ++st.dropped;
            continue;
        }
        st.truncated += e.truncated;
        st.input_cut += e.input_cut;
        st.tokens += static_cast<int64_t>(e.tokens.size());
        ++st.samples;
        if (kept != i) examples[kept] = std::move(e);
        ++kept;
    }
    examples.resize(kept);
    return st;
}

uint64_t Rng::next() {
    return mix64(state += 0x9E3779B97F4A7C15ull);
}

uint64_t Rng::below(uint64_t n) {
    // Rejection keeps it exactly uniform.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r;
    do
        r = next();
    while (r >= limit);
    return r % n;
}

void split_train_val(std::vector<int64_t> ids, double val_fraction, uint64_t seed,
                     std::vector<int64_t> &train, std::vector<int64_t> &val) {
    std::sort(ids.begin(), ids.end());
    Rng rng{seed ^ 0x5641u};
    shuffle(ids, rng);
    std::size_t n = ids.size();
    std::size_t n_val = 0;
    if (val_fraction > 0 && n >= 2) {
        n_val = static_cast<std::size_t>(std::llround(static_cast<double>(n) * val_fraction));
        n_val = std::clamp<std::size_t>(n_val, 1, n / 2);
    }
    val.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n_val));
    train.assign(ids.begin() + static_cast<std::ptrdiff_t>(n_val), ids.end());
    std::sort(val.begin(), val.end());
    std::sort(train.begin(), train.end());
}

std::vector<std::vector<int32_t>> plan_epoch(const std::vector<Example> &examples, int batch, uint64_t seed,
                                             int64_t epoch) {
    std::vector<int32_t> order(examples.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int32_t>(i);
    Rng rng{seed * 0x100000001B3ull + static_cast<uint64_t>(epoch) + 1};
    shuffle(order, rng);
    const std::size_t window = static_cast<std::size_t>(batch) * 16;
    std::vector<std::vector<int32_t>> plan;
    for (std::size_t w = 0; w < order.size(); w += window) {
        auto first = order.begin() + static_cast<std::ptrdiff_t>(w);
        auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), w + window));
        // Stable, with the index as tie-break: the same plan on every standard library.
        std::sort(first, last, [&](int32_t a, int32_t b) {
            auto la = examples[a].tokens.size(), lb = examples[b].tokens.size();
            return la != lb ? la < lb : a < b;
        });
        for (auto it = first; it < last; it += std::min<std::ptrdiff_t>(batch, last - it))
            plan.emplace_back(it, it + std::min<std::ptrdiff_t>(batch, last - it));
    }
    shuffle(plan, rng);
    return plan;
}

std::vector<std::vector<int32_t>> plan_eval(const std::vector<Example> &examples, int batch) {
    std::vector<int32_t> order(examples.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int32_t>(i);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        auto la = examples[a].tokens.size(), lb = examples[b].tokens.size();
        return la != lb ? la < lb : a < b;
    });
    std::vector<std::vector<int32_t>> plan;
    for (std::size_t i = 0; i < order.size(); i += static_cast<std::size_t>(batch))
        plan.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i),
                          order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), i + batch)));
    return plan;
}

void fill_batch(const std::vector<Example> &examples, std::span<const int32_t> rows, Batch &batch,
                float input_weight, const InputDrop &drop) {
    // With input dropout each row is first rebuilt without the input tokens it drops (a hash of the
    // seed, the sample and the position decides, so a step always sees the same rows).
    const bool dropping = drop.rate > 0.0;
    const uint64_t threshold =
        dropping ? static_cast<uint64_t>(std::min(drop.rate, 0.9) * 18446744073709551616.0) : 0;
    std::vector<Example> kept;
    if (dropping) {
        kept.reserve(rows.size());
        for (int32_t r : rows) {
            const Example &e = examples[r];
            Example k;
            k.sample_id = e.sample_id;
            k.keep_input = e.keep_input;
            k.tokens.reserve(e.tokens.size());
            // The user's text only: not the turn's "user\n" start (about two tokens) nor its <|im_end|>,
            // as fit_examples cuts it.
            int removed = 0;
            const int text_begin = e.input_begin + 2, text_end = e.input_end - 1;
            const int in_len = text_end - text_begin;
            for (int t = 0; t < static_cast<int>(e.tokens.size()); ++t) {
                const bool in_input = t >= text_begin && t < text_end;
                if (in_input && !e.keep_input && in_len - removed > 1 &&
                    mix64(drop.seed ^ mix64(static_cast<uint64_t>(e.sample_id) * 0x9E3779B97F4A7C15ull +
                                            static_cast<uint64_t>(t))) < threshold) {
                    ++removed;
                    continue;
                }
                k.tokens.push_back(e.tokens[static_cast<std::size_t>(t)]);
            }
            k.input_begin = e.input_begin;
            k.input_end = e.input_end - removed;
            k.prompt_tokens = e.prompt_tokens - removed;
            kept.push_back(std::move(k));
        }
    }
    auto example = [&](int b) -> const Example & {
        return dropping ? kept[static_cast<std::size_t>(b)] : examples[rows[static_cast<std::size_t>(b)]];
    };
    batch.B = static_cast<int>(rows.size());
    int T = 1;
    for (int b = 0; b < batch.B; ++b)
        T = std::max(T, static_cast<int>(example(b).tokens.size()) - 1);
    batch.T = T;
    const std::size_t N = static_cast<std::size_t>(batch.B) * T;
    const bool weighted = input_weight > 0.0f;
    batch.tokens.assign(N, text::kPadId);
    batch.targets.assign(N, -1);
    batch.is_output.assign(N, 0);
    if (weighted)
        batch.weights.assign(N, 0.0f);
    else
        batch.weights.clear();
    batch.real_tokens = 0;
    batch.target_count = 0;
    batch.input_target_count = 0;
    for (int b = 0; b < batch.B; ++b) {
        const Example &e = example(b);
        const int n = static_cast<int>(e.tokens.size()) - 1;  // input positions
        const std::size_t row = static_cast<std::size_t>(b) * T;
        int32_t *tok = batch.tokens.data() + row;
        int32_t *tgt = batch.targets.data() + row;
        for (int t = 0; t < n; ++t) {
            tok[t] = e.tokens[t];
            // The token at t+1 is predicted from position t: output always counts; the user turn
            // counts at input_weight.
            if (t + 1 >= e.prompt_tokens) {
                tgt[t] = e.tokens[t + 1];
                batch.is_output[row + t] = 1;
                if (weighted) batch.weights[row + t] = 1.0f;
                ++batch.target_count;
            } else if (weighted && t + 1 >= e.input_begin && t + 1 < e.input_end) {
                tgt[t] = e.tokens[t + 1];
                batch.weights[row + t] = input_weight;
                ++batch.input_target_count;
            }
        }
        batch.real_tokens += n;
    }
    // The two losses are means of their own: the weighted loss is (L_output + w x L_input) / (1 + w)
    // whatever the lengths, so a long input never drowns a one-token label.
    if (weighted && batch.input_target_count > 0 && batch.target_count > 0) {
        const float per_input = input_weight * static_cast<float>(batch.target_count) /
                                static_cast<float>(batch.input_target_count);
        for (std::size_t i = 0; i < N; ++i)
            if (batch.weights[i] > 0.0f && !batch.is_output[i]) batch.weights[i] = per_input;
    }
}

LengthStats length_stats(const std::vector<int> &lengths) {
    LengthStats s;
    s.samples = static_cast<int64_t>(lengths.size());
    if (lengths.empty()) return s;
    std::vector<int> v = lengths;
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        // Nearest rank: the smallest length that at least q of the samples do not exceed.
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
        return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
    };
    s.p50 = at(0.50);
    s.p90 = at(0.90);
    s.p99 = at(0.99);
    s.max = v.back();
    return s;
}

Result<std::vector<Example>> make_copy_examples(const text::Tokenizer &tokenizer,
                                                std::span<const store::Sample> samples, double share,
                                                int seq_len) {
    if (share <= 0) return std::vector<Example>{};
    std::vector<store::Sample> copies;
    for (const store::Sample &x : samples) {
        const uint64_t h = mix64(static_cast<uint64_t>(x.id) * 0x9E3779B97F4A7C15ull + 0xC0DEu);
        if (static_cast<double>(h >> 11) * 0x1.0p-53 >= share) continue;
        std::istringstream words(x.input);
        std::string out, w;
        for (int n = 0; n < kCopyWords && words >> w; ++n)
            out += (n > 0 ? " " : "") + w;
        if (out.empty()) continue;
        store::Sample c;
        c.id = -x.id;
        c.input = x.input;
        c.output = std::move(out);
        copies.push_back(std::move(c));
    }
    auto ex = encode_examples(tokenizer, kCopySystem, copies, seq_len);
    if (!ex) return ex.error();
    for (Example &e : *ex)
        e.keep_input = true;
    return ex;
}

int context_for(const LengthStats &s, int cap) {
    // A sequence of L tokens needs a context of L - 1 positions (the last token is only a target);
    // a quarter more is headroom for the inputs the model meets later, a little longer than any it
    // was trained on (RoPE has no learned positions, and a batch is only as long as its longest row,
    // so the headroom costs training nothing).
    const int need = std::max(1, s.max - 1);
    const int rounded = (need + need / 4 + 31) / 32 * 32;
    return std::clamp(rounded, 64, std::max(64, cap));
}

double padding_waste(const std::vector<Example> &examples, const std::vector<std::vector<int32_t>> &plan) {
    double total = 0, real = 0;
    for (const auto &rows : plan) {
        std::size_t T = 1;
        for (int32_t r : rows)
            T = std::max(T, examples[r].tokens.size() - 1);
        total += static_cast<double>(T * rows.size());
        for (int32_t r : rows)
            real += static_cast<double>(examples[r].tokens.size() - 1);
    }
    return total > 0 ? 1.0 - real / total : 0.0;
}

}  // namespace smolify::train
