// The Hugging Face folder, the model card and the Ollama Modelfile.
//
// The folder is proven right against an independent implementation of transformers'
// LlamaForCausalLM (hf_reference.py, torch only: transformers itself is not installable here): for
// tied and untied heads and grouped KV heads, its logits from config.json + model.safetensors equal
// Smolify's own forward pass on the same tokens within 1e-4 of the largest logit. Also: config.json's
// fields, Smolify's safetensors reader reads the file back, the RoPE row permutation (explicit indices
// and round trip), tokenizer.model is the stored tokenizer and tokenizes alike, a foreign folder is
// refused. The card carries the counts and the teacher host and never a key; a canary key set in the
// environment appears in no written file. The Modelfile's TEMPLATE renders the training prompt, read
// back the way Ollama's parser reads a Modelfile. The bundle (core/export/bundle.h) writes the GGUF,
// card, Modelfile and folder in one call, lists the export and says when its file is gone, and
// quotes the paths of its run commands. Skips the torch comparisons only when torch cannot be
// imported.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "base/hf_base.h"
#include "export/bundle.h"
#include "export/hf_export.h"
#include "export/model_card.h"
#include "export/modelfile.h"
#include "export/safetensors.h"
#include "infer/infer.h"
#include "infer/runner.h"
#include "model/model.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "text/chat_format.h"
#include "train/train_util.h"
#include "util/fs.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

constexpr const char *kCanaryEnv = "SMOLIFY_HF_TEST_CANARY_KEY";
constexpr const char *kCanary = "sk-canary-hf-7f3a9c1d2e";

struct Trained {
    test::TempDir dir;
    fs::path project_path;
    std::unique_ptr<store::Project> project;
};

// A project with a teacher whose key lives in a canary environment variable, trained for a few steps.
Trained &trained() {
    static Trained t;
    static const bool done = [] {
        ::setenv(kCanaryEnv, kCanary, 1);
        t.project_path = t.dir / "tickets.smolify";
        t.project = test::make_training_project(t.project_path, 60, 7, 3);
        if (!t.project) return false;
        store::TeacherConfig teacher;
        teacher.base_url = "https://user:secret@api.example.com:8443/v1?token=abc";
        teacher.model = "big-teacher-1";
        teacher.key_env = kCanaryEnv;
        EXPECT_TRUE(t.project->set_teacher(teacher).ok());
        auto p = test::tiny_train_params();
        p.max_steps = 20;
        auto r = train::train(*t.project, p);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok();
    }();
    if (!done) t.project.reset();
    return t;
}

std::string slurp(const fs::path &p) {
    auto bytes = read_file(p, std::size_t(1) << 30);
    EXPECT_TRUE(bytes.ok()) << p;
    return bytes.ok() ? *bytes : std::string();
}

bool torch_available() {
    return std::system("/usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1") == 0;
}

// Smolify's logits for `tokens` from a model::Model holding `params`.
std::vector<float> smolify_logits(const model::Config &c, std::span<const float> params,
                                  const std::vector<int32_t> &tokens) {
    auto made = model::Model::create(c, 1, int(tokens.size()));
    EXPECT_TRUE(made.ok());
    if (!made) return {};
    model::Model &m = **made;
    m.set_threads(2);
    std::copy(params.begin(), params.end(), m.params().begin());
    m.forward(tokens.data(), nullptr, 1, int(tokens.size()));
    return {m.logits().begin(), m.logits().end()};
}

// The reference's logits for the folder, flattened (positions x vocab).
std::vector<double> reference_logits(const fs::path &folder, const std::vector<int32_t> &tokens,
                                     const fs::path &scratch) {
    const std::string script = std::string(SMOLIFY_SOURCE_DIR) + "/tests/export/hf_reference.py";
    auto r = test::run_process({"/usr/bin/python3", script, folder.string(), nlohmann::json(tokens).dump()}, scratch);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<double> out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded() || !j.contains("logits")) {
        ADD_FAILURE() << "the reference printed no logits: " << r.out.substr(0, 400) << r.err;
        return out;
    }
    for (const auto &row : j["logits"])
        for (const auto &v : row) out.push_back(v.get<double>());
    return out;
}

