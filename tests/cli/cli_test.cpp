// smolify-cli driven as a user or a script would: real processes, real project files, exit codes
// 0 / 1 / 2 and the messages of the stable interface (../shared/docs/product.md).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/project.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
using nlohmann::json;

namespace {

class Cli : public ::testing::Test {
protected:
    test::ProcessResult cli(std::vector<std::string> args, std::vector<std::string> env = {}) {
        args.insert(args.begin(), SMOLIFY_CLI_PATH);
        return test::run_process(args, m_dir.path(), env);
    }

    // Runs a command that must succeed with --json and returns its parsed output.
    json cli_json(std::vector<std::string> args) {
        args.push_back("--json");
        auto r = cli(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        auto j = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out;
        return j;
    }

    std::string path(const std::string &name) { return (m_dir / name).string(); }

    void write(const std::string &name, const std::string &text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
    }

    std::string init() {
        auto r = cli({"init", path("p.smolify"), "--intent", "Triage support tickets by urgency"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return path("p.smolify");
    }

    test::TempDir m_dir;
};

}  // namespace

TEST_F(Cli, HelpAndUsageErrors) {
    auto help = cli({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char *cmd : {"init", "info", "import", "samples", "review", "export-data"})
        EXPECT_NE(help.out.find(cmd), std::string::npos) << cmd;
    for (const char *cmd : {"init", "info", "import", "samples", "review", "export-data"}) {
        auto r = cli({cmd, "--help"});
        EXPECT_EQ(r.exit_code, 0) << cmd;
        EXPECT_NE(r.out.find(std::string("Usage: smolify-cli ") + cmd), std::string::npos) << r.out;
    }
    EXPECT_EQ(cli({}).exit_code, 1);
    auto unknown = cli({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
    auto bad_opt = cli({"info", "x.smolify", "--colour"});
    EXPECT_EQ(bad_opt.exit_code, 1);
    EXPECT_NE(bad_opt.err.find("unknown option --colour"), std::string::npos);
    auto missing = cli({"import", "x.smolify"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("missing FILE"), std::string::npos);
    auto version = cli({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("smolify-cli "), std::string::npos);
}

TEST_F(Cli, InitAndInfo) {
    auto r = cli({"init", path("p.smolify"), "--intent", "Turn dictations into SOAP notes", "--teacher",
                  "http://localhost:11434/v1", "--model", "llama3.1", "--key-env", "SMOLIFY_TEST_KEY"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_directory(m_dir / "p.artifacts"));

    json info = cli_json({"info", path("p.smolify")});
    EXPECT_EQ(info["intent"], "Turn dictations into SOAP notes");
    EXPECT_EQ(info["teacher"]["model"], "llama3.1");
    EXPECT_EQ(info["teacher"]["key_env"], "SMOLIFY_TEST_KEY");
    EXPECT_EQ(info["samples"]["total"], 0);
    EXPECT_EQ(info["spec_version"], nullptr);

    auto text = cli({"info", path("p.smolify")});
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_NE(text.out.find("Turn dictations into SOAP notes"), std::string::npos);
    EXPECT_NE(text.out.find("pending"), std::string::npos);

    auto again = cli({"init", path("p.smolify"), "--intent", "x"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already exists"), std::string::npos);

    auto no_intent = cli({"init", path("q.smolify")});
    EXPECT_EQ(no_intent.exit_code, 1);
    EXPECT_NE(no_intent.err.find("--intent"), std::string::npos);

    auto key_not_name = cli({"init", path("q.smolify"), "--intent", "x", "--key-env", "sk-live-1234"});
    EXPECT_EQ(key_not_name.exit_code, 1);
    EXPECT_NE(key_not_name.err.find("never the key itself"), std::string::npos);
    EXPECT_EQ(key_not_name.err.find("sk-live-1234"), std::string::npos) << "a secret-looking value is not echoed";
    EXPECT_FALSE(std::filesystem::exists(m_dir / "q.smolify"));

    auto bad_url = cli({"init", path("q.smolify"), "--intent", "x", "--teacher", "localhost:11434"});
    EXPECT_EQ(bad_url.exit_code, 1);
}

TEST_F(Cli, RefusesForeignAndMissingProjects) {
    write("notes.smolify", "just some text, not a project\n");
    auto r = cli({"info", path("notes.smolify")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("not a Smolify project"), std::string::npos) << r.err;
    auto missing = cli({"samples", path("nope.smolify")});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no project at"), std::string::npos) << missing.err;
}

TEST_F(Cli, ImportReportsMalformedLinesAndKeepsGoodOnes) {
    const std::string project = init();
    write("data.jsonl",
          "{\"input\": \"printer on fire\", \"output\": \"urgent\"}\n"
          "{\"input\": \"mouse squeaks\", \"output\": \"low\"}\n"
          "this is not json\n"
          "\n"
          "{\"input\": \"no output here\"}\n"
          "{\"messages\": [{\"role\": \"user\", \"content\": \"VPN down for everyone\"},"
          " {\"role\": \"assistant\", \"content\": \"urgent\"}]}\n"
          "{\"input\": \"printer on fire\", \"output\": \"urgent\"}\n");
    auto r = cli({"import", project, path("data.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("data.jsonl:3:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("data.jsonl:5:"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Imported 3 samples"), std::string::npos) << r.out;

    json again = cli_json({"import", project, path("data.jsonl")});
    EXPECT_EQ(again["imported"], 0);
    EXPECT_EQ(again["duplicates"], 4);
    EXPECT_EQ(again["malformed"], 2);
    ASSERT_EQ(again["issues"].size(), 2u);
    EXPECT_EQ(again["issues"][0]["line"], 3);
    EXPECT_EQ(again["issues"][1]["line"], 5);

    json samples = cli_json({"samples", project});
    EXPECT_EQ(samples["count"], 3);
    EXPECT_EQ(samples["samples"][2]["input"], "VPN down for everyone");
    EXPECT_EQ(samples["samples"][0]["status"], "pending");
    EXPECT_EQ(samples["samples"][0]["provenance"]["line"], 1);
}

TEST_F(Cli, ImportCsvWithApproveAndSplit) {
    const std::string project = init();
    write("held_out.csv",
          "id,input,output\r\n"
          "1,\"Payroll export fails, \"\"error 500\"\"\",high\r\n"
          "2,\"Two\nlines\",low\r\n");
    json r = cli_json({"import", project, path("held_out.csv"), "--approve", "--split", "test"});
    EXPECT_EQ(r["imported"], 2);
    json approved = cli_json({"samples", project, "--status", "approved", "--split", "test"});
    ASSERT_EQ(approved["count"], 2);
    EXPECT_EQ(approved["samples"][0]["input"], "Payroll export fails, \"error 500\"");
    EXPECT_EQ(approved["samples"][1]["input"], "Two\nlines");
    EXPECT_EQ(cli_json({"samples", project, "--status", "pending"})["count"], 0);
}

TEST_F(Cli, ImportFailuresAreUserErrors) {
    const std::string project = init();
    auto missing = cli({"import", project, path("absent.jsonl")});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("absent.jsonl"), std::string::npos);

    write("all_bad.jsonl", "nope\n[1,2]\n");
    auto all_bad = cli({"import", project, path("all_bad.jsonl")});
    EXPECT_EQ(all_bad.exit_code, 1);
    EXPECT_NE(all_bad.err.find("no record"), std::string::npos) << all_bad.err;

    auto bad_split = cli({"import", project, path("all_bad.jsonl"), "--split", "validation"});
    EXPECT_EQ(bad_split.exit_code, 1);
    EXPECT_NE(bad_split.err.find("--split takes train or test"), std::string::npos);
}

TEST_F(Cli, ReviewApprovesRejectsAndIsAllOrNothing) {
    const std::string project = init();
    std::string lines;
    for (int i = 1; i <= 6; ++i)
        lines += "{\"input\": \"ticket " + std::to_string(i) + "\", \"output\": \"low\"}\n";
    write("t.jsonl", lines);
    ASSERT_EQ(cli({"import", project, path("t.jsonl")}).exit_code, 0);

    json a = cli_json({"review", project, "--approve", "1", "2", "4-5"});
    EXPECT_EQ(a["changed"], 4);
    EXPECT_EQ(a["counts"]["approved"], 4);

    json rj = cli_json({"review", project, "--reject", "3,6", "--reason", "label is wrong"});
    EXPECT_EQ(rj["counts"]["rejected"], 2);
    json rejected = cli_json({"samples", project, "--status", "rejected"});
    EXPECT_EQ(rejected["samples"][0]["reject_reason"], "label is wrong");

    auto no_reason = cli({"review", project, "--reject", "1"});
    EXPECT_EQ(no_reason.exit_code, 1);
    EXPECT_NE(no_reason.err.find("--reason"), std::string::npos);

    auto unknown = cli({"review", project, "--reset", "1", "99"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("#99"), std::string::npos);
    EXPECT_EQ(cli_json({"samples", project, "--status", "approved"})["count"], 4) << "nothing changed";

    EXPECT_EQ(cli({"review", project, "--approve", "1", "--reject", "2", "--reason", "x"}).exit_code, 1);
    EXPECT_EQ(cli({"review", project, "--approve", "abc"}).exit_code, 1);
    EXPECT_EQ(cli({"review", project}).exit_code, 1);

    json reset = cli_json({"review", project, "--reset", "1"});
    EXPECT_EQ(reset["counts"]["pending"], 1);
}

TEST_F(Cli, ExportDataInEveryFormat) {
    const std::string project = init();
    write("t.jsonl",
          "{\"input\": \"Printer, \\\"again\\\"\\nsecond line\", \"output\": \"low\"}\n"
          "{\"input\": \"Server down\", \"output\": \"urgent\"}\n"
          "{\"input\": \"Not reviewed\", \"output\": \"low\"}\n");
    ASSERT_EQ(cli({"import", project, path("t.jsonl")}).exit_code, 0);
    ASSERT_EQ(cli({"review", project, "--approve", "1-2"}).exit_code, 0);

    json j = cli_json({"export-data", project, "--format", "jsonl", "--out", path("out.jsonl")});
    EXPECT_EQ(j["written"], 2);
    std::ifstream in(m_dir / "out.jsonl");
    std::string line;
    std::vector<json> rows;
    while (std::getline(in, line)) rows.push_back(json::parse(line));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["input"], "Printer, \"again\"\nsecond line");
    EXPECT_EQ(rows[1]["output"], "urgent");

    ASSERT_EQ(cli({"export-data", project, "--format", "openai-jsonl", "--out", path("chat.jsonl")}).exit_code, 0);
    std::ifstream chat(m_dir / "chat.jsonl");
    ASSERT_TRUE(std::getline(chat, line));
    json msg = json::parse(line);
    ASSERT_TRUE(msg["messages"].is_array());
    EXPECT_EQ(msg["messages"].back()["role"], "assistant");
    EXPECT_EQ(msg["messages"].back()["content"], "low");

    json all = cli_json({"export-data", project, "--format", "csv", "--out", path("all.csv"), "--status", "all"});
    EXPECT_EQ(all["written"], 3);
    std::string csv = test::slurp(m_dir / "all.csv");
    EXPECT_EQ(csv.rfind("input,output", 0), 0u) << csv;
    EXPECT_NE(csv.find("\"Printer, \"\"again\"\"\nsecond line\""), std::string::npos) << csv;

    // The CSV re-imports to the same samples.
    ASSERT_EQ(cli({"init", path("q.smolify"), "--intent", "x"}).exit_code, 0);
    json back = cli_json({"import", path("q.smolify"), path("all.csv")});
    EXPECT_EQ(back["imported"], 3);
    EXPECT_EQ(back["malformed"], 0);

    EXPECT_EQ(cli({"export-data", project, "--out", path("x.jsonl")}).exit_code, 1);
    EXPECT_EQ(cli({"export-data", project, "--format", "parquet", "--out", path("x")}).exit_code, 1);
    auto no_dir = cli({"export-data", project, "--format", "jsonl", "--out", path("missing/dir/x.jsonl")});
    EXPECT_EQ(no_dir.exit_code, 1);
    EXPECT_FALSE(no_dir.err.empty());
}

TEST_F(Cli, SecretValueNeverReachesTheProject) {
    const std::string canary = "sk-canary-5c1f0e2b9d";
    auto r = cli({"init", path("p.smolify"), "--intent", "x", "--key-env", "SMOLIFY_CANARY_KEY"},
                 {"SMOLIFY_CANARY_KEY=" + canary});
    ASSERT_EQ(r.exit_code, 0);
    write("t.jsonl", "{\"input\": \"a\", \"output\": \"b\"}\n");
    ASSERT_EQ(cli({"import", path("p.smolify"), path("t.jsonl"), "--approve"}, {"SMOLIFY_CANARY_KEY=" + canary}).exit_code, 0);
    ASSERT_EQ(cli({"export-data", path("p.smolify"), "--format", "jsonl", "--out", path("o.jsonl")},
                  {"SMOLIFY_CANARY_KEY=" + canary}).exit_code, 0);
    for (const auto &entry : std::filesystem::recursive_directory_iterator(m_dir.path())) {
        if (!entry.is_regular_file()) continue;
        EXPECT_EQ(test::slurp(entry.path()).find(canary), std::string::npos) << entry.path();
    }
}
