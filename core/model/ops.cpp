// The student's layers, forward next to backward. See ops.h for the legend, the shapes and the
// threading contract; model.cpp for the order they run in.
#include "model/ops.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#include <cblas.h>

namespace smolify::model::ops {

namespace {

using std::size_t;

// Rows of attention handled per sgemm call: the causal mask lets a block of rows skip the key
// columns after its last row, about 40% of the score work at T = 256.
constexpr int kAttnBlock = 64;

// [begin, end) of slice `part` of `n` items cut into `parts` near-equal slices.
inline void slice(int n, int part, int parts, int &begin, int &end) {
    const int base = n / parts, extra = n % parts;
    begin = part * base + std::min(part, extra);
    end = begin + base + (part < extra ? 1 : 0);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// matmul

void matmul_forward(float *out, const float *inp, const float *weight, int N, int C, int OC, int threads) {
#pragma omp parallel num_threads(threads)
    {
        int r0, r1;
        slice(N, omp_get_thread_num(), omp_get_num_threads(), r0, r1);
        if (r1 > r0)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, r1 - r0, OC, C, 1.0f, inp + size_t(r0) * C,
                        C, weight, C, 0.0f, out + size_t(r0) * OC, OC);
    }
}

void matmul_backward(float *dinp, float *dweight, const float *dout, const float *inp, const float *weight,
                     int N, int C, int OC, int threads) {
#pragma omp parallel num_threads(threads)
    {
        const int tid = omp_get_thread_num(), nt = omp_get_num_threads();
        int r0, r1;
        if (dinp) {
            slice(N, tid, nt, r0, r1);
            if (r1 > r0)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, r1 - r0, C, OC, 1.0f,
                            dout + size_t(r0) * OC, OC, weight, C, 0.0f, dinp + size_t(r0) * C, C);
        }
        // Weight rows are sliced, not the sum over N: each thread owns whole output rows.
        slice(OC, tid, nt, r0, r1);
        if (r1 > r0)
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, r1 - r0, C, N, 1.0f, dout + r0, OC, inp, C,
                        1.0f, dweight + size_t(r0) * C, C);
    }
}

// ---------------------------------------------------------------------------------------------
// RMSNorm

void rmsnorm_forward(float *out, float *rstd, const float *inp, const float *weight, int N, int C, float eps,
                     int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const float *x = inp + size_t(n) * C;
        float *o = out + size_t(n) * C;
        float ss = 0.0f;
        for (int c = 0; c < C; ++c)
            ss += x[c] * x[c];
        const float r = 1.0f / std::sqrt(ss / float(C) + eps);
        rstd[n] = r;
        for (int c = 0; c < C; ++c)
            o[c] = x[c] * r * weight[c];
    }
}

void rmsnorm_backward(float *dinp, float *dweight, float *scratch, const float *dout, const float *inp,
                      const float *weight, const float *rstd, int N, int C, int threads) {
    int used = 1;
#pragma omp parallel num_threads(threads)
    {
        const int tid = omp_get_thread_num(), nt = omp_get_num_threads();
#pragma omp single
        used = nt;
        float *dw = scratch + size_t(tid) * C;
        std::memset(dw, 0, sizeof(float) * size_t(C));
        int r0, r1;
        slice(N, tid, nt, r0, r1);
        for (int n = r0; n < r1; ++n) {
            const float *x = inp + size_t(n) * C, *dy = dout + size_t(n) * C;
            float *dx = dinp + size_t(n) * C;
            const float r = rstd[n];
            // y = x r w; dx = r (dy w) - x r^3 mean(dy w x)
            float dot = 0.0f;
            for (int c = 0; c < C; ++c)
                dot += dy[c] * weight[c] * x[c];
            const float k = dot * r * r * r / float(C);
            for (int c = 0; c < C; ++c) {
                dx[c] += r * dy[c] * weight[c] - k * x[c];
                dw[c] += dy[c] * x[c] * r;
            }
        }
    }
    for (int t = 0; t < used; ++t) {
        const float *dw = scratch + size_t(t) * C;
        for (int c = 0; c < C; ++c)
            dweight[c] += dw[c];
    }
}

// ---------------------------------------------------------------------------------------------
// RoPE

