// The inference forward pass against core/model's training forward pass on the same weights and
// tokens (F32, tight tolerance); KV-cache decode against a full recompute (F32 and quantized files);
// GGUF loading of each type; and the sampler's options.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "export/gguf_student.h"
#include "infer/generate.h"
#include "infer/infer.h"
#include "support/temp_dir.h"

using namespace smolify;

namespace {

model::Config small_config(bool tied) {
    model::Config c;
    c.vocab = 300;
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 160;
    c.max_seq = 64;
    c.tied = tied;
    return c;
}

// A training model with weights large enough (std 0.2) that the logits differ clearly per token.
std::unique_ptr<model::Model> training_model(bool tied, uint64_t seed) {
    auto m = model::Model::create(small_config(tied), 1, 64);
    EXPECT_TRUE(m.ok());
    if (!m) return nullptr;
    (*m)->init_weights(seed);
    auto p = (*m)->params();
    for (const auto &t : (*m)->tensors())
        for (std::size_t i = 0; i < t.size; ++i)
            p[t.offset + i] = t.is_norm ? 1.0f + 0.1f * float(i % 7) : p[t.offset + i] * 10.0f;
    return std::move(*m);
}

std::vector<int32_t> some_tokens(int n, int vocab, uint32_t seed) {
    std::vector<int32_t> t(static_cast<std::size_t>(n));
    uint32_t s = seed;
    for (auto &x : t) {
        s = s * 1664525u + 1013904223u;
        x = int32_t((s >> 8) % uint32_t(vocab));
    }
    return t;
}

gguf::Vocabulary plain_vocab(int n) {
    gguf::Vocabulary v;
    for (int i = 0; i < n; ++i) {
        std::string piece = "p";
        piece += std::to_string(i);
        v.pieces.push_back(piece);
        v.scores.push_back(-float(i));
        v.types.push_back(gguf::TokenType::normal);
    }
    return v;
}

float max_abs(std::span<const float> x) {
    float m = 0;
    for (float v : x)
        m = std::max(m, std::fabs(v));
    return m;
}

}  // namespace

TEST(InferModel, F32ForwardMatchesTheTrainingForward) {
    for (bool tied : {true, false}) {
        SCOPED_TRACE(tied ? "tied" : "untied");
        auto net = training_model(tied, 7);
        ASSERT_TRUE(net);
        const auto tokens = some_tokens(40, net->config().vocab, 3);
        net->forward(tokens.data(), nullptr, 1, int(tokens.size()));
        const auto want = net->logits();
        ASSERT_GT(max_abs(want), 1.0f);  // the comparison means something

        auto m = infer::Model::from_weights(net->config(), net->params(), net->tensors());
        ASSERT_TRUE(m.ok()) << m.error().message;
        ASSERT_TRUE((*m)->eval(tokens, true).ok());
        const auto got = (*m)->logits();
        ASSERT_EQ(got.size(), want.size());
        const float tol = 1e-4f * max_abs(want);
        for (std::size_t i = 0; i < got.size(); ++i)
            ASSERT_NEAR(got[i], want[i], tol) << "logit " << i;
        EXPECT_EQ((*m)->position(), 40);

        // Only the last row when all_logits is off.
        (*m)->reset();
        ASSERT_TRUE((*m)->eval(tokens).ok());
        ASSERT_EQ((*m)->logits().size(), std::size_t(net->config().vocab));
        for (int i = 0; i < net->config().vocab; ++i)
            ASSERT_NEAR((*m)->logits()[std::size_t(i)],
                        want[39 * std::size_t(net->config().vocab) + std::size_t(i)], tol);
    }
}

