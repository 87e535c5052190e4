// core/base/gguf_base.h: base GGUFs of each supported architecture, written here with random weights
// in llama.cpp's layout and key names, are read with the hyperparameters they state; everything that
// makes a file unusable as a base is refused with what is wrong.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "base/gguf_base.h"
#include "base/hf_base.h"
#include "export/gguf_writer.h"
#include "export/safetensors.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Shape {
    std::string arch = "llama";
    int64_t layers = 2, dim = 64, ffn = 128, heads = 4, kv_heads = 2, vocab = 40;
    bool tied = true;
    bool rope_freqs = false;
    std::string tokenizer = "gpt2";
};

// A base GGUF as llama.cpp's converter writes one, with random F32 (or Q8_0 for the blocks) weights.
struct BaseFile {
    std::vector<gguf::KeyValue> kvs;
    std::vector<std::vector<float>> data;  // owned tensor data
    std::vector<gguf::TensorSource> tensors;

    explicit BaseFile(const Shape &s) {
        const std::string a = s.arch;
        kvs.push_back({"general.architecture", a});
        kvs.push_back({"general.name", std::string("Test ") + a});
        kvs.push_back({a + ".block_count", static_cast<uint32_t>(s.layers)});
        kvs.push_back({a + ".context_length", uint32_t{8192}});
        kvs.push_back({a + ".embedding_length", static_cast<uint32_t>(s.dim)});
        kvs.push_back({a + ".feed_forward_length", static_cast<uint32_t>(s.ffn)});
        kvs.push_back({a + ".attention.head_count", static_cast<uint32_t>(s.heads)});
        kvs.push_back({a + ".attention.head_count_kv", static_cast<uint32_t>(s.kv_heads)});
        kvs.push_back({a + ".rope.freq_base", 500000.0f});
        kvs.push_back({a + ".attention.layer_norm_rms_epsilon", 1e-6f});
        kvs.push_back({"tokenizer.ggml.model", s.tokenizer});
        kvs.push_back({"tokenizer.ggml.pre", std::string("smaug-bpe")});
        std::vector<std::string> tokens;
        for (int64_t i = 0; i < s.vocab; ++i)
            tokens.push_back("t" + std::to_string(i));
        kvs.push_back({"tokenizer.ggml.tokens", gguf::make_string_array(tokens)});
        kvs.push_back(
            {"tokenizer.chat_template", std::string("{% for m in messages %}{{ m.content }}{% endfor %}")});

        const int64_t hd = s.dim / s.heads, q = s.heads * hd, kv = s.kv_heads * hd;
        add("token_embd.weight", {s.dim, s.vocab});
        if (s.rope_freqs) add("rope_freqs.weight", {hd / 2});
        for (int64_t l = 0; l < s.layers; ++l) {
            const std::string p = "blk." + std::to_string(l) + ".";
            add(p + "attn_norm.weight", {s.dim});
            add(p + "attn_q.weight", {s.dim, q}, gguf::GgmlType::q8_0);
            add(p + "attn_k.weight", {s.dim, kv}, gguf::GgmlType::q8_0);
            add(p + "attn_v.weight", {s.dim, kv}, gguf::GgmlType::q8_0);
            add(p + "attn_output.weight", {q, s.dim}, gguf::GgmlType::q8_0);
            if (a == "qwen2") {
                add(p + "attn_q.bias", {q});
                add(p + "attn_k.bias", {kv});
                add(p + "attn_v.bias", {kv});
            }
            if (a == "qwen3") {
                add(p + "attn_q_norm.weight", {hd});
                add(p + "attn_k_norm.weight", {hd});
            }
            add(p + "ffn_norm.weight", {s.dim});
            add(p + "ffn_gate.weight", {s.dim, s.ffn}, gguf::GgmlType::q8_0);
            add(p + "ffn_up.weight", {s.dim, s.ffn}, gguf::GgmlType::q8_0);
            add(p + "ffn_down.weight", {s.ffn, s.dim}, gguf::GgmlType::q8_0);
        }
        add("output_norm.weight", {s.dim});
        if (!s.tied) add("output.weight", {s.dim, s.vocab});
    }

