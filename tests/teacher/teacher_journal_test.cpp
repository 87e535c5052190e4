// The journal of teacher calls: a completed call is never sent again, a call left in flight by a crash
// is retried, offline mode replays the journal with no network, and a canary key appears nowhere:
// not in the project file, its WAL, any journal row, or any error message.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/project.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "teacher/client.h"
#include "teacher/journal.h"
#include "teacher_test_util.h"

using namespace smolify;
using namespace smolify::teacher;
using smolify::test::FakeClock;
using smolify::test::FakeReply;
using smolify::test::FakeTeacher;
using smolify::test::test_params;
using smolify::test::user_request;
namespace fs = std::filesystem;

namespace {


bool contains(const std::string &hay, const std::string &needle) {
    return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST(TeacherJournal, CompletedCallIsAnsweredFromTheJournalOnRerun) {
    test::TempDir dir;
    FakeTeacher fake;
    auto project = test::make_project(dir / "p.smolify");
    ASSERT_TRUE(project);
    ChatRequest req = user_request("describe a kettle");
    int64_t call_id = 0;
    {
        Client client(test::fake_endpoint(fake), test_params(), project.get());
        auto r = client.chat(req);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_FALSE(r->from_journal);
        call_id = r->call_id;
        EXPECT_GT(call_id, 0);
    }
    Journal journal(*project);
    auto row = journal.entry(call_id);
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*row)->status, "ok");
    EXPECT_EQ((*row)->request_hash, request_hash(test::fake_endpoint(fake), req));
    EXPECT_EQ((*row)->purpose, "generate");
    EXPECT_EQ((*row)->model, "fake-model");
    EXPECT_EQ((*row)->http_status, 200);
    EXPECT_EQ((*row)->prompt_tokens, 10);
    EXPECT_TRUE(contains((*row)->response, "echo: describe a kettle"));

    // A new run (a new client, as after a restart) answers the same request without the network.
    Client again(test::fake_endpoint(fake), test_params(), project.get());
    auto r2 = again.chat(req);
    ASSERT_TRUE(r2.ok()) << r2.error().message;
    EXPECT_TRUE(r2->from_journal);
    EXPECT_EQ(r2->text, "echo: describe a kettle");
    EXPECT_EQ(r2->call_id, call_id);
    EXPECT_EQ(r2->cost_usd, 0);
    EXPECT_EQ(fake.request_count(), 1u);
    auto est = again.estimate_cost(std::span<const ChatRequest>(&req, 1));
    ASSERT_TRUE(est.ok());
    EXPECT_EQ(est->from_journal, 1u);
    EXPECT_EQ(est->worst_usd, 0);
}

TEST(TeacherJournal, CallLeftInFlightByACrashIsSentAgainAndCompleted) {
    test::TempDir dir;
    FakeTeacher fake;
    auto project = test::make_project(dir / "p.smolify");
    ASSERT_TRUE(project);
    ChatRequest req = user_request("describe a lamp");
    Endpoint ep = test::fake_endpoint(fake);
    Journal journal(*project);
    // What a kill -9 after "recorded, sent" and before "completed" leaves behind.
    auto crashed =
        journal.begin(request_hash(ep, req), "generate", ep.base_url, ep.model, request_body(ep, req).dump());
    ASSERT_TRUE(crashed.ok());
    Client client(ep, test_params(), project.get());
    auto r = client.chat(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->from_journal);
    EXPECT_EQ(r->call_id, *crashed);  // the same row, completed; no pile of duplicates
    EXPECT_EQ(fake.request_count(), 1u);
    auto totals = journal.totals();
    ASSERT_TRUE(totals.ok());
    EXPECT_EQ(totals->ok, 1);
    EXPECT_EQ(totals->in_flight, 0);
}

TEST(TeacherJournal, FailedAndCancelledCallsAreRecordedAndRetriedNextRun) {
    test::TempDir dir;
    FakeTeacher fake;
    FakeClock clock;
    auto project = test::make_project(dir / "p.smolify");
    ASSERT_TRUE(project);
    fake.push(FakeReply::error(400, "nope"));
    ChatRequest req = user_request("x");
    Client client(test::fake_endpoint(fake), test_params(&clock), project.get());
    ASSERT_FALSE(client.chat(req).ok());
    Journal journal(*project);
    auto rows = journal.entries();
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].status, "failed");
    EXPECT_EQ((*rows)[0].http_status, 400);
    EXPECT_TRUE(contains((*rows)[0].error, "nope"));
    auto r = client.chat(req);  // the fake now answers normally
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(fake.request_count(), 2u);
    rows = journal.entries();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].status, "ok");
}

