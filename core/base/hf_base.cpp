#include "base/hf_base.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "export/safetensors.h"
#include "util/fs.h"

namespace smolify::base {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxJsonBytes = 64u << 20;  // config.json, the index, tokenizer_config.json

// A read-only mapping of a whole file, unmapped on destruction.
class Mapping {
public:
    ~Mapping() {
        if (m_data) ::munmap(m_data, m_size);
    }
    Status open(const fs::path &path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return user_error("cannot open " + path.string());
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            return user_error(path.string() + " is not a regular file");
        }
        m_size = static_cast<std::size_t>(st.st_size);
        if (m_size == 0) {
            ::close(fd);
            return user_error(path.string() + " is empty");
        }
        void *p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p == MAP_FAILED) return user_error("cannot map " + path.string());
        m_data = p;
        return {};
    }
    std::span<const uint8_t> bytes() const { return {static_cast<const uint8_t *>(m_data), m_size}; }

private:
    void *m_data = nullptr;
    std::size_t m_size = 0;
};

Result<json> read_json(const fs::path &path) {
    auto text = read_file(path, kMaxJsonBytes);
    if (!text) return text.error();
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return user_error(path.string() + " is not a JSON object");
    return j;
}

std::string lower(std::string s) {
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Config {
    const json &j;
    std::string file;

    // A whole number within [lo, hi]; `fallback` when absent (negative: required).
    Result<int64_t> count(const char *key, int64_t lo, int64_t hi, int64_t fallback = -1) const {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (fallback >= 0) return fallback;
            return user_error(file + ": \"" + key + "\" is missing");
        }
        if (!it->is_number_integer()) return user_error(file + ": \"" + key + "\" is not a whole number");
        const int64_t n = it->get<int64_t>();
        if (n < lo || n > hi)
            return user_error(file + ": \"" + key + "\" is " + std::to_string(n) + ", outside " +
                              std::to_string(lo) + ".." + std::to_string(hi));
        return n;
    }
    Result<double> number(const char *key, double lo, double hi, double fallback) const {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return fallback;
        if (!it->is_number() || !(it->get<double>() >= lo && it->get<double>() <= hi))
            return user_error(file + ": \"" + key + "\" is not a number within " + std::to_string(lo) + ".." +
                              std::to_string(hi));
        return it->get<double>();
    }
};

}  // namespace

