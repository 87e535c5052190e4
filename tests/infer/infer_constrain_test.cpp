// Constrained decoding (core/infer/constrain.h): the byte machines on hand-written texts (accepted,
// refused, where the output may end, the closing from a cut-off prefix), and generation by a
// random-weight student with the real tokenizer under many seeds and temperatures, every constrained
// output passing synth::contract_check where the unconstrained ones fail it; a constraint that allows
// everything changes nothing.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "infer/constrain.h"
#include "infer/generate.h"
#include "infer/infer.h"
#include "model/model.h"
#include "synth/contract.h"
#include "synth/spec.h"
#include "text/tokenizer.h"

using namespace smolify;
using nlohmann::json;

namespace {

// Text like the outputs of the three structured kinds, so that the tokenizer learns pieces that cross
// structure ("\":\"", "Plan:", "\n") and pieces of several non-ASCII characters.
std::vector<std::string> corpus() {
    const char *lines[] = {
        "{\"name\":\"Ann Lee\",\"priority\":\"high\",\"amount\":12.5,\"tags\":[\"billing\",\"refund\"]}",
        "{\"priority\":\"low\",\"name\":\"Bob\",\"tags\":[]}",
        "Subjective: headache for three days.\nObjective: BP 120/80, afebrile.\nAssessment: tension "
        "headache.\nPlan: rest, fluids, paracetamol.",
        "## Subjective\nPatient reports pain.\n## Objective\nNo findings.\n## Assessment\nMild strain.\n## "
        "Plan\nIce and rest.",
        "urgent", "normal", "low", "très urgent", "日本語のテキスト", "naïve café déjà vu",
        "The printer on floor 3 is jammed again and nobody can print the payroll report.",
    };
    std::vector<std::string> c;
    for (int r = 0; r < 30; ++r)
        for (const char *l : lines)
            c.push_back(std::string(l) + " " + std::to_string(r * 13));
    return c;
}

const text::Tokenizer &tokenizer() {
    static std::unique_ptr<text::Tokenizer> t = [] {
        text::TokenizerTrainParams p;
        p.vocab_size = 700;
        p.threads = 2;
        auto r = text::Tokenizer::train(corpus(), p);
        if (!r) {
            ADD_FAILURE() << r.error().message;
            return std::unique_ptr<text::Tokenizer>();
        }
        return std::move(r).value();
    }();
    return *t;
}

// A student with random weights, large enough (x8) that its next-token distribution is far from flat.
std::unique_ptr<infer::Model> random_student(uint64_t seed) {
    model::Config c;
    c.vocab = tokenizer().vocab_size();
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 160;
    c.max_seq = 320;
    auto net = model::Model::create(c, 1, 16);
    EXPECT_TRUE(net.ok());
    if (!net) return nullptr;
    (*net)->init_weights(seed);
    auto p = (*net)->params();
    for (const auto &t : (*net)->tensors())
        if (!t.is_norm)
            for (std::size_t i = 0; i < t.size; ++i)
                p[t.offset + i] *= 8.0f;
    infer::LoadParams lp;
    lp.threads = 1;
    auto m = infer::Model::from_weights(c, (*net)->params(), (*net)->tensors(), lp);
    EXPECT_TRUE(m.ok());
    return m ? std::move(*m) : nullptr;
}

synth::Spec labels_spec() {
    synth::Spec s;
    s.kind = synth::TaskKind::classification;
    s.output.labels = {"urgent", "normal", "low", "très urgent"};
    return s;
}

synth::Spec sections_spec() {
    synth::Spec s;
    s.kind = synth::TaskKind::sectioned_text;
    s.output.sections = {"Subjective", "Objective", "Assessment", "Plan"};
    return s;
}

synth::Spec json_spec() {
    synth::Spec s;
    s.kind = synth::TaskKind::json_extraction;
    s.output.schema = json::parse(R"({
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "priority": {"enum": ["low", "high"]},
            "amount": {"type": "number", "minimum": 0, "maximum": 1000},
            "count": {"type": "integer"},
            "paid": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3}
        },
        "required": ["name", "priority"],
        "additionalProperties": false})");
    return s;
}

