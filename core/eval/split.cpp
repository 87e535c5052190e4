// The frozen, stratified test split (split.h).
#include "eval/split.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "eval/kind.h"
#include "store/guard.h"
#include "store/sqlite.h"
#include "train/dataset.h"
#include "util/text.h"

namespace smolify::eval {

using nlohmann::json;

namespace {

Result<int64_t> count_test(store::Project &project) {
    store::SampleFilter f;
    f.split = store::Split::test;
    return project.count_samples(f);
}

}  // namespace

Result<SplitOutcome> ensure_test_split(store::Project &project, const SplitParams &params) {
    if (!(params.fraction > 0 && params.fraction < 1))
        return user_error("the test fraction must be between 0 and 1");
    SplitOutcome out;
    auto recorded = project.setting(kTestSplitSetting);
    if (!recorded) return recorded.error();
    auto tests = count_test(project);
    if (!tests) return tests.error();
    out.test_samples = *tests;
    if (*recorded) {
        json j = json::parse(**recorded, nullptr, false);
        out.frozen = true;
        out.strata =
            j.is_object() && j.value("strata", json()).is_string() ? j["strata"].get<std::string>() : "";
        out.note = "the test split is frozen (" + std::to_string(out.test_samples) + " samples)";
        return out;
    }
    if (*tests > 0) {
        json j = {{"strata", "imported"}, {"moved", 0}, {"test_samples", *tests}, {"made_at", unix_now()}};
        if (Status st = project.set_setting(kTestSplitSetting, j.dump()); !st) return st.error();
        out.frozen = true;
        out.strata = "imported";
        out.note = "the project's " + std::to_string(*tests) + " test samples are the test split; now frozen";
        return out;
    }

    store::SampleQuery q;
    q.filter.status = store::SampleStatus::approved;
    q.filter.split = store::Split::train;
    auto samples = project.samples(q);  // sorted by id
    if (!samples) return samples.error();
    const int64_t n = int64_t(samples->size());
    if (n < params.min_samples) {
        out.note = "no test split yet: " + std::to_string(n) + " approved samples, " +
                   std::to_string(params.min_samples) +
                   " are needed to hold some out (or import a test set " + "with --split test)";
        return out;
    }

    // Strata: topics when the samples have them, else the labels of a classification task.
    bool topics =
        std::any_of(samples->begin(), samples->end(), [](const auto &s) { return !s.topic.empty(); });
    bool labels = false;
    if (!topics) {
        auto profile = task_profile(project);
        if (!profile) return profile.error();
        labels = profile->spec.kind == synth::TaskKind::classification;
    }
    std::map<std::string, std::vector<int64_t>> strata;
    for (const auto &s : *samples) {
        std::string key = topics ? s.topic : labels ? std::string(trim(s.output)) : std::string();
        strata[key].push_back(s.id);
    }
    // Largest remainder: each stratum gets floor(size x fraction), the strata with the largest
    // fractional parts one more, until the total is round(n x fraction) (at least 1).
    const int64_t k = std::max<int64_t>(1, std::llround(double(n) * params.fraction));
    struct Share {
        const std::string *key;
        int64_t take;
        double remainder;
    };
    std::vector<Share> shares;
    int64_t given = 0;
    for (const auto &[key, ids] : strata) {
        const double exact = double(ids.size()) * params.fraction;
        const auto take = int64_t(std::floor(exact));
        shares.push_back({&key, take, exact - double(take)});
        given += take;
    }
    std::vector<std::size_t> order(shares.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return shares[a].remainder > shares[b].remainder; });
    for (std::size_t i = 0; given < k && i < order.size(); ++i, ++given)
        ++shares[order[i]].take;

    std::vector<int64_t> chosen;
    uint64_t stratum_seed = params.seed;
    for (const Share &sh : shares) {
        std::vector<int64_t> ids = strata[*sh.key];
        train::Rng rng{stratum_seed++};
        train::shuffle(ids, rng);
        for (int64_t i = 0; i < sh.take && i < int64_t(ids.size()); ++i)
            chosen.push_back(ids[std::size_t(i)]);
    }
    std::sort(chosen.begin(), chosen.end());
    out.strata = topics ? "topic" : labels ? "label" : "none";
    out.moved = int64_t(chosen.size());
    out.test_samples = out.moved;
    out.frozen = true;
    const json record = {{"strata", out.strata},          {"moved", out.moved},
                         {"fraction", params.fraction},   {"seed", params.seed},
                         {"strata_count", strata.size()}, {"made_at", unix_now()}};
    // The moves and the record in one transaction: a kill leaves either no split or a frozen one.
    Status st = store::detail::guard([&]() -> Status {
        store::Db &db = project.db();
        store::Transaction tx(db);
        auto set = db.prepare("UPDATE samples SET split = 'test', updated_at = ?1 WHERE id = ?2");
        const int64_t now = unix_now();
        for (int64_t id : chosen) {
            set.reset();
            set.bind(1, now).bind(2, id);
            set.exec();
        }
        db.prepare(
              "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
              "excluded.value")
            .bind(1, kTestSplitSetting)
            .bind(2, record.dump())
            .exec();
        tx.commit();
        return {};
    });
    if (!st) return st.error();
    out.note = "held out " + std::to_string(out.moved) + " of " + std::to_string(n) +
               " approved samples as the test split (stratified by " + out.strata + "); now frozen";
    return out;
}

}  // namespace smolify::eval
