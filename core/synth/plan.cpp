// Slice planning and review guidance; see plan.h.
#include "synth/plan.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <unordered_map>

#include "store/guard.h"
#include "store/sqlite.h"
#include "util/hash.h"
#include "util/text.h"

namespace smolify::synth {

namespace {

Slice decode_slice(const Spec &spec, uint64_t index) {
    Slice s;
    for (const auto &axis : spec.axes) {
        const uint64_t n = axis.values.size();
        s.values.emplace_back(axis.name, axis.values[index % n]);
        index /= n;
    }
    return s;
}

}  // namespace

std::vector<Slice> plan_slices(const Spec &spec, std::size_t requests, int samples_per_request, uint64_t seed,
                               const std::function<int64_t(const std::string &label)> &coverage) {
    std::vector<Slice> out;
    if (requests == 0) return out;
    // Number of combinations, saturating: six axes of forty values overflow nothing but are far too many.
    uint64_t total = 1;
    for (const auto &axis : spec.axes) {
        total *= axis.values.size();
        if (total > (uint64_t{1} << 40)) break;
    }
    std::vector<uint64_t> candidates;
    if (total <= kMaxPlannedSlices) {
        candidates.resize(total);
        std::iota(candidates.begin(), candidates.end(), uint64_t{0});
    } else {
        // A stride coprime with nothing in particular: an odd multiplier of a seeded start, modulo total,
        // visits distinct combinations for at least kMaxPlannedSlices steps when total is not a power of 2;
        // duplicates are skipped anyway.
        uint64_t stride = (mix64(seed) | 1) % total;
        if (stride == 0) stride = 1;
        std::unordered_map<uint64_t, bool> seen;
        uint64_t at = mix64(seed ^ 0xabcdef) % total;
        for (std::size_t i = 0; candidates.size() < kMaxPlannedSlices && i < 4 * kMaxPlannedSlices; ++i) {
            if (!seen.emplace(at, true).second) {
                at = (at + 1) % total;
                continue;
            }
            candidates.push_back(at);
            at = (at + stride) % total;
        }
    }
    struct Entry {
        int64_t covered;
        uint64_t tiebreak;
        uint64_t index;
        bool operator>(const Entry &o) const {
            return covered != o.covered ? covered > o.covered : tiebreak > o.tiebreak;
        }
    };
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    for (uint64_t c : candidates) {
        Slice s = decode_slice(spec, c);
        heap.push({coverage ? coverage(slice_label(s)) : 0, mix64(c ^ mix64(seed)), c});
    }
    out.reserve(requests);
    for (std::size_t r = 0; r < requests; ++r) {
        Entry e = heap.top();
        heap.pop();
        out.push_back(decode_slice(spec, e.index));
        e.covered += samples_per_request;
        heap.push(e);
    }
    return out;
}

Result<std::unordered_map<std::string, int64_t>> load_coverage(store::Project &project) {
    return store::detail::guard([&]() -> Result<std::unordered_map<std::string, int64_t>> {
        std::unordered_map<std::string, int64_t> out;
        auto st = project.db().prepare(
            "SELECT topic, count(*) FROM samples WHERE source = 'teacher' AND status <> 'rejected' AND topic "
            "IS NOT NULL "
            "GROUP BY topic");
        while (st.step())
            out[st.col_text(0)] = st.col_int(1);
        return out;
    });
}

Result<Guidance> load_guidance(store::Project &project, const GuidanceParams &p) {
    return store::detail::guard([&]() -> Result<Guidance> {
        Guidance g;
        store::Db &db = project.db();
        if (!p.like_ids.empty()) {
            // The reviewer's choice, as chosen.
            auto one = db.prepare(
                "SELECT input, output FROM samples WHERE id = ? AND status = 'approved' AND split = 'train'");
            for (int64_t id : p.like_ids) {
                one.reset();
                one.bind(1, id);
                if (one.step()) g.approved.push_back({one.col_text(0), one.col_text(1)});
                if (g.approved.size() >= p.approved_pool) break;
            }
            g.steered = !g.approved.empty();
        } else {
            // The most recently approved first: the reviewer's latest taste.
            auto a = db.prepare(
                "SELECT input, output FROM samples WHERE status = 'approved' AND split = 'train' "
                "ORDER BY coalesce(reviewed_at, 0) DESC, id DESC LIMIT ?");
            a.bind(1, static_cast<int64_t>(p.approved_pool));
            while (a.step())
                g.approved.push_back({a.col_text(0), a.col_text(1)});
        }
        auto r = db.prepare(
            "SELECT reject_reason, count(*) AS n FROM samples WHERE status = 'rejected' AND reject_reason IS "
            "NOT NULL "
            "GROUP BY reject_reason ORDER BY n DESC, max(coalesce(reviewed_at, 0)) DESC LIMIT ?");
        r.bind(1, static_cast<int64_t>(p.max_avoid));
        while (r.step())
            g.avoid.push_back(std::string(trim(r.col_text(0))));
        auto f = db.prepare(
            "SELECT reason, count(*) AS n FROM synth_rejects WHERE kind = 'contract' GROUP BY reason "
            "ORDER BY n DESC LIMIT ?");
        f.bind(1, static_cast<int64_t>(p.max_format_mistakes));
        while (f.step())
            g.format_mistakes.push_back(f.col_text(0));
        // Revision 1 is what the teacher (or the import) wrote; the sample row holds the reviewer's
        // latest text. Only output changes teach the teacher something about answers.
        auto c = db.prepare(
            "SELECT s.input, r.output, s.output FROM sample_revisions r JOIN samples s ON s.id = r.sample_id "
            "WHERE r.revision = 1 AND s.status <> 'rejected' AND r.output <> s.output "
            "ORDER BY s.updated_at DESC, s.id DESC LIMIT ?");
        c.bind(1, static_cast<int64_t>(p.max_corrections));
        while (c.step())
            g.corrections.push_back({c.col_text(0), c.col_text(1), c.col_text(2)});
        return g;
    });
}

}  // namespace smolify::synth
