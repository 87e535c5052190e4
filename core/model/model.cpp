// The student model: the tensor table, the three allocations (parameters, gradients, activations)
// and the forward and backward passes that run the layers of ops.cpp over them. See model.h for the
// contract and docs/model.md for the layout. Thread-safety: one Model is used by one thread at a time.
#include "model/model.h"
#include "util/hash.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>

#include <cblas.h>

#include "model/ops.h"

namespace smolify::model {

namespace {

using std::size_t;

// 64-byte aligned float block: one cache line, one AVX-512 register.
struct FloatBlock {
    float *data = nullptr;
    size_t size = 0;
    FloatBlock() = default;
    FloatBlock(const FloatBlock &) = delete;
    FloatBlock &operator=(const FloatBlock &) = delete;
    ~FloatBlock() { ::operator delete[](data, std::align_val_t(64), std::nothrow); }
    bool allocate(size_t n) {
        data = static_cast<float *>(::operator new[](n * sizeof(float), std::align_val_t(64), std::nothrow));
        size = data ? n : 0;
        if (data) std::memset(data, 0, n * sizeof(float));  // touch now: the first step is not slower
        return data != nullptr;
    }
};

// Rounds a float count up to a cache line so every buffer starts aligned.
size_t pad16(size_t n) {
    return (n + 15) / 16 * 16;
}

// splitmix64 and Box-Muller: the same weights for a seed on every platform (std::normal_distribution
// is implementation-defined).
struct Rng {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return (double(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }  // (0, 1)
    double normal() {
        const double u1 = uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
};

// Offsets (in floats) of one layer's parameters; q, k, v are adjacent (one fused matrix of
// (C + 2 KV) rows) and so are gate and up (one matrix of 2F rows).
struct LayerParams {
    size_t attn_norm, qkv, attn_out, ffn_norm, gate_up, down;
};

// Offsets of one layer's activations in the activation block, for max_batch x max_seq rows.
struct LayerActs {
    size_t x;      // (N, C) the residual stream entering the layer
    size_t xn1;    // (N, C) attention RMSNorm output
    size_t rstd1;  // (N)
    size_t qkv;    // (N, C + 2 KV) after RoPE
    size_t probs;  // (B, H, T, T)
    size_t att;    // (N, C) attention output before the projection
    size_t xmid;   // (N, C) residual after attention
    size_t xn2;    // (N, C)
    size_t rstd2;  // (N)
    size_t gu;     // (N, 2F) gate then up
    size_t h;      // (N, F) silu(gate) * up
};

// A small batch runs on one thread: each layer opens several parallel regions, and on a busy machine
// a barrier that waits for a descheduled thread costs more than the work it splits.
int effective_threads(int threads, int N, int C) {
    return int64_t(N) * C < 32768 ? 1 : threads;
}

enum Phase { kEmbedding, kNorm, kMatmul, kRope, kAttention, kSwiglu, kResidual, kLoss, kPhaseCount };
constexpr std::array<const char *, kPhaseCount> kPhaseNames{"embedding", "rmsnorm", "matmul",   "rope",
                                                            "attention", "swiglu",  "residual", "loss"};

}  // namespace

struct Model::Impl {
    Config cfg;
    int max_batch = 0, max_seq = 0;
    int threads = 1, max_threads = 1;
    std::vector<TensorInfo> tensors;
    std::vector<LayerParams> lp;
    size_t p_embd = 0, p_out_norm = 0, p_out = 0;  // p_out == p_embd when tied
    FloatBlock params, grads, acts;

