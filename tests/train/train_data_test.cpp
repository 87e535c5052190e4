// The data pipeline: loss mask, truncation, bucketing, validation split. No model needed.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "text/chat_format.h"
#include "train/dataset.h"
#include "train_util.h"

using namespace smolify;
using namespace smolify::train;

namespace {

const text::Tokenizer &tok() {
    static std::unique_ptr<text::Tokenizer> t = [] {
        std::vector<std::string> corpus;
        for (int i = 0; i < 60; ++i) {
            auto s = test::ticket_sample(i);
            corpus.push_back(s.input);
            corpus.push_back(s.output);
        }
        text::TokenizerTrainParams p;
        p.vocab_size = 320;
        auto r = text::Tokenizer::train(corpus, p);
        EXPECT_TRUE(r.ok());
        return std::move(r).value();
    }();
    return *t;
}

std::vector<store::Sample> samples(int n, int extra_len = 0) {
    std::vector<store::Sample> out;
    for (int i = 0; i < n; ++i) {
        auto ns = test::ticket_sample(i);
        store::Sample s;
        s.id = i + 1;
        s.input =
            ns.input +
            std::string(static_cast<std::size_t>((i * 7) % 11) * static_cast<std::size_t>(extra_len), 'x');
        s.output = ns.output;
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST(TrainData, LossCoversTheOutputAndTheEndTokenOnly) {
    auto ss = samples(1);
    auto ex = encode_examples(tok(), "Task: triage", ss, 256);
    ASSERT_TRUE(ex.ok());
    ASSERT_EQ(ex->size(), 1u);
    const Example &e = (*ex)[0];
    auto out_ids = tok().encode(ss[0].output);
    ASSERT_EQ(e.tokens.size() - static_cast<std::size_t>(e.prompt_tokens), out_ids->size() + 1);
    Batch b;
    const int32_t rows[] = {0};
    fill_batch(*ex, rows, b);
    ASSERT_EQ(b.B, 1);
    ASSERT_EQ(b.T, static_cast<int>(e.tokens.size()) - 1);
    EXPECT_EQ(b.target_count, static_cast<int64_t>(out_ids->size()) + 1);
    for (int t = 0; t < b.T; ++t) {
        EXPECT_EQ(b.tokens[t], e.tokens[t]);
        if (t + 1 < e.prompt_tokens)
            EXPECT_EQ(b.targets[t], -1) << t;
        else
            EXPECT_EQ(b.targets[t], e.tokens[t + 1]) << t;
    }
    EXPECT_EQ(b.targets[b.T - 1], text::kImEndId);
    // The first counted target is the first output token, predicted from "assistant\n".
    EXPECT_EQ(b.targets[e.prompt_tokens - 1], (*out_ids)[0]);
}

TEST(TrainData, PaddingIsNeverCounted) {
    auto ss = samples(4, 3);
    auto ex = encode_examples(tok(), "Task: triage", ss, 256);
    ASSERT_TRUE(ex.ok());
    Batch b;
    const int32_t rows[] = {0, 1, 2, 3};
    fill_batch(*ex, rows, b);
    int64_t counted = 0, pads = 0;
    for (int r = 0; r < b.B; ++r) {
        const int n = static_cast<int>((*ex)[r].tokens.size()) - 1;
        for (int t = 0; t < b.T; ++t) {
            const auto i = static_cast<std::size_t>(r * b.T + t);
            if (b.targets[i] >= 0) ++counted;
            if (t >= n) {
                EXPECT_EQ(b.tokens[i], text::kPadId);
                EXPECT_EQ(b.targets[i], -1);
                ++pads;
            }
        }
    }
    EXPECT_EQ(counted, b.target_count);
    EXPECT_GT(pads, 0);
    EXPECT_EQ(b.real_tokens + pads, static_cast<int64_t>(b.B) * b.T);
}

TEST(TrainData, LongSequencesAreTruncatedAndCountedAndPromptOnlyOnesDropped) {
    auto ss = samples(10);
    ss[3].output = std::string(400, 'z') + " long answer";
    ss[5].input = std::string(600, 'y');
    EncodeStats st;
    auto ex = encode_examples(tok(), "Task: triage", ss, 128, &st);
    ASSERT_TRUE(ex.ok());
    EXPECT_EQ(st.truncated, 1);  // the long output: its end is cut
    EXPECT_EQ(st.input_cut, 1);  // the long input: its end is cut, the output kept whole
    EXPECT_EQ(st.dropped, 0);
    EXPECT_EQ(st.samples, 10);
    ASSERT_EQ(ex->size(), 10u);
    for (const auto &e : *ex) {
        EXPECT_LE(e.tokens.size(), 129u);
        if (e.sample_id == 4) {
            EXPECT_TRUE(e.truncated);
            EXPECT_EQ(e.tokens.size(), 129u);
            EXPECT_NE(e.tokens.back(), text::kImEndId);
        }
        if (e.sample_id == 6) {  // ss[5]
            EXPECT_TRUE(e.input_cut);
            EXPECT_FALSE(e.truncated);
            EXPECT_EQ(e.tokens.size(), 129u);
            EXPECT_EQ(e.tokens.back(), text::kImEndId);
            EXPECT_EQ(e.tokens[static_cast<std::size_t>(e.input_end) - 1],
                      text::kImEndId);  // the user turn closes
            auto whole = encode_examples(tok(), "Task: triage", std::span(&ss[5], 1), 4096);
            ASSERT_TRUE(whole.ok());
            const auto &w = (*whole)[0];
            // The output is the same tokens as when nothing is cut.
            EXPECT_TRUE(std::equal(e.tokens.begin() + e.prompt_tokens, e.tokens.end(),
                                   w.tokens.begin() + w.prompt_tokens, w.tokens.end()));
        }
    }
    // A fixed prompt (the system text) that alone fills the context leaves nothing to learn: dropped.
    auto dropped = encode_examples(tok(), std::string(600, 's'), std::span(ss.data(), 2), 64, &st);
    ASSERT_TRUE(dropped.ok());
    EXPECT_EQ(st.dropped, 2);
    EXPECT_TRUE(dropped->empty());
}

TEST(TrainData, EpochPlanCoversEveryRowOnceDeterministically) {
    auto ss = samples(100, 2);
    auto ex = encode_examples(tok(), "Task: triage", ss, 256);
    ASSERT_TRUE(ex.ok());
    auto a = plan_epoch(*ex, 8, 42, 0);
    auto b = plan_epoch(*ex, 8, 42, 0);
    auto c = plan_epoch(*ex, 8, 42, 1);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ(a.size(), 13u);  // ceil(100 / 8)
    std::multiset<int32_t> seen;
    for (const auto &batch : a) {
        EXPECT_LE(batch.size(), 8u);
        seen.insert(batch.begin(), batch.end());
    }
    EXPECT_EQ(seen.size(), 100u);
    EXPECT_EQ(std::set<int32_t>(seen.begin(), seen.end()).size(), 100u);
}

TEST(TrainData, BucketingWastesLessPaddingThanRandomBatches) {
    auto ss = samples(256, 6);  // lengths vary by up to 60 characters
    auto ex = encode_examples(tok(), "Task: triage", ss, 256);
    ASSERT_TRUE(ex.ok());
    auto bucketed = plan_epoch(*ex, 16, 7, 0);
    // The same rows in plain shuffled order, cut into batches.
    std::vector<int32_t> order(ex->size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int32_t>(i);
    Rng rng{7};
    shuffle(order, rng);
    std::vector<std::vector<int32_t>> random;
    for (std::size_t i = 0; i < order.size(); i += 16)
        random.emplace_back(order.begin() + i, order.begin() + i + 16);
    const double w_bucket = padding_waste(*ex, bucketed);
    const double w_random = padding_waste(*ex, random);
    EXPECT_LT(w_bucket, w_random / 2) << w_bucket << " vs " << w_random;
    EXPECT_LT(w_bucket, 0.1);
}

TEST(TrainData, ValidationSplitIsSeededDisjointAndSized) {
    std::vector<int64_t> ids;
    for (int64_t i = 1; i <= 50; ++i)
        ids.push_back(i * 3);
    std::vector<int64_t> tr, va, tr2, va2, tr3, va3;
    split_train_val(ids, 0.1, 5, tr, va);
    auto reversed = ids;
    std::reverse(reversed.begin(), reversed.end());
    split_train_val(reversed, 0.1, 5, tr2, va2);  // input order does not matter
    split_train_val(ids, 0.1, 6, tr3, va3);
    EXPECT_EQ(va.size(), 5u);
    EXPECT_EQ(tr.size(), 45u);
    EXPECT_EQ(va, va2);
    EXPECT_EQ(tr, tr2);
    EXPECT_NE(va, va3);
    for (auto v : va)
        EXPECT_FALSE(std::binary_search(tr.begin(), tr.end(), v));
    split_train_val({1, 2, 3}, 0.0, 5, tr, va);
    EXPECT_TRUE(va.empty());
    EXPECT_EQ(tr.size(), 3u);
    split_train_val({1, 2, 3}, 0.01, 5, tr, va);
    EXPECT_EQ(va.size(), 1u);  // at least one when asked for any
}
