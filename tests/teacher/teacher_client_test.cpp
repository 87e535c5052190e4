// The teacher client against a real HTTP server on 127.0.0.1 (tests/support/fake_teacher) playing the
// faults of ../shared/docs/trust.md's teacher rows: rate limits with both Retry-After forms, a huge hint,
// server errors, auth and model errors, HTML pages, truncated, non-JSON and 50 MB bodies, stalls,
// cancel, streams, the allow-list and the budget. Waits are checked on a fake clock, never on wall time.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <ctime>
#include <thread>

#include "teacher/client.h"
#include "teacher_test_util.h"

using namespace smolify;
using namespace smolify::teacher;
using smolify::test::FakeClock;
using smolify::test::FakeReply;
using smolify::test::FakeTeacher;
using smolify::test::test_params;
using smolify::test::user_request;

namespace {

std::string http_date(int64_t unix_s) {
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

bool contains(const std::string &hay, const std::string &needle) {
    return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST(TeacherClient, SendsAnOpenAiRequestAndReadsTheReply) {
    FakeTeacher fake;
    fake.push(FakeReply::ok("a fine sample", 12, 34));
    ::setenv("SMOLIFY_TEST_TEACHER_KEY", "sk-test-key-1", 1);
    Client client(test::fake_endpoint(fake, "SMOLIFY_TEST_TEACHER_KEY"), test_params(), nullptr);
    ChatRequest req = user_request("write one");
    req.json_mode = true;
    auto r = client.chat(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->text, "a fine sample");
    EXPECT_EQ(r->prompt_tokens, 12);
    EXPECT_EQ(r->completion_tokens, 34);
    EXPECT_EQ(r->finish_reason, "stop");
    EXPECT_FALSE(r->from_journal);
    EXPECT_TRUE(r->price_unknown);  // "fake-model" has no price
    ASSERT_EQ(fake.request_count(), 1u);
    auto sent = fake.requests()[0];
    EXPECT_EQ(sent.path, "/v1/chat/completions");
    EXPECT_EQ(sent.headers["authorization"], "Bearer sk-test-key-1");
    EXPECT_EQ(sent.json["model"], "fake-model");
    EXPECT_EQ(sent.json["messages"][1]["content"], "write one");
    EXPECT_EQ(sent.json["max_tokens"], 100);
    EXPECT_EQ(sent.json["response_format"]["type"], "json_object");
    EXPECT_FALSE(contains(sent.body, "sk-test-key-1"));
}

TEST(TeacherClient, RateLimitStormWaitsAtLeastTheHintInSeconds) {
    FakeTeacher fake;
    FakeClock clock;
    fake.set_stamp([&] { return clock.now.load(); });
    fake.push(FakeReply::rate_limited("2"), 3);
    fake.push(FakeReply::ok("finally"));
    std::vector<ClientProgress> seen;
    Client client(test::fake_endpoint(fake), test_params(&clock), nullptr);
    ChatRequest req = user_request("x");
    std::optional<Result<ChatReply>> out;
    Status st = client.chat_many(
        std::span<const ChatRequest>(&req, 1),
        [&](std::size_t, Result<ChatReply> r) { out.emplace(std::move(r)); },
        [&](const ClientProgress &p) { seen.push_back(p); });
    ASSERT_TRUE(st.ok()) << st.error().message;
    ASSERT_TRUE(out && out->ok());
    EXPECT_EQ((*out)->text, "finally");
    EXPECT_EQ((*out)->attempts, 4);
    auto reqs = fake.requests();
    ASSERT_EQ(reqs.size(), 4u);
    for (std::size_t i = 1; i < reqs.size(); ++i)
        EXPECT_GE(reqs[i].stamp - reqs[i - 1].stamp, 2000) << i;
    bool told = false;
    for (const auto &p : seen)
        told = told || contains(p.note, "rate limited, retrying in");
    EXPECT_TRUE(told);
}

TEST(TeacherClient, RateLimitWaitsAtLeastAnHttpDateHint) {
    FakeTeacher fake;
    FakeClock clock;
    fake.set_stamp([&] { return clock.now.load(); });
    int64_t unix_now = clock.unix_base + clock.now.load() / 1000;
    fake.push(FakeReply::rate_limited(http_date(unix_now + 7)));
    fake.push(FakeReply::ok("ok"));
    Client client(test::fake_endpoint(fake), test_params(&clock), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto reqs = fake.requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_GE(reqs[1].stamp - reqs[0].stamp, 7000);
    EXPECT_GE(clock.slept.load(), 7000);
}

TEST(TeacherClient, EndlessRateLimitGivesUpAfterTheRetryBudget) {
    FakeTeacher fake;
    FakeClock clock;
    fake.set_handler([](const test::FakeRequest &) { return FakeReply::rate_limited("1"); });
    ClientParams p = test_params(&clock);
    p.max_retries = 3;
    Client client(test::fake_endpoint(fake), p, nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_TRUE(contains(r.error().message, "gave up after 4 attempts")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 4u);
}

TEST(TeacherClient, HugeRetryAfterStopsAtOnceWithAClearMessage) {
    FakeTeacher fake;
    FakeClock clock;
    fake.push(FakeReply::rate_limited("3600"));
    Client client(test::fake_endpoint(fake), test_params(&clock), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "3600 s")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "run again later")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 1u);
    EXPECT_EQ(clock.slept.load(), 0);  // no silent hour-long wait
}

TEST(TeacherClient, ServerErrorsAreRetriedThenSucceed) {
    FakeTeacher fake;
    FakeClock clock;
    fake.push(FakeReply::error(503, "overloaded"));
    fake.push(FakeReply::error(500, "oops"));
    fake.push(FakeReply::html(502));
    fake.push(FakeReply::ok("good"));
    Client client(test::fake_endpoint(fake), test_params(&clock), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->text, "good");
    EXPECT_EQ(r->attempts, 4);
    EXPECT_GE(clock.slept.load(), 100 + 200 + 400);  // backoff base 100 ms, doubling
}

TEST(TeacherClient, UnauthorizedStopsAtOnceNamingTheVariableNotTheKey) {
    FakeTeacher fake;
    const std::string key = "sk-canary-unauthorized-77";
    ::setenv("SMOLIFY_TEST_TEACHER_KEY", key.c_str(), 1);
    // A server that echoes the key it got (some do, in part) must not get it into our message.
    fake.set_handler([](const test::FakeRequest &r) {
        return FakeReply::error(401, "Incorrect API key provided: " + r.headers.at("authorization"));
    });
    Client client(test::fake_endpoint(fake, "SMOLIFY_TEST_TEACHER_KEY"), test_params(), nullptr);
    std::vector<ChatRequest> reqs = {user_request("a"), user_request("b"), user_request("c")};
    std::vector<std::string> errors;
    Status st = client.chat_many(reqs, [&](std::size_t, Result<ChatReply> r) {
        ASSERT_FALSE(r.ok());
        errors.push_back(r.error().message);
    });
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(contains(st.error().message, "SMOLIFY_TEST_TEACHER_KEY")) << st.error().message;
    EXPECT_FALSE(contains(st.error().message, key)) << st.error().message;
    EXPECT_TRUE(contains(st.error().message, "[redacted]")) << st.error().message;
    EXPECT_EQ(errors.size(), 3u);
    for (const auto &e : errors)
        EXPECT_FALSE(contains(e, key));
    EXPECT_LE(fake.request_count(), 3u);  // no retries: at most the ones already in flight
}

TEST(TeacherClient, MissingKeyVariableFailsBeforeConnecting) {
    FakeTeacher fake;
    ::unsetenv("SMOLIFY_TEST_NO_SUCH_KEY");
    Client client(test::fake_endpoint(fake, "SMOLIFY_TEST_NO_SUCH_KEY"), test_params(), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "SMOLIFY_TEST_NO_SUCH_KEY is not set")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 0u);
}

TEST(TeacherClient, UnknownModelSaysWhatToCheck) {
    FakeTeacher fake;
    fake.push(FakeReply::error(404, "The model `fake-model` does not exist"));
    Client client(test::fake_endpoint(fake), test_params(), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "model \"fake-model\"")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "base URL")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "does not exist")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 1u);
}

