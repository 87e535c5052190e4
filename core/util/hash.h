// splitmix64's finaliser: a cheap, well-mixed 64-bit permutation, the same on every platform. Used for
// feature and shingle hashes (eval/baselines, synth/dedup), stable plans (synth/plan) and the seeded
// generators (train/dataset's Rng). Header only.
#pragma once

#include <cstdint>

namespace smolify {

inline uint64_t mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

}  // namespace smolify
