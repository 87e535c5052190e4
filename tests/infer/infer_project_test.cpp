// A project trained for a few steps, exported, and answered from: the GGUF (F32) gives the same prompt
// ids and the same generated ids as the project itself; the export is recorded with its sha256;
// the embedded tokenizer and system instruction come back from the file; the CLI's complete --json
// prints the same ids; files without Smolify's tokenizer are refused with a message.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "export/gguf_student.h"
#include "infer/runner.h"
#include "store/sqlite.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "text/chat_format.h"
#include "train/train_util.h"
#include "util/fs.h"
#include "util/text.h"

using namespace smolify;

namespace {

struct Trained {
    test::TempDir dir;
    std::filesystem::path project_path;
    std::unique_ptr<store::Project> project;
};

// Trained once for the whole executable (a few seconds of training).
Trained &trained() {
    static Trained t;
    static const bool done = [] {
        t.project_path = t.dir / "tickets.smolify";
        t.project = test::make_training_project(t.project_path, 60);
        if (!t.project) return false;
        auto p = test::tiny_train_params();
        p.max_steps = 40;
        auto r = train::train(*t.project, p);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok();
    }();
    if (!done) t.project.reset();
    return t;
}

std::string slurp(const std::filesystem::path &p) {
    auto bytes = read_file(p, std::size_t(1) << 30);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
}

}  // namespace

TEST(InferProject, GgufAnswersExactlyAsTheProject) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    auto from_project = infer::open_project(*t.project);
    ASSERT_TRUE(from_project.ok()) << from_project.error().message;
    const auto gguf_path = t.dir / "student-f32.gguf";
    auto ex = infer::export_project_gguf(*t.project, gguf_path, gguf::ExportType::f32);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    auto from_file = infer::open_gguf(gguf_path);
    ASSERT_TRUE(from_file.ok()) << from_file.error().message;

    EXPECT_EQ(from_file->system_prompt, from_project->system_prompt);
    EXPECT_EQ(from_file->system_prompt, text::default_system_prompt("Sort IT tickets by urgency"));
    EXPECT_EQ(from_file->tokenizer->sha256(), from_project->tokenizer->sha256());
    infer::GenerateParams gp;
    gp.max_tokens = 24;
    for (const char *input :
         {"Ticket 7: VPN drops every hour", "Ticket 12: printer jammed!!!", "Ticket 99: café ☕"}) {
        SCOPED_TRACE(input);
        auto a = infer::complete(*from_project, input, gp);
        auto b = infer::complete(*from_file, input, gp);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(a->prompt_tokens, b->prompt_tokens);
        EXPECT_EQ(a->generation.tokens, b->generation.tokens);
        EXPECT_EQ(a->text, b->text);
        EXPECT_FALSE(a->generation.tokens.empty());
        // The prompt is training's: encode_chat of the run's system prompt and the input.
        auto chat = text::encode_chat(*from_project->tokenizer, from_project->system_prompt, input);
        ASSERT_TRUE(chat.ok());
        EXPECT_EQ(a->prompt_tokens, chat->tokens);
    }

    // The export is recorded with the file's own hash and size.
    const std::string bytes = slurp(gguf_path);
    EXPECT_EQ(ex->sha256, sha256_hex(bytes));
    EXPECT_EQ(ex->bytes, int64_t(bytes.size()));
    auto st = t.project->db().prepare("SELECT quantization, sha256, bytes, format FROM exports WHERE id = ?");
    st.bind(1, ex->export_id);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.col_text(0), "f32");
    EXPECT_EQ(st.col_text(1), ex->sha256);
    EXPECT_EQ(st.col_int(2), ex->bytes);
    EXPECT_EQ(st.col_text(3), "gguf");
}

TEST(InferProject, QuantizedExportsLoadAndAnswer) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    for (auto type : {gguf::ExportType::f16, gguf::ExportType::q8_0, gguf::ExportType::q4_0}) {
        SCOPED_TRACE(std::string(gguf::export_type_name(type)));
        std::string name = "student-";
        name += gguf::export_type_name(type);
        name += ".gguf";
        const auto path = t.dir / name;
        ASSERT_TRUE(infer::export_project_gguf(*t.project, path, type).ok());
        auto r = infer::open_gguf(path);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(infer::weight_type_name(r->model->weight_type()), gguf::export_type_name(type));
        infer::GenerateParams gp;
        gp.max_tokens = 8;
        auto c = infer::complete(*r, "Ticket 3: email bounces", gp);
        ASSERT_TRUE(c.ok());
        EXPECT_FALSE(c->generation.tokens.empty());
    }
}

