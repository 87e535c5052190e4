// The SentencePiece tokenizer as Smolify trains it: the engine-notes options really take effect,
// text survives a round trip, control tokens are single ids, stored models reload and damaged ones
// are refused; and the prompt format.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "text/chat_format.h"
#include "text/tokenizer.h"
#include "text/tokenizer_store.h"

using namespace smolify;
using namespace smolify::text;

namespace {

std::vector<std::string> corpus() {
    std::vector<std::string> c;
    const char *lines[] = {
        "The patient reports a mild headache since Tuesday morning.",
        "Subjective: cough for 3 days, no fever. Objective: lungs clear.",
        "Assessment: viral infection. Plan: rest, fluids, review in 1 week.",
        "Café au lait, naïve résumé, Ärzte über München.",
        "Ticket 4521: printer on floor 2 is jammed again\nPriority: low",
        "  indented line with  two spaces and\ttabs",
    };
    for (int r = 0; r < 40; ++r)
        for (const char *l : lines)
            c.push_back(std::string(l) + " #" + std::to_string(r * 7));
    return c;
}

const Tokenizer &shared_tokenizer() {
    static std::unique_ptr<Tokenizer> t = [] {
        TokenizerTrainParams p;
        p.vocab_size = 400;
        p.threads = 2;
        auto r = Tokenizer::train(corpus(), p);
        if (!r) {
            ADD_FAILURE() << r.error().message;
            return std::unique_ptr<Tokenizer>();
        }
        return std::move(r).value();
    }();
    return *t;
}

std::string roundtrip(const Tokenizer &t, const std::string &s) {
    auto ids = t.encode(s);
    EXPECT_TRUE(ids.ok());
    auto back = t.decode(*ids);
    EXPECT_TRUE(back.ok());
    return back.ok() ? *back : std::string("<decode failed>");
}

}  // namespace

TEST(Tokenizer, FixedIdsAndTypes) {
    const Tokenizer &t = shared_tokenizer();
    EXPECT_GT(t.vocab_size(), kReservedPieces);
    EXPECT_LE(t.vocab_size(), 400);
    EXPECT_EQ(t.type(kUnkId), PieceType::unknown);
    EXPECT_EQ(t.type(kBosId), PieceType::control);
    EXPECT_EQ(t.type(kEosId), PieceType::control);
    EXPECT_EQ(t.type(kPadId), PieceType::control);
    EXPECT_EQ(t.piece(kImStartId), "<|im_start|>");
    EXPECT_EQ(t.piece(kImEndId), "<|im_end|>");
    EXPECT_EQ(t.type(kImStartId), PieceType::control);
    EXPECT_EQ(t.type(kImEndId), PieceType::control);
    EXPECT_EQ(t.piece(6), "<0x00>");
    EXPECT_EQ(t.type(6 + 0x41), PieceType::byte);
    EXPECT_EQ(t.type(kReservedPieces), PieceType::normal);
    // Merges are ordered by score, highest first: what llama.cpp's BPE merge relies on.
    EXPECT_GE(t.score(kReservedPieces), t.score(t.vocab_size() - 1));
}

TEST(Tokenizer, RoundTripsAsciiAccentsEmojiNewlinesAndSpaces) {
    const Tokenizer &t = shared_tokenizer();
    for (std::string s : {"Plan: rest, fluids.", "naïve Ärzte über Café", "emoji 😀🚀 and 漢字 unseen",
                          "line one\nline two\n\nthree", "  leading, double  and trailing spaces  ",
                          "\ttab\r\nCRLF", " ", "12345 + 67.89 = 80235.89"})
        EXPECT_EQ(roundtrip(t, s), s);
}

TEST(Tokenizer, ByteFallbackEncodesUnseenCharacters) {
    const Tokenizer &t = shared_tokenizer();
    auto ids = t.encode("😀");
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->size(), 4u);  // F0 9F 98 80, one byte piece each
    for (int32_t id : *ids)
        EXPECT_EQ(t.type(id), PieceType::byte);
    EXPECT_EQ(std::count(ids->begin(), ids->end(), kUnkId), 0);
}

TEST(Tokenizer, DigitsAreSplitOneByOne) {
    const Tokenizer &t = shared_tokenizer();
    auto ids = t.encode("4521");  // "4521" occurs 40 times in the corpus: it would merge otherwise
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->size(), 4u);
    EXPECT_EQ(t.piece((*ids)[0]), "4");
    EXPECT_EQ(t.piece((*ids)[3]), "1");
}

TEST(Tokenizer, ControlTokensAreSingleIdsAndNeverComeFromText) {
    const Tokenizer &t = shared_tokenizer();
    EXPECT_EQ(t.piece_to_id("<|im_start|>"), kImStartId);
    EXPECT_EQ(t.piece_to_id("<|im_end|>"), kImEndId);
    auto ids = t.encode("<|im_start|>user<|im_end|>");
    ASSERT_TRUE(ids.ok());
    for (int32_t id : *ids)
        EXPECT_NE(t.type(id), PieceType::control) << id;
    EXPECT_EQ(roundtrip(t, "<|im_start|>user<|im_end|>"), "<|im_start|>user<|im_end|>");
}

TEST(Tokenizer, IsTrainedWithoutCollapsingWhitespace) {
    const Tokenizer &t = shared_tokenizer();
    auto one = t.encode("a b");
    auto two = t.encode("a  b");
    ASSERT_TRUE(one.ok() && two.ok());
    EXPECT_NE(*one, *two);
}