// A tokenizer for the folders of models made up in the test (no project needed: the reference
// comparisons only need a vocabulary of the right kind).
const text::Tokenizer &standalone_tokenizer() {
    static std::unique_ptr<text::Tokenizer> tok = [] {
        std::vector<std::string> corpus;
        for (int i = 0; i < 200; ++i) corpus.push_back(test::ticket_sample(i).input + " " + test::ticket_sample(i).output);
        text::TokenizerTrainParams tp;
        tp.vocab_size = 400;
        tp.threads = 2;
        auto t = text::Tokenizer::train(corpus, tp);
        EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
        return t.ok() ? std::move(*t) : nullptr;
    }();
    EXPECT_TRUE(tok);
    return *tok;
}

void compare_with_reference(int heads, int kv_heads, bool tied) {
    if (!torch_available()) GTEST_SKIP() << "torch cannot be imported by /usr/bin/python3";
    const text::Tokenizer &tok = standalone_tokenizer();
    model::Config c;
    c.vocab = tok.vocab_size();
    c.dim = 64;
    c.layers = 2;
    c.heads = heads;
    c.kv_heads = kv_heads;
    c.ffn = 96;
    c.max_seq = 64;
    c.rope_theta = 500.0f;  // large rotations within 48 positions: a wrong pairing shows
    c.norm_eps = 1e-5f;
    c.tied = tied;
    auto made = model::Model::create(c, 1, 48);
    ASSERT_TRUE(made.ok()) << made.error().message;
    model::Model &m = **made;
    m.init_weights(7);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> noise(-0.3f, 0.3f);
    for (const auto &t : m.tensors())
        for (std::size_t i = 0; i < t.size; ++i)
            m.params()[t.offset + i] = t.is_norm ? 1.0f + noise(rng) : 5.0f * m.params()[t.offset + i];
    std::vector<int32_t> tokens(48);
    for (std::size_t i = 0; i < tokens.size(); ++i) tokens[i] = int32_t((i * 37 + 11) % std::size_t(c.vocab));

    test::TempDir dir;
    hf::HfStudent s;
    s.config = c;
    s.params = m.params();
    s.tensors = m.tensors();
    s.tokenizer = &tok;
    auto out = hf::write_hf_folder(dir / "hf", s, {});
    ASSERT_TRUE(out.ok()) << out.error().message;

    const auto ours = smolify_logits(c, m.params(), tokens);
    const auto ref = reference_logits(dir / "hf", tokens, dir.path());
    ASSERT_EQ(ref.size(), ours.size());
    double diff = 0, scale = 1e-6;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        diff = std::max(diff, std::fabs(double(ours[i]) - ref[i]));
        scale = std::max(scale, std::fabs(ref[i]));
    }
    EXPECT_GT(scale, 0.1) << "logits too small to tell anything";
    EXPECT_LE(diff, 1e-4 * std::max(1.0, scale)) << "max |diff| " << diff << ", max |logit| " << scale;
}

}  // namespace

TEST(HfPermutation, RowsMoveFromAdjacentPairsToHalves) {
    const int heads = 3, hd = 8, cols = 5;
    std::vector<float> w(std::size_t(heads * hd * cols));
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = float(i);
    const auto half = hf::adjacent_to_rotate_half(w, heads, hd, cols);
    for (int h = 0; h < heads; ++h)
        for (int i = 0; i < hd / 2; ++i)
            for (int j = 0; j < 2; ++j)
                for (int col = 0; col < cols; ++col)
                    ASSERT_EQ(half[std::size_t((h * hd + j * hd / 2 + i) * cols + col)],
                              w[std::size_t((h * hd + 2 * i + j) * cols + col)])
                        << "head " << h << " pair " << i << " half " << j;
    EXPECT_NE(half, w);
    EXPECT_EQ(hf::rotate_half_to_adjacent(half, heads, hd, cols), w);
}

