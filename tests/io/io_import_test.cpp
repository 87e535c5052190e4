// import_samples: JSONL, OpenAI chat JSONL and CSV; malformed records reported with their line
// numbers while the good ones land; duplicates, re-imports, --approve/--split, progress and cancel.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "io/import.h"
#include "io_test_util.h"

namespace smolify::io {
namespace {

using test::make_project;
using test::TempDir;
using test::write_file;

class ImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_FALSE(dir.path().empty());
        project = make_project(dir / "p.smolify");
        ASSERT_TRUE(project);
    }

    // Writes `content` to `name` in the temp dir and imports it; fails the test on a hard error.
    ImportReport import(const std::string &name, std::string_view content, const ImportParams &params = {}) {
        write_file(dir / name, content);
        auto r = import_samples(*project, dir / name, params);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : ImportReport{};
    }

    // An import that is to be cancelled: its error (job::cancelled), whose message says what was kept.
    std::string import_cancelled(const std::string &name, std::string_view content, const ImportParams &params) {
        write_file(dir / name, content);
        auto r = import_samples(*project, dir / name, params);
        EXPECT_FALSE(r.ok());
        if (r.ok()) return {};
        EXPECT_EQ(r.error().kind, ErrorKind::cancelled) << r.error().message;
        return r.error().message;
    }

    std::vector<store::Sample> all_samples() {
        auto r = project->samples(store::SampleQuery{});
        EXPECT_TRUE(r.ok());
        return r.ok() ? r.value() : std::vector<store::Sample>{};
    }

    int64_t total() {
        auto c = project->counts();
        EXPECT_TRUE(c.ok());
        return c.ok() ? c->total : -1;
    }

    TempDir dir;
    std::unique_ptr<store::Project> project;
};

std::string issues_text(const ImportReport &r) {
    std::string s;
    for (const auto &i : r.issues)
        s += "line " + std::to_string(i.line) + ": " + i.message + "\n";
    return s;
}

// A JSONL line {"input":i,"output":o} built with nlohmann so that escaping is right.
std::string jl(const std::string &input, const std::string &output) {
    return nlohmann::json{{"input", input}, {"output", output}}.dump() + "\n";
}

TEST_F(ImportTest, GoodJsonlLinesAreStored) {
    auto r = import(
        "data.jsonl",
        "{\"input\": \"What eats krill?\", \"output\": \"Whales.\", \"topic\": \"food\"}\n"
        "{\"output\": \"Salt.\", \"input\": \"What is in seawater?\", \"extra\": [1, 2]}\n"
        "{\"input\": \"caf\\u00e9 \xF0\x9F\x90\x8B\", \"output\": \"line\\nbreak\", \"topic\": null}\n");
    EXPECT_EQ(r.totals.records, 3);
    EXPECT_EQ(r.totals.imported, 3);
    EXPECT_EQ(r.totals.malformed, 0);
    EXPECT_EQ(r.totals.duplicates, 0);
    EXPECT_TRUE(r.issues.empty()) << issues_text(r);

    auto s = all_samples();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].input, "What eats krill?");
    EXPECT_EQ(s[0].output, "Whales.");
    EXPECT_EQ(s[0].topic, "food");
    EXPECT_EQ(s[1].input, "What is in seawater?");
    EXPECT_EQ(s[1].topic, "");
    EXPECT_EQ(s[2].input, "caf\xC3\xA9 \xF0\x9F\x90\x8B");
    EXPECT_EQ(s[2].output, "line\nbreak");
    for (const auto &x : s) {
        EXPECT_EQ(x.source, store::SampleSource::import);
        EXPECT_EQ(x.status, store::SampleStatus::pending);
        EXPECT_EQ(x.split, store::Split::train);
    }
    auto prov = nlohmann::json::parse(s[1].provenance);
    EXPECT_EQ(prov["file"], "data.jsonl");
    EXPECT_EQ(prov["line"], 2);
}

TEST_F(ImportTest, BlankLinesCrlfAndBomAreAccepted) {
    auto r = import("data.ndjson", "\xEF\xBB\xBF" + jl("q1", "a1") + "\r\n   \n" +
                                       "{\"input\":\"q2\",\"output\":\"a2\"}\r\n" + "\t\n" +
                                       "{\"input\":\"q3\",\"output\":\"a3\"}");
    EXPECT_EQ(r.totals.records, 3);  // blank lines are not records
    EXPECT_EQ(r.totals.imported, 3);
    EXPECT_TRUE(r.issues.empty()) << issues_text(r);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[1].output, "a2");  // no stray CR
    EXPECT_EQ(nlohmann::json::parse(s[2].provenance)["line"], 6);
}

