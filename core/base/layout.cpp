#include "base/layout.h"

#include <cctype>

namespace smolify::base::detail {

std::string head_problem(int64_t heads, int64_t kv_heads, int64_t head_dim) {
    if (kv_heads <= 0 || heads % kv_heads != 0)
        return std::to_string(heads) + " attention heads cannot share " + std::to_string(kv_heads) +
               " key/value heads evenly";
    if (head_dim % 2 != 0) return "the head size " + std::to_string(head_dim) + " is odd; RoPE needs pairs";
    return {};
}

std::vector<NeededTensor> needed_tensors(const BaseInfo &b) {
    const int64_t q = b.heads * b.head_dim, kv = b.kv_heads * b.head_dim;
    std::vector<NeededTensor> out;
    out.push_back({"token_embd.weight", "model.embed_tokens.weight", {b.dim, b.vocab}});
    for (int64_t l = 0; l < b.layers; ++l) {
        const std::string g = "blk." + std::to_string(l) + ".", h = "model.layers." + std::to_string(l) + ".";
        auto add = [&](const char *gguf, const char *hf, std::vector<int64_t> ne) {
            out.push_back({g + gguf, h + hf, std::move(ne)});
        };
        add("attn_norm.weight", "input_layernorm.weight", {b.dim});
        add("attn_q.weight", "self_attn.q_proj.weight", {b.dim, q});
        add("attn_k.weight", "self_attn.k_proj.weight", {b.dim, kv});
        add("attn_v.weight", "self_attn.v_proj.weight", {b.dim, kv});
        add("attn_output.weight", "self_attn.o_proj.weight", {q, b.dim});
        if (b.qkv_bias) {
            add("attn_q.bias", "self_attn.q_proj.bias", {q});
            add("attn_k.bias", "self_attn.k_proj.bias", {kv});
            add("attn_v.bias", "self_attn.v_proj.bias", {kv});
        }
        if (b.qk_norm) {
            add("attn_q_norm.weight", "self_attn.q_norm.weight", {b.head_dim});
            add("attn_k_norm.weight", "self_attn.k_norm.weight", {b.head_dim});
        }
        add("ffn_norm.weight", "post_attention_layernorm.weight", {b.dim});
        add("ffn_gate.weight", "mlp.gate_proj.weight", {b.dim, b.ffn});
        add("ffn_up.weight", "mlp.up_proj.weight", {b.dim, b.ffn});
        add("ffn_down.weight", "mlp.down_proj.weight", {b.ffn, b.dim});
    }
    out.push_back({"output_norm.weight", "model.norm.weight", {b.dim}});
    if (!b.tied_embeddings) out.push_back({"output.weight", "lm_head.weight", {b.dim, b.vocab}});
    return out;
}

std::string shape_text(const std::vector<int64_t> &dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

std::string lower(std::string s) {
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace smolify::base::detail
