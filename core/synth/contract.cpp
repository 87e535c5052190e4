// The output contract check; see contract.h for what each kind accepts.
#include "synth/contract.h"

#include <algorithm>
#include <cmath>

#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;

constexpr int kMaxSchemaDepth = 32;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "\"" + s + "\"".
std::string quote(std::string_view s) {
    std::string q;
    q.reserve(s.size() + 2);
    q += '"';
    q += ellipsize(s, 80);
    q += '"';
    return q;
}

// --- sectioned text ---------------------------------------------------------------------------------

using Heading = SectionHeading;

std::optional<Heading> match_heading(std::string_view line, const std::vector<std::string> &sections,
                                     bool letters_ok) {
    std::string_view s = trim(line);
    bool hashes = false;
    while (!s.empty() && s.front() == '#') {
        s.remove_prefix(1);
        hashes = true;
    }
    s = trim(s);
    bool bold = false;
    if (s.starts_with("**")) {
        s.remove_prefix(2);
        bold = true;
    }
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const std::string &name = sections[i];
        std::size_t len = 0;
        if (s.size() >= name.size() && iequals(s.substr(0, name.size()), name)) {
            len = name.size();
        } else if (letters_ok && !s.empty() && !name.empty() && iequals(s.substr(0, 1), name.substr(0, 1)) &&
                   (s.size() == 1 || s[1] == ':' || (bold && s.substr(1).starts_with("**")))) {
            len = 1;
        } else {
            continue;
        }
        std::string_view after = s.substr(len);
        if (bold && after.starts_with("**")) after.remove_prefix(2);
        bool colon = false;
        if (after.starts_with(":")) {
            after.remove_prefix(1);
            colon = true;
        }
        if (bold && after.starts_with("**")) after.remove_prefix(2);
        // "Plan: ..." and "## Plan" are headings; "Planning ahead" and "Plans: ..." are not.
        if (colon || (hashes && trim(after).empty())) return Heading{i, std::string(trim(after)), colon, bold};
    }
    return std::nullopt;
}

ContractResult check_sections(const Spec &spec, std::string_view output) {
    const auto &sections = spec.output.sections;
    bool letters_ok = true;
    for (std::size_t i = 0; i < sections.size() && letters_ok; ++i)
        for (std::size_t j = i + 1; j < sections.size(); ++j)
            if (!sections[i].empty() && !sections[j].empty() &&
                iequals(sections[i].substr(0, 1), sections[j].substr(0, 1)))
                letters_ok = false;
    std::vector<int> seen(sections.size(), 0);
    std::vector<bool> has_content(sections.size(), false);
    std::optional<std::size_t> current;
    std::size_t next = 0;  // the section expected next
    std::size_t pos = 0;
    bool text_before_first = false;
    while (pos <= output.size()) {
        std::size_t nl = output.find('\n', pos);
        if (nl == std::string_view::npos) nl = output.size();
        std::string_view line = output.substr(pos, nl - pos);
        pos = nl + 1;
        if (auto h = match_heading(line, sections, letters_ok)) {
            if (++seen[h->section] > 1)
                return {false, "section " + quote(sections[h->section]) + " appears twice", {}};
            if (h->section != next) {
                if (h->section > next)
                    return {
                        false,
                        "missing section " + quote(sections[next]) + " before " + quote(sections[h->section]),
                        {}};
                return {false, "section " + quote(sections[h->section]) + " is out of order", {}};
            }
            current = h->section;
            ++next;
            if (!h->rest.empty()) has_content[*current] = true;
        } else if (!trim(line).empty()) {
            if (current)
                has_content[*current] = true;
            else
                text_before_first = true;
        }
        if (nl == output.size()) break;
    }
    if (next < sections.size()) return {false, "missing section " + quote(sections[next]), {}};
    for (std::size_t i = 0; i < sections.size(); ++i)
        if (!has_content[i]) return {false, "section " + quote(sections[i]) + " is empty", {}};
    if (text_before_first) return {false, "text before the first section " + quote(sections[0]), {}};
    return {true, {}, std::string(trim(output))};
}

// --- classification ----------------------------------------------------------------------------------

ContractResult check_label(const Spec &spec, std::string_view output) {
    std::string_view s = trim(output);
    auto strip = [&](char open, char close) {
        if (s.size() >= 2 && s.front() == open && s.back() == close) s = trim(s.substr(1, s.size() - 2));
    };
    strip('"', '"');
    strip('\'', '\'');
    strip('`', '`');
    if (!s.empty() && s.back() == '.') s = trim(s.substr(0, s.size() - 1));
    for (const std::string &label : spec.output.labels)
        if (iequals(s, trim(label))) return {true, {}, label};
    std::string list;
    for (std::size_t i = 0; i < spec.output.labels.size() && i < 12; ++i)
        list += (i ? ", " : "") + spec.output.labels[i];
    if (spec.output.labels.size() > 12) list += ", ...";
    return {false, "label " + quote(s) + " is not one of: " + list, {}};
}

