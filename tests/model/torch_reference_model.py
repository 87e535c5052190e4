#!/usr/bin/env python3
"""Independent PyTorch implementation of the student (core/model) for model_torch_test.

Reads DIR/meta.json (config, batch shape, tensor table), DIR/params.f32 (the parameters in table order),
DIR/tokens.i32 and DIR/targets.i32 (B x T), runs the same architecture in float64 with autograd and
writes DIR/out.f64: the loss, then the logits (B x T x vocab), then the gradients in table order.
Exit 3 when torch cannot be imported (the test then skips).
"""
import json, math, sys

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit(3)

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
cfg, B, T = meta["config"], meta["batch"], meta["seq"]
flat = np.fromfile(f"{d}/params.f32", dtype=np.float32).astype(np.float64)
tokens = torch.from_numpy(np.fromfile(f"{d}/tokens.i32", dtype=np.int32).astype(np.int64)).view(B, T)
targets = torch.from_numpy(np.fromfile(f"{d}/targets.i32", dtype=np.int32).astype(np.int64)).view(B, T)

W = {}
for t in meta["tensors"]:
    W[t["name"]] = torch.tensor(flat[t["offset"]:t["offset"] + t["size"]].reshape(t["shape"]), requires_grad=True)

C, H, KVH, L = cfg["dim"], cfg["heads"], cfg["kv_heads"], cfg["layers"]
D = C // H
eps = cfg["norm_eps"]


def rmsnorm(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


# Rotation of adjacent pairs (x[2i], x[2i+1]) by t * theta^(-2i/D), as llama.cpp's `llama` does.
inv = cfg["rope_theta"] ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)
ang = torch.outer(torch.arange(T, dtype=torch.float64), inv)
cos, sin = ang.cos(), ang.sin()


def rope(x):  # (B, heads, T, D)
    a, b = x[..., 0::2], x[..., 1::2]
    return torch.stack((a * cos - b * sin, a * sin + b * cos), -1).flatten(-2)


x = W["token_embd.weight"][tokens]
mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
for l in range(L):
    p = lambda n: W[f"blk.{l}.{n}.weight"]
    h = rmsnorm(x, p("attn_norm"))
    q = (h @ p("attn_q").T).view(B, T, H, D).transpose(1, 2)
    k = (h @ p("attn_k").T).view(B, T, KVH, D).transpose(1, 2)
    v = (h @ p("attn_v").T).view(B, T, KVH, D).transpose(1, 2)
    q, k = rope(q), rope(k)
    k, v = k.repeat_interleave(H // KVH, 1), v.repeat_interleave(H // KVH, 1)
    att = (q @ k.transpose(-1, -2)) / math.sqrt(D)
    att = torch.softmax(att.masked_fill(mask, float("-inf")), -1)
    x = x + (att @ v).transpose(1, 2).reshape(B, T, C) @ p("attn_output").T
    h = rmsnorm(x, p("ffn_norm"))
    x = x + (F.silu(h @ p("ffn_gate").T) * (h @ p("ffn_up").T)) @ p("ffn_down").T
head = W["token_embd.weight"] if cfg["tied"] else W["output.weight"]
logits = rmsnorm(x, W["output_norm.weight"]) @ head.T
tg = targets.clone()
tg[(tg < 0) | (tg >= cfg["vocab"])] = -100
loss = F.cross_entropy(logits.reshape(-1, cfg["vocab"]), tg.reshape(-1), ignore_index=-100)
loss.backward()

out = [np.array([loss.item()]), logits.detach().numpy().reshape(-1)]
out += [W[t["name"]].grad.numpy().reshape(-1) for t in meta["tensors"]]
np.concatenate(out).astype(np.float64).tofile(f"{d}/out.f64")
