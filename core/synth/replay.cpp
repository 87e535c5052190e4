// Replaying a recorded teacher session and its review; see replay.h.
#include "synth/replay.h"

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/guard.h"
#include "store/sqlite.h"
#include "synth/contract.h"
#include "synth/dedup.h"
#include "synth/prompts.h"
#include "synth/reply.h"
#include "synth/spec.h"
#include "teacher/journal.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;
using store::detail::guard;

// Calls `fn(line_number, text)` for every line that is not blank; stops at the first error.
Error line_error(const std::filesystem::path &file, int64_t line, const std::string &what) {
    return user_error(file.string() + ":" + std::to_string(line) + ": " + what);
}

// A JSON object from one line, or the error naming it.
Result<json> parse_line(const std::filesystem::path &file, int64_t line, const std::string &text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return line_error(file, line, "not valid JSON");
    if (!j.is_object())
        return line_error(file, line, std::string("expected a JSON object, not ") + j.type_name());
    return j;
}

// A whole number >= lo in field `key`.
Result<int64_t> whole_number(const std::filesystem::path &file, int64_t line, const json &j, const char *key,
                             int64_t lo) {
    auto it = j.find(key);
    if (it == j.end()) return line_error(file, line, std::string("missing \"") + key + "\"");
    if (!it->is_number_integer() || it->get<int64_t>() < lo)
        return line_error(file, line,
                          std::string("\"") + key + "\" must be a whole number from " + std::to_string(lo));
    return it->get<int64_t>();
}

std::string recorded_endpoint(const std::string &name) {
    return "recorded:" + name;
}

// The project's newest task spec (and its version); a user error when it has none.
Result<Spec> current_task_spec(store::Project &project, int64_t *version = nullptr) {
    auto row = project.current_spec();
    if (!row) return row.error();
    if (!*row)
        return user_error(
            "the project has no task spec yet: set one with `smolify-cli spec PROJECT --set FILE`");
    if (version) *version = (*row)->version;
    return spec_from_store(**row);
}

Error review_cancelled(const ReviewProgress &progress) {
    return job::cancelled(std::to_string(progress.done) + " of " + std::to_string(progress.total) +
                          " decisions were applied; applying the review again does the rest");
}

}  // namespace

Result<std::vector<RecordedCall>> read_recorded_session(const std::filesystem::path &file) {
    std::vector<RecordedCall> calls;
    Status st = for_each_line(file, [&](int64_t line, const std::string &text) -> Status {
        auto j = parse_line(file, line, text);
        if (!j) return j.error();
        auto call = whole_number(file, line, *j, "call", 1);
        if (!call) return call.error();
        if (!calls.empty() && *call <= calls.back().call)
            return line_error(file, line,
                              "call " + std::to_string(*call) + " comes after call " +
                                  std::to_string(calls.back().call) +
                                  ": the calls must be in order, each once");
        auto it = j->find("content");
        if (it == j->end()) return line_error(file, line, "missing \"content\" (the teacher's reply)");
        RecordedCall c;
        c.line = line;
        c.call = *call;
        if (it->is_string())
            c.content = it->get<std::string>();
        else if (it->is_object() || it->is_array())
            c.content = it->dump(-1, ' ', false, json::error_handler_t::replace);
        else
            return line_error(file, line, "\"content\" must be the reply's text");
        calls.push_back(std::move(c));
        return {};
    });
    if (!st) return st.error();
    if (calls.empty()) return user_error(file.string() + " holds no recorded call");
    return calls;
}

Result<ReplayReport> replay_session(store::Project &project, const std::filesystem::path &file,
                                    const ReplayParams &params) {
    auto calls = read_recorded_session(file);
    if (!calls) return calls.error();
    ReplayParams p = params;
    if (p.name.empty()) p.name = file.filename().string();
    return replay_session(project, *calls, p);
}

