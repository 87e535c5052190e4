// Duplicate detection for generated samples: exact duplicates after normalisation, and near duplicates
// by MinHash over word shingles with LSH banding.
//
// Normalisation: ASCII letters lower-cased, every run of characters that are not letters or digits
// (ASCII punctuation and white space) becomes one space; other UTF-8 bytes are kept as they are. So
// "Printer  broken!" and "printer broken" are exact duplicates.
//
// Near duplicates: the normalised input and output are cut into overlapping 3-word shingles; a 64-value
// MinHash signature estimates the Jaccard similarity of two samples' shingle sets. Signatures are split
// into 16 bands of 4 values; two samples whose signatures agree on a whole band become candidates (for a
// true similarity of 0.7 that happens with probability 1 - (1 - 0.7^4)^16 ~ 0.9996), and a candidate
// counts as a near duplicate when its estimated similarity reaches the threshold (0.7 by default). The
// index keeps 64 x 4 bytes of signature and 16 hash-table slots per sample: about 20 MB for 100,000.
// Texts with fewer than three words are compared exactly only (a shingle set of one is not evidence).
//
// Who calls it: synth/generate (one index per run, loaded with the project's samples), the benchmark.
// Thread-safety: an index is used by one thread at a time; the free functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace smolify::synth {

inline constexpr int kMinHashSize = 64;
inline constexpr int kMinHashBands = 16;
inline constexpr int kMinHashRows = kMinHashSize / kMinHashBands;

using MinHashSignature = std::array<uint32_t, kMinHashSize>;

std::string dedup_normalize(std::string_view text);

// 64-bit hash of the normalised input and output: equal for exact duplicates.
uint64_t dedup_exact_key(std::string_view input, std::string_view output);

// The MinHash signature of a sample's normalised text; nullopt when it has fewer than 3 words.
std::optional<MinHashSignature> minhash_signature(std::string_view input, std::string_view output);

// Estimated Jaccard similarity: the share of equal signature values.
double minhash_similarity(const MinHashSignature &a, const MinHashSignature &b);

struct DedupHit {
    enum class Kind { none, exact, near } kind = Kind::none;
    int64_t other_id = 0;   // the id given to add() for the sample this one duplicates
    double similarity = 0;  // estimated, for near duplicates
};

// What the index needs of one sample, computed once (the expensive part: about 64 hashes a word).
struct DedupKey {
    uint64_t exact = 0;
    std::optional<MinHashSignature> sig;
};
DedupKey dedup_key(std::string_view input, std::string_view output);

class DedupIndex {
public:
    explicit DedupIndex(double threshold = 0.7);

    DedupHit find(const DedupKey &key) const;
    void add(int64_t id, const DedupKey &key);

    // Checks a sample against the index without adding it.
    DedupHit find(std::string_view input, std::string_view output) const;
    // Adds a sample under `id` (the store's sample id, or any caller-chosen number).
    void add(int64_t id, std::string_view input, std::string_view output);
    // find() then, when not a duplicate, add(); returns what find() said.
    DedupHit check_and_add(int64_t id, std::string_view input, std::string_view output);

    std::size_t size() const { return m_count; }

private:
    double m_threshold;
    std::size_t m_count = 0;
    std::unordered_map<uint64_t, int64_t> m_exact;        // exact key -> id
    std::vector<int64_t> m_ids;                           // slot -> id
    std::vector<MinHashSignature> m_sigs;                 // slot -> signature (for near checks)
    std::unordered_multimap<uint64_t, uint32_t> m_bands;  // band key -> slot in m_sigs
};

}  // namespace smolify::synth
