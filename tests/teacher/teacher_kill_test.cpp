// kill -9 during a run with calls in flight, then a rerun (trust.md, "kill during generation"): no
// completed (paid) call is sent again, the calls that were in flight are sent once more, and the journal
// ends with exactly one completed row per request. The run being killed is this test executable itself,
// started again with a filter that selects the child half below.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "store/project.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "teacher/client.h"
#include "teacher/journal.h"
#include "teacher_test_util.h"

extern char **environ;

using namespace smolify;
using namespace smolify::teacher;
using smolify::test::FakeReply;
using smolify::test::FakeTeacher;
namespace fs = std::filesystem;

namespace {

constexpr int kFast = 8;
constexpr int kSlow = 4;

std::vector<ChatRequest> run_requests() {
    std::vector<ChatRequest> reqs;
    for (int i = 0; i < kFast + kSlow; ++i)
        reqs.push_back(test::user_request((i < kFast ? "fast " : "slow ") + std::to_string(i)));
    return reqs;
}

int64_t journal_ok(const fs::path &path) {
    auto p = store::Project::open(path, store::OpenParams{.read_only = true, .quick_check = false});
    if (!p) return -1;
    Journal j(**p);
    auto t = j.totals();
    return t ? t->ok : -1;
}

}  // namespace

// The half that gets killed: runs only when the parent test starts it.
TEST(TeacherKill, ChildRun) {
    const char *project = std::getenv("SMOLIFY_TEACHER_KILL_PROJECT");
    const char *url = std::getenv("SMOLIFY_TEACHER_KILL_URL");
    if (!project || !url) GTEST_SKIP() << "started only by TeacherKill.KillDuringARunRepeatsNoCompletedCall";
    auto p = store::Project::open(project);
    ASSERT_TRUE(p.ok());
    ClientParams params = test::test_params();
    params.concurrency = 4;
    Client client(Endpoint{url, "fake-model", "", JsonSupport::json_schema}, params, p->get());
    auto reqs = run_requests();
    (void)client.chat_many(reqs, [](std::size_t, Result<ChatReply>) {});
}

TEST(TeacherKill, KillDuringARunRepeatsNoCompletedCall) {
    test::TempDir dir;
    fs::path path = dir / "p.smolify";
    {
        store::CreateParams cp;
        cp.intent = "kill test";
        ASSERT_TRUE(store::Project::create(path, cp).ok());
    }
    FakeTeacher fake;
    fake.set_handler([](const test::FakeRequest &r) {
        FakeReply reply = FakeReply::ok("answer to " + r.last_user_message());
        if (r.last_user_message().rfind("slow", 0) == 0) reply.delay_ms = 120'000;  // in flight at the kill
        return reply;
    });

    std::string env_project = "SMOLIFY_TEACHER_KILL_PROJECT=" + path.string();
    std::string env_url = "SMOLIFY_TEACHER_KILL_URL=" + fake.base_url();
    std::vector<char *> envp;
    for (char **e = environ; *e; ++e)
        envp.push_back(*e);
    envp.push_back(env_project.data());
    envp.push_back(env_url.data());
    envp.push_back(nullptr);
    std::string self = fs::read_symlink("/proc/self/exe").string();
    std::string filter = "--gtest_filter=TeacherKill.ChildRun";
    std::string out = (dir / "child.log").string();
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    char *argv[] = {self.data(), filter.data(), nullptr};
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, self.c_str(), &fa, nullptr, argv, envp.data()), 0);
    posix_spawn_file_actions_destroy(&fa);

    // Wait (a hang guard, not a timing check) until every fast call is journaled as completed and every
    // slow one has reached the server, then kill -9 with those in flight.
    bool ready = false;
    for (int i = 0; i < 6000 && !ready; ++i) {
        ready = fake.request_count() >= kFast + kSlow && journal_ok(path) == kFast;
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(ready) << test::slurp(out);
    ASSERT_TRUE(WIFSIGNALED(status));

    // The rerun: the server now answers everything at once.
    fake.set_handler(
        [](const test::FakeRequest &r) { return FakeReply::ok("answer to " + r.last_user_message()); });
    auto project = store::Project::open(path);
    ASSERT_TRUE(project.ok()) << project.error().message;
    Journal journal(**project);
    auto before = journal.totals();
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->ok, kFast);
    EXPECT_EQ(before->in_flight, kSlow);
    std::size_t sent_before = fake.request_count();
    Client client(test::fake_endpoint(fake), test::test_params(), project->get());
    auto reqs = run_requests();
    int from_journal = 0, ok = 0;
    Status st = client.chat_many(reqs, [&](std::size_t i, Result<ChatReply> r) {
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->text, "answer to " + reqs[i].messages[1].content);
        ++ok;
        if (r->from_journal) ++from_journal;
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(ok, kFast + kSlow);
    EXPECT_EQ(from_journal, kFast);
    EXPECT_EQ(fake.request_count() - sent_before,
              static_cast<std::size_t>(kSlow));  // only the unfinished ones
    auto after = journal.totals();
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->ok, kFast + kSlow);
    EXPECT_EQ(after->in_flight, 0);
    EXPECT_EQ(after->failed, 0);
    auto rows = journal.entries();
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), static_cast<std::size_t>(kFast + kSlow));  // one row per request, no duplicates
}