    void add(const std::string &name, std::vector<int64_t> ne, gguf::GgmlType type = gguf::GgmlType::f32) {
        int64_t n = 1;
        for (int64_t d : ne)
            n *= d;
        std::mt19937 rng(static_cast<uint32_t>(data.size() + 7));
        std::normal_distribution<float> g(0.0f, 0.02f);
        std::vector<float> v(static_cast<std::size_t>(n));
        for (float &x : v)
            x = g(rng);
        data.push_back(std::move(v));
        tensors.push_back({name, type, std::move(ne), nullptr, {}});
    }

    void drop(const std::string &name) {
        for (std::size_t i = 0; i < tensors.size(); ++i)
            if (tensors[i].name == name) {
                tensors.erase(tensors.begin() + static_cast<std::ptrdiff_t>(i));
                data.erase(data.begin() + static_cast<std::ptrdiff_t>(i));
                return;
            }
    }

    void set(const std::string &key, gguf::Value value) {
        for (auto &kv : kvs)
            if (kv.key == key) {
                kv.value = std::move(value);
                return;
            }
        kvs.push_back({key, std::move(value)});
    }

    void erase(const std::string &key) {
        std::erase_if(kvs, [&](const gguf::KeyValue &kv) { return kv.key == key; });
    }

    Result<base::BaseInfo> inspect(const fs::path &path) {
        for (std::size_t i = 0; i < tensors.size(); ++i)
            tensors[i].f32 = data[i].data();
        if (Status st = gguf::write_file(path, kvs, tensors); !st) return st.error();
        return base::inspect_gguf(path);
    }
};

}  // namespace

TEST(BaseGguf, ReadsEachSupportedArchitecture) {
    test::TempDir dir;
    for (const char *arch : {"llama", "qwen2", "qwen3"}) {
        SCOPED_TRACE(arch);
        Shape s;
        s.arch = arch;
        s.tied = std::string(arch) != "llama";
        BaseFile f(s);
        auto b = f.inspect(dir / (std::string(arch) + ".gguf"));
        ASSERT_TRUE(b.ok()) << b.error().message;
        EXPECT_EQ(b->architecture, arch);
        EXPECT_EQ(b->name, std::string("Test ") + arch);
        EXPECT_EQ(b->layers, 2);
        EXPECT_EQ(b->dim, 64);
        EXPECT_EQ(b->ffn, 128);
        EXPECT_EQ(b->heads, 4);
        EXPECT_EQ(b->kv_heads, 2);  // grouped key/value heads
        EXPECT_EQ(b->head_dim, 16);
        EXPECT_EQ(b->vocab, 40);
        EXPECT_EQ(b->context, 8192);
        EXPECT_DOUBLE_EQ(b->rope_theta, 500000.0);
        EXPECT_NEAR(b->rms_eps, 1e-6, 1e-12);
        EXPECT_EQ(b->tied_embeddings, std::string(arch) != "llama");
        EXPECT_EQ(b->qkv_bias, std::string(arch) == "qwen2");
        EXPECT_EQ(b->qk_norm, std::string(arch) == "qwen3");
        EXPECT_EQ(b->tokenizer, "gpt2");
        EXPECT_EQ(b->pre_tokenizer, "smaug-bpe");
        EXPECT_TRUE(b->has_chat_template);
        EXPECT_EQ(b->weight_type, "q8_0");
        EXPECT_GT(b->parameters, 64 * 40);
        EXPECT_EQ(b->rope_scaling, "");
    }
}

TEST(BaseGguf, Llama3FrequencyScalingIsSeen) {
    test::TempDir dir;
    Shape s;
    s.rope_freqs = true;
    s.tokenizer = "llama";
    BaseFile f(s);
    auto b = f.inspect(dir / "l3.gguf");
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->rope_scaling, "llama3");
    EXPECT_EQ(b->tokenizer, "llama");
}

