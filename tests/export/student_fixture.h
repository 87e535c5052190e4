// Shared by the student export tests: a SentencePiece BPE vocabulary trained in memory with
// engine-notes.md's options, and a random student laid out as model.h's tensors() contract says
// (built here rather than by core/model so that the export tests do not depend on the trainer's
// engine).
#pragma once

#include <gtest/gtest.h>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "export/gguf_student.h"

namespace smolify::test {

using namespace smolify::gguf;


// ---- a SentencePiece BPE model trained in memory, with engine-notes.md's options ---------------------
class Lines : public sentencepiece::SentenceIterator {
public:
    explicit Lines(std::vector<std::string> lines) : m_lines(std::move(lines)) {}
    bool done() const override { return m_i >= m_lines.size(); }
    void Next() override { ++m_i; }
    const std::string &value() const override { return m_lines[m_i]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    std::vector<std::string> m_lines;
    std::size_t m_i = 0;
};

inline std::vector<std::string> corpus() {
    const std::vector<std::string> words = {"the",     "patient", "reports", "mild",  "pain",   "in",     "left",
                                            "knee",    "after",   "running", "a",     "summary", "of",    "contract",
                                            "between", "parties", "café",    "naïve", "crème",  "über",   "value",
                                            "is",      "42",      "and",     "2024",  "total",  "price",  "€"};
    std::mt19937 rng(1);
    std::vector<std::string> lines;
    for (int i = 0; i < 400; ++i) {
        std::string line;
        const int n = 4 + static_cast<int>(rng() % 10);
        for (int k = 0; k < n; ++k) line += (k ? " " : "") + words[rng() % words.size()];
        lines.push_back(line + ".");
    }
    return lines;
}

inline std::unique_ptr<sentencepiece::SentencePieceProcessor> train_sentencepiece() {
    Lines lines(corpus());
    std::string model;
    const auto st = sentencepiece::SentencePieceTrainer::Train(
        "--model_type=bpe --vocab_size=400 --byte_fallback=true --character_coverage=1.0 "
        "--normalization_rule_name=identity --remove_extra_whitespaces=false --split_digits=true "
        "--hard_vocab_limit=false --max_sentence_length=100000 --num_threads=2 "
        "--control_symbols=<|im_start|>,<|im_end|> --minloglevel=2",
        &lines, &model);
    if (!st.ok()) {
        ADD_FAILURE() << "SentencePiece training failed: " << st.ToString();
        return nullptr;
    }
    auto sp = std::make_unique<sentencepiece::SentencePieceProcessor>();
    if (!sp->LoadFromSerializedProto(model).ok()) return nullptr;
    return sp;
}

inline Vocabulary vocabulary_of(const sentencepiece::SentencePieceProcessor &sp) {
    Vocabulary v;
    for (int i = 0; i < sp.GetPieceSize(); ++i) {
        v.pieces.push_back(sp.IdToPiece(i));
        v.scores.push_back(sp.GetScore(i));
        v.types.push_back(sp.IsUnknown(i)   ? TokenType::unknown
                          : sp.IsControl(i) ? TokenType::control
                          : sp.IsUnused(i)  ? TokenType::unused
                          : sp.IsByte(i)    ? TokenType::byte
                                            : TokenType::normal);
    }
    v.bos_id = sp.bos_id();
    v.eos_id = sp.eos_id();
    v.unk_id = sp.unk_id();
    v.pad_id = sp.pad_id();
    v.add_bos = false;
    return v;
}

// ---- a random student, laid out as model.h's tensors() contract says ------------------------------
struct Student {
    model::Config config;
    std::vector<model::TensorInfo> tensors;
    std::vector<float> params;
};

inline Student random_student(int vocab, bool tied, uint32_t seed) {
    Student s;
    model::Config &c = s.config;
    c.vocab = vocab;
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 160;
    c.max_seq = 128;
    c.tied = tied;
    std::size_t offset = 0;
    auto add = [&](std::string name, std::vector<int64_t> shape, bool norm) {
        model::TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.size = 1;
        for (int64_t d : t.shape) t.size *= static_cast<std::size_t>(d);
        t.offset = offset;
        t.is_norm = norm;
        offset += t.size;
        s.tensors.push_back(std::move(t));
    };
    const int64_t d = c.dim, kv = c.kv_dim(), f = c.ffn, v = c.vocab;
    add("token_embd.weight", {v, d}, false);
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        add(b + "attn_norm.weight", {d}, true);
        add(b + "attn_q.weight", {d, d}, false);
        add(b + "attn_k.weight", {kv, d}, false);
        add(b + "attn_v.weight", {kv, d}, false);
        add(b + "attn_output.weight", {d, d}, false);
        add(b + "ffn_norm.weight", {d}, true);
        add(b + "ffn_gate.weight", {f, d}, false);
        add(b + "ffn_up.weight", {f, d}, false);
        add(b + "ffn_down.weight", {d, f}, false);
    }
    add("output_norm.weight", {d}, true);
    if (!tied) add("output.weight", {v, d}, false);
    s.params.resize(offset);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    for (const auto &t : s.tensors)
        for (std::size_t i = 0; i < t.size; ++i) s.params[t.offset + i] = t.is_norm ? 1.0f + normal(rng) : normal(rng);
    return s;
}

inline void expect_same_config(const model::Config &a, const model::Config &b) {
    EXPECT_EQ(a.vocab, b.vocab);
    EXPECT_EQ(a.dim, b.dim);
    EXPECT_EQ(a.layers, b.layers);
    EXPECT_EQ(a.heads, b.heads);
    EXPECT_EQ(a.kv_heads, b.kv_heads);
    EXPECT_EQ(a.ffn, b.ffn);
    EXPECT_EQ(a.max_seq, b.max_seq);
    EXPECT_EQ(a.rope_theta, b.rope_theta);
    EXPECT_EQ(a.norm_eps, b.norm_eps);
    EXPECT_EQ(a.tied, b.tied);
}

inline StudentExportParams params_for(ExportType type) {
    StudentExportParams p;
    p.type = type;
    p.metadata.name = "Triage student";
    p.metadata.description = "Sorts patient messages by urgency";
    p.metadata.license = "apache-2.0";
    p.metadata.system_instruction = "Classify the message: urgent, soon or routine.";
    p.metadata.prompt_format = "chatml";
    return p;
}

struct Fixture {
    std::unique_ptr<sentencepiece::SentencePieceProcessor> sp;
    Vocabulary vocab;
};
inline const Fixture &fixture() {
    static Fixture f = [] {
        Fixture x;
        x.sp = train_sentencepiece();
        if (x.sp) x.vocab = vocabulary_of(*x.sp);
        return x;
    }();
    return f;
}

inline std::string find_node() {
    std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
    std::string dir;
    while (std::getline(path, dir, ':'))
        if (!dir.empty() && ::access((dir + "/node").c_str(), X_OK) == 0) return dir + "/node";
    return {};
}

// Empty when `node` runs as Node.js 20 or newer, which gguf-check's node-llama-cpp needs (on Debian 12's
// Node.js 18 it fails with a syntax error from inside the package); else what to do about it.
inline std::string node_problem(const std::string &node) {
    if (node.empty()) return "gguf-check is installed but node is not on PATH (scripts/node.sh finds or brings one)";
    std::string version;
    if (std::FILE *f = ::popen(("'" + node + "' --version 2>/dev/null").c_str(), "r")) {
        char buf[64];
        while (std::fgets(buf, sizeof buf, f))
            version += buf;
        ::pclose(f);
    }
    while (!version.empty() && (version.back() == '\n' || version.back() == '\r' || version.back() == ' '))
        version.pop_back();
    int major = 0;
    if (version.size() > 1 && version[0] == 'v') major = std::atoi(version.c_str() + 1);
    if (major >= 20) return {};
    return node + " is Node.js " + (version.empty() ? std::string("of an unknown version") : version) +
           "; llama.cpp's checks need 20 or newer: run with PATH=\"$(scripts/node.sh):$PATH\" (scripts/test.sh does)";
}

// SentencePiece's ids for text in which the control tokens are written out: each stretch of plain
// text is encoded on its own (SentencePiece never matches control symbols in text), the control
// tokens go in as their ids. This is what llama.cpp does with special-token parsing on.
inline std::vector<int> encode_with_controls(const sentencepiece::SentencePieceProcessor &sp, std::string text) {
    std::vector<int> ids;
    const std::vector<std::string> controls = {"<|im_start|>", "<|im_end|>"};
    while (!text.empty()) {
        std::size_t at = std::string::npos, len = 0;
        for (const auto &c : controls)
            if (auto p = text.find(c); p < at) at = p, len = c.size();
        std::vector<int> part;
        EXPECT_TRUE(sp.Encode(text.substr(0, at), &part).ok());
        ids.insert(ids.end(), part.begin(), part.end());
        if (at == std::string::npos) break;
        ids.push_back(sp.PieceToId(text.substr(at, len)));
        text.erase(0, at + len);
    }
    return ids;
}


}  // namespace smolify::test
