// smolify-cli spec and generate, run as a user would, against the fake teacher: spec --set/--show and
// --draft, generate --count 500 into a validated, de-duplicated pending corpus, and kill -9 during
// generate followed by a rerun: no sample lost or duplicated, no completed call repeated.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "synth/contract.h"
#include "synth/dedup.h"
#include "synth/spec.h"
#include "synth_fake.h"

namespace smolify {
namespace {

using nlohmann::json;
using test::FakeRequest;
using test::FakeTeacher;

test::ProcessResult cli(const test::TempDir &dir, std::vector<std::string> args) {
    args.insert(args.begin(), SMOLIFY_CLI_PATH);
    return test::run_process(args, dir.path());
}

std::string init_project(const test::TempDir &dir, const FakeTeacher &fake, bool with_spec = true) {
    const std::string path = (dir / "t.smolify").string();
    auto r = cli(dir, {"init", path, "--intent", "Sort incoming IT tickets by urgency", "--teacher",
                       fake.base_url(), "--model", "fake-model"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (with_spec) {
        std::ofstream(dir / "spec.json") << test::triage_spec_json().dump(2);
        auto s = cli(dir, {"spec", path, "--set", (dir / "spec.json").string()});
        EXPECT_EQ(s.exit_code, 0) << s.err;
    }
    return path;
}

int64_t query_int(const std::string &path, const std::string &sql) {
    store::Db db;
    db.open(path, SQLITE_OPEN_READONLY);
    return db.query_int(sql);
}

TEST(SynthCli, SpecSetShowAndErrors) {
    test::TempDir dir;
    FakeTeacher fake;
    const std::string path = init_project(dir, fake, false);
    auto none = cli(dir, {"spec", path, "--show"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("no task spec yet"), std::string::npos) << none.err;

    json bad = test::triage_spec_json();
    bad["output"]["labels"] = json::array({"urgent"});
    std::ofstream(dir / "bad.json") << bad.dump();
    auto b = cli(dir, {"spec", path, "--set", (dir / "bad.json").string()});
    EXPECT_EQ(b.exit_code, 1);
    EXPECT_NE(b.err.find("output.labels: a classification task needs at least two labels"), std::string::npos)
        << b.err;

    std::ofstream(dir / "spec.json") << test::triage_spec_json().dump(2);
    auto s1 = cli(dir, {"spec", path, "--set", (dir / "spec.json").string(), "--json"});
    ASSERT_EQ(s1.exit_code, 0) << s1.err;
    EXPECT_EQ(json::parse(s1.out)["version"], 1);
    auto s2 = cli(dir, {"spec", path, "--set", (dir / "spec.json").string(), "--json"});
    ASSERT_EQ(s2.exit_code, 0) << s2.err;
    EXPECT_EQ(json::parse(s2.out)["version"], 2);  // a new version, nothing overwritten
    auto show = cli(dir, {"spec", path, "--show", "--json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    json j = json::parse(show.out);
    EXPECT_EQ(j["version"], 2);
    EXPECT_EQ(j["author"], "user");
    auto round_trip = synth::spec_from_json(j["spec"]);
    ASSERT_TRUE(round_trip.ok()) << round_trip.error().message;
    EXPECT_EQ(synth::spec_to_json(*round_trip),
              synth::spec_to_json(*synth::spec_from_json(test::triage_spec_json())));
    auto text = cli(dir, {"spec", path, "--show"});
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_NE(text.out.find("Axis sub-topic: printer, network"), std::string::npos) << text.out;
    EXPECT_EQ(cli(dir, {"spec", path}).exit_code, 1);  // no mode
    EXPECT_EQ(cli(dir, {"spec", path, "--show", "--draft"}).exit_code, 1);
    EXPECT_EQ(fake.request_count(), 0u);
}

TEST(SynthCli, SpecDraftAsksTheProjectsTeacher) {
    test::TempDir dir;
    FakeTeacher fake;
    const std::string path = init_project(dir, fake, false);
    fake.push(test::FakeReply::ok("```json\n" + test::triage_spec_json().dump() + "\n```"));
    auto r = cli(dir, {"spec", path, "--draft", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["author"], "teacher");
    EXPECT_EQ(j["spec"]["kind"], "classification");
    ASSERT_EQ(fake.request_count(), 1u);
    EXPECT_NE(fake.requests()[0].last_user_message().find("Sort incoming IT tickets by urgency"),
              std::string::npos);
    // A malformed draft: exit 1, one clear line, nothing saved.
    fake.push(test::FakeReply::ok("I'd rather not."));
    auto bad = cli(dir, {"spec", path, "--draft"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("the teacher's draft is not JSON"), std::string::npos) << bad.err;
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM task_specs"), 1);
}

TEST(SynthCli, Generate500GivesAValidatedDeduplicatedPendingCorpus) {
    test::TempDir dir;
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    const std::string path = init_project(dir, fake);
    auto r = cli(dir, {"generate", path, "--count", "500", "--concurrency", "16", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["completed"], true);
    EXPECT_GE(j["accepted"].get<int64_t>(), 500);
    EXPECT_GT(j["rejected"].get<int64_t>(), 0);
    EXPECT_GT(j["duplicates"].get<int64_t>(), 0);
    EXPECT_EQ(j["counts"]["pending"], j["accepted"]);

    auto project = store::Project::open(path);
    ASSERT_TRUE(project.ok());
    auto spec = synth::spec_from_json(test::triage_spec_json());
    synth::DedupIndex index;
    int64_t n = 0;
    Status st = (*project)->for_each_sample({}, [&](const store::Sample &s) {
        ++n;
        EXPECT_TRUE(synth::contract_check(*spec, s.input, s.output).ok) << s.output;
        EXPECT_EQ(s.status, store::SampleStatus::pending);
        EXPECT_EQ(s.spec_version, 1);
        EXPECT_EQ(index.check_and_add(s.id, s.input, s.output).kind, synth::DedupHit::Kind::none)
            << "a duplicate was stored: " << s.input;
        return true;
    });
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(n, j["accepted"].get<int64_t>());
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM synth_rejects"),
              j["rejected"].get<int64_t>() + j["duplicates"].get<int64_t>());
    // Exactly one call per request; nothing was asked twice.
    EXPECT_EQ(static_cast<int64_t>(fake.request_count()),
              query_int(path, "SELECT count(*) FROM synth_requests"));
    auto reqs = fake.requests();
    std::set<std::string> prompts;
    for (const auto &q : reqs)
        prompts.insert(q.last_user_message());
    EXPECT_EQ(prompts.size(), reqs.size());
    // The samples view of the CLI sees them.
    auto list = cli(dir, {"samples", path, "--status", "pending", "--limit", "3", "--json"});
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_EQ(json::parse(list.out)["count"], 3);
}

TEST(SynthCli, GenerateWithoutTeacherOrCountIsAUserError) {
    test::TempDir dir;
    const std::string path = (dir / "n.smolify").string();
    ASSERT_EQ(cli(dir, {"init", path, "--intent", "x"}).exit_code, 0);
    auto r = cli(dir, {"generate", path, "--count", "10"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no teacher"), std::string::npos) << r.err;
    EXPECT_EQ(cli(dir, {"generate", path, "--count", "0"}).exit_code, 1);
    EXPECT_EQ(cli(dir, {"generate", path, "--count", "5", "--budget-usd", "abc"}).exit_code, 1);
}

TEST(SynthCli, TeacherCommandShowsChangesAndRefusesSettings) {
    test::TempDir dir;
    FakeTeacher fake;
    const std::string path = init_project(dir, fake, false);
    auto show = cli(dir, {"teacher", path, "--json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    json j = json::parse(show.out);
    EXPECT_EQ(j["url"], fake.base_url());
    EXPECT_EQ(j["key_env"], "");
    EXPECT_EQ(j["json_mode"], "json_schema");

    // Prices from a file: the cost of a run is counted with them.
    std::ofstream(dir / "prices.json") << R"({"fake-model": {"input": 100, "output": 200}})";
    auto set = cli(dir, {"teacher", path, "--prices", (dir / "prices.json").string(), "--json-mode", "json_object",
                         "--json"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    j = json::parse(set.out);
    EXPECT_EQ(j["json_mode"], "json_object");
    EXPECT_EQ(j["price_per_mtok"]["input"], 100);

    // A preset brings its URL, key variable and JSON mode; air-gap then refuses the remote host.
    auto remote = cli(dir, {"teacher", path, "--teacher", "anthropic", "--model", "claude-x", "--json"});
    ASSERT_EQ(remote.exit_code, 0) << remote.err;
    j = json::parse(remote.out);
    EXPECT_EQ(j["url"], "https://api.anthropic.com/v1");
    EXPECT_EQ(j["key_env"], "ANTHROPIC_API_KEY");
    EXPECT_EQ(j["json_mode"], "none");
    auto gap = cli(dir, {"teacher", path, "--air-gap", "on"});
    EXPECT_EQ(gap.exit_code, 1);
    EXPECT_NE(gap.err.find("api.anthropic.com"), std::string::npos) << gap.err;
    auto pasted = cli(dir, {"teacher", path, "--key-env", "sk-ant-pasted-key-123"});
    EXPECT_EQ(pasted.exit_code, 1);
    EXPECT_NE(pasted.err.find("never the key itself"), std::string::npos) << pasted.err;
    auto bad_prices = cli(dir, {"teacher", path, "--prices", (dir / "spec-missing.json").string()});
    EXPECT_EQ(bad_prices.exit_code, 1);

    // Back to the local fake, air-gapped, no key: generation works and is priced.
    auto back = cli(dir, {"teacher", path, "--teacher", fake.base_url(), "--model", "fake-model", "--no-key",
                          "--air-gap", "on", "--json-mode", "json_object", "--json"});
    ASSERT_EQ(back.exit_code, 0) << back.err;
    EXPECT_EQ(json::parse(back.out)["air_gap"], true);
    std::ofstream(dir / "spec.json") << test::triage_spec_json().dump(2);
    ASSERT_EQ(cli(dir, {"spec", path, "--set", (dir / "spec.json").string()}).exit_code, 0);
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    auto gen = cli(dir, {"generate", path, "--count", "20", "--json"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    EXPECT_GT(json::parse(gen.out)["cost_usd"].get<double>(), 0.0) << gen.out;
    // The air-gapped request went without an Authorization header, the json_object mode with it.
    for (const auto &q : fake.requests()) {
        EXPECT_EQ(q.headers.count("authorization"), 0u);
        if (q.last_user_message().find("JUDGE") == std::string::npos) {
            EXPECT_EQ(q.json.value("/response_format/type"_json_pointer, std::string()), "json_object");
        }
    }
    // The pasted key reached no file.
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_EQ(bytes.str().find("sk-ant-pasted-key-123"), std::string::npos);
}

TEST(SynthCli, GenerateWithJudgeRejectsWeakSamplesWithTheReason) {
    test::TempDir dir;
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    const std::string path = init_project(dir, fake);
    auto r = cli(dir, {"generate", path, "--count", "60", "--judge", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(query_int(path, "SELECT count(*) FROM teacher_calls WHERE purpose = 'judge'"), 0);
    EXPECT_GT(query_int(path, "SELECT count(*) FROM synth_rejects WHERE kind = 'judge' AND reason LIKE "
                              "'the judge scored it %'"),
              0);
    // No weak sample got through.
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM samples WHERE input LIKE '%kazuzu%'"), 0);
}

TEST(SynthCli, OfflineNeverConnectsAndSaysWhatIsMissing) {
    test::TempDir dir;
    FakeTeacher fake;
    const std::string path = init_project(dir, fake);
    // A teacher that needs a key nobody set: offline needs neither the key nor the network.
    ASSERT_EQ(cli(dir, {"teacher", path, "--key-env", "SMOLIFY_TEST_NEVER_SET_KEY"}).exit_code, 0);
    ::unsetenv("SMOLIFY_TEST_NEVER_SET_KEY");
    auto gen = cli(dir, {"generate", path, "--count", "10", "--offline"});
    EXPECT_EQ(gen.exit_code, 1);
    EXPECT_NE(gen.err.find("offline"), std::string::npos) << gen.err;
    auto draft = cli(dir, {"spec", path, "--draft", "--offline"});
    EXPECT_EQ(draft.exit_code, 1);
    EXPECT_NE(draft.err.find("offline"), std::string::npos) << draft.err;
    EXPECT_EQ(fake.request_count(), 0u);
    // Online, the missing key is named.
    auto online = cli(dir, {"generate", path, "--count", "10"});
    EXPECT_EQ(online.exit_code, 1);
    EXPECT_NE(online.err.find("SMOLIFY_TEST_NEVER_SET_KEY"), std::string::npos) << online.err;
    EXPECT_EQ(fake.request_count(), 0u);
}

pid_t spawn_cli(const std::vector<std::string> &args, const std::filesystem::path &log) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    std::vector<std::string> all = {SMOLIFY_CLI_PATH};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

std::map<std::string, int64_t> sample_hashes(const std::string &path) {
    std::map<std::string, int64_t> out;
    store::Db db;
    db.open(path, SQLITE_OPEN_READONLY);
    auto st = db.prepare("SELECT hex(content_hash), id FROM samples");
    while (st.step())
        out[st.col_text(0)] = st.col_int(1);
    return out;
}

TEST(SynthCli, KillDuringGenerateThenRerunLosesAndRepeatsNothing) {
    test::TempDir dir;
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    opt.delay_ms = 60;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    const std::string path = init_project(dir, fake);
    const std::vector<std::string> args = {"generate",      path, "--count", "400",
                                           "--concurrency", "6",  "--json"};

    // Kill it twice, at different points, with calls in flight.
    std::map<std::string, int64_t> seen_before_kill;
    for (std::size_t kill_after : {15u, 45u}) {
        pid_t pid = spawn_cli(args, dir / "run.log");
        ASSERT_GT(pid, 0);
        const std::size_t start = fake.request_count();
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (fake.request_count() < start + kill_after && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status)) << "generate finished before it could be killed";
        auto now = sample_hashes(path);
        for (const auto &[hash, id] : seen_before_kill)
            EXPECT_EQ(now.count(hash), 1u) << "sample " << id << " lost";
        seen_before_kill = now;
    }
    EXPECT_GT(seen_before_kill.size(), 0u) << "nothing was stored before the kills";

    auto r = cli(dir, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["resumed"], true);
    EXPECT_EQ(j["completed"], true);
    EXPECT_GE(j["accepted"].get<int64_t>(), 400);

    // No sample lost: everything stored before a kill is still there, under the same id.
    auto final_hashes = sample_hashes(path);
    for (const auto &[hash, id] : seen_before_kill) {
        ASSERT_EQ(final_hashes.count(hash), 1u);
        EXPECT_EQ(final_hashes[hash], id);
    }
    // No sample duplicated: one run, its counter equals the samples, and no two are (near) duplicates.
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM synth_runs"), 1);
    EXPECT_EQ(query_int(path, "SELECT accepted FROM synth_runs"), static_cast<int64_t>(final_hashes.size()));
    EXPECT_EQ(query_int(path, "SELECT sum(accepted) FROM synth_requests"),
              static_cast<int64_t>(final_hashes.size()));
    {
        store::Db db;
        db.open(path, SQLITE_OPEN_READONLY);
        auto st = db.prepare("SELECT id, input, output FROM samples");
        synth::DedupIndex index;
        while (st.step())
            EXPECT_EQ(index.check_and_add(st.col_int(0), st.col_text(1), st.col_text(2)).kind,
                      synth::DedupHit::Kind::none);
    }
    // No completed call repeated: each distinct request reached the teacher once, except those in flight
    // at a kill (at most the concurrency, per kill); the journal holds one completed row per request.
    auto reqs = fake.requests();
    std::map<std::string, int> times;
    for (const auto &q : reqs)
        ++times[q.last_user_message()];
    int repeats = 0;
    for (const auto &[prompt, n] : times)
        repeats += n - 1;
    EXPECT_LE(repeats, 2 * 6) << "more calls were repeated than were in flight at the kills";
    EXPECT_EQ(static_cast<int64_t>(times.size()), query_int(path, "SELECT count(*) FROM synth_requests"));
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM teacher_calls WHERE status = 'ok'"),
              static_cast<int64_t>(times.size()));
    EXPECT_EQ(query_int(path,
                        "SELECT count(*) FROM (SELECT request_hash FROM teacher_calls WHERE status = 'ok' "
                        "GROUP BY request_hash HAVING count(*) > 1)"),
              0);
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM synth_requests WHERE status <> 'done'"), 0);
    // The store is intact.
    store::Db db;
    db.open(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace smolify