TEST(TeacherClient, BadRequestIsNotRetried) {
    FakeTeacher fake;
    fake.push(FakeReply::error(400, "response_format is not supported"));
    Client client(test::fake_endpoint(fake), test_params(), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "HTTP 400")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "response_format is not supported")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 1u);
}

TEST(TeacherClient, HtmlPagesGiveAShortClearError) {
    FakeTeacher fake;
    FakeClock clock;
    fake.set_handler([](const test::FakeRequest &) { return FakeReply::html(502); });
    ClientParams p = test_params(&clock);
    p.max_retries = 1;
    Client client(test::fake_endpoint(fake), p, nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "HTML page")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "502 Bad Gateway")) << r.error().message;
    EXPECT_LT(r.error().message.size(), 600u);
    EXPECT_EQ(fake.request_count(), 2u);

    FakeTeacher web;  // a 200 HTML page: the base URL points at a web site, not an API
    FakeReply page = FakeReply::html(200);
    web.push(page);
    Client c2(test::fake_endpoint(web), test_params(&clock), nullptr);
    auto r2 = c2.chat(user_request("x"));
    ASSERT_FALSE(r2.ok());
    EXPECT_TRUE(contains(r2.error().message, "base URL")) << r2.error().message;
    EXPECT_EQ(web.request_count(), 1u);
}