Result<ReplayReport> replay_session(store::Project &project, const std::vector<RecordedCall> &calls,
                                    const ReplayParams &params) {
    if (params.name.empty()) return internal_error("replay_session: the session needs a name");
    const auto started = std::chrono::steady_clock::now();
    auto stopping = [&] { return params.hooks.cancelled(); };
    ReplayReport report;
    ReplayProgress &pr = report.totals;
    pr.calls_total = static_cast<int64_t>(calls.size());
    pr.stage = "replaying";
    pr.unit = "calls";
    pr.total = pr.calls_total;
    auto cancelled = [&] {
        return job::cancelled(std::to_string(pr.calls_done) + " of " + std::to_string(pr.calls_total) +
                              " recorded calls are stored; the same replay continues the run");
    };
    auto report_progress = [&] {
        pr.done = pr.calls_done;
        pr.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return params.hooks.report(pr);
    };

    int64_t spec_version = 0;
    auto spec = current_task_spec(project, &spec_version);
    if (!spec) return spec.error();
    report.spec_version = spec_version;
    store::Db &db = project.db();
    const std::string endpoint = recorded_endpoint(params.name);

    // The run of this session (and spec version), or a new one; one request per call, added when
    // missing (a session file that grew gets its new calls).
    Status st = guard([&]() -> Status {
        store::Transaction tx(db);
        auto find = db.prepare(
            "SELECT id, accepted, rejected, duplicates FROM synth_runs WHERE json_extract(params, "
            "'$.replay') "
            "= ? AND spec_version = ? ORDER BY id DESC LIMIT 1");
        find.bind(1, params.name).bind(2, report.spec_version);
        if (find.step()) {
            pr.run_id = find.col_int(0);
            pr.accepted = find.col_int(1);
            pr.rejected = find.col_int(2);
            pr.duplicates = find.col_int(3);
            db.prepare("UPDATE synth_runs SET status = 'running', finished_at = NULL WHERE id = ?")
                .bind(1, pr.run_id)
                .exec();
        } else {
            json run_params = {
                {"replay", params.name}, {"calls", calls.size()}, {"model", params.teacher_model}};
            db.prepare(
                  "INSERT INTO synth_runs (spec_version, target, params, status, created_at) VALUES (?, ?, "
                  "?, "
                  "'running', ?)")
                .bind(1, report.spec_version)
                .bind(2, static_cast<int64_t>(calls.size()))
                .bind(3, run_params.dump())
                .bind(4, unix_now())
                .exec();
            pr.run_id = db.last_insert_id();
        }
        auto ins = db.prepare(
            "INSERT OR IGNORE INTO synth_requests (run_id, round, idx, slice, wanted, prompt) VALUES (?, 0, "
            "?, "
            "'', 0, ?)");
        for (const RecordedCall &c : calls) {
            ins.reset();
            ins.bind(1, pr.run_id)
                .bind(2, c.call)
                .bind(3, endpoint + " call " + std::to_string(c.call))
                .exec();
        }
        tx.commit();
        return {};
    });
    if (!st) return st.error();

    auto done_calls = guard([&]() -> Result<std::set<int64_t>> {
        std::set<int64_t> done;
        auto q =
            db.prepare("SELECT idx FROM synth_requests WHERE run_id = ? AND round = 0 AND status = 'done'");
        q.bind(1, pr.run_id);
        while (q.step())
            done.insert(q.col_int(0));
        return done;
    });
    if (!done_calls) return done_calls.error();
    for (const RecordedCall &c : calls)
        if (done_calls->count(c.call)) ++pr.calls_skipped;
    pr.calls_done = pr.calls_skipped;
    report.resumed = pr.calls_skipped > 0;
    if (!report_progress()) return cancelled();

    DedupIndex index(params.near_duplicate_threshold);
    if (pr.calls_done < pr.calls_total) {
        if (Status s = load_dedup_index(db, index, stopping); !s) {
            if (s.error().kind != ErrorKind::cancelled) return s.error();
            return cancelled();
        }
    }
    ReplyContext ctx;
    ctx.spec = &*spec;
    ctx.spec_version = report.spec_version;
    ctx.teacher_model = params.teacher_model;
    ctx.index = &index;
    teacher::Journal journal(project);
    int64_t replayed = 0;
    for (const RecordedCall &c : calls) {
        if (done_calls->count(c.call)) continue;
        if (stopping()) return cancelled();
        // Journaled as a live call is: recorded before its reply is stored, so a rerun finds it.
        const std::string hash = sha256_hex(endpoint + "\n" + std::to_string(c.call) + "\n" + c.content);
        auto found = journal.find_ok(hash);
        if (!found) return found.error();
        int64_t call_id = 0;
        if (*found) {
            call_id = (*found)->id;
            ++pr.from_journal;
        } else {
            const json request = {{"recorded", params.name}, {"call", c.call}, {"line", c.line}};
            const json response = {
                {"object", "chat.completion"},
                {"model", params.teacher_model},
                {"choices", json::array({{{"index", 0},
                                          {"message", {{"role", "assistant"}, {"content", c.content}}},
                                          {"finish_reason", "stop"}}})},
                {"usage", {{"prompt_tokens", 0}, {"completion_tokens", 0}}}};
            auto id = journal.begin(hash, "generate", endpoint, params.teacher_model,
                                    request.dump(-1, ' ', false, json::error_handler_t::replace));
            if (!id) return id.error();
            if (Status s = journal.complete_ok(
                    *id, response.dump(-1, ' ', false, json::error_handler_t::replace), 200, 0, 0, 0.0, 0);
                !s)
                return s.error();
            call_id = *id;
        }
        const Result<Envelope> envelope = parse_envelope(c.content);
        auto n = store_reply(db, ctx, {pr.run_id, 0, static_cast<int>(c.call), ""}, call_id, 0.0, c.content,
                             envelope, nullptr);
        if (!n) return n.error();
        pr.accepted += n->accepted;
        pr.rejected += n->rejected;
        pr.duplicates += n->duplicates;
        ++pr.calls_done;
        ++replayed;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (elapsed > 0)
            pr.seconds_left =
                static_cast<double>(pr.calls_total - pr.calls_done) * elapsed / static_cast<double>(replayed);
        if (!report_progress()) return cancelled();
    }
    pr.seconds_left = 0;
    report.completed = true;
    st = guard([&]() -> Status {
        db.prepare("UPDATE synth_runs SET status = 'completed', message = NULL, finished_at = ? WHERE id = ?")
            .bind(1, unix_now())
            .bind(2, pr.run_id)
            .exec();
        return {};
    });
    if (!st) return st.error();
    return report;
}

