// Exact and near-duplicate detection; see dedup.h for the method and its numbers.
#include "synth/dedup.h"

#include <algorithm>
#include <limits>

#include "util/hash.h"

namespace smolify::synth {

namespace {

// FNV-1a over bytes, then mixed: the base hash of a word or a text.
inline uint64_t hash_bytes(std::string_view s, uint64_t seed = 0) {
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

// Per-permutation seeds for the MinHash functions h_i(x) = mix64(x ^ seed_i), fixed so that
// signatures are comparable between runs and machines.
struct Seeds {
    std::array<uint64_t, kMinHashSize> v{};
    Seeds() {
        uint64_t s = 0x5deece66dULL;
        for (auto &x : v) {
            s += 0x9e3779b97f4a7c15ULL;
            x = mix64(s);
        }
    }
};
const Seeds kSeeds;

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Appends the normalised words of `text` as hashes.
void word_hashes(std::string_view text, std::vector<uint64_t> &out) {
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
        if (is_word_byte(c)) {
            word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
        } else if (!word.empty()) {
            out.push_back(hash_bytes(word));
            word.clear();
        }
    }
}

}  // namespace

std::string dedup_normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (unsigned char c : text) {
        if (is_word_byte(c)) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
        } else {
            space = true;
        }
    }
    return out;
}

uint64_t dedup_exact_key(std::string_view input, std::string_view output) {
    return mix64(hash_bytes(dedup_normalize(input), 1) ^ (hash_bytes(dedup_normalize(output), 2) * 31));
}

std::optional<MinHashSignature> minhash_signature(std::string_view input, std::string_view output) {
    // Words of input and output in one sequence, with a marker between them so that a shingle
    // spanning the two differs from one inside either.
    thread_local std::vector<uint64_t> words;
    words.clear();
    word_hashes(input, words);
    words.push_back(0x7c7c7c7c7c7c7c7cULL);
    word_hashes(output, words);
    if (words.size() < 4) return std::nullopt;  // under 3 real words
    MinHashSignature sig;
    std::array<uint64_t, kMinHashSize> mins;
    mins.fill(std::numeric_limits<uint64_t>::max());
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        const uint64_t shingle = mix64(words[i] ^ mix64(words[i + 1] ^ mix64(words[i + 2])));
        for (int k = 0; k < kMinHashSize; ++k)
            mins[k] = std::min(mins[k], mix64(shingle ^ kSeeds.v[k]));
    }
    for (int k = 0; k < kMinHashSize; ++k)
        sig[k] = static_cast<uint32_t>(mins[k] >> 32);
    return sig;
}

double minhash_similarity(const MinHashSignature &a, const MinHashSignature &b) {
    int same = 0;
    for (int k = 0; k < kMinHashSize; ++k)
        same += a[k] == b[k];
    return static_cast<double>(same) / kMinHashSize;
}

namespace {

uint64_t band_key(const MinHashSignature &sig, int band) {
    uint64_t h = mix64(static_cast<uint64_t>(band) + 1);
    for (int r = 0; r < kMinHashRows; ++r)
        h = mix64(h ^ sig[band * kMinHashRows + r]);
    return h;
}

}  // namespace

DedupIndex::DedupIndex(double threshold) : m_threshold(threshold) {}

DedupKey dedup_key(std::string_view input, std::string_view output) {
    return {dedup_exact_key(input, output), minhash_signature(input, output)};
}

DedupHit DedupIndex::find(const DedupKey &p) const {
    if (auto it = m_exact.find(p.exact); it != m_exact.end()) return {DedupHit::Kind::exact, it->second, 1.0};
    if (!p.sig) return {};
    DedupHit best;
    for (int b = 0; b < kMinHashBands; ++b) {
        auto [lo, hi] = m_bands.equal_range(band_key(*p.sig, b));
        for (auto it = lo; it != hi; ++it) {
            double sim = minhash_similarity(*p.sig, m_sigs[it->second]);
            if (sim >= m_threshold && sim > best.similarity)
                best = {DedupHit::Kind::near, m_ids[it->second], sim};
        }
        if (best.similarity >= 1.0) break;
    }
    return best;
}

void DedupIndex::add(int64_t id, const DedupKey &p) {
    ++m_count;
    m_exact.emplace(p.exact, id);
    if (!p.sig) return;
    const auto slot = static_cast<uint32_t>(m_sigs.size());
    m_sigs.push_back(*p.sig);
    m_ids.push_back(id);
    for (int b = 0; b < kMinHashBands; ++b)
        m_bands.emplace(band_key(*p.sig, b), slot);
}

DedupHit DedupIndex::find(std::string_view input, std::string_view output) const {
    return find(dedup_key(input, output));
}

void DedupIndex::add(int64_t id, std::string_view input, std::string_view output) {
    add(id, dedup_key(input, output));
}

DedupHit DedupIndex::check_and_add(int64_t id, std::string_view input, std::string_view output) {
    DedupKey p = dedup_key(input, output);
    DedupHit hit = find(p);
    if (hit.kind == DedupHit::Kind::none) add(id, p);
    return hit;
}

}  // namespace smolify::synth
