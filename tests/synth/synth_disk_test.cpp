// trust.md "disk full" for generation, on a real full disk (a tmpfs the test mounts; skipped, saying
// why, where it cannot): the disk fills after ten replies. The run stops with a report that says the
// disk is full and stays open; every sample stored before is in the store; after the filler goes,
// running generate again finishes the same run with every earlier sample unchanged, nothing stored
// twice, and no stored reply asked for again (only the calls in flight when the disk filled, whose
// replies could not be stored, are sent again).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"
#include "synth/generate.h"
#include "synth/spec.h"
#include "synth_fake.h"

namespace smolify::synth {
namespace {

using test::FakeRequest;
using test::FakeTeacher;

TEST(SynthDiskFull, FullDiskPausesTheRunAndTheRerunFinishesItLosingNothing) {
    test::TempDir dir;
    test::Tmpfs disk(dir / "disk", 16 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    store::CreateParams cp;
    cp.intent = "Sort incoming IT tickets by urgency";
    auto created = store::Project::create(disk / "t.smolify", cp);
    ASSERT_TRUE(created.ok()) << created.error().message;
    store::Project &p = **created;
    auto spec = spec_from_json(test::triage_spec_json());
    ASSERT_TRUE(spec.ok());
    ASSERT_TRUE(p.save_spec(spec_to_store(*spec, "user")).ok());

    FakeTeacher fake;
    test::SynthFakeOptions opt;
    opt.faults = false;
    opt.delay_ms = 5;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    teacher::Endpoint ep;
    ep.base_url = fake.base_url();
    ep.model = "fake-model";
    GenerateParams params;
    params.count = 150;
    params.concurrency = 4;
    params.client.backoff_base_ms = 10;
    params.client.max_retries = 1;
    bool filled = false;
    params.hooks.on_progress = [&](const GenerateProgress &pr) {
        if (!filled && pr.calls_done >= 10) filled = disk.fill() > 0;
        return true;
    };
    auto first = generate(p, ep, params);
    ASSERT_TRUE(filled);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(first->completed);
    EXPECT_EQ(first->stopped.rfind("the disk is full", 0), 0u) << first->stopped;
    EXPECT_NE(first->stopped.find("generation is paused with " + std::to_string(first->totals.accepted) +
                                  " of 150"),
              std::string::npos)
        << first->stopped;
    EXPECT_NE(first->stopped.find("run generate again"), std::string::npos) << first->stopped;
    EXPECT_GE(first->totals.accepted, 10 * 5 - 5);

    disk.unfill();
    std::map<int64_t, std::pair<std::string, std::string>> before;
    ASSERT_TRUE(p.for_each_sample({}, [&](const store::Sample &s) {
                     before[s.id] = {s.input, s.output};
                     return true;
                 }).ok());
    EXPECT_EQ(static_cast<int64_t>(before.size()), first->totals.accepted)
        << "every reported sample is stored";
    EXPECT_EQ(p.db().query_text("SELECT status FROM synth_runs"), "running") << "the run stays open";

    params.hooks.on_progress = nullptr;
    auto second = generate(p, ep, params);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_TRUE(second->resumed);
    EXPECT_TRUE(second->completed) << second->stopped;
    EXPECT_EQ(p.db().query_int("SELECT count(*) FROM synth_runs"), 1);

    std::map<int64_t, std::pair<std::string, std::string>> after;
    ASSERT_TRUE(p.for_each_sample({}, [&](const store::Sample &s) {
                     after[s.id] = {s.input, s.output};
                     return true;
                 }).ok());
    for (const auto &[id, text] : before) {
        ASSERT_TRUE(after.count(id)) << "sample " << id << " was lost";
        EXPECT_EQ(after[id], text) << "sample " << id << " changed";
    }
    std::set<std::pair<std::string, std::string>> distinct;
    for (const auto &[id, text] : after)
        distinct.insert(text);
    EXPECT_EQ(distinct.size(), after.size()) << "a sample was stored twice";
    EXPECT_GE(static_cast<int64_t>(after.size()), 150);

    // Every request asked once, but those in flight when the disk filled (their replies could not be
    // journaled): at most `concurrency` of them.
    std::map<std::string, int> asked;
    for (const auto &q : fake.requests())
        ++asked[q.last_user_message()];
    int repeated = 0;
    for (const auto &[prompt, n] : asked)
        repeated += n - 1;
    EXPECT_LE(repeated, params.concurrency);
    EXPECT_EQ(p.db().query_int("SELECT count(*) FROM teacher_calls WHERE status = 'ok'"),
              p.db().query_int("SELECT count(*) FROM synth_requests WHERE status = 'done'"));
    EXPECT_EQ(p.db().query_text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace smolify::synth
