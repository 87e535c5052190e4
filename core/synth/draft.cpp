// Drafting a task spec with the teacher; see draft.h.
#include "synth/draft.h"

#include "synth/contract.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;

// Renames the first of `aliases` present in `j` to `name`, when `name` itself is absent.
void rename_field(json &j, const char *name, std::initializer_list<const char *> aliases) {
    if (j.contains(name)) return;
    for (const char *a : aliases)
        if (auto it = j.find(a); it != j.end()) {
            json v = *it;
            j.erase(a);
            j[name] = std::move(v);
            return;
        }
}

// Cuts a list to `max` entries, noting it.
void cap_list(json &j, const char *name, std::size_t max, std::vector<std::string> &notes) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_array() || it->size() <= max) return;
    notes.push_back(std::string(name) + ": kept the first " + std::to_string(max) + " of " +
                    std::to_string(it->size()));
    it->erase(it->begin() + static_cast<std::ptrdiff_t>(max), it->end());
}

}  // namespace

json draft_schema() {
    return json::parse(R"({
      "type": "object",
      "properties": {
        "kind": {"type": "string", "enum": ["sectioned_text", "json_extraction", "classification", "free_text"]},
        "instruction": {"type": "string"},
        "input_description": {"type": "string"},
        "output": {
          "type": "object",
          "properties": {
            "sections": {"type": "array", "items": {"type": "string"}},
            "schema": {"type": "object"},
            "labels": {"type": "array", "items": {"type": "string"}},
            "max_output_chars": {"type": "integer"}
          }
        },
        "axes": {"type": "array", "items": {"type": "object", "properties": {
          "name": {"type": "string"}, "values": {"type": "array", "items": {"type": "string"}}},
          "required": ["name", "values"]}},
        "seeds": {"type": "array", "items": {"type": "object", "properties": {
          "input": {"type": "string"}, "output": {"type": "string"}, "topic": {"type": "string"}},
          "required": ["input", "output"]}}
      },
      "required": ["kind", "instruction", "input_description", "output", "axes", "seeds"]
    })");
}

teacher::ChatRequest draft_request(std::string_view intent, const DraftParams &params) {
    std::string system =
        "You design the training task for a small language model that will do one narrow job. From the "
        "user's "
        "intent, write a task spec as one JSON object with these fields:\n"
        "- kind: one of sectioned_text (output with fixed named sections), json_extraction (output is a JSON "
        "object), classification (output is one label), free_text.\n"
        "- instruction: what the small model is told to do, in one or two sentences.\n"
        "- input_description: what the inputs look like.\n"
        "- output: the contract. For sectioned_text {\"sections\": [names in order]}; for json_extraction "
        "{\"schema\": a JSON Schema of the object using only type, properties, required, enum, items}; for "
        "classification {\"labels\": [2 or more labels]}; optionally \"max_output_chars\".\n"
        "- axes: 3 to 5 diversity axes, each {\"name\", \"values\": [3 to 8 values]}, e.g. sub-topics, "
        "personas, "
        "writing styles, difficulty, edge cases.\n"
        "- seeds: 5 to 10 realistic examples {\"input\", \"output\", \"topic\"}; each output must keep the "
        "contract "
        "exactly (for json_extraction the output is the JSON object as a string; for sectioned_text each "
        "section "
        "starts on its own line as \"Name: ...\").\n"
        "Reply with the JSON object only.";
    teacher::ChatRequest r;
    r.messages = {
        {"system", system},
        {"user", "Intent: " + std::string(intent) + "\n(draft " + std::to_string(params.attempt) + ")"}};
    r.temperature = params.temperature;
    r.max_tokens = params.max_tokens;
    r.json_schema = draft_schema();
    r.json_mode = true;
    r.purpose = "spec";
    return r;
}