Result<std::vector<RecordedDecision>> read_recorded_review(const std::filesystem::path &file) {
    std::vector<RecordedDecision> out;
    std::map<std::pair<int64_t, int64_t>, int64_t> seen;  // (call, index) -> line
    Status st = for_each_line(file, [&](int64_t line, const std::string &text) -> Status {
        auto j = parse_line(file, line, text);
        if (!j) return j.error();
        RecordedDecision d;
        d.line = line;
        auto call = whole_number(file, line, *j, "call", 1);
        if (!call) return call.error();
        auto index = whole_number(file, line, *j, "index", 0);
        if (!index) return index.error();
        d.call = *call;
        d.index = *index;
        auto dec = j->find("decision");
        if (dec == j->end() || !dec->is_string())
            return line_error(file, line, "missing \"decision\" (approve, edit or reject)");
        const std::string name = dec->get<std::string>();
        auto text_field = [&](const char *key) -> std::string {
            auto it = j->find(key);
            return it != j->end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        if (name == "approve") {
            d.decision = Decision::approve;
        } else if (name == "edit") {
            d.decision = Decision::edit;
            d.output = text_field("output");
            if (trim(d.output).empty())
                return line_error(file, line, "an edit needs \"output\": the corrected output");
        } else if (name == "reject") {
            d.decision = Decision::reject;
            d.reason = std::string(trim(text_field("reason")));
            if (d.reason.empty())
                return line_error(file, line, "a reject needs \"reason\": why it was rejected");
        } else {
            return line_error(file, line,
                              "unknown decision \"" + ellipsize(name, 40) + "\" (approve, edit or reject)");
        }
        auto [it, fresh] = seen.emplace(std::make_pair(d.call, d.index), line);
        if (!fresh)
            return line_error(file, line,
                              "call " + std::to_string(d.call) + " index " + std::to_string(d.index) +
                                  " was already decided on line " + std::to_string(it->second));
        out.push_back(std::move(d));
        return {};
    });
    if (!st) return st.error();
    return out;
}

Result<ApplyReviewReport> apply_review(store::Project &project, int64_t run_id,
                                       const std::vector<RecordedDecision> &decisions,
                                       const ApplyReviewParams &params) {
    ApplyReviewReport report;
    auto spec = current_task_spec(project);
    if (!spec) return spec.error();

    struct Stored {
        int64_t id = 0;
        std::string status;
        bool edited = false;  // has revisions
        std::string input;
        std::string output;
    };
    // (call, index) -> the sample, through the provenance store_reply wrote.
    auto stored = guard([&]() -> Result<std::map<std::pair<int64_t, int64_t>, Stored>> {
        std::map<std::pair<int64_t, int64_t>, Stored> m;
        auto q = project.db().prepare(
            "SELECT id, json_extract(provenance, '$.request'), json_extract(provenance, '$.index'), status, "
            "EXISTS (SELECT 1 FROM sample_revisions r WHERE r.sample_id = samples.id), input, output FROM "
            "samples WHERE source = 'teacher' AND json_extract(provenance, '$.run') = ? AND "
            "json_extract(provenance, '$.index') IS NOT NULL");
        q.bind(1, run_id);
        while (q.step())
            m[{q.col_int(1), q.col_int(2)}] = {q.col_int(0), q.col_text(3), q.col_int(4) != 0, q.col_text(5),
                                               q.col_text(6)};
        return m;
    });
    if (!stored) return stored.error();

    // Every decision checked before anything changes.
    struct Planned {
        const RecordedDecision *d = nullptr;
        const Stored *s = nullptr;
        std::string output;  // edit: the contract's form of the corrected output
    };
    std::vector<Planned> plan;
    for (const RecordedDecision &d : decisions) {
        auto it = stored->find({d.call, d.index});
        if (it == stored->end()) {
            ++report.unmatched;
            if (report.notes.size() < 5)
                report.notes.push_back(params.name + ":" + std::to_string(d.line) + ": call " +
                                       std::to_string(d.call) + " has no stored sample at index " +
                                       std::to_string(d.index) +
                                       " (rejected before review, or not replayed)");
            continue;
        }
        if (it->second.status != "pending") {
            // Reviewed by an earlier session (or by hand): counted as it stands.
            ++report.already;
            if (it->second.status == "rejected")
                ++report.rejected;
            else if (it->second.edited)
                ++report.edited;
            else
                ++report.approved;
            continue;
        }
        Planned pl{&d, &it->second, {}};
        if (d.decision == Decision::edit) {
            ContractResult cr = contract_check(*spec, it->second.input, d.output);
            if (!cr.ok)
                return user_error(params.name + ":" + std::to_string(d.line) +
                                  ": the edited output does not keep the contract: " + cr.reason);
            pl.output = std::move(cr.output);
        }
        plan.push_back(std::move(pl));
    }

    ReviewProgress progress;
    progress.stage = "reviewing";
    progress.unit = "samples";
    progress.total = static_cast<int64_t>(plan.size());
    auto tick = [&](int64_t n) -> bool {
        progress.done += n;
        return !params.hooks.cancelled() && params.hooks.report(progress);
    };
    std::vector<int64_t> approve;
    std::map<std::string, std::vector<int64_t>> reject;  // reason -> ids
    int64_t edited_now = 0;
    for (const Planned &pl : plan) {
        if (pl.d->decision == Decision::reject) {
            reject[pl.d->reason].push_back(pl.s->id);
            continue;
        }
        approve.push_back(pl.s->id);
        if (pl.d->decision != Decision::edit) continue;
        // Edited first, approved with the others below; a rerun after a kill in between finds the text
        // already changed and only approves it.
        if (pl.output != pl.s->output) {
            if (Status e = project.edit_sample(pl.s->id, pl.s->input, pl.output, params.editor); !e)
                return Error{e.error().kind,
                             params.name + ":" + std::to_string(pl.d->line) + ": " + e.error().message};
        }
        ++edited_now;
        if (!tick(1)) return review_cancelled(progress);
    }
    if (!approve.empty()) {
        auto r = project.review(approve, store::SampleStatus::approved);
        if (!r) return r.error();
        const int64_t approved_now = static_cast<int64_t>(approve.size()) - edited_now;
        report.approved += approved_now;
        report.edited += edited_now;
        if (!tick(approved_now)) return review_cancelled(progress);
    }
    for (const auto &[reason, ids] : reject) {
        auto r = project.review(ids, store::SampleStatus::rejected, reason);
        if (!r) return r.error();
        report.rejected += static_cast<int64_t>(ids.size());
        if (!tick(static_cast<int64_t>(ids.size()))) return review_cancelled(progress);
    }
    auto left = guard([&]() -> Result<int64_t> {
        auto q = project.db().prepare(
            "SELECT count(*) FROM samples WHERE source = 'teacher' AND status = 'pending' AND "
            "json_extract(provenance, '$.run') = ?");
        q.bind(1, run_id);
        return q.step() ? q.col_int(0) : int64_t{0};
    });
    if (!left) return left.error();
    report.pending = *left;
    return report;
}

}  // namespace smolify::synth