TEST(HfFolder, ConfigSafetensorsAndTokenizerOfATrainedProject) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    auto student = infer::load_project_student(*t.project);
    ASSERT_TRUE(student.ok()) << student.error().message;
    const model::Config &c = student->config;
    auto mc = card::collect_model_card(*t.project, student->run_id, "apache-2.0");
    ASSERT_TRUE(mc.ok()) << mc.error().message;
    hf::HfExportParams p;
    p.card = *mc;
    const fs::path dir = t.dir / "hf";
    auto out = hf::export_project_hf(*t.project, dir, p);
    ASSERT_TRUE(out.ok()) << out.error().message;
    // The folder is itself a base a later fine-tuning run could start from (core/base).
    auto as_base = base::inspect_hf_folder(dir);
    ASSERT_TRUE(as_base.ok()) << as_base.error().message;
    EXPECT_EQ(as_base->architecture, "llama");
    EXPECT_EQ(as_base->layers, c.layers);
    EXPECT_EQ(as_base->dim, c.dim);
    EXPECT_EQ(as_base->tokenizer, "llama");

    auto cfg = nlohmann::json::parse(slurp(dir / "config.json"));
    EXPECT_EQ(cfg["architectures"], nlohmann::json::array({"LlamaForCausalLM"}));
    EXPECT_EQ(cfg["model_type"], "llama");
    EXPECT_EQ(cfg["hidden_size"], c.dim);
    EXPECT_EQ(cfg["intermediate_size"], c.ffn);
    EXPECT_EQ(cfg["num_hidden_layers"], c.layers);
    EXPECT_EQ(cfg["num_attention_heads"], c.heads);
    EXPECT_EQ(cfg["num_key_value_heads"], c.kv_heads);
    EXPECT_EQ(cfg["head_dim"], c.dim / c.heads);
    EXPECT_EQ(float(cfg["rms_norm_eps"].get<double>()), c.norm_eps);
    EXPECT_EQ(float(cfg["rope_theta"].get<double>()), c.rope_theta);
    EXPECT_EQ(cfg["max_position_embeddings"], c.max_seq);
    EXPECT_EQ(cfg["vocab_size"], c.vocab);
    EXPECT_EQ(cfg["tie_word_embeddings"], c.tied);
    EXPECT_EQ(cfg["bos_token_id"], text::kBosId);
    EXPECT_EQ(cfg["eos_token_id"], text::kEosId);
    EXPECT_EQ(cfg["pad_token_id"], text::kPadId);
    EXPECT_EQ(cfg["hidden_act"], "silu");
    EXPECT_EQ(cfg["torch_dtype"], "float32");
    EXPECT_EQ(cfg["attention_bias"], false);
    EXPECT_EQ(cfg["mlp_bias"], false);

    // model.safetensors through Smolify's own reader: every tensor, Q and K permuted back equal the
    // checkpoint's weights bit for bit.
    auto st = safetensors::read(dir / "model.safetensors");
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ((*st)->parsed.metadata.at("format"), "pt");
    EXPECT_EQ(int64_t((*st)->bytes.size()), out->safetensors_bytes);
    const auto layout = infer::tensor_layout(c);
    EXPECT_EQ((*st)->parsed.tensors.size(), layout.size());
    EXPECT_EQ((*st)->parsed.find("lm_head.weight") != nullptr, !c.tied);
    for (const auto &ti : layout) {
        const auto *info = (*st)->parsed.find(hf::hf_tensor_name(ti.name));
        ASSERT_NE(info, nullptr) << ti.name;
        EXPECT_EQ(info->dtype, safetensors::Dtype::f32);
        ASSERT_EQ(info->shape.size(), ti.shape.size()) << ti.name;
        for (std::size_t d = 0; d < ti.shape.size(); ++d) EXPECT_EQ(info->shape[d], uint64_t(ti.shape[d]));
        auto values = (*st)->parsed.to_f32(*info);
        ASSERT_TRUE(values.ok());
        std::vector<float> v = *values;
        const bool q = ti.name.ends_with("attn_q.weight"), k = ti.name.ends_with("attn_k.weight");
        if (q || k) {
            EXPECT_NE(v, std::vector<float>(student->params.begin() + long(ti.offset),
                                            student->params.begin() + long(ti.offset + ti.size)))
                << ti.name << " was not permuted";
            v = hf::rotate_half_to_adjacent(v, q ? c.heads : c.kv_heads, c.head_dim(), c.dim);
        }
        ASSERT_TRUE(std::equal(v.begin(), v.end(), student->params.begin() + long(ti.offset))) << ti.name;
    }

    // tokenizer.model is the stored SentencePiece model and tokenizes as Smolify's tokenizer does.
    const std::string model_bytes = slurp(dir / "tokenizer.model");
    EXPECT_EQ(model_bytes, student->tokenizer->serialized());
    auto reloaded = text::Tokenizer::load(model_bytes);
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().message;
    for (const char *s : {"Ticket 12: VPN drops every hour!!!", "  two  spaces\tand\ttabs\n", "café ünïcode €42",
                          "emoji 🙂 and 漢字"}) {
        auto a = (*reloaded)->encode(s), b = student->tokenizer->encode(s);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(*a, *b) << s;
    }
    auto tc = nlohmann::json::parse(slurp(dir / "tokenizer_config.json"));
    EXPECT_EQ(tc["tokenizer_class"], "LlamaTokenizer");
    EXPECT_EQ(tc["chat_template"], text::chat_template());
    EXPECT_EQ(tc["add_bos_token"], false);
    EXPECT_EQ(tc["bos_token"], student->tokenizer->piece(text::kBosId));
    EXPECT_EQ(tc["eos_token"], student->tokenizer->piece(text::kEosId));
    auto stm = nlohmann::json::parse(slurp(dir / "special_tokens_map.json"));
    EXPECT_EQ(stm["additional_special_tokens"], nlohmann::json::array({"<|im_start|>", "<|im_end|>"}));
    auto gen = nlohmann::json::parse(slurp(dir / "generation_config.json"));
    EXPECT_EQ(gen["eos_token_id"], nlohmann::json::array({text::kEosId, text::kImEndId}));
    EXPECT_EQ(gen["do_sample"], false);

    // The card names model.safetensors with its real size and hash.
    const std::string readme = slurp(dir / "README.md");
    EXPECT_NE(readme.find(out->safetensors_sha256), std::string::npos);
    EXPECT_NE(readme.find("license: \"apache-2.0\""), std::string::npos);
    EXPECT_TRUE(card::written_by_smolify(dir / "README.md"));

    // Exporting again over Smolify's own folder works and keeps a file of the user's.
    std::ofstream(dir / "NOTES.txt") << "mine";
    auto again = hf::export_project_hf(*t.project, dir, p);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(slurp(dir / "NOTES.txt"), "mine");
    EXPECT_EQ(again->safetensors_sha256, out->safetensors_sha256);
    // No temporary folder is left beside it.
    for (const auto &e : fs::directory_iterator(t.dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".smolify-tmp-"), std::string::npos) << e.path();

    // And the reference runs this folder too.
    if (torch_available()) {
        std::vector<int32_t> tokens;
        for (int id : {1, 4, 100, 200, 5, 7, 9, 11, 300, 2}) tokens.push_back(id % c.vocab);
        const auto ours = smolify_logits(c, student->params, tokens);
        const auto ref = reference_logits(dir, tokens, t.dir.path());
        ASSERT_EQ(ours.size(), ref.size());
        double diff = 0, scale = 1e-6;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            diff = std::max(diff, std::fabs(double(ours[i]) - ref[i]));
            scale = std::max(scale, std::fabs(ref[i]));
        }
        EXPECT_LE(diff, 1e-4 * std::max(1.0, scale));
    }
}

