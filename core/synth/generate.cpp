// Generation runs: planning, sending, checking, storing, resuming; see generate.h for the contract.
//
// Shape: a Generator opens (or resumes) a row of synth_runs, loads every sample of the project into a
// DedupIndex, and then repeats rounds. A round is planned once (its requests, prompts included, stored in
// synth_requests in one transaction) and executed in chunks through Client::chat_many; each reply is
// stored in one transaction of its own (samples, rejects, request status, run counters), so a kill loses
// at most the replies in flight, which the teacher journal then answers on the rerun.
#include "synth/generate.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "store/guard.h"
#include "store/sqlite.h"
#include "synth/contract.h"
#include "synth/dedup.h"
#include "synth/plan.h"
#include "synth/prompts.h"
#include "synth/reply.h"
#include "synth/spec.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

using nlohmann::json;
using store::detail::guard;

struct Request {
    int round = 0;
    int idx = 0;
    std::string slice;  // label
    int wanted = 0;
    std::string prompt;
};

struct Judged {
    std::size_t request = 0;  // index into the chunk
    teacher::ChatReply reply;
    Envelope envelope;
    std::vector<std::size_t> asked;  // envelope indices sent to the judge
};

class Generator {
public:
    Generator(store::Project &project, const teacher::Endpoint &endpoint, const GenerateParams &params)
        : m_project(project), m_db(project.db()), m_endpoint(endpoint), m_params(params) {}

    Result<GenerateReport> run();

private:
    Status open_run();
    Status load_index();
    Result<int> plan_round(int round);
    Status execute_round(int round);
    Status store_reply(const Request &req, const teacher::ChatReply &reply, const Result<Envelope> &envelope,
                       const std::vector<JudgeScore> *scores);
    Status mark_failed(const Request &req, const std::string &error);
    teacher::ChatRequest chat_request(const Request &req) const;
    void report_progress();
    bool stopping() const;
    // The one cancellation outcome (util/job.h): what this run has stored stays; it stays open.
    Error cancelled() const {
        return job::cancelled(std::to_string(m_p.accepted) + " of " + std::to_string(m_p.target) +
                              " samples of this run are stored; generate again to continue it");
    }

    store::Project &m_project;
    store::Db &m_db;
    teacher::Endpoint m_endpoint;
    GenerateParams m_params;
    std::unique_ptr<teacher::Client> m_client;
    Spec m_spec;
    std::string m_system;
    DedupIndex m_index{0.7};
    GenerateReport m_report;
    GenerateProgress &m_p = m_report.totals;
    std::atomic<bool> m_stop{false};
    std::string m_note;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    int64_t m_session_accepted = 0;
    int64_t m_round_accepted = 0;
    int64_t m_round_replies = 0;  // calls of the current round that came back with a reply
    std::string m_last_failure;   // the latest failed call's error, for the stop message
};

bool Generator::stopping() const {
    return m_stop.load() || m_params.hooks.cancelled();
}

void Generator::report_progress() {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    if (m_session_accepted > 0 && elapsed > 0) {
        double rate = static_cast<double>(m_session_accepted) / elapsed;
        m_p.seconds_left = static_cast<double>(std::max<int64_t>(0, m_p.target - m_p.accepted)) / rate;
    }
    if (m_client) m_p.cost_usd = m_client->spent_usd();
    m_p.note = m_note;
    m_p.stage = "round " + std::to_string(m_p.round + 1);
    m_p.unit = "samples";
    m_p.done = m_p.accepted;
    m_p.total = m_p.target;
    m_p.elapsed_s = elapsed;
    if (!m_params.hooks.report(m_p)) m_stop = true;
}

