// The task spec: what the student must learn, written down so that the teacher can produce samples for
// it and the contract checker can hold each sample to it. A spec is drafted by the teacher from the
// intent (synth/draft.h), edited by the user, and stored versioned in the project's task_specs table
// (saving never overwrites; every sample records the version it was made under).
//
// JSON form (what `smolify-cli spec --show --json` prints and `--set FILE` reads), see docs/synth.md:
//   {"kind": "sectioned_text" | "json_extraction" | "classification" | "free_text",
//    "instruction": "...", "input_description": "...",
//    "output": {"sections": [...], "schema": {...}, "labels": [...],
//               "min_output_chars": 0, "max_output_chars": 0, "max_input_chars": 0},
//    "axes": [{"name": "sub-topic", "values": ["...", ...]}, ...],
//    "seeds": [{"input": "...", "output": "...", "topic": "..."}, ...]}
//
// Who calls it: the CLI (spec, generate), the GUI's Intent page, synth/generate.
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/types.h"
#include "util/result.h"

namespace smolify::synth {

enum class TaskKind { sectioned_text, json_extraction, classification, free_text };

std::string_view to_string(TaskKind kind);
// Accepts the canonical names and a few spellings a teacher tends to use ("classify", "json", ...).
std::optional<TaskKind> parse_task_kind(std::string_view s);

// Limits on a spec, so that a hostile or confused draft cannot make generation plan without bound.
inline constexpr std::size_t kMaxAxes = 6;
inline constexpr std::size_t kMaxAxisValues = 40;
inline constexpr std::size_t kMaxSeeds = 10;
inline constexpr std::size_t kMaxSections = 20;
inline constexpr std::size_t kMaxLabels = 200;
inline constexpr std::size_t kMaxShortText = 200;  // axis names and values, labels, section names (bytes)

struct OutputContract {
    std::vector<std::string> sections;  // sectioned_text: required headings, in order
    nlohmann::json schema;              // json_extraction: the supported JSON-schema subset (contract.h)
    std::vector<std::string> labels;    // classification: the label set
    // Lengths in characters (Unicode code points); 0 means no limit.
    std::size_t min_output_chars = 0;
    std::size_t max_output_chars = 0;
    std::size_t max_input_chars = 0;
};

struct DiversityAxis {
    std::string name;  // "sub-topic", "persona", "style", "difficulty", "edge case"
    std::vector<std::string> values;
};

struct SeedExample {
    std::string input;
    std::string output;
    std::string topic;
};

struct Spec {
    TaskKind kind = TaskKind::free_text;
    std::string instruction;        // what the student is told (the system message of its samples)
    std::string input_description;  // what inputs look like
    OutputContract output;
    std::vector<DiversityAxis> axes;
    std::vector<SeedExample> seeds;  // 1 to kMaxSeeds; each must keep the contract
};

nlohmann::json spec_to_json(const Spec &spec);

// Strict: every problem is a user error that names the field ("seeds[2].output: ...").
Result<Spec> spec_from_json(const nlohmann::json &j);
// Parses JSON text and then spec_from_json.
Result<Spec> spec_parse(std::string_view text);

// Checks what spec_from_json checks, on a spec built in code.
Status spec_validate(const Spec &spec);

// The store's row for a spec and back: kind, instruction, input description and the contract get
// their own columns (for queries), the whole spec goes into body.
store::TaskSpec spec_to_store(const Spec &spec, std::string_view author);
Result<Spec> spec_from_store(const store::TaskSpec &row);

// A few lines for people (`spec --show` without --json).
std::string spec_describe(const Spec &spec);

// The contract in words, for the teacher's prompts ("The output has these sections, in this order: ...").
std::string spec_contract_text(const Spec &spec);

}  // namespace smolify::synth