TEST(TeacherClient, TruncatedTransferIsRetried) {
    FakeTeacher fake;
    FakeClock clock;
    FakeReply cut = FakeReply::ok("this reply will be cut");
    cut.body = cut.body.substr(0, 30);
    cut.declared_length = 500;
    fake.push(cut);
    fake.push(FakeReply::ok("whole"));
    Client client(test::fake_endpoint(fake), test_params(&clock), nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->text, "whole");
    EXPECT_EQ(fake.request_count(), 2u);
}

TEST(TeacherClient, TruncatedOrNonJsonBodiesAreClearErrors) {
    FakeTeacher fake;
    FakeReply half;
    half.body = R"({"choices":[{"message":{"content":"hal)";
    fake.push(half);
    FakeReply prose;
    prose.content_type = "text/plain";
    prose.body = "Hello! I am a teapot.";
    fake.push(prose);
    Client client(test::fake_endpoint(fake), test_params(), nullptr);
    auto a = client.chat(user_request("a"));
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(contains(a.error().message, "not valid JSON")) << a.error().message;
    auto b = client.chat(user_request("b"));
    ASSERT_FALSE(b.ok());
    EXPECT_TRUE(contains(b.error().message, "I am a teapot")) << b.error().message;
}

TEST(TeacherClient, FiftyMegabyteBodyIsCutOffWithBoundedMemory) {
    FakeTeacher fake;
    FakeReply huge;
    huge.body = R"({"choices":[{"message":{"content":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)";
    huge.huge_bytes = 50u << 20;
    fake.push(huge);
    ClientParams p = test_params();
    p.max_response_bytes = 4u << 20;
    Client client(test::fake_endpoint(fake), p, nullptr);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    auto r = client.chat(user_request("x"));
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "cap")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 1u);  // not retried: it would be as big again
    // Peak resident memory grew by far less than the body (ru_maxrss is in KiB).
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 30 * 1024);
}

TEST(TeacherClient, StalledResponseHitsTheStallTimeout) {
    FakeTeacher fake;
    FakeReply stall = FakeReply::ok("never finished");
    stall.body = stall.body.substr(0, 20);
    stall.stall_ms = 30'000;
    fake.push(stall);
    ClientParams p = test_params();
    p.stall_timeout_ms = 300;
    p.max_retries = 0;
    Client client(test::fake_endpoint(fake), p, nullptr);
    auto r = client.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "stopped sending")) << r.error().message;
}

// A teacher that sends the headers and a few bytes and then nothing, on every attempt (issue 16):
// every retry is told as it is planned, and the call stops at its deadline with what to do, rather
// than retrying out of sight.
TEST(TeacherClient, AStalledTeacherIsRetriedAloudAndStopsAtTheCallDeadline) {
    FakeTeacher fake;
    FakeReply stall = FakeReply::ok("never finished");
    stall.body = stall.body.substr(0, 20);
    stall.stall_ms = 30'000;
    fake.push(stall, 20);
    ClientParams p = test_params();
    p.stall_timeout_ms = 200;
    p.max_retries = 6;
    p.call_deadline_ms = 1'200;
    Client client(test::fake_endpoint(fake), p, nullptr);
    std::vector<std::string> notes;
    auto r = client.chat(user_request("x"), nullptr, [&](const ClientProgress &pr) {
        if (!pr.note.empty() && (notes.empty() || notes.back() != pr.note)) notes.push_back(pr.note);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "no complete reply from the teacher in")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "stopped sending")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "check that the teacher's server is up")) << r.error().message;
    // Stopped by the deadline, not by running out of retries.
    EXPECT_GE(fake.request_count(), 2u);
    EXPECT_LT(fake.request_count(), 7u);
    ASSERT_FALSE(notes.empty());
    EXPECT_TRUE(contains(notes.front(), "(retry 1 of 6)")) << notes.front();
    EXPECT_TRUE(contains(notes.front(), "stopped sending")) << notes.front();
    EXPECT_EQ(notes.size(), fake.request_count() - 1) << "one note per retry";
}

