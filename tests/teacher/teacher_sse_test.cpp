// The stream parser and the network-free protocol helpers: the same SSE stream cut at every byte gives
// the same reply; Retry-After in both forms; tolerant JSON; excerpts and URLs that cannot leak secrets.
#include <gtest/gtest.h>

#include <ctime>

#include "support/fake_teacher.h"
#include "teacher/client.h"
#include "teacher/protocol.h"
#include "teacher/sse.h"

using namespace smolify;
using namespace smolify::teacher;
using smolify::test::FakeReply;

namespace {

// A stream with everything that trips parsers: CRLF line ends, keep-alive comments, an event name, a
// 4-byte and a 2-byte UTF-8 character inside content (so some splits fall inside them), a usage chunk.
const std::string kText = "Hé said 😀 twice.";

std::string tricky_stream(bool done = true, bool error_event = false) {
    std::string s = ": keep-alive\r\n\r\n";
    s += FakeReply::sse_text(kText, 3, "\r\n", false);
    s += ":ping\r\n\r\n";
    if (error_event) s += "event: error\r\ndata: {\"error\":{\"message\":\"overloaded, try later\"}}\r\n\r\n";
    if (done) s += "data: [DONE]\r\n\r\n";
    return s;
}

struct Parsed {
    bool feed_ok = true;
    bool finish_ok = true;
    std::string text, finish_reason, error;
    std::optional<int> prompt_tokens, completion_tokens;
};

Parsed parse_in_pieces(const std::string &s, const std::vector<std::size_t> &cuts) {
    ChatStream stream;
    Parsed p;
    std::size_t from = 0;
    auto feed = [&](std::size_t to) {
        Status st = stream.feed(std::string_view(s).substr(from, to - from));
        if (!st && p.feed_ok) {
            p.feed_ok = false;
            p.error = st.error().message;
        }
        from = to;
    };
    for (std::size_t c : cuts)
        feed(c);
    feed(s.size());
    if (p.feed_ok) {
        Status st = stream.finish();
        p.finish_ok = st.ok();
        if (!st) p.error = st.error().message;
    }
    p.text = stream.text();
    p.finish_reason = stream.finish_reason();
    p.prompt_tokens = stream.prompt_tokens();
    p.completion_tokens = stream.completion_tokens();
    return p;
}

}  // namespace

TEST(TeacherSse, SameReplyForEverySplitPoint) {
    const std::string s = tricky_stream();
    Parsed whole = parse_in_pieces(s, {});
    ASSERT_TRUE(whole.feed_ok && whole.finish_ok) << whole.error;
    EXPECT_EQ(whole.text, kText);
    EXPECT_EQ(whole.finish_reason, "stop");
    EXPECT_EQ(whole.prompt_tokens, 7);
    EXPECT_EQ(whole.completion_tokens, 3);
    for (std::size_t i = 1; i < s.size(); ++i) {
        Parsed p = parse_in_pieces(s, {i});
        ASSERT_TRUE(p.feed_ok && p.finish_ok) << "split at " << i << ": " << p.error;
        ASSERT_EQ(p.text, kText) << "split at " << i;
        ASSERT_EQ(p.finish_reason, "stop") << "split at " << i;
        ASSERT_EQ(p.completion_tokens, 3) << "split at " << i;
    }
    // And one byte at a time: every boundary at once.
    std::vector<std::size_t> every;
    for (std::size_t i = 1; i < s.size(); ++i)
        every.push_back(i);
    Parsed bytewise = parse_in_pieces(s, every);
    ASSERT_TRUE(bytewise.feed_ok && bytewise.finish_ok) << bytewise.error;
    EXPECT_EQ(bytewise.text, kText);
}

TEST(TeacherSse, LfAndLoneCrLineEndsGiveTheSameReply) {
    std::string lf = FakeReply::sse_text(kText, 5, "\n");
    std::string cr = FakeReply::sse_text(kText, 5, "\r");
    for (const std::string *s : {&lf, &cr})
        for (std::size_t i = 1; i < s->size(); i += 7) {
            Parsed p = parse_in_pieces(*s, {i});
            ASSERT_TRUE(p.feed_ok && p.finish_ok) << p.error;
            ASSERT_EQ(p.text, kText);
        }
}