TEST(HfFolder, ForeignFolderRefusedUnlessForced) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    const fs::path dir = t.dir / "foreign";
    fs::create_directories(dir);
    std::ofstream(dir / "README.md") << "# my own model\n";
    auto refused = hf::export_project_hf(*t.project, dir, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::user);
    EXPECT_NE(refused.error().message.find("not written by Smolify"), std::string::npos) << refused.error().message;
    EXPECT_EQ(slurp(dir / "README.md"), "# my own model\n");
    EXPECT_FALSE(fs::exists(dir / "config.json"));

    std::ofstream(t.dir / "a-file") << "x";
    auto not_dir = hf::export_project_hf(*t.project, t.dir / "a-file", {});
    ASSERT_FALSE(not_dir.ok());
    EXPECT_NE(not_dir.error().message.find("is not a folder"), std::string::npos);

    hf::HfExportParams forced;
    forced.force = true;
    auto ok = hf::export_project_hf(*t.project, dir, forced);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_TRUE(fs::exists(dir / "model.safetensors"));
}

TEST(HfReference, TiedHeadEqualsTransformersForward) { compare_with_reference(4, 4, true); }
TEST(HfReference, UntiedHeadEqualsTransformersForward) { compare_with_reference(4, 4, false); }
TEST(HfReference, GroupedKvHeadsEqualTransformersForward) { compare_with_reference(8, 2, false); }
TEST(HfReference, GroupedKvHeadsTiedEqualTransformersForward) { compare_with_reference(4, 2, true); }