TEST(InferProject, CliCompleteJsonPrintsTheSameIds) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    const auto gguf_path = t.dir / "cli-f32.gguf";
    const auto ex = test::run_process({SMOLIFY_CLI_PATH, "export", t.project_path.string(), "--quant", "f32",
                                       "--out", gguf_path.string(), "--json"},
                                      t.dir.path());
    ASSERT_EQ(ex.exit_code, 0) << ex.err;
    const auto ej = nlohmann::json::parse(ex.out);
    EXPECT_EQ(ej["sha256"], sha256_hex(slurp(gguf_path)));

    auto runner = infer::open_project(*t.project);
    ASSERT_TRUE(runner.ok());
    infer::GenerateParams gp;
    gp.max_tokens = 16;
    auto want = infer::complete(*runner, "Ticket 4: monitor flickers", gp);
    ASSERT_TRUE(want.ok());
    for (const std::string &target : {gguf_path.string(), t.project_path.string()}) {
        SCOPED_TRACE(target);
        // --no-constrain: infer::complete above decodes freely; the project's outputs form a label set
        // (12 distinct), so the CLI would otherwise answer with a label (checked below).
        const auto r =
            test::run_process({SMOLIFY_CLI_PATH, "complete", target, "--input", "Ticket 4: monitor flickers",
                               "--max-tokens", "16", "--json", "--no-constrain"},
                              t.dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["prompt_tokens"].get<std::vector<int32_t>>(), want->prompt_tokens);
        EXPECT_EQ(j["tokens"].get<std::vector<int32_t>>(), want->generation.tokens);
        EXPECT_EQ(j["text"], want->text);
    }
    // By default a classification model answers with one of its labels, from the GGUF alone too.
    ASSERT_FALSE(runner->labels.empty());
    for (const std::string &target : {gguf_path.string(), t.project_path.string()}) {
        SCOPED_TRACE(target);
        const auto r = test::run_process({SMOLIFY_CLI_PATH, "complete", target, "--input",
                                          "Ticket 4: monitor flickers", "--max-tokens", "16", "--json"},
                                         t.dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["constraint"], "labels");
        EXPECT_NE(std::find(runner->labels.begin(), runner->labels.end(), j["text"].get<std::string>()),
                  runner->labels.end())
            << j["text"];
    }
    // Without --json the text streams to stdout.
    const auto plain =
        test::run_process({SMOLIFY_CLI_PATH, "complete", gguf_path.string(), "--input",
                           "Ticket 4: monitor flickers", "--max-tokens", "16", "--no-constrain"},
                          t.dir.path());
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(plain.out, want->text + "\n");
    // A usage error and a missing file are user errors (exit 1).
    EXPECT_EQ(test::run_process({SMOLIFY_CLI_PATH, "complete", gguf_path.string()}, t.dir.path()).exit_code,
              1);
    EXPECT_EQ(
        test::run_process({SMOLIFY_CLI_PATH, "complete", (t.dir / "none.gguf").string(), "--input", "x"},
                          t.dir.path())
            .exit_code,
        1);
}

TEST(InferProject, AGgufWithoutSmolifysTokenizerIsRefusedClearly) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    auto s = infer::load_project_student(*t.project);
    ASSERT_TRUE(s.ok());
    gguf::StudentExportParams p;
    p.type = gguf::ExportType::q8_0;
    const auto path = t.dir / "foreign.gguf";
    ASSERT_TRUE(gguf::export_student_gguf(path, s->config, s->params, infer::tensor_layout(s->config),
                                          infer::vocabulary_of(*s->tokenizer), p)
                    .ok());
    auto r = infer::open_gguf(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("tokenizer"), std::string::npos) << r.error().message;
    // The model itself still loads (bench infer needs no tokenizer).
    EXPECT_TRUE(infer::Model::from_gguf(path).ok());
}

TEST(InferProject, AProjectWithoutARunIsAUserError) {
    test::TempDir dir;
    auto project = test::make_training_project(dir / "empty.smolify", 12);
    ASSERT_TRUE(project);
    auto r = infer::open_project(*project);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("train"), std::string::npos);
}
