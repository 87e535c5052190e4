// Readers while a writer commits (the GUI reads while a background job writes), and recovery
// after a process is killed with a transaction open.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::store;

namespace {

std::vector<NewSample> make_batch(int batch_no, int size) {
    std::vector<NewSample> batch;
    for (int i = 0; i < size; ++i)
        batch.push_back({.input = "batch " + std::to_string(batch_no) + " sample " + std::to_string(i),
                         .output = "output " + std::to_string(i)});
    return batch;
}

}  // namespace

TEST(StoreConcurrency, ReaderSeesOnlyWholeBatchesWhileWriterCommits) {
    test::TempDir dir;
    const auto path = dir / "p.smolify";
    ASSERT_TRUE(Project::create(path, {.intent = "x"}).ok());
    constexpr int kBatches = 40, kBatchSize = 250;

    std::atomic<bool> writer_done{false};
    std::string writer_error;
    std::thread writer([&] {
        auto p = Project::open(path);
        if (!p) {
            writer_error = p.error().message;
        } else {
            for (int b = 0; b < kBatches && writer_error.empty(); ++b) {
                auto r = (*p)->insert_samples(make_batch(b, kBatchSize));
                if (!r) writer_error = r.error().message;
            }
        }
        writer_done = true;
    });

    auto reader = Project::open(path);
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    int64_t last = 0;
    int reads = 0;
    while (!writer_done || reads < 3) {
        auto c = (*reader)->counts();
        ASSERT_TRUE(c.ok()) << c.error().message;
        EXPECT_EQ(c->total % kBatchSize, 0) << "a reader saw half a transaction";
        EXPECT_GE(c->total, last) << "counts went backwards";
        last = c->total;
        auto ids = (*reader)->sample_ids({.limit = 100});
        ASSERT_TRUE(ids.ok()) << ids.error().message;
        ++reads;
    }
    writer.join();
    EXPECT_EQ(writer_error, "");
    auto c = (*reader)->counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->total, kBatches * kBatchSize);
}

TEST(StoreConcurrency, OpenReadDoesNotBlockTheWriter) {
    test::TempDir dir;
    const auto path = dir / "p.smolify";
    {
        auto p = Project::create(path, {.intent = "x"});
        ASSERT_TRUE(p.ok());
        ASSERT_TRUE((*p)->insert_samples(make_batch(0, 100)).ok());
    }
    auto reader = Project::open(path);
    ASSERT_TRUE(reader.ok());
    int seen = 0;
    std::string writer_error = "not run";
    // While the reader sits inside a statement (holding its snapshot), a writer commits.
    Status st = (*reader)->for_each_sample({}, [&](const Sample &) {
        if (seen++ == 0) {
            std::thread w([&] {
                auto p = Project::open(path);
                if (!p) {
                    writer_error = p.error().message;
                    return;
                }
                auto r = (*p)->insert_samples(make_batch(1, 100));
                writer_error = r ? "" : r.error().message;
            });
            w.join();
        }
        return true;
    });
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(writer_error, "");
    EXPECT_EQ(seen, 100) << "the reader keeps its snapshot";
    auto c = (*reader)->counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->total, 200) << "a new read sees the commit";
}

TEST(StoreConcurrency, KilledWithOpenTransactionRecoversOnNextOpen) {
    test::TempDir dir;
    const auto path = dir / "p.smolify";
    ASSERT_TRUE(Project::create(path, {.intent = "x"}).ok());

    int pipefd[2];
    ASSERT_EQ(::pipe(pipefd), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipefd[0]);
        auto p = Project::open(path);
        if (!p || !(*p)->insert_samples(make_batch(0, 300))) ::_exit(3);
        // Start a transaction that never commits, write into it, then tell the parent to kill us.
        (*p)->db().exec("BEGIN IMMEDIATE");
        (*p)->db().exec("INSERT INTO samples (input, output, source, content_hash, created_at, updated_at) "
                        "VALUES ('half', 'written', 'manual', X'00', 0, 0)");
        char ready = 'r';
        if (::write(pipefd[1], &ready, 1) != 1) ::_exit(4);
        ::pause();
        ::_exit(5);
    }
    ::close(pipefd[1]);
    char ready = 0;
    ASSERT_EQ(::read(pipefd[0], &ready, 1), 1);
    ::close(pipefd[0]);
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(std::filesystem::exists(path.string() + "-wal")) << "the WAL must be left for recovery";

    auto p = Project::open(path);
    ASSERT_TRUE(p.ok()) << p.error().message;
    auto c = (*p)->counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->total, 300) << "committed rows survive, the open transaction does not";
    EXPECT_EQ((*p)->db().query_text("PRAGMA integrity_check"), "ok");
    auto more = (*p)->insert_samples(make_batch(1, 10));
    ASSERT_TRUE(more.ok()) << more.error().message;
}
