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

// out (C) = rmsnorm(x (C)) * weight (C), as core/model computes it.
void rmsnorm_row(float *out, const float *x, const float *weight, int C, float eps) {
    float ss = 0.0f;
    for (int i = 0; i < C; ++i)
        ss += x[i] * x[i];
    const float r = 1.0f / std::sqrt(ss / float(C) + eps);
    for (int i = 0; i < C; ++i)
        out[i] = x[i] * r * weight[i];
}

// The part [begin, end) of 0..n that thread t of T takes, its bounds multiples of `align` (but the
// last, n): output columns in whole Q8_0 blocks and whole kernel tiles.
struct Range {
    int begin, end;
};
Range share(int n, int t, int T, int align) {
    auto cut = [&](int i) {
        if (i >= T) return n;
        const int c = int(int64_t(n) * i / T);
        return c - c % align;
    };
    return {cut(t), cut(t + 1)};
}

bool quantized(WeightType t) {
    return t == WeightType::q8_0 || t == WeightType::q4_0;
}

// An activation matrix (rows of `width`) in the form a weight type multiplies: floats for F32, fp16
// for F16, Q8_0 blocks for Q8_0 and Q4_0.
struct Act {
    const float *f = nullptr;
    uint16_t *h = nullptr;
    kern::BlockQ8 *q = nullptr;
    int width = 0;

    // Columns [c0, c1) of row n of `src` (the row that `f` holds) into the form `type` needs;
    // c0 and c1 multiples of 32 when quantizing.
    void prepare(WeightType type, const float *src_row, int n, int c0, int c1) const {
        if (quantized(type))
            kern::quantize_row_q8(src_row + c0,
                                  q + std::size_t(n) * (width / kern::kBlock) + c0 / kern::kBlock, c1 - c0);
        else if (type == WeightType::f16)
            kern::round_row_f16(src_row + c0, h + std::size_t(n) * width + c0, c1 - c0);
    }
};

// out (N, ldo) columns [o0, o1) = x (N, W.cols) @ W^T rows [o0, o1), added to out when `accumulate`.
// Runs on the calling thread: the forward pass hands each thread its own columns.
void matmul_part(float *out, std::size_t ldo, const Act &x, const Matrix &w, int N, int o0, int o1,
                 bool accumulate) {
    if (o1 <= o0) return;
    const int in = w.cols;
    switch (w.type) {
        case WeightType::f32: {
            const float *W = reinterpret_cast<const float *>(w.data);
            if (N >= 4) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, N, o1 - o0, in, 1.0f, x.f, in,
                            W + std::size_t(o0) * in, in, accumulate ? 1.0f : 0.0f, out + o0, int(ldo));
                return;
            }
            for (int o = o0; o < o1; ++o)
                for (int n = 0; n < N; ++n) {
                    const float s = kern::dot_f32(W + std::size_t(o) * in, x.f + std::size_t(n) * in, in);
                    float &d = out[std::size_t(n) * ldo + o];
                    d = accumulate ? d + s : s;
                }
            return;
        }
        case WeightType::f16: {
            const uint16_t *W = reinterpret_cast<const uint16_t *>(w.data);
            for (int o = o0; o < o1; ++o)
                for (int n = 0; n < N; ++n) {
                    const float s = kern::dot_f16(W + std::size_t(o) * in, x.h + std::size_t(n) * in, in);
                    float &d = out[std::size_t(n) * ldo + o];
                    d = accumulate ? d + s : s;
                }
            return;
        }
        case WeightType::q8_0:
            kern::gemm_q8_q8(reinterpret_cast<const kern::BlockQ8 *>(w.data), x.q, in / kern::kBlock, N, o0,
                             o1, out, ldo, accumulate);
            return;
        case WeightType::q4_0:
            kern::gemm_q4_q8(reinterpret_cast<const kern::BlockQ4 *>(w.data), x.q, in / kern::kBlock, N, o0,
                             o1, out, ldo, accumulate);
            return;
    }
}

}  // namespace

