// The output contract per task kind, the JSON-schema subset, and the task spec's JSON form and
// validation: hand-made cases, each with the reason a reject must carry.
#include <gtest/gtest.h>

#include "synth/contract.h"
#include "synth/spec.h"

namespace smolify::synth {
namespace {

using nlohmann::json;

Spec soap_spec() {
    Spec s;
    s.kind = TaskKind::sectioned_text;
    s.instruction = "Write a SOAP note from the dictation.";
    s.output.sections = {"Subjective", "Objective", "Assessment", "Plan"};
    s.seeds = {
        {"Patient with a cough for 3 days.", "S: cough 3 days\nO: afebrile\nA: viral URI\nP: fluids", ""}};
    return s;
}

TEST(SynthContract, SectionedAcceptsColonMarkdownBoldAndLetterHeadings) {
    Spec s = soap_spec();
    for (const char *out : {
             "Subjective: cough\nObjective: afebrile\nAssessment: URI\nPlan: fluids",
             "## Subjective\ncough for 3 days\n## Objective\nT 37.0\n## Assessment\nURI\n## Plan\nrest",
             "**Subjective:** cough\n**Objective:** BP: 120/80\n**Assessment:** URI\n**Plan:** fluids",
             "S: cough\nO: BP: 120/80\nA: URI\nP: fluids",
             "subjective:\n  cough\n\nOBJECTIVE: ok\nassessment: URI\nplan: fluids\n",
         }) {
        ContractResult r = contract_check(s, "dictation", out);
        EXPECT_TRUE(r.ok) << out << " -> " << r.reason;
    }
}

TEST(SynthContract, SectionedRejectsMissingEmptyOutOfOrderAndRepeatedSections) {
    Spec s = soap_spec();
    struct Case {
        const char *output;
        const char *reason;
    } cases[] = {
        {"Subjective: a\nObjective: b\nPlan: d", "missing section \"Assessment\" before \"Plan\""},
        {"Subjective: a\nObjective: b\nAssessment: c", "missing section \"Plan\""},
        {"Subjective: a\nObjective:\nAssessment: c\nPlan: d", "section \"Objective\" is empty"},
        {"Objective: b\nSubjective: a\nAssessment: c\nPlan: d",
         "missing section \"Subjective\" before \"Objective\""},
        {"Subjective: a\nObjective: b\nAssessment: c\nPlan: d\nPlan: e", "section \"Plan\" appears twice"},
        {"Note follows.\nSubjective: a\nObjective: b\nAssessment: c\nPlan: d",
         "text before the first section"},
        // "Plans:" is not the heading "Plan:"; a paragraph is not a heading.
        {"Subjective: a\nObjective: b\nAssessment: c\nPlans: d", "missing section \"Plan\""},
    };
    for (const auto &c : cases) {
        ContractResult r = contract_check(s, "dictation", c.output);
        EXPECT_FALSE(r.ok) << c.output;
        EXPECT_NE(r.reason.find(c.reason), std::string::npos) << c.output << " -> " << r.reason;
    }
}

TEST(SynthContract, LetterHeadingsOnlyWhenFirstLettersAreDistinct) {
    Spec s = soap_spec();
    s.output.sections = {"Summary", "Steps"};  // both start with S: "S:" would be ambiguous
    EXPECT_FALSE(contract_check(s, "x", "S: one\nS: two").ok);
    EXPECT_TRUE(contract_check(s, "x", "Summary: one\nSteps: two").ok);
}

TEST(SynthContract, ClassificationNormalisesToTheSpelledLabel) {
    Spec s;
    s.kind = TaskKind::classification;
    s.instruction = "Triage";
    s.output.labels = {"Urgent", "Normal", "Low"};
    for (const char *out : {"urgent", " URGENT. ", "\"Urgent\"", "`urgent`"}) {
        ContractResult r = contract_check(s, "server down", out);
        ASSERT_TRUE(r.ok) << out << " -> " << r.reason;
        EXPECT_EQ(r.output, "Urgent");
    }
    ContractResult bad = contract_check(s, "server down", "critical");
    EXPECT_FALSE(bad.ok);
    EXPECT_NE(bad.reason.find("label \"critical\" is not one of: Urgent, Normal, Low"), std::string::npos)
        << bad.reason;
    EXPECT_FALSE(contract_check(s, "server down", "Urgent because the server is down").ok);
}

json party_schema() {
    return json::parse(R"({
      "type": "object",
      "required": ["parties", "date"],
      "additionalProperties": false,
      "properties": {
        "date": {"type": ["string", "null"], "maxLength": 10},
        "amount": {"type": "number", "minimum": 0},
        "currency": {"enum": ["EUR", "USD"]},
        "parties": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "role"],
            "properties": {"name": {"type": "string", "minLength": 1}, "role": {"enum": ["buyer", "seller"]},
                           "share": {"type": "integer"}}}}
      }})");
}

