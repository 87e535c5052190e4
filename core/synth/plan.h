// Planning a generation round: which diversity slice each request covers, and the review guidance read
// from the project (approved examples, rejection reasons, corrections).
//
// Slices are the cartesian product of the spec's axes. Requests go to the least-covered slices first
// (coverage = the project's non-rejected teacher samples per slice, counted through samples.topic, which
// holds the slice label), ties broken by a seeded hash so that equal slices are visited in a shuffled but
// reproducible order; each planned request counts as K more samples for its slice, so a round spreads
// evenly. With more than kMaxPlannedSlices combinations, a seeded stride through the product picks that
// many.
//
// Who calls it: synth/generate. Thread-safety: the Project's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/project.h"
#include "synth/prompts.h"
#include "synth/spec.h"
#include "util/result.h"

namespace smolify::synth {

inline constexpr std::size_t kMaxPlannedSlices = 20000;

// `coverage(label)` gives the samples a slice has already.
std::vector<Slice> plan_slices(const Spec &spec, std::size_t requests, int samples_per_request, uint64_t seed,
                               const std::function<int64_t(const std::string &label)> &coverage);

struct GuidanceParams {
    std::size_t approved_pool = 60;
    std::size_t max_avoid = 10;
    std::size_t max_format_mistakes = 3;
    std::size_t max_corrections = 3;
    // "More like these": the reviewer's chosen samples, which then make the whole approved pool (the
    // approved training samples among them, in this order). Empty: the most recently approved.
    std::vector<int64_t> like_ids;
};
Result<Guidance> load_guidance(store::Project &project, const GuidanceParams &params = {});

// Non-rejected teacher samples per topic (slice label).
Result<std::unordered_map<std::string, int64_t>> load_coverage(store::Project &project);

}  // namespace smolify::synth