TEST_F(ImportTest, ChatFormatWithStringAndPartsContent) {
    auto r = import(
        "chat.jsonl",
        R"({"messages":[{"role":"user","content":"Hi there"},{"role":"assistant","content":"Hello!"}]})"
        "\n"
        R"({"messages":[{"role":"user","content":[{"type":"text","text":"Part one. "},)"
        R"({"type":"text","text":"Part two."}]},)"
        R"({"role":"assistant","content":[{"type":"text","text":"Done."}]}]})"
        "\n");
    EXPECT_EQ(r.totals.imported, 2) << issues_text(r);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].input, "Hi there");
    EXPECT_EQ(s[0].output, "Hello!");
    EXPECT_EQ(s[1].input, "Part one. Part two.");
    EXPECT_EQ(s[1].output, "Done.");
    auto prov = nlohmann::json::parse(s[0].provenance);
    EXPECT_EQ(prov["format"], "chat");
    EXPECT_FALSE(prov.contains("system_message"));
}

TEST_F(ImportTest, ChatSystemMessageIsIgnoredAndNoted) {
    auto r =
        import("chat.jsonl",
               R"({"messages":[{"role":"system","content":"You are terse."},)"
               R"({"role":"user","content":"Capital of France?"},{"role":"assistant","content":"Paris."}]})"
               "\n");
    EXPECT_EQ(r.totals.imported, 1) << issues_text(r);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].input, "Capital of France?");
    EXPECT_EQ(s[0].output, "Paris.");
    EXPECT_EQ(nlohmann::json::parse(s[0].provenance)["system_message"], "ignored");
}

TEST_F(ImportTest, ChatShapesThatCannotBeOneExampleAreReported) {
    std::string lines =
        // 1: multi-turn
        R"({"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},)"
        R"({"role":"user","content":"c"},{"role":"assistant","content":"d"}]})"
        "\n"
        // 2: no assistant
        R"({"messages":[{"role":"user","content":"a"}]})"
        "\n"
        // 3: no user
        R"({"messages":[{"role":"system","content":"s"},{"role":"assistant","content":"b"}]})"
        "\n"
        // 4: an image part
        R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]},)"
        R"({"role":"assistant","content":"b"}]})"
        "\n"
        // 5: a tool message
        R"({"messages":[{"role":"user","content":"a"},{"role":"tool","content":"t"},)"
        R"({"role":"assistant","content":"b"}]})"
        "\n"
        // 6: messages is not a list
        R"({"messages":"hello"})"
        "\n"
        // 7: assistant before the user
        R"({"messages":[{"role":"assistant","content":"b"},{"role":"user","content":"a"}]})"
        "\n"
        // 8: empty assistant reply
        R"({"messages":[{"role":"user","content":"a"},{"role":"assistant","content":""}]})"
        "\n"
        // 9: good
        R"({"messages":[{"role":"user","content":"ok"},{"role":"assistant","content":"fine"}]})"
        "\n";
    auto r = import("chat.jsonl", lines);
    EXPECT_EQ(r.totals.records, 9);
    EXPECT_EQ(r.totals.imported, 1);
    EXPECT_EQ(r.totals.malformed, 8);
    ASSERT_EQ(r.issues.size(), 8u) << issues_text(r);
    for (int i = 0; i < 8; ++i)
        EXPECT_EQ(r.issues[i].line, i + 1) << issues_text(r);
    EXPECT_NE(r.issues[0].message.find("multi-turn"), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[1].message.find("no \"assistant\""), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[2].message.find("no \"user\""), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[3].message.find("image_url"), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[4].message.find("tool"), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[5].message.find("not a list"), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[6].message.find("one user message followed by"), std::string::npos) << issues_text(r);
    EXPECT_NE(r.issues[7].message.find("assistant reply is empty"), std::string::npos) << issues_text(r);
    EXPECT_EQ(total(), 1);
}