TEST(TeacherJournal, OfflineReplaysTheJournalAndRefusesTheRest) {
    test::TempDir dir;
    auto project = test::make_project(dir / "p.smolify");
    ASSERT_TRUE(project);
    std::vector<ChatRequest> recorded = {user_request("one"), user_request("two", /*stream=*/true)};
    Endpoint ep;
    {
        FakeTeacher fake;
        ep = test::fake_endpoint(fake);
        fake.push(FakeReply::ok("first answer"));
        fake.push(FakeReply::sse({FakeReply::sse_text("second answer")}));
        Client online(ep, test_params(), project.get());
        ASSERT_TRUE(online.chat(recorded[0]).ok());
        ASSERT_TRUE(online.chat(recorded[1]).ok());
    }  // the server is gone now: nothing listens on that port
    ClientParams p = test_params();
    p.offline = true;
    Client offline(ep, p, project.get());
    auto a = offline.chat(recorded[0]);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->text, "first answer");
    EXPECT_TRUE(a->from_journal);
    ChatRequest b = recorded[1];
    b.stream = false;  // streamed or not, it is the same call
    auto rb = offline.chat(b);
    ASSERT_TRUE(rb.ok()) << rb.error().message;
    EXPECT_EQ(rb->text, "second answer");
    auto missing = offline.chat(user_request("three"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::user);
    EXPECT_TRUE(contains(missing.error().message, "offline")) << missing.error().message;
    EXPECT_TRUE(contains(missing.error().message, "not in the project's journal")) << missing.error().message;
}

TEST(TeacherJournal, CanaryKeyAppearsNowhere) {
    test::TempDir dir;
    const std::string canary = "sk-CANARY-7f3c9a1e5b2d4c6e8f0a";
    ::setenv("SMOLIFY_TEST_CANARY_KEY", canary.c_str(), 1);
    fs::path path = dir / "p.smolify";
    std::vector<std::string> messages;
    {
        auto project = test::make_project(path);
        ASSERT_TRUE(project);
        FakeTeacher fake;
        FakeClock clock;
        // Servers that echo what they got back into replies and errors.
        fake.push(FakeReply::ok("fine"));
        fake.set_handler([](const test::FakeRequest &r) {
            return FakeReply::error(500, "upstream failed for " + r.headers.at("authorization"));
        });
        ClientParams p = test_params(&clock);
        p.max_retries = 1;
        Client client(test::fake_endpoint(fake, "SMOLIFY_TEST_CANARY_KEY"), p, project.get());
        auto ok = client.chat(user_request("a"));
        ASSERT_TRUE(ok.ok()) << ok.error().message;
        auto bad = client.chat(user_request("b"));
        ASSERT_FALSE(bad.ok());
        messages.push_back(bad.error().message);
        fake.set_handler([](const test::FakeRequest &r) {
            return FakeReply::error(401, "bad key " + r.headers.at("authorization"));
        });
        auto unauthorized = client.chat(user_request("c"));
        ASSERT_FALSE(unauthorized.ok());
        messages.push_back(unauthorized.error().message);
        // The key really was sent, so the test would see a leak if there were one.
        ASSERT_EQ(fake.requests()[0].headers["authorization"], "Bearer " + canary);

        Journal journal(*project);
        auto rows = journal.entries();
        ASSERT_TRUE(rows.ok());
        ASSERT_EQ(rows->size(), 3u);
        for (const JournalEntry &e : *rows)
            for (const std::string *field :
                 {&e.request, &e.response, &e.error, &e.endpoint, &e.model, &e.purpose})
                EXPECT_FALSE(contains(*field, canary)) << *field;
        auto wal = test::slurp(fs::path(path.string() + "-wal"));
        EXPECT_FALSE(contains(wal, canary));
    }
    for (const auto &m : messages)
        EXPECT_FALSE(contains(m, canary)) << m;
    EXPECT_FALSE(contains(test::slurp(path), canary));
    for (const auto &entry : fs::recursive_directory_iterator(dir.path()))
        if (entry.is_regular_file()) {
            EXPECT_FALSE(contains(test::slurp(entry.path()), canary)) << entry.path();
        }
}