void Model::Impl::embed(float *out, int32_t token) const {
    const int C = cfg.dim;
    if (embd.type == WeightType::f32)
        std::memcpy(out, reinterpret_cast<const float *>(embd.data) + std::size_t(token) * C,
                    sizeof(float) * C);
    else
        gguf::dequantize_row(ggml_type_of(embd.type), embd.data + std::size_t(token) * embd.row_bytes, C,
                             out);
}

namespace {

// e (D) at position pos, rotated in place: pairs (e[2i], e[2i+1]) by the angles of cs / sn (D/2).
void rope_head(float *e, int D, const float *cs, const float *sn) {
    for (int i = 0; i < D / 2; ++i) {
        const float a = e[2 * i], b = e[2 * i + 1];
        e[2 * i] = a * cs[i] - b * sn[i];
        e[2 * i + 1] = a * sn[i] + b * cs[i];
    }
}

}  // namespace

// The forward pass runs in one OpenMP parallel region: every thread takes its share of each step
// (rows for the norms, output columns for the products, key/value heads for attention) and the
// threads meet at a barrier between steps. One region per eval instead of one per product: a
// decode step of the small presets is a few hundred microseconds, and a fork/join per product cost
// as much as the products. Each output element is written by one thread, so the results do not
// depend on the thread count (but for F32 prefill, where sgemm's blocking follows the columns).
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
              D = c.head_dim(), half = D / 2;
    const int group = H / KVH, p0 = im.pos, nt = im.threads;
    const float scale = 1.0f / std::sqrt(float(D)), eps = c.norm_eps;
    const std::size_t rows = std::size_t(N);
    const int first = all_logits ? 0 : N - 1, out_rows = N - first;

    float *x = scratch(im.buf_x, rows * C);
    float *xn = scratch(im.buf_xn, rows * C);
    float *q = scratch(im.buf_q, rows * C);
    float *att = scratch(im.buf_att, rows * C);
    float *gate = scratch(im.buf_gate, rows * F);
    float *up = scratch(im.buf_up, rows * F);
    float *scores = scratch(im.buf_scores, std::size_t(nt) * im.context);
    float *logits = scratch(im.logits, std::size_t(out_rows) * V);
    // Prepared activations: rows of width C (the norms' output, then attention's) and of width F
    // (SwiGLU's, written while other threads still read the first).
    uint16_t *f16 = scratch(im.buf_f16, rows * (C + F));
    kern::BlockQ8 *q8 = scratch(im.buf_q8, rows * ((C + F) / kern::kBlock));
    Act act_c{xn, f16, q8, C};
    Act act_att{att, f16, q8, C};
    Act act_f{gate, f16 + rows * C, q8 + rows * (C / kern::kBlock), F};
    // Attention writes each head's slice of a row; with whole Q8_0 blocks per head it prepares them
    // for the output projection itself, else one more step does it per row.
    const bool heads_in_blocks = D % kern::kBlock == 0;
    if (N >= 4) openblas_set_num_threads(1);  // F32 prefill: one sgemm per thread on its columns