// --- JSON ----------------------------------------------------------------------------------------------

bool type_matches(std::string_view type, const json &v) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "number") return v.is_number();
    if (type == "integer") {
        if (v.is_number_integer()) return true;
        if (!v.is_number_float()) return false;
        double d = v.get<double>();
        return std::isfinite(d) && std::floor(d) == d;
    }
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
}

std::string schema_check_at(const json &schema, const json &v, const std::string &path, int depth) {
    if (depth > kMaxSchemaDepth)
        return path + ": nested deeper than " + std::to_string(kMaxSchemaDepth) + " levels";
    if (!schema.is_object()) return {};
    if (auto t = schema.find("type"); t != schema.end()) {
        bool ok = false;
        std::string names;
        if (t->is_string()) {
            ok = type_matches(t->get_ref<const std::string &>(), v);
            names = t->get<std::string>();
        } else if (t->is_array()) {
            for (const auto &n : *t)
                if (n.is_string()) {
                    ok = ok || type_matches(n.get_ref<const std::string &>(), v);
                    names += (names.empty() ? "" : " or ") + n.get<std::string>();
                }
        } else {
            ok = true;
        }
        if (!ok) return path + ": expected " + names + ", found " + v.type_name();
    }
    if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
        if (std::find(e->begin(), e->end(), v) == e->end())
            return path + ": " + ellipsize(v.dump(), 60) + " is not one of " + ellipsize(e->dump(), 120);
    }
    if (v.is_string()) {
        std::size_t n = utf8_length(v.get_ref<const std::string &>());
        if (auto m = schema.find("minLength");
            m != schema.end() && m->is_number_unsigned() && n < m->get<std::size_t>())
            return path + ": shorter than " + m->dump() + " characters";
        if (auto m = schema.find("maxLength");
            m != schema.end() && m->is_number_unsigned() && n > m->get<std::size_t>())
            return path + ": longer than " + m->dump() + " characters";
    }
    if (v.is_number()) {
        double d = v.get<double>();
        if (auto m = schema.find("minimum"); m != schema.end() && m->is_number() && d < m->get<double>())
            return path + ": below the minimum " + m->dump();
        if (auto m = schema.find("maximum"); m != schema.end() && m->is_number() && d > m->get<double>())
            return path + ": above the maximum " + m->dump();
    }
    if (v.is_object()) {
        const json *props = nullptr;
        if (auto p = schema.find("properties"); p != schema.end() && p->is_object()) props = &*p;
        if (auto r = schema.find("required"); r != schema.end() && r->is_array())
            for (const auto &name : *r)
                if (name.is_string() && !v.contains(name.get_ref<const std::string &>()))
                    return path + ": missing required field \"" + name.get<std::string>() + "\"";
        bool closed = false;
        if (auto a = schema.find("additionalProperties"); a != schema.end() && a->is_boolean())
            closed = !a->get<bool>();
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string child = path + "." + it.key();
            if (props) {
                if (auto ps = props->find(it.key()); ps != props->end()) {
                    std::string err = schema_check_at(*ps, it.value(), child, depth + 1);
                    if (!err.empty()) return err;
                    continue;
                }
            }
            if (closed) return child + ": not a field of the schema";
        }
    }
    if (v.is_array()) {
        if (auto m = schema.find("minItems");
            m != schema.end() && m->is_number_unsigned() && v.size() < m->get<std::size_t>())
            return path + ": fewer than " + m->dump() + " items";
        if (auto m = schema.find("maxItems");
            m != schema.end() && m->is_number_unsigned() && v.size() > m->get<std::size_t>())
            return path + ": more than " + m->dump() + " items";
        if (auto items = schema.find("items"); items != schema.end() && items->is_object()) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::string err =
                    schema_check_at(*items, v[i], path + "[" + std::to_string(i) + "]", depth + 1);
                if (!err.empty()) return err;
            }
        }
    }
    return {};
}