TEST(ModelCard, CountsTeacherHostNoKeyAndNoCanaryAnywhere) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    auto student = infer::load_project_student(*t.project);
    ASSERT_TRUE(student.ok());
    auto mc = card::collect_model_card(*t.project, student->run_id, "");
    ASSERT_TRUE(mc.ok()) << mc.error().message;
    EXPECT_EQ(mc->teacher_host, "api.example.com:8443");
    EXPECT_EQ(mc->counts.approved, 67);
    EXPECT_EQ(mc->counts.pending, 3);
    EXPECT_EQ(mc->counts.test, 7);
    EXPECT_EQ(mc->run.steps, 20);
    EXPECT_TRUE(mc->run.train_loss.has_value());
    EXPECT_FALSE(mc->license_chosen);
    mc->file = {"tickets-q8_0.gguf", "q8_0", 123456, std::string(64, 'a')};
    mc->gguf_name = "tickets-q8_0.gguf";
    std::string text = card::render_model_card(*mc);
    EXPECT_EQ(text.rfind("---\nlicense: \"other\"\n", 0), 0u) << text.substr(0, 200);
    EXPECT_NE(text.find("pipeline_tag: text-generation"), std::string::npos);
    EXPECT_NE(text.find("| approved | 67 |"), std::string::npos);
    EXPECT_NE(text.find("| rejected | 0 |"), std::string::npos);
    EXPECT_NE(text.find("| pending | 3 |"), std::string::npos);
    EXPECT_NE(text.find("| test split | 7 |"), std::string::npos);
    EXPECT_NE(text.find("`big-teacher-1` at `api.example.com:8443`"), std::string::npos);
    EXPECT_NE(text.find("Sort IT tickets by urgency"), std::string::npos);
    EXPECT_NE(text.find("| steps | 20 |"), std::string::npos);
    EXPECT_NE(text.find("No evaluation was recorded"), std::string::npos);
    EXPECT_NE(text.find("No license was chosen"), std::string::npos);
    EXPECT_NE(text.find("llama-cli -m tickets-q8_0.gguf"), std::string::npos);
    EXPECT_NE(text.find("ollama create tickets -f Modelfile"), std::string::npos);
    EXPECT_NE(text.find("LM Studio"), std::string::npos);
    for (const char *secret : {"secret", "token=abc", kCanaryEnv, kCanary}) EXPECT_EQ(text.find(secret), std::string::npos) << secret;

    // Caller-given metrics and quantization rows.
    mc->metrics = {{"accuracy", "0.91"}, {"ROUGE-L", "0.77"}};
    mc->quantizations = {{"q8_0", 2 << 20, 1.234, 3.4346}, {"f32", 8 << 20, std::nullopt, std::nullopt}};
    text = card::render_model_card(*mc);
    EXPECT_NE(text.find("| accuracy | 0.91 |"), std::string::npos);
    EXPECT_NE(text.find("| q8_0 | 2.00 MiB | 1.2340 | 3.435 |"), std::string::npos) << text;
    EXPECT_NE(text.find("| f32 | 8.00 MiB | n/a | n/a |"), std::string::npos);

    // The project's license setting is the default.
    ASSERT_TRUE(t.project->set_setting("license", "mit").ok());
    auto with_setting = card::collect_model_card(*t.project, student->run_id, "");
    ASSERT_TRUE(with_setting.ok());
    EXPECT_EQ(with_setting->license, "mit");
    EXPECT_TRUE(with_setting->license_chosen);
    ASSERT_TRUE(t.project->set_setting("license", "").ok());

    // The canary key is in no file of the project's, the exports' or the folder's.
    auto gguf = infer::export_project_gguf(*t.project, t.dir / "canary.gguf", gguf::ExportType::f32);
    ASSERT_TRUE(gguf.ok()) << gguf.error().message;
    hf::HfExportParams p;
    p.card = *mc;
    ASSERT_TRUE(hf::export_project_hf(*t.project, t.dir / "canary-hf", p).ok());
    int files = 0;
    for (const auto &e : fs::recursive_directory_iterator(t.dir.path())) {
        if (!e.is_regular_file()) continue;
        ++files;
        EXPECT_EQ(slurp(e.path()).find(kCanary), std::string::npos) << e.path();
    }
    EXPECT_GE(files, 10);
}