TEST_F(ImportTest, MalformedLinesAreReportedAndGoodOnesKept) {
    std::string lines = jl("good one", "kept") +                                     // 1
                        "{\"input\": \"x\", \"output\": }\n" +                       // 2 bad JSON
                        "[1, 2]\n" +                                                 // 3 not an object
                        "{\"input\": \"only input\"}\n" +                            // 4 missing output
                        "\n" +                                                       // 5 blank
                        "{\"input\": \"\", \"output\": \"y\"}\n" +                   // 6 empty input
                        "{\"input\": 42, \"output\": \"y\"}\n" +                     // 7 not a string
                        "{\"input\": \"bad \xC3\x28 byte\", \"output\": \"y\"}\n" +  // 8 invalid UTF-8
                        jl("good two", "kept too") +                                 // 9
                        "{\"input\": \"   \", \"output\": \"y\"}\n" +                // 10 whitespace only
                        "{\"hello\": \"world\"}\n" +                                 // 11 neither format
                        "{\"input\": \"t\", \"output\": \"u\", \"topic\": 5}\n" +    // 12 topic not a string
                        "\"just a string\"\n";                                       // 13
    auto r = import("mixed.jsonl", lines);
    EXPECT_EQ(r.totals.records, 12);
    EXPECT_EQ(r.totals.imported, 2);
    EXPECT_EQ(r.totals.malformed, 10);
    ASSERT_EQ(r.issues.size(), 10u) << issues_text(r);
    struct Expect {
        int64_t line;
        const char *text;
    };
    std::vector<Expect> want = {{2, "not valid JSON"},      {3, "not a JSON object"},
                                {4, "missing \"output\""},  {6, "\"input\" is empty"},
                                {7, "not a string"},        {8, "not valid UTF-8"},
                                {10, "\"input\" is empty"}, {11, "needs \"input\""},
                                {12, "\"topic\""},          {13, "not a JSON object"}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(r.issues[i].line, want[i].line) << issues_text(r);
        EXPECT_NE(r.issues[i].message.find(want[i].text), std::string::npos)
            << "issue " << i << ": " << r.issues[i].message;
    }
    auto s = all_samples();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].input, "good one");
    EXPECT_EQ(s[1].input, "good two");
    EXPECT_EQ(nlohmann::json::parse(s[1].provenance)["line"], 9);
}

TEST_F(ImportTest, OverlongLineIsSkippedNotBuffered) {
    ImportParams params;
    params.max_record_bytes = 1000;
    std::string lines = jl("before", "x") + jl(std::string(5000, 'a'), "long") + jl("after", "y") +
                        "{\"input\":\"" + std::string(3000, 'b');  // over-long and unterminated at the end
    auto r = import("long.jsonl", lines, params);
    EXPECT_EQ(r.totals.imported, 2);
    EXPECT_EQ(r.totals.malformed, 2);
    ASSERT_EQ(r.issues.size(), 2u) << issues_text(r);
    EXPECT_EQ(r.issues[0].line, 2);
    EXPECT_EQ(r.issues[0].message, "longer than 1000 bytes; skipped");
    EXPECT_EQ(r.issues[1].line, 4);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1].input, "after");
}

TEST_F(ImportTest, LineOverTheDefaultLimitSpansManyBuffers) {
    std::string lines = jl("q", std::string(5 * 1024 * 1024, 'z')) + jl("small", "one");
    auto r = import("huge.jsonl", lines);
    ASSERT_EQ(r.issues.size(), 1u) << issues_text(r);
    EXPECT_EQ(r.issues[0].line, 1);
    EXPECT_EQ(r.issues[0].message, "longer than 4 MiB; skipped");
    EXPECT_EQ(r.totals.imported, 1);
}

TEST_F(ImportTest, FieldOverTheStoreLimitIsReported) {
    auto r = import("big.jsonl", jl("q", std::string(store::kMaxFieldBytes + 1, 'o')) + jl("q2", "fine"));
    EXPECT_EQ(r.totals.imported, 1);
    ASSERT_EQ(r.issues.size(), 1u) << issues_text(r);
    EXPECT_EQ(r.issues[0].line, 1);
    EXPECT_NE(r.issues[0].message.find("over the 1 MiB limit"), std::string::npos) << r.issues[0].message;
}

