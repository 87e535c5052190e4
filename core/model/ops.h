// The student's layers as free functions, each forward next to its backward (llm.c style). Model
// (model.cpp) strings them together over its activation block; tests/model checks every backward
// against finite differences. Internal to core/model and its tests: not an API for other areas.
//
// Legend: B batch, T time, N = B*T rows, C model width, OC output channels, F SwiGLU hidden width,
// V vocabulary, H query heads, KVH key/value heads, D head size. Every pointer carries its shape.
// Backward functions ACCUMULATE into weight gradients (+=); what they do to input gradients is said
// per function. Threading: each function runs `threads` OpenMP threads and calls sgemm from inside
// them, one slice each, so OpenBLAS itself must be single-threaded (Model sets that); results depend
// on the thread count only through row/column slicing, never on a split of a sum, so they are
// reproducible for a given thread count.
#pragma once

#include <cstdint>

namespace smolify::model::ops {

// out (N, OC) = inp (N, C) @ weight (OC, C)^T
void matmul_forward(float *out, const float *inp, const float *weight, int N, int C, int OC, int threads);
// dinp (N, C) = dout (N, OC) @ weight (OC, C)   [overwritten; skipped when dinp is null]
// dweight (OC, C) += dout^T @ inp (N, C)
void matmul_backward(float *dinp, float *dweight, const float *dout, const float *inp, const float *weight,
                     int N, int C, int OC, int threads);

// out (N, C) = inp * rstd * weight (C), rstd (N) = 1 / sqrt(mean(inp^2) + eps)
void rmsnorm_forward(float *out, float *rstd, const float *inp, const float *weight, int N, int C, float eps,
                     int threads);
// dinp (N, C) += ..., dweight (C) += ...; scratch: threads x C floats (per-thread weight sums, added in a
// fixed order)
void rmsnorm_backward(float *dinp, float *dweight, float *scratch, const float *dout, const float *inp,
                      const float *weight, const float *rstd, int N, int C, int threads);

// In place on `heads` heads of size D that start at x and sit in rows of stride ld (N rows; row n is
// position n % T). Pairs (x[2i], x[2i+1]) turn by pos * theta^(-2i/D); cos/sin tables: (T, D/2).
void rope_forward(float *x, int N, int T, int heads, int D, int ld, const float *cos, const float *sin,
                  int threads);
// The inverse rotation, applied to the gradient in place.
void rope_backward(float *dx, int N, int T, int heads, int D, int ld, const float *cos, const float *sin,
                   int threads);
// cos, sin (T, D/2)
void rope_tables(float *cos, float *sin, int T, int D, float theta);

// Causal attention. qkv (N, (H + 2 KVH) D): queries, then keys, then values; query head h reads
// key/value head h / (H / KVH). out (N, H D); probs (B, H, T, T), zero above the diagonal.
void attention_forward(float *out, float *probs, const float *qkv, int B, int T, int H, int KVH, int D,
                       int threads);
// dqkv (N, (H + 2 KVH) D) overwritten; scratch: threads x T x T floats.
void attention_backward(float *dqkv, float *scratch, const float *dout, const float *probs, const float *qkv,
                        int B, int T, int H, int KVH, int D, int threads);

// out (N, F) = silu(gu[:, :F]) * gu[:, F:], gu (N, 2F): gate columns, then up columns.
void swiglu_forward(float *out, const float *gu, int N, int F, int threads);
// dgu (N, 2F) overwritten from dout (N, F).
void swiglu_backward(float *dgu, const float *dout, const float *gu, int N, int F, int threads);

// out (N, C) = weight[tokens[n]] (V, C); a token outside [0, V) reads zeros.
void embedding_forward(float *out, const int32_t *tokens, const float *weight, int N, int C, int V,
                       int threads);
// dweight (V, C) += dout rows at their tokens (tokens outside [0, V) skipped).
void embedding_backward(float *dweight, const float *dout, const int32_t *tokens, int N, int C, int V,
                        int threads);

// Mean cross-entropy over rows whose target is in [0, V); others are not counted. probs (N, V): the
// softmax of each counted row, kept for the backward (so it needs no second pass of exp); row_loss (N)
// scratch; *count: counted rows. Returns 0 when none is counted.
float crossentropy_forward(float *probs, float *row_loss, int *count, const float *logits,
                           const int32_t *targets, int N, int V, int threads);
// In place: probs (N, V) becomes dlogits = (softmax - onehot) / count on counted rows, zero elsewhere.
void crossentropy_backward(float *probs, const int32_t *targets, int count, int N, int V, int threads);

// Weighted form: the loss is sum(weights[n] x row loss) / sum(weights[n]) over counted rows (a weight
// <= 0 does not count the row); *weight_sum gets the denominator. With every weight 1 it equals the
// unweighted mean. The trainer uses it to count the prompt's tokens at a lower weight than the output's.
float crossentropy_forward_weighted(float *probs, float *row_loss, double *weight_sum, const float *logits,
                                    const int32_t *targets, const float *weights, int N, int V, int threads);
// In place: probs becomes dlogits = weights[n] x (softmax - onehot) / weight_sum on counted rows.
void crossentropy_backward_weighted(float *probs, const int32_t *targets, const float *weights,
                                    double weight_sum, int N, int V, int threads);

}  // namespace smolify::model::ops