std::unique_ptr<infer::Constraint> constraint_for(const synth::Spec &spec) {
    auto c = infer::Constraint::for_spec(spec, tokenizer());
    EXPECT_TRUE(c.ok()) << (c ? "" : c.error().message);
    return c ? std::move(*c) : nullptr;
}

// Feeds `text` from the start: whether every byte was taken, and whether the output may end there.
struct Fed {
    bool taken = false;
    bool can_end = false;
};
Fed feed(infer::Constraint &c, std::string_view text) {
    c.reset();
    Fed f;
    f.taken = c.feed(text).ok();
    f.can_end = f.taken && c.can_end();
    return f;
}

::testing::AssertionResult contract_ok(const synth::Spec &spec, const std::string &output) {
    auto r = synth::contract_check(spec, "some input", output);
    if (r.ok) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << r.reason;
}

const std::vector<int32_t> &prompt() {
    static const std::vector<int32_t> p = {text::kBosId, text::kImStartId, 300, 301, 302, text::kImEndId};
    return p;
}

struct Generated {
    infer::Generation g;
    std::string text;
};

Generated run(infer::Model &m, infer::Constraint *c, float temperature, uint64_t seed, int max_tokens) {
    infer::GenerateParams p;
    p.sampling.temperature = temperature;
    p.sampling.seed = seed;
    p.max_tokens = max_tokens;
    p.stop_tokens = {text::kImEndId, text::kEosId};
    p.constraint = c;
    auto g = infer::generate(m, prompt(), p);
    EXPECT_TRUE(g.ok()) << (g ? "" : g.error().message);
    Generated r;
    if (!g) return r;
    r.g = std::move(*g);
    auto t = tokenizer().decode(r.g.tokens);
    EXPECT_TRUE(t.ok());
    r.text = t ? *t : "";
    return r;
}

}  // namespace

// --- the byte machines -----------------------------------------------------------------------------

TEST(InferConstrain, LabelsTakeExactlyOneLabelAsSpelled) {
    auto c = constraint_for(labels_spec());
    ASSERT_TRUE(c);
    EXPECT_TRUE(feed(*c, "urgent").can_end);
    EXPECT_TRUE(feed(*c, "très urgent").can_end);
    EXPECT_TRUE(feed(*c, "low").can_end);
    Fed prefix = feed(*c, "urg");
    EXPECT_TRUE(prefix.taken);
    EXPECT_FALSE(prefix.can_end);
    EXPECT_EQ(c->closing_text(), "ent");
    EXPECT_FALSE(feed(*c, "Urgent").taken);  // the spec's spelling only
    EXPECT_FALSE(feed(*c, "urgent.").taken);
    EXPECT_FALSE(feed(*c, " low").taken);
    EXPECT_FALSE(feed(*c, "medium").taken);
    EXPECT_FALSE(feed(*c, "").can_end);
    // Split inside "è": the first byte is taken, the output cannot end there.
    Fed split = feed(*c, "tr\xC3");
    EXPECT_TRUE(split.taken);
    EXPECT_FALSE(split.can_end);
}