#pragma omp parallel num_threads(nt)
    {
        const int t = omp_get_thread_num(), T = omp_get_num_threads();
        const Range my_rows = share(N, t, T, 1);
        float *s = scores + std::size_t(t) * im.context;
        for (int n = my_rows.begin; n < my_rows.end; ++n)
            im.embed(x + std::size_t(n) * C, tokens[std::size_t(n)]);

        for (int l = 0; l < c.layers; ++l) {
            const Layer &L = im.layers[std::size_t(l)];
            float *kc = im.k_cache.data() + std::size_t(l) * im.context * KV;
            float *vc = im.v_cache.data() + std::size_t(l) * im.context * KV;

            for (int n = my_rows.begin; n < my_rows.end; ++n) {
                rmsnorm_row(xn + std::size_t(n) * C, x + std::size_t(n) * C, L.attn_norm, C, eps);
                act_c.prepare(L.q.type, xn + std::size_t(n) * C, n, 0, C);
            }
#pragma omp barrier
            // Q into q, K and V straight into the cache rows p0 .. p0 + N - 1.
            const Range qc = share(C, t, T, kern::kBlock), kvc = share(KV, t, T, kern::kBlock);
            matmul_part(q, C, act_c, L.q, N, qc.begin, qc.end, false);
            matmul_part(kc + std::size_t(p0) * KV, KV, act_c, L.k, N, kvc.begin, kvc.end, false);
            matmul_part(vc + std::size_t(p0) * KV, KV, act_c, L.v, N, kvc.begin, kvc.end, false);
#pragma omp barrier
            // Attention by key/value head: head g's cache columns are written (RoPE on K) and read
            // only by the item for g, so the new rows need no barrier before they are attended to.
            const Range heads = share(KVH, t, T, 1);
            for (int g = heads.begin; g < heads.end; ++g) {
                for (int n = 0; n < N; ++n) {
                    const float *cs = im.rope_cos.data() + std::size_t(p0 + n) * half,
                                *sn = im.rope_sin.data() + std::size_t(p0 + n) * half;
                    rope_head(kc + std::size_t(p0 + n) * KV + std::size_t(g) * D, D, cs, sn);
                    for (int h = g * group; h < (g + 1) * group; ++h)
                        rope_head(q + std::size_t(n) * C + std::size_t(h) * D, D, cs, sn);
                }
                for (int n = 0; n < N; ++n)
                    for (int h = g * group; h < (g + 1) * group; ++h) {
                        float *y = att + std::size_t(n) * C + std::size_t(h) * D;
                        kern::attend(q + std::size_t(n) * C + std::size_t(h) * D, kc + std::size_t(g) * D,
                                     vc + std::size_t(g) * D, std::size_t(KV), D, p0 + n + 1, scale, s, y);
                        if (heads_in_blocks)
                            act_att.prepare(L.o.type, att + std::size_t(n) * C, n, h * D, (h + 1) * D);
                    }
            }
#pragma omp barrier
            if (!heads_in_blocks) {
                for (int n = my_rows.begin; n < my_rows.end; ++n)
                    act_att.prepare(L.o.type, att + std::size_t(n) * C, n, 0, C);
#pragma omp barrier
            }
            // Output projection added to the residual stream in place.
            matmul_part(x, C, act_att, L.o, N, qc.begin, qc.end, true);
#pragma omp barrier
            for (int n = my_rows.begin; n < my_rows.end; ++n) {
                rmsnorm_row(xn + std::size_t(n) * C, x + std::size_t(n) * C, L.ffn_norm, C, eps);
                act_c.prepare(L.gate.type, xn + std::size_t(n) * C, n, 0, C);
            }
#pragma omp barrier
            // SwiGLU on this thread's hidden columns, which it then prepares for the down projection
            // (its columns are whole Q8_0 blocks).
            const Range fc = share(F, t, T, kern::kBlock);
            matmul_part(gate, F, act_c, L.gate, N, fc.begin, fc.end, false);
            matmul_part(up, F, act_c, L.up, N, fc.begin, fc.end, false);
            if (fc.end > fc.begin)
                for (int n = 0; n < N; ++n) {
                    float *g = gate + std::size_t(n) * F;
                    const float *u = up + std::size_t(n) * F;
                    for (int i = fc.begin; i < fc.end; ++i)
                        g[i] = g[i] / (1.0f + std::exp(-g[i])) * u[i];
                    act_f.prepare(L.down.type, g, n, fc.begin, fc.end);
                }
#pragma omp barrier
            matmul_part(x, C, act_f, L.down, N, qc.begin, qc.end, true);
#pragma omp barrier
        }

        // Only the rows whose logits are asked for go through the final norm and the output head.
        const Range out_share = share(out_rows, t, T, 1);
        for (int n = out_share.begin; n < out_share.end; ++n) {
            rmsnorm_row(xn + std::size_t(n) * C, x + std::size_t(first + n) * C, im.out_norm, C, eps);
            act_c.prepare(im.output.type, xn + std::size_t(n) * C, n, 0, C);
        }
#pragma omp barrier
        const Range vc = share(V, t, T, kern::kBlock);
        matmul_part(logits, V, act_c, im.output, out_rows, vc.begin, vc.end, false);
    }
    im.pos += N;
    im.logits_rows = std::size_t(out_rows);
    return {};
}

}  // namespace smolify::infer