Result<Spec> spec_from_teacher_reply(std::string_view reply_text, std::vector<std::string> *notes_out) {
    std::vector<std::string> notes;
    auto parsed = teacher::parse_json_reply(reply_text);
    if (!parsed) return user_error("the teacher's draft is not JSON: " + parsed.error().message);
    json j = std::move(*parsed);
    if (!j.is_object()) return user_error("the teacher's draft is not a JSON object; try --draft again");
    // Wrapped: {"spec": {...}} or {"task_spec": {...}}.
    for (const char *wrap : {"spec", "task_spec", "taskSpec"})
        if (auto it = j.find(wrap); it != j.end() && it->is_object() && !j.contains("kind")) {
            json inner = *it;
            j = std::move(inner);
            break;
        }
    rename_field(j, "kind", {"task_kind", "taskKind", "type", "task_type"});
    rename_field(j, "instruction", {"student_instruction", "system_prompt", "task_instruction"});
    rename_field(j, "input_description", {"inputDescription", "input", "inputs"});
    rename_field(j, "output", {"output_contract", "outputContract", "contract"});
    rename_field(j, "axes", {"diversity_axes", "diversityAxes", "diversity"});
    rename_field(j, "seeds", {"seed_examples", "seedExamples", "examples"});
    if (j.contains("input_description") && !j["input_description"].is_string()) j.erase("input_description");
    if (!j.contains("output") || !j["output"].is_object()) {
        // The contract's parts written at the top level.
        json contract = json::object();
        for (const char *k : {"sections", "schema", "labels", "max_output_chars", "min_output_chars"})
            if (auto it = j.find(k); it != j.end()) contract[k] = *it;
        j["output"] = contract;
    }
    json &out = j["output"];
    rename_field(out, "schema", {"json_schema", "jsonSchema"});
    rename_field(out, "labels", {"label_set", "classes", "categories"});
    // Sections given as objects {"name": ...}.
    if (auto it = out.find("sections"); it != out.end() && it->is_array())
        for (auto &sec : *it)
            if (sec.is_object() && sec.contains("name")) sec = json(sec["name"]);
    // Axes written as {"personas": [...], ...}.
    if (auto it = j.find("axes"); it != j.end() && it->is_object()) {
        json list = json::array();
        for (auto a = it->begin(); a != it->end(); ++a)
            list.push_back({{"name", a.key()}, {"values", a.value()}});
        *it = list;
    }
    if (auto it = j.find("axes"); it != j.end() && it->is_array()) {
        cap_list(j, "axes", kMaxAxes, notes);
        for (auto &axis : j["axes"]) {
            if (!axis.is_object()) continue;
            rename_field(axis, "values", {"options", "items"});
            if (auto v = axis.find("values");
                v != axis.end() && v->is_array() && v->size() > kMaxAxisValues) {
                notes.push_back("axis values: kept the first " + std::to_string(kMaxAxisValues));
                v->erase(v->begin() + static_cast<std::ptrdiff_t>(kMaxAxisValues), v->end());
            }
        }
    }
    cap_list(j, "seeds", kMaxSeeds, notes);
    // Seeds that break the drafted contract are dropped rather than failing the whole draft.
    if (auto it = j.find("seeds"); it != j.end() && it->is_array()) {
        json probe = j;
        probe["seeds"] = json::array();
        json kept = json::array();
        for (std::size_t i = 0; i < it->size(); ++i) {
            json one = probe;
            one["seeds"] = json::array({(*it)[i]});
            auto s = spec_from_json(one);
            if (s) {
                kept.push_back((*it)[i]);
            } else if (s.error().message.starts_with("seeds[")) {
                notes.push_back("dropped seed " + std::to_string(i) + ": " +
                                s.error().message.substr(s.error().message.find(':') + 2));
            } else {
                kept.push_back((*it)[i]);  // the spec itself is wrong: let the full check below say so
            }
        }
        *it = kept;
    }
    auto spec = spec_from_json(j);
    if (!spec)
        return user_error("the teacher's draft is not a usable task spec: " + spec.error().message +
                          "; run --draft again or write the spec yourself and load it with --set FILE");
    if (notes_out) *notes_out = std::move(notes);
    return spec;
}

Result<DraftResult> draft_spec(teacher::Client &client, std::string_view intent, const DraftParams &params) {
    if (trim(intent).empty()) return user_error("the intent is empty: say what the model should do");
    auto reply = client.chat(draft_request(intent, params), params.cancel, params.on_progress);
    if (!reply) return reply.error();
    DraftResult r;
    auto spec = spec_from_teacher_reply(reply->text, &r.notes);
    if (!spec) return spec.error();
    r.spec = std::move(*spec);
    r.call_id = reply->call_id;
    r.cost_usd = reply->cost_usd;
    r.from_journal = reply->from_journal;
    return r;
}

}  // namespace smolify::synth