std::string schema_lint_at(const json &schema, const std::string &path, int depth) {
    if (depth > kMaxSchemaDepth)
        return path + ": nested deeper than " + std::to_string(kMaxSchemaDepth) + " levels";
    if (!schema.is_object()) return path + ": a schema must be a JSON object";
    static const char *kTypes[] = {"object", "array", "string", "number", "integer", "boolean", "null"};
    auto known = [](const json &n) {
        return n.is_string() && std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char *t) {
                   return n.get_ref<const std::string &>() == t;
               });
    };
    if (auto t = schema.find("type"); t != schema.end()) {
        if (t->is_array()) {
            for (const auto &n : *t)
                if (!known(n)) return path + ".type: unknown type " + n.dump();
        } else if (!known(*t)) {
            return path + ".type: unknown type " + t->dump() +
                   " (use object, array, string, number, integer, boolean, null)";
        }
    }
    if (auto p = schema.find("properties"); p != schema.end()) {
        if (!p->is_object()) return path + ".properties: must be an object";
        for (auto it = p->begin(); it != p->end(); ++it) {
            std::string err = schema_lint_at(it.value(), path + ".properties." + it.key(), depth + 1);
            if (!err.empty()) return err;
        }
    }
    if (auto r = schema.find("required"); r != schema.end()) {
        if (!r->is_array()) return path + ".required: must be a list of field names";
        for (const auto &n : *r)
            if (!n.is_string()) return path + ".required: must be a list of field names";
    }
    if (auto e = schema.find("enum"); e != schema.end() && (!e->is_array() || e->empty()))
        return path + ".enum: must be a non-empty list";
    if (auto i = schema.find("items"); i != schema.end()) {
        std::string err = schema_lint_at(*i, path + ".items", depth + 1);
        if (!err.empty()) return err;
    }
    return {};
}

ContractResult check_json(const Spec &spec, std::string_view output) {
    std::string_view s = trim(output);
    if (s.starts_with("```")) {
        std::size_t nl = s.find('\n');
        std::size_t end = s.rfind("```");
        if (nl != std::string_view::npos && end != std::string_view::npos && end > nl)
            s = trim(s.substr(nl + 1, end - nl - 1));
    }
    // Parsed twice in effect: ordered (the stored text keeps the teacher's field order, which is the
    // order a reader expects) and as plain json for the schema check.
    nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(s, nullptr, false);
    if (ordered.is_discarded()) return {false, "the output is not valid JSON", {}};
    if (!ordered.is_object())
        return {false, std::string("the output is JSON but not an object (") + ordered.type_name() + ")", {}};
    json v = json::parse(s, nullptr, false);
    std::string err = json_schema_check(spec.output.schema, v);
    if (!err.empty()) return {false, err, {}};
    return {true, {}, ordered.dump()};
}

}  // namespace

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string json_schema_check(const json &schema, const json &value) {
    if (schema.is_null()) return {};
    return schema_check_at(schema, value, "$", 0);
}

std::string json_schema_lint(const json &schema) {
    return schema_lint_at(schema, "$", 0);
}

std::optional<SectionHeading> match_section_heading(std::string_view line, const std::vector<std::string> &sections,
                                                   bool letters_ok) {
    return match_heading(line, sections, letters_ok);
}

ContractResult contract_check(const Spec &spec, std::string_view input, std::string_view output) {
    if (trim(input).empty()) return {false, "the input is empty", {}};
    if (trim(output).empty()) return {false, "the output is empty", {}};
    if (!utf8_valid(input) || !utf8_valid(output)) return {false, "the text is not valid UTF-8", {}};
    if (input.size() > store::kMaxFieldBytes || output.size() > store::kMaxFieldBytes)
        return {false, "over the 1 MiB limit of one field", {}};
    const OutputContract &c = spec.output;
    if (c.max_input_chars > 0 && utf8_length(input) > c.max_input_chars)
        return {false, "the input is longer than " + std::to_string(c.max_input_chars) + " characters", {}};
    ContractResult r;
    switch (spec.kind) {
        case TaskKind::sectioned_text:
            r = check_sections(spec, output);
            break;
        case TaskKind::json_extraction:
            r = check_json(spec, output);
            break;
        case TaskKind::classification:
            r = check_label(spec, output);
            break;
        case TaskKind::free_text:
            r = {true, {}, std::string(trim(output))};
            break;
    }
    if (!r.ok) return r;
    std::size_t n = utf8_length(r.output);
    if (c.max_output_chars > 0 && n > c.max_output_chars)
        return {false, "the output is longer than " + std::to_string(c.max_output_chars) + " characters", {}};
    if (c.min_output_chars > 0 && n < c.min_output_chars)
        return {
            false, "the output is shorter than " + std::to_string(c.min_output_chars) + " characters", {}};
    return r;
}

}  // namespace smolify::synth