TEST_F(ImportTest, OnlyTheFirstIssuesAreListed) {
    ImportParams params;
    params.max_issues = 3;
    std::string lines;
    for (int i = 0; i < 10; ++i)
        lines += "not json\n";
    lines += jl("q", "a");
    auto r = import("bad.jsonl", lines, params);
    EXPECT_EQ(r.totals.malformed, 10);
    ASSERT_EQ(r.issues.size(), 3u);
    EXPECT_EQ(r.issues_not_listed, 7);
    EXPECT_EQ(r.issues[2].line, 3);
    EXPECT_EQ(r.totals.imported, 1);
}

TEST_F(ImportTest, DuplicatesAreCountedAndReimportAddsNothing) {
    std::string lines = jl("q1", "a1") + jl("q2", "a2") + jl("q1", "a1") + jl("q1", "a different answer");
    ImportParams params;
    params.batch_size = 2;  // the repeat lands in a later batch than the original
    auto r = import("dups.jsonl", lines, params);
    EXPECT_EQ(r.totals.imported, 3);
    EXPECT_EQ(r.totals.duplicates, 1);
    EXPECT_EQ(r.totals.malformed, 0);

    auto again = import("dups.jsonl", lines);
    EXPECT_EQ(again.totals.imported, 0);
    EXPECT_EQ(again.totals.duplicates, 4);
    EXPECT_EQ(total(), 3);
}

TEST_F(ImportTest, DuplicatesInsideOneBatchAreCounted) {
    auto r = import("dups.jsonl", jl("q", "a") + jl("q", "a") + jl("q", "a"));
    EXPECT_EQ(r.totals.imported, 1);
    EXPECT_EQ(r.totals.duplicates, 2);
}

TEST_F(ImportTest, StatusAndSplitFromParams) {
    ImportParams params;
    params.status = store::SampleStatus::approved;
    params.split = store::Split::test;
    auto r = import("d.jsonl", jl("q1", "a1") + jl("q2", "a2"), params);
    EXPECT_EQ(r.totals.imported, 2);
    auto c = project->counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->approved, 2);
    EXPECT_EQ(c->test, 2);
    EXPECT_EQ(c->pending, 0);
    EXPECT_EQ(c->train, 0);
}

TEST_F(ImportTest, ProgressAfterEachBatchAndAtTheEnd) {
    std::string lines;
    for (int i = 0; i < 35; ++i)
        lines += jl("q" + std::to_string(i), "a");
    ImportParams params;
    params.batch_size = 10;
    std::vector<ImportProgress> seen;
    params.hooks.on_progress = [&](const ImportProgress &p) {
        seen.push_back(p);
        return true;
    };
    auto r = import("p.jsonl", lines, params);
    EXPECT_EQ(r.totals.imported, 35);
    ASSERT_GE(seen.size(), 4u);
    EXPECT_EQ(seen[0].imported, 10);
    EXPECT_EQ(seen[1].imported, 20);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        EXPECT_GE(seen[i].imported, seen[i - 1].imported);
        EXPECT_GE(seen[i].done, seen[i - 1].done);
    }
    EXPECT_EQ(seen.back().imported, 35);
    EXPECT_EQ(seen.back().done, static_cast<int64_t>(lines.size()));
    EXPECT_EQ(seen.back().total, static_cast<int64_t>(lines.size()));
    EXPECT_EQ(seen.back().unit, "bytes");
    EXPECT_DOUBLE_EQ(seen.back().fraction(), 1.0);
}

TEST_F(ImportTest, CancelFromProgressKeepsWhatWasStored) {
    std::string lines;
    for (int i = 0; i < 100; ++i)
        lines += jl("q" + std::to_string(i), "a");
    ImportParams params;
    params.batch_size = 10;
    int calls = 0;
    params.hooks.on_progress = [&](const ImportProgress &) { return ++calls < 2; };
    const std::string message = import_cancelled("c.jsonl", lines, params);
    EXPECT_NE(message.find("20 new samples"), std::string::npos) << message;
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(total(), 20);
}

TEST_F(ImportTest, CancelFlagIsHonouredBetweenBatches) {
    std::string lines;
    for (int i = 0; i < 100; ++i)
        lines += jl("q" + std::to_string(i), "a");
    std::atomic<bool> cancel{false};
    ImportParams params;
    params.batch_size = 10;
    params.hooks.cancel = &cancel;
    params.hooks.on_progress = [&](const ImportProgress &p) {
        if (p.imported >= 30) cancel = true;
        return true;
    };
    const std::string message = import_cancelled("c.jsonl", lines, params);
    EXPECT_NE(message.find("30 new samples"), std::string::npos) << message;
    EXPECT_EQ(total(), 30);
}

