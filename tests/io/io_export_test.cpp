// export_data: exact output of each format, the filter and the system message, atomic replacement
// (a failed or cancelled export leaves the previous file), and round trips: what is exported
// re-imports to the same samples, for JSONL, OpenAI JSONL and CSV.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "io/export_data.h"
#include "io/import.h"
#include "io_test_util.h"

namespace smolify::io {
namespace {

using test::make_project;
using test::read_whole;
using test::TempDir;
using test::write_file;

store::NewSample approved(std::string input, std::string output,
                          store::SampleStatus status = store::SampleStatus::approved,
                          store::Split split = store::Split::train) {
    store::NewSample s;
    s.input = std::move(input);
    s.output = std::move(output);
    s.status = status;
    s.split = split;
    s.source = store::SampleSource::manual;
    if (status == store::SampleStatus::rejected) s.reject_reason = "wrong";
    return s;
}

// Text that breaks naive writers: separators, quotes, line breaks, JSON look-alikes, non-ASCII.
std::vector<store::NewSample> tricky_samples() {
    return {
        approved("Hello, world", "a,b,c"),
        approved("She said \"hi\"", "\"\""),
        approved("line one\nline two", "crlf\r\ninside"),
        approved("ends with a newline\n", "old\rmac"),
        approved("caf\xC3\xA9 \xF0\x9F\x90\x8B \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
                 "family \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"),
        approved("C:\\path\\to\tfile", "  padded  "),
        approved("{\"input\": \"nested\", \"output\": 1}", "[1, 2, 3]"),
        approved("\xEF\xBB\xBF"
                 "starts with a byte order mark",
                 "\xE2\x80\xA8 line separator"),
        approved("\"quoted, with comma\"\n\"and a line\"", "x"),
        approved(std::string(100000, 'L') + ",\"\n", "long"),
    };
}

class ExportTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_FALSE(dir.path().empty());
        project = make_project(dir / "p.smolify");
        ASSERT_TRUE(project);
    }

    void insert(const std::vector<store::NewSample> &samples) {
        auto r = project->insert_samples(samples);
        ASSERT_TRUE(r.ok()) << r.error().message;
        ASSERT_EQ(r->inserted, static_cast<int64_t>(samples.size()));
    }

    Result<ExportDataReport> run(const std::string &name, const ExportDataParams &params = {}) {
        return export_data(*project, dir / name, params);
    }

    // Leftover temporary files from AtomicFile would show up here.
    std::vector<std::string> files_in_dir() {
        std::vector<std::string> names;
        for (const auto &e : std::filesystem::directory_iterator(dir.path()))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    TempDir dir;
    std::unique_ptr<store::Project> project;
};

TEST_F(ExportTest, JsonlLines) {
    insert({approved("q1", "a1"), approved("q\"2", "line\nbreak \xF0\x9F\x90\x8B")});
    auto r = run("out.jsonl");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, 2);
    EXPECT_EQ(r->path, dir / "out.jsonl");
    EXPECT_EQ(read_whole(dir / "out.jsonl"),
              "{\"input\":\"q1\",\"output\":\"a1\"}\n"
              "{\"input\":\"q\\\"2\",\"output\":\"line\\nbreak \xF0\x9F\x90\x8B\"}\n");
}

