// Evaluations in the store and promotion of a result to a training sample (results.h).
#include "eval/results.h"

#include <cstdio>

#include "eval/evaluate.h"
#include "eval/report.h"
#include "store/guard.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::eval {

using nlohmann::json;

namespace {

json row_scores(const SampleResult &r) {
    json j = {{"exact", r.exact}};
    if (r.rouge_l >= 0) j["rouge_l"] = r.rouge_l;
    if (r.chrf >= 0) j["chrf"] = r.chrf;
    if (r.loss >= 0) {
        j["loss"] = r.loss;
        j["loss_tokens"] = r.loss_tokens;
    }
    if (r.latency_s >= 0) {
        j["latency_s"] = r.latency_s;
        j["tokens"] = r.tokens;
    }
    return j;
}

StoredResult read_row(store::Stmt &st) {
    StoredResult r;
    r.id = st.col_int(0);
    r.eval_run_id = st.col_int(1);
    r.sample_id = st.col_opt_int(2);
    r.quant = st.col_text(3);
    r.input = st.col_text(4);
    r.reference = st.col_text(5);
    r.output = st.col_text(6);
    r.score = st.col_double(7);
    r.contract_ok = st.col_int(8) != 0;
    r.contract_reason = st.col_text(9);
    r.scores = json::parse(st.col_text(10), nullptr, false);
    if (r.scores.is_discarded()) r.scores = json::object();
    r.promoted_sample_id = st.col_opt_int(11);
    return r;
}

constexpr const char *kColumns =
    "id, eval_run_id, sample_id, quant, input, reference, output, score, contract_ok, "
    "coalesce(contract_reason, ''), "
    "scores, promoted_sample_id";

}  // namespace

Status store_report(store::Project &project, EvalReport &report, const json &params) {
    return store::detail::guard([&]() -> Status {
        store::Db &db = project.db();
        store::Transaction tx(db);
        auto run = db.prepare(
            "INSERT INTO eval_runs (training_run_id, model, kind, kind_source, params, metrics, "
            "test_samples, "
            "evaluated, created_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?)");
        if (report.training_run_id > 0)
            run.bind(1, report.training_run_id);
        else
            run.bind(1, std::nullopt);
        run.bind(2, report.model)
            .bind(3, std::string(synth::to_string(report.profile.spec.kind)))
            .bind(4, report.profile.from_spec ? "spec" : "inferred")
            .bind(5, params.dump())
            .bind(6, report.test_samples)
            .bind(7, report.evaluated)
            .bind(8, report.created_at);
        run.exec();
        report.eval_run_id = db.last_insert_id();
        auto add = db.prepare(
            "INSERT INTO eval_results (eval_run_id, sample_id, quant, input, reference, output, score, "
            "contract_ok, "
            "contract_reason, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (SystemScores &s : report.systems) {
            for (SampleResult &r : s.results) {
                add.reset();
                add.bind(1, report.eval_run_id)
                    .bind(2, r.sample_id)
                    .bind(3, s.quant)
                    .bind(4, r.input)
                    .bind(5, r.reference)
                    .bind(6, r.output)
                    .bind(7, r.score)
                    .bind(8, int64_t(r.contract_ok))
                    .bind_text_or_null(9, r.contract_reason)
                    .bind(10, row_scores(r).dump());
                add.exec();
                r.id = db.last_insert_id();
            }
        }
        // The metrics column holds the report itself (with the ids now known).
        db.prepare("UPDATE eval_runs SET metrics = ? WHERE id = ?")
            .bind(1, report_json(report, false).dump())
            .bind(2, report.eval_run_id)
            .exec();
        tx.commit();
        return {};
    });
}

Result<std::optional<int64_t>> latest_eval_run(store::Project &project) {
    return store::detail::guard([&]() -> Result<std::optional<int64_t>> {
        auto st = project.db().prepare("SELECT id FROM eval_runs ORDER BY id DESC LIMIT 1");
        if (st.step()) return std::optional<int64_t>(st.col_int(0));
        return std::optional<int64_t>();
    });
}

Result<StoredEvalRun> read_eval_run(store::Project &project, int64_t id) {
    return store::detail::guard([&]() -> Result<StoredEvalRun> {
        auto st = project.db().prepare("SELECT metrics, created_at FROM eval_runs WHERE id = ?");
        st.bind(1, id);
        if (!st.step()) return user_error("evaluation " + std::to_string(id) + " is not in the project");
        StoredEvalRun r;
        r.id = id;
        r.metrics = nlohmann::json::parse(st.col_text(0), nullptr, false);
        if (r.metrics.is_discarded() || !r.metrics.is_object()) r.metrics = nlohmann::json::object();
        r.created_at = st.col_int(1);
        return r;
    });
}

