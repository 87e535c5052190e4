// The whole student model: configuration and presets, the tensor table export relies on, a
// finite-difference check of every tensor's gradient, determinism, and memorising a small batch.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "gradcheck.h"
#include "model/model.h"

namespace smolify::model {
namespace {

Config tiny_config(bool tied) {
    Config c;
    c.vocab = 37;
    c.dim = 32;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 64;
    c.max_seq = 16;
    c.tied = tied;
    return c;
}

std::unique_ptr<Model> make(const Config &c, int B, int T) {
    auto m = Model::create(c, B, T);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? std::move(*m) : nullptr;
}

TEST(ModelConfig, ValidateNamesTheBadField) {
    struct Case {
        void (*change)(Config &);
        const char *field;
    };
    const Case cases[] = {
        {[](Config &c) { c.dim = 100; }, "dim"},
        {[](Config &c) { c.dim = 0; }, "dim"},
        {[](Config &c) { c.heads = 3; }, "heads"},
        {[](Config &c) { c.kv_heads = 3; }, "kv_heads"},
        {[](Config &c) { c.kv_heads = 0; }, "kv_heads"},
        {[](Config &c) { c.ffn = 700; }, "ffn"},
        {[](Config &c) { c.layers = 0; }, "layers"},
        {[](Config &c) { c.vocab = 1; }, "vocab"},
        {[](Config &c) { c.max_seq = 0; }, "max_seq"},
        {[](Config &c) { c.rope_theta = -1.0f; }, "rope_theta"},
        {[](Config &c) { c.norm_eps = 0.0f; }, "norm_eps"},
        {[](Config &c) {
             c.heads = 32;
             c.kv_heads = 8;
             c.dim = 32;
         },
         "heads"},  // head size 1: odd
    };
    EXPECT_TRUE(Config{}.validate().ok());
    for (const auto &k : cases) {
        Config c;
        k.change(c);
        Status s = c.validate();
        ASSERT_FALSE(s.ok()) << k.field;
        EXPECT_EQ(s.error().kind, ErrorKind::user);
        EXPECT_NE(s.error().message.find(k.field), std::string::npos) << s.error().message;
        EXPECT_FALSE(Model::create(c, 1, 8).ok());
    }
}

TEST(ModelConfig, JsonRoundTripAndBadJson) {
    Config c = tiny_config(false);
    c.rope_theta = 500000.0f;
    auto back = Config::from_json(c.to_json());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->to_json(), c.to_json());
    EXPECT_FALSE(back->tied);
    auto j = c.to_json();
    j["dim"] = "wide";
    EXPECT_EQ(Config::from_json(j).error().kind, ErrorKind::user);
    j = c.to_json();
    j["heads"] = 5;  // does not divide 32
    EXPECT_FALSE(Config::from_json(j).ok());
    EXPECT_FALSE(Config::from_json(nlohmann::json::array()).ok());
}

TEST(ModelConfig, PresetsAndCounts) {
    // The benchmark shape: 4 layers x (4 x 256^2 + 3 x 256 x 704 + 2 x 256) + 4096 x 256 + 256.
    Config c;
    EXPECT_EQ(c.parameter_count(), 4 * (4 * 65536 + 3 * 256 * 704 + 512) + 4096 * 256 + 256);
    EXPECT_DOUBLE_EQ(c.train_flops_per_token(256),
                     6.0 * (4 * (4 * 65536 + 3 * 256 * 704) + 4096 * 256) + 6.0 * 4 * 256 * 256);
    const std::pair<const char *, double> expected[] = {{"tiny", 2e6}, {"small", 6e6}, {"base", 20e6}};
    auto micro = preset("micro", 4096);
    ASSERT_TRUE(micro.ok());
    EXPECT_LT(micro->parameter_count(), preset("tiny", 4096)->parameter_count());
    for (auto [name, params] : expected) {
        auto p = preset(name, 4096);
        ASSERT_TRUE(p.ok()) << name;
        EXPECT_NEAR(double(p->parameter_count()), params, 0.15 * params) << name;
        EXPECT_EQ(p->dim % 32, 0);
        EXPECT_EQ(p->ffn % 32, 0);
    }
    EXPECT_EQ(preset_names().size(), 4u);
    EXPECT_EQ(preset_names().front(), "micro");  // smallest first: the auto preset walks them in order
    EXPECT_EQ(preset("huge", 4096).error().kind, ErrorKind::user);
    EXPECT_FALSE(preset("tiny", 0).ok());
    EXPECT_FALSE(Model::create(Config{}, 1, 257).ok());  // longer than max_seq
    EXPECT_FALSE(Model::create(Config{}, 0, 8).ok());
}

TEST(ModelTensors, TableCoversParametersInGgufNames) {
    for (bool tied : {true, false}) {
        auto m = make(tiny_config(tied), 1, 8);
        ASSERT_TRUE(m);
        std::size_t next = 0;
        for (const auto &t : m->tensors()) {
            EXPECT_EQ(t.offset, next) << t.name;
            std::size_t n = 1;
            for (auto d : t.shape)
                n *= std::size_t(d);
            EXPECT_EQ(n, t.size);
            next += t.size;
        }
        EXPECT_EQ(next, m->params().size());
        EXPECT_EQ(m->params().size(), std::size_t(m->config().parameter_count()));
        ASSERT_NE(m->tensor("blk.1.attn_k.weight"), nullptr);
        EXPECT_EQ(m->tensor("blk.1.attn_k.weight")->shape, (std::vector<int64_t>{16, 32}));  // [out][in]
        EXPECT_EQ(m->tensor("blk.0.ffn_down.weight")->shape, (std::vector<int64_t>{32, 64}));
        EXPECT_TRUE(m->tensor("output_norm.weight")->is_norm);
        EXPECT_EQ(m->tensor("output.weight") != nullptr, !tied);
        EXPECT_EQ(m->tensors().size(), 1u + 2 * 9 + 1 + (tied ? 0 : 1));
    }
}

// Every tensor's gradient against central differences of the whole model's loss. The weights are
// scaled up from the 0.02 initialisation so that gradients stand well above float rounding.
// With `dropout` the residual branches drop a fixed mask (the same seed on every forward).
void check_whole_model(bool tied, float dropout = 0.0f, bool sparse_head = false) {
    const Config c = tiny_config(tied);
    const int B = 2, T = 11;
    auto m = make(c, B, T);
    ASSERT_TRUE(m);
    m->set_threads(2);
    m->init_weights(42);
    m->set_dropout(dropout, 99);
    m->set_sparse_head(sparse_head);
    std::vector<float> noise(m->params().size());
    testing::fill_uniform(noise, 7, 0.3f);
    for (const auto &t : m->tensors())
        for (std::size_t i = 0; i < t.size; ++i)
            m->params()[t.offset + i] =
                t.is_norm ? 1.0f + noise[t.offset + i] : 10.0f * m->params()[t.offset + i];
    std::vector<int32_t> tokens(B * T), targets(B * T);
    for (int i = 0; i < B * T; ++i) {
        tokens[i] = (i * 7 + 3) % c.vocab;
        targets[i] = (i % 5 == 2) ? -1 : (i * 11 + 1) % c.vocab;
    }
    m->zero_grad();
    const float l0 = m->forward(tokens.data(), targets.data(), B, T);
    EXPECT_TRUE(std::isfinite(l0));
    m->backward();
    const std::vector<float> grads(m->grads().begin(), m->grads().end());
    auto loss = [&] { return double(m->forward(tokens.data(), targets.data(), B, T)); };
    for (const auto &t : m->tensors()) {
        auto s = testing::check_gradient(t.name, m->params().data() + t.offset, t.size,
                                         grads.data() + t.offset, loss, 6, 1e-2f, 3e-4, 3e-2);
        EXPECT_GT(s.max_abs_analytic, 1e-4) << t.name << ": a gradient this small checks nothing";
    }
}

TEST(ModelGradients, WholeTiedModelMatchesFiniteDifferences) {
    check_whole_model(true);
}
TEST(ModelGradients, WholeUntiedModelMatchesFiniteDifferences) {
    check_whole_model(false);
}
TEST(ModelGradients, WithDropoutAndASparseHeadMatchesFiniteDifferences) {
    check_whole_model(true, 0.3f, true);
    check_whole_model(false, 0.3f, false);
}

// Dropout changes a training forward's loss with its seed, never one without targets (inference), and
// off again it is exactly the plain model.
TEST(ModelForward, DropoutFollowsItsSeedAndOnlyInTraining) {
    const Config c = tiny_config(true);
    const int B = 2, T = 8;
    auto m = make(c, B, T);
    ASSERT_TRUE(m);
    m->init_weights(5);
    std::vector<int32_t> tok(B * T), tgt(B * T);
    for (int i = 0; i < B * T; ++i) {
        tok[i] = (i * 3 + 1) % c.vocab;
        tgt[i] = (i * 5 + 2) % c.vocab;
    }
    const float plain = m->forward(tok.data(), tgt.data(), B, T);
    m->forward(tok.data(), nullptr, B, T);
    const std::vector<float> logits(m->logits().begin(), m->logits().end());
    m->set_dropout(0.5f, 1);
    const float a = m->forward(tok.data(), tgt.data(), B, T);
    const float a2 = m->forward(tok.data(), tgt.data(), B, T);
    m->set_dropout(0.5f, 2);
    const float b = m->forward(tok.data(), tgt.data(), B, T);
    EXPECT_EQ(a, a2);
    EXPECT_NE(a, plain);
    EXPECT_NE(a, b);
    m->forward(tok.data(), nullptr, B, T);
    EXPECT_EQ(std::vector<float>(m->logits().begin(), m->logits().end()), logits);
    m->set_dropout(0.0f, 0);
    EXPECT_EQ(m->forward(tok.data(), tgt.data(), B, T), plain);
}

TEST(ModelGradients, BackwardAccumulatesAndZeroGradClears) {
    const Config c = tiny_config(true);
    auto m = make(c, 1, 8);
    ASSERT_TRUE(m);
    std::vector<int32_t> tok{1, 2, 3, 4, 5, 6, 7, 8}, tgt{2, 3, 4, 5, 6, 7, 8, 9};
    m->zero_grad();
    m->forward(tok.data(), tgt.data(), 1, 8);
    m->backward();
    const std::vector<float> once(m->grads().begin(), m->grads().end());
    m->forward(tok.data(), tgt.data(), 1, 8);
    m->backward();
    for (std::size_t i = 0; i < once.size(); i += 97)
        EXPECT_FLOAT_EQ(m->grads()[i], 2.0f * once[i]);
    m->zero_grad();
    for (float g : m->grads())
        ASSERT_EQ(g, 0.0f);
}

TEST(ModelForward, RejectsBadShapesWithoutTouchingMemory) {
    auto m = make(tiny_config(true), 2, 8);
    ASSERT_TRUE(m);
    std::vector<int32_t> tok(3 * 9, 1);
    EXPECT_TRUE(std::isnan(m->forward(tok.data(), tok.data(), 3, 8)));  // batch too large
    EXPECT_TRUE(std::isnan(m->forward(tok.data(), tok.data(), 1, 9)));  // sequence too long
    EXPECT_TRUE(std::isnan(m->forward(nullptr, nullptr, 1, 4)));
    // Out-of-range tokens read zeros and out-of-range targets are not counted: finite either way.
    std::vector<int32_t> odd{-5, 1000, 2, 3}, tgt{1, 1000, -1, 2};
    const float l = m->forward(odd.data(), tgt.data(), 1, 4);
    EXPECT_TRUE(std::isfinite(l));
    EXPECT_GT(l, 0.0f);
    EXPECT_EQ(m->logits().size(), 4u * 37u);
}

// The sparse head (only the counted positions meet the output head) computes the dense head's
// loss, row losses and gradients, for plain and weighted targets, and keeps the counted rows' logits.
TEST(ModelForward, SparseHeadMatchesTheDenseOne) {
    for (bool tied : {true, false})
        for (bool weighted : {false, true}) {
            SCOPED_TRACE(std::string(tied ? "tied" : "untied") + (weighted ? ", weighted" : ""));
            const Config c = tiny_config(tied);
            const int B = 3, T = 8, N = B * T;
            auto dense = make(c, B, T), sparse = make(c, B, T);
            ASSERT_TRUE(dense && sparse);
            dense->init_weights(11);
            sparse->init_weights(11);
            sparse->set_sparse_head(true);
            std::vector<int32_t> tok(N), tgt(N, -1);
            std::vector<float> w(N, 0.0f);
            for (int i = 0; i < N; ++i)
                tok[i] = (i * 7 + 3) % c.vocab;
            // A few counted positions, scattered; one with a target but no weight.
            for (int i : {2, 5, 6, 13, 20, 23}) {
                tgt[i] = (i * 5 + 1) % c.vocab;
                w[i] = i == 13 ? 0.0f : 0.5f + 0.1f * float(i % 3);
            }
            const float *wp = weighted ? w.data() : nullptr;
            dense->zero_grad();
            sparse->zero_grad();
            const float ld = dense->forward(tok.data(), tgt.data(), wp, B, T);
            const float ls = sparse->forward(tok.data(), tgt.data(), wp, B, T);
            EXPECT_NEAR(ld, ls, 1e-5f * std::fabs(ld));
            const std::vector<int32_t> want_rows =
                weighted ? std::vector<int32_t>{2, 5, 6, 20, 23} : std::vector<int32_t>{2, 5, 6, 13, 20, 23};
            ASSERT_EQ(std::vector<int32_t>(sparse->head_rows().begin(), sparse->head_rows().end()),
                      want_rows);
            ASSERT_EQ(sparse->logits().size(), want_rows.size() * std::size_t(c.vocab));
            for (std::size_t k = 0; k < want_rows.size(); ++k)
                for (int v = 0; v < c.vocab; v += 5)
                    EXPECT_NEAR(sparse->logits()[k * c.vocab + v],
                                dense->logits()[std::size_t(want_rows[k]) * c.vocab + v], 1e-5f);
            for (int i = 0; i < N; ++i)
                EXPECT_NEAR(sparse->row_losses()[i], dense->row_losses()[i], 1e-5f);
            dense->backward();
            sparse->backward();
            double diff = 0, norm = 0;
            for (std::size_t i = 0; i < dense->grads().size(); ++i) {
                diff = std::max(diff, double(std::fabs(dense->grads()[i] - sparse->grads()[i])));
                norm = std::max(norm, double(std::fabs(dense->grads()[i])));
            }
            EXPECT_GT(norm, 0.0);
            EXPECT_LT(diff, 1e-5 * norm + 1e-8);
            // Without targets the head is dense again.
            sparse->forward(tok.data(), nullptr, B, T);
            EXPECT_TRUE(sparse->head_rows().empty());
            EXPECT_EQ(sparse->logits().size(), std::size_t(N) * c.vocab);
        }
}

std::vector<float> run_steps(int threads, int steps, std::vector<float> *losses) {
    const Config c = tiny_config(true);
    auto m = make(c, 3, 16);
    m->set_threads(threads);
    m->init_weights(7);
    std::vector<int32_t> tok(48), tgt(48);
    for (int i = 0; i < 48; ++i) {
        tok[i] = (i * 13 + 5) % c.vocab;
        tgt[i] = (i * 17 + 2) % c.vocab;
    }
    for (int s = 0; s < steps; ++s) {
        m->zero_grad();
        losses->push_back(m->forward(tok.data(), tgt.data(), 3, 16));
        m->backward();
        auto p = m->params();
        auto g = m->grads();
        for (std::size_t i = 0; i < p.size(); ++i)
            p[i] -= 0.5f * g[i];
    }
    return {m->params().begin(), m->params().end()};
}

TEST(ModelDeterminism, SameSeedSameThreadsSameBits) {
    for (int threads : {1, 2}) {
        std::vector<float> la, lb;
        const auto pa = run_steps(threads, 4, &la), pb = run_steps(threads, 4, &lb);
        ASSERT_EQ(la.size(), lb.size());
        for (std::size_t i = 0; i < la.size(); ++i)
            EXPECT_EQ(std::memcmp(&la[i], &lb[i], sizeof(float)), 0);
        EXPECT_EQ(std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(float)), 0);
        EXPECT_LT(la.back(), la.front());  // the plain updates did something
    }
    // Another thread count slices differently but computes the same model.
    std::vector<float> l1, l2;
    run_steps(1, 4, &l1);
    run_steps(2, 4, &l2);
    for (std::size_t i = 0; i < l1.size(); ++i)
        EXPECT_NEAR(l1[i], l2[i], 1e-4f * std::fabs(l1[i]));
}