Status Generator::open_run() {
    return guard([&]() -> Status {
        auto st = m_db.prepare(
            "SELECT id, spec_version, target, accepted, rejected, duplicates, failed_calls, "
            "coalesce(json_extract(params, '$.like_samples'), '[]') FROM synth_runs "
            "WHERE status = 'running' AND json_extract(params, '$.replay') IS NULL ORDER BY id DESC LIMIT 1");
        if (st.step()) {
            const int64_t id = st.col_int(0);
            // The same run: the same spec version, target and steering samples ("more like these").
            const json like = json::parse(st.col_text(7), nullptr, false);
            const bool same_like = like.is_array() && like == json(m_params.like_samples);
            if (st.col_opt_int(1) == m_report.spec_version && st.col_int(2) == m_params.count && same_like) {
                m_p.run_id = id;
                m_p.accepted = st.col_int(3);
                m_p.rejected = st.col_int(4);
                m_p.duplicates = st.col_int(5);
                m_p.failed_calls = st.col_int(6);
                m_report.resumed = true;
                return {};
            }
            m_db.prepare(
                    "UPDATE synth_runs SET status = 'stopped', message = 'left unfinished; a new run with "
                    "other "
                    "settings was started', finished_at = ? WHERE id = ?")
                .bind(1, unix_now())
                .bind(2, id)
                .exec();
        }
        json params = {{"count", m_params.count},
                       {"like_samples", m_params.like_samples},
                       {"samples_per_call", m_params.samples_per_call},
                       {"judge", m_params.judge},
                       {"seed", m_params.seed},
                       {"model", m_endpoint.model}};
        m_db.prepare(
                "INSERT INTO synth_runs (spec_version, target, params, status, created_at) VALUES (?, ?, ?, "
                "'running', ?)")
            .bind(1, m_report.spec_version)
            .bind(2, m_params.count)
            .bind(3, params.dump())
            .bind(4, unix_now())
            .exec();
        m_p.run_id = m_db.last_insert_id();
        return {};
    });
}

Status Generator::load_index() {
    return load_dedup_index(m_db, m_index, [this] { return stopping(); });
}

Result<int> Generator::plan_round(int round) {
    const int k = m_params.samples_per_call;
    const int64_t deficit = m_p.target - m_p.accepted;
    // Later rounds ask for more than the deficit in the proportion earlier rounds lost to rejects and
    // duplicates (at most 3x), so that a round usually finishes the job.
    double keep = 1.0;
    if (round > 0) {
        auto asked = guard([&]() -> Result<int64_t> {
            auto st = m_db.prepare(
                "SELECT coalesce(sum(wanted), 0) FROM synth_requests WHERE run_id = ? AND status = 'done'");
            st.bind(1, m_p.run_id);
            return st.step() ? st.col_int(0) : int64_t{0};
        });
        if (!asked) return asked.error();
        if (*asked > 0)
            keep = std::clamp(static_cast<double>(m_p.accepted) / static_cast<double>(*asked), 1.0 / 3, 1.0);
    }
    const auto requests =
        static_cast<std::size_t>(std::min<double>(std::ceil(static_cast<double>(deficit) / (k * keep)), 1e6));
    auto coverage = load_coverage(m_project);
    if (!coverage) return coverage.error();
    GuidanceParams gp;
    gp.like_ids = m_params.like_samples;
    auto guidance = load_guidance(m_project, gp);
    if (!guidance) return guidance.error();

    std::vector<Slice> slices =
        plan_slices(m_spec, requests, k, m_params.seed + static_cast<uint64_t>(round) * 7919,
                    [&](const std::string &label) {
                        auto it = coverage->find(label);
                        return it == coverage->end() ? int64_t{0} : it->second;
                    });
    Status st = guard([&]() -> Status {
        store::Transaction tx(m_db);
        auto ins = m_db.prepare(
            "INSERT INTO synth_requests (run_id, round, idx, slice, wanted, prompt) VALUES (?, ?, ?, ?, ?, "
            "?)");
        for (std::size_t i = 0; i < slices.size(); ++i) {
            RequestPromptParams pp;
            pp.run_id = m_p.run_id;
            pp.round = round;
            pp.index = static_cast<int>(i);
            pp.wanted = k;
            pp.few_shot = m_params.few_shot;
            ins.reset();
            ins.bind(1, m_p.run_id)
                .bind(2, round)
                .bind(3, static_cast<int64_t>(i))
                .bind(4, slice_label(slices[i]))
                .bind(5, k)
                .bind(6, prompt_request(m_spec, slices[i], *guidance, pp))
                .exec();
        }
        tx.commit();
        return {};
    });
    if (!st) return st.error();
    return static_cast<int>(slices.size());
}

teacher::ChatRequest Generator::chat_request(const Request &req) const {
    teacher::ChatRequest r;
    r.messages = {{"system", m_system}, {"user", req.prompt}};
    r.temperature = m_params.temperature;
    r.max_tokens = m_params.max_tokens;
    r.json_schema = envelope_schema();
    r.json_mode = true;
    r.purpose = "generate";
    return r;
}