namespace {
// o[key] when it is a string, else `fallback` (a stored row may come from an older version).
std::string text_or(const nlohmann::json &o, const char *key, const char *fallback) {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}
}  // namespace

Result<std::optional<TypeMetrics>> type_metrics(store::Project &project, int64_t training_run_id) {
    auto row = store::detail::guard([&]() -> Result<std::optional<std::pair<int64_t, std::string>>> {
        auto st = project.db().prepare(
            "SELECT id, metrics FROM eval_runs WHERE training_run_id = ? AND model = 'project' ORDER BY id "
            "DESC LIMIT 1");
        st.bind(1, training_run_id);
        if (st.step()) return std::optional(std::pair(st.col_int(0), st.col_text(1)));
        return std::optional<std::pair<int64_t, std::string>>();
    });
    if (!row) return row.error();
    if (!*row) return std::optional<TypeMetrics>();
    const nlohmann::json m = nlohmann::json::parse((*row)->second, nullptr, false);
    if (m.is_discarded() || !m.is_object() || !m.contains("quantization") || !m["quantization"].is_array())
        return std::optional<TypeMetrics>();
    const auto num = [](const nlohmann::json &o, const char *key) {
        return o.contains(key) && o[key].is_number() ? o[key].get<double>() : -1.0;
    };
    TypeMetrics out;
    out.eval_run_id = (*row)->first;
    if (m.contains("evaluated") && m["evaluated"].is_number_integer())
        out.evaluated = m["evaluated"].get<int64_t>();
    if (m.contains("baseline_comparison") && m["baseline_comparison"].is_object() &&
        m["baseline_comparison"].contains("measure") && m["baseline_comparison"]["measure"].is_string())
        out.measure = m["baseline_comparison"]["measure"].get<std::string>();
    for (const auto &q : m["quantization"]) {
        if (!q.is_object() || !q.contains("quant") || !q["quant"].is_string()) continue;
        out.types.push_back({q["quant"].get<std::string>(), num(q, "score"), num(q, "contract_share"),
                             num(q, "loss")});
    }
    return std::optional(std::move(out));
}

Result<std::vector<std::pair<std::string, std::string>>> card_metrics(store::Project &project,
                                                                      int64_t training_run_id) {
    using Rows = std::vector<std::pair<std::string, std::string>>;
    auto text = store::detail::guard([&]() -> Result<std::optional<std::string>> {
        auto st = project.db().prepare(
            "SELECT metrics FROM eval_runs WHERE training_run_id = ? AND model = 'project' ORDER BY id DESC "
            "LIMIT 1");
        st.bind(1, training_run_id);
        if (st.step()) return std::optional<std::string>(st.col_text(0));
        return std::optional<std::string>();
    });
    if (!text) return text.error();
    Rows rows;
    if (!*text) return rows;
    const nlohmann::json m = nlohmann::json::parse(**text, nullptr, false);
    if (m.is_discarded() || !m.is_object()) return rows;  // an unreadable old row is left out of the card
    const auto pct = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
        return std::string(buf);
    };
    const auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", v);
        return std::string(buf);
    };
    if (m.contains("task") && m["task"].is_object())
        rows.emplace_back("task kind", text_or(m["task"], "kind", "?") + " (" +
                                           text_or(m["task"], "source", "?") + ")");
    rows.emplace_back("held-out samples evaluated", std::to_string(m.value("evaluated", 0)));
    const auto describe = [&](const nlohmann::json &s) {
        std::string v;
        if (s.contains("score") && s["score"].is_number()) v = "score " + num(s["score"].get<double>());
        if (s.contains("contract_share") && s["contract_share"].is_number())
            v += (v.empty() ? "" : ", ") + std::string("keeps the contract ") +
                 pct(s["contract_share"].get<double>());
        if (s.contains("loss") && s["loss"].is_number()) v += ", loss " + num(s["loss"].get<double>());
        return v;
    };
    if (m.contains("systems") && m["systems"].is_array())
        for (const auto &s : m["systems"]) {
            if (!s.is_object()) continue;
            std::string name = text_or(s, "name", "?");
            if (s.contains("quant") && s["quant"].is_string()) name += " " + s["quant"].get<std::string>();
            rows.emplace_back(name, describe(s));
        }
    if (m.contains("constrained_decoding") && m["constrained_decoding"].is_object() &&
        m["constrained_decoding"].value("compared", false) && m["constrained_decoding"].contains("student"))
        rows.emplace_back("student f32, constrained decoding",
                          describe(m["constrained_decoding"]["student"]));
    if (m.contains("baseline_comparison"))
        if (auto c = comparison_from_json(m["baseline_comparison"]))
            rows.emplace_back("compared with the baselines", comparison_sentence(*c));
    return rows;
}

