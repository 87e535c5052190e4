// The output contract check: does one sample keep the task spec? Generation runs every teacher sample
// through it before storing; rejects are kept with the reason this returns.
//
// What is accepted, per kind (docs/synth.md has the long form):
//  - sectioned_text: every section of the spec, in the spec's order, each once and non-empty. A heading
//    is a line that starts with the section name (case-insensitive), optionally after Markdown "#"s and
//    optionally wrapped in "**", followed by ":" (content may follow on the same line) or, for a "#"
//    heading, by the end of the line. Where the sections' first letters are distinct, the one-letter form
//    "S:" is accepted too (SOAP notes are written that way). Lines that are not headings of the spec's
//    sections ("BP: 120/80") are content.
//  - json_extraction: a JSON object (code fences around it are removed) valid against the spec's schema,
//    in the subset described at json_schema_check(). The stored output is the compact JSON text.
//  - classification: one label of the set, compared case-insensitively after trimming spaces, quotes and
//    a final full stop; the stored output is the label exactly as the spec spells it.
//  - free_text: non-empty.
//  For all kinds: the spec's length limits (in characters) on output and input.
//
// Who calls it: synth/generate, synth/spec (seeds must keep the contract), tests.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "synth/spec.h"

namespace smolify::synth {

struct ContractResult {
    bool ok = false;
    std::string
        reason;  // why not, when !ok: "missing section \"Plan\"", "label \"urgent!\" is not one of ..."
    std::string output;  // when ok: the output as it should be stored (normalised label, compact JSON)
};

ContractResult contract_check(const Spec &spec, std::string_view input, std::string_view output);

// One line read as a heading of the sectioned kind, exactly as contract_check reads it (constrained
// decoding uses it too, so what the constraint allows and what the contract accepts cannot drift).
// `letters_ok`: the one-letter form ("S:") counts, as when the sections' first letters are distinct.
struct SectionHeading {
    std::size_t section = 0;  // index into `sections`
    std::string rest;         // the text after the heading on the same line, trimmed
    bool colon = false;       // the heading ended with ':' ("Plan:"), not only a "#" line ("## Plan")
    bool bold = false;        // written "**Plan:**"
};
std::optional<SectionHeading> match_section_heading(std::string_view line, const std::vector<std::string> &sections,
                                                   bool letters_ok);

// Validates `value` against `schema`, a subset of JSON Schema: "type" (a name or a list of names:
// object, array, string, number, integer, boolean, null), "properties", "required",
// "additionalProperties": false, "enum", "items", "minItems", "maxItems", "minLength", "maxLength",
// "minimum", "maximum". Other keywords are ignored. Returns "" when valid, else the first problem with
// its JSON path ("$.parties[1].role: ...").
std::string json_schema_check(const nlohmann::json &schema, const nlohmann::json &value);

// Checks that a schema only uses the subset in a way json_schema_check understands; "" when fine.
std::string json_schema_lint(const nlohmann::json &schema);

// Number of Unicode code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view s);

}  // namespace smolify::synth