void rope_tables(float *cos, float *sin, int T, int D, float theta) {
    const int half = D / 2;
    for (int t = 0; t < T; ++t) {
        for (int i = 0; i < half; ++i) {
            // In double: at long positions a float angle loses the low bits llama.cpp keeps.
            const double freq = std::pow(double(theta), -2.0 * i / double(D));
            const double a = double(t) * freq;
            cos[size_t(t) * half + i] = float(std::cos(a));
            sin[size_t(t) * half + i] = float(std::sin(a));
        }
    }
}

namespace {

// sign +1 rotates forward, -1 applies the inverse (the transpose of the rotation).
void rope_apply(float *x, int N, int T, int heads, int D, int ld, const float *cos, const float *sin,
                float sign, int threads) {
    const int half = D / 2;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const int t = n % T;
        const float *cs = cos + size_t(t) * half, *sn = sin + size_t(t) * half;
        float *row = x + size_t(n) * ld;
        for (int h = 0; h < heads; ++h) {
            float *v = row + size_t(h) * D;
            for (int i = 0; i < half; ++i) {
                const float a = v[2 * i], b = v[2 * i + 1], s = sign * sn[i];
                v[2 * i] = a * cs[i] - b * s;
                v[2 * i + 1] = a * s + b * cs[i];
            }
        }
    }
}

}  // namespace

void rope_forward(float *x, int N, int T, int heads, int D, int ld, const float *cos, const float *sin,
                  int threads) {
    rope_apply(x, N, T, heads, D, ld, cos, sin, 1.0f, threads);
}

void rope_backward(float *dx, int N, int T, int heads, int D, int ld, const float *cos, const float *sin,
                   int threads) {
    rope_apply(dx, N, T, heads, D, ld, cos, sin, -1.0f, threads);
}

// ---------------------------------------------------------------------------------------------
// attention

void attention_forward(float *out, float *probs, const float *qkv, int B, int T, int H, int KVH, int D,
                       int threads) {
    const int ld = (H + 2 * KVH) * D, ldo = H * D, group = H / KVH;
    const float scale = 1.0f / std::sqrt(float(D));
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int bh = 0; bh < B * H; ++bh) {
        const int b = bh / H, h = bh % H, g = h / group;
        const float *q = qkv + size_t(b) * T * ld + size_t(h) * D;
        const float *k = qkv + size_t(b) * T * ld + size_t(H + g) * D;
        const float *v = qkv + size_t(b) * T * ld + size_t(H + KVH + g) * D;
        float *P = probs + size_t(bh) * T * T;
        float *y = out + size_t(b) * T * ldo + size_t(h) * D;
        for (int r0 = 0; r0 < T; r0 += kAttnBlock) {
            const int r1 = std::min(T, r0 + kAttnBlock), M = r1 - r0;
            // scores (M, r1) = q[r0:r1] k[0:r1]^T / sqrt(D); keys after r1 are masked for every row here.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, r1, D, scale, q + size_t(r0) * ld, ld, k,
                        ld, 0.0f, P + size_t(r0) * T, T);
            for (int i = r0; i < r1; ++i) {
                float *p = P + size_t(i) * T;
                float mx = p[0];
                for (int j = 1; j <= i; ++j)
                    mx = std::max(mx, p[j]);
                float sum = 0.0f;
                for (int j = 0; j <= i; ++j) {
                    p[j] = std::exp(p[j] - mx);
                    sum += p[j];
                }
                const float inv = 1.0f / sum;
                for (int j = 0; j <= i; ++j)
                    p[j] *= inv;
                for (int j = i + 1; j < T; ++j)
                    p[j] = 0.0f;
            }
            // y[r0:r1] (M, D) = P[r0:r1, 0:r1] v[0:r1]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, D, r1, 1.0f, P + size_t(r0) * T, T, v,
                        ld, 0.0f, y + size_t(r0) * ldo, ldo);
        }
    }
}