Result<std::vector<StoredResult>> read_results(store::Project &project, const ResultQuery &query) {
    int64_t run_id = query.eval_run_id;
    if (run_id == 0) {
        auto latest = latest_eval_run(project);
        if (!latest) return latest.error();
        if (!*latest) return std::vector<StoredResult>();
        run_id = **latest;
    }
    return store::detail::guard([&]() -> Result<std::vector<StoredResult>> {
        std::string sql = std::string("SELECT ") + kColumns + " FROM eval_results WHERE eval_run_id = ?1";
        if (!query.quant.empty()) sql += " AND quant = ?2";
        sql += query.worst_first ? " ORDER BY score ASC, id ASC" : " ORDER BY id ASC";
        sql += " LIMIT ?3";
        auto st = project.db().prepare(sql);
        st.bind(1, run_id);
        if (!query.quant.empty()) st.bind(2, query.quant);
        st.bind(3, query.limit);
        std::vector<StoredResult> out;
        while (st.step())
            out.push_back(read_row(st));
        return out;
    });
}

Result<std::optional<StoredResult>> read_result(store::Project &project, int64_t result_id) {
    return store::detail::guard([&]() -> Result<std::optional<StoredResult>> {
        auto st = project.db().prepare(std::string("SELECT ") + kColumns + " FROM eval_results WHERE id = ?");
        st.bind(1, result_id);
        if (st.step()) return std::optional<StoredResult>(read_row(st));
        return std::optional<StoredResult>();
    });
}

Result<PromoteOutcome> promote_result(store::Project &project, int64_t result_id,
                                      const std::optional<std::string> &corrected_output) {
    auto found = read_result(project, result_id);
    if (!found) return found.error();
    if (!*found)
        return user_error("there is no evaluation result #" + std::to_string(result_id) +
                          "; list them with `smolify-cli eval PROJECT --worst N`");
    const StoredResult &r = **found;
    if (r.promoted_sample_id)
        return user_error("evaluation result #" + std::to_string(result_id) +
                          " was already promoted (sample #" + std::to_string(*r.promoted_sample_id) + ")");
    PromoteOutcome out;
    std::string output = r.reference;
    if (corrected_output) {
        if (trim(*corrected_output).empty()) return user_error("the corrected output is empty");
        output = *corrected_output;
        out.corrected = output != r.reference;
    }
    std::optional<store::Sample> sample;
    if (r.sample_id) {
        auto s = project.sample(*r.sample_id);
        if (!s) return s.error();
        sample = *s;
    }
    const json promoted = {{"eval_run", r.eval_run_id},  {"eval_result", r.id},        {"quant", r.quant},
                           {"student_output", r.output}, {"corrected", out.corrected}, {"at", unix_now()}};
    if (!sample) {
        store::NewSample ns;
        ns.input = r.input;
        ns.output = output;
        ns.status = store::SampleStatus::approved;
        ns.split = store::Split::train;
        ns.source = store::SampleSource::manual;
        ns.provenance = json{{"promoted", promoted}}.dump();
        if (Status st = store::validate_new_sample(ns); !st) return st.error();
        auto ins = project.insert_samples(std::span<const store::NewSample>(&ns, 1));
        if (!ins) return ins.error();
        if (ins->ids.empty())
            return user_error("a sample with exactly this input and output is already in the project");
        out.sample_id = ins->ids.front();
        out.created = true;
    } else {
        out.sample_id = sample->id;
        // The edit keeps the teacher's text as revision 1.
        if (sample->output != output)
            if (Status st = project.edit_sample(sample->id, sample->input, output, "eval"); !st)
                return st.error();
    }
    Status st = store::detail::guard([&]() -> Status {
        store::Db &db = project.db();
        store::Transaction tx(db);
        if (!out.created) {
            json prov = json::parse(sample->provenance.empty() ? "{}" : sample->provenance, nullptr, false);
            if (!prov.is_object()) prov = json{{"previous", sample->provenance}};
            prov["promoted"] = promoted;
            const int64_t now = unix_now();
            db.prepare(
                  "UPDATE samples SET split = 'train', status = 'approved', reject_reason = NULL, provenance "
                  "= ?, "
                  "reviewed_at = ?, updated_at = ? WHERE id = ?")
                .bind(1, prov.dump())
                .bind(2, now)
                .bind(3, now)
                .bind(4, out.sample_id)
                .exec();
        }
        db.prepare("UPDATE eval_results SET promoted_sample_id = ? WHERE id = ?")
            .bind(1, out.sample_id)
            .bind(2, result_id)
            .exec();
        tx.commit();
        return {};
    });
    if (!st) return st.error();
    return out;
}

}  // namespace smolify::eval
