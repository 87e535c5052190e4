// One teacher reply checked and stored; see reply.h.
#include "synth/reply.h"

#include <cstdio>
#include <optional>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "store/guard.h"
#include "store/project.h"
#include "synth/contract.h"
#include "util/text.h"

namespace smolify::synth {

using nlohmann::json;
using store::detail::guard;

std::vector<std::size_t> envelope_positions(const Envelope &envelope) {
    std::unordered_set<std::size_t> bad;
    for (const auto &m : envelope.malformed)
        bad.insert(m.index);
    std::vector<std::size_t> out;
    out.reserve(envelope.samples.size());
    for (std::size_t pos = 0; out.size() < envelope.samples.size(); ++pos)
        if (!bad.count(pos)) out.push_back(pos);
    return out;
}

Status load_dedup_index(store::Db &db, DedupIndex &index, const std::function<bool()> &stop) {
    return guard([&]() -> Status {
        auto st = db.prepare("SELECT id, input, output FROM samples");
        while (st.step()) {
            if (stop && stop()) return cancelled_error();
            index.add(st.col_int(0), st.col_text(1), st.col_text(2));
        }
        return {};
    });
}

Result<ReplyCounts> store_reply(store::Db &db, const ReplyContext &ctx, const ReplyTarget &target,
                                int64_t call_id_value, double cost_usd, std::string_view reply_text,
                                const Result<Envelope> &envelope, const std::vector<JudgeScore> *scores) {
    ReplyCounts n;
    const Spec &spec = *ctx.spec;
    DedupIndex &index = *ctx.index;
    const std::optional<int64_t> call_id =
        call_id_value > 0 ? std::optional<int64_t>(call_id_value) : std::nullopt;
    Status st = guard([&]() -> Status {
        store::Transaction tx(db);
        const int64_t now = unix_now();
        auto rej = db.prepare(
            "INSERT INTO synth_rejects (run_id, call_id, kind, reason, input, output, topic, duplicate_of, "
            "spec_version, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        auto reject = [&](std::string_view kind, std::string_view reason, std::string_view input,
                          std::string_view output, std::optional<int64_t> dup_of) {
            rej.reset();
            // Texts over the field limit are kept cut, with the reason saying so; never the whole 16 MiB.
            rej.bind(1, target.run_id)
                .bind(2, call_id)
                .bind(3, kind)
                .bind(4, ellipsize(reason, 1000))
                .bind(5, ellipsize(input, store::kMaxFieldBytes))
                .bind(6, ellipsize(output, store::kMaxFieldBytes))
                .bind_text_or_null(7, target.slice)
                .bind(8, dup_of)
                .bind(9, ctx.spec_version)
                .bind(10, now)
                .exec();
        };
        if (!envelope) {
            reject("malformed", envelope.error().message, "", ellipsize(reply_text, 4000), std::nullopt);
            ++n.rejected;
        } else {
            for (const auto &m : envelope->malformed) {
                reject("malformed", "sample " + std::to_string(m.index) + ": " + m.reason, "", "",
                       std::nullopt);
                ++n.rejected;
            }
            const std::vector<std::size_t> positions = envelope_positions(*envelope);
            auto ins = db.prepare(
                "INSERT INTO samples (input, output, status, split, source, topic, provenance, spec_version, "
                "teacher_call_id, content_hash, created_at, updated_at) "
                "VALUES (?1, ?2, 'pending', 'train', 'teacher', ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
                "ON CONFLICT(content_hash) DO NOTHING");
            for (std::size_t i = 0; i < envelope->samples.size(); ++i) {
                const Candidate &c = envelope->samples[i];
                ContractResult cr = contract_check(spec, c.input, c.output);
                if (!cr.ok) {
                    reject("contract", cr.reason, c.input, c.output, std::nullopt);
                    ++n.rejected;
                    continue;
                }
                const std::string input(trim(c.input));
                DedupKey key = dedup_key(input, cr.output);
                DedupHit hit = index.find(key);
                if (hit.kind != DedupHit::Kind::none) {
                    char why[160];
                    if (hit.kind == DedupHit::Kind::exact)
                        std::snprintf(why, sizeof why, "the same as sample %lld",
                                      static_cast<long long>(hit.other_id));
                    else
                        std::snprintf(why, sizeof why, "nearly the same as sample %lld (similarity %.2f)",
                                      static_cast<long long>(hit.other_id), hit.similarity);
                    reject(hit.kind == DedupHit::Kind::exact ? "duplicate" : "near_duplicate", why, input,
                           cr.output, hit.other_id > 0 ? std::optional<int64_t>(hit.other_id) : std::nullopt);
                    ++n.duplicates;
                    continue;
                }
                json judge;
                if (scores && i < scores->size() && (*scores)[i].score > 0) {
                    const JudgeScore &js = (*scores)[i];
                    judge = {{"score", js.score}};
                    if (!js.reason.empty()) judge["reason"] = js.reason;
                    if (js.score < ctx.judge_min_score) {
                        reject("judge",
                               "the judge scored it " + std::to_string(js.score) + "/5: " + js.reason, input,
                               cr.output, std::nullopt);
                        ++n.rejected;
                        continue;
                    }
                }
                store::NewSample ns;
                ns.input = input;
                ns.output = cr.output;
                ns.source = store::SampleSource::teacher;
                if (Status v = store::validate_new_sample(ns); !v) {
                    reject("contract", v.error().message, input, cr.output, std::nullopt);
                    ++n.rejected;
                    continue;
                }
                json prov = {{"teacher_model", ctx.teacher_model},
                             {"run", target.run_id},
                             {"round", target.round},
                             {"request", target.idx},
                             {"index", positions[i]},
                             {"spec_version", ctx.spec_version}};
                if (call_id) prov["call_id"] = *call_id;
                if (!target.slice.empty()) prov["slice"] = target.slice;
                if (!c.topic.empty()) prov["teacher_topic"] = c.topic;
                if (!judge.is_null()) prov["judge"] = judge;
                const std::string digest = sample_content_digest(input, cr.output);
                ins.reset();
                ins.bind(1, input)
                    .bind(2, cr.output)
                    .bind_text_or_null(
                        3, target.slice.empty() ? std::string_view(c.topic) : std::string_view(target.slice))
                    .bind(4, prov.dump(-1, ' ', false, json::error_handler_t::replace))
                    .bind(5, ctx.spec_version)
                    .bind(6, call_id)
                    .bind_blob(7, digest)
                    .bind(8, now)
                    .exec();
                if (db.changes() == 0) {
                    // Byte-identical to a sample written since the index was loaded (another program).
                    reject("duplicate", "the same as a sample already in the project", input, cr.output,
                           std::nullopt);
                    ++n.duplicates;
                    continue;
                }
                // Indexed at once, so that a near duplicate later in the same reply is caught. Should the
                // transaction fail, the run stops (a store error), and the index dies with it.
                index.add(db.last_insert_id(), key);
                ++n.accepted;
            }
        }
        db.prepare(
              "UPDATE synth_requests SET status = 'done', call_id = ?, accepted = ?, rejected = ?, "
              "duplicates = ?, "
              "error = NULL WHERE run_id = ? AND round = ? AND idx = ?")
            .bind(1, call_id)
            .bind(2, n.accepted)
            .bind(3, n.rejected)
            .bind(4, n.duplicates)
            .bind(5, target.run_id)
            .bind(6, target.round)
            .bind(7, target.idx)
            .exec();
        db.prepare(
              "UPDATE synth_runs SET accepted = accepted + ?, rejected = rejected + ?, duplicates = "
              "duplicates + ?, "
              "cost_usd = cost_usd + ? WHERE id = ?")
            .bind(1, n.accepted)
            .bind(2, n.rejected)
            .bind(3, n.duplicates)
            .bind(4, cost_usd)
            .bind(5, target.run_id)
            .exec();
        tx.commit();
        return {};
    });
    if (!st) return st.error();
    return n;
}

}  // namespace smolify::synth