TEST_F(ExportTest, CsvQuotingAndCrlf) {
    insert({approved("plain", "a,b"), approved("say \"hi\"", "two\nlines")});
    ExportDataParams params;
    params.format = DataFormat::csv;
    auto r = run("out.csv", params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, 2);
    EXPECT_EQ(read_whole(dir / "out.csv"),
              "input,output\r\n"
              "plain,\"a,b\"\r\n"
              "\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
}

TEST_F(ExportTest, OpenAiWithTheSpecInstructionAsSystemMessage) {
    insert({approved("Capital of France?", "Paris.")});
    store::TaskSpec spec;
    spec.kind = "free_text";
    spec.instruction = "Answer in one word.";
    auto v = project->save_spec(spec);
    ASSERT_TRUE(v.ok()) << v.error().message;

    ExportDataParams params;
    params.format = DataFormat::openai_jsonl;
    auto r = run("with.jsonl", params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    std::string text = read_whole(dir / "with.jsonl");
    EXPECT_EQ(text,
              "{\"messages\":[{\"role\":\"system\",\"content\":\"Answer in one word.\"},"
              "{\"role\":\"user\",\"content\":\"Capital of France?\"},"
              "{\"role\":\"assistant\",\"content\":\"Paris.\"}]}\n");

    params.system_message = false;
    ASSERT_TRUE(run("without.jsonl", params).ok());
    auto j = nlohmann::json::parse(read_whole(dir / "without.jsonl"));
    ASSERT_EQ(j["messages"].size(), 2u);
    EXPECT_EQ(j["messages"][0]["role"], "user");
    EXPECT_EQ(j["messages"][1]["role"], "assistant");
}

TEST_F(ExportTest, OpenAiWithoutASpecHasNoSystemMessage) {
    insert({approved("q", "a")});
    ExportDataParams params;
    params.format = DataFormat::openai_jsonl;
    ASSERT_TRUE(run("out.jsonl", params).ok());
    auto j = nlohmann::json::parse(read_whole(dir / "out.jsonl"));
    ASSERT_EQ(j["messages"].size(), 2u);
    EXPECT_EQ(j["messages"][0]["content"], "q");
}

TEST_F(ExportTest, OpenAiEmptyInstructionHasNoSystemMessage) {
    insert({approved("q", "a")});
    store::TaskSpec spec;
    spec.kind = "free_text";
    spec.instruction = "  ";
    ASSERT_TRUE(project->save_spec(spec).ok());
    ExportDataParams params;
    params.format = DataFormat::openai_jsonl;
    ASSERT_TRUE(run("out.jsonl", params).ok());
    auto j = nlohmann::json::parse(read_whole(dir / "out.jsonl"));
    EXPECT_EQ(j["messages"].size(), 2u);
}

TEST_F(ExportTest, DefaultFilterTakesOnlyApprovedSamples) {
    insert({approved("a", "1"), approved("p", "2", store::SampleStatus::pending),
            approved("r", "3", store::SampleStatus::rejected),
            approved("t", "4", store::SampleStatus::approved, store::Split::test)});
    auto r = run("approved.jsonl");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, 2);

    ExportDataParams all;
    all.filter = store::SampleFilter{};
    auto everything = run("all.jsonl", all);
    ASSERT_TRUE(everything.ok());
    EXPECT_EQ(everything->written, 4);

    ExportDataParams test_split;
    test_split.filter.split = store::Split::test;
    auto t = run("test.jsonl", test_split);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->written, 1);
    EXPECT_EQ(read_whole(dir / "test.jsonl"), "{\"input\":\"t\",\"output\":\"4\"}\n");
}

TEST_F(ExportTest, EmptySelectionWritesAnEmptyFileOrJustTheHeader) {
    ExportDataParams params;
    params.format = DataFormat::csv;
    auto r = run("out.csv", params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, 0);
    EXPECT_EQ(read_whole(dir / "out.csv"), "input,output\r\n");
}

TEST_F(ExportTest, OutputThatCannotBeCreatedIsAUserError) {
    insert({approved("q", "a")});
    auto r = export_data(*project, dir / "no-such-folder" / "out.jsonl");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("no-such-folder"), std::string::npos) << r.error().message;

    std::filesystem::create_directory(dir / "a-folder");
    auto folder = export_data(*project, dir / "a-folder");
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().kind, ErrorKind::user);
    EXPECT_NE(folder.error().message.find("a-folder"), std::string::npos) << folder.error().message;
}

TEST_F(ExportTest, RefusesToOverwriteTheProjectItself) {
    insert({approved("q", "a")});
    auto r = export_data(*project, dir / "." / "p.smolify");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("project"), std::string::npos) << r.error().message;
    auto c = project->counts();  // the project is still there and readable
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->total, 1);
}

TEST_F(ExportTest, SuccessReplacesThePreviousFile) {
    write_file(dir / "out.jsonl", "old content\n");
    insert({approved("q", "a")});
    ASSERT_TRUE(run("out.jsonl").ok());
    EXPECT_EQ(read_whole(dir / "out.jsonl"), "{\"input\":\"q\",\"output\":\"a\"}\n");
}