TEST(BaseGguf, OtherArchitecturesAreRefusedWithTheSupportedList) {
    test::TempDir dir;
    for (const char *arch : {"mamba", "gpt2", "phi3"}) {
        Shape s;
        s.arch = arch;
        BaseFile f(s);
        auto b = f.inspect(dir / (std::string(arch) + ".gguf"));
        ASSERT_FALSE(b.ok()) << arch;
        EXPECT_EQ(b.error().kind, ErrorKind::user);
        EXPECT_NE(b.error().message.find(std::string("\"") + arch + "\""), std::string::npos)
            << b.error().message;
        EXPECT_NE(b.error().message.find("llama, qwen2, qwen3"), std::string::npos) << b.error().message;
    }
    BaseFile none{Shape{}};
    none.erase("general.architecture");
    auto b = none.inspect(dir / "none.gguf");
    ASSERT_FALSE(b.ok());
    EXPECT_NE(b.error().message.find("general.architecture"), std::string::npos) << b.error().message;
}

TEST(BaseGguf, DamagedFilesAreRefusedSayingWhatIsWrong) {
    test::TempDir dir;
    auto refused = [&](BaseFile f, const std::string &what) {
        auto b = f.inspect(dir / "bad.gguf");
        ASSERT_FALSE(b.ok()) << what;
        EXPECT_EQ(b.error().kind, ErrorKind::user) << what;
        EXPECT_NE(b.error().message.find(what), std::string::npos) << b.error().message;
    };
    {
        BaseFile f{Shape{}};
        f.drop("blk.1.ffn_down.weight");
        refused(std::move(f), "blk.1.ffn_down.weight is missing");
    }
    {
        BaseFile f{Shape{}};
        f.set("llama.feed_forward_length", uint32_t{96});  // the tensors say 128
        refused(std::move(f), "blk.0.ffn_gate.weight has the shape [64, 128]");
    }
    {
        BaseFile f{Shape{}};
        f.set("llama.attention.head_count_kv", uint32_t{3});  // 4 heads cannot share 3
        refused(std::move(f), "4 attention heads cannot share 3");
    }
    {
        BaseFile f{Shape{}};
        f.set("llama.block_count", std::string("two"));
        refused(std::move(f), "llama.block_count holds a string");
    }
    {
        BaseFile f{Shape{}};
        f.set("llama.block_count", uint32_t{1u << 30});
        refused(std::move(f), "llama.block_count is 1073741824, outside");
    }
    {
        BaseFile f{Shape{}};
        f.erase("llama.embedding_length");
        refused(std::move(f), "llama.embedding_length is missing");
    }
    {
        BaseFile f{Shape{}};
        f.set("tokenizer.ggml.model", std::string("rwkv"));
        refused(std::move(f), "the tokenizer \"rwkv\" is not supported");
    }
    {
        BaseFile f{Shape{}};
        f.set("tokenizer.ggml.tokens", gguf::make_string_array({"a", "b"}));
        refused(std::move(f), "the tokenizer has 2 tokens and the embedding 40 rows");
    }
    {
        Shape s;
        s.arch = "qwen2";
        BaseFile f(s);
        f.drop("blk.0.attn_q.bias");
        refused(std::move(f), "blk.0.attn_q.bias is missing");
    }
    {
        Shape s;
        s.tied = false;
        BaseFile f(s);
        f.drop("output.weight");
        f.add("output.weight", {64, 39});  // one row short of the vocabulary
        refused(std::move(f), "output.weight has the shape [64, 39]");
    }
}

