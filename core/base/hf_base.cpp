#include "base/hf_base.h"

#include "base/layout.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "export/safetensors.h"
#include "util/fs.h"

namespace smolify::base {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace detail;

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
    auto layers = c.count("num_hidden_layers", 1, kMaxLayers);
    if (!layers) return layers.error();
    auto dim = c.count("hidden_size", 1, kMaxDim);
    if (!dim) return dim.error();
    auto ffn = c.count("intermediate_size", 1, kMaxFfn);
    if (!ffn) return ffn.error();
    auto heads = c.count("num_attention_heads", 1, kMaxHeads);
    if (!heads) return heads.error();
    auto kv = c.count("num_key_value_heads", 1, *heads, *heads);
    if (!kv) return kv.error();
    auto head_dim = c.count("head_dim", 1, kMaxDim, *dim / *heads);
    if (!head_dim) return head_dim.error();
    if (const std::string problem = head_problem(*heads, *kv, *head_dim); !problem.empty())
        return user_error(c.file + ": " + problem);
    auto context = c.count("max_position_embeddings", 1, kMaxContext, 2048);
    if (!context) return context.error();
    auto vocab = c.count("vocab_size", 1, kMaxVocab);
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

    // Each needed tensor in PyTorch's order, the reverse of ggml's.
    auto expect = [&](const std::string &name, const std::vector<int64_t> &ne) -> Status {
        const auto it = tensors.find(name);
        if (it == tensors.end()) return user_error(dir.string() + ": the tensor " + name + " is missing");
        const std::vector<int64_t> want(ne.rbegin(), ne.rend());
        const std::vector<int64_t> have(it->second.shape.begin(), it->second.shape.end());
        if (have != want)
            return user_error(dir.string() + ": the tensor " + name + " has the shape " + shape_text(have) +
                              ", and config.json's hyperparameters need " + shape_text(want));
        return {};
    };
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
    b.tied_embeddings = tensors.count("lm_head.weight") == 0;
    if (b.tied_embeddings && !tied_declared && b.architecture == "llama")
        return user_error(c.file + ": lm_head.weight is missing and \"tie_word_embeddings\" is not true");
    for (const NeededTensor &t : needed_tensors(b))
        if (Status st = expect(t.hf, t.ne); !st) return st.error();
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