// Decoding one token at a time against the cache gives the logits of running the whole sequence.
TEST(InferModel, CachedDecodeEqualsFullRecomputeForEveryType) {
    auto net = training_model(false, 11);
    ASSERT_TRUE(net);
    const auto &c = net->config();
    const auto tokens = some_tokens(30, c.vocab, 5);
    test::TempDir dir;
    for (auto type :
         {gguf::ExportType::f32, gguf::ExportType::f16, gguf::ExportType::q8_0, gguf::ExportType::q4_0}) {
        SCOPED_TRACE(std::string(gguf::export_type_name(type)));
        const auto path = dir / "m.gguf";
        gguf::StudentExportParams ep;
        ep.type = type;
        ASSERT_TRUE(
            gguf::export_student_gguf(path, c, net->params(), net->tensors(), plain_vocab(c.vocab), ep).ok());
        auto m = infer::Model::from_gguf(path);
        ASSERT_TRUE(m.ok()) << m.error().message;
        EXPECT_EQ(std::string(infer::weight_type_name((*m)->weight_type())), gguf::export_type_name(type));
        ASSERT_TRUE((*m)->eval(tokens, true).ok());
        const std::vector<float> full((*m)->logits().begin(), (*m)->logits().end());
        const float tol = 1e-5f * max_abs(full) + 1e-6f;

        (*m)->reset();
        const int split = 9;  // a prefill of 9, then one token at a time
        ASSERT_TRUE((*m)->eval(std::span(tokens).first(split)).ok());
        for (int t = split - 1; t < int(tokens.size()); ++t) {
            if (t >= split) {
                ASSERT_TRUE((*m)->eval(std::span(tokens).subspan(std::size_t(t), 1)).ok());
            }
            const auto row = (*m)->logits();
            ASSERT_EQ(row.size(), std::size_t(c.vocab));
            for (int i = 0; i < c.vocab; ++i)
                ASSERT_NEAR(row[std::size_t(i)], full[std::size_t(t) * c.vocab + std::size_t(i)], tol)
                    << "position " << t << " logit " << i;
        }
        // The quantized files track the F32 model (a loose bound: quantization error, not a bug).
        if (type == gguf::ExportType::q8_0) {
            net->forward(tokens.data(), nullptr, 1, int(tokens.size()));
            double err = 0, ref = 0;
            for (std::size_t i = 0; i < full.size(); ++i) {
                err += std::fabs(full[i] - net->logits()[i]);
                ref += std::fabs(net->logits()[i]);
            }
            EXPECT_LT(err / ref, 0.1);
        }
    }
}

TEST(InferModel, RefusesTokensOutsideTheVocabularyAndContextOverflow) {
    auto net = training_model(true, 1);
    ASSERT_TRUE(net);
    infer::LoadParams lp;
    lp.context = 16;
    auto m = infer::Model::from_weights(net->config(), net->params(), net->tensors(), lp);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ((*m)->context(), 16);
    const int32_t bad[] = {1, 300};
    auto s = (*m)->eval(bad);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("outside the vocabulary"), std::string::npos);
    EXPECT_EQ((*m)->position(), 0);
    const auto tokens = some_tokens(17, 300, 1);
    EXPECT_FALSE((*m)->eval(tokens).ok());
    EXPECT_TRUE((*m)->eval(std::span(tokens).first(16)).ok());
    EXPECT_FALSE((*m)->eval(std::span(tokens).first(1)).ok());
}

// ---- sampling ------------------------------------------------------------------------------------

TEST(InferSampling, GreedyPicksTheLargestLogitWithTiesToTheLowestId) {
    infer::Sampler s({});
    const std::vector<float> logits = {0.1f, 2.0f, -1.0f, 2.0f};
    EXPECT_EQ(s.sample(logits, {}), 1);
}

TEST(InferSampling, TemperatureDrawsFollowTheSoftmax) {
    infer::SamplingParams p;
    p.temperature = 1.0f;
    p.seed = 42;
    infer::Sampler s(p);
    const std::vector<float> logits = {std::log(0.5f), std::log(0.3f), std::log(0.2f)};
    std::map<int, int> count;
    const int n = 20000;
    for (int i = 0; i < n; ++i)
        ++count[s.sample(logits, {})];
    EXPECT_NEAR(count[0] / double(n), 0.5, 0.02);
    EXPECT_NEAR(count[1] / double(n), 0.3, 0.02);
    EXPECT_NEAR(count[2] / double(n), 0.2, 0.02);
}

TEST(InferSampling, TopKTopPAndMinPCutTheTail) {
    const std::vector<float> logits = {std::log(0.5f), std::log(0.3f), std::log(0.15f), std::log(0.05f)};
    auto drawn = [&](infer::SamplingParams p) {
        p.temperature = 1.0f;
        p.seed = 9;
        infer::Sampler s(p);
        std::map<int, int> count;
        for (int i = 0; i < 4000; ++i)
            ++count[s.sample(logits, {})];
        return count;
    };
    infer::SamplingParams p;
    p.top_k = 2;
    auto c = drawn(p);
    EXPECT_GT(c[0], 0);
    EXPECT_GT(c[1], 0);
    EXPECT_EQ(c[2] + c[3], 0);
    p = {};
    p.top_p = 0.75f;  // 0.5 + 0.3 reaches it
    c = drawn(p);
    EXPECT_GT(c[1], 0);
    EXPECT_EQ(c[2] + c[3], 0);
    p = {};
    p.min_p = 0.25f;  // keeps p >= 0.125: ids 0, 1, 2
    c = drawn(p);
    EXPECT_GT(c[2], 0);
    EXPECT_EQ(c[3], 0);
    p = {};  // nothing cut: every id drawn
    c = drawn(p);
    EXPECT_GT(c[3], 0);
}

