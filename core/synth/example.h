// An example folder (examples/*/) read, checked, and taken into a project stage by stage: what
// `smolify-cli run` and the GUI's File > Open Example both do. No Qt, no printing; every long stage
// takes a params struct with a progress callback and a cancel flag.
//
// An example folder holds intent.txt (the task in a sentence) and spec.json (the task spec,
// synth/spec.h), and its samples come from one of two sources:
//
//  * recorded (the default, no example.json or {"source": "recorded"}): teacher_session.jsonl (a
//    recorded teacher session, replayed as generation), review.jsonl (the recorded review decisions)
//    and held_out.jsonl (reference pairs for evaluation); see synth/replay.h.
//  * import ({"source": "import"} in example.json): real text the example's own program turns into
//    pairs on this machine. example.json reads
//        {"source": "import",
//         "prepare": ["/usr/bin/python3", "parse_man.py", "--out", "{out}"],
//         "train": "train.jsonl", "held_out": "held_out.jsonl"}
//    "prepare" is an argv (no shell) run with the example folder as its working directory; every
//    "{out}" in it becomes the folder the data goes to (the caller's, e.g. OUT/NAME-data) and every
//    "{example}" the example folder. It must write the two files named by "train" and "held_out"
//    (file names inside {out}, default train.jsonl and held_out.jsonl) as {"input", "output"} JSONL.
//    The training pairs are imported as approved samples: nothing is generated and there is no review.
//
// The data stages, in order (example_stages()):
//   recorded: spec, replay, review, held_out
//   import:   spec, prepare, import, held_out   (review does not apply)
// each a function below; run_example_stages() runs them up to a step for the GUI, `run` calls them
// one by one and records each (app/cli/commands_run.cpp).
//
// Thread-safety: the Project is used from the calling thread only; cancel flags may be set from any
// thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/import.h"
#include "store/project.h"
#include "synth/replay.h"
#include "synth/spec.h"
#include "util/job.h"
#include "util/result.h"