Result<BaseInfo> inspect_hf_folder(const fs::path &dir) {
    const fs::path config_path = dir / "config.json";
    std::error_code ec;
    if (!fs::is_regular_file(config_path, ec))
        return user_error(dir.string() + " has no config.json: it is not a Hugging Face model folder");
    auto config = read_json(config_path);
    if (!config) return config.error();
    const Config c{*config, config_path.string()};

    BaseInfo b;
    b.architecture = config->value("model_type", "");
    const auto &archs = supported_architectures();
    if (b.architecture.empty())
        return user_error(c.file + ": \"model_type\" is missing; a base must be one of: llama, qwen2, qwen3");
    if (std::find(archs.begin(), archs.end(), b.architecture) == archs.end())
        return user_error(c.file + ": the architecture \"" + b.architecture +
                          "\" is not supported as a base; supported: llama, qwen2, qwen3");
    b.name = dir.filename().string();
    auto layers = c.count("num_hidden_layers", 1, 1024);
    if (!layers) return layers.error();
    auto dim = c.count("hidden_size", 1, 1 << 16);
    if (!dim) return dim.error();
    auto ffn = c.count("intermediate_size", 1, 1 << 18);
    if (!ffn) return ffn.error();
    auto heads = c.count("num_attention_heads", 1, 1024);
    if (!heads) return heads.error();
    auto kv = c.count("num_key_value_heads", 1, *heads, *heads);
    if (!kv) return kv.error();
    if (*heads % *kv != 0)
        return user_error(c.file + ": " + std::to_string(*heads) + " attention heads cannot share " +
                          std::to_string(*kv) + " key/value heads evenly");
    auto head_dim = c.count("head_dim", 2, 1 << 16, *dim / *heads);
    if (!head_dim) return head_dim.error();
    if (*head_dim % 2 != 0) return user_error(c.file + ": the head size is odd; RoPE needs pairs");
    auto context = c.count("max_position_embeddings", 1, 1 << 24, 2048);
    if (!context) return context.error();
    auto vocab = c.count("vocab_size", 1, 1 << 24);
    if (!vocab) return vocab.error();
    auto theta = c.number("rope_theta", 1, 1e12, 10000);
    if (!theta) return theta.error();
    auto eps = c.number("rms_norm_eps", 1e-12, 1e-1, 1e-6);
    if (!eps) return eps.error();
    b.layers = *layers;
    b.dim = *dim;
    b.ffn = *ffn;
    b.heads = *heads;
    b.kv_heads = *kv;
    b.head_dim = *head_dim;
    b.context = *context;
    b.vocab = *vocab;
    b.rope_theta = *theta;
    b.rms_eps = *eps;
    if (const auto it = config->find("rope_scaling"); it != config->end() && it->is_object())
        b.rope_scaling = it->value("rope_type", it->value("type", ""));
    const auto tie = config->find("tie_word_embeddings");
    // Qwen's and SmolLM's configs say so; Llama's default is untied.
    const bool tied_declared = tie != config->end() && tie->is_boolean() && tie->get<bool>();

    // The tokenizer: byte-level BPE in tokenizer.json, or a SentencePiece model.
    if (fs::is_regular_file(dir / "tokenizer.model", ec)) {
        b.tokenizer = "llama";
    } else if (fs::is_regular_file(dir / "tokenizer.json", ec)) {
        auto tj = read_json(dir / "tokenizer.json");
        if (!tj) return tj.error();
        const std::string type = tj->contains("model") && (*tj)["model"].is_object()
                                     ? (*tj)["model"].value("type", "")
                                     : std::string();
        if (type != "BPE")
            return user_error(
                (dir / "tokenizer.json").string() + ": the tokenizer model \"" + type +
                "\" is not supported; supported: BPE (byte-level), or a SentencePiece tokenizer.model");
        b.tokenizer = "gpt2";
    } else {
        return user_error(dir.string() + " has neither tokenizer.json nor tokenizer.model");
    }
    if (fs::is_regular_file(dir / "tokenizer_config.json", ec)) {
        auto tc = read_json(dir / "tokenizer_config.json");
        if (!tc) return tc.error();
        const auto it = tc->find("chat_template");
        b.has_chat_template = it != tc->end() && ((it->is_string() && !it->get<std::string>().empty()) ||
                                                  (it->is_array() && !it->empty()));
    }

    // The weights: one file, or shards named by the index. Each file is mapped and its header checked.
    std::vector<fs::path> files;
    if (fs::is_regular_file(dir / "model.safetensors.index.json", ec)) {
        auto index = read_json(dir / "model.safetensors.index.json");
        if (!index) return index.error();
        const auto it = index->find("weight_map");
        if (it == index->end() || !it->is_object())
            return user_error((dir / "model.safetensors.index.json").string() +
                              " has no \"weight_map\" object");
        std::set<std::string> shards;
        for (const auto &[name, file] : it->items()) {
            if (!file.is_string()) return user_error("the weight map names a file that is not a string");
            const std::string f = file.get<std::string>();
            if (f.empty() || f.find('/') != std::string::npos || f == "." || f == "..")
                return user_error("the weight map names \"" + f + "\", not a file in the folder");
            shards.insert(f);
        }
        for (const std::string &f : shards)
            files.push_back(dir / f);
    } else if (fs::is_regular_file(dir / "model.safetensors", ec)) {
        files.push_back(dir / "model.safetensors");
    } else {
        return user_error(dir.string() + " has no model.safetensors (nor model.safetensors.index.json)");
    }
    std::map<std::string, safetensors::TensorInfo> tensors;
    for (const fs::path &f : files) {
        Mapping map;
        if (Status st = map.open(f); !st) return st.error();
        auto parsed = safetensors::parse(map.bytes(), f.string());
        if (!parsed) return parsed.error();
        for (const auto &t : parsed->tensors) {
            if (!tensors.emplace(t.name, t).second)
                return user_error(f.string() + ": the tensor " + t.name + " is also in another shard");
            b.parameters += static_cast<int64_t>(t.elements());
        }
    }

    auto expect = [&](const std::string &name, std::vector<uint64_t> shape) -> Status {
        const auto it = tensors.find(name);
        if (it == tensors.end()) return user_error(dir.string() + ": the tensor " + name + " is missing");
        if (it->second.shape != shape) {
            auto text = [](const std::vector<uint64_t> &d) {
                std::string s = "[";
                for (std::size_t i = 0; i < d.size(); ++i)
                    s += (i ? ", " : "") + std::to_string(d[i]);
                return s + "]";
            };
            return user_error(dir.string() + ": the tensor " + name + " has the shape " +
                              text(it->second.shape) + ", and config.json's hyperparameters need " +
                              text(shape));
        }
        return {};
    };
    const auto D = static_cast<uint64_t>(b.dim), F = static_cast<uint64_t>(b.ffn),
               V = static_cast<uint64_t>(b.vocab);
    const auto Q = static_cast<uint64_t>(b.heads * b.head_dim),
               KV = static_cast<uint64_t>(b.kv_heads * b.head_dim);
    const auto HD = static_cast<uint64_t>(b.head_dim);
    if (Status st = expect("model.embed_tokens.weight", {V, D}); !st) return st.error();
    b.qkv_bias = tensors.count("model.layers.0.self_attn.q_proj.bias") > 0;
    b.qk_norm = tensors.count("model.layers.0.self_attn.q_norm.weight") > 0;
    if (b.architecture == "qwen2" && !b.qkv_bias)
        return user_error(dir.string() +
                          ": a qwen2 model has biases on q, k and v, and "
                          "model.layers.0.self_attn.q_proj.bias is missing");
    if (b.architecture == "qwen3" && !b.qk_norm)
        return user_error(dir.string() +
                          ": a qwen3 model has RMS norms on q and k, and "
                          "model.layers.0.self_attn.q_norm.weight is missing");
    for (int64_t l = 0; l < b.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        const std::vector<std::pair<std::string, std::vector<uint64_t>>> need = {
            {"input_layernorm.weight", {D}},      {"self_attn.q_proj.weight", {Q, D}},
            {"self_attn.k_proj.weight", {KV, D}}, {"self_attn.v_proj.weight", {KV, D}},
            {"self_attn.o_proj.weight", {D, Q}},  {"post_attention_layernorm.weight", {D}},
            {"mlp.gate_proj.weight", {F, D}},     {"mlp.up_proj.weight", {F, D}},
            {"mlp.down_proj.weight", {D, F}}};
        for (const auto &[name, shape] : need)
            if (Status st = expect(p + name, shape); !st) return st.error();
        if (b.qkv_bias)
            for (const auto &[name, n] : {std::pair<const char *, uint64_t>{"self_attn.q_proj.bias", Q},
                                          {"self_attn.k_proj.bias", KV},
                                          {"self_attn.v_proj.bias", KV}})
                if (Status st = expect(p + name, {n}); !st) return st.error();
        if (b.qk_norm)
            for (const char *name : {"self_attn.q_norm.weight", "self_attn.k_norm.weight"})
                if (Status st = expect(p + name, {HD}); !st) return st.error();
    }
    if (Status st = expect("model.norm.weight", {D}); !st) return st.error();
    b.tied_embeddings = tensors.count("lm_head.weight") == 0;
    if (!b.tied_embeddings) {
        if (Status st = expect("lm_head.weight", {V, D}); !st) return st.error();
    } else if (!tied_declared && b.architecture == "llama") {
        return user_error(c.file + ": lm_head.weight is missing and \"tie_word_embeddings\" is not true");
    }
    std::set<std::string> types;
    for (const auto &[name, t] : tensors)
        types.insert(lower(std::string(safetensors::dtype_name(t.dtype))));
    b.types.assign(types.begin(), types.end());
    b.weight_type = lower(
        std::string(safetensors::dtype_name(tensors.at("model.layers.0.self_attn.q_proj.weight").dtype)));
    return b;
}

Result<BaseInfo> inspect_base(const fs::path &path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return inspect_hf_folder(path);
    return inspect_gguf(path);
}

}  // namespace smolify::base