TEST_F(ExportTest, CancelledExportLeavesThePreviousFile) {
    std::vector<store::NewSample> many;
    for (int i = 0; i < 2500; ++i)
        many.push_back(approved("q" + std::to_string(i), "a"));
    insert(many);
    write_file(dir / "out.jsonl", "old content\n");
    auto before = files_in_dir();

    ExportDataParams params;
    std::vector<int64_t> progress;
    params.hooks.on_progress = [&](const job::Progress &p) {
        progress.push_back(p.done);
        return p.done < 1000;
    };
    auto r = run("out.jsonl", params);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::cancelled);
    EXPECT_EQ(read_whole(dir / "out.jsonl"), "old content\n");
    EXPECT_EQ(files_in_dir(), before);  // no temporary file left behind
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), 1000);
}

TEST_F(ExportTest, CancelFlagLeavesNoFile) {
    insert({approved("q", "a")});
    std::atomic<bool> cancel{true};
    ExportDataParams params;
    params.hooks.cancel = &cancel;
    auto r = run("out.jsonl", params);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::cancelled);
    EXPECT_FALSE(std::filesystem::exists(dir / "out.jsonl"));
}

TEST_F(ExportTest, ProgressReachesTheTotal) {
    std::vector<store::NewSample> many;
    for (int i = 0; i < 2100; ++i)
        many.push_back(approved("q" + std::to_string(i), "a"));
    insert(many);
    std::vector<int64_t> progress;
    ExportDataParams params;
    params.hooks.on_progress = [&](const job::Progress &p) {
        EXPECT_EQ(p.unit, "samples");
        progress.push_back(p.done);
        return true;
    };
    auto r = run("out.jsonl", params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, 2100);
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), 2100);
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
}

TEST(DataFormat, ParsesNames) {
    EXPECT_EQ(parse_data_format("jsonl"), DataFormat::jsonl);
    EXPECT_EQ(parse_data_format("openai-jsonl"), DataFormat::openai_jsonl);
    EXPECT_EQ(parse_data_format("csv"), DataFormat::csv);
    EXPECT_FALSE(parse_data_format("parquet").has_value());
}

// --- round trips ----------------------------------------------------------------------------------

class RoundTripTest : public ExportTest, public ::testing::WithParamInterface<DataFormat> {};

TEST_P(RoundTripTest, ExportReimportsToTheSameSamples) {
    const auto originals = tricky_samples();
    insert(originals);
    // A pending sample stays out of the default export and must not appear after the round trip.
    insert({approved("not approved", "x", store::SampleStatus::pending)});

    const char *ext = GetParam() == DataFormat::csv ? "out.csv" : "out.jsonl";
    ExportDataParams params;
    params.format = GetParam();
    auto r = run(ext, params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->written, static_cast<int64_t>(originals.size()));

    auto other = make_project(dir / "other.smolify");
    ASSERT_TRUE(other);
    auto imported = import_samples(*other, dir / ext);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    std::string issues;
    for (const auto &i : imported->issues)
        issues += std::to_string(i.line) + ": " + i.message + "\n";
    EXPECT_TRUE(imported->issues.empty()) << issues;
    EXPECT_EQ(imported->totals.imported, static_cast<int64_t>(originals.size()));
    EXPECT_EQ(imported->totals.duplicates, 0);

    auto back = other->samples(store::SampleQuery{});
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), originals.size());
    for (std::size_t i = 0; i < originals.size(); ++i) {
        EXPECT_EQ((*back)[i].input, originals[i].input) << "sample " << i;
        EXPECT_EQ((*back)[i].output, originals[i].output) << "sample " << i;
    }

    // Importing the same export into the original project finds every sample already there.
    auto again = import_samples(*project, dir / ext);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->totals.imported, 0);
    EXPECT_EQ(again->totals.duplicates, static_cast<int64_t>(originals.size()));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTripTest,
                         ::testing::Values(DataFormat::jsonl, DataFormat::openai_jsonl, DataFormat::csv),
                         [](const ::testing::TestParamInfo<DataFormat> &param_info) {
                             switch (param_info.param) {
                                 case DataFormat::jsonl:
                                     return std::string("jsonl");
                                 case DataFormat::openai_jsonl:
                                     return std::string("openai_jsonl");
                                 case DataFormat::csv:
                                     return std::string("csv");
                             }
                             return std::string("unknown");
                         });

}  // namespace
}  // namespace smolify::io