namespace smolify::synth {

enum class ExampleSource { recorded, import };
std::string_view to_string(ExampleSource source);  // "recorded", "import"

struct Example {
    std::filesystem::path dir;  // canonical
    std::string name;           // the folder's name
    std::string intent;
    Spec spec;
    ExampleSource source = ExampleSource::recorded;
    // recorded:
    std::vector<RecordedCall> calls;
    std::vector<RecordedDecision> decisions;
    std::filesystem::path held_out;  // dir/held_out.jsonl
    int64_t held_out_records = 0;
    std::string first_held_out_input;
    // import:
    std::vector<std::string> prepare;  // argv, placeholders not yet replaced
    std::string train_file = "train.jsonl";
    std::string held_out_file = "held_out.jsonl";
};

// True when `dir` looks like an example folder: intent.txt and spec.json, and example.json or
// teacher_session.jsonl. Cheap; read_example() does the checking.
bool is_example_folder(const std::filesystem::path &dir);

// Reads and checks every file of the example before anything is written. User errors name the file
// (and line): a missing or empty file, a bad spec, a bad manifest ("example.json: \"prepare\" must be
// a non-empty list of strings"), bad recorded session, review or held-out lines.
Result<Example> read_example(const std::filesystem::path &dir);

// What a list of examples shows: read without the recorded files (fast). `problem` is set, and the
// rest may be empty, when the folder cannot be used.
struct ExampleEntry {
    std::filesystem::path dir;
    std::string name;
    std::string intent;
    std::string kind;  // the spec's task kind
    ExampleSource source = ExampleSource::recorded;
    std::string problem;
};

// The example folders directly under `root`, by name. A missing root gives an empty list.
std::vector<ExampleEntry> list_examples(const std::filesystem::path &root);

// A file of {"input", "output"} pairs checked line by line.
struct PairsFile {
    int64_t records = 0;
    std::string first_input;
};
// User errors "FILE:LINE: ..." for a line that is not a JSON object with non-empty "input" and
// "output" text; a file without a pair is an error.
Result<PairsFile> check_pairs_file(const std::filesystem::path &file);

// --- the stages -------------------------------------------------------------------------------------

// spec: the example's spec saved as the project's newest version (author "user"); returns it.
Result<int64_t> example_apply_spec(store::Project &project, const Example &example);

// replay (recorded): the recorded session replayed (synth/replay.h); params.name defaults to
// "teacher_session.jsonl".
Result<ReplayReport> example_replay(store::Project &project, const Example &example, ReplayParams params);

// review (recorded): the recorded decisions applied to the replay run `run_id`.
Result<ApplyReviewReport> example_apply_review(store::Project &project, const Example &example,
                                               int64_t run_id, ApplyReviewParams params);

struct PrepareParams {
    std::filesystem::path out_dir;                     // "{out}": created if missing
    std::function<void(const std::string &)> on_line;  // each line the command prints
    const std::atomic<bool> *cancel = nullptr;
    double timeout_s = 0;  // 0: none
};

struct PrepareReport {
    std::vector<std::string> argv;  // as run
    std::filesystem::path out_dir;
    std::filesystem::path train;
    std::filesystem::path held_out;
    int64_t train_records = 0;
    int64_t held_out_records = 0;
    std::string first_held_out_input;
    double seconds = 0;
};

// The prepare command as it runs: "{out}" and "{example}" replaced (out_dir made absolute).
std::vector<std::string> example_prepare_argv(const Example &example, const std::filesystem::path &out_dir);

// prepare (import): runs the example's prepare command (earlier train/held-out files in out_dir are
// removed first, so a command that writes nothing cannot pass with stale files), then checks both
// files. User errors: the command cannot start, exits with a failure or a signal ("... failed with
// exit status 1: LAST LINES OF ITS OUTPUT"), writes no file or a file without pairs, a bad line.
// Cancelled: the command is stopped (cancelled_error).
Result<PrepareReport> example_prepare(const Example &example, const PrepareParams &params);

struct ImportPairsParams {
    store::SampleStatus status = store::SampleStatus::approved;
    store::Split split = store::Split::train;
    job::Hooks<io::ImportProgress> hooks;
};

// import (import) and held_out (both): a pairs file imported (io/import.h); a malformed record is a
// user error naming the file and line; job::cancelled when cancelled. A rerun adds nothing twice.
Result<io::ImportReport> example_import_pairs(store::Project &project, const std::filesystem::path &file,
                                              const ImportPairsParams &params);

// The stage names of an example's data path, in order (see the top of this file).
std::vector<std::string> example_stages(const Example &example);

// --- all data stages at once (the GUI's Open Example) ------------------------------------------------

// How far run_example_stages() goes: fresh = the spec only; generated = + the replay (or, for an
// import example, prepare and import: the samples are approved as imported); reviewed = + the
// recorded review and the held-out pairs.
enum class ExampleStep { fresh, generated, reviewed };

// job::Progress: stage = "spec", "replay", ...; done = the stage's 0-based index among the stages
// that run (the stages finished before it), total = their count, unit "stages".
struct ExampleStagesProgress : job::Progress {
    double stage_fraction = -1;  // within the stage; < 0 while unknown
    std::string text;            // e.g. "call 12/640" or a line the prepare command printed
};

struct ExampleStagesParams {
    ExampleStep step = ExampleStep::reviewed;
    std::filesystem::path data_dir;  // import examples: where prepare writes ("{out}")
    job::Hooks<ExampleStagesProgress> hooks;
};

struct ExampleStagesReport {
    std::vector<std::string> stages;  // the stages that ran
    int64_t spec_version = 0;
    int64_t generated = 0;  // pending samples stored by the replay
    int64_t imported = 0;   // training pairs imported as approved
    int64_t approved = 0;   // approved by the review (edited ones included)
    int64_t edited = 0;
    int64_t rejected = 0;
    int64_t held_out = 0;  // held-out pairs imported as approved test samples
};

// Runs the data stages up to params.step on a project that has none of them yet. Errors as the
// stages'; job::cancelled when cancelled (what was stored stays).
Result<ExampleStagesReport> run_example_stages(store::Project &project, const Example &example,
                                               const ExampleStagesParams &params);

}  // namespace smolify::synth