TEST(TeacherSse, MissingDoneIsIncompleteForEverySplit) {
    const std::string s = tricky_stream(/*done=*/false);
    for (std::size_t i = 1; i < s.size(); ++i) {
        Parsed p = parse_in_pieces(s, {i});
        ASSERT_TRUE(p.feed_ok) << p.error;
        ASSERT_FALSE(p.finish_ok) << "split at " << i;
        ASSERT_NE(p.error.find("incomplete"), std::string::npos) << p.error;
        ASSERT_EQ(p.text, kText);  // what arrived is still there, for the message
    }
}

TEST(TeacherSse, ErrorEventIsSurfacedForEverySplit) {
    const std::string s = tricky_stream(/*done=*/true, /*error_event=*/true);
    for (std::size_t i = 1; i < s.size(); ++i) {
        Parsed p = parse_in_pieces(s, {i});
        ASSERT_FALSE(p.feed_ok && p.finish_ok) << "split at " << i;
        ASSERT_NE(p.error.find("overloaded, try later"), std::string::npos) << p.error;
    }
}

TEST(TeacherSse, DataErrorObjectAndGarbageChunkAreErrors) {
    Parsed a = parse_in_pieces("data: {\"error\":{\"message\":\"quota\"}}\n\ndata: [DONE]\n\n", {});
    EXPECT_FALSE(a.feed_ok);
    EXPECT_NE(a.error.find("quota"), std::string::npos);
    Parsed b = parse_in_pieces("data: {not json\n\ndata: [DONE]\n\n", {});
    EXPECT_FALSE(b.feed_ok);
    EXPECT_NE(b.error.find("not JSON"), std::string::npos);
}

TEST(TeacherSse, OverlongLineIsRefusedNotBuffered) {
    ChatStream stream(/*max_line_bytes=*/1024);
    std::string big(4096, 'a');
    Status st = stream.feed("data: " + big);
    EXPECT_FALSE(st.ok());
}

TEST(TeacherSse, MultiLineDataIsJoined) {
    SseParser parser;
    std::vector<SseEvent> events;
    ASSERT_TRUE(
        parser.feed("event: x\ndata: a\ndata:b\n\n", [&](SseEvent &&e) { events.push_back(e); }).ok());
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event, "x");
    EXPECT_EQ(events[0].data, "a\nb");
}

TEST(TeacherProtocol, RetryAfterSecondsAndHttpDate) {
    const int64_t now = 1'700'000'000;
    EXPECT_EQ(parse_retry_after("120", now), 120);
    EXPECT_EQ(parse_retry_after(" 0 ", now), 0);
    std::time_t t = static_cast<std::time_t>(now + 90);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    EXPECT_EQ(parse_retry_after(buf, now), 90);
    EXPECT_EQ(parse_retry_after("next tuesday-ish", now), std::nullopt);
    EXPECT_EQ(parse_retry_after("", now), std::nullopt);
    EXPECT_GT(*parse_retry_after("99999999999999999999", now), 1'000'000);  // no overflow
}

TEST(TeacherProtocol, TolerantJsonReply) {
    EXPECT_EQ((*parse_json_reply("{\"a\":1}"))["a"], 1);
    EXPECT_EQ((*parse_json_reply("Sure!\n```json\n{\"a\": 2}\n```\nHope it helps"))["a"], 2);
    EXPECT_EQ((*parse_json_reply("Here it is: {\"a\": \"}\", \"b\": [3]} done"))["b"][0], 3);
    EXPECT_EQ((*parse_json_reply("list: [1, 2]"))[1], 2);
    auto bad = parse_json_reply("no json here at all {unclosed");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::user);
}

TEST(TeacherProtocol, ParseCompletionErrorsAreClear) {
    auto html = parse_completion("<html><body>Bad gateway</body></html>", "text/html");
    ASSERT_FALSE(html.ok());
    EXPECT_NE(html.error().message.find("HTML"), std::string::npos);
    auto cut = parse_completion("{\"choices\":[{\"message\":{\"content\":\"hal", "application/json");
    ASSERT_FALSE(cut.ok());
    EXPECT_NE(cut.error().message.find("not valid JSON"), std::string::npos);
    auto empty = parse_completion("{\"choices\":[]}", "application/json");
    EXPECT_FALSE(empty.ok());
    auto parts = parse_completion(
        R"({"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]})",
        "application/json");
    ASSERT_TRUE(parts.ok());
    EXPECT_EQ(parts->text, "ab");
}