TEST(InferConstrain, SectionsInOrderEachWithContent) {
    const synth::Spec spec = sections_spec();
    auto c = constraint_for(spec);
    ASSERT_TRUE(c);
    const std::vector<std::string> good = {
        "Subjective: headache\nObjective: BP 120/80\nAssessment: tension\nPlan: rest",
        "## Subjective\nPain since Monday.\n\n## Objective\nNormal.\n## Assessment\nStrain.\n## Plan\nIce.",
        "**Subjective:** pain\n**Objective**: none\nAssessment:\nmild\nPlan: fluids",
        "S: pain\nO: fine\nA: strain\nP: rest",
        "subjective: lower case works\nobjective: x\nassessment: y\nplan: z\nmore plan text",
        "Subjective: BP: 120/80 is content\nObjective: the Plan: is mentioned mid-line\nAssessment: a\nPlan: "
        "p\u00e9",
    };
    for (const std::string &t : good) {
        SCOPED_TRACE(t);
        EXPECT_TRUE(contract_ok(spec, t));  // the texts themselves are right
        Fed f = feed(*c, t);
        EXPECT_TRUE(f.taken);
        EXPECT_TRUE(f.can_end);
    }
    // Refused at the byte that breaks the contract.
    const std::vector<std::string> bad = {
        "Objective: first",                                    // out of order
        "Intro text\nSubjective: x",                           // text before the first heading
        "Subjective:\nObjective: x",                           // empty section
        "Subjective: a\nPlan: skipped two",                    // skips sections
        "Subjective: a\nSubjective: again",                    // twice
        "Subjective: a\nP: one-letter form of a later one",    // a heading by contract_check's reading
        "Subjective: a\n## Plan\n",                            // "#" heading out of order at its line end
    };
    for (const std::string &t : bad) {
        SCOPED_TRACE(t);
        EXPECT_FALSE(feed(*c, t).taken);
    }
    // May end only once the last section has content.
    EXPECT_FALSE(feed(*c, "Subjective: a\nObjective: b\nAssessment: c").can_end);
    EXPECT_FALSE(feed(*c, "Subjective: a\nObjective: b\nAssessment: c\nPlan:").can_end);
    EXPECT_FALSE(feed(*c, "Subjective: a\nObjective: b\nAssessment: c\n## Plan").can_end);
}

TEST(InferConstrain, JsonFollowsTheSchema) {
    const synth::Spec spec = json_spec();
    auto c = constraint_for(spec);
    ASSERT_TRUE(c);
    const std::vector<std::string> good = {
        R"({"name":"Ann","priority":"high"})",
        R"({"priority":"low","name":"Bob \"B\" Lee\\n","amount":12.5,"tags":["a","b","c"],"paid":true})",
        R"({"name":"é 日本","priority":"low","amount":0,"count":-42,"tags":[]})",
        R"({"name":"x","priority":"low","amount":1000})",
    };
    for (const std::string &t : good) {
        SCOPED_TRACE(t);
        EXPECT_TRUE(contract_ok(spec, t));
        Fed f = feed(*c, t);
        EXPECT_TRUE(f.taken);
        EXPECT_TRUE(f.can_end);
    }
    const std::vector<std::string> bad = {
        R"({"name":1)",                               // wrong type
        R"({"nickname":)",                            // not a property
        R"({"name":"a","name":)",                     // twice
        R"({"name":"a"})",                            // required "priority" missing at '}'
        R"({"name":"","priority":"low"})",            // minLength 1
        R"({"name":"a","priority":"medium")",         // not in the enum
        R"({"name":"a","priority":"low","amount":-1)",  // below the minimum
        R"({"name":"a","priority":"low","amount":1001)",  // above the maximum
        R"({"name":"a","priority":"low","count":1.5)",  // integer
        R"({"name":"a","priority":"low","tags":["a","b","c","d"])",  // maxItems
        R"({ "name":"a")",                            // white space outside strings
        R"({"name":"a\q")",                           // unknown escape
        "{\"name\":\"a\nb\"",                         // raw control character in a string
        "{\"name\":\"\xC3(\"",                        // broken UTF-8
        R"({"name":"a","priority":"low","amount":01)",  // leading zero
        R"({"name":"a","priority":"low"}x)",          // after the end
    };
    for (const std::string &t : bad) {
        SCOPED_TRACE(t);
        EXPECT_FALSE(feed(*c, t).taken);
    }
    EXPECT_FALSE(feed(*c, R"({"name":"a","priority":"low")").can_end);
}