void attention_backward(float *dqkv, float *scratch, const float *dout, const float *probs, const float *qkv,
                        int B, int T, int H, int KVH, int D, int threads) {
    const int ld = (H + 2 * KVH) * D, ldo = H * D, group = H / KVH;
    const float scale = 1.0f / std::sqrt(float(D));
    // One task per (batch, key/value head): the heads that share its keys and values add into the
    // same dk, dv, so they stay in one thread.
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int bg = 0; bg < B * KVH; ++bg) {
        const int b = bg / KVH, g = bg % KVH;
        float *dS = scratch + size_t(omp_get_thread_num()) * T * T;  // (T, T): dP, then dscores
        const float *k = qkv + size_t(b) * T * ld + size_t(H + g) * D;
        const float *v = qkv + size_t(b) * T * ld + size_t(H + KVH + g) * D;
        float *dk = dqkv + size_t(b) * T * ld + size_t(H + g) * D;
        float *dv = dqkv + size_t(b) * T * ld + size_t(H + KVH + g) * D;
        for (int t = 0; t < T; ++t) {
            std::memset(dk + size_t(t) * ld, 0, sizeof(float) * size_t(D));
            std::memset(dv + size_t(t) * ld, 0, sizeof(float) * size_t(D));
        }
        for (int h = g * group; h < (g + 1) * group; ++h) {
            const float *q = qkv + size_t(b) * T * ld + size_t(h) * D;
            float *dq = dqkv + size_t(b) * T * ld + size_t(h) * D;
            const float *P = probs + (size_t(b) * H + h) * T * T;
            const float *dy = dout + size_t(b) * T * ldo + size_t(h) * D;
            for (int r0 = 0; r0 < T; r0 += kAttnBlock) {
                const int r1 = std::min(T, r0 + kAttnBlock), M = r1 - r0;
                // dP (M, r1) = dy[r0:r1] v[0:r1]^T
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, r1, D, 1.0f, dy + size_t(r0) * ldo,
                            ldo, v, ld, 0.0f, dS + size_t(r0) * T, T);
                // dv[0:r1] += P[r0:r1, 0:r1]^T dy[r0:r1]
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, r1, D, M, 1.0f, P + size_t(r0) * T, T,
                            dy + size_t(r0) * ldo, ldo, 1.0f, dv, ld);
                // softmax backward: dscore = P (dP - sum_j P dP) / sqrt(D), zero above the diagonal
                for (int i = r0; i < r1; ++i) {
                    const float *p = P + size_t(i) * T;
                    float *d = dS + size_t(i) * T;
                    float dot = 0.0f;
                    for (int j = 0; j <= i; ++j)
                        dot += p[j] * d[j];
                    for (int j = 0; j <= i; ++j)
                        d[j] = p[j] * (d[j] - dot) * scale;
                    for (int j = i + 1; j < r1; ++j)
                        d[j] = 0.0f;
                }
                // dq[r0:r1] = dS[r0:r1, 0:r1] k[0:r1]
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, D, r1, 1.0f, dS + size_t(r0) * T, T,
                            k, ld, 0.0f, dq + size_t(r0) * ld, ld);
                // dk[0:r1] += dS[r0:r1, 0:r1]^T q[r0:r1]
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, r1, D, M, 1.0f, dS + size_t(r0) * T, T,
                            q + size_t(r0) * ld, ld, 1.0f, dk, ld);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SwiGLU

void swiglu_forward(float *out, const float *gu, int N, int F, int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const float *g = gu + size_t(n) * 2 * F, *u = g + F;
        float *o = out + size_t(n) * F;
        for (int i = 0; i < F; ++i)
            o[i] = g[i] / (1.0f + std::exp(-g[i])) * u[i];
    }
}

