// The inference model (infer.h): weight views, the KV cache and the forward pass over one sequence.
// Loading lives in load.cpp; the dot products in kernels.cpp.
//
// Legend: N rows in this eval (prompt tokens, or 1 when decoding), C model width, KV key/value width,
// F SwiGLU hidden width, V vocabulary, H query heads, KVH key/value heads, D head size, P position.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <cblas.h>

#include "export/quant.h"
#include "infer/kernels.h"
#include "infer/model_impl.h"

namespace smolify::infer {

namespace kern = kernels;

const char *weight_type_name(WeightType t) {
    switch (t) {
        case WeightType::f32:
            return "f32";
        case WeightType::f16:
            return "f16";
        case WeightType::q8_0:
            return "q8_0";
        case WeightType::q4_0:
            return "q4_0";
    }
    return "?";
}

gguf::GgmlType ggml_type_of(WeightType t) {
    switch (t) {
        case WeightType::f32:
            return gguf::GgmlType::f32;
        case WeightType::f16:
            return gguf::GgmlType::f16;
        case WeightType::q8_0:
            return gguf::GgmlType::q8_0;
        case WeightType::q4_0:
            return gguf::GgmlType::q4_0;
    }
    return gguf::GgmlType::f32;
}

Model::Model() : m(std::make_unique<Impl>()) {}
Model::~Model() = default;

const model::Config &Model::config() const {
    return m->cfg;
}
WeightType Model::weight_type() const {
    return m->layers.empty() ? m->embd.type : m->layers[0].q.type;
}
int Model::context() const {
    return m->context;
}
int Model::position() const {
    return m->pos;
}
uint64_t Model::weight_bytes() const {
    return m->weight_bytes;
}
void Model::reset() {
    m->pos = 0;
}
void Model::truncate(int n) {
    m->pos = std::clamp(n, 0, m->pos);
}
int Model::threads() const {
    return m->threads;
}

void Model::set_threads(int threads) {
    const int procs = std::max(1, omp_get_num_procs());
    m->threads = std::clamp(threads <= 0 ? procs : threads, 1, 256);
}

std::span<const float> Model::logits() const {
    return {m->logits.data(), m->logits_rows * std::size_t(m->cfg.vocab)};
}

Status Model::Impl::finish_load(int context_request, int thread_request) {
    const model::Config &c = cfg;
    context = context_request > 0 ? std::min(context_request, c.max_seq) : c.max_seq;
    const std::size_t kv_floats = std::size_t(c.layers) * std::size_t(context) * std::size_t(c.kv_dim());
    try {
        k_cache.assign(kv_floats, 0.0f);
        v_cache.assign(kv_floats, 0.0f);
        const int half = c.head_dim() / 2;
        rope_cos.resize(std::size_t(context) * half);
        rope_sin.resize(std::size_t(context) * half);
        // In double, as core/model does: the tables then agree with training at every position.
        for (int t = 0; t < context; ++t)
            for (int i = 0; i < half; ++i) {
                const double a = double(t) * std::pow(double(c.rope_theta), -2.0 * i / double(c.head_dim()));
                rope_cos[std::size_t(t) * half + i] = float(std::cos(a));
                rope_sin[std::size_t(t) * half + i] = float(std::sin(a));
            }
    } catch (const std::bad_alloc &) {
        return user_error("not enough memory for a KV cache of " + std::to_string(context) + " tokens");
    }
    const int procs = std::max(1, omp_get_num_procs());
    threads = std::clamp(thread_request <= 0 ? procs : thread_request, 1, 256);
    return {};
}

namespace {

// Grows a scratch vector to at least n elements (never shrinks, so decode steps allocate nothing).
template <class T>
T *scratch(std::vector<T> &v, std::size_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
}

// out (N, C) = rmsnorm(inp (N, C)) * weight (C), as core/model computes it.
void rmsnorm(float *out, const float *inp, const float *weight, int N, int C, float eps) {
    for (int n = 0; n < N; ++n) {
        const float *x = inp + std::size_t(n) * C;
        float *o = out + std::size_t(n) * C;
        float ss = 0.0f;
        for (int i = 0; i < C; ++i)
            ss += x[i] * x[i];
        const float r = 1.0f / std::sqrt(ss / float(C) + eps);
        for (int i = 0; i < C; ++i)
            o[i] = x[i] * r * weight[i];
    }
}

}  // namespace

// out (N, W.rows) = x (N, W.cols) @ W^T, threads splitting the output columns.
void Model::Impl::matmul(float *out, const float *in_rows, const Matrix &w, int N) {
    // A product under a million multiply-adds (a decode step's layer matrices in the small presets)
    // runs on one thread: it takes microseconds, and the barrier of a parallel region costs as much
    // on a quiet machine and far more on a busy one, where a descheduled thread stalls it.
    const int in = w.cols, oc = w.rows;
    const int nt = int64_t(N) * oc * in < (int64_t(1) << 20) ? 1 : threads;
    switch (w.type) {
        case WeightType::f32: {
            const float *W = reinterpret_cast<const float *>(w.data);
            if (N >= 4) {
                // Prefill: sgemm, one slice of output columns per thread (OpenBLAS itself single-
                // threaded, as core/model runs it).
                openblas_set_num_threads(1);
#pragma omp parallel num_threads(nt)
                {
                    const int t = omp_get_thread_num(), T = omp_get_num_threads();
                    const int o0 = int(int64_t(oc) * t / T), o1 = int(int64_t(oc) * (t + 1) / T);
                    if (o1 > o0)
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, N, o1 - o0, in, 1.0f, in_rows,
                                    in, W + std::size_t(o0) * in, in, 0.0f, out + o0, oc);
                }
                return;
            }
#pragma omp parallel for num_threads(nt) schedule(static)
            for (int o = 0; o < oc; ++o)
                for (int n = 0; n < N; ++n)
                    out[std::size_t(n) * oc + o] =
                        kern::dot_f32(W + std::size_t(o) * in, in_rows + std::size_t(n) * in, in);
            return;
        }
        case WeightType::f16: {
            uint16_t *xh = scratch(buf_f16, std::size_t(N) * in);
            for (int n = 0; n < N; ++n)
                kern::round_row_f16(in_rows + std::size_t(n) * in, xh + std::size_t(n) * in, in);
            const uint16_t *W = reinterpret_cast<const uint16_t *>(w.data);
#pragma omp parallel for num_threads(nt) schedule(static)
            for (int o = 0; o < oc; ++o)
                for (int n = 0; n < N; ++n)
                    out[std::size_t(n) * oc + o] =
                        kern::dot_f16(W + std::size_t(o) * in, xh + std::size_t(n) * in, in);
            return;
        }
        case WeightType::q8_0:
        case WeightType::q4_0: {
            const int blocks = in / kern::kBlock;
            kern::BlockQ8 *xq = scratch(buf_q8, std::size_t(N) * blocks);
#pragma omp parallel for num_threads(nt) schedule(static) if (N > 1)
            for (int n = 0; n < N; ++n)
                kern::quantize_row_q8(in_rows + std::size_t(n) * in, xq + std::size_t(n) * blocks, in);
            if (w.type == WeightType::q8_0) {
                const auto *W = reinterpret_cast<const kern::BlockQ8 *>(w.data);
#pragma omp parallel for num_threads(nt) schedule(static)
                for (int o = 0; o < oc; ++o)
                    for (int n = 0; n < N; ++n)
                        out[std::size_t(n) * oc + o] = kern::dot_q8_q8(W + std::size_t(o) * blocks,
                                                                       xq + std::size_t(n) * blocks, blocks);
            } else {
                const auto *W = reinterpret_cast<const kern::BlockQ4 *>(w.data);
#pragma omp parallel for num_threads(nt) schedule(static)
                for (int o = 0; o < oc; ++o)
                    for (int n = 0; n < N; ++n)
                        out[std::size_t(n) * oc + o] = kern::dot_q4_q8(W + std::size_t(o) * blocks,
                                                                       xq + std::size_t(n) * blocks, blocks);
            }
            return;
        }
    }
}