TEST(InferSampling, RepetitionPenaltyDemotesRecentTokens) {
    const std::vector<float> logits = {1.0f, 0.9f, -0.5f};
    infer::SamplingParams p;
    EXPECT_EQ(infer::Sampler(p).sample(logits, std::vector<int32_t>{0}), 0);
    p.repeat_penalty = 1.5f;
    EXPECT_EQ(infer::Sampler(p).sample(logits, std::vector<int32_t>{0}), 1);
    p.repeat_last_n = 1;  // token 0 is outside the window
    EXPECT_EQ(infer::Sampler(p).sample(logits, std::vector<int32_t>{0, 2}), 0);
}

TEST(InferGenerate, GreedyIsDeterministicSeedsReproduceAndStopTokensStop) {
    auto net = training_model(true, 3);
    ASSERT_TRUE(net);
    auto m = infer::Model::from_weights(net->config(), net->params(), net->tensors());
    ASSERT_TRUE(m.ok());
    const auto prompt = some_tokens(6, 300, 8);
    infer::GenerateParams gp;
    gp.max_tokens = 20;
    auto a = infer::generate(**m, prompt, gp);
    auto b = infer::generate(**m, prompt, gp);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->tokens.size(), 20u);
    EXPECT_EQ(a->stop_reason, "length");
    EXPECT_EQ(a->tokens, b->tokens);
    EXPECT_GT(std::set<int32_t>(a->tokens.begin(), a->tokens.end()).size(), 3u);  // not one token repeated

    // top-k 1 at any temperature is greedy.
    infer::GenerateParams k1 = gp;
    k1.sampling.temperature = 1.5f;
    k1.sampling.top_k = 1;
    k1.sampling.seed = 77;
    auto k = infer::generate(**m, prompt, k1);
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(k->tokens, a->tokens);

    // A seed reproduces its draws; another seed draws differently.
    infer::GenerateParams hot = gp;
    hot.sampling.temperature = 2.0f;
    hot.sampling.seed = 1;
    auto s1 = infer::generate(**m, prompt, hot);
    auto s1b = infer::generate(**m, prompt, hot);
    hot.sampling.seed = 2;
    auto s2 = infer::generate(**m, prompt, hot);
    ASSERT_TRUE(s1.ok() && s1b.ok() && s2.ok());
    EXPECT_EQ(s1->tokens, s1b->tokens);
    EXPECT_NE(s1->tokens, s2->tokens);
    EXPECT_NE(s1->tokens, a->tokens);

    // A stop token ends generation before it and is not returned; the callback sees each token.
    infer::GenerateParams stop = gp;
    stop.stop_tokens = {a->tokens[5]};
    std::vector<int32_t> streamed;
    stop.on_token = [&](int32_t t) {
        streamed.push_back(t);
        return true;
    };
    auto st = infer::generate(**m, prompt, stop);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->stop_reason, "stop");
    const auto first = std::find(a->tokens.begin(), a->tokens.end(), a->tokens[5]) - a->tokens.begin();
    EXPECT_EQ(st->tokens, std::vector<int32_t>(a->tokens.begin(), a->tokens.begin() + first));
    EXPECT_EQ(streamed, st->tokens);

    // The callback and the cancel flag stop it too.
    infer::GenerateParams cb = gp;
    cb.on_token = [](int32_t) { return false; };
    auto one = infer::generate(**m, prompt, cb);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->tokens.size(), 1u);
    EXPECT_EQ(one->stop_reason, "callback");
    std::atomic<bool> cancel{true};
    infer::GenerateParams cc = gp;
    cc.cancel = &cancel;
    auto none = infer::generate(**m, prompt, cc);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->tokens.empty());
    EXPECT_EQ(none->stop_reason, "cancelled");
}
