// The student as GGUF (core/export/gguf_student.h): a randomly initialised model with a trained
// SentencePiece BPE vocabulary, exported as F32, F16, Q8_0 and Q4_0 and read back by Smolify's reader;
// refusals of mismatched inputs and of wrong key types. (llama.cpp's view: export_llamacpp_test.cpp.)
#include <gtest/gtest.h>

#include <cmath>

#include "export/gguf_student.h"
#include "export/gguf_writer.h"
#include "export/quant.h"
#include "student_fixture.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::gguf;
using namespace smolify::test;

TEST(StudentExport, VocabularyFromSentencePieceHasTheExpectedShape) {
    const Fixture &f = fixture();
    ASSERT_TRUE(f.sp);
    ASSERT_TRUE(f.vocab.validate().ok()) << f.vocab.validate().error().message;
    EXPECT_EQ(f.vocab.types[f.sp->unk_id()], TokenType::unknown);
    EXPECT_EQ(f.vocab.types[f.sp->PieceToId("<|im_start|>")], TokenType::control);
    EXPECT_EQ(f.vocab.types[f.sp->PieceToId("<0x0A>")], TokenType::byte);
    EXPECT_GT(f.vocab.pieces.size(), 300u);
}

TEST(StudentExport, RoundTripsThroughSmolifysReader) {
    const Fixture &f = fixture();
    ASSERT_TRUE(f.sp);
    test::TempDir dir;
    for (bool tied : {true, false}) {
        const Student s = random_student(static_cast<int>(f.vocab.pieces.size()), tied, 3);
        for (ExportType type : {ExportType::f32, ExportType::f16, ExportType::q8_0, ExportType::q4_0}) {
            SCOPED_TRACE(std::string(export_type_name(type)) + (tied ? " tied" : " untied"));
            const auto path = dir / (std::string(export_type_name(type)) + ".gguf");
            StudentExportParams p = params_for(type);
            if (type == ExportType::q4_0)
                p.metadata.sentencepiece_model = std::string("\x0a\x00serialized", 12);
            if (type == ExportType::q8_0) {
                p.metadata.task_kind = "classification";
                p.metadata.labels = {"urgent", "normal", "très bas"};
            }
            Status st = export_student_gguf(path, s.config, s.params, s.tensors, f.vocab, p);
            ASSERT_TRUE(st.ok()) << st.error().message;
            auto file = File::open(path);
            ASSERT_TRUE(file.ok()) << file.error().message;
            auto h = read_student_header(**file);
            ASSERT_TRUE(h.ok()) << h.error().message;
            expect_same_config(h->config, s.config);
            EXPECT_EQ(h->vocab.pieces, f.vocab.pieces);
            EXPECT_EQ(h->vocab.scores, f.vocab.scores);
            EXPECT_EQ(h->vocab.types, f.vocab.types);
            EXPECT_EQ(h->vocab.bos_id, f.vocab.bos_id);
            EXPECT_EQ(h->vocab.eos_id, f.vocab.eos_id);
            EXPECT_EQ(h->vocab.unk_id, f.vocab.unk_id);
            EXPECT_EQ(h->vocab.pad_id, f.vocab.pad_id);
            EXPECT_EQ(h->metadata.name, p.metadata.name);
            EXPECT_EQ(h->metadata.license, p.metadata.license);
            EXPECT_EQ(h->metadata.system_instruction, p.metadata.system_instruction);
            EXPECT_EQ(h->metadata.chat_template, chatml_template());
            EXPECT_EQ(h->metadata.sentencepiece_model, p.metadata.sentencepiece_model);
            EXPECT_EQ(h->metadata.task_kind, p.metadata.task_kind);
            EXPECT_EQ(h->metadata.labels, p.metadata.labels);
            EXPECT_EQ((*file)->find("smolify.task.labels") != nullptr, type == ExportType::q8_0);
            EXPECT_EQ(h->file_type, export_file_type(type));
            EXPECT_EQ((*file)->find("general.quantization_version") != nullptr,
                      type == ExportType::q8_0 || type == ExportType::q4_0);
            // Key types exactly as llama.cpp checks them.
            EXPECT_TRUE((*file)->get<uint32_t>("llama.block_count").ok());
            EXPECT_TRUE((*file)->get<float>("llama.rope.freq_base").ok());
            EXPECT_TRUE((*file)->get<bool>("tokenizer.ggml.add_bos_token").ok());
            EXPECT_EQ(*(*file)->get<uint32_t>("llama.rope.dimension_count"), 16u);
            // Every tensor's bytes are the quantizer's encoding of the parameters; norms stay F32.
            for (const auto &t : s.tensors) {
                const TensorInfo *ti = (*file)->tensor(t.name);
                ASSERT_NE(ti, nullptr) << t.name;
                const GgmlType want = t.is_norm                  ? GgmlType::f32
                                      : type == ExportType::f32  ? GgmlType::f32
                                      : type == ExportType::f16  ? GgmlType::f16
                                      : type == ExportType::q8_0 ? GgmlType::q8_0
                                                                 : GgmlType::q4_0;
                EXPECT_EQ(ti->type, want) << t.name;
                std::vector<uint8_t> expect(ti->bytes);
                ASSERT_TRUE(quantize_row(ti->type, s.params.data() + t.offset, static_cast<int64_t>(t.size),
                                         expect.data())
                                .ok());
                const auto got = (*file)->data(*ti);
                EXPECT_TRUE(std::equal(got.begin(), got.end(), expect.begin(), expect.end())) << t.name;
            }
            EXPECT_EQ((*file)->tensor("output.weight") == nullptr, tied);
        }
    }
}