TEST(InferConstrain, ClosingFromAnyPrefixEndsInsideTheContract) {
    const std::vector<std::pair<synth::Spec, std::string>> cases = {
        {json_spec(), R"({"priority":"low","name":"Bob \"B\" é","amount":12.5,"tags":["a","bc"],"count":-7})"},
        {sections_spec(), "**Subjective:** pain é\nObjective: BP 1\n## Assessment\nok\nPlan: rest\nmore"},
        {labels_spec(), "très urgent"},
    };
    for (const auto &[spec, full] : cases) {
        auto c = constraint_for(spec);
        ASSERT_TRUE(c);
        for (std::size_t n = 0; n <= full.size(); ++n) {
            const std::string prefix = full.substr(0, n);
            SCOPED_TRACE(prefix);
            ASSERT_TRUE(feed(*c, prefix).taken);
            const std::string close = c->closing_text();
            ASSERT_TRUE(c->feed(close).ok()) << close;
            EXPECT_TRUE(c->can_end()) << close;
            EXPECT_TRUE(contract_ok(spec, prefix + close)) << prefix + close;
        }
    }
}

TEST(InferConstrain, RefusesWhatItCannotConstrain) {
    const text::Tokenizer &tok = tokenizer();
    EXPECT_FALSE(infer::Constraint::labels({}, tok).ok());
    const std::vector<std::string> blank = {"ok", "  "};
    EXPECT_FALSE(infer::Constraint::labels(blank, tok).ok());
    EXPECT_FALSE(infer::Constraint::sections({}, tok).ok());
    const std::vector<std::string> colon = {"Plan: A"};
    EXPECT_FALSE(infer::Constraint::sections(colon, tok).ok());
    for (const char *schema : {R"({"type":"array"})", R"({"type":"object","properties":{"a":{"type":"money"}}})",
                               R"({"enum":[1,2]})",
                               R"({"type":"object","required":["x"],"additionalProperties":false})"}) {
        SCOPED_TRACE(schema);
        auto c = infer::Constraint::json_schema(json::parse(schema), tok);
        ASSERT_FALSE(c.ok());
        EXPECT_EQ(c.error().kind, ErrorKind::user);
    }
}

// --- generation --------------------------------------------------------------------------------------

