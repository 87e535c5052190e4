// The contract every long operation in core keeps: training, evaluation, import, generation and
// replay, export (GGUF, safetensors, the Hugging Face folder), the export-type comparison, the
// training benchmark and the example pipeline.
//
//   * Its params struct holds `job::Hooks<P> hooks`: a progress callback and a cancel flag.
//   * Its progress record P derives from job::Progress, so any front end can draw a bar, a count and a
//     time left for any job without knowing which one it is, and read the job's own fields when it does.
//   * It honours cancellation one way: the cancel flag set (from any thread), or the progress callback
//     returning false, stops the job at its next unit of work (a step, a batch, a reply, a tensor, a
//     sample) and the call returns Error{ErrorKind::cancelled} (job::cancelled) whose message says
//     what was kept. What a job had committed by then stays committed: imported rows, a training
//     checkpoint (the run is paused and resumable), journaled teacher replies; a file being written is
//     removed and the earlier one kept.
//
// The callback runs on the job's own thread; front ends throttle and forward it (ui/common/jobrunner.h).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "util/result.h"

namespace smolify::job {

// What every progress record says, whatever the job.
struct Progress {
    std::string stage;         // what the job is doing now, e.g. "training", "student q8_0", "writing"
    int64_t done = 0;          // units of `unit` done (in this stage where the job has stages)
    int64_t total = 0;         // units in all; 0 while unknown
    std::string unit;          // "steps", "samples", "bytes", "calls", "records"
    double elapsed_s = 0;      // since the job (or the run, for a resumed training run) began
    double seconds_left = -1;  // estimate; < 0 while unknown

    // done / total within [0, 1]; < 0 while the total is unknown.
    double fraction() const {
        if (total <= 0) return -1;
        return std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
    }
};

// A file writer's record: stage "writing", unit "bytes".
inline Progress bytes_progress(uint64_t done, uint64_t total) {
    Progress p;
    p.stage = "writing";
    p.unit = "bytes";
    p.done = static_cast<int64_t>(done);
    p.total = static_cast<int64_t>(total);
    return p;
}

template <class P>
struct Hooks {
    // Called on the job's thread after each unit of work; returning false cancels, as the flag does.
    std::function<bool(const P &)> on_progress;
    // May be set from any thread; the job checks it at least once per unit of work.
    const std::atomic<bool> *cancel = nullptr;

    bool cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
    // Reports `p`; false when the job is to stop (the callback said so, or the flag is set).
    bool report(const P &p) const {
        if (on_progress && !on_progress(p)) return false;
        return !cancelled();
    }
};

// The one cancellation outcome. `kept` says what stays, e.g. "120 samples were stored" or "the run is
// paused at step 300; resume it to continue"; empty when nothing was written.
inline Error cancelled(const std::string &kept = {}) {
    return cancelled_error(kept.empty() ? std::string("cancelled") : "cancelled; " + kept);
}

}  // namespace smolify::job