void swiglu_backward(float *dgu, const float *dout, const float *gu, int N, int F, int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const float *g = gu + size_t(n) * 2 * F, *u = g + F, *dy = dout + size_t(n) * F;
        float *dg = dgu + size_t(n) * 2 * F, *du = dg + F;
        for (int i = 0; i < F; ++i) {
            const float s = 1.0f / (1.0f + std::exp(-g[i]));
            const float silu = g[i] * s;
            du[i] = dy[i] * silu;
            dg[i] = dy[i] * u[i] * s * (1.0f + g[i] * (1.0f - s));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// embedding

void embedding_forward(float *out, const int32_t *tokens, const float *weight, int N, int C, int V,
                       int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const int32_t t = tokens[n];
        float *o = out + size_t(n) * C;
        if (t >= 0 && t < V)
            std::memcpy(o, weight + size_t(t) * C, sizeof(float) * size_t(C));
        else
            std::memset(o, 0, sizeof(float) * size_t(C));
    }
}

void embedding_backward(float *dweight, const float *dout, const int32_t *tokens, int N, int C, int V,
                        int threads) {
    // Columns are sliced across threads: a token repeated in the batch adds into one row from one
    // thread at a time, in row order.
#pragma omp parallel num_threads(threads)
    {
        int c0, c1;
        slice(C, omp_get_thread_num(), omp_get_num_threads(), c0, c1);
        for (int n = 0; n < N; ++n) {
            const int32_t t = tokens[n];
            if (t < 0 || t >= V) continue;
            float *dw = dweight + size_t(t) * C;
            const float *dy = dout + size_t(n) * C;
            for (int c = c0; c < c1; ++c)
                dw[c] += dy[c];
        }
    }
}

// ---------------------------------------------------------------------------------------------
// cross-entropy

namespace {

// One row: probs = softmax(logits), returns -log probs[t] (computed as log-sum-exp minus the logit).
inline float softmax_row_loss(float *p, const float *x, int V, int32_t t) {
    float mx = x[0];
    for (int i = 1; i < V; ++i)
        mx = std::max(mx, x[i]);
    float sum = 0.0f;
    for (int i = 0; i < V; ++i) {
        p[i] = std::exp(x[i] - mx);
        sum += p[i];
    }
    const float inv = 1.0f / sum;
    for (int i = 0; i < V; ++i)
        p[i] *= inv;
    return std::log(sum) + mx - x[t];
}

}  // namespace

float crossentropy_forward(float *probs, float *row_loss, int *count, const float *logits,
                           const int32_t *targets, int N, int V, int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        const int32_t t = targets[n];
        row_loss[n] =
            t < 0 || t >= V ? 0.0f : softmax_row_loss(probs + size_t(n) * V, logits + size_t(n) * V, V, t);
    }
    // Summed in row order, in double: the same bits for any thread count.
    double total = 0.0;
    int counted = 0;
    for (int n = 0; n < N; ++n) {
        if (targets[n] < 0 || targets[n] >= V) continue;
        total += row_loss[n];
        ++counted;
    }
    *count = counted;
    return counted > 0 ? float(total / counted) : 0.0f;
}

void crossentropy_backward(float *probs, const int32_t *targets, int count, int N, int V, int threads) {
    const float inv = count > 0 ? 1.0f / float(count) : 0.0f;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        float *d = probs + size_t(n) * V;
        const int32_t t = targets[n];
        if (t < 0 || t >= V) {
            std::memset(d, 0, sizeof(float) * size_t(V));
            continue;
        }
        for (int i = 0; i < V; ++i)
            d[i] *= inv;
        d[t] -= inv;
    }
}

float crossentropy_forward_weighted(float *probs, float *row_loss, double *weight_sum, const float *logits,
                                    const int32_t *targets, const float *weights, int N, int V, int threads) {
    auto counted = [&](int n) { return targets[n] >= 0 && targets[n] < V && weights[n] > 0.0f; };
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n)
        row_loss[n] = counted(n)
                          ? softmax_row_loss(probs + size_t(n) * V, logits + size_t(n) * V, V, targets[n])
                          : 0.0f;
    double total = 0.0, wsum = 0.0;  // in row order: the same bits for any thread count
    for (int n = 0; n < N; ++n) {
        if (!counted(n)) continue;
        total += double(weights[n]) * row_loss[n];
        wsum += weights[n];
    }
    *weight_sum = wsum;
    return wsum > 0 ? float(total / wsum) : 0.0f;
}

void crossentropy_backward_weighted(float *probs, const int32_t *targets, const float *weights,
                                    double weight_sum, int N, int V, int threads) {
    const double inv = weight_sum > 0 ? 1.0 / weight_sum : 0.0;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int n = 0; n < N; ++n) {
        float *d = probs + size_t(n) * V;
        const int32_t t = targets[n];
        if (t < 0 || t >= V || !(weights[n] > 0.0f) || inv == 0.0) {
            std::memset(d, 0, sizeof(float) * size_t(V));
            continue;
        }
        const float s = float(double(weights[n]) * inv);
        for (int i = 0; i < V; ++i)
            d[i] *= s;
        d[t] -= s;
    }
}

}  // namespace smolify::model::ops
