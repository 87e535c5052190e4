// Migration 2 (the student engine's tables) on a file written by a version-1 Smolify: the samples,
// their revisions and the old training runs come through intact, and the new table and columns work.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/project.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::store;
namespace fs = std::filesystem;

TEST(StoreMigrationV2, VersionOneProjectWithSamplesMigratesIntact) {
    test::TempDir dir;
    const fs::path path = dir / "old.smolify";
    {
        // What a version-1 Smolify wrote: schema 1 only, its identity, samples, a run with metrics.
        Db db;
        db.open(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        ASSERT_EQ(schema_migrate(db, schema_migrations().first(1)), 1);
        db.exec(
            "INSERT INTO project (id, name, intent, created_at, created_by) VALUES (1, 'old', 'Sort "
            "tickets', 1, 'me')");
        for (int i = 1; i <= 3; ++i) {
            auto s = db.prepare(
                "INSERT INTO samples (input, output, status, split, source, content_hash, created_at, "
                "updated_at) "
                "VALUES (?, ?, ?, ?, 'import', ?, 10, 10)");
            s.bind(1, "input " + std::to_string(i)).bind(2, "output " + std::to_string(i));
            s.bind(3, i == 3 ? "pending" : "approved").bind(4, i == 2 ? "test" : "train");
            s.bind_blob(5, std::string(32, static_cast<char>(i)));
            s.exec();
        }
        db.exec("INSERT INTO sample_revisions VALUES (1, 1, 'first input', 'first output', 'teacher', 5)");
        db.exec(
            "INSERT INTO training_runs (id, config, seed, status, created_at) VALUES (7, '{}', 1, "
            "'completed', 20)");
        db.exec("INSERT INTO metrics (run_id, step, split, loss) VALUES (7, 1, 'train', 2.5)");
    }
    auto project = Project::open(path);
    ASSERT_TRUE(project.ok()) << project.error().message;
    EXPECT_EQ((*project)->schema_version(), schema_latest_version());
    EXPECT_GE(schema_latest_version(), 2);

    auto samples = (*project)->samples(SampleQuery{});
    ASSERT_TRUE(samples.ok());
    ASSERT_EQ(samples->size(), 3u);
    EXPECT_EQ((*samples)[0].input, "input 1");
    EXPECT_EQ((*samples)[1].split, Split::test);
    EXPECT_EQ((*samples)[2].status, SampleStatus::pending);
    auto revs = (*project)->revisions(1);
    ASSERT_TRUE(revs.ok());
    ASSERT_EQ(revs->size(), 1u);
    EXPECT_EQ((*revs)[0].input, "first input");

    Db &db = (*project)->db();
    // The old run keeps its data and gets the new columns' defaults.
    EXPECT_EQ(db.query_int("SELECT step FROM training_runs WHERE id = 7"), 0);
    EXPECT_EQ(
        db.query_int("SELECT tokenizer_id IS NULL AND best_val_loss IS NULL FROM training_runs WHERE id = 7"),
        1);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM metrics WHERE run_id = 7"), 1);
    // The new table takes a tokenizer and a run can point at it.
    db.exec(
        "INSERT INTO tokenizers (model, sha256, vocab_size, corpus_samples, corpus_bytes, created_at) "
        "VALUES (X'0102', 'ab', 300, 2, 20, 30)");
    db.exec("UPDATE training_runs SET tokenizer_id = 1, step = 40, best_val_loss = 1.25 WHERE id = 7");
    EXPECT_EQ(db.query_int("SELECT step FROM training_runs WHERE id = 7"), 40);
    EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(db.query_int("PRAGMA foreign_key_check"), 0);
}
