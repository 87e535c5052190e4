// One teacher reply checked and stored: the step a live generation reply (synth/generate.cpp) and a
// recorded one (synth/replay.cpp) both go through, so that what is accepted, rejected and counted can
// never differ between the two.
//
// store_reply() runs in one transaction: every envelope item that is not {input, output} is recorded
// as `malformed`, every sample is held to the spec's contract (`contract`), to the project's samples and
// the ones accepted before it (`duplicate` / `near_duplicate` with the sample it repeats), optionally to
// the judge's score (`judge`); every reject goes to synth_rejects with its reason; the others are
// inserted as pending samples (source teacher, topic = the slice label or else the teacher's own topic,
// the spec version, the teacher call, provenance {"teacher_model", "call_id", "run", "round",
// "request", "index" (the sample's position in the reply's list), "slice", "spec_version",
// "teacher_topic", "judge"}); the request row is marked done and the run's counters updated.
//
// Internal to core/synth. Thread-safety: one thread, with the Project's connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.h"
#include "synth/dedup.h"
#include "synth/prompts.h"
#include "synth/spec.h"
#include "util/result.h"

namespace smolify::synth {

// The synth_requests row a reply answers.
struct ReplyTarget {
    int64_t run_id = 0;
    int round = 0;
    int idx = 0;
    std::string slice;  // its slice label; empty: the samples keep the teacher's own topic
};

// What every reply of a run is checked against.
struct ReplyContext {
    const Spec *spec = nullptr;
    int64_t spec_version = 0;
    std::string teacher_model;
    DedupIndex *index = nullptr;  // the project's samples; grows with every accepted one
    int judge_min_score = 3;
};

struct ReplyCounts {
    int64_t accepted = 0;
    int64_t rejected = 0;    // malformed, contract, judge
    int64_t duplicates = 0;  // exact and near
};

// `envelope` is parse_envelope(reply_text); an error there is one `malformed` reject holding the text.
// `scores`: the judge's, by envelope sample index, or null. `call_id` 0: no journal row.
Result<ReplyCounts> store_reply(store::Db &db, const ReplyContext &ctx, const ReplyTarget &target,
                                int64_t call_id, double cost_usd, std::string_view reply_text,
                                const Result<Envelope> &envelope, const std::vector<JudgeScore> *scores);

// Loads every sample of the project into `index`; `stop` (may be empty) is asked between rows and
// makes it return a cancelled error.
Status load_dedup_index(store::Db &db, DedupIndex &index, const std::function<bool()> &stop);

// The position of each of `envelope.samples` in the reply's list (items that were malformed are
// left out of `samples`, so sample k is not always item k).
std::vector<std::size_t> envelope_positions(const Envelope &envelope);

}  // namespace smolify::synth
