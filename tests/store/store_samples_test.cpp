// Samples, review decisions, edits with revision history, task specs.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/project.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::store;

namespace {

class StoreSamples : public ::testing::Test {
protected:
    void SetUp() override {
        auto r = Project::create(m_dir / "p.smolify", {.intent = "Triage support tickets"});
        ASSERT_TRUE(r.ok()) << r.error().message;
        m_project = std::move(r).value();
    }

    std::vector<int64_t> insert(std::vector<NewSample> batch) {
        auto r = m_project->insert_samples(batch);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r->ids : std::vector<int64_t>{};
    }

    Sample get(int64_t id) {
        auto r = m_project->sample(id);
        EXPECT_TRUE(r.ok() && r->has_value());
        return r.ok() && r->has_value() ? **r : Sample{};
    }

    test::TempDir m_dir;
    std::unique_ptr<Project> m_project;
};

}  // namespace

TEST_F(StoreSamples, InsertRoundTripsEveryField) {
    auto spec_version = m_project->save_spec({.kind = "classification", .instruction = "Label the urgency"});
    ASSERT_TRUE(spec_version.ok());
    NewSample s{.input = "Printer on fire 🔥\nsecond line",
                .output = "urgent",
                .status = SampleStatus::rejected,
                .split = Split::test,
                .source = SampleSource::teacher,
                .reject_reason = "too dramatic",
                .topic = "hardware",
                .provenance = R"({"teacher_model":"gpt-x","call_id":17})",
                .spec_version = *spec_version};
    auto ids = insert({s});
    ASSERT_EQ(ids.size(), 1u);
    Sample got = get(ids[0]);
    EXPECT_EQ(got.input, s.input);
    EXPECT_EQ(got.output, "urgent");
    EXPECT_EQ(got.status, SampleStatus::rejected);
    EXPECT_EQ(got.split, Split::test);
    EXPECT_EQ(got.source, SampleSource::teacher);
    EXPECT_EQ(got.reject_reason, "too dramatic");
    EXPECT_EQ(got.topic, "hardware");
    EXPECT_EQ(got.provenance, s.provenance);
    EXPECT_EQ(got.spec_version, *spec_version);
    EXPECT_EQ(got.content_hash.size(), 64u);
    EXPECT_TRUE(got.reviewed_at.has_value());
    EXPECT_EQ(got.revision_count, 0);
}

TEST_F(StoreSamples, DuplicatesAreSkippedWithinAndAcrossBatches) {
    auto r = m_project->insert_samples(std::vector<NewSample>{
        {.input = "a", .output = "1"}, {.input = "b", .output = "2"}, {.input = "a", .output = "1"}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->inserted, 2);
    EXPECT_EQ(r->duplicates, 1);
    auto again = m_project->insert_samples(std::vector<NewSample>{{.input = "b", .output = "2"}, {.input = "c", .output = "3"}});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->inserted, 1);
    EXPECT_EQ(again->duplicates, 1);
    // The separator keeps ("ab","c") apart from ("a","bc").
    auto split = m_project->insert_samples(std::vector<NewSample>{{.input = "ab", .output = "c"}, {.input = "a", .output = "bc"}});
    ASSERT_TRUE(split.ok());
    EXPECT_EQ(split->inserted, 2);
}

TEST_F(StoreSamples, InvalidSampleFailsTheWholeBatch) {
    const std::vector<std::vector<NewSample>> bad = {
        {{.input = "ok", .output = "ok"}, {.input = "  ", .output = "x"}},
        {{.input = "ok", .output = "ok"}, {.input = "x", .output = "bad \xff utf8"}},
        {{.input = "ok", .output = "ok"}, {.input = std::string(kMaxFieldBytes + 1, 'x'), .output = "x"}},
        {{.input = "ok", .output = "ok"}, {.input = "x", .output = "y", .status = SampleStatus::rejected}},
        {{.input = "ok", .output = "ok"}, {.input = "x", .output = "y", .spec_version = 999}},  // foreign key
    };
    for (const auto &batch : bad) {
        auto r = m_project->insert_samples(batch);
        EXPECT_FALSE(r.ok());
        auto counts = m_project->counts();
        ASSERT_TRUE(counts.ok());
        EXPECT_EQ(counts->total, 0) << "a failed batch must insert nothing";
    }
    auto r = m_project->insert_samples(bad[0]);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("sample 2"), std::string::npos) << r.error().message;
}

