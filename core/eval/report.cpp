// The evaluation report as JSON and as a self-contained HTML page (report.h).
#include "eval/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/text.h"

namespace smolify::eval {

using nlohmann::json;

namespace {

constexpr std::size_t kWorstShown = 10;
constexpr std::size_t kCellBytes = 600;  // a worst-case cell shows this much of each text

json prf_json(const Prf &p) {
    return {{"precision", p.precision},
            {"recall", p.recall},
            {"f1", p.f1},
            {"tp", p.tp},
            {"fp", p.fp},
            {"fn", p.fn}};
}

json result_json(const SampleResult &r, const std::string &quant) {
    json j = {{"result_id", r.id},
              {"sample_id", r.sample_id},
              {"quant", quant},
              {"score", r.score},
              {"contract_ok", r.contract_ok},
              {"contract_reason", r.contract_reason},
              {"exact", r.exact},
              {"input", r.input},
              {"reference", r.reference},
              {"output", r.output}};
    if (r.rouge_l >= 0) j["rouge_l"] = r.rouge_l;
    if (r.chrf >= 0) j["chrf"] = r.chrf;
    if (r.loss >= 0) j["loss"] = r.loss;
    if (r.latency_s >= 0) {
        j["latency_s"] = r.latency_s;
        j["tokens"] = r.tokens;
    }
    return j;
}

json system_json(const SystemScores &s, const TeacherCost &cost) {
    json j = {{"name", s.name},
              {"role", s.role},
              {"samples", s.samples},
              {"contract_share", s.contract_share},
              {"exact_match", s.exact_match},
              {"length_ratio", s.length_ratio},
              {"score", s.score}};
    if (!s.quant.empty()) j["quant"] = s.quant;
    if (s.rouge_l >= 0) j["rouge_l"] = s.rouge_l;
    if (s.chrf >= 0) j["chrf"] = s.chrf;
    if (s.facts) {
        const FactScores &f = *s.facts;
        j["facts"] = {{"recall", f.recall},
                      {"precision", f.precision},
                      {"f1", f.f1},
                      {"invented_share", f.invented_share},
                      {"reference_facts", f.reference_facts},
                      {"answer_facts", f.answer_facts},
                      {"recalled", f.recalled},
                      {"supported", f.supported},
                      {"invented", f.invented}};
    }
    if (s.classification) {
        const auto &c = *s.classification;
        json labels = json::array();
        for (std::size_t i = 0; i < c.labels.size(); ++i) {
            json l = prf_json(c.per_label[i]);
            l["label"] = c.labels[i];
            labels.push_back(l);
        }
        json columns = c.labels;
        columns.push_back("(other)");
        j["classification"] = {
            {"accuracy", c.accuracy},
            {"macro_f1", c.macro_f1},
            {"labels", labels},
            {"confusion", {{"rows", c.labels}, {"columns", columns}, {"counts", c.confusion}}}};
    }
    if (s.extraction) {
        json fields = json::array();
        for (const auto &f : s.extraction->fields) {
            json x = prf_json(f.prf);
            x["field"] = f.field;
            fields.push_back(x);
        }
        j["extraction"] = {{"micro", prf_json(s.extraction->micro)},
                           {"macro_f1", s.extraction->macro_f1},
                           {"fields", fields}};
    }
    if (s.loss >= 0) {
        j["loss"] = s.loss;
        j["perplexity"] = s.perplexity;
        j["loss_tokens"] = s.loss_tokens;
    }
    if (s.latency_s >= 0) {
        j["latency_s"] = s.latency_s;
        j["tokens_per_s"] = s.tokens_per_s;
        j["seconds_per_1000"] = s.seconds_per_1000;
        j["cost_usd_per_1000"] = 0.0;  // runs on the user's own machine: no per-request price
    }
    if (s.role == "teacher" && cost.known) {
        j["cost_usd_per_1000"] = cost.cost_usd_per_1000;
        j["latency_s_per_call"] = cost.latency_s_per_call;
    }
    return j;
}

const SystemScores *first_student(const EvalReport &r) {
    for (const auto &s : r.systems)
        if (s.role == "student") return &s;
    return nullptr;
}

// The plain student the constrained pass repeated (same quant; the first such).
const SystemScores *compared_student(const EvalReport &r) {
    if (!r.constrained_student) return nullptr;
    for (const auto &s : r.systems)
        if (s.role == "student" && s.quant == r.constrained_student->quant) return &s;
    return nullptr;
}

// Constrained tokens/s over plain tokens/s (< 0 when either is not measured).
double tokens_per_s_ratio(const SystemScores &plain, const SystemScores &constrained) {
    if (plain.tokens_per_s <= 0 || constrained.tokens_per_s < 0) return -1;
    return constrained.tokens_per_s / plain.tokens_per_s;
}

std::vector<const SampleResult *> worst(const SystemScores &s, std::size_t n) {
    std::vector<const SampleResult *> v;
    for (const auto &r : s.results)
        v.push_back(&r);
    std::stable_sort(v.begin(), v.end(),
                     [](const SampleResult *a, const SampleResult *b) { return a->score < b->score; });
    if (v.size() > n) v.resize(n);
    return v;
}

// v with `digits` decimals; signed: always with its sign.
std::string fixed(double v, int digits, bool with_sign = false) {
    char buf[64];
    if (with_sign)
        std::snprintf(buf, sizeof buf, "%+.*f", digits, v);
    else
        std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string pct(double v) {
    return fixed(100.0 * v, 1) + "%";
}

// "–" for the "not measured" marker (< 0).
std::string num(double v, int digits = 3) {
    return v < 0 ? "–" : fixed(v, digits);
}

// A line chart of the training run's losses by step: train (blue) and validation (orange).
std::string loss_svg(const std::vector<train::MetricRow> &curve) {
    if (curve.empty()) return "<p class=note>No training metrics recorded for this model.</p>";
    constexpr double W = 640, H = 240, L = 48, R = 12, T = 12, B = 28;
    double max_step = 1, lo = curve.front().loss, hi = curve.front().loss;
    for (const auto &m : curve) {
        max_step = std::max(max_step, double(m.step));
        if (std::isfinite(m.loss)) {
            lo = std::min(lo, m.loss);
            hi = std::max(hi, m.loss);
        }
    }
    if (hi - lo < 1e-9) hi = lo + 1;
    auto x = [&](double step) { return L + (W - L - R) * step / max_step; };
    auto y = [&](double loss) { return T + (H - T - B) * (1 - (loss - lo) / (hi - lo)); };
    std::string svg =
        "<svg class=chart viewBox='0 0 640 240' role=img aria-label='training and validation loss'>";
    svg += "<rect x='48' y='12' width='580' height='200' fill='none' stroke='#ccc'/>";
    for (int i = 0; i <= 4; ++i) {
        const double v = lo + (hi - lo) * i / 4.0;
        svg += "<text x='44' y='" + fixed(y(v) + 4, 1) + "' text-anchor='end'>" + fixed(v, 2) + "</text>";
    }
    svg += "<text x='48' y='232'>0</text><text x='628' y='232' text-anchor='end'>step " +
           std::to_string(int64_t(max_step)) + "</text>";
    for (const char *split : {"train", "val"}) {
        std::string pts;
        for (const auto &m : curve)
            if (m.split == split && std::isfinite(m.loss))
                pts += fixed(x(double(m.step)), 1) + "," + fixed(y(m.loss), 1) + " ";
        if (pts.empty()) continue;
        svg += std::string("<polyline fill='none' stroke-width='1.5' stroke='") +
               (std::string(split) == "train" ? "#1f77b4" : "#ff7f0e") + "' points='" + pts + "'/>";
    }
    svg +=
        "</svg><p class=note><span style='color:#1f77b4'>■</span> training loss "
        "<span style='color:#ff7f0e'>■</span> validation loss</p>";
    return svg;
}

// The measure SystemScores::score is, by kind.
std::string measure_name(synth::TaskKind kind) {
    switch (kind) {
        case synth::TaskKind::classification:
            return "accuracy";
        case synth::TaskKind::json_extraction:
            return "field F1";
        case synth::TaskKind::sectioned_text:
        case synth::TaskKind::free_text:
            return "ROUGE-L";
    }
    return "score";
}

// "f32 with constrained decoding" for "student f32 constrained".
std::string student_description(std::string system) {
    if (system.rfind("student ", 0) == 0) system.erase(0, 8);
    const std::string suffix = " constrained";
    if (system.size() >= suffix.size() &&
        system.compare(system.size() - suffix.size(), suffix.size(), suffix) == 0)
        system.replace(system.size() - suffix.size(), suffix.size(), " with constrained decoding");
    return system;
}

struct MetricsRow {
    const SystemScores *scores;
    std::string name;
    std::string role;  // as shown: "student (headline)", "student", "teacher", "baseline"
};

// The metrics table's rows: each system in order, the headline student marked, and the compared
// student's constrained pass beside its plain answers (before them when it is the headline).
std::vector<MetricsRow> metrics_rows(const EvalReport &r) {
    const HeadlineStudent head = headline_student(r);
    const SystemScores *compared = compared_student(r);
    std::vector<MetricsRow> rows;
    for (const auto &s : r.systems) {
        std::string name = s.name + (s.quant.empty() ? "" : " " + s.quant);
        if (&s == compared) {
            MetricsRow c{&*r.constrained_student, s.name + " " + s.quant + " with constrained decoding",
                         head.scores == &*r.constrained_student ? "student (headline)" : "student"};
            if (head.unconstrained == &s) {
                rows.push_back(c);
                rows.push_back({&s, name + " unconstrained", "student"});
            } else {
                rows.push_back({&s, name, head.scores == &s ? "student (headline)" : "student"});
                rows.push_back(c);
            }
            continue;
        }
        rows.push_back({&s, name, head.scores == &s ? "student (headline)" : s.role});
    }
    return rows;
}

std::string metrics_table(const EvalReport &r) {
    const auto kind = r.profile.spec.kind;
    std::string h = "<table><tr><th>system</th><th>role</th><th>keeps the contract</th>";
    if (kind == synth::TaskKind::classification) h += "<th>accuracy</th><th>macro-F1</th>";
    if (kind == synth::TaskKind::json_extraction)
        h += "<th>field precision</th><th>field recall</th><th>field F1</th>";
    if (kind == synth::TaskKind::sectioned_text || kind == synth::TaskKind::free_text)
        h += "<th>ROUGE-L</th><th>chrF</th>";
    if (kind != synth::TaskKind::classification)
        h += "<th title='the references&#39; rare words and numbers that the answer states'>fact recall</th>"
             "<th title='the answer&#39;s rare words and numbers that are in neither its input nor its "
             "reference'>invented facts</th>";
    h += "<th>score</th><th>exact match</th><th>length ratio</th><th>loss</th><th>perplexity</th><th>latency "
         "(s)</th><th>tokens/s</th><th>$ per 1,000</th></tr>";
    for (const auto &[sp, name, role] : metrics_rows(r)) {
        const SystemScores &s = *sp;
        h += "<tr class='" + s.role + (role == "student (headline)" ? " headline" : "") + "'><td>" +
             html_escape(name) + "</td><td>" + html_escape(role) + "</td><td>" + pct(s.contract_share) +
             "</td>";
        if (s.classification)
            h += "<td>" + pct(s.classification->accuracy) + "</td><td>" + num(s.classification->macro_f1) +
                 "</td>";
        else if (kind == synth::TaskKind::classification)
            h += "<td>–</td><td>–</td>";
        if (s.extraction)
            h += "<td>" + num(s.extraction->micro.precision) + "</td><td>" + num(s.extraction->micro.recall) +
                 "</td><td>" + num(s.extraction->micro.f1) + "</td>";
        else if (kind == synth::TaskKind::json_extraction)
            h += "<td>–</td><td>–</td><td>–</td>";
        if (kind == synth::TaskKind::sectioned_text || kind == synth::TaskKind::free_text)
            h += "<td>" + num(s.rouge_l) + "</td><td>" + num(s.chrf) + "</td>";
        if (kind != synth::TaskKind::classification)
            h += s.facts ? "<td>" + num(s.facts->recall) + "</td><td>" +
                               (s.facts->invented_share >= 0 ? pct(s.facts->invented_share) : "–") + "</td>"
                         : std::string("<td>–</td><td>–</td>");
        h += "<td>" + num(s.score) + "</td><td>" + pct(s.exact_match) + "</td><td>" + num(s.length_ratio, 2) +
             "</td><td>" + num(s.loss) + "</td><td>" + num(s.perplexity, 2) + "</td><td>" + num(s.latency_s) +
             "</td><td>" + num(s.tokens_per_s, 0) + "</td>";
        std::string cost = "–";
        if (s.role == "student") cost = "$0 (local; " + fixed(s.seconds_per_1000, 0) + " s)";
        if (s.role == "teacher" && r.teacher_cost.known)
            cost = "$" + fixed(r.teacher_cost.cost_usd_per_1000, 4);
        h += "<td>" + cost + "</td></tr>";
    }
    return h + "</table>";
}

// The sentence at the top of the page.
std::string verdict_html(const EvalReport &r) {
    const auto c = baseline_comparison(r);
    if (!c) return "<p class=note>No baseline to compare the student with.</p>";
    std::string h = std::string("<p class='verdict ") + (c->student_beats ? "win" : "lose") + "'>" +
                    html_escape(comparison_sentence(*c)) + "</p>";
    if (c->unconstrained_score >= 0)
        h += "<p class=note>The headline student figure is the F32 student with constrained decoding: for "
             "classification its labels are decoded as labels (the label it scores highest within the "
             "label set, so every answer keeps the contract). Its plain answers score " +
             num(c->unconstrained_score) + " (" + html_escape(c->measure) + ").</p>";
    return h;
}

std::string quant_table(const EvalReport &r) {
    const SystemScores *base = nullptr;
    int students = 0;
    for (const auto &s : r.systems)
        if (s.role == "student") {
            ++students;
            if (s.quant == "f32" || !base) base = &s;
        }
    if (students < 2) return "<p class=note>Only one weight type was evaluated.</p>";
    std::string h =
        "<table><tr><th>weight type</th><th>score</th><th>Δ score vs " + html_escape(base->quant) +
        "</th><th>keeps the contract</th><th>Δ</th><th>loss</th><th>Δ loss</th><th>tokens/s</th></tr>";
    for (const auto &s : r.systems) {
        if (s.role != "student") continue;
        h += "<tr><td>" + html_escape(s.quant) + "</td><td>" + num(s.score) + "</td><td>" +
             fixed(s.score - base->score, 3, true) + "</td><td>" + pct(s.contract_share) + "</td><td>" +
             fixed(100 * (s.contract_share - base->contract_share), 1, true) + " pt" + "</td><td>" +
             num(s.loss) + "</td><td>" +
             (s.loss >= 0 && base->loss >= 0 ? fixed(s.loss - base->loss, 4, true) : "–") + "</td><td>" +
             num(s.tokens_per_s, 0) + "</td></tr>";
    }
    return h + "</table>";
}

// The plain and the constrained answers of the compared student, and what the constraint costs.
std::string constrained_table(const EvalReport &r) {
    const SystemScores *plain = compared_student(r);
    if (!plain) {
        if (r.constrained_skipped.empty()) return {};
        return "<h2>Constrained decoding</h2><p class=note>Not compared: " +
               html_escape(r.constrained_skipped) + ".</p>";
    }
    const SystemScores &c = *r.constrained_student;
    const double ratio = tokens_per_s_ratio(*plain, c);
    std::string h = "<h2>Constrained decoding</h2><p>The student " + html_escape(c.quant) +
                    " answered the same samples again, greedily, with constrained decoding (" +
                    html_escape(r.constraint_kind) +
                    "): it can only write outputs that keep the contract.</p>";
    h += "<table class=constrained><tr><th>student " + html_escape(c.quant) +
         "</th><th>keeps the contract</th><th>score</th><th>exact match</th><th>tokens/s</th></tr>";
    for (const auto &[s, label] :
         {std::pair<const SystemScores *, const char *>{plain, "unconstrained"},
          std::pair<const SystemScores *, const char *>{&c, "with constrained decoding"}})
        h += "<tr><td>" + std::string(label) + "</td><td>" + pct(s->contract_share) + "</td><td>" +
             num(s->score) + "</td><td>" + pct(s->exact_match) + "</td><td>" + num(s->tokens_per_s, 0) +
             "</td></tr>";
    h += "<tr><td>difference</td><td>" + fixed(100 * (c.contract_share - plain->contract_share), 1, true) +
         " pt</td><td>" + fixed(c.score - plain->score, 3, true) + "</td><td>" +
         fixed(100 * (c.exact_match - plain->exact_match), 1, true) + " pt</td><td>" +
         (ratio >= 0 ? "× " + fixed(ratio, 2) : std::string("–")) + "</td></tr></table>";
    h += "<p class=note>Cost of constrained decoding: " +
         (ratio >= 0 ? fixed(ratio, 2) + "× the unconstrained tokens/s (" + num(c.tokens_per_s, 0) + " vs " +
                           num(plain->tokens_per_s, 0) + ")"
                     : std::string("tokens/s not measured")) +
         ".</p>";
    return h;
}

std::string detail_tables(const SystemScores &s, const std::string &who) {
    std::string h;
    if (s.classification) {
        const auto &c = *s.classification;
        h += "<h3>Confusion matrix (rows: teacher, columns: " + html_escape(who) +
             ")</h3><table><tr><th></th>";
        for (const auto &l : c.labels)
            h += "<th>" + html_escape(l) + "</th>";
        h += "<th>(other)</th></tr>";
        for (std::size_t i = 0; i < c.labels.size(); ++i) {
            h += "<tr><th>" + html_escape(c.labels[i]) + "</th>";
            for (int64_t v : c.confusion[i])
                h += "<td>" + std::to_string(v) + "</td>";
            h += "</tr>";
        }
        h += "</table><h3>Per "
             "label</h3><table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th></tr>";
        for (std::size_t i = 0; i < c.labels.size(); ++i)
            h += "<tr><td>" + html_escape(c.labels[i]) + "</td><td>" + num(c.per_label[i].precision) +
                 "</td><td>" + num(c.per_label[i].recall) + "</td><td>" + num(c.per_label[i].f1) +
                 "</td></tr>";
        h += "</table>";
    }
    if (s.extraction) {
        h += "<h3>Per field (" + html_escape(who) +
             ")</h3><table><tr><th>field</th><th>precision</th><th>recall</th><th>F1</th><th>tp</th><th>fp</"
             "th>"
             "<th>fn</th></tr>";
        for (const auto &f : s.extraction->fields)
            h += "<tr><td>" + html_escape(f.field) + "</td><td>" + num(f.prf.precision) + "</td><td>" +
                 num(f.prf.recall) + "</td><td>" + num(f.prf.f1) + "</td><td>" + std::to_string(f.prf.tp) +
                 "</td><td>" + std::to_string(f.prf.fp) + "</td><td>" + std::to_string(f.prf.fn) +
                 "</td></tr>";
        h += "</table>";
    }
    return h;
}

}  // namespace

HeadlineStudent headline_student(const EvalReport &r) {
    HeadlineStudent h;
    const SystemScores *plain = nullptr;
    for (const auto &s : r.systems)
        if (s.role == "student" && (!plain || (s.quant == "f32" && plain->quant != "f32"))) plain = &s;
    if (!plain) return h;
    if (r.profile.spec.kind == synth::TaskKind::classification)
        if (const SystemScores *compared = compared_student(r)) {
            h.scores = &*r.constrained_student;
            h.unconstrained = compared;
            h.system = "student " + compared->quant + " constrained";
            h.constrained = true;
            return h;
        }
    h.scores = plain;
    h.system = "student " + plain->quant + (r.constrained ? " constrained" : "");
    h.constrained = r.constrained;
    return h;
}

std::optional<BaselineComparison> baseline_comparison(const EvalReport &r) {
    const HeadlineStudent head = headline_student(r);
    if (!head.scores) return std::nullopt;
    const SystemScores *best = nullptr;
    for (const auto &s : r.systems)
        if (s.role == "baseline" && (!best || s.score > best->score)) best = &s;
    if (!best) return std::nullopt;
    BaselineComparison c;
    c.measure = measure_name(r.profile.spec.kind);
    c.best_baseline = best->name;
    c.best_baseline_score = best->score;
    c.student_system = head.system;
    c.student_constrained = head.constrained;
    c.student_score = head.scores->score;
    if (head.unconstrained) c.unconstrained_score = head.unconstrained->score;
    c.margin = c.student_score - c.best_baseline_score;
    c.student_beats = c.student_score > c.best_baseline_score;
    return c;
}

json comparison_json(const BaselineComparison &c) {
    json j = {{"measure", c.measure},
              {"best_baseline", c.best_baseline},
              {"best_baseline_score", c.best_baseline_score},
              {"student_system", c.student_system},
              {"student_constrained", c.student_constrained},
              {"student_score", c.student_score},
              {"margin", c.margin},
              {"student_beats", c.student_beats}};
    if (c.unconstrained_score >= 0) j["unconstrained_student_score"] = c.unconstrained_score;
    return j;
}

std::optional<BaselineComparison> comparison_from_json(const json &j) {
    if (!j.is_object()) return std::nullopt;
    auto str = [&](const char *k) {
        return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
    };
    auto number = [&](const char *k, double fallback) {
        return j.contains(k) && j[k].is_number() ? j[k].get<double>() : fallback;
    };
    if (!j.contains("best_baseline_score") || !j["best_baseline_score"].is_number() ||
        !j.contains("student_score") || !j["student_score"].is_number())
        return std::nullopt;
    BaselineComparison c;
    c.measure = str("measure");
    c.best_baseline = str("best_baseline");
    c.best_baseline_score = number("best_baseline_score", 0);
    c.student_system = str("student_system");
    c.student_constrained = j.contains("student_constrained") && j["student_constrained"].is_boolean() &&
                            j["student_constrained"].get<bool>();
    c.student_score = number("student_score", 0);
    c.unconstrained_score = number("unconstrained_student_score", -1);
    c.margin = number("margin", c.student_score - c.best_baseline_score);
    c.student_beats = j.contains("student_beats") && j["student_beats"].is_boolean()
                          ? j["student_beats"].get<bool>()
                          : c.student_score > c.best_baseline_score;
    return c;
}

std::string comparison_sentence(const BaselineComparison &c) {
    std::string s = "The student (" + student_description(c.student_system) + ", " +
                    (c.measure.empty() ? std::string("score") : c.measure) + " " + fixed(c.student_score, 3) +
                    ") ";
    s += c.student_beats ? "beats" : "does not beat";
    s += " the best baseline, " + c.best_baseline + " (" + fixed(c.best_baseline_score, 3) + ")";
    s += c.student_beats ? ", by " + fixed(c.margin, 3) + "." : ": " + fixed(-c.margin, 3) + " behind.";
    return s;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

json report_json(const EvalReport &r, bool with_results) {
    json task = {{"kind", std::string(synth::to_string(r.profile.spec.kind))},
                 {"source", r.profile.from_spec ? "spec" : "inferred"},
                 {"why", r.profile.why}};
    const auto &c = r.profile.spec.output;
    if (!c.labels.empty()) task["labels"] = c.labels;
    if (!c.sections.empty()) task["sections"] = c.sections;
    if (c.schema.is_object() && c.schema.contains("properties") && c.schema["properties"].is_object()) {
        json fields = json::array();
        for (auto it = c.schema["properties"].begin(); it != c.schema["properties"].end(); ++it)
            fields.push_back(it.key());
        task["fields"] = fields;
    }
    json systems = json::array(), quant = json::array();
    const SystemScores *f32 = nullptr;
    for (const auto &s : r.systems)
        if (s.role == "student" && (s.quant == "f32" || !f32)) f32 = &s;
    for (const auto &s : r.systems) {
        systems.push_back(system_json(s, r.teacher_cost));
        if (s.role == "student") {
            json q = {{"quant", s.quant},
                      {"score", s.score},
                      {"score_delta", s.score - f32->score},
                      {"contract_share", s.contract_share},
                      {"contract_share_delta", s.contract_share - f32->contract_share}};
            if (s.loss >= 0 && f32->loss >= 0) {
                q["loss"] = s.loss;
                q["loss_delta"] = s.loss - f32->loss;
            }
            quant.push_back(q);
        }
    }
    json j = {{"eval_run_id", r.eval_run_id},
              {"training_run_id", r.training_run_id > 0 ? json(r.training_run_id) : json()},
              {"model", r.model},
              {"created_at", format_iso8601(r.created_at)},
              {"task", task},
              {"test_samples", r.test_samples},
              {"evaluated", r.evaluated},
              {"excluded_trained", r.excluded_trained},
              {"test_split_frozen", r.test_split_frozen},
              {"constrained", r.constrained},
              {"systems", systems},
              {"quantization", quant}};
    json cd = {{"compared", false}};
    if (const SystemScores *plain = compared_student(r)) {
        const SystemScores &cs = *r.constrained_student;
        cd = {{"compared", true},
              {"quant", cs.quant},
              {"constraint", r.constraint_kind},
              {"unconstrained", {{"contract_share", plain->contract_share}, {"score", plain->score}}},
              {"student", system_json(cs, r.teacher_cost)},
              {"contract_share", cs.contract_share},
              {"contract_share_delta", cs.contract_share - plain->contract_share},
              {"score", cs.score},
              {"score_delta", cs.score - plain->score}};
        if (plain->tokens_per_s >= 0) cd["unconstrained"]["tokens_per_s"] = plain->tokens_per_s;
        if (cs.tokens_per_s >= 0) cd["tokens_per_s"] = cs.tokens_per_s;
        const double ratio = tokens_per_s_ratio(*plain, cs);
        cd["tokens_per_s_ratio"] = ratio >= 0 ? json(ratio) : json();
    } else if (!r.constrained_skipped.empty()) {
        cd["why"] = r.constrained_skipped;
    }
    j["constrained_decoding"] = cd;
    const auto comparison = baseline_comparison(r);
    j["baseline_comparison"] = comparison ? comparison_json(*comparison) : json();
    const TeacherCost &t = r.teacher_cost;
    j["teacher_cost"] = t.known ? json{{"calls", t.calls},
                                       {"outputs", t.outputs},
                                       {"cost_usd", t.cost_usd},
                                       {"cost_usd_per_1000", t.cost_usd_per_1000},
                                       {"latency_s_per_call", t.latency_s_per_call}}
                                : json();
    json w = json::array();
    if (const SystemScores *s = first_student(r))
        for (const SampleResult *x : worst(*s, kWorstShown))
            w.push_back(result_json(*x, s->quant));
    j["worst"] = w;
    if (with_results) {
        json all = json::array();
        for (const auto &s : r.systems)
            for (const auto &x : s.results)
                all.push_back(result_json(x, s.quant));
        j["results"] = all;
        if (r.constrained_student) {
            json cr = json::array();
            for (const auto &x : r.constrained_student->results)
                cr.push_back(result_json(x, r.constrained_student->quant));
            j["constrained_decoding"]["results"] = cr;
        }
    }
    return j;
}

std::string report_html(const EvalReport &r, const std::vector<train::MetricRow> &curve,
                        std::string_view title) {
    std::string h =
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Smolify evaluation: " +
        html_escape(title) +
        "</title><style>"
        "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ddd;padding:4px 8px;"
        "text-align:left;vertical-align:top}th{background:#f4f4f4}tr.student td:first-child{font-weight:600}"
        "tr.baseline{color:#666}.note{color:#666}.chart{width:100%;max-width:640px;font-size:11px}"
        "pre{white-space:pre-wrap;margin:0;font:12px/1.35 ui-monospace,monospace;max-width:320px}"
        ".bad{color:#b00}tr.headline td{font-weight:600}.verdict{font-size:16px;font-weight:600;"
        "padding:.5em .8em;border-radius:4px}.win{background:#e8f5e9;color:#1b5e20}"
        ".lose{background:#fdecea;color:#8a1c1c}</style></head><body>";
    h += "<h1>Evaluation: " + html_escape(title) + "</h1>";
    h += "<p>Model: " + html_escape(r.model) +
         (r.training_run_id > 0 ? " (training run " + std::to_string(r.training_run_id) + ")"
                                : std::string()) +
         ". Task: <b>" + html_escape(synth::to_string(r.profile.spec.kind)) + "</b>, " +
         html_escape(r.profile.why) + ". " + std::to_string(r.evaluated) + " of " +
         std::to_string(r.test_samples) +
         " held-out test samples; the teacher's outputs are the references. " +
         (r.constrained ? "The student answered with constrained decoding (it can only keep the contract). "
                        : "") +
         format_utc(r.created_at) + " UTC.</p>";
    h += verdict_html(r);
    h += "<h2>Metrics</h2>" + metrics_table(r);
    h += constrained_table(r);
    h += "<h2>Quantization</h2>" + quant_table(r);
    if (const HeadlineStudent head = headline_student(r); head.scores)
        h += detail_tables(*head.scores, "student " + student_description(head.system));
    h += "<h2>Training</h2>" + loss_svg(curve);
    h += "<h2>Worst cases</h2>";
    if (const SystemScores *s = first_student(r)) {
        h += "<table><tr><th>result</th><th>score</th><th>input</th><th>teacher</th><th>student " +
             html_escape(s->quant) + "</th></tr>";
        for (const SampleResult *x : worst(*s, kWorstShown)) {
            h +=
                "<tr><td>#" + std::to_string(x->id) + "<br>sample " + std::to_string(x->sample_id) +
                "</td><td>" + num(x->score) +
                (x->contract_ok ? "" : "<br><span class=bad>" + html_escape(x->contract_reason) + "</span>") +
                "</td><td><pre>" + html_escape(ellipsize(x->input, kCellBytes)) + "</pre></td><td><pre>" +
                html_escape(ellipsize(x->reference, kCellBytes)) + "</pre></td><td><pre>" +
                html_escape(ellipsize(x->output, kCellBytes)) + "</pre></td></tr>";
        }
        h += "</table><p class=note>Promote one to a corrected training sample: <code>smolify-cli eval "
             "PROJECT "
             "--promote RESULT [--output TEXT]</code>.</p>";
    }
    h += "</body></html>\n";
    return h;
}

}  // namespace smolify::eval