Status Generator::mark_failed(const Request &req, const std::string &error) {
    return guard([&]() -> Status {
        store::Transaction tx(m_db);
        m_db.prepare(
                "UPDATE synth_requests SET status = 'failed', error = ? WHERE run_id = ? AND round = ? AND "
                "idx = ?")
            .bind(1, ellipsize(error, 500))
            .bind(2, m_p.run_id)
            .bind(3, req.round)
            .bind(4, req.idx)
            .exec();
        m_db.prepare("UPDATE synth_runs SET failed_calls = failed_calls + 1 WHERE id = ?")
            .bind(1, m_p.run_id)
            .exec();
        tx.commit();
        ++m_p.failed_calls;
        m_last_failure = error;
        return {};
    });
}

Status Generator::store_reply(const Request &req, const teacher::ChatReply &reply,
                              const Result<Envelope> &envelope, const std::vector<JudgeScore> *scores) {
    ReplyContext ctx;
    ctx.spec = &m_spec;
    ctx.spec_version = m_report.spec_version;
    ctx.teacher_model = m_endpoint.model;
    ctx.index = &m_index;
    ctx.judge_min_score = m_params.judge_min_score;
    auto n = synth::store_reply(m_db, ctx, {m_p.run_id, req.round, req.idx, req.slice}, reply.call_id,
                                reply.cost_usd, reply.text, envelope, scores);
    if (!n) return n.error();
    m_p.accepted += n->accepted;
    m_p.rejected += n->rejected;
    m_p.duplicates += n->duplicates;
    m_session_accepted += n->accepted;
    m_round_accepted += n->accepted;
    ++m_round_replies;
    ++m_p.calls_done;
    if (reply.from_journal) ++m_p.from_journal;
    return {};
}