TEST(SynthContract, JsonExtractionValidatesTheSchemaSubset) {
    Spec s;
    s.kind = TaskKind::json_extraction;
    s.instruction = "Extract";
    s.output.schema = party_schema();
    ContractResult ok = contract_check(s, "contract text",
                                       "```json\n{\"parties\": [{\"name\": \"ACME\", \"role\": \"buyer\", "
                                       "\"share\": 2.0}], \"date\": null}\n```");
    ASSERT_TRUE(ok.ok) << ok.reason;
    EXPECT_EQ(ok.output, R"({"parties":[{"name":"ACME","role":"buyer","share":2.0}],"date":null})");

    struct Case {
        const char *output;
        const char *reason;
    } cases[] = {
        {"not json", "not valid JSON"},
        {"[1,2]", "not an object (array)"},
        {R"({"parties": []})", "$: missing required field \"date\""},
        {R"({"parties": [], "date": "2024-01-01"})", "$.parties: fewer than 1 items"},
        {R"({"parties": [{"name": "A", "role": "broker"}], "date": null})",
         "$.parties[0].role: \"broker\" is not one of"},
        {R"({"parties": [{"name": "A"}], "date": null})", "$.parties[0]: missing required field \"role\""},
        {R"({"parties": [{"name": "A", "role": "buyer", "share": 1.5}], "date": null})",
         "$.parties[0].share: expected integer"},
        {R"({"parties": [{"name": "A", "role": "buyer"}], "date": 5})",
         "$.date: expected string or null, found number"},
        {R"({"parties": [{"name": "A", "role": "buyer"}], "date": "2024-01-01-extra"})",
         "$.date: longer than 10"},
        {R"({"parties": [{"name": "A", "role": "buyer"}], "date": null, "amount": -3})",
         "$.amount: below the minimum 0"},
        {R"({"parties": [{"name": "A", "role": "buyer"}], "date": null, "note": "x"})",
         "$.note: not a field of the schema"},
        {R"({"parties": [{"name": "", "role": "buyer"}], "date": null})",
         "$.parties[0].name: shorter than 1"},
    };
    for (const auto &c : cases) {
        ContractResult r = contract_check(s, "contract text", c.output);
        EXPECT_FALSE(r.ok) << c.output;
        EXPECT_NE(r.reason.find(c.reason), std::string::npos) << c.output << " -> " << r.reason;
    }
}

TEST(SynthContract, LengthLimitsCountCharactersNotBytes) {
    Spec s;
    s.kind = TaskKind::free_text;
    s.instruction = "Summarise";
    s.output.max_output_chars = 5;
    s.output.min_output_chars = 2;
    s.output.max_input_chars = 10;
    EXPECT_TRUE(contract_check(s, "input", "äöüßé").ok);  // 5 characters, 10 bytes
    EXPECT_NE(contract_check(s, "input", "äöüßéx").reason.find("longer than 5 characters"),
              std::string::npos);
    EXPECT_NE(contract_check(s, "input", "a").reason.find("shorter than 2 characters"), std::string::npos);
    EXPECT_NE(contract_check(s, "an input that is long", "abc").reason.find("input is longer than 10"),
              std::string::npos);
    EXPECT_NE(contract_check(s, "input", "   ").reason.find("output is empty"), std::string::npos);
    EXPECT_NE(contract_check(s, "", "abc").reason.find("input is empty"), std::string::npos);
    EXPECT_NE(contract_check(s, "input", std::string("ab\xff", 3)).reason.find("UTF-8"), std::string::npos);
}

// --- the spec's JSON form ------------------------------------------------------------------------------

json good_spec_json() {
    return json::parse(R"({
      "kind": "classification",
      "instruction": "Sort the IT ticket by urgency.",
      "input_description": "A ticket as a user writes it.",
      "output": {"labels": ["urgent", "normal", "low"], "max_output_chars": 10},
      "axes": [{"name": "sub-topic", "values": ["printer", "network", "accounts"]},
               {"name": "persona", "values": ["intern", "CFO"]}],
      "seeds": [{"input": "The whole office is offline", "output": "Urgent"},
                {"input": "Toner is low", "output": "low", "topic": "printer"}]
    })");
}