void Model::Impl::embed(float *out, int32_t token) const {
    const int C = cfg.dim;
    if (embd.type == WeightType::f32)
        std::memcpy(out, reinterpret_cast<const float *>(embd.data) + std::size_t(token) * C,
                    sizeof(float) * C);
    else
        gguf::dequantize_row(ggml_type_of(embd.type), embd.data + std::size_t(token) * embd.row_bytes, C,
                             out);
}

// x (N, heads * D) rows at positions p0 .. p0 + N - 1, rotated in place: pairs (x[2i], x[2i+1]).
void Model::Impl::rope(float *rows, int N, int ld, int heads, int p0) const {
    const int D = cfg.head_dim(), half = D / 2;
    for (int n = 0; n < N; ++n) {
        const float *cs = rope_cos.data() + std::size_t(p0 + n) * half,
                    *sn = rope_sin.data() + std::size_t(p0 + n) * half;
        float *row = rows + std::size_t(n) * ld;
        for (int h = 0; h < heads; ++h) {
            float *e = row + std::size_t(h) * D;
            for (int i = 0; i < half; ++i) {
                const float a = e[2 * i], b = e[2 * i + 1];
                e[2 * i] = a * cs[i] - b * sn[i];
                e[2 * i + 1] = a * sn[i] + b * cs[i];
            }
        }
    }
}