    std::vector<LayerActs> la;
    size_t a_xfinal = 0, a_xnf = 0, a_rstdf = 0, a_logits = 0, a_probs = 0, a_rowloss = 0;
    size_t a_dres = 0, a_dxn = 0, a_dqkv = 0, a_datt = 0, a_dgu = 0, a_dh = 0;
    size_t a_attn_scratch = 0, a_norm_scratch = 0, a_cos = 0, a_sin = 0;
    std::vector<int32_t> tokens, targets;  // copies of the last batch, B x T
    std::vector<float> weights;            // B x T, when the last forward was weighted
    bool weighted = false;
    double weight_sum = 0;
    bool sparse_head = false;
    float dropout = 0.0f;
    uint64_t dropout_seed = 0;
    float drop_last = 0.0f;  // the rate of the last forward(), which backward() follows
    // Multiplies a branch output (N x C) by its dropout mask: 0 or 1 / (1 - rate) per element.
    void drop(float *v, size_t n, int layer, int branch, float rate, int nt) const {
        const uint64_t threshold = uint64_t(double(rate) * 18446744073709551616.0);
        const uint64_t key = mix64(dropout_seed ^ mix64(uint64_t(layer) * 2 + uint64_t(branch) + 1));
        const float keep = 1.0f / (1.0f - rate);
#pragma omp parallel for num_threads(nt) schedule(static)
        for (size_t i = 0; i < n; ++i)
            v[i] = mix64(key + i) < threshold ? 0.0f : v[i] * keep;
    }
    std::vector<int32_t> head_rows;  // the last forward's head rows when sparse; empty: all

    // The last forward().
    int B = 0, T = 0, count = 0;
    bool have_targets = false;

    bool profiling = false;
    std::array<double, kPhaseCount> prof{};
    std::chrono::steady_clock::time_point lap_start;
    // Charges the time since the previous lap to `phase`.
    void lap(Phase phase) {
        if (!profiling) return;
        const auto now = std::chrono::steady_clock::now();
        prof[phase] += std::chrono::duration<double>(now - lap_start).count();
        lap_start = now;
    }
    void lap_reset() {
        if (profiling) lap_start = std::chrono::steady_clock::now();
    }

