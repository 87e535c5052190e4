// llama.cpp itself (../shared/tools/gguf-check: llama.cpp from npm, run with node) loads the
// exported student as F32, F16, Q8_0 and Q4_0, reports the file type and context length we wrote,
// generates from it, and tokenizes test strings (ASCII, spaces, accents, emoji, digits, newlines,
// tabs, control tokens) exactly as SentencePiece does. Skips only when gguf-check is not installed.
// Slow (node starts llama.cpp once per file, about 10 s each).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "export/gguf_check.h"
#include "export/gguf_student.h"
#include "student_fixture.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::gguf;
using namespace smolify::test;

// llama.cpp loads the exported student and tokenizes exactly as SentencePiece does.
TEST(StudentLlamaCpp, LoadsAndTokenizesLikeSentencePiece) {
    if (!test::gguf_check_installed()) GTEST_SKIP() << test::gguf_check_missing_message();
    const std::string node = find_node();
    ASSERT_EQ(test::node_problem(node), "");
    const Fixture &f = fixture();
    ASSERT_TRUE(f.sp);
    const std::vector<std::string> texts = {
        "the patient reports mild pain",
        "  leading spaces,  double  spaces and trailing ",
        "Café crème brûlée, naïve über – “quotes”",
        "emoji 🔥🙂 and CJK 日本語",
        "digits 12345 and 3.14159 in 2024",
        "line one\nline two\n\ttabbed\r\n",
        "<|im_start|>user\nWhat is the price?<|im_end|>\n<|im_start|>assistant\n",
    };
    test::TempDir dir;
    // Tied and untied output heads both get loaded; each type's name as llama.cpp describes it.
    const std::vector<std::pair<ExportType, std::string>> types = {
        {ExportType::f32, "F32"}, {ExportType::f16, "F16"}, {ExportType::q8_0, "Q8_0"}, {ExportType::q4_0, "Q4_0"}};
    for (const auto &[type, described] : types) {
        SCOPED_TRACE(std::string(export_type_name(type)));
        const Student s = random_student(static_cast<int>(f.vocab.pieces.size()), type != ExportType::q8_0, 9);
        const auto path = dir / "student.gguf";
        ASSERT_TRUE(export_student_gguf(path, s.config, s.params, s.tensors, f.vocab, params_for(type)).ok());
        std::vector<std::string> argv = {node, test::gguf_check_script().string(), path.string(), "--n", "8", "--special"};
        for (const auto &t : texts) {
            argv.push_back("--prompt");
            argv.push_back(t);
        }
        const auto r = test::run_process(argv, dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
        std::istringstream lines(r.out);
        std::string line;
        std::vector<nlohmann::json> results;
        nlohmann::json model;
        while (std::getline(lines, line)) {
            auto j = nlohmann::json::parse(line, nullptr, false);
            ASSERT_FALSE(j.is_discarded()) << line;
            if (j.contains("model")) model = j["model"];
            else results.push_back(j);
        }
        ASSERT_TRUE(model.is_object()) << r.out;
        EXPECT_EQ(model["trainContextSize"], s.config.max_seq);
        EXPECT_NE(model["description"].get<std::string>().find(described), std::string::npos) << model;
        EXPECT_EQ(model["bos"], f.vocab.bos_id);
        EXPECT_EQ(model["eos"], f.vocab.eos_id);
        // llama.cpp takes <|im_end|> as its end-of-turn token, so a chat reply stops there.
        EXPECT_EQ(model["eot"], f.sp->PieceToId("<|im_end|>"));
        ASSERT_EQ(results.size(), texts.size()) << r.out;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            SCOPED_TRACE(texts[i]);
            const auto want = encode_with_controls(*f.sp, texts[i]);
            const auto got = results[i]["prompt_tokens"].get<std::vector<int>>();
            EXPECT_EQ(got, want);
            // Greedy decoding ran: at most 8 ids, each in the vocabulary (a random model stops early
            // only at an end-of-generation token).
            const auto gen = results[i]["generated"].get<std::vector<int>>();
            EXPECT_LE(gen.size(), 8u);
            for (int id : gen) EXPECT_LT(id, s.config.vocab);
        }
    }
}