Status Model::eval(std::span<const int32_t> tokens, bool all_logits) {
    Impl &im = *m;
    const model::Config &c = im.cfg;
    const int N = int(tokens.size());
    if (N == 0) return user_error("eval: no tokens");
    if (int64_t(im.pos) + N > im.context)
        return user_error("the sequence would have " + std::to_string(int64_t(im.pos) + N) +
                          " tokens, more than the context of " + std::to_string(im.context));
    for (int32_t t : tokens)
        if (t < 0 || t >= c.vocab)
            return user_error("token id " + std::to_string(t) + " is outside the vocabulary (0.." +
                              std::to_string(c.vocab - 1) + ")");
    const int C = c.dim, KV = c.kv_dim(), F = c.ffn, V = c.vocab, H = c.heads, KVH = c.kv_heads,
              D = c.head_dim();
    const int group = H / KVH, p0 = im.pos, nt = im.threads;
    const float scale = 1.0f / std::sqrt(float(D));
    const std::size_t rows = std::size_t(N);

    float *x = scratch(im.buf_x, rows * C);
    float *xn = scratch(im.buf_xn, rows * C);
    float *q = scratch(im.buf_q, rows * C);
    float *k = scratch(im.buf_k, rows * KV);
    float *v = scratch(im.buf_v, rows * KV);
    float *att = scratch(im.buf_att, rows * C);
    float *gate = scratch(im.buf_gate, rows * F);
    float *up = scratch(im.buf_up, rows * F);
    float *scores = scratch(im.buf_scores, std::size_t(nt) * im.context);

    for (int n = 0; n < N; ++n)
        im.embed(x + std::size_t(n) * C, tokens[std::size_t(n)]);
    for (int l = 0; l < c.layers; ++l) {
        const Layer &L = im.layers[std::size_t(l)];
        rmsnorm(xn, x, L.attn_norm, N, C, c.norm_eps);
        im.matmul(q, xn, L.q, N);
        im.matmul(k, xn, L.k, N);
        im.matmul(v, xn, L.v, N);
        im.rope(q, N, C, H, p0);
        im.rope(k, N, KV, KVH, p0);
        float *kc = im.k_cache.data() + std::size_t(l) * im.context * KV;
        float *vc = im.v_cache.data() + std::size_t(l) * im.context * KV;
        std::memcpy(kc + std::size_t(p0) * KV, k, sizeof(float) * rows * KV);
        std::memcpy(vc + std::size_t(p0) * KV, v, sizeof(float) * rows * KV);

        // Causal attention of each (row, head) over the cache up to its own position.
#pragma omp parallel for num_threads(nt) \
    schedule(static) if (int64_t(N) * H * (p0 + N) * D >= (int64_t(1) << 18))
        for (int nh = 0; nh < N * H; ++nh) {
            const int n = nh / H, h = nh % H, g = h / group, P = p0 + n;
            float *s = scores + std::size_t(omp_get_thread_num()) * im.context;
            const float *qh = q + std::size_t(n) * C + std::size_t(h) * D;
            float mx = -INFINITY;
            for (int t = 0; t <= P; ++t) {
                s[t] = kern::dot_f32(qh, kc + std::size_t(t) * KV + std::size_t(g) * D, D) * scale;
                mx = std::max(mx, s[t]);
            }
            float sum = 0.0f;
            for (int t = 0; t <= P; ++t) {
                s[t] = std::exp(s[t] - mx);
                sum += s[t];
            }
            const float inv = 1.0f / sum;
            float *y = att + std::size_t(n) * C + std::size_t(h) * D;
            std::fill(y, y + D, 0.0f);
            for (int t = 0; t <= P; ++t) {
                const float p = s[t] * inv;
                const float *vt = vc + std::size_t(t) * KV + std::size_t(g) * D;
                for (int d = 0; d < D; ++d)
                    y[d] += p * vt[d];
            }
        }
        im.matmul(xn, att, L.o, N);  // xn reused as the attention projection's output
        for (std::size_t i = 0; i < rows * C; ++i)
            x[i] += xn[i];
        rmsnorm(xn, x, L.ffn_norm, N, C, c.norm_eps);
        im.matmul(gate, xn, L.gate, N);
        im.matmul(up, xn, L.up, N);
        for (std::size_t i = 0; i < rows * F; ++i)
            gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
        im.matmul(xn, gate, L.down, N);
        for (std::size_t i = 0; i < rows * C; ++i)
            x[i] += xn[i];
    }
    im.pos += N;

    // Only the rows whose logits are asked for go through the final norm and the output head.
    const int first = all_logits ? 0 : N - 1, out_rows = N - first;
    rmsnorm(xn, x + std::size_t(first) * C, im.out_norm, out_rows, C, c.norm_eps);
    im.logits_rows = std::size_t(out_rows);
    im.matmul(scratch(im.logits, std::size_t(out_rows) * V), xn, im.output, out_rows);
    return {};
}

}  // namespace smolify::infer