namespace {

// Reads the value of `directive` from a Modelfile the way Ollama's parser does (parser.go): the value
// starts after the directive and a space; it ends at the first whitespace at which the text so far,
// trimmed, is a complete """...""" or "..." string (or has no opening quote).
std::optional<std::string> ollama_value(const std::string &modelfile, const std::string &directive) {
    const std::string start = "\n" + directive + " ";
    auto at = modelfile.find(start);
    if (at == std::string::npos) return std::nullopt;
    std::string buf;
    for (std::size_t i = at + start.size(); i <= modelfile.size(); ++i) {
        const bool end = i == modelfile.size();
        const char ch = end ? '\n' : modelfile[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            std::string s = buf;
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(0, 1);
            if (s.rfind("\"\"\"", 0) == 0) {
                if (s.size() >= 6 && s.compare(s.size() - 3, 3, "\"\"\"") == 0) return s.substr(3, s.size() - 6);
            } else if (!s.empty() && s[0] == '"') {
                if (s.size() >= 2 && s.back() == '"') return s.substr(1, s.size() - 2);
            } else {
                return s;
            }
            if (end) return std::nullopt;
        }
        buf += ch;
    }
    return std::nullopt;
}

// A tiny stand-in for Go's text/template over the actions the Modelfile uses: {{ .System }},
// {{ .Prompt }}, {{ .Response }} and string literals {{ "..." }} with Go's escapes.
std::string render_go(const std::string &tmpl, const std::string &system, const std::string &prompt) {
    std::string out;
    for (std::size_t i = 0; i < tmpl.size();) {
        if (tmpl.compare(i, 2, "{{") != 0) {
            out += tmpl[i++];
            continue;
        }
        const auto close = tmpl.find("}}", i + 2);
        // A literal may contain "}}": find the closing quote first.
        std::string action = tmpl.substr(i + 2, close - i - 2);
        std::size_t first = action.find_first_not_of(' ');
        if (action[first] == '"') {
            std::size_t j = i + 2 + first + 1;
            std::string lit;
            for (; tmpl[j] != '"'; ++j) {
                if (tmpl[j] != '\\') {
                    lit += tmpl[j];
                    continue;
                }
                const char e = tmpl[++j];
                if (e == 'n') lit += '\n';
                else if (e == 'r') lit += '\r';
                else if (e == 't') lit += '\t';
                else if (e == 'x') {
                    lit += char(std::stoi(tmpl.substr(j + 1, 2), nullptr, 16));
                    j += 2;
                } else lit += e;
            }
            out += lit;
            i = tmpl.find("}}", j) + 2;
            continue;
        }
        std::string name = action.substr(first);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name == ".System") out += system;
        else if (name == ".Prompt") out += prompt;
        else if (name == ".Response") out += "";
        else ADD_FAILURE() << "unexpected action " << name;
        i = close + 2;
    }
    return out;
}

}  // namespace

TEST(Modelfile, TemplateRendersTheTrainingPrompt) {
    for (const std::string &system :
         {std::string("Classify the ticket: urgent, normal or low."), std::string("Say \"hi\" and quote 'this'"),
          std::string("Ends with a quote \""), std::string("Multi\nline\n\n  indented  "),
          std::string("Has \"\"\" triple quotes \"\"\" inside"), std::string("Go {{ .Prompt }} braces"),
          std::string("control \x01 char")}) {
        card::ModelfileParams p;
        p.gguf_name = "tickets-q8_0.gguf";
        p.system_prompt = system;
        p.context_length = 256;
        const std::string mf = card::render_modelfile(p);
        EXPECT_EQ(mf.rfind("# " + std::string(card::kSmolifyMarker), 0), 0u);
        EXPECT_NE(mf.find("\nFROM ./tickets-q8_0.gguf\n"), std::string::npos);
        EXPECT_NE(mf.find("\nPARAMETER stop \"<|im_end|>\"\n"), std::string::npos);
        EXPECT_NE(mf.find("\nPARAMETER temperature 0.2\n"), std::string::npos);
        EXPECT_NE(mf.find("\nPARAMETER num_ctx 256\n"), std::string::npos);
        auto tmpl = ollama_value(mf, "TEMPLATE");
        ASSERT_TRUE(tmpl) << mf;
        auto sys = ollama_value(mf, "SYSTEM");
        EXPECT_EQ(sys.has_value(), card::modelfile_safe(system)) << mf;
        if (sys) {
            EXPECT_EQ(*sys, system);
        }
        const std::string input = "Ticket 4: printer \"jammed\" {{ x }}";
        // Ollama fills .System from SYSTEM; without one the template carries the prompt itself.
        EXPECT_EQ(render_go(*tmpl, sys.value_or(""), input), "<s>" + text::chat_text(system, input)) << mf;
    }
    EXPECT_TRUE(card::modelfile_safe("plain \"quoted\" text\nand lines"));
    EXPECT_FALSE(card::modelfile_safe("a \"\"\" b"));
    EXPECT_FALSE(card::modelfile_safe("bell \a"));
}