TEST(StudentExport, RefusesMismatchedInputs) {
    const Fixture &f = fixture();
    ASSERT_TRUE(f.sp);
    test::TempDir dir;
    const Student s = random_student(static_cast<int>(f.vocab.pieces.size()), true, 4);
    const auto p = params_for(ExportType::q8_0);
    auto refused = [&](const model::Config &c, std::span<const float> params,
                       std::vector<model::TensorInfo> tensors, const Vocabulary &v,
                       const std::string &expect) {
        Status st = export_student_gguf(dir / "x.gguf", c, params, tensors, v, p);
        ASSERT_FALSE(st.ok());
        EXPECT_EQ(st.error().kind, ErrorKind::user);
        EXPECT_NE(st.error().message.find(expect), std::string::npos) << st.error().message;
    };
    model::Config wrong_vocab = s.config;
    wrong_vocab.vocab += 1;
    refused(wrong_vocab, s.params, s.tensors, f.vocab, "the vocabulary has");
    auto tensors = s.tensors;
    tensors[3].shape = {16, 64};
    refused(s.config, s.params, tensors, f.vocab, "has shape {16, 64}");
    refused(s.config, std::span<const float>(s.params).first(s.params.size() - 1), s.tensors, f.vocab,
            "lies outside the parameters");
    tensors = s.tensors;
    tensors.pop_back();
    refused(s.config, s.params, tensors, f.vocab, "the model has");
    Vocabulary v = f.vocab;
    v.pieces[10] = v.pieces[11];
    refused(s.config, s.params, s.tensors, v, "appears twice");
    v = f.vocab;
    v.types[5] = static_cast<TokenType>(9);
    refused(s.config, s.params, s.tensors, v, "unknown type 9");
    std::vector<float> bad = s.params;
    bad[s.tensors[2].offset + 70] = INFINITY;
    refused(s.config, bad, s.tensors, f.vocab, "tensor " + s.tensors[2].name + ", row 1: element 6");
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(StudentExport, ReaderRefusesWrongKeyTypes) {
    const Fixture &f = fixture();
    ASSERT_TRUE(f.sp);
    test::TempDir dir;
    const Student s = random_student(static_cast<int>(f.vocab.pieces.size()), true, 5);
    ASSERT_TRUE(export_student_gguf(dir / "a.gguf", s.config, s.params, s.tensors, f.vocab,
                                    params_for(ExportType::f32))
                    .ok());
    auto file = File::open(dir / "a.gguf");
    ASSERT_TRUE(file.ok());
    // Rewrites the file with one key changed (or added), tensors copied as raw bytes.
    auto rewritten = [&](const std::string &key, Value v) -> std::unique_ptr<File> {
        std::vector<KeyValue> kv = (*file)->kvs();
        bool found = false;
        for (auto &x : kv)
            if (x.key == key) {
                x.value = v;
                found = true;
            }
        if (!found) kv.push_back({key, v});  // an optional key the file did not have
        std::vector<TensorSource> t;
        for (const auto &ti : (*file)->tensors())
            t.push_back({ti.name, ti.type, ti.ne, nullptr, (*file)->data(ti)});
        const auto path = dir / "b.gguf";
        EXPECT_TRUE(write_file(path, kv, t).ok());
        auto g = File::open(path);
        EXPECT_TRUE(g.ok());
        return g.ok() ? std::move(*g) : nullptr;
    };
    struct Case {
        std::string key;
        Value value;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {"llama.block_count", uint64_t{2}, "key llama.block_count has type u64, expected u32"},
        {"llama.rope.freq_base", 10000.0, "key llama.rope.freq_base has type f64, expected f32"},
        {"tokenizer.ggml.add_bos_token", uint8_t{1},
         "key tokenizer.ggml.add_bos_token has type u8, expected bool"},
        {"tokenizer.ggml.bos_token_id", int32_t{1},
         "key tokenizer.ggml.bos_token_id has type i32, expected u32"},
        {"tokenizer.ggml.eos_token_id", uint32_t{100000}, "not below the vocabulary size"},
        {"general.architecture", std::string("gpt2"), "architecture 'gpt2' is not llama"},
        {"llama.vocab_size", uint32_t{7}, "llama.vocab_size is 7"},
        {"llama.feed_forward_length", uint32_t{96}, "tensor blk.0.ffn_gate.weight has shape"},
        {"llama.embedding_length", uint32_t{32}, "rope.dimension_count 16 is not the head size 8"},
        {"llama.attention.head_count_kv", uint32_t{3}, "head_count_kv 3 does not divide head_count 4"},
        {"tokenizer.ggml.scores", make_array<int32_t>(std::vector<int32_t>{1}),
         "tokenizer.ggml.scores must be"},
        {"smolify.task.labels", std::string("urgent"), "smolify.task.labels must be an array of strings"},
        {"smolify.task.labels", make_string_array({"urgent", ""}), "empty or over-long label"},
        {"smolify.task.labels", make_string_array(std::vector<std::string>(201, "x")), "at most 200"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.key);
        auto g = rewritten(c.key, c.value);
        ASSERT_TRUE(g);
        auto h = read_student_header(*g);
        ASSERT_FALSE(h.ok());
        EXPECT_EQ(h.error().kind, ErrorKind::user);
        EXPECT_NE(h.error().message.find(c.expect), std::string::npos) << h.error().message;
    }
}
