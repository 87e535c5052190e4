// The task spec's JSON form, its validation and its store row; see spec.h.
#include "synth/spec.h"

#include <set>

#include "synth/contract.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;

struct KindName {
    TaskKind kind;
    std::string_view name;
};
constexpr KindName kKindNames[] = {
    {TaskKind::sectioned_text, "sectioned_text"},
    {TaskKind::json_extraction, "json_extraction"},
    {TaskKind::classification, "classification"},
    {TaskKind::free_text, "free_text"},
};

std::string lower_compact(std::string_view s) {
    std::string out;
    for (char c : trim(s)) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == ' ' || c == '-') c = '_';
        out += c;
    }
    return out;
}

// Field readers: each names the field in its error, so a user fixing a spec file knows where to look.
Result<std::string> get_text(const json &obj, const std::string &field, const std::string &path,
                             bool required, std::size_t max_bytes) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) {
        if (required) return user_error(path + field + ": missing");
        return std::string();
    }
    if (!it->is_string()) return user_error(path + field + ": must be a string, not " + it->type_name());
    const std::string &s = it->get_ref<const std::string &>();
    if (required && trim(s).empty()) return user_error(path + field + ": is empty");
    if (s.size() > max_bytes)
        return user_error(path + field + ": longer than " + std::to_string(max_bytes) + " bytes");
    if (!utf8_valid(s)) return user_error(path + field + ": not valid UTF-8");
    return s;
}

Result<std::vector<std::string>> get_short_list(const json &obj, const std::string &field,
                                                const std::string &path, std::size_t max_items) {
    std::vector<std::string> out;
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return out;
    if (!it->is_array()) return user_error(path + field + ": must be a list of strings");
    if (it->size() > max_items)
        return user_error(path + field + ": more than " + std::to_string(max_items) + " entries");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json &v = (*it)[i];
        const std::string where = path + field + "[" + std::to_string(i) + "]";
        if (!v.is_string()) return user_error(where + ": must be a string");
        std::string s(trim(v.get_ref<const std::string &>()));
        if (s.empty()) return user_error(where + ": is empty");
        if (s.size() > kMaxShortText)
            return user_error(where + ": longer than " + std::to_string(kMaxShortText) + " bytes");
        if (!utf8_valid(s)) return user_error(where + ": not valid UTF-8");
        if (!seen.insert(lower_compact(s)).second)
            return user_error(where + ": \"" + s + "\" is listed twice");
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::size_t> get_count(const json &obj, const std::string &field, const std::string &path) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return std::size_t{0};
    if (!it->is_number_integer() || it->get<int64_t>() < 0)
        return user_error(path + field + ": must be a whole number of characters, 0 for no limit");
    return static_cast<std::size_t>(it->get<int64_t>());
}

}  // namespace

std::string_view to_string(TaskKind kind) {
    for (const auto &k : kKindNames)
        if (k.kind == kind) return k.name;
    return "free_text";
}

std::optional<TaskKind> parse_task_kind(std::string_view s) {
    const std::string k = lower_compact(s);
    for (const auto &n : kKindNames)
        if (k == n.name) return n.kind;
    if (k == "sectioned" || k == "sections" || k == "sectioned_output" || k == "structured_text")
        return TaskKind::sectioned_text;
    if (k == "json" || k == "extraction" || k == "json_schema" || k == "information_extraction")
        return TaskKind::json_extraction;
    if (k == "classify" || k == "labels" || k == "label" || k == "categorization" || k == "categorisation")
        return TaskKind::classification;
    if (k == "free" || k == "text" || k == "freetext" || k == "generation" || k == "free_form")
        return TaskKind::free_text;
    return std::nullopt;
}

json spec_to_json(const Spec &spec) {
    json out = {{"kind", to_string(spec.kind)},
                {"instruction", spec.instruction},
                {"input_description", spec.input_description}};
    json contract = json::object();
    if (spec.kind == TaskKind::sectioned_text) contract["sections"] = spec.output.sections;
    if (spec.kind == TaskKind::json_extraction) contract["schema"] = spec.output.schema;
    if (spec.kind == TaskKind::classification) contract["labels"] = spec.output.labels;
    contract["min_output_chars"] = spec.output.min_output_chars;
    contract["max_output_chars"] = spec.output.max_output_chars;
    contract["max_input_chars"] = spec.output.max_input_chars;
    out["output"] = contract;
    json axes = json::array();
    for (const auto &a : spec.axes)
        axes.push_back({{"name", a.name}, {"values", a.values}});
    out["axes"] = axes;
    json seeds = json::array();
    for (const auto &s : spec.seeds) {
        json seed = {{"input", s.input}, {"output", s.output}};
        if (!s.topic.empty()) seed["topic"] = s.topic;
        seeds.push_back(seed);
    }
    out["seeds"] = seeds;
    return out;
}