TEST_F(StoreSamples, FiltersSortsAndPages) {
    insert({{.input = "printer jam", .output = "low"},
            {.input = "server down", .output = "urgent", .status = SampleStatus::approved},
            {.input = "100% cpu", .output = "high", .split = Split::test},
            {.input = "password reset", .output = "low", .status = SampleStatus::rejected, .reject_reason = "dup"},
            {.input = "disk 100 full", .output = "high", .topic = "Storage"}});
    auto count = [&](SampleFilter f) {
        auto n = m_project->count_samples(f);
        EXPECT_TRUE(n.ok());
        return n.ok() ? *n : -1;
    };
    EXPECT_EQ(count({}), 5);
    EXPECT_EQ(count({.status = SampleStatus::pending}), 3);
    EXPECT_EQ(count({.status = SampleStatus::approved}), 1);
    EXPECT_EQ(count({.split = Split::test}), 1);
    EXPECT_EQ(count({.status = SampleStatus::pending, .split = Split::train}), 2);
    EXPECT_EQ(count({.text = "SERVER"}), 1);     // case-insensitive
    EXPECT_EQ(count({.text = "100%"}), 1);       // % is literal, not a wildcard
    EXPECT_EQ(count({.text = "100"}), 2);
    EXPECT_EQ(count({.text = "dup"}), 1);        // the reason is searched too
    EXPECT_EQ(count({.text = "storage"}), 1);    // and the topic
    EXPECT_EQ(count({.source = SampleSource::teacher}), 0);

    auto ids = m_project->sample_ids({.sort = SampleSort::input, .descending = true});
    ASSERT_TRUE(ids.ok());
    auto rows = m_project->samples_by_ids(*ids);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 5u);
    EXPECT_EQ(rows->front().input, "server down");
    EXPECT_EQ(rows->back().input, "100% cpu");

    auto page = m_project->samples({.sort = SampleSort::id, .offset = 1, .limit = 2});
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].input, "server down");
    EXPECT_EQ((*page)[1].input, "100% cpu");

    std::vector<int64_t> wanted = {(*ids)[3], 999999, (*ids)[0]};
    auto some = m_project->samples_by_ids(wanted, 4);
    ASSERT_TRUE(some.ok());
    ASSERT_EQ(some->size(), 2u) << "unknown ids are left out";
    EXPECT_EQ((*some)[0].id, (*ids)[3]);
    EXPECT_EQ((*some)[1].input, "serv");  // preview cut to 4 characters

    auto counts = m_project->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->pending, 3);
    EXPECT_EQ(counts->approved, 1);
    EXPECT_EQ(counts->rejected, 1);
    EXPECT_EQ(counts->train, 4);
    EXPECT_EQ(counts->test, 1);
    EXPECT_EQ(counts->by_status_split[0][1], 1);
}

TEST_F(StoreSamples, ForEachStopsWhenAsked) {
    std::vector<NewSample> batch;
    for (int i = 0; i < 50; ++i) batch.push_back({.input = "in " + std::to_string(i), .output = "out"});
    insert(batch);
    int seen = 0;
    ASSERT_TRUE(m_project->for_each_sample({}, [&](const Sample &) { return ++seen < 10; }).ok());
    EXPECT_EQ(seen, 10);
}

TEST_F(StoreSamples, ReviewIsAtomicAndUndoable) {
    auto ids = insert({{.input = "a", .output = "1"}, {.input = "b", .output = "2"}, {.input = "c", .output = "3"}});
    ASSERT_EQ(ids.size(), 3u);

    auto no_reason = m_project->review(ids, SampleStatus::rejected, "  ");
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().kind, ErrorKind::user);

    std::vector<int64_t> with_unknown = {ids[0], 424242};
    auto unknown = m_project->review(with_unknown, SampleStatus::approved);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("#424242"), std::string::npos);
    EXPECT_EQ(get(ids[0]).status, SampleStatus::pending) << "an unknown id must change nothing";

    auto approved = m_project->review(std::vector<int64_t>{ids[0], ids[1]}, SampleStatus::approved);
    ASSERT_TRUE(approved.ok());
    EXPECT_EQ(get(ids[0]).status, SampleStatus::approved);
    EXPECT_TRUE(get(ids[0]).reviewed_at.has_value());

    auto rejected = m_project->review(std::vector<int64_t>{ids[1]}, SampleStatus::rejected, "wrong label");
    ASSERT_TRUE(rejected.ok());
    ASSERT_EQ(rejected->size(), 1u);
    EXPECT_EQ((*rejected)[0].status, SampleStatus::approved);
    EXPECT_EQ(get(ids[1]).reject_reason, "wrong label");

    ASSERT_TRUE(m_project->restore_reviews(*rejected).ok());
    EXPECT_EQ(get(ids[1]).status, SampleStatus::approved);
    EXPECT_EQ(get(ids[1]).reject_reason, "");
    ASSERT_TRUE(m_project->restore_reviews(*approved).ok());
    EXPECT_EQ(get(ids[0]).status, SampleStatus::pending);
    EXPECT_FALSE(get(ids[0]).reviewed_at.has_value());

    ASSERT_TRUE(m_project->set_split(std::vector<int64_t>{ids[2]}, Split::test).ok());
    EXPECT_EQ(get(ids[2]).split, Split::test);
}

