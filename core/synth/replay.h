// Replaying a recorded teacher session and its recorded review into a project: the path an example
// (examples/*/) takes through synthesis and review without a teacher, a key or a network.
//
// A recorded session is JSONL, one teacher call a line, in call order: {"call": N, "content": REPLY}
// with N from 1 and REPLY the assistant's text as a live teacher sends it (the generate envelope
// {"samples": [{"input", "output", "topic"}]}, possibly in a code fence or after prose; an envelope
// written as a JSON object instead of a string is taken as its text).
//
// replay_session() opens (or resumes) a generation run (synth_runs, params {"replay": NAME}) with one
// request per recorded call (round 0, idx = N), and hands every call to the same per-reply step a live
// reply takes (synth/reply.h: the envelope read by parse_envelope, each sample held to the contract,
// de-duplicated against the project, stored pending with its spec version and topic, every reject
// recorded). Each call is journaled first (teacher/journal.h) with endpoint "recorded:NAME", purpose
// "generate" and cost 0, exactly as a live call is journaled before its reply is stored; its samples,
// the request marked done and the run's counters go in one transaction. So a rerun after a crash or a
// kill skips the calls already stored and stores nothing twice.
//
// A recorded review is JSONL too, one line per reviewed sample: {"call": N, "index": I, "decision":
// "approve" | "edit" | "reject", "output": the corrected output (edit), "reason": why (reject)}, I being
// the sample's 0-based position in call N's list. apply_review() finds each sample through its
// provenance (run, request, index), checks every edit against the contract before changing anything,
// then applies the decisions with the store's review API (Project::edit_sample keeps the teacher's text
// as revision 1; an edited sample is approved; rejections carry their reason). Samples already
// reviewed are left as they are, so a rerun changes nothing.
//
// Who calls it: smolify-cli run (app/cli/commands_run.cpp), tests/synth.
// Thread-safety: uses the Project from the calling thread only; the cancel flag may be set from any
// thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::synth {

struct RecordedCall {
    int64_t line = 0;  // 1-based line in the file
    int64_t call = 0;  // N
    std::string content;
};

// Reads and checks a recorded session. User errors name the file and line ("FILE:12: ...") and say
// what is wrong: not JSON, not an object, "call" missing or not a whole number from 1, a call number
// repeated or out of order, "content" missing. An empty file is an error.
Result<std::vector<RecordedCall>> read_recorded_session(const std::filesystem::path &file);

// job::Progress: stage "replaying", done / total = calls_done / calls_total, unit "calls".
struct ReplayProgress : job::Progress {
    int64_t run_id = 0;
    int64_t calls_total = 0;    // recorded calls
    int64_t calls_done = 0;     // stored, over all sessions of the run
    int64_t calls_skipped = 0;  // stored by an earlier session: not replayed again
    int64_t from_journal = 0;   // journaled by an earlier session that stopped before storing them
    int64_t accepted = 0;       // pending samples stored by the run (all sessions)
    int64_t rejected = 0;       // malformed or breaking the contract
    int64_t duplicates = 0;     // exact and near duplicates
};

struct ReplayParams {
    // The session's name in the journal ("recorded:NAME") and in the run; default: the file's name.
    std::string name;
    std::string teacher_model = "recorded";  // the provenance's teacher_model
    double near_duplicate_threshold = 0.7;
    // After every call. A cancel keeps every call stored by then (job::cancelled); the same replay
    // continues the run.
    job::Hooks<ReplayProgress> hooks;
};

struct ReplayReport {
    ReplayProgress totals;
    int64_t spec_version = 0;
    bool resumed = false;    // an earlier session of the run had stored calls
    bool completed = false;  // every call is stored
};

// Errors: no task spec, a bad file (as read_recorded_session), the store failing.
Result<ReplayReport> replay_session(store::Project &project, const std::filesystem::path &file,
                                    const ReplayParams &params);
// The same over calls already read (`name` must then be set).
Result<ReplayReport> replay_session(store::Project &project, const std::vector<RecordedCall> &calls,
                                    const ReplayParams &params);

enum class Decision { approve, edit, reject };

struct RecordedDecision {
    int64_t line = 0;
    int64_t call = 0;
    int64_t index = 0;
    Decision decision = Decision::approve;
    std::string output;  // edit: the corrected output
    std::string reason;  // reject
};

// Reads and checks a recorded review; user errors name the file and line: not JSON, "call" or
// "index" missing or not whole numbers, an unknown decision, an edit without "output", a reject
// without "reason", the same sample decided twice.
Result<std::vector<RecordedDecision>> read_recorded_review(const std::filesystem::path &file);

// job::Progress: stage "reviewing", done / total = decisions applied, unit "samples".
struct ReviewProgress : job::Progress {};

struct ApplyReviewParams {
    std::string name = "review";    // file name for messages ("review.jsonl:12: ...")
    std::string editor = "review";  // the author of edit revisions
    job::Hooks<ReviewProgress> hooks;  // a cancel keeps the decisions applied by then
};

// The decided samples as they stand afterwards, those reviewed by an earlier session included.
struct ApplyReviewReport {
    int64_t approved = 0;  // approved as the teacher wrote them
    int64_t edited = 0;    // corrected, then approved
    int64_t rejected = 0;
    int64_t already = 0;    // of those, reviewed before this call: left as they were
    int64_t unmatched = 0;  // no stored sample at (call, index): rejected before review, or not replayed
    int64_t pending = 0;    // the run's samples still pending afterwards (no decision recorded)
    std::vector<std::string> notes;  // the first few unmatched decisions, "FILE:LINE: ..."
};

// Applies `decisions` to the samples of replay run `run_id` (ReplayReport::totals.run_id). User
// errors, before anything is changed: no task spec, an edit that breaks the contract ("FILE:LINE: the
// edited output does not keep the contract: ..."). Cancelled: what was applied stays (a rerun
// continues).
Result<ApplyReviewReport> apply_review(store::Project &project, int64_t run_id,
                                       const std::vector<RecordedDecision> &decisions,
                                       const ApplyReviewParams &params);

}  // namespace smolify::synth