// A small model learns a fixed batch by heart: plain Adam (the test's own few lines), 300 steps.
TEST(ModelTraining, MemorisesASmallBatch) {
    Config c = tiny_config(true);
    c.vocab = 64;
    c.dim = 64;
    c.ffn = 128;
    const int B = 4, T = 16;
    auto m = make(c, B, T);
    ASSERT_TRUE(m);
    m->set_threads(2);
    m->init_weights(3);
    std::vector<int32_t> seq(B * (T + 1));
    uint64_t s = 12345;
    for (auto &t : seq) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        t = int32_t((s >> 33) % uint64_t(c.vocab));
    }
    std::vector<int32_t> tok(B * T), tgt(B * T);
    for (int b = 0; b < B; ++b)
        for (int t = 0; t < T; ++t) {
            tok[b * T + t] = seq[b * (T + 1) + t];
            tgt[b * T + t] = seq[b * (T + 1) + t + 1];
        }
    const std::size_t n = m->params().size();
    std::vector<float> mom(n, 0.0f), vel(n, 0.0f);
    float first = 0.0f, last = 0.0f;
    for (int step = 1; step <= 300; ++step) {
        m->zero_grad();
        last = m->forward(tok.data(), tgt.data(), B, T);
        if (step == 1) first = last;
        m->backward();
        auto p = m->params();
        auto g = m->grads();
        const float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f;
        const float c1 = 1.0f - std::pow(b1, float(step)), c2 = 1.0f - std::pow(b2, float(step));
        for (std::size_t i = 0; i < n; ++i) {
            mom[i] = b1 * mom[i] + (1 - b1) * g[i];
            vel[i] = b2 * vel[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (mom[i] / c1) / (std::sqrt(vel[i] / c2) + 1e-8f);
        }
    }
    EXPECT_NEAR(first, std::log(64.0f), 0.3f);  // starts at chance
    EXPECT_LT(last, 0.05f);
}

}  // namespace
}  // namespace smolify::model