TEST_F(ImportTest, CancelSetBeforeTheStartStoresNothing) {
    std::atomic<bool> cancel{true};
    ImportParams params;
    params.hooks.cancel = &cancel;
    const std::string message = import_cancelled("c.jsonl", jl("q", "a"), params);
    EXPECT_NE(message.find("0 new samples"), std::string::npos) << message;
    EXPECT_EQ(total(), 0);
}

TEST_F(ImportTest, UnknownExtensionNamesTheFormats) {
    write_file(dir / "data.txt", jl("q", "a"));
    auto r = import_samples(*project, dir / "data.txt");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("--format"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(".jsonl"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(".csv"), std::string::npos) << r.error().message;

    ImportParams params;
    params.format = ImportFormat::jsonl;  // naming the format overrides the extension
    auto ok = import_samples(*project, dir / "data.txt", params);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->totals.imported, 1);
}

TEST_F(ImportTest, UppercaseExtensionIsRecognised) {
    auto r = import("DATA.JSONL", jl("q", "a"));
    EXPECT_EQ(r.totals.imported, 1);
}

TEST_F(ImportTest, MissingFileOrFolderIsAUserErrorWithThePath) {
    auto missing = import_samples(*project, dir / "nope.jsonl");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::user);
    EXPECT_NE(missing.error().message.find("nope.jsonl"), std::string::npos) << missing.error().message;

    std::filesystem::create_directory(dir / "folder.jsonl");
    auto folder = import_samples(*project, dir / "folder.jsonl");
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().kind, ErrorKind::user);
    EXPECT_NE(folder.error().message.find("folder.jsonl"), std::string::npos) << folder.error().message;
    EXPECT_NE(folder.error().message.find("folder"), std::string::npos);
    EXPECT_EQ(total(), 0);
}

TEST_F(ImportTest, JsonArrayFileIsExplained) {
    write_file(dir / "data.json", "[\n  {\"input\": \"q\", \"output\": \"a\"}\n]\n");
    auto r = import_samples(*project, dir / "data.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("JSON array"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("jq"), std::string::npos) << r.error().message;
}

TEST(ImportFormat, ParsesNames) {
    EXPECT_EQ(parse_import_format("auto"), ImportFormat::auto_detect);
    EXPECT_EQ(parse_import_format("jsonl"), ImportFormat::jsonl);
    EXPECT_EQ(parse_import_format("csv"), ImportFormat::csv);
    EXPECT_FALSE(parse_import_format("xml").has_value());
    EXPECT_FALSE(parse_import_format("").has_value());
}

// --- CSV ----------------------------------------------------------------------------------------

TEST_F(ImportTest, CsvWithQuotingMultilineAndExtraColumns) {
    std::string csv =
        "id, Input ,OUTPUT,Topic,notes\n"
        "1,\"Hello, world\",\"She said \"\"hi\"\"\",greetings,x\n"
        "2,\"multi\nline\ninput\",plain,,y\n"
        "3,caf\xC3\xA9,\xF0\x9F\x8C\x8A,sea,z\n";
    auto r = import("d.csv", csv);
    EXPECT_EQ(r.totals.records, 3);
    EXPECT_EQ(r.totals.imported, 3);
    EXPECT_TRUE(r.issues.empty()) << issues_text(r);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].input, "Hello, world");
    EXPECT_EQ(s[0].output, "She said \"hi\"");
    EXPECT_EQ(s[0].topic, "greetings");
    EXPECT_EQ(s[1].input, "multi\nline\ninput");
    EXPECT_EQ(s[1].topic, "");
    EXPECT_EQ(s[2].output, "\xF0\x9F\x8C\x8A");
    // Each sample records the line its record starts on, counting line breaks inside quotes.
    EXPECT_EQ(nlohmann::json::parse(s[1].provenance)["line"], 3);
    EXPECT_EQ(nlohmann::json::parse(s[2].provenance)["line"], 6);
    EXPECT_EQ(nlohmann::json::parse(s[2].provenance)["file"], "d.csv");
}