    float *P(size_t off) {
        return params.data + off;
    }
    float *G(size_t off) {
        return grads.data + off;
    }
    float *A(size_t off) {
        return acts.data + off;
    }
};

Model::Model() : m(std::make_unique<Impl>()) {}
Model::~Model() = default;

Result<std::unique_ptr<Model>> Model::create(const Config &config, int max_batch, int max_seq) {
    if (Status s = config.validate(); !s) return s.error();
    if (max_batch < 1 || max_batch > 1 << 16)
        return user_error("model: batch size must be between 1 and 65536");
    if (max_seq < 1 || max_seq > config.max_seq)
        return user_error("model: sequence length must be between 1 and the model's context length (" +
                          std::to_string(config.max_seq) + ")");
    if (int64_t(max_batch) * max_seq * std::max(config.vocab, config.ffn * 2) > (int64_t(1) << 40))
        return user_error("model: batch x sequence x vocabulary is too large to hold in memory");

    std::unique_ptr<Model> model(new Model());
    Impl &m = *model->m;
    m.cfg = config;
    m.max_batch = max_batch;
    m.max_seq = max_seq;
    const size_t C = config.dim, KV = config.kv_dim(), F = config.ffn, V = config.vocab, L = config.layers;

    // Parameters, in GGUF naming and in the order export writes them.
    size_t off = 0;
    auto add = [&](std::string name, std::vector<int64_t> shape, bool is_norm) {
        TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.size = 1;
        for (int64_t d : t.shape)
            t.size *= size_t(d);
        t.offset = off;
        t.is_norm = is_norm;
        off += t.size;  // every size is a multiple of 32: offsets stay aligned, fused pairs stay adjacent
        m.tensors.push_back(std::move(t));
        return m.tensors.back().offset;
    };
    m.p_embd = add("token_embd.weight", {int64_t(V), int64_t(C)}, false);
    for (size_t l = 0; l < L; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        LayerParams p{};
        p.attn_norm = add(b + "attn_norm.weight", {int64_t(C)}, true);
        p.qkv = add(b + "attn_q.weight", {int64_t(C), int64_t(C)}, false);
        add(b + "attn_k.weight", {int64_t(KV), int64_t(C)}, false);
        add(b + "attn_v.weight", {int64_t(KV), int64_t(C)}, false);
        p.attn_out = add(b + "attn_output.weight", {int64_t(C), int64_t(C)}, false);
        p.ffn_norm = add(b + "ffn_norm.weight", {int64_t(C)}, true);
        p.gate_up = add(b + "ffn_gate.weight", {int64_t(F), int64_t(C)}, false);
        add(b + "ffn_up.weight", {int64_t(F), int64_t(C)}, false);
        p.down = add(b + "ffn_down.weight", {int64_t(C), int64_t(F)}, false);
        m.lp.push_back(p);
    }
    m.p_out_norm = add("output_norm.weight", {int64_t(C)}, true);
    m.p_out = config.tied ? m.p_embd : add("output.weight", {int64_t(V), int64_t(C)}, false);
    if (off != size_t(config.parameter_count()))
        return internal_error("model: tensor table disagrees with parameter_count()");

    // Activations for max_batch x max_seq rows.
    const size_t N = size_t(max_batch) * size_t(max_seq), T = size_t(max_seq);
    const size_t QKV = C + 2 * KV, H = size_t(config.heads);
    m.max_threads = std::max(1, std::max(omp_get_num_procs(), omp_get_max_threads()));
    size_t a = 0;
    auto take = [&](size_t n) {
        const size_t at = a;
        a += pad16(n);
        return at;
    };
    for (size_t l = 0; l < L; ++l) {
        LayerActs s{};
        s.x = take(N * C);
        s.xn1 = take(N * C);
        s.rstd1 = take(N);
        s.qkv = take(N * QKV);
        s.probs = take(size_t(max_batch) * H * T * T);
        s.att = take(N * C);
        s.xmid = take(N * C);
        s.xn2 = take(N * C);
        s.rstd2 = take(N);
        s.gu = take(N * 2 * F);
        s.h = take(N * F);
        m.la.push_back(s);
    }
    m.a_xfinal = take(N * C);
    m.a_xnf = take(N * C);
    m.a_rstdf = take(N);
    m.a_logits = take(N * V);
    m.a_probs = take(N * V);
    m.a_rowloss = take(N);
    m.a_dres = take(N * C);
    m.a_dxn = take(N * C);
    m.a_dqkv = take(N * QKV);
    m.a_datt = take(N * C);
    m.a_dgu = take(N * 2 * F);
    m.a_dh = take(N * F);
    m.a_attn_scratch = take(size_t(m.max_threads) * T * T);
    m.a_norm_scratch = take(size_t(m.max_threads) * C);
    m.a_cos = take(T * size_t(config.head_dim() / 2));
    m.a_sin = take(T * size_t(config.head_dim() / 2));

    if (!m.params.allocate(off) || !m.grads.allocate(off) || !m.acts.allocate(a))
        return user_error("model: not enough memory for " + std::to_string((2 * off + a) * 4 / (1 << 20)) +
                          " MiB of parameters, gradients and activations; use a smaller batch or model");
    m.tokens.assign(N, 0);
    m.targets.assign(N, -1);
    m.weights.assign(N, 0.0f);
    ops::rope_tables(m.A(m.a_cos), m.A(m.a_sin), max_seq, config.head_dim(), config.rope_theta);
    model->set_threads(0);
    model->init_weights(0);
    return model;
}

const Config &Model::config() const {
    return m->cfg;
}
int Model::max_batch() const {
    return m->max_batch;
}
int Model::max_seq() const {
    return m->max_seq;
}
std::span<float> Model::params() {
    return {m->params.data, m->params.size};
}
std::span<const float> Model::params() const {
    return {m->params.data, m->params.size};
}
std::span<float> Model::grads() {
    return {m->grads.data, m->grads.size};
}
const std::vector<TensorInfo> &Model::tensors() const {
    return m->tensors;
}

const TensorInfo *Model::tensor(std::string_view name) const {
    for (const auto &t : m->tensors)
        if (t.name == name) return &t;
    return nullptr;
}

void Model::init_weights(uint64_t seed) {
    Rng rng{seed};
    const float out_scale = 1.0f / std::sqrt(2.0f * float(m->cfg.layers));
    for (const auto &t : m->tensors) {
        float *w = m->P(t.offset);
        if (t.is_norm) {
            std::fill(w, w + t.size, 1.0f);
            continue;
        }
        const bool projection_out =
            t.name.ends_with("attn_output.weight") || t.name.ends_with("ffn_down.weight");
        const double sd = 0.02 * (projection_out ? out_scale : 1.0f);
        for (size_t i = 0; i < t.size; ++i)
            w[i] = float(rng.normal() * sd);
    }
}

void Model::set_threads(int threads) {
    const int procs = std::max(1, omp_get_num_procs());
    m->threads = std::clamp(threads <= 0 ? procs : threads, 1, m->max_threads);
}

int Model::threads() const {
    return m->threads;
}
void Model::set_profiling(bool on) {
    m->profiling = on;
}
void Model::reset_profile() {
    m->prof.fill(0.0);
}

std::vector<std::pair<std::string, double>> Model::profile() const {
    std::vector<std::pair<std::string, double>> out;
    for (int i = 0; i < kPhaseCount; ++i)
        out.emplace_back(kPhaseNames[size_t(i)], m->prof[size_t(i)]);
    return out;
}

void Model::zero_grad() {
    std::memset(m->grads.data, 0, m->grads.size * sizeof(float));
}

std::span<const float> Model::logits() const {
    const size_t rows = m->head_rows.empty() ? size_t(m->B) * size_t(m->T) : m->head_rows.size();
    return {m->acts.data + m->a_logits, rows * size_t(m->cfg.vocab)};
}

void Model::set_sparse_head(bool on) {
    m->sparse_head = on;
}

void Model::set_dropout(float rate, uint64_t seed) {
    m->dropout = std::isfinite(rate) ? std::clamp(rate, 0.0f, 0.9f) : 0.0f;
    m->dropout_seed = seed;
}

std::span<const int32_t> Model::head_rows() const {
    return m->head_rows;
}

float Model::forward(const int32_t *tokens, const int32_t *targets, int B, int T) {
    return forward(tokens, targets, nullptr, B, T);
}

std::span<const float> Model::row_losses() const {
    return {m->acts.data + m->a_rowloss, size_t(m->B) * size_t(m->T)};
}

float Model::forward(const int32_t *tokens, const int32_t *targets, const float *weights, int B, int T) {
    Impl &im = *m;
    if (!tokens || B < 1 || T < 1 || B > im.max_batch || T > im.max_seq) {
        im.B = im.T = 0;
        im.have_targets = false;
        return std::numeric_limits<float>::quiet_NaN();
    }
    // Our threads call sgemm one slice each; OpenBLAS's own pool would only compete for the cores.
    openblas_set_num_threads(1);
    const Config &c = im.cfg;
    const int N = B * T, C = c.dim, KV = c.kv_dim(), F = c.ffn, V = c.vocab, H = c.heads, KVH = c.kv_heads;
    const int D = c.head_dim(), QKV = C + 2 * KV, nt = effective_threads(im.threads, N, C);
    im.B = B;
    im.T = T;
    im.have_targets = targets != nullptr;
    im.lap_reset();
    im.drop_last = targets ? im.dropout : 0.0f;
    const float drop = im.drop_last;
    std::copy(tokens, tokens + N, im.tokens.begin());
    if (targets) std::copy(targets, targets + N, im.targets.begin());
    im.weighted = targets && weights;
    if (im.weighted) std::copy(weights, weights + N, im.weights.begin());

    ops::embedding_forward(im.A(im.la[0].x), tokens, im.P(im.p_embd), N, C, V, nt);
    im.lap(kEmbedding);
    for (int l = 0; l < c.layers; ++l) {
        const LayerParams &p = im.lp[size_t(l)];
        const LayerActs &s = im.la[size_t(l)];
        float *x_out = l + 1 < c.layers ? im.A(im.la[size_t(l) + 1].x) : im.A(im.a_xfinal);
        ops::rmsnorm_forward(im.A(s.xn1), im.A(s.rstd1), im.A(s.x), im.P(p.attn_norm), N, C, c.norm_eps, nt);
        im.lap(kNorm);
        ops::matmul_forward(im.A(s.qkv), im.A(s.xn1), im.P(p.qkv), N, C, QKV, nt);
        im.lap(kMatmul);
        ops::rope_forward(im.A(s.qkv), N, T, H, D, QKV, im.A(im.a_cos), im.A(im.a_sin), nt);
        im.lap(kRope);
        ops::rope_forward(im.A(s.qkv) + C, N, T, KVH, D, QKV, im.A(im.a_cos), im.A(im.a_sin), nt);
        im.lap(kRope);
        ops::attention_forward(im.A(s.att), im.A(s.probs), im.A(s.qkv), B, T, H, KVH, D, nt);
        im.lap(kAttention);
        ops::matmul_forward(im.A(s.xmid), im.A(s.att), im.P(p.attn_out), N, C, C, nt);
        im.lap(kMatmul);
        if (drop > 0.0f) im.drop(im.A(s.xmid), size_t(N) * C, l, 0, drop, nt);
        float *xmid = im.A(s.xmid);
        const float *x = im.A(s.x);
#pragma omp parallel for num_threads(nt) schedule(static)
        for (size_t i = 0; i < size_t(N) * C; ++i)
            xmid[i] += x[i];
        im.lap(kResidual);
        ops::rmsnorm_forward(im.A(s.xn2), im.A(s.rstd2), xmid, im.P(p.ffn_norm), N, C, c.norm_eps, nt);
        im.lap(kNorm);
        ops::matmul_forward(im.A(s.gu), im.A(s.xn2), im.P(p.gate_up), N, C, 2 * F, nt);
        im.lap(kMatmul);
        ops::swiglu_forward(im.A(s.h), im.A(s.gu), N, F, nt);
        im.lap(kSwiglu);
        ops::matmul_forward(x_out, im.A(s.h), im.P(p.down), N, F, C, nt);
        im.lap(kMatmul);
        if (drop > 0.0f) im.drop(x_out, size_t(N) * C, l, 1, drop, nt);
#pragma omp parallel for num_threads(nt) schedule(static)
        for (size_t i = 0; i < size_t(N) * C; ++i)
            x_out[i] += xmid[i];
        im.lap(kResidual);
    }
    ops::rmsnorm_forward(im.A(im.a_xnf), im.A(im.a_rstdf), im.A(im.a_xfinal), im.P(im.p_out_norm), N, C,
                         c.norm_eps, nt);
    im.lap(kNorm);
    // Sparse head: the counted rows are packed to the front, in order (row i moves to slot k <= i, so
    // copying upwards in place is safe), and only they meet the head. The final norm's backward reads
    // x and its rstd, not xnf, so packing xnf in place loses nothing.
    im.head_rows.clear();
    if (targets && im.sparse_head) {
        for (int i = 0; i < N; ++i)
            if (targets[i] >= 0 && (!im.weighted || im.weights[size_t(i)] > 0.0f)) im.head_rows.push_back(i);
        if (im.head_rows.empty()) im.head_rows.push_back(0);  // keeps the shapes non-empty; not counted
        float *xnf = im.A(im.a_xnf);
        for (size_t k = 0; k < im.head_rows.size(); ++k) {
            const size_t i = size_t(im.head_rows[k]);
            if (i != k) std::memcpy(xnf + k * C, xnf + i * C, sizeof(float) * size_t(C));
            im.targets[k] = im.targets[i];
            if (im.weighted) im.weights[k] = im.weights[i];
        }
        if (targets[im.head_rows[0]] < 0 || (im.weighted && im.weights[0] <= 0.0f)) {
            im.targets[0] = -1;
            if (im.weighted) im.weights[0] = 0.0f;
        }
    }
    const int NH = im.head_rows.empty() ? N : int(im.head_rows.size());
    ops::matmul_forward(im.A(im.a_logits), im.A(im.a_xnf), im.P(im.p_out), NH, C, V, nt);
    im.lap(kMatmul);
    if (!targets) return 0.0f;
    const int32_t *tg = im.head_rows.empty() ? targets : im.targets.data();
    const float loss =
        im.weighted ? ops::crossentropy_forward_weighted(im.A(im.a_probs), im.A(im.a_rowloss), &im.weight_sum,
                                                         im.A(im.a_logits), tg, im.weights.data(), NH, V, nt)
                    : ops::crossentropy_forward(im.A(im.a_probs), im.A(im.a_rowloss), &im.count,
                                                im.A(im.a_logits), tg, NH, V, nt);
    if (!im.head_rows.empty()) {
        // Row losses back to their positions (downwards, the reverse of the packing), zero elsewhere.
        float *rl = im.A(im.a_rowloss);
        for (size_t k = im.head_rows.size(); k-- > 0;) {
            const size_t i = size_t(im.head_rows[k]);
            const float v = rl[k];
            if (i != k) rl[k] = 0.0f;
            rl[i] = v;
        }
        size_t k = 0;
        for (int i = 0; i < N; ++i) {
            if (k < im.head_rows.size() && im.head_rows[k] == i) {
                ++k;
                continue;
            }
            rl[i] = 0.0f;
        }
    }
    im.lap(kLoss);
    return loss;
}

void Model::backward() {
    Impl &im = *m;
    if (!im.have_targets || im.B == 0) return;
    openblas_set_num_threads(1);
    const Config &c = im.cfg;
    const int B = im.B, T = im.T, N = B * T, C = c.dim, KV = c.kv_dim(), F = c.ffn, V = c.vocab, H = c.heads;
    const int KVH = c.kv_heads, D = c.head_dim(), QKV = C + 2 * KV, nt = effective_threads(im.threads, N, C);
    float *dres = im.A(im.a_dres), *dxn = im.A(im.a_dxn), *norm_scratch = im.A(im.a_norm_scratch);
    im.have_targets =
        false;  // the probabilities are turned into gradients in place: one backward per forward

    // Loss and head, then the final norm: dres becomes d(loss)/d(residual after the last layer).
    im.lap_reset();
    float *dlogits = im.A(im.a_probs);
    const int NH = im.head_rows.empty() ? N : int(im.head_rows.size());
    if (im.weighted)
        ops::crossentropy_backward_weighted(dlogits, im.targets.data(), im.weights.data(), im.weight_sum, NH,
                                            V, nt);
    else
        ops::crossentropy_backward(dlogits, im.targets.data(), im.count, NH, V, nt);
    im.lap(kLoss);
    ops::matmul_backward(dxn, im.G(im.p_out), dlogits, im.A(im.a_xnf), im.P(im.p_out), NH, C, V, nt);
    if (!im.head_rows.empty()) {
        // The packed rows' gradients back to their positions (downwards), zero at the rest.
        for (size_t k = im.head_rows.size(); k-- > 0;) {
            const size_t i = size_t(im.head_rows[k]);
            if (i != k) std::memcpy(dxn + i * C, dxn + k * C, sizeof(float) * size_t(C));
        }
        size_t k = 0;
        for (int i = 0; i < N; ++i) {
            if (k < im.head_rows.size() && im.head_rows[k] == i) {
                ++k;
                continue;
            }
            std::memset(dxn + size_t(i) * C, 0, sizeof(float) * size_t(C));
        }
    }
    im.lap(kMatmul);
    std::memset(dres, 0, sizeof(float) * size_t(N) * C);
    im.lap(kResidual);
    ops::rmsnorm_backward(dres, im.G(im.p_out_norm), norm_scratch, dxn, im.A(im.a_xfinal),
                          im.P(im.p_out_norm), im.A(im.a_rstdf), N, C, nt);
    im.lap(kNorm);

    // The layers in reverse, each step undoing its forward counterpart; the residual adds pass dres
    // through unchanged, so each branch adds its input gradient into dres.
    for (int l = c.layers - 1; l >= 0; --l) {
        const LayerParams &p = im.lp[size_t(l)];
        const LayerActs &s = im.la[size_t(l)];
        // With dropout the branch's gradient is the residual's through the same mask (dxn is free
        // until the next matmul writes it).
        const float drop = im.drop_last;
        const float *dbranch = dres;
        if (drop > 0.0f) {
            std::memcpy(dxn, dres, sizeof(float) * size_t(N) * C);
            im.drop(dxn, size_t(N) * C, l, 1, drop, nt);
            dbranch = dxn;
        }
        ops::matmul_backward(im.A(im.a_dh), im.G(p.down), dbranch, im.A(s.h), im.P(p.down), N, F, C, nt);
        im.lap(kMatmul);
        ops::swiglu_backward(im.A(im.a_dgu), im.A(im.a_dh), im.A(s.gu), N, F, nt);
        im.lap(kSwiglu);
        ops::matmul_backward(dxn, im.G(p.gate_up), im.A(im.a_dgu), im.A(s.xn2), im.P(p.gate_up), N, C, 2 * F,
                             nt);
        im.lap(kMatmul);
        ops::rmsnorm_backward(dres, im.G(p.ffn_norm), norm_scratch, dxn, im.A(s.xmid), im.P(p.ffn_norm),
                              im.A(s.rstd2), N, C, nt);
        im.lap(kNorm);
        if (drop > 0.0f) {
            std::memcpy(dxn, dres, sizeof(float) * size_t(N) * C);
            im.drop(dxn, size_t(N) * C, l, 0, drop, nt);
        }
        ops::matmul_backward(im.A(im.a_datt), im.G(p.attn_out), drop > 0.0f ? dxn : dres, im.A(s.att),
                             im.P(p.attn_out), N, C, C, nt);
        im.lap(kMatmul);
        ops::attention_backward(im.A(im.a_dqkv), im.A(im.a_attn_scratch), im.A(im.a_datt), im.A(s.probs),
                                im.A(s.qkv), B, T, H, KVH, D, nt);
        im.lap(kAttention);
        ops::rope_backward(im.A(im.a_dqkv), N, T, H, D, QKV, im.A(im.a_cos), im.A(im.a_sin), nt);
        im.lap(kRope);
        ops::rope_backward(im.A(im.a_dqkv) + C, N, T, KVH, D, QKV, im.A(im.a_cos), im.A(im.a_sin), nt);
        im.lap(kRope);
        ops::matmul_backward(dxn, im.G(p.qkv), im.A(im.a_dqkv), im.A(s.xn1), im.P(p.qkv), N, C, QKV, nt);
        im.lap(kMatmul);
        ops::rmsnorm_backward(dres, im.G(p.attn_norm), norm_scratch, dxn, im.A(s.x), im.P(p.attn_norm),
                              im.A(s.rstd1), N, C, nt);
        im.lap(kNorm);
    }
    ops::embedding_backward(im.G(im.p_embd), dres, im.tokens.data(), N, C, V, nt);
    im.lap(kEmbedding);
}

}  // namespace smolify::model
