// The held-out test set: samples the student never trains on, whose teacher outputs are the
// references evaluation scores against.
//
// ensure_test_split() runs before a project's first training run (the trainer calls it). When the
// project has no test samples yet and at least `min_samples` approved train samples, it moves a
// seeded, stratified `fraction` of them to the test split: strata are the samples' topics (the
// diversity slice of generated samples), else, for a classification task, their labels, else one
// stratum; each stratum gives its share by largest remainder, at least one sample in all. Then the
// split is frozen: the project setting `eval.test_split` records it, and later calls change nothing
// (samples approved later go to training; samples imported with `--split test` join the test set).
// A project that already has test samples (imported) is frozen as it is.
//
// Who calls it: core/train/trainer.cpp (train), the eval command, the GUI. Thread-safety: uses the
// given Project from the calling thread only.
#pragma once

#include <cstdint>
#include <string>

#include "store/project.h"
#include "util/result.h"

namespace smolify::eval {

inline constexpr const char *kTestSplitSetting = "eval.test_split";

struct SplitParams {
    double fraction = 0.1;     // of the approved train samples
    int64_t min_samples = 30;  // fewer approved train samples: no split yet (too few to spare)
    uint64_t seed = 1234;
};

struct SplitOutcome {
    bool frozen = false;       // the setting records the split (now or earlier)
    int64_t moved = 0;         // samples moved to the test split by this call
    int64_t test_samples = 0;  // test-split samples now (any status)
    std::string strata;        // "topic", "label", "none" (made here), "imported" or "" (not made)
    std::string note;          // for people: what happened
};

Result<SplitOutcome> ensure_test_split(store::Project &project, const SplitParams &params = {});

}  // namespace smolify::eval