TEST_F(ImportTest, CsvBomAndCrlf) {
    auto r = import("d.csv", "\xEF\xBB\xBFinput,output\r\nq1,a1\r\n\"q2\",\"a\r\n2\"\r\n\r\nq3,a3");
    EXPECT_EQ(r.totals.imported, 3) << issues_text(r);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].output, "a1");
    EXPECT_EQ(s[1].output, "a\r\n2");  // a line break inside quotes is data, kept as written
    EXPECT_EQ(s[2].input, "q3");
}

TEST_F(ImportTest, CsvBadRecordsReportedWithTheLineTheyStartOn) {
    std::string csv =
        "input,output\n"
        "good,one\n"                    // 2
        "too,many,fields\n"             // 3
        "\"multi\nline\",two\n"         // 4-5 good
        "lonely\n"                      // 6 too few
        ",empty input\n"                // 7
        "\"x\"y,bad quote\n"            // 8
        "bad \xFF byte,z\n"             // 9
        "last,good\n"                   // 10
        "\"never closed,oops\nmore\n";  // 11
    auto r = import("d.csv", csv);
    EXPECT_EQ(r.totals.imported, 3);
    EXPECT_EQ(r.totals.malformed, 6);
    ASSERT_EQ(r.issues.size(), 6u) << issues_text(r);
    EXPECT_EQ(r.issues[0].line, 3);
    EXPECT_EQ(r.issues[0].message, "has 3 fields; the header has 2");
    EXPECT_EQ(r.issues[1].line, 6);
    EXPECT_EQ(r.issues[1].message, "has 1 fields; the header has 2");
    EXPECT_EQ(r.issues[2].line, 7);
    EXPECT_EQ(r.issues[2].message, "\"input\" is empty");
    EXPECT_EQ(r.issues[3].line, 8);
    EXPECT_NE(r.issues[3].message.find("closing quote"), std::string::npos);
    EXPECT_EQ(r.issues[4].line, 9);
    EXPECT_NE(r.issues[4].message.find("not valid UTF-8"), std::string::npos);
    EXPECT_EQ(r.issues[5].line, 11);
    EXPECT_NE(r.issues[5].message.find("never closed"), std::string::npos);
    auto s = all_samples();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[1].input, "multi\nline");
    EXPECT_EQ(nlohmann::json::parse(s[2].provenance)["line"], 10);
}

TEST_F(ImportTest, CsvWithoutInputOutputColumnsIsRefused) {
    write_file(dir / "d.csv", "question,answer\nq,a\n");
    auto r = import_samples(*project, dir / "d.csv");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("input and output"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("question, answer"), std::string::npos) << r.error().message;
    EXPECT_EQ(total(), 0);
}

TEST_F(ImportTest, EmptyCsvIsRefused) {
    write_file(dir / "d.csv", "");
    auto r = import_samples(*project, dir / "d.csv");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no header"), std::string::npos) << r.error().message;
}

TEST_F(ImportTest, CsvDuplicateColumnIsRefused) {
    write_file(dir / "d.csv", "input,output,Input\nq,a,b\n");
    auto r = import_samples(*project, dir / "d.csv");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("twice"), std::string::npos) << r.error().message;
}

TEST_F(ImportTest, CsvOverlongRecordIsSkipped) {
    ImportParams params;
    params.max_record_bytes = 200;
    auto r = import("d.csv", "input,output\nq," + std::string(1000, 'a') + "\nq2,a2\n", params);
    EXPECT_EQ(r.totals.imported, 1);
    ASSERT_EQ(r.issues.size(), 1u);
    EXPECT_EQ(r.issues[0].line, 2);
    EXPECT_EQ(r.issues[0].message, "longer than 200 bytes; skipped");
}

TEST_F(ImportTest, CsvCancelAndBatches) {
    std::string csv = "input,output\n";
    for (int i = 0; i < 50; ++i)
        csv += "q" + std::to_string(i) + ",a\n";
    ImportParams params;
    params.batch_size = 20;
    params.hooks.on_progress = [](const ImportProgress &) { return false; };
    const std::string message = import_cancelled("d.csv", csv, params);
    EXPECT_NE(message.find("20 new samples"), std::string::npos) << message;
    EXPECT_EQ(total(), 20);
}

}  // namespace
}  // namespace smolify::io
