// The task kind of a project: its spec, or inferred from the reference outputs (kind.h).
#include "eval/kind.h"

#include <algorithm>
#include <map>
#include <optional>

#include "eval/metrics.h"
#include "util/text.h"

namespace smolify::eval {

using nlohmann::json;

namespace {

constexpr double kJsonShare = 0.9;
constexpr std::size_t kMaxLabels = 20;
constexpr int64_t kMaxLabelChars = 64;
constexpr double kSectionShare = 0.8;
constexpr std::size_t kMaxHeadingBytes = 40;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// A heading name at the start of `line` ("Plan: ...", "**Plan:**", "## Plan"), else nothing. Names
// are one to four words of letters (and "/", "-", "'"), starting with a letter.
std::optional<std::string> heading_name(std::string_view line) {
    std::string_view s = trim(line);
    bool hashes = false;
    while (!s.empty() && s.front() == '#') {
        s.remove_prefix(1);
        hashes = true;
    }
    s = trim(s);
    if (s.starts_with("**")) s.remove_prefix(2);
    std::size_t end = 0;
    int words = 1;
    while (end < s.size() && end <= kMaxHeadingBytes) {
        const char c = s[end];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter || (end > 0 && (c == '/' || c == '-' || c == '\''))) {
            ++end;
        } else if (c == ' ' && end > 0 && s[end - 1] != ' ') {
            ++words;
            ++end;
        } else {
            break;
        }
    }
    if (end == 0 || end > kMaxHeadingBytes || words > 4) return std::nullopt;
    std::string_view name = trim(s.substr(0, end));
    std::string_view after = s.substr(end);
    if (after.starts_with("**")) after.remove_prefix(2);
    if (after.starts_with(":") || (hashes && trim(after).empty())) return std::string(name);
    return std::nullopt;
}

std::optional<TaskProfile> as_extraction(const std::vector<std::string> &outputs) {
    std::size_t objects = 0;
    std::map<std::string, std::size_t> key_count;
    std::vector<std::string> key_order;  // first seen
    for (const auto &o : outputs) {
        json v = parse_json_output(o);
        if (!v.is_object()) continue;
        ++objects;
        for (auto it = v.begin(); it != v.end(); ++it)
            if (key_count[it.key()]++ == 0) key_order.push_back(it.key());
    }
    if (objects == 0 || double(objects) < kJsonShare * double(outputs.size())) return std::nullopt;
    TaskProfile p;
    p.spec.kind = synth::TaskKind::json_extraction;
    json schema = {{"type", "object"}, {"properties", json::object()}};
    json required = json::array();
    std::sort(key_order.begin(), key_order.end());
    for (const auto &k : key_order) {
        schema["properties"][k] = json::object();
        if (key_count[k] == objects) required.push_back(k);
    }
    if (!required.empty()) schema["required"] = required;
    p.spec.output.schema = schema;
    p.why = "inferred: " + std::to_string(objects) + " of " + std::to_string(outputs.size()) +
            " outputs are JSON objects, with " + std::to_string(key_order.size()) + " keys";
    return p;
}

std::optional<TaskProfile> as_classification(const std::vector<std::string> &outputs) {
    std::map<std::string, std::size_t> count;
    std::vector<std::string> order;
    for (const auto &o : outputs) {
        std::string t(trim(o));
        if (t.empty() || t.find('\n') != std::string::npos || char_length(t) > kMaxLabelChars)
            return std::nullopt;
        if (count[t]++ == 0) order.push_back(t);
        if (order.size() > kMaxLabels) return std::nullopt;
    }
    if (order.size() < 2 || outputs.size() < 2 * order.size()) return std::nullopt;
    std::stable_sort(order.begin(), order.end(),
                     [&](const std::string &a, const std::string &b) { return count[a] > count[b]; });
    TaskProfile p;
    p.spec.kind = synth::TaskKind::classification;
    p.spec.output.labels = order;
    p.why = "inferred: " + std::to_string(order.size()) + " distinct short outputs over " +
            std::to_string(outputs.size()) + " samples";
    return p;
}

std::optional<TaskProfile> as_sectioned(const std::vector<std::string> &outputs) {
    struct Seen {
        std::string name;  // first spelling seen
        std::size_t outputs = 0;
        double position_sum = 0;  // rank of the heading within each output
    };
    std::map<std::string, Seen> seen;  // by lower-cased name
    for (const auto &o : outputs) {
        std::map<std::string, std::size_t> here;  // first rank in this output
        std::size_t rank = 0;
        std::size_t pos = 0;
        while (pos <= o.size()) {
            std::size_t nl = o.find('\n', pos);
            if (nl == std::string::npos) nl = o.size();
            if (auto name = heading_name(std::string_view(o).substr(pos, nl - pos))) {
                std::string key = lower(*name);
                if (!here.count(key)) {
                    here[key] = rank;
                    if (!seen.count(key)) seen[key].name = *name;
                }
                ++rank;
            }
            pos = nl + 1;
        }
        for (const auto &[key, r] : here) {
            ++seen[key].outputs;
            seen[key].position_sum += double(r);
        }
    }
    std::vector<const Seen *> sections;
    for (const auto &[key, s] : seen)
        if (double(s.outputs) >= kSectionShare * double(outputs.size())) sections.push_back(&s);
    if (sections.size() < 2) return std::nullopt;
    std::stable_sort(sections.begin(), sections.end(), [](const Seen *a, const Seen *b) {
        return a->position_sum / double(a->outputs) < b->position_sum / double(b->outputs);
    });
    TaskProfile p;
    p.spec.kind = synth::TaskKind::sectioned_text;
    std::string names;
    for (const Seen *s : sections) {
        p.spec.output.sections.push_back(s->name);
        names += (names.empty() ? "" : ", ") + s->name;
    }
    p.why = "inferred: the sections " + names + " recur in the outputs";
    return p;
}

}  // namespace

TaskProfile infer_profile(const std::vector<std::string> &outputs) {
    if (!outputs.empty()) {
        if (auto p = as_extraction(outputs)) return *p;
        if (auto p = as_classification(outputs)) return *p;
        if (auto p = as_sectioned(outputs)) return *p;
    }
    TaskProfile p;
    p.spec.kind = synth::TaskKind::free_text;
    p.why = outputs.empty() ? "no outputs to infer from: free text"
                            : "inferred: no label set, JSON or recurring sections: free text";
    return p;
}

Result<TaskProfile> task_profile(store::Project &project) {
    auto row = project.current_spec();
    if (!row) return row.error();
    if (*row) {
        auto spec = synth::spec_from_store(**row);
        if (!spec) return spec.error();
        TaskProfile p;
        p.spec = std::move(*spec);
        p.from_spec = true;
        p.why = "from the task spec, version " + std::to_string((*row)->version);
        return p;
    }
    std::vector<std::string> outputs;
    store::SampleQuery q;
    Status st = project.for_each_sample(q, [&](const store::Sample &s) {
        if (s.status == store::SampleStatus::approved ||
            (s.status == store::SampleStatus::pending && s.split == store::Split::test))
            outputs.emplace_back(trim(s.output));
        return true;
    });
    if (!st) return st.error();
    return infer_profile(outputs);
}

}  // namespace smolify::eval