Result<Spec> spec_from_json(const json &j) {
    if (!j.is_object())
        return user_error(std::string("a task spec must be a JSON object, not ") + j.type_name());
    Spec spec;
    auto kind_text = get_text(j, "kind", "", true, kMaxShortText);
    if (!kind_text) return kind_text.error();
    auto kind = parse_task_kind(*kind_text);
    if (!kind)
        return user_error(
            "kind: \"" + ellipsize(*kind_text, 40) +
            "\" is not a task kind (sectioned_text, json_extraction, classification, free_text)");
    spec.kind = *kind;
    auto instruction = get_text(j, "instruction", "", true, store::kMaxFieldBytes / 16);
    if (!instruction) return instruction.error();
    spec.instruction = std::string(trim(*instruction));
    auto input_desc = get_text(j, "input_description", "", false, store::kMaxFieldBytes / 16);
    if (!input_desc) return input_desc.error();
    spec.input_description = std::string(trim(*input_desc));

    auto out_it = j.find("output");
    if (out_it == j.end() || !out_it->is_object())
        return user_error("output: missing (the output contract object)");
    const json &o = *out_it;
    auto sections = get_short_list(o, "sections", "output.", kMaxSections);
    if (!sections) return sections.error();
    spec.output.sections = std::move(*sections);
    auto labels = get_short_list(o, "labels", "output.", kMaxLabels);
    if (!labels) return labels.error();
    spec.output.labels = std::move(*labels);
    if (auto s = o.find("schema"); s != o.end() && !s->is_null()) spec.output.schema = *s;
    for (auto [field, dest] : {std::pair{"min_output_chars", &spec.output.min_output_chars},
                               std::pair{"max_output_chars", &spec.output.max_output_chars},
                               std::pair{"max_input_chars", &spec.output.max_input_chars}}) {
        auto n = get_count(o, field, "output.");
        if (!n) return n.error();
        *dest = *n;
    }

    if (auto a = j.find("axes"); a != j.end() && !a->is_null()) {
        if (!a->is_array()) return user_error("axes: must be a list of {\"name\", \"values\"}");
        for (std::size_t i = 0; i < a->size(); ++i) {
            const json &ax = (*a)[i];
            const std::string path = "axes[" + std::to_string(i) + "].";
            if (!ax.is_object())
                return user_error("axes[" + std::to_string(i) +
                                  "]: must be an object {\"name\", \"values\"}");
            DiversityAxis axis;
            auto name = get_text(ax, "name", path, true, kMaxShortText);
            if (!name) return name.error();
            axis.name = std::string(trim(*name));
            auto values = get_short_list(ax, "values", path, kMaxAxisValues);
            if (!values) return values.error();
            axis.values = std::move(*values);
            spec.axes.push_back(std::move(axis));
        }
    }
    if (auto s = j.find("seeds"); s != j.end() && !s->is_null()) {
        if (!s->is_array()) return user_error("seeds: must be a list of {\"input\", \"output\"}");
        for (std::size_t i = 0; i < s->size(); ++i) {
            const json &sj = (*s)[i];
            const std::string path = "seeds[" + std::to_string(i) + "].";
            if (!sj.is_object())
                return user_error("seeds[" + std::to_string(i) +
                                  "]: must be an object {\"input\", \"output\"}");
            SeedExample seed;
            auto input = get_text(sj, "input", path, true, store::kMaxFieldBytes);
            if (!input) return input.error();
            seed.input = *input;
            // An extraction seed's output may be written as the JSON object itself.
            if (auto ov = sj.find("output"); ov != sj.end() && (ov->is_object() || ov->is_array())) {
                seed.output = ov->dump();
            } else {
                auto output = get_text(sj, "output", path, true, store::kMaxFieldBytes);
                if (!output) return output.error();
                seed.output = *output;
            }
            auto topic = get_text(sj, "topic", path, false, kMaxShortText);
            if (!topic) return topic.error();
            seed.topic = *topic;
            spec.seeds.push_back(std::move(seed));
        }
    }
    Status st = spec_validate(spec);
    if (!st) return st.error();
    // Seeds are stored as the contract normalises them (labels as spelled, compact JSON).
    for (auto &seed : spec.seeds)
        seed.output = contract_check(spec, seed.input, seed.output).output;
    return spec;
}