TEST(BaseGguf, CliBaseInfo) {
    test::TempDir dir;
    Shape s;
    s.arch = "qwen3";
    BaseFile f(s);
    ASSERT_TRUE(f.inspect(dir / "q3.gguf").ok());
    auto r =
        test::run_process({SMOLIFY_CLI_PATH, "base-info", (dir / "q3.gguf").string(), "--json"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_EQ(j["architecture"], "qwen3");
    EXPECT_EQ(j["qk_norm"], true);
    EXPECT_EQ(j["kv_heads"], 2);

    auto text = test::run_process({SMOLIFY_CLI_PATH, "base-info", (dir / "q3.gguf").string()}, dir.path());
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("qwen3, 2 layers of width 64"), std::string::npos) << text.out;

    Shape other;
    other.arch = "mamba";
    BaseFile m(other);
    ASSERT_FALSE(m.inspect(dir / "m.gguf").ok());
    auto refused = test::run_process({SMOLIFY_CLI_PATH, "base-info", (dir / "m.gguf").string()}, dir.path());
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("not supported as a base"), std::string::npos) << refused.err;
}

// --- Hugging Face folders (core/base/hf_base.h) ----------------------------------------------------

namespace {

// A folder as transformers saves one: config.json, BF16 weights (zeros: only shapes matter here),
// tokenizer.json, tokenizer_config.json with a chat template; `shards` > 1 splits the weights.
struct HfFolder {
    json config;
    std::vector<std::pair<std::string, std::vector<uint64_t>>> tensors;
    int shards = 1;

    explicit HfFolder(const std::string &arch, bool tied = true) {
        const uint64_t D = 64, F = 128, V = 40, H = 4, KV = 2, HD = 16;
        config = {{"model_type", arch},
                  {"num_hidden_layers", 2},
                  {"hidden_size", D},
                  {"intermediate_size", F},
                  {"num_attention_heads", H},
                  {"num_key_value_heads", KV},
                  {"max_position_embeddings", 8192},
                  {"vocab_size", V},
                  {"rope_theta", 100000.0},
                  {"rms_norm_eps", 1e-5},
                  {"tie_word_embeddings", tied}};
        tensors.push_back({"model.embed_tokens.weight", {V, D}});
        for (int l = 0; l < 2; ++l) {
            const std::string p = "model.layers." + std::to_string(l) + ".";
            for (const auto &[n, s] : std::vector<std::pair<std::string, std::vector<uint64_t>>>{
                     {"input_layernorm.weight", {D}},
                     {"self_attn.q_proj.weight", {H * HD, D}},
                     {"self_attn.k_proj.weight", {KV * HD, D}},
                     {"self_attn.v_proj.weight", {KV * HD, D}},
                     {"self_attn.o_proj.weight", {D, H * HD}},
                     {"post_attention_layernorm.weight", {D}},
                     {"mlp.gate_proj.weight", {F, D}},
                     {"mlp.up_proj.weight", {F, D}},
                     {"mlp.down_proj.weight", {D, F}}})
                tensors.push_back({p + n, s});
            if (arch == "qwen2")
                for (const auto &[n, k] :
                     std::vector<std::pair<std::string, uint64_t>>{{"self_attn.q_proj.bias", H * HD},
                                                                   {"self_attn.k_proj.bias", KV * HD},
                                                                   {"self_attn.v_proj.bias", KV * HD}})
                    tensors.push_back({p + n, {k}});
            if (arch == "qwen3") {
                tensors.push_back({p + "self_attn.q_norm.weight", {HD}});
                tensors.push_back({p + "self_attn.k_norm.weight", {HD}});
            }
        }
        tensors.push_back({"model.norm.weight", {D}});
        if (!tied) tensors.push_back({"lm_head.weight", {V, D}});
    }