TEST(Bundle, ShellQuoteLeavesPlainWordsAndQuotesTheRest) {
    EXPECT_EQ(bundle::shell_quote("/tmp/models/a-b_c.q8_0.gguf"), "/tmp/models/a-b_c.q8_0.gguf");
    EXPECT_EQ(bundle::shell_quote("/tmp/my models/x.gguf"), "'/tmp/my models/x.gguf'");
    EXPECT_EQ(bundle::shell_quote("it's"), "'it'\\''s'");
    EXPECT_EQ(bundle::shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
    EXPECT_EQ(bundle::shell_quote(""), "''");
}

TEST(Bundle, RunCommandsNameTheFileTheFolderAndAnOllamaName) {
    const auto c = bundle::run_commands("/home/me/My Models/triage.q8_0.gguf", "Ticket Triage!");
    EXPECT_EQ(c.llama_cpp, "llama-cli -m '/home/me/My Models/triage.q8_0.gguf' -cnv --temp 0.2");
    EXPECT_EQ(c.ollama_create, "cd '/home/me/My Models' && ollama create ticket-triage -f Modelfile");
    EXPECT_EQ(c.ollama_run, "ollama run ticket-triage");
    EXPECT_EQ(c.lm_studio, "lms import '/home/me/My Models/triage.q8_0.gguf'");
}

TEST(Bundle, ExportsTheFileWithCardModelfileAndFolderAndListsIt) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    const fs::path out = t.dir / "bundle" / "sub" / "m.q4_0.gguf";  // the folders are made
    // A README.md Smolify did not write stops it before anything is written.
    fs::create_directories(out.parent_path());
    std::ofstream(out.parent_path() / "README.md") << "mine\n";
    bundle::ExportParams p;
    p.type = gguf::ExportType::q4_0;
    p.license = "mit";
    p.hf_dir = t.dir / "bundle" / "hf";
    auto refused = bundle::export_model(*t.project, out, p);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("README.md"), std::string::npos) << refused.error().message;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(*p.hf_dir));

    p.force = true;
    auto r = bundle::export_model(*t.project, out, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->outcome.path, fs::absolute(out));
    EXPECT_EQ(int64_t(fs::file_size(out)), r->outcome.bytes);
    EXPECT_EQ(r->readme, fs::absolute(out).parent_path() / "README.md");
    EXPECT_NE(slurp(r->readme).find("license: \"mit\""), std::string::npos);
    EXPECT_NE(slurp(r->modelfile).find("FROM ./m.q4_0.gguf"), std::string::npos);
    ASSERT_TRUE(r->hf_dir);
    EXPECT_TRUE(fs::exists(*r->hf_dir / "config.json"));
    EXPECT_EQ(r->model_card.file.quantization, "q4_0");

    auto listed = bundle::list_exports(*t.project);
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    ASSERT_FALSE(listed->empty());
    const bundle::ExportEntry &newest = listed->front();
    EXPECT_EQ(newest.id, r->outcome.export_id);
    EXPECT_EQ(newest.quantization, "q4_0");
    EXPECT_EQ(newest.sha256, r->outcome.sha256);
    EXPECT_EQ(newest.state, "present");

    std::ofstream(out, std::ios::trunc) << "not the model";
    listed = bundle::list_exports(*t.project);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->front().state, "changed");
    fs::remove(out);
    listed = bundle::list_exports(*t.project);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->front().state, "missing");
}