TEST(TeacherProtocol, ExcerptsAreShortCleanAndRedacted) {
    std::string secret = "sk-canary-123456";
    std::string body = "Invalid key " + secret + "\x01\x02 " + std::string(5000, 'x') + "\xff\xfe";
    std::string e = safe_excerpt(body, 100, secret);
    EXPECT_EQ(e.find(secret), std::string::npos);
    EXPECT_NE(e.find("[redacted]"), std::string::npos);
    EXPECT_LE(e.size(), 100u + 3);  // plus the ellipsis
    for (char c : e)
        EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20);
}

TEST(TeacherProtocol, SanitizedUrlsHoldNoSecrets) {
    EXPECT_EQ(sanitize_url("https://user:pw@api.example.com/v1/?key=abc#x"), "https://api.example.com/v1");
    EXPECT_EQ(sanitize_url("http://localhost:8080/v1/"), "http://localhost:8080/v1");
    EXPECT_EQ(sanitize_url("not a url?key=abc").find("abc"), std::string::npos);
    EXPECT_EQ(*url_host("http://LocalHost:11434/v1"), "localhost");
    EXPECT_EQ(*url_host("http://[::1]:8080/v1"), "::1");
    EXPECT_FALSE(url_host("file:///etc/passwd").ok());
}

TEST(TeacherProtocol, PresetsCoverTheProviders) {
    for (const char *name : {"openai", "anthropic", "gemini", "openrouter", "together", "groq", "ollama",
                             "llamacpp", "vllm", "lmstudio"}) {
        const Preset *p = find_preset(name);
        ASSERT_NE(p, nullptr) << name;
        EXPECT_TRUE(url_host(p->base_url).ok()) << name;
        EXPECT_EQ(p->local, p->key_env.empty()) << name;
    }
    EXPECT_EQ(find_preset("ollama")->base_url, "http://localhost:11434/v1");
    EXPECT_EQ(find_preset("nope"), nullptr);
}

TEST(TeacherProtocol, PriceTableRoundTripsAndRejectsNonsense) {
    auto t = PriceTable::from_json(PriceTable::defaults().to_json());
    ASSERT_TRUE(t.ok());
    ASSERT_NE(t->find("gpt-4o-mini"), nullptr);
    EXPECT_DOUBLE_EQ(t->find("gpt-4o-mini")->output_per_mtok,
                     PriceTable::defaults().find("gpt-4o-mini")->output_per_mtok);
    EXPECT_FALSE(PriceTable::from_json(nlohmann::json{{"m", {{"input", -1}, {"output", 1}}}}).ok());
    EXPECT_FALSE(PriceTable::from_json(nlohmann::json{{"m", "cheap"}}).ok());
}

TEST(TeacherProtocol, RequestBodyAndHash) {
    Endpoint ep{"http://h/v1", "m", "", JsonSupport::json_schema};
    ChatRequest r;
    r.messages = {{"user", "hi"}};
    r.json_schema = nlohmann::json{{"type", "object"}};
    auto body = request_body(ep, r);
    EXPECT_EQ(body["response_format"]["type"], "json_schema");
    ep.json = JsonSupport::json_object;
    EXPECT_EQ(request_body(ep, r)["response_format"]["type"], "json_object");
    ep.json = JsonSupport::none;
    EXPECT_FALSE(request_body(ep, r).contains("response_format"));
    // The hash ignores streaming and purpose, and sees content, model and endpoint.
    ChatRequest s = r;
    s.stream = true;
    s.purpose = "judge";
    EXPECT_EQ(request_hash(ep, r), request_hash(ep, s));
    s.messages[0].content = "hi (slice 2)";
    EXPECT_NE(request_hash(ep, r), request_hash(ep, s));
    Endpoint other = ep;
    other.model = "m2";
    EXPECT_NE(request_hash(ep, r), request_hash(other, r));
}