TEST(TeacherClient, StalledStreamHitsTheStallTimeout) {
    FakeTeacher fake;
    std::string s = FakeReply::sse_text("partial text", 4, "\n", true);
    FakeReply stall = FakeReply::sse({s.substr(0, s.size() / 2)});
    stall.stall_ms = 30'000;
    fake.push(stall);
    ClientParams p = test_params();
    p.stall_timeout_ms = 300;
    p.max_retries = 0;
    Client client(test::fake_endpoint(fake), p, nullptr);
    auto r = client.chat(user_request("x", /*stream=*/true));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "stopped sending")) << r.error().message;
}

TEST(TeacherClient, CancelTakesEffectWhileACallIsInFlight) {
    FakeTeacher fake;
    FakeReply slow = FakeReply::ok("too late");
    slow.delay_ms = 30'000;  // far longer than the test would wait if cancel did not work
    fake.set_handler([slow](const test::FakeRequest &) { return slow; });
    Client client(test::fake_endpoint(fake), test_params(), nullptr);
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        while (fake.request_count() < 2)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        cancel = true;
    });
    std::vector<ChatRequest> reqs = {user_request("a"), user_request("b"), user_request("c")};
    int cancelled = 0;
    Status st = client.chat_many(
        reqs,
        [&](std::size_t, Result<ChatReply> r) {
            if (!r.ok() && r.error().kind == ErrorKind::cancelled) ++cancelled;
        },
        {}, &cancel);
    canceller.join();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::cancelled);
    EXPECT_EQ(cancelled, 3);
}

TEST(TeacherClient, StreamOverHttpGivesTheSameReplyForSeveralSplits) {
    const std::string text = "Stréam 😀 over HTTP, piece by piece.";
    std::string s = ": hello\r\n\r\n" + FakeReply::sse_text(text, 5, "\r\n", true);
    for (std::size_t cut :
         {std::size_t{1}, std::size_t{13}, s.find("\xF0") + 2, s.size() / 2, s.size() - 3}) {
        FakeTeacher fake;
        fake.push(FakeReply::sse({s.substr(0, cut), s.substr(cut)}, /*chunk_delay_ms=*/20));
        Client client(test::fake_endpoint(fake), test_params(), nullptr);
        auto r = client.chat(user_request("x", /*stream=*/true));
        ASSERT_TRUE(r.ok()) << "cut " << cut << ": " << r.error().message;
        EXPECT_EQ(r->text, text) << "cut " << cut;
        EXPECT_EQ(r->completion_tokens, 3);
        EXPECT_FALSE(r->usage_estimated);
        EXPECT_EQ(fake.requests()[0].json["stream"], true);
    }
}

TEST(TeacherClient, StreamErrorEventAndMissingDoneAreReported) {
    FakeTeacher fake;
    FakeClock clock;
    fake.push(FakeReply::sse({"data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n",
                              "event: error\ndata: {\"error\":{\"message\":\"model overloaded\"}}\n\n"}));
    fake.push(FakeReply::sse({FakeReply::sse_text("no end", 3, "\n", /*done=*/false)}));
    ClientParams p = test_params(&clock);
    p.max_retries = 0;
    Client client(test::fake_endpoint(fake), p, nullptr);
    auto a = client.chat(user_request("a", true));
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(contains(a.error().message, "model overloaded")) << a.error().message;
    auto b = client.chat(user_request("b", true));
    ASSERT_FALSE(b.ok());
    EXPECT_TRUE(contains(b.error().message, "incomplete")) << b.error().message;
}

