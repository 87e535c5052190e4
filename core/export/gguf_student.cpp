// Student export and import (gguf_student.h): the llama-arch key set of engine-notes.md, written with
// the key types llama.cpp insists on (u32 integers, f32 floats, bool flags).
#include "export/gguf_student.h"

#include <cmath>
#include <map>
#include <set>

#include "export/gguf_writer.h"
#include "export/quant.h"
#include "util/text.h"

namespace smolify::gguf {

namespace {

constexpr uint32_t kQuantizationVersion = 2;  // ggml's GGML_QNT_VERSION for Q4_0/Q8_0 as written here
constexpr uint32_t kSmolifyFormat = 1;

struct Expected {
    std::string name;
    std::vector<int64_t> shape;  // row-major {out, in}, or {n} for a norm
    bool is_norm = false;
};

// The tensors a config implies, in the order they are written (model.h's layout contract).
std::vector<Expected> expected_tensors(const model::Config &c) {
    const int64_t d = c.dim, f = c.ffn, v = c.vocab, kv = c.kv_dim();
    std::vector<Expected> e;
    e.push_back({"token_embd.weight", {v, d}, false});
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        e.push_back({b + "attn_norm.weight", {d}, true});
        e.push_back({b + "attn_q.weight", {d, d}, false});
        e.push_back({b + "attn_k.weight", {kv, d}, false});
        e.push_back({b + "attn_v.weight", {kv, d}, false});
        e.push_back({b + "attn_output.weight", {d, d}, false});
        e.push_back({b + "ffn_norm.weight", {d}, true});
        e.push_back({b + "ffn_gate.weight", {f, d}, false});
        e.push_back({b + "ffn_up.weight", {f, d}, false});
        e.push_back({b + "ffn_down.weight", {d, f}, false});
    }
    e.push_back({"output_norm.weight", {d}, true});
    if (!c.tied) e.push_back({"output.weight", {v, d}, false});
    return e;
}

std::string shape_text(std::span<const int64_t> s) {
    std::string out = "{";
    for (std::size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "}";
}

// The checks GGUF and llama.cpp need; the model's own Config::validate() is stricter.
Status check_config(const model::Config &c) {
    auto bad = [](const std::string &what) { return user_error("cannot export: model config " + what); };
    if (c.vocab < 2 || c.dim <= 0 || c.layers <= 0 || c.heads <= 0 || c.kv_heads <= 0 || c.ffn <= 0 ||
        c.max_seq <= 0)
        return bad("has a field that is zero or negative");
    if (c.dim % c.heads != 0 || c.heads % c.kv_heads != 0)
        return bad("has heads that do not divide dim or heads");
    if (c.layers > 1000) return bad("has too many layers");
    if (!(c.rope_theta > 0.0f) || !std::isfinite(c.rope_theta)) return bad("has a bad rope_theta");
    if (!(c.norm_eps > 0.0f) || !std::isfinite(c.norm_eps)) return bad("has a bad norm_eps");
    return {};
}

GgmlType matrix_type(ExportType t) {
    switch (t) {
        case ExportType::f32:
            return GgmlType::f32;
        case ExportType::f16:
            return GgmlType::f16;
        case ExportType::q8_0:
            return GgmlType::q8_0;
        case ExportType::q4_0:
            return GgmlType::q4_0;
    }
    return GgmlType::f32;
}

// Conversions from file values to Config's ints, refusing what an int cannot hold.
Status to_int(const File &f, const char *key, int &out) {
    auto v = f.get<uint32_t>(key);
    if (!v) return v.error();
    if (*v == 0 || *v > 1'000'000'000u)
        return user_error(f.label() + ": key " + key + " is " + std::to_string(*v) +
                          ", outside 1..1000000000");
    out = static_cast<int>(*v);
    return {};
}

Status special_id(const File &f, const char *key, uint32_t vocab, int32_t &out) {
    const Value *v = f.find(key);
    if (!v) return {};
    const auto *id = std::get_if<uint32_t>(v);
    if (!id)
        return user_error(f.label() + ": key " + key + " has type " + std::string(type_name(value_type(*v))) +
                          ", expected u32");
    if (*id >= vocab)
        return user_error(f.label() + ": key " + key + " is " + std::to_string(*id) +
                          ", not below the vocabulary size " + std::to_string(vocab));
    out = static_cast<int32_t>(*id);
    return {};
}

Status optional_bool(const File &f, const char *key, bool &out) {
    if (!f.find(key)) return {};
    auto v = f.get<bool>(key);
    if (!v) return v.error();
    out = *v;
    return {};
}

Status optional_string(const File &f, const char *key, std::string &out) {
    if (!f.find(key)) return {};
    auto v = f.get<std::string>(key);
    if (!v) return v.error();
    out = std::move(*v);
    return {};
}

}  // namespace

Status Vocabulary::validate() const {
    auto bad = [](const std::string &what) { return user_error("vocabulary: " + what); };
    if (pieces.empty()) return bad("has no pieces");
    if (scores.size() != pieces.size() || types.size() != pieces.size())
        return bad("has " + std::to_string(pieces.size()) + " pieces but " + std::to_string(scores.size()) +
                   " scores and " + std::to_string(types.size()) + " types");
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::string id = "piece " + std::to_string(i);
        if (pieces[i].empty()) return bad(id + " is empty");
        if (!utf8_valid(pieces[i])) return bad(id + " is not valid UTF-8");
        if (!seen.insert(pieces[i]).second) return bad(id + " ('" + pieces[i] + "') appears twice");
        if (!std::isfinite(scores[i])) return bad(id + " has a score that is not a finite number");
        const auto t = static_cast<int32_t>(types[i]);
        if (t < 1 || t > 6) return bad(id + " has unknown type " + std::to_string(t));
    }
    const auto n = static_cast<int64_t>(pieces.size());
    for (auto [name, v] : {std::pair{"bos", bos_id}, {"eos", eos_id}, {"unk", unk_id}, {"pad", pad_id}})
        if (v < -1 || v >= n) return bad(std::string(name) + " id " + std::to_string(v) + " is out of range");
    return {};
}

std::string chatml_template() {
    return "{% for message in messages %}"
           "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
           "{% endfor %}"
           "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}

std::string_view export_type_name(ExportType t) {
    switch (t) {
        case ExportType::f32:
            return "f32";
        case ExportType::f16:
            return "f16";
        case ExportType::q8_0:
            return "q8_0";
        case ExportType::q4_0:
            return "q4_0";
    }
    return "?";
}

Result<ExportType> parse_export_type(std::string_view name) {
    for (ExportType t : {ExportType::f32, ExportType::f16, ExportType::q8_0, ExportType::q4_0})
        if (export_type_name(t) == name) return t;
    return user_error("unknown export type '" + std::string(name) + "' (f32, f16, q8_0 or q4_0)");
}

uint32_t export_file_type(ExportType t) {
    switch (t) {
        case ExportType::f32:
            return 0;
        case ExportType::f16:
            return 1;
        case ExportType::q8_0:
            return 7;
        case ExportType::q4_0:
            return 2;
    }
    return 0;
}

Status export_student_gguf(const std::filesystem::path &path, const model::Config &config,
                           std::span<const float> params, std::span<const model::TensorInfo> tensors,
                           const Vocabulary &vocab, const StudentExportParams &p) {
    if (Status s = check_config(config); !s) return s;
    if (Status s = vocab.validate(); !s) return s;
    if (vocab.pieces.size() != static_cast<std::size_t>(config.vocab))
        return user_error("cannot export: the vocabulary has " + std::to_string(vocab.pieces.size()) +
                          " pieces but the model was built for " + std::to_string(config.vocab));

    // Match the model's tensors to the ones the config implies, shapes and bounds included.
    std::map<std::string_view, const model::TensorInfo *> by_name;
    for (const auto &t : tensors)
        by_name[t.name] = &t;
    const std::vector<Expected> expected = expected_tensors(config);
    if (by_name.size() != expected.size() || tensors.size() != expected.size())
        return user_error("cannot export: the model has " + std::to_string(tensors.size()) +
                          " tensors, the config implies " + std::to_string(expected.size()));
    std::vector<TensorSource> sources;
    sources.reserve(expected.size());
    for (const auto &e : expected) {
        auto it = by_name.find(e.name);
        if (it == by_name.end()) return user_error("cannot export: the model has no tensor " + e.name);
        const model::TensorInfo &t = *it->second;
        if (t.shape != e.shape)
            return user_error("cannot export: tensor " + e.name + " has shape " + shape_text(t.shape) +
                              ", the config implies " + shape_text(e.shape));
        std::size_t n = 1;
        for (int64_t d : e.shape)
            n *= static_cast<std::size_t>(d);
        if (t.size != n || t.offset > params.size() || n > params.size() - t.offset)
            return user_error("cannot export: tensor " + e.name + " lies outside the parameters");
        TensorSource s;
        s.name = e.name;
        // ggml's ne is the row-major shape reversed: {out, in} -> {in, out}.
        s.ne.assign(e.shape.rbegin(), e.shape.rend());
        s.f32 = params.data() + t.offset;
        s.type = e.is_norm ? GgmlType::f32 : matrix_type(p.type);
        if (!row_fits(s.type, s.ne[0])) s.type = GgmlType::f16;
        sources.push_back(std::move(s));
    }

    const auto u32 = [](int v) { return static_cast<uint32_t>(v); };
    std::vector<int32_t> types(vocab.types.size());
    for (std::size_t i = 0; i < types.size(); ++i)
        types[i] = static_cast<int32_t>(vocab.types[i]);
    const StudentMetadata &m = p.metadata;
    std::vector<KeyValue> kv;
    kv.push_back({"general.architecture", std::string("llama")});
    kv.push_back({"general.name", m.name.empty() ? std::string("smolify-student") : m.name});
    if (!m.description.empty()) kv.push_back({"general.description", m.description});
    if (!m.license.empty()) kv.push_back({"general.license", m.license});
    kv.push_back({"general.alignment", kDefaultAlignment});
    kv.push_back({"general.file_type", export_file_type(p.type)});
    if (p.type == ExportType::q8_0 || p.type == ExportType::q4_0)
        kv.push_back({"general.quantization_version", kQuantizationVersion});
    kv.push_back({"llama.context_length", u32(config.max_seq)});
    kv.push_back({"llama.embedding_length", u32(config.dim)});
    kv.push_back({"llama.block_count", u32(config.layers)});
    kv.push_back({"llama.feed_forward_length", u32(config.ffn)});
    kv.push_back({"llama.attention.head_count", u32(config.heads)});
    kv.push_back({"llama.attention.head_count_kv", u32(config.kv_heads)});
    kv.push_back({"llama.rope.dimension_count", u32(config.head_dim())});
    kv.push_back({"llama.rope.freq_base", config.rope_theta});
    kv.push_back({"llama.attention.layer_norm_rms_epsilon", config.norm_eps});
    kv.push_back({"llama.vocab_size", u32(config.vocab)});
    kv.push_back({"tokenizer.ggml.model", std::string("llama")});
    kv.push_back({"tokenizer.ggml.tokens", make_string_array(vocab.pieces)});
    kv.push_back({"tokenizer.ggml.scores", make_array<float>(vocab.scores)});
    kv.push_back({"tokenizer.ggml.token_type", make_array<int32_t>(types)});
    if (vocab.bos_id >= 0) kv.push_back({"tokenizer.ggml.bos_token_id", static_cast<uint32_t>(vocab.bos_id)});
    if (vocab.eos_id >= 0) kv.push_back({"tokenizer.ggml.eos_token_id", static_cast<uint32_t>(vocab.eos_id)});
    if (vocab.unk_id >= 0)
        kv.push_back({"tokenizer.ggml.unknown_token_id", static_cast<uint32_t>(vocab.unk_id)});
    if (vocab.pad_id >= 0)
        kv.push_back({"tokenizer.ggml.padding_token_id", static_cast<uint32_t>(vocab.pad_id)});
    kv.push_back({"tokenizer.ggml.add_bos_token", vocab.add_bos});
    kv.push_back({"tokenizer.ggml.add_eos_token", vocab.add_eos});
    kv.push_back({"tokenizer.ggml.add_space_prefix", vocab.add_space_prefix});
    kv.push_back({"tokenizer.chat_template", m.chat_template});
    kv.push_back({"smolify.format_version", kSmolifyFormat});
    kv.push_back({"smolify.system_instruction", m.system_instruction});
    kv.push_back({"smolify.prompt_format", m.prompt_format});
    if (!m.task_kind.empty()) kv.push_back({"smolify.task.kind", m.task_kind});
    if (!m.labels.empty()) kv.push_back({"smolify.task.labels", make_string_array(m.labels)});
    if (!m.sentencepiece_model.empty())
        kv.push_back(
            {"smolify.tokenizer.sentencepiece",
             make_array<uint8_t>(std::span(reinterpret_cast<const uint8_t *>(m.sentencepiece_model.data()),
                                           m.sentencepiece_model.size()))});

    WriteParams wp;
    wp.hooks = p.hooks;
    return write_file(path, kv, sources, wp);
}

Result<std::vector<std::string>> read_task_labels(const File &f) {
    const Value *lv = f.find("smolify.task.labels");
    if (!lv) return std::vector<std::string>{};
    const auto *a = std::get_if<Array>(lv);
    if (!a || a->type != Type::string)
        return user_error(f.label() + ": key smolify.task.labels must be an array of strings");
    if (a->strings.size() > 200)
        return user_error(f.label() + ": smolify.task.labels holds " + std::to_string(a->strings.size()) +
                          " labels (at most 200)");
    for (const auto &l : a->strings)
        if (l.empty() || l.size() > 200)
            return user_error(f.label() + ": smolify.task.labels has an empty or over-long label");
    return a->strings;
}

Result<StudentHeader> read_student_header(const File &f) {
    StudentHeader h;
    auto arch = f.get<std::string>("general.architecture");
    if (!arch) return arch.error();
    if (*arch != "llama")
        return user_error(f.label() + ": architecture '" + *arch + "' is not llama, which Smolify runs");
    model::Config &c = h.config;
    int rope_dims = 0;
    for (auto [key, field] : {std::pair{"llama.context_length", &c.max_seq},
                              {"llama.embedding_length", &c.dim},
                              {"llama.block_count", &c.layers},
                              {"llama.feed_forward_length", &c.ffn},
                              {"llama.attention.head_count", &c.heads},
                              {"llama.rope.dimension_count", &rope_dims}})
        if (Status s = to_int(f, key, *field); !s) return s.error();
    // head_count_kv is optional in llama.cpp (defaults to head_count).
    c.kv_heads = c.heads;
    if (f.find("llama.attention.head_count_kv"))
        if (Status s = to_int(f, "llama.attention.head_count_kv", c.kv_heads); !s) return s.error();
    auto theta = f.get<float>("llama.rope.freq_base");
    if (!theta) return theta.error();
    auto eps = f.get<float>("llama.attention.layer_norm_rms_epsilon");
    if (!eps) return eps.error();
    c.rope_theta = *theta;
    c.norm_eps = *eps;
    if (c.dim % c.heads != 0)
        return user_error(f.label() + ": head_count " + std::to_string(c.heads) +
                          " does not divide embedding_length " + std::to_string(c.dim));
    if (c.heads % c.kv_heads != 0)
        return user_error(f.label() + ": head_count_kv " + std::to_string(c.kv_heads) +
                          " does not divide head_count " + std::to_string(c.heads));
    if (rope_dims != c.head_dim())
        return user_error(f.label() + ": rope.dimension_count " + std::to_string(rope_dims) +
                          " is not the head size " + std::to_string(c.head_dim()) +
                          " (Smolify rotates whole heads)");
    if (Status s = check_config(c); !s) return user_error(f.label() + ": " + s.error().message);

    auto tokens = f.get<Array>("tokenizer.ggml.tokens");
    if (!tokens) return tokens.error();
    if (tokens->type != Type::string)
        return user_error(f.label() + ": tokenizer.ggml.tokens is not an array of strings");
    auto model_name = f.get<std::string>("tokenizer.ggml.model");
    if (!model_name) return model_name.error();
    if (*model_name != "llama")
        return user_error(f.label() + ": tokenizer '" + *model_name + "' is not SentencePiece ('llama')");
    const uint64_t n = tokens->strings.size();
    if (n < 2 || n > 1'000'000)
        return user_error(f.label() + ": a vocabulary of " + std::to_string(n) + " tokens");
    c.vocab = static_cast<int>(n);
    if (const Value *vs = f.find("llama.vocab_size")) {
        const auto *vsz = std::get_if<uint32_t>(vs);
        if (!vsz)
            return user_error(f.label() + ": key llama.vocab_size has type " +
                              std::string(type_name(value_type(*vs))) + ", expected u32");
        if (*vsz != n)
            return user_error(f.label() + ": llama.vocab_size is " + std::to_string(*vsz) +
                              " but there are " + std::to_string(n) + " tokens");
    }
    Vocabulary &v = h.vocab;
    v.pieces = std::move(tokens->strings);
    auto scores = f.get<Array>("tokenizer.ggml.scores");
    if (!scores) return scores.error();
    if (scores->type != Type::f32 || scores->size() != n)
        return user_error(f.label() + ": tokenizer.ggml.scores must be " + std::to_string(n) + " f32 values");
    auto types = f.get<Array>("tokenizer.ggml.token_type");
    if (!types) return types.error();
    if (types->type != Type::i32 || types->size() != n)
        return user_error(f.label() + ": tokenizer.ggml.token_type must be " + std::to_string(n) +
                          " i32 values");
    v.scores.resize(n);
    v.types.resize(n);
    for (uint64_t i = 0; i < n; ++i) {
        v.scores[i] = scores->at<float>(i);
        v.types[i] = static_cast<TokenType>(types->at<int32_t>(i));
    }
    const auto vocab = static_cast<uint32_t>(n);
    if (Status s = special_id(f, "tokenizer.ggml.bos_token_id", vocab, v.bos_id); !s) return s.error();
    if (Status s = special_id(f, "tokenizer.ggml.eos_token_id", vocab, v.eos_id); !s) return s.error();
    if (Status s = special_id(f, "tokenizer.ggml.unknown_token_id", vocab, v.unk_id); !s) return s.error();
    if (Status s = special_id(f, "tokenizer.ggml.padding_token_id", vocab, v.pad_id); !s) return s.error();
    if (Status s = optional_bool(f, "tokenizer.ggml.add_bos_token", v.add_bos); !s) return s.error();
    if (Status s = optional_bool(f, "tokenizer.ggml.add_eos_token", v.add_eos); !s) return s.error();
    if (Status s = optional_bool(f, "tokenizer.ggml.add_space_prefix", v.add_space_prefix); !s)
        return s.error();
    if (Status s = v.validate(); !s) return user_error(f.label() + ": " + s.error().message);

    StudentMetadata &m = h.metadata;
    m.chat_template.clear();
    for (auto [key, field] : {std::pair{"general.name", &m.name},
                              {"general.description", &m.description},
                              {"general.license", &m.license},
                              {"tokenizer.chat_template", &m.chat_template},
                              {"smolify.system_instruction", &m.system_instruction},
                              {"smolify.prompt_format", &m.prompt_format},
                              {"smolify.task.kind", &m.task_kind}})
        if (Status s = optional_string(f, key, *field); !s) return s.error();
    auto labels = read_task_labels(f);
    if (!labels) return labels.error();
    m.labels = std::move(*labels);
    if (const Value *spm = f.find("smolify.tokenizer.sentencepiece")) {
        const auto *a = std::get_if<Array>(spm);
        if (!a || a->type != Type::u8)
            return user_error(f.label() + ": key smolify.tokenizer.sentencepiece must be an array of u8");
        m.sentencepiece_model.assign(a->data.begin(), a->data.end());
    }
    if (f.find("general.file_type")) {
        auto ft = f.get<uint32_t>("general.file_type");
        if (!ft) return ft.error();
        h.file_type = *ft;
    }

    // Tensors: each one the config implies, with its shape; no others.
    c.tied = f.tensor("output.weight") == nullptr;
    const std::vector<Expected> expected = expected_tensors(c);
    for (const auto &e : expected) {
        const TensorInfo *t = f.tensor(e.name);
        if (!t) return user_error(f.label() + ": the tensor " + e.name + " is missing");
        const std::vector<int64_t> ne(e.shape.rbegin(), e.shape.rend());
        if (t->ne != ne)
            return user_error(f.label() + ": tensor " + e.name + " has shape " + shape_text(t->ne) +
                              " (ggml order), expected " + shape_text(ne));
    }
    if (f.tensors().size() != expected.size())
        return user_error(f.label() + ": the file has " + std::to_string(f.tensors().size()) +
                          " tensors, the llama "
                          "hyper-parameters imply " +
                          std::to_string(expected.size()));
    return h;
}

}  // namespace smolify::gguf
