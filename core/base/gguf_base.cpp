#include "base/gguf_base.h"

#include "base/layout.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>
#include <variant>

namespace smolify::base {

using namespace detail;

namespace {

// ggml's type name in lower case, as Smolify names export types ("q8_0").
std::string type_text(gguf::GgmlType t) {
    return lower(gguf::ggml_type_name(static_cast<uint32_t>(t)));
}

std::string join(const std::vector<std::string> &items) {
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

// A whole number of any integer type (files differ: u32, i32, u64).
std::optional<int64_t> whole(const gguf::Value &v) {
    return std::visit(
        [](const auto &x) -> std::optional<int64_t> {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
                if constexpr (std::is_unsigned_v<T>)
                    if (x > static_cast<T>(INT64_MAX)) return std::nullopt;
                return static_cast<int64_t>(x);
            } else {
                return std::nullopt;
            }
        },
        v);
}

std::optional<double> real(const gguf::Value &v) {
    if (const float *f = std::get_if<float>(&v)) return *f;
    if (const double *d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
}

class Reader {
public:
    Reader(const gguf::File &file, std::string arch) : m_file(file), m_arch(std::move(arch)) {}

    Error error(const std::string &what) const { return user_error(m_file.label() + ": " + what); }

    // `<arch>.<key>` as a whole number within [lo, hi]; `fallback` when absent (nullopt: required).
    Result<int64_t> count(const std::string &key, int64_t lo, int64_t hi,
                          std::optional<int64_t> fallback = std::nullopt) const {
        const std::string full = m_arch + "." + key;
        const gguf::Value *v = m_file.find(full);
        if (!v) {
            if (fallback) return *fallback;
            return error("the key " + full + " is missing: the file does not say the model's " + key);
        }
        auto n = whole(*v);
        if (!n)
            return error("the key " + full + " holds a " +
                         std::string(gguf::type_name(gguf::value_type(*v))) +
                         ", not a whole number (a file with one value per layer is not supported)");
        if (*n < lo || *n > hi)
            return error("the key " + full + " is " + std::to_string(*n) + ", outside " + std::to_string(lo) +
                         ".." + std::to_string(hi));
        return *n;
    }

    Result<double> number(const std::string &key, double lo, double hi, double fallback) const {
        const std::string full = m_arch + "." + key;
        const gguf::Value *v = m_file.find(full);
        if (!v) return fallback;
        auto x = real(*v);
        if (!x) {
            if (auto n = whole(*v)) x = static_cast<double>(*n);
        }
        if (!x || !std::isfinite(*x) || *x < lo || *x > hi)
            return error("the key " + full + " is not a number within " + std::to_string(lo) + ".." +
                         std::to_string(hi));
        return *x;
    }

    std::string text(std::string_view key) const {
        const gguf::Value *v = m_file.find(key);
        const std::string *s = v ? std::get_if<std::string>(v) : nullptr;
        return s ? *s : std::string();
    }

    // Tensor `name` with exactly the dimensions `ne` (ggml order).
    Status expect(const std::string &name, std::vector<int64_t> ne) const {
        const gguf::TensorInfo *t = m_file.tensor(name);
        if (!t) return error("the tensor " + name + " is missing");
        if (t->ne != ne)
            return error("the tensor " + name + " has the shape " + shape_text(t->ne) + ", and the model's " +
                         "hyperparameters need " + shape_text(ne));
        return {};
    }

private:
    const gguf::File &m_file;
    std::string m_arch;
};

}  // namespace

const std::vector<std::string> &supported_architectures() {
    static const std::vector<std::string> kArchs = {"llama", "qwen2", "qwen3"};
    return kArchs;
}

nlohmann::json BaseInfo::to_json() const {
    return {{"architecture", architecture},
            {"name", name},
            {"layers", layers},
            {"dim", dim},
            {"ffn", ffn},
            {"heads", heads},
            {"kv_heads", kv_heads},
            {"head_dim", head_dim},
            {"context", context},
            {"vocab", vocab},
            {"rope_theta", rope_theta},
            {"rms_eps", rms_eps},
            {"rope_scaling", rope_scaling},
            {"tied_embeddings", tied_embeddings},
            {"qkv_bias", qkv_bias},
            {"qk_norm", qk_norm},
            {"tokenizer", tokenizer},
            {"pre_tokenizer", pre_tokenizer},
            {"chat_template", has_chat_template},
            {"parameters", parameters},
            {"weight_type", weight_type},
            {"types", types}};
}

Result<BaseInfo> inspect_gguf(const gguf::File &file) {
    BaseInfo b;
    const gguf::Value *arch = file.find("general.architecture");
    const std::string *arch_name = arch ? std::get_if<std::string>(arch) : nullptr;
    if (!arch_name)
        return user_error(file.label() +
                          ": general.architecture is missing, so the file does not say what model it "
                          "holds; a base must be one of: " +
                          join(supported_architectures()));
    const auto &archs = supported_architectures();
    if (std::find(archs.begin(), archs.end(), *arch_name) == archs.end())
        return user_error(file.label() + ": the architecture \"" + *arch_name +
                          "\" is not supported as a base; supported: " + join(archs));
    b.architecture = *arch_name;
    Reader r(file, b.architecture);
    b.name = r.text("general.name");

    auto layers = r.count("block_count", 1, kMaxLayers);
    if (!layers) return layers.error();
    auto dim = r.count("embedding_length", 1, kMaxDim);
    if (!dim) return dim.error();
    auto ffn = r.count("feed_forward_length", 1, kMaxFfn);
    if (!ffn) return ffn.error();
    auto heads = r.count("attention.head_count", 1, kMaxHeads);
    if (!heads) return heads.error();
    auto kv = r.count("attention.head_count_kv", 1, *heads, *heads);
    if (!kv) return kv.error();
    auto head_dim = r.count("attention.key_length", 1, kMaxDim, *dim / *heads);
    if (!head_dim) return head_dim.error();
    if (const std::string problem = head_problem(*heads, *kv, *head_dim); !problem.empty())
        return r.error(problem);
    auto context = r.count("context_length", 1, kMaxContext, 2048);
    if (!context) return context.error();
    auto theta = r.number("rope.freq_base", 1, 1e12, 10000);
    if (!theta) return theta.error();
    auto eps = r.number("attention.layer_norm_rms_epsilon", 1e-12, 1e-1, 1e-5);
    if (!eps) return eps.error();
    b.layers = *layers;
    b.dim = *dim;
    b.ffn = *ffn;
    b.heads = *heads;
    b.kv_heads = *kv;
    b.head_dim = *head_dim;
    b.context = *context;
    b.rope_theta = *theta;
    b.rms_eps = *eps;

    // The vocabulary: the embedding's rows, which the tokenizer's list must match.
    const gguf::TensorInfo *embd = file.tensor("token_embd.weight");
    if (!embd) return r.error("the tensor token_embd.weight (the token embedding) is missing");
    if (embd->ne.size() != 2 || embd->ne[0] != b.dim)
        return r.error("the tensor token_embd.weight is not a matrix of rows of " + std::to_string(b.dim));
    b.vocab = embd->ne[1];
    b.tokenizer = r.text("tokenizer.ggml.model");
    b.pre_tokenizer = r.text("tokenizer.ggml.pre");
    if (b.tokenizer.empty()) return r.error("tokenizer.ggml.model is missing: the file embeds no tokenizer");
    if (b.tokenizer != "llama" && b.tokenizer != "gpt2")
        return r.error("the tokenizer \"" + b.tokenizer +
                       "\" is not supported; supported: llama (SentencePiece), gpt2 (byte-level BPE)");
    if (const gguf::Value *tokens = file.find("tokenizer.ggml.tokens")) {
        const gguf::Array *a = std::get_if<gguf::Array>(tokens);
        if (!a || a->type != gguf::Type::string)
            return r.error("tokenizer.ggml.tokens is not a list of strings");
        if (static_cast<int64_t>(a->size()) != b.vocab)
            return r.error("the tokenizer has " + std::to_string(a->size()) + " tokens and the embedding " +
                           std::to_string(b.vocab) + " rows");
    } else {
        return r.error("tokenizer.ggml.tokens is missing: the file embeds no vocabulary");
    }
    b.has_chat_template = !r.text("tokenizer.chat_template").empty();

    // RoPE scaling: Llama 3's frequency factors, or a declared type.
    const std::string scaling = r.text(b.architecture + ".rope.scaling.type");
    if (file.tensor("rope_freqs.weight")) {
        if (Status st = r.expect("rope_freqs.weight", {b.head_dim / 2}); !st) return st.error();
        b.rope_scaling = "llama3";
    } else if (!scaling.empty() && scaling != "none") {
        b.rope_scaling = scaling;
    }

    // Every tensor the architecture needs, with the shapes the hyperparameters imply.
    b.qkv_bias = file.tensor("blk.0.attn_q.bias") != nullptr;
    b.qk_norm = file.tensor("blk.0.attn_q_norm.weight") != nullptr;
    if (b.architecture == "qwen2" && !b.qkv_bias)
        return r.error("a qwen2 model has biases on q, k and v, and blk.0.attn_q.bias is missing");
    if (b.architecture == "qwen3" && !b.qk_norm)
        return r.error("a qwen3 model has RMS norms on q and k, and blk.0.attn_q_norm.weight is missing");
    b.tied_embeddings = file.tensor("output.weight") == nullptr;
    for (const NeededTensor &t : needed_tensors(b))
        if (Status st = r.expect(t.gguf, t.ne); !st) return st.error();

    std::set<std::string> types;
    for (const gguf::TensorInfo &t : file.tensors()) {
        b.parameters += t.elements;
        types.insert(type_text(t.type));
    }
    b.types.assign(types.begin(), types.end());
    b.weight_type = type_text(file.tensor("blk.0.attn_q.weight")->type);
    return b;
}

Result<BaseInfo> inspect_gguf(const std::filesystem::path &path) {
    auto file = gguf::File::open(path);
    if (!file) return file.error();
    return inspect_gguf(**file);
}

}  // namespace smolify::base