TEST(TeacherClient, AllowListRefusesOtherHostsBeforeConnecting) {
    FakeTeacher fake;
    ClientParams p = test_params();
    p.allowed_hosts = {"localhost"};
    Client refused(test::fake_endpoint(fake), p, nullptr);  // 127.0.0.1 is not "localhost" by name
    auto r = refused.chat(user_request("x"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "not in the allowed hosts")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 0u);

    p.allowed_hosts = local_hosts();  // air-gap mode: the local teacher is fine
    Client allowed(test::fake_endpoint(fake), p, nullptr);
    EXPECT_TRUE(allowed.chat(user_request("x")).ok());
    EXPECT_EQ(fake.request_count(), 1u);
}

TEST(TeacherClient, BudgetCapRefusesACallThatCouldExceedIt) {
    FakeTeacher fake;
    ClientParams p = test_params();
    p.prices.models["fake-model"] = ModelPrice{1000.0, 1000.0};  // $ per million tokens: $0.001 a token
    p.concurrency = 1;
    ChatRequest req = user_request("x");  // ~30 prompt bytes + 100 max tokens: worst case about $0.13
    auto worst =
        Client(test::fake_endpoint(fake), p, nullptr).estimate_cost(std::span<const ChatRequest>(&req, 1));
    ASSERT_TRUE(worst.ok());
    EXPECT_GT(worst->worst_usd, 0.1);

    p.budget_usd = worst->worst_usd * 0.9;
    Client broke(test::fake_endpoint(fake), p, nullptr);
    auto r = broke.chat(req);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message, "budget")) << r.error().message;
    EXPECT_EQ(fake.request_count(), 0u);

    // Room for one call's worst case but not two: the first goes, the second is refused.
    p.budget_usd = worst->worst_usd * 1.5;
    fake.push(FakeReply::ok("one", 30, 100));
    Client one(test::fake_endpoint(fake), p, nullptr);
    std::vector<ChatRequest> reqs = {user_request("first"), user_request("second")};
    int ok = 0, refused = 0;
    Status st = one.chat_many(reqs, [&](std::size_t, Result<ChatReply> rr) { rr.ok() ? ++ok : ++refused; });
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(refused, 1);
    EXPECT_EQ(fake.request_count(), 1u);
    EXPECT_NEAR(one.spent_usd(), 0.13, 1e-9);
    EXPECT_LE(one.spent_usd(), *p.budget_usd);
}

TEST(TeacherClient, ManyInFlightAllAnsweredAndDuplicatesSentOnce) {
    FakeTeacher fake;
    fake.set_handler([](const test::FakeRequest &r) {
        FakeReply reply = FakeReply::ok("re: " + r.last_user_message());
        reply.delay_ms = 20;
        return reply;
    });
    ClientParams p = test_params();
    p.concurrency = 8;
    Client client(test::fake_endpoint(fake), p, nullptr);
    std::vector<ChatRequest> reqs;
    for (int i = 0; i < 40; ++i)
        reqs.push_back(user_request("item " + std::to_string(i % 30)));
    std::vector<std::string> texts(reqs.size());
    std::size_t copies = 0;
    Status st = client.chat_many(reqs, [&](std::size_t i, Result<ChatReply> r) {
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_TRUE(texts[i].empty());  // exactly once per index
        texts[i] = r->text;
        if (r->from_journal) ++copies;
    });
    ASSERT_TRUE(st.ok());
    for (std::size_t i = 0; i < reqs.size(); ++i)
        EXPECT_EQ(texts[i], "re: item " + std::to_string(i % 30));
    EXPECT_EQ(fake.request_count(), 30u);
    EXPECT_EQ(copies, 10u);
}

TEST(TeacherClient, RequestThatIsNotUtf8IsRefusedAloneWithoutSending) {
    FakeTeacher fake;
    Client client(test::fake_endpoint(fake), test_params(), nullptr);
    std::vector<ChatRequest> reqs = {user_request("bad \xC3"), user_request("good")};
    std::vector<bool> ok(2);
    Status st = client.chat_many(reqs, [&](std::size_t i, Result<ChatReply> r) { ok[i] = r.ok(); });
    EXPECT_TRUE(st.ok());
    EXPECT_FALSE(ok[0]);
    EXPECT_TRUE(ok[1]);
    EXPECT_EQ(fake.request_count(), 1u);
}