TEST(Tokenizer, SerializedModelReloadsAndEncodesTheSame) {
    const Tokenizer &t = shared_tokenizer();
    auto again = Tokenizer::load(t.serialized());
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ((*again)->vocab_size(), t.vocab_size());
    EXPECT_EQ((*again)->sha256(), t.sha256());
    const std::string s = "Subjective: cough 😀 for 12 days";
    EXPECT_EQ(*(*again)->encode(s), *t.encode(s));
}

TEST(Tokenizer, DamagedModelsAreRefusedWithUserErrors) {
    const Tokenizer &t = shared_tokenizer();
    for (std::string bad :
         {std::string(), std::string("not a model"), t.serialized().substr(0, t.serialized().size() / 2)}) {
        auto r = Tokenizer::load(bad);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().kind, ErrorKind::user);
        EXPECT_NE(r.error().message.find("tokenizer"), std::string::npos);
    }
}

TEST(Tokenizer, DecodeRefusesIdsOutsideTheVocabulary) {
    const Tokenizer &t = shared_tokenizer();
    const int32_t ids[] = {kBosId, t.vocab_size()};
    auto r = t.decode(ids);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    const int32_t neg[] = {-1};
    EXPECT_FALSE(t.decode(neg).ok());
}

TEST(Tokenizer, EmptyCorpusIsAUserError) {
    std::vector<std::string> none = {"", ""};
    auto r = Tokenizer::train(none);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
}

TEST(Tokenizer, AutomaticVocabularyFollowsTheCorpus) {
    EXPECT_EQ(auto_vocab_size(10'000, 60), 1024);       // small corpus: the floor
    EXPECT_EQ(auto_vocab_size(160 * 3000, 80), 3072);   // one piece per 160 bytes, to 256
    EXPECT_EQ(auto_vocab_size(100'000'000, 80), 8192);  // the ceiling
    EXPECT_EQ(auto_vocab_size(10'000, 3000), 3584);     // every character must fit
}

TEST(ChatFormat, TextAndTokensFollowTheDocumentedFormat) {
    const Tokenizer &t = shared_tokenizer();
    EXPECT_EQ(chat_text("Task: triage", "printer jammed", std::string_view("low")),
              "<|im_start|>system\nTask: triage<|im_end|>\n<|im_start|>user\nprinter jammed<|im_end|>\n"
              "<|im_start|>assistant\nlow<|im_end|>");
    auto prompt = encode_chat(t, "Task: triage", "printer jammed");
    auto full = encode_chat(t, "Task: triage", "printer jammed", std::string_view("Priority: low"));
    ASSERT_TRUE(prompt.ok() && full.ok());
    EXPECT_EQ(prompt->prompt_tokens, prompt->tokens.size());
    EXPECT_EQ(full->prompt_tokens, prompt->tokens.size());
    EXPECT_TRUE(std::equal(prompt->tokens.begin(), prompt->tokens.end(), full->tokens.begin()));
    EXPECT_EQ(full->tokens.front(), kBosId);
    EXPECT_EQ(full->tokens[1], kImStartId);
    EXPECT_EQ(full->tokens.back(), kImEndId);
    EXPECT_EQ(std::count(full->tokens.begin(), full->tokens.end(), kImStartId), 3);
    EXPECT_EQ(std::count(full->tokens.begin(), full->tokens.end(), kImEndId), 3);
    // The output part decodes to the output; the whole decodes to the text without control tokens.
    std::vector<int32_t> out(full->tokens.begin() + static_cast<std::ptrdiff_t>(full->prompt_tokens),
                             full->tokens.end());
    EXPECT_EQ(*t.decode(out), "Priority: low");
    EXPECT_EQ(*t.decode(full->tokens),
              "system\nTask: triage\nuser\nprinter jammed\nassistant\nPriority: low");
    EXPECT_NE(chat_template().find("<|im_start|>assistant\\n"), std::string::npos);
}

TEST(ChatFormat, SystemPromptComesFromTheSpecElseTheIntent) {
    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "  Sort IT tickets by urgency ";
    auto project = store::Project::create(dir / "p.smolify", cp);
    ASSERT_TRUE(project.ok());
    EXPECT_EQ(*system_prompt(**project), "Task: Sort IT tickets by urgency");
    store::TaskSpec spec;
    spec.instruction = "Classify the ticket as low, normal or urgent.";
    ASSERT_TRUE((*project)->save_spec(spec).ok());
    EXPECT_EQ(*system_prompt(**project), "Classify the ticket as low, normal or urgent.");
}

TEST(TokenizerStore, SavesLoadsAndRefusesATamperedBlob) {
    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "x";
    auto project = store::Project::create(dir / "p.smolify", cp);
    ASSERT_TRUE(project.ok());
    EXPECT_FALSE(latest_tokenizer(**project)->has_value());
    const Tokenizer &t = shared_tokenizer();
    auto id = save_tokenizer(**project, t, {{"corpus_sha256", "abc"}}, 240, 12345);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto loaded = load_tokenizer(**project, *id);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->tokenizer->sha256(), t.sha256());
    EXPECT_EQ(loaded->options.value("corpus_sha256", ""), "abc");
    EXPECT_EQ(loaded->corpus_samples, 240);
    auto latest = latest_tokenizer(**project);
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->id, *id);

    // Damage the blob behind the store's back.
    (*project)->db().exec("UPDATE tokenizers SET model = substr(model, 1, length(model) - 10)");
    auto damaged = load_tokenizer(**project, *id);
    ASSERT_FALSE(damaged.ok());
    EXPECT_EQ(damaged.error().kind, ErrorKind::user);
    EXPECT_NE(damaged.error().message.find("damaged"), std::string::npos);
    EXPECT_FALSE(load_tokenizer(**project, 999).ok());
}