TEST(InferConstrain, AllowedTokensAreThoseWhoseBytesTheMachineTakes) {
    auto c = constraint_for(json_spec());
    ASSERT_TRUE(c);
    const text::Tokenizer &tok = tokenizer();
    c->reset();
    ASSERT_TRUE(c->feed(R"({"name":"Ann)").ok());
    auto allowed = c->allowed();
    ASSERT_EQ(int(allowed.size()), tok.vocab_size());
    int n = 0;
    for (int id = 0; id < tok.vocab_size(); ++id) {
        const int32_t one[1] = {id};
        auto piece = tok.decode(one);
        ASSERT_TRUE(piece.ok());
        const bool text_piece = tok.type(id) == text::PieceType::normal || tok.type(id) == text::PieceType::byte;
        bool takes = false;
        if (text_piece) {
            std::string bytes = tok.type(id) == text::PieceType::byte ? std::string(1, char(id - 6)) : *piece;
            auto copy = constraint_for(json_spec());
            takes = copy->feed(std::string(R"({"name":"Ann)") + bytes).ok();
        }
        EXPECT_EQ(bool(allowed[std::size_t(id)]), takes) << "id " << id << " " << tok.piece(id);
        n += allowed[std::size_t(id)];
    }
    EXPECT_GT(n, 100);                         // inside a string most pieces fit
    EXPECT_FALSE(allowed[text::kImEndId]);     // the object is not finished
    EXPECT_FALSE(allowed[text::kImStartId]);
}

TEST(InferConstrain, RandomStudentKeepsTheContractOnlyWhenConstrained) {
    auto m = random_student(11);
    ASSERT_TRUE(m);
    for (const synth::Spec &spec : {labels_spec(), sections_spec(), json_spec()}) {
        SCOPED_TRACE(std::string(synth::to_string(spec.kind)));
        auto c = constraint_for(spec);
        ASSERT_TRUE(c);
        int free_ok = 0, stopped = 0;
        for (float temperature : {0.0f, 0.7f, 1.0f, 1.5f}) {
            for (uint64_t seed = 1; seed <= 6; ++seed) {
                SCOPED_TRACE("temperature " + std::to_string(temperature) + " seed " + std::to_string(seed));
                Generated r = run(*m, c.get(), temperature, seed, 160);
                EXPECT_EQ(r.text, c->text());  // the machine saw exactly the decoded bytes
                EXPECT_TRUE(contract_ok(spec, r.text)) << r.text;
                EXPECT_NE(r.g.stop_reason, "constraint");
                if (r.g.stop_reason == "stop") ++stopped;
                Generated u = run(*m, nullptr, temperature, seed, 160);
                free_ok += bool(contract_ok(spec, u.text));
                if (temperature == 0.0f) break;  // greedy: one seed is all seeds
            }
        }
        EXPECT_EQ(free_ok, 0);  // the random student never keeps the contract on its own
        EXPECT_EQ(stopped, 19);  // every constrained run ended with <|im_end|> inside the budget
    }
}

TEST(InferConstrain, TokenLimitClosesTheStructure) {
    auto m = random_student(5);
    ASSERT_TRUE(m);
    for (const synth::Spec &spec : {sections_spec(), json_spec()}) {
        auto c = constraint_for(spec);
        ASSERT_TRUE(c);
        for (int max_tokens : {60, 90}) {
            for (uint64_t seed = 1; seed <= 4; ++seed) {
                SCOPED_TRACE(std::to_string(max_tokens) + " tokens, seed " + std::to_string(seed));
                Generated r = run(*m, c.get(), 1.0f, seed, max_tokens);
                EXPECT_EQ(r.g.stop_reason, "stop") << r.text << "|" << c->closing_text();
                EXPECT_LE(int(r.g.tokens.size()), max_tokens - 1);
                EXPECT_TRUE(contract_ok(spec, r.text)) << r.text;
            }
        }
        // A budget too short for any closing: the output is cut by the limit, honestly reported.
        Generated tiny = run(*m, c.get(), 1.0f, 1, 3);
        EXPECT_EQ(tiny.g.stop_reason, "length");
        EXPECT_TRUE(tiny.g.constraint_closed);
    }
}

TEST(InferConstrain, AllowingEverythingChangesNothing) {
    auto m = random_student(3);
    ASSERT_TRUE(m);
    auto any = infer::Constraint::anything(tokenizer());
    ASSERT_TRUE(any.ok());
    for (float temperature : {0.0f, 0.9f}) {
        Generated free = run(*m, nullptr, temperature, 42, 60);
        Generated same = run(*m, any->get(), temperature, 42, 60);
        EXPECT_EQ(free.g.tokens, same.g.tokens);
        EXPECT_EQ(free.g.stop_reason, same.g.stop_reason);
        EXPECT_FALSE(free.g.tokens.empty());
    }
}

TEST(InferConstrain, VocabularyMismatchIsAUserError) {
    model::Config c;
    c.vocab = 300;  // not the tokenizer's
    c.dim = 32;
    c.layers = 1;
    c.heads = 2;
    c.kv_heads = 2;
    c.ffn = 64;
    c.max_seq = 32;
    auto net = model::Model::create(c, 1, 8);
    ASSERT_TRUE(net.ok());
    (*net)->init_weights(1);
    auto m = infer::Model::from_weights(c, (*net)->params(), (*net)->tensors());
    ASSERT_TRUE(m.ok());
    auto k = constraint_for(labels_spec());
    infer::GenerateParams p;
    p.constraint = k.get();
    const int32_t prompt_ids[] = {1, 4, 5};
    auto g = infer::generate(**m, prompt_ids, p);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().kind, ErrorKind::user);
}
