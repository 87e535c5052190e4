#!/usr/bin/python3
# transformers' LlamaForCausalLM forward pass, re-implemented with torch alone (transformers is not
# installable on the test machines), for tests/export/export_hf_test.cpp: it loads a Hugging Face
# folder Smolify wrote exactly as transformers would (config.json, model.safetensors parsed here)
# and prints the logits of the given token ids as JSON.
#
# What it follows from transformers' modeling_llama.py, step by step: embedding lookup; per layer
# RMSNorm computed in float32 (x * rsqrt(mean(x^2) + eps), then times the weight), q/k/v projections,
# rotary embedding with inv_freq = 1 / theta^(arange(0, d, 2) / d), cos/sin of cat(freqs, freqs) and
# q * cos + rotate_half(q) * sin where rotate_half(x) = cat(-x2, x1), repeat_kv for grouped KV heads,
# scores scaled by head_dim^-0.5 with an additive causal mask of the dtype's minimum, softmax in
# float32, o_proj, residual, RMSNorm, down(silu(gate(x)) * up(x)), residual; final RMSNorm; lm_head,
# or the embedding when tie_word_embeddings is true.
#
# Usage: hf_reference.py FOLDER IDS_JSON  (IDS_JSON: a JSON list of token ids)
# Prints {"logits": [[vocab floats] per position]}.
import json
import struct
import sys

import numpy as np
import torch


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise SystemExit("unexpected dtype %s for %s" % (info["dtype"], name))
        begin, end = info["data_offsets"]
        arr = np.frombuffer(data[base + begin : base + end], dtype="<f4").reshape(info["shape"])
        tensors[name] = torch.from_numpy(arr.copy())
    return tensors, header.get("__metadata__", {})


def rms_norm(x, weight, eps):
    dtype = x.dtype
    h = x.to(torch.float32)
    variance = h.pow(2).mean(-1, keepdim=True)
    h = h * torch.rsqrt(variance + eps)
    return weight * h.to(dtype)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def repeat_kv(x, n_rep):
    b, n_kv, t, hd = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, n_kv, n_rep, t, hd).reshape(b, n_kv * n_rep, t, hd)


def forward(folder, ids):
    with open(folder + "/config.json") as f:
        cfg = json.load(f)
    if cfg.get("model_type") != "llama" or cfg.get("architectures") != ["LlamaForCausalLM"]:
        raise SystemExit("not a LlamaForCausalLM config")
    if cfg.get("hidden_act") != "silu" or cfg.get("attention_bias") or cfg.get("mlp_bias"):
        raise SystemExit("config asks for something this reference does not implement")
    w, meta = load_safetensors(folder + "/model.safetensors")
    if meta.get("format") != "pt":
        raise SystemExit("transformers refuses safetensors whose metadata format is not 'pt'")
    hidden = cfg["hidden_size"]
    n_heads = cfg["num_attention_heads"]
    n_kv = cfg.get("num_key_value_heads", n_heads)
    hd = cfg.get("head_dim", hidden // n_heads)
    eps = cfg["rms_norm_eps"]
    theta = cfg.get("rope_theta", 10000.0)
    tied = cfg.get("tie_word_embeddings", False)
    T = len(ids)

    tokens = torch.tensor([ids], dtype=torch.long)
    x = torch.nn.functional.embedding(tokens, w["model.embed_tokens.weight"])

    inv_freq = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    position_ids = torch.arange(T)[None, :]
    freqs = (inv_freq[None, :, None].float() @ position_ids[:, None, :].float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos = emb.cos()[:, None, :, :]
    sin = emb.sin()[:, None, :, :]

    mask = torch.full((T, T), torch.finfo(torch.float32).min).triu(1)[None, None, :, :]
    for layer in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % layer
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (h @ w[p + "self_attn.q_proj.weight"].T).view(1, T, n_heads, hd).transpose(1, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).view(1, T, n_kv, hd).transpose(1, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).view(1, T, n_kv, hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = repeat_kv(k, n_heads // n_kv)
        v = repeat_kv(v, n_heads // n_kv)
        scores = torch.matmul(q, k.transpose(2, 3)) * (hd ** -0.5) + mask
        probs = torch.nn.functional.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        a = torch.matmul(probs, v).transpose(1, 2).reshape(1, T, n_heads * hd)
        x = x + a @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = torch.nn.functional.silu(h @ w[p + "mlp.gate_proj.weight"].T)
        x = x + (gate * (h @ w[p + "mlp.up_proj.weight"].T)) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if tied else w["lm_head.weight"]
    return (x @ head.T)[0]


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: hf_reference.py FOLDER IDS_JSON")
    torch.set_num_threads(1)
    with torch.no_grad():
        logits = forward(sys.argv[1], json.loads(sys.argv[2]))
    json.dump({"logits": logits.tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