Status Generator::execute_round(int round) {
    auto pending = guard([&]() -> Result<std::vector<Request>> {
        std::vector<Request> out;
        auto st = m_db.prepare(
            "SELECT idx, slice, wanted, prompt FROM synth_requests WHERE run_id = ? AND round = ? AND status "
            "= 'pending' "
            "ORDER BY idx");
        st.bind(1, m_p.run_id).bind(2, round);
        while (st.step())
            out.push_back({round, static_cast<int>(st.col_int(0)), st.col_text(1),
                           static_cast<int>(st.col_int(2)), st.col_text(3)});
        return out;
    });
    if (!pending) return pending.error();
    m_p.round = round;
    m_p.calls_planned = static_cast<int64_t>(pending->size());
    report_progress();
    const std::size_t chunk = static_cast<std::size_t>(std::max(16, m_params.concurrency * 4));
    for (std::size_t begin = 0; begin < pending->size(); begin += chunk) {
        if (stopping()) return cancelled_error();
        const std::size_t end = std::min(pending->size(), begin + chunk);
        std::vector<teacher::ChatRequest> requests;
        for (std::size_t i = begin; i < end; ++i)
            requests.push_back(chat_request((*pending)[i]));
        std::vector<std::pair<std::size_t, std::string>> failures;
        std::vector<Judged> to_judge;
        Status store_error;
        auto on_done = [&](std::size_t i, Result<teacher::ChatReply> reply) {
            const Request &req = (*pending)[begin + i];
            if (!reply) {
                failures.emplace_back(i, reply.error().message);
                return;
            }
            Result<Envelope> env = parse_envelope(reply->text);
            if (m_params.judge && env) {
                Judged j{i, std::move(*reply), std::move(*env), {}};
                to_judge.push_back(std::move(j));
                return;
            }
            if (!store_error) return;
            Status s = store_reply(req, *reply, env, nullptr);
            if (!s) {
                store_error = s;
                m_stop = true;  // a failing store (disk full): stop sending, keep what is stored
            }
            report_progress();
        };
        auto on_client = [&](const teacher::ClientProgress &cp) {
            m_note = cp.note;
            if (m_params.hooks.cancelled()) m_stop = true;
        };
        Status st = m_client->chat_many(requests, on_done, on_client, &m_stop);
        if (!store_error) return store_error;
        if (!st) {
            if (st.error().kind == ErrorKind::cancelled || stopping()) return cancelled_error();
            // The teacher stopped the run (budget, auth, a huge Retry-After): the requests it did not
            // finish stay pending, so a rerun picks them up.
            return st;
        }
        for (const auto &[i, error] : failures) {
            Status s = mark_failed((*pending)[begin + i], error);
            if (!s) return s;
        }
        if (!to_judge.empty()) {
            std::vector<teacher::ChatRequest> judge_requests;
            for (Judged &j : to_judge) {
                // Only what would be stored is worth a judge's call.
                std::vector<Candidate> cands;
                for (std::size_t e = 0; e < j.envelope.samples.size(); ++e) {
                    const Candidate &c = j.envelope.samples[e];
                    ContractResult cr = contract_check(m_spec, c.input, c.output);
                    if (!cr.ok || m_index.find(trim(c.input), cr.output).kind != DedupHit::Kind::none)
                        continue;
                    j.asked.push_back(e);
                    cands.push_back({std::string(trim(c.input)), cr.output, c.topic});
                }
                teacher::ChatRequest r;
                r.messages = {
                    {"system", "You are a strict, fair reviewer of training data. Reply with JSON only."},
                    {"user", prompt_judge(m_spec, cands)}};
                r.temperature = 0;
                r.max_tokens = 2048;
                r.json_schema = judge_schema();
                r.json_mode = true;
                r.purpose = "judge";
                judge_requests.push_back(std::move(r));
            }
            std::vector<std::optional<std::vector<JudgeScore>>> verdicts(to_judge.size());
            auto on_judged = [&](std::size_t i, Result<teacher::ChatReply> reply) {
                if (!reply)
                    return;  // no verdict: the samples are stored unjudged, a reviewer sees them anyway
                auto scores = parse_judge(reply->text, to_judge[i].asked.size());
                if (!scores) return;
                std::vector<JudgeScore> by_sample(to_judge[i].envelope.samples.size());
                for (std::size_t k = 0; k < to_judge[i].asked.size(); ++k)
                    by_sample[to_judge[i].asked[k]] = (*scores)[k];
                verdicts[i] = std::move(by_sample);
            };
            Status js = m_client->chat_many(judge_requests, on_judged, on_client, &m_stop);
            if (!js) {
                if (js.error().kind == ErrorKind::cancelled || stopping()) return cancelled_error();
                return js;
            }
            for (std::size_t i = 0; i < to_judge.size(); ++i) {
                const Judged &j = to_judge[i];
                Status s = store_reply((*pending)[begin + j.request], j.reply, Result<Envelope>(j.envelope),
                                       verdicts[i] ? &*verdicts[i] : nullptr);
                if (!s) return s;
                report_progress();
            }
        }
    }
    return {};
}

