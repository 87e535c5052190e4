// Generation: from the current task spec to many validated, de-duplicated *pending* samples.
//
// A run plans its target count over the spec's diversity slices (the cartesian product of the axes,
// least-covered slices first), asks the teacher for K samples per request in a strict JSON envelope,
// checks every sample against the output contract, drops exact and near duplicates (dedup.h) against
// the whole project, optionally has a judge call score them, and stores each reply in one transaction:
// the accepted samples (pending, source teacher, with provenance: teacher model, call id, run, round,
// slice, spec version), the rejects with their reason (table synth_rejects), and the request marked done.
// Rounds repeat until the target is reached, a round adds nothing, or max_rounds.
//
// Review-guided: each round reads the project's review state when it is planned (guidance.h): approved
// samples as rotating few-shot examples, reviewers' rejection reasons as "avoid" instructions, edits as
// corrections, and the coverage of each slice.
//
// Crash safety: the requests of a round are stored, prompts included, before any is sent. Rerunning after
// a kill resumes the unfinished run (same spec version and target): requests marked done are skipped,
// the others are sent again with exactly the same content, so a call that completed before the kill is
// answered from the teacher journal (no paid call repeated), and its samples are stored once (content
// hash). What was stored before the kill stays.
//
// Who calls it: smolify-cli generate, the GUI's Data page (worker thread), bench/synth.
// Thread-safety: uses the Project and its own teacher Client from the calling thread only.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/project.h"
#include "teacher/client.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::synth {

// job::Progress: stage "round N", done / total = accepted / target, unit "samples", seconds_left at
// this session's pace.
struct GenerateProgress : job::Progress {
    int64_t run_id = 0;
    int64_t target = 0;
    int64_t accepted = 0;       // stored as pending by this run (all sessions of it)
    int64_t rejected = 0;       // broke the contract, malformed, or judged too weak
    int64_t duplicates = 0;     // exact or near duplicates of a sample already in the project
    int64_t failed_calls = 0;   // teacher calls that failed for good
    int64_t calls_done = 0;     // requests finished in this session
    int64_t calls_planned = 0;  // requests of the current round
    int64_t from_journal = 0;   // answered from the journal (paid for by an earlier session)
    int round = 0;
    double cost_usd = 0;       // spent by this session
    std::string note;          // e.g. "rate limited, retrying in 5 s"
};

struct GenerateParams {
    int64_t count = 100;       // accepted samples wanted by this run
    // "Generate more like these": approved training samples whose kind the run asks for; they are every
    // request's examples (plan.h GuidanceParams::like_ids). A user error when none of them is an
    // approved training sample. Empty: the usual rotating pool of recent approvals.
    std::vector<int64_t> like_samples;
    int samples_per_call = 5;  // K: samples asked for in one request
    int concurrency = 8;       // teacher requests in flight
    std::optional<double> budget_usd;
    bool judge = false;       // a second call scores each sample; below judge_min_score is rejected
    int judge_min_score = 3;  // on 1..5
    bool offline = false;     // only replay the journal
    uint64_t seed = 1;        // slice order
    int few_shot = 3;         // approved examples per request
    int max_rounds = 4;
    double near_duplicate_threshold = 0.7;
    double temperature = 0.9;
    int max_tokens = 4096;
    teacher::ClientParams client;  // timeouts, retries, prices, allowed hosts (concurrency, budget and
                                   // offline above override the ones in here)
    // After every reply and when a round is planned. A cancel keeps every stored reply and journaled
    // call; the run stays open and the next generate continues it (job::cancelled says so).
    job::Hooks<GenerateProgress> hooks;
};

struct GenerateReport {
    GenerateProgress totals;
    int64_t spec_version = 0;
    bool resumed = false;    // continued an interrupted run
    bool completed = false;  // the target was reached
    std::string stopped;  // why the run ended early (budget, auth, no progress, a full disk); empty if not
};

// The run stops early with a report (not an error) when the teacher stops it (budget, a huge
// Retry-After, auth or model errors: `stopped` says what to do), when the store cannot take a reply
// or a journal entry because the disk is full (`stopped` starts "the disk is full"; the run stays
// open and a rerun continues it). Errors: no task spec, no teacher configured, the store failing,
// job::cancelled on cancel.
Result<GenerateReport> generate(store::Project &project, const teacher::Endpoint &endpoint,
                                const GenerateParams &params);

}  // namespace smolify::synth