TEST(SynthSpec, JsonRoundTripKeepsEverythingAndNormalisesSeeds) {
    auto spec = spec_from_json(good_spec_json());
    ASSERT_TRUE(spec.ok()) << spec.error().message;
    EXPECT_EQ(spec->kind, TaskKind::classification);
    ASSERT_EQ(spec->axes.size(), 2u);
    EXPECT_EQ(spec->axes[1].values[1], "CFO");
    EXPECT_EQ(spec->seeds[0].output, "urgent");  // the label as the spec spells it
    EXPECT_EQ(spec->output.max_output_chars, 10u);
    auto again = spec_from_json(spec_to_json(*spec));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(spec_to_json(*again), spec_to_json(*spec));

    store::TaskSpec row = spec_to_store(*spec, "teacher");
    EXPECT_EQ(row.kind, "classification");
    EXPECT_EQ(row.author, "teacher");
    auto back = spec_from_store(row);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(spec_to_json(*back), spec_to_json(*spec));
}

TEST(SynthSpec, ErrorsNameTheField) {
    struct Case {
        const char *pointer;  // JSON pointer to change
        json value;
        const char *message;
    } cases[] = {
        {"/kind", "poetry", "kind: \"poetry\" is not a task kind"},
        {"/kind", 7, "kind: must be a string"},
        {"/instruction", "  ", "instruction: is empty"},
        {"/output/labels", json::array({"urgent"}),
         "output.labels: a classification task needs at least two labels"},
        {"/output/labels/1", "URGENT", "output.labels[1]: \"URGENT\" is listed twice"},
        {"/output/max_output_chars", -1, "output.max_output_chars: must be a whole number"},
        {"/axes/0/values", json::array(), "axes[0].values: an axis needs at least one value"},
        {"/axes/1/name", "sub-topic", "axes[1].name: \"sub-topic\" is used twice"},
        {"/axes/0/values/2", 3, "axes[0].values[2]: must be a string"},
        {"/seeds/1/output", "critical", "seeds[1]: does not keep the output contract: label \"critical\""},
        {"/seeds/0/input", json(nullptr), "seeds[0].input: missing"},
        {"/seeds", json::array(), "seeds: at least one seed example"},
    };
    for (const auto &c : cases) {
        json j = good_spec_json();
        j[json::json_pointer(c.pointer)] = c.value;
        auto spec = spec_from_json(j);
        ASSERT_FALSE(spec.ok()) << c.pointer;
        EXPECT_EQ(spec.error().kind, ErrorKind::user);
        EXPECT_NE(spec.error().message.find(c.message), std::string::npos)
            << c.pointer << " -> " << spec.error().message;
    }
    json missing = good_spec_json();
    missing.erase("output");
    EXPECT_NE(spec_from_json(missing).error().message.find("output: missing"), std::string::npos);
    EXPECT_FALSE(spec_parse("{not json").ok());
    EXPECT_FALSE(spec_parse("[1]").ok());
}

TEST(SynthSpec, ExtractionSpecsNeedAnObjectSchemaInTheSubset) {
    json j = {{"kind", "json_extraction"},
              {"instruction", "Extract the parties"},
              {"output", {{"schema", party_schema()}}},
              {"seeds", json::array({{{"input", "ACME buys from Bolt"},
                                      {"output",
                                       {{"parties", json::array({{{"name", "ACME"}, {"role", "buyer"}}})},
                                        {"date", nullptr}}}}})}};
    auto spec = spec_from_json(j);
    ASSERT_TRUE(spec.ok()) << spec.error().message;
    // Written as an object inside the spec file, the seed comes back as compact JSON text.
    EXPECT_EQ(spec->seeds[0].output, R"({"date":null,"parties":[{"name":"ACME","role":"buyer"}]})");
    j["output"]["schema"]["properties"]["amount"]["type"] = "money";
    EXPECT_NE(spec_from_json(j).error().message.find("output.schema: $.properties.amount.type: unknown type"),
              std::string::npos)
        << spec_from_json(j).error().message;
    j["output"]["schema"] = {{"type", "array"}};
    EXPECT_NE(spec_from_json(j).error().message.find("the top level must be"), std::string::npos);
}

}  // namespace
}  // namespace smolify::synth