Result<GenerateReport> Generator::run() {
    if (m_params.count <= 0) return user_error("the number of samples to generate must be at least 1");
    if (m_params.samples_per_call < 1 || m_params.samples_per_call > 50)
        return user_error("samples per call must be between 1 and 50");
    if (m_endpoint.base_url.empty() || m_endpoint.model.empty())
        return user_error(
            "no teacher is set for this project: give it one with init --teacher URL --model NAME");
    auto row = m_project.current_spec();
    if (!row) return row.error();
    if (!*row)
        return user_error(
            "the project has no task spec yet: draft one with `smolify-cli spec PROJECT --draft`");
    auto spec = spec_from_store(**row);
    if (!spec) return spec.error();
    m_spec = std::move(*spec);
    m_report.spec_version = (*row)->version;
    m_system = prompt_system(m_spec);
    m_index = DedupIndex(m_params.near_duplicate_threshold);
    m_p.target = m_params.count;

    teacher::ClientParams cp = m_params.client;
    cp.concurrency = m_params.concurrency;
    cp.budget_usd = m_params.budget_usd;
    cp.offline = m_params.offline;
    m_client = std::make_unique<teacher::Client>(m_endpoint, cp, &m_project);

    if (!m_params.like_samples.empty()) {  // checked before a run is opened for it
        GuidanceParams gp;
        gp.like_ids = m_params.like_samples;
        auto g = load_guidance(m_project, gp);
        if (!g) return g.error();
        if (!g->steered)
            return user_error("none of the samples to generate more like is an approved training sample; "
                              "approve them first, or choose others");
    }
    if (Status s = open_run(); !s) return s.error();
    if (Status s = load_index(); !s) {
        if (s.error().kind == ErrorKind::cancelled) return cancelled();
        return s.error();
    }
    auto last_round = guard([&]() -> Result<int> {
        auto st = m_db.prepare("SELECT coalesce(max(round), -1) FROM synth_requests WHERE run_id = ?");
        st.bind(1, m_p.run_id);
        return st.step() ? static_cast<int>(st.col_int(0)) : -1;
    });
    if (!last_round) return last_round.error();
    int round = *last_round;
    auto finish = [&](std::string_view status, const std::string &message) -> Status {
        return guard([&]() -> Status {
            m_db.prepare("UPDATE synth_runs SET status = ?, message = ?, finished_at = ? WHERE id = ?")
                .bind(1, status)
                .bind_text_or_null(2, message)
                .bind(3, unix_now())
                .bind(4, m_p.run_id)
                .exec();
            return {};
        });
    };
    bool executed_this_round = false;
    // A round resumed after a kill may add nothing in this session (its replies were stored before).
    bool resumed_round = m_report.resumed;
    while (true) {
        if (round >= 0 && !executed_this_round) {
            m_round_accepted = 0;
            m_round_replies = 0;
            Status s = execute_round(round);
            executed_this_round = true;
            if (!s) {
                if (s.error().kind == ErrorKind::cancelled) return cancelled();
                if (s.error().kind == ErrorKind::user) {  // the teacher stopped the run; it stays resumable
                    m_report.stopped = s.error().message;
                    if (s.error().disk_full) {  // the store could not take a reply: the same, in other words
                        std::string what = s.error().message;
                        const std::string generic = "; free some space and try again";  // store/guard.h
                        if (what.ends_with(generic)) what.resize(what.size() - generic.size());
                        m_report.stopped =
                            (what.starts_with("the disk is full") ? "" : "the disk is full: ") + what +
                            "; generation is paused with " + std::to_string(m_p.accepted) + " of " +
                            std::to_string(m_p.target) +
                            " samples stored; free some space and run generate again: it continues this run "
                            "and asks for no reply already stored";
                    }
                    break;
                }
                return s.error();
            }
            continue;
        }
        if (m_p.accepted >= m_p.target) {
            m_report.completed = true;
            if (Status s = finish("completed", ""); !s) return s.error();
            break;
        }
        if (round >= 0 && m_round_accepted == 0 && !resumed_round && m_round_replies == 0 &&
            !m_last_failure.empty()) {
            // Not one reply: the teacher (or, offline, the journal) answered nothing. Say why.
            m_report.stopped = "round " + std::to_string(round + 1) + " got no reply from the teacher (" +
                               std::to_string(m_p.accepted) + " of " + std::to_string(m_p.target) +
                               " samples); the last call failed with: " + m_last_failure;
            if (Status s = finish("stopped", m_report.stopped); !s) return s.error();
            break;
        }
        if (round >= 0 && m_round_accepted == 0 && !resumed_round) {
            m_report.stopped =
                "round " + std::to_string(round + 1) + " added no new sample (" +
                std::to_string(m_p.accepted) + " of " + std::to_string(m_p.target) +
                "): the teacher repeats itself or breaks the contract; see the rejects, edit the spec "
                "and run again";
            if (Status s = finish("stopped", m_report.stopped); !s) return s.error();
            break;
        }
        resumed_round = false;  // the resumed round is done; later rounds judge their own progress
        if (round + 1 >= m_params.max_rounds) {
            m_report.stopped = "stopped after " + std::to_string(m_params.max_rounds) + " rounds with " +
                               std::to_string(m_p.accepted) + " of " + std::to_string(m_p.target) +
                               " samples: many were rejected or duplicates; see the rejects and run again";
            if (Status s = finish("stopped", m_report.stopped); !s) return s.error();
            break;
        }
        ++round;
        auto planned = plan_round(round);
        if (!planned) return planned.error();
        executed_this_round = false;
    }
    m_p.cost_usd = m_client->spent_usd();
    return m_report;
}

}  // namespace

Result<GenerateReport> generate(store::Project &project, const teacher::Endpoint &endpoint,
                                const GenerateParams &params) {
    Generator g(project, endpoint, params);
    return g.run();
}

}  // namespace smolify::synth