Status spec_validate(const Spec &spec) {
    if (trim(spec.instruction).empty()) return user_error("instruction: is empty");
    const OutputContract &c = spec.output;
    switch (spec.kind) {
        case TaskKind::sectioned_text:
            if (c.sections.empty())
                return user_error("output.sections: a sectioned_text task needs at least one section");
            if (c.sections.size() > kMaxSections) return user_error("output.sections: too many sections");
            break;
        case TaskKind::json_extraction: {
            if (!c.schema.is_object())
                return user_error("output.schema: a json_extraction task needs a JSON schema object");
            if (auto t = c.schema.find("type"); t != c.schema.end() && *t != "object")
                return user_error("output.schema.type: the top level must be \"object\"");
            std::string lint = json_schema_lint(c.schema);
            if (!lint.empty()) return user_error("output.schema: " + lint);
            break;
        }
        case TaskKind::classification:
            if (c.labels.size() < 2)
                return user_error("output.labels: a classification task needs at least two labels");
            break;
        case TaskKind::free_text:
            break;
    }
    if (c.max_output_chars > 0 && c.min_output_chars > c.max_output_chars)
        return user_error("output.min_output_chars: larger than output.max_output_chars");
    if (spec.axes.size() > kMaxAxes)
        return user_error("axes: more than " + std::to_string(kMaxAxes) + " axes");
    std::set<std::string> names;
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
        const auto &a = spec.axes[i];
        const std::string path = "axes[" + std::to_string(i) + "]";
        if (trim(a.name).empty()) return user_error(path + ".name: is empty");
        if (!names.insert(a.name).second) return user_error(path + ".name: \"" + a.name + "\" is used twice");
        if (a.values.empty()) return user_error(path + ".values: an axis needs at least one value");
        if (a.values.size() > kMaxAxisValues)
            return user_error(path + ".values: more than " + std::to_string(kMaxAxisValues) + " values");
    }
    if (spec.seeds.empty())
        return user_error("seeds: at least one seed example is needed (5 to 10 are best)");
    if (spec.seeds.size() > kMaxSeeds)
        return user_error("seeds: more than " + std::to_string(kMaxSeeds) + " seed examples");
    for (std::size_t i = 0; i < spec.seeds.size(); ++i) {
        ContractResult r = contract_check(spec, spec.seeds[i].input, spec.seeds[i].output);
        if (!r.ok)
            return user_error("seeds[" + std::to_string(i) +
                              "]: does not keep the output contract: " + r.reason);
    }
    return {};
}

Result<Spec> spec_parse(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return user_error("the task spec is not valid JSON");
    return spec_from_json(j);
}

store::TaskSpec spec_to_store(const Spec &spec, std::string_view author) {
    store::TaskSpec row;
    json j = spec_to_json(spec);
    row.kind = std::string(to_string(spec.kind));
    row.instruction = spec.instruction;
    row.input_description = spec.input_description;
    row.output_contract = j["output"].dump();
    row.body = j.dump();
    row.author = std::string(author);
    return row;
}

Result<Spec> spec_from_store(const store::TaskSpec &row) {
    json j = json::parse(row.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.empty())
        return user_error("task spec version " + std::to_string(row.version) +
                          " has no readable body; save the spec again");
    auto spec = spec_from_json(j);
    if (!spec)
        return user_error("task spec version " + std::to_string(row.version) + ": " + spec.error().message);
    return spec;
}

std::string spec_contract_text(const Spec &spec) {
    std::string t;
    const OutputContract &c = spec.output;
    switch (spec.kind) {
        case TaskKind::sectioned_text: {
            t = "The output is text with these sections, each once, in this order, each starting on its own "
                "line "
                "as \"Name:\" followed by its content:";
            for (const auto &s : c.sections)
                t += " " + s + ";";
            t.back() = '.';
            break;
        }
        case TaskKind::json_extraction:
            t = "The output is one JSON object (as a string) valid against this JSON schema: " +
                c.schema.dump() + ".";
            break;
        case TaskKind::classification: {
            t = "The output is exactly one of these labels and nothing else:";
            for (const auto &l : c.labels)
                t += " " + l + ",";
            t.back() = '.';
            break;
        }
        case TaskKind::free_text:
            t = "The output is free text.";
            break;
    }
    if (c.max_output_chars > 0) t += " At most " + std::to_string(c.max_output_chars) + " characters.";
    if (c.min_output_chars > 0) t += " At least " + std::to_string(c.min_output_chars) + " characters.";
    if (c.max_input_chars > 0)
        t += " Inputs are at most " + std::to_string(c.max_input_chars) + " characters.";
    return t;
}

std::string spec_describe(const Spec &spec) {
    std::string t = "Kind: " + std::string(to_string(spec.kind)) + "\n";
    t += "Instruction: " + spec.instruction + "\n";
    if (!spec.input_description.empty()) t += "Inputs: " + spec.input_description + "\n";
    t += "Contract: " + spec_contract_text(spec) + "\n";
    for (const auto &a : spec.axes) {
        t += "Axis " + a.name + ":";
        for (std::size_t i = 0; i < a.values.size(); ++i)
            t += (i ? ", " : " ") + a.values[i];
        t += "\n";
    }
    t += "Seed examples: " + std::to_string(spec.seeds.size()) + "\n";
    for (const auto &s : spec.seeds)
        t += "  - " + ellipsize(s.input, 70) + " -> " + ellipsize(s.output, 50) + "\n";
    return t;
}

}  // namespace smolify::synth