    Result<base::BaseInfo> inspect(const fs::path &dir) const {
        fs::create_directories(dir);
        std::ofstream(dir / "config.json") << config.dump(2);
        std::ofstream(dir / "tokenizer.json")
            << json{{"model", {{"type", "BPE"}, {"vocab", json::object()}}}}.dump();
        std::ofstream(dir / "tokenizer_config.json") << json{{"chat_template", "{{ messages }}"}}.dump();
        std::vector<std::vector<uint8_t>> bytes;
        std::vector<std::vector<safetensors::WriteTensor>> parts(static_cast<std::size_t>(shards));
        json weight_map = json::object();
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            uint64_t n = 1;
            for (uint64_t d : tensors[i].second)
                n *= d;
            bytes.emplace_back(n * 2, 0);
        }
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            const std::size_t part = i % parts.size();
            parts[part].push_back({tensors[i].first, safetensors::Dtype::bf16, tensors[i].second, bytes[i]});
            weight_map[tensors[i].first] = "model-0000" + std::to_string(part + 1) + ".safetensors";
        }
        if (shards == 1) {
            if (Status st = safetensors::write(dir / "model.safetensors", parts[0]); !st) return st.error();
        } else {
            for (std::size_t p = 0; p < parts.size(); ++p)
                if (Status st = safetensors::write(
                        dir / ("model-0000" + std::to_string(p + 1) + ".safetensors"), parts[p]);
                    !st)
                    return st.error();
            std::ofstream(dir / "model.safetensors.index.json") << json{{"weight_map", weight_map}}.dump();
        }
        return base::inspect_base(dir);
    }
};

}  // namespace

TEST(BaseHf, ReadsEachSupportedArchitectureFromAFolder) {
    test::TempDir dir;
    for (const char *arch : {"llama", "qwen2", "qwen3"}) {
        SCOPED_TRACE(arch);
        HfFolder f(arch, std::string(arch) != "llama");
        if (std::string(arch) == "qwen3") f.shards = 2;
        auto b = f.inspect(dir / arch);
        ASSERT_TRUE(b.ok()) << b.error().message;
        EXPECT_EQ(b->architecture, arch);
        EXPECT_EQ(b->layers, 2);
        EXPECT_EQ(b->dim, 64);
        EXPECT_EQ(b->kv_heads, 2);
        EXPECT_EQ(b->head_dim, 16);
        EXPECT_EQ(b->vocab, 40);
        EXPECT_DOUBLE_EQ(b->rope_theta, 100000.0);
        EXPECT_EQ(b->tokenizer, "gpt2");
        EXPECT_TRUE(b->has_chat_template);
        EXPECT_EQ(b->weight_type, "bf16");
        EXPECT_EQ(b->tied_embeddings, std::string(arch) != "llama");
        EXPECT_EQ(b->qkv_bias, std::string(arch) == "qwen2");
        EXPECT_EQ(b->qk_norm, std::string(arch) == "qwen3");
    }
}

TEST(BaseHf, BadFoldersAreRefusedSayingWhatIsWrong) {
    test::TempDir dir;
    int n = 0;
    auto refused = [&](const HfFolder &f, const std::string &what) {
        auto b = f.inspect(dir / ("f" + std::to_string(n++)));
        ASSERT_FALSE(b.ok()) << what;
        EXPECT_EQ(b.error().kind, ErrorKind::user) << what;
        EXPECT_NE(b.error().message.find(what), std::string::npos) << b.error().message;
    };
    refused(HfFolder("mistral"), "\"mistral\" is not supported as a base; supported: llama, qwen2, qwen3");
    {
        HfFolder f("llama", false);
        f.config["intermediate_size"] = 96;
        refused(f, "mlp.gate_proj.weight has the shape [128, 64]");
    }
    {
        HfFolder f("qwen2");
        f.config["num_key_value_heads"] = 3;
        refused(f, "4 attention heads cannot share 3");
    }
    {
        HfFolder f("qwen2");
        std::erase_if(f.tensors,
                      [](const auto &t) { return t.first == "model.layers.1.mlp.up_proj.weight"; });
        refused(f, "model.layers.1.mlp.up_proj.weight is missing");
    }
    {
        HfFolder f("llama", false);
        f.config["vocab_size"] = "forty";
        refused(f, "\"vocab_size\" is not a whole number");
    }
    auto none = base::inspect_base(dir.path());
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("config.json"), std::string::npos) << none.error().message;
}