TEST_F(StoreSamples, EditsKeepEveryVersion) {
    auto ids = insert({{.input = "dictation", .output = "S: ... O: ...", .source = SampleSource::teacher},
                       {.input = "other", .output = "text"}});
    ASSERT_EQ(ids.size(), 2u);
    const std::string hash0 = get(ids[0]).content_hash;

    ASSERT_TRUE(m_project->edit_sample(ids[0], "dictation", "S: fixed O: ...").ok());
    ASSERT_TRUE(m_project->edit_sample(ids[0], "dictation", "S: fixed O: fixed", "dr.b").ok());
    ASSERT_TRUE(m_project->edit_sample(ids[0], "dictation", "S: fixed O: fixed").ok());  // no change, no version

    Sample s = get(ids[0]);
    EXPECT_EQ(s.output, "S: fixed O: fixed");
    EXPECT_EQ(s.revision_count, 3);
    EXPECT_NE(s.content_hash, hash0);

    auto revs = m_project->revisions(ids[0]);
    ASSERT_TRUE(revs.ok());
    ASSERT_EQ(revs->size(), 3u);
    EXPECT_EQ((*revs)[0].revision, 1);
    EXPECT_EQ((*revs)[0].output, "S: ... O: ...");
    EXPECT_EQ((*revs)[0].author, "teacher");
    EXPECT_EQ((*revs)[1].author, "user");
    EXPECT_EQ((*revs)[2].author, "dr.b");
    EXPECT_EQ((*revs)[2].output, "S: fixed O: fixed");

    auto clash = m_project->edit_sample(ids[1], "dictation", "S: fixed O: fixed");
    ASSERT_FALSE(clash.ok());
    EXPECT_NE(clash.error().message.find("already has exactly this text"), std::string::npos);
    EXPECT_EQ(get(ids[1]).output, "text");

    EXPECT_FALSE(m_project->edit_sample(ids[1], "", "x").ok());
    EXPECT_FALSE(m_project->edit_sample(777, "a", "b").ok());

    // The original text is free again: a re-import of it is a new sample, not a duplicate.
    auto reimport = m_project->insert_samples(std::vector<NewSample>{{.input = "dictation", .output = "S: ... O: ..."}});
    ASSERT_TRUE(reimport.ok());
    EXPECT_EQ(reimport->inserted, 1);
}

TEST_F(StoreSamples, SpecsAreVersioned) {
    auto none = m_project->current_spec();
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    auto v1 = m_project->save_spec({.kind = "sectioned", .instruction = "Write a SOAP note",
                                    .output_contract = R"({"sections":["S","O","A","P"]})", .author = "teacher"});
    auto v2 = m_project->save_spec({.kind = "sectioned", .instruction = "Write a concise SOAP note"});
    ASSERT_TRUE(v1.ok() && v2.ok());
    EXPECT_EQ(*v1, 1);
    EXPECT_EQ(*v2, 2);
    auto current = m_project->current_spec();
    ASSERT_TRUE(current.ok() && current->has_value());
    EXPECT_EQ((*current)->instruction, "Write a concise SOAP note");
    EXPECT_EQ((*current)->output_contract, "{}");
    auto first = m_project->spec(1);
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ((*first)->author, "teacher");
    EXPECT_EQ((*first)->output_contract, R"({"sections":["S","O","A","P"]})");
    auto history = m_project->spec_history();
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history->size(), 2u);
    auto info = m_project->info();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->spec_version, 2);
}
