// Project creation, the identity and integrity checks on open, and schema migration.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <random>

#include "store/project.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::store;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Project> make_project(const fs::path &path) {
    CreateParams p;
    p.intent = "Turn raw doctor-patient dictations into SOAP notes";
    p.teacher_url = "http://localhost:11434/v1";
    p.teacher_model = "llama3.1:8b";
    p.teacher_key_env = "OPENAI_API_KEY";
    auto r = Project::create(path, p);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : nullptr;
}

void write_bytes(const fs::path &path, const std::string &bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_bytes(const fs::path &path) { return test::slurp(path); }

// Runs SQL on a file with the raw SQLite API, outside the store.
void raw_sql(const fs::path &path, const std::string &sql) {
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char *err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << msg;
}

Error open_error(const fs::path &path) {
    auto r = Project::open(path);
    EXPECT_FALSE(r.ok()) << "opening " << path << " should have failed";
    return r.ok() ? Error{} : r.error();
}

}  // namespace

TEST(StoreOpen, CreateWritesSchemaArtifactsAndProjectRow) {
    test::TempDir dir;
    auto project = make_project(dir / "notes.smolify");
    ASSERT_TRUE(project);
    EXPECT_TRUE(fs::is_directory(dir / "notes.artifacts" / "checkpoints"));
    EXPECT_TRUE(fs::is_directory(dir / "notes.artifacts" / "exports"));
    EXPECT_EQ(project->artifacts_dir(), dir / "notes.artifacts");
    EXPECT_EQ(project->schema_version(), schema_latest_version());

    auto info = project->info();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->name, "notes");
    EXPECT_EQ(info->intent, "Turn raw doctor-patient dictations into SOAP notes");
    EXPECT_EQ(info->teacher.base_url, "http://localhost:11434/v1");
    EXPECT_EQ(info->teacher.model, "llama3.1:8b");
    EXPECT_EQ(info->teacher.key_env, "OPENAI_API_KEY");
    EXPECT_FALSE(info->spec_version.has_value());
    EXPECT_EQ(info->counts.total, 0);
    EXPECT_NE(info->created_at, 0);

    EXPECT_EQ(project->db().query_int("PRAGMA application_id"), kApplicationId);
    EXPECT_EQ(project->db().query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(project->db().query_int("PRAGMA foreign_keys"), 1);
    for (const char *table : {"project", "task_specs", "samples", "sample_revisions", "teacher_calls",
                              "training_runs", "metrics", "checkpoints", "evaluations", "exports", "settings"}) {
        auto st = project->db().prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
        st.bind(1, table);
        ASSERT_TRUE(st.step());
        EXPECT_EQ(st.col_int(0), 1) << "missing table " << table;
    }
}

TEST(StoreOpen, ReopenKeepsEverything) {
    test::TempDir dir;
    {
        auto project = make_project(dir / "p.smolify");
        ASSERT_TRUE(project);
        ASSERT_TRUE(project->set_intent("Classify support tickets by urgency").ok());
        ASSERT_TRUE(project->set_setting("ui.last_page", "data").ok());
    }
    auto reopened = Project::open(dir / "p.smolify");
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    auto info = (*reopened)->info();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->intent, "Classify support tickets by urgency");
    auto setting = (*reopened)->setting("ui.last_page");
    ASSERT_TRUE(setting.ok());
    EXPECT_EQ(setting->value_or(""), "data");
    auto missing = (*reopened)->setting("nope");
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
}

TEST(StoreOpen, CreateRefusesBadRequests) {
    test::TempDir dir;
    ASSERT_TRUE(make_project(dir / "a.smolify"));

    auto exists = Project::create(dir / "a.smolify", {.intent = "x"});
    ASSERT_FALSE(exists.ok());
    EXPECT_EQ(exists.error().kind, ErrorKind::user);
    EXPECT_NE(exists.error().message.find("already exists"), std::string::npos);

    auto empty = Project::create(dir / "b.smolify", {.intent = "   \n"});
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().message.find("intent is empty"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "b.smolify"));

    auto huge = Project::create(dir / "c.smolify", {.intent = std::string(10 * 1024 * 1024, 'x')});
    ASSERT_FALSE(huge.ok());
    EXPECT_NE(huge.error().message.find("limit"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "c.smolify"));

    auto no_folder = Project::create(dir / "missing" / "d.smolify", {.intent = "x"});
    ASSERT_FALSE(no_folder.ok());
    EXPECT_NE(no_folder.error().message.find("does not exist"), std::string::npos);

    auto bad_utf8 = Project::create(dir / "e.smolify", {.intent = "caf\xC3"});
    ASSERT_FALSE(bad_utf8.ok());
    EXPECT_NE(bad_utf8.error().message.find("UTF-8"), std::string::npos);
}

TEST(StoreOpen, RefusesMissingFolderEmptyAndGarbageFiles) {
    test::TempDir dir;
    EXPECT_NE(open_error(dir / "none.smolify").message.find("no project at"), std::string::npos);
    EXPECT_NE(open_error(dir.path()).message.find("is a folder"), std::string::npos);

    write_bytes(dir / "empty.smolify", "");
    EXPECT_NE(open_error(dir / "empty.smolify").message.find("not an SQLite database"), std::string::npos);

    write_bytes(dir / "text.smolify", "{\"input\": \"this is JSON, not a project\"}\n");
    EXPECT_NE(open_error(dir / "text.smolify").message.find("not an SQLite database"), std::string::npos);

    std::mt19937 rng(42);
    std::string noise(64 * 1024, '\0');
    for (char &c : noise) c = static_cast<char>(rng());
    write_bytes(dir / "noise.smolify", noise);
    Error e = open_error(dir / "noise.smolify");
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_NE(e.message.find("not an SQLite database"), std::string::npos);
}

TEST(StoreOpen, RefusesForeignSqliteDatabase) {
    test::TempDir dir;
    raw_sql(dir / "other.smolify", "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
    Error e = open_error(dir / "other.smolify");
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_NE(e.message.find("not a Smolify project"), std::string::npos) << e.message;
    // Refusing must not modify the foreign file.
    raw_sql(dir / "other.smolify", "SELECT * FROM contacts");
}

TEST(StoreOpen, RefusesNewerSchema) {
    test::TempDir dir;
    make_project(dir / "p.smolify").reset();
    raw_sql(dir / "p.smolify", "PRAGMA user_version = 99");
    Error e = open_error(dir / "p.smolify");
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_NE(e.message.find("newer Smolify"), std::string::npos) << e.message;
}

TEST(StoreOpen, RefusesTruncatedProject) {
    test::TempDir dir;
    {
        auto project = make_project(dir / "p.smolify");
        ASSERT_TRUE(project);
        std::vector<NewSample> batch;
        for (int i = 0; i < 2000; ++i)
            batch.push_back({.input = "dictation " + std::to_string(i) + std::string(200, 'a'), .output = "note"});
        ASSERT_TRUE(project->insert_samples(batch).ok());
    }
    // Closing the last connection checkpoints the WAL into the main file.
    ASSERT_FALSE(fs::exists(dir / "p.smolify-wal"));
    std::string bytes = read_bytes(dir / "p.smolify");
    ASSERT_GT(bytes.size(), 100'000u);
    write_bytes(dir / "p.smolify", bytes.substr(0, bytes.size() / 3));
    Error e = open_error(dir / "p.smolify");
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_TRUE(e.message.find("damaged") != std::string::npos) << e.message;
}

TEST(StoreOpen, RefusesCorruptPages) {
    test::TempDir dir;
    {
        auto project = make_project(dir / "p.smolify");
        ASSERT_TRUE(project);
        std::vector<NewSample> batch;
        for (int i = 0; i < 3000; ++i)
            batch.push_back({.input = "ticket " + std::to_string(i) + std::string(100, 'b'), .output = "urgent"});
        ASSERT_TRUE(project->insert_samples(batch).ok());
    }
    std::string bytes = read_bytes(dir / "p.smolify");
    // Scribble over the middle of the file, leaving the header page intact.
    std::mt19937 rng(7);
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 20000; ++i) bytes[i] = static_cast<char>(rng());
    write_bytes(dir / "p.smolify", bytes);
    Error e = open_error(dir / "p.smolify");
    EXPECT_EQ(e.kind, ErrorKind::user);
    EXPECT_NE(e.message.find("damaged"), std::string::npos) << e.message;
}

// Found by fuzz/fuzz_project_open (fuzz/regressions/): SQLite errors other than "corrupt" or "not a
// database" while a file is still being checked are facts about the file, refused as user errors.
TEST(StoreOpen, RefusesFilesWithOurIdentityButNotOurSchema) {
    test::TempDir dir;
    // Smolify's application id and schema version, but none of its tables.
    raw_sql(dir / "empty.smolify", "PRAGMA application_id = 1399680876; PRAGMA user_version = " +
                                       std::to_string(schema_latest_version()) + ";");
    // Smolify's identity and a table whose CHECK constraint calls a function SQLite does not have;
    // quick_check evaluates it on a writable connection.
    make_project(dir / "bad.smolify").reset();
    raw_sql(dir / "bad.smolify",
            "PRAGMA writable_schema = ON; "
            "UPDATE sqlite_schema SET sql = replace(sql, 'length(reject_reason)', 'leneth(reject_reason)') "
            "WHERE name = 'samples'; PRAGMA writable_schema = OFF;");
    for (const char *name : {"empty.smolify", "bad.smolify"}) {
        for (bool read_only : {true, false}) {
            OpenParams params;
            params.read_only = read_only;
            auto r = Project::open(dir / name, params);
            if (r.ok()) {
                EXPECT_STREQ(name, "bad.smolify");  // only the altered CHECK may pass a read-only check
                EXPECT_TRUE(read_only);
                continue;
            }
            EXPECT_EQ(r.error().kind, ErrorKind::user) << name << ": " << r.error().message;
            EXPECT_NE(r.error().message.find("damaged"), std::string::npos) << r.error().message;
        }
    }
}

TEST(StoreOpen, ReadOnlyOpenReadsAndRefusesWrites) {
    test::TempDir dir;
    make_project(dir / "p.smolify").reset();
    auto ro = Project::open(dir / "p.smolify", {.read_only = true});
    ASSERT_TRUE(ro.ok()) << ro.error().message;
    EXPECT_TRUE((*ro)->info().ok());
    auto w = (*ro)->insert_samples(std::vector<NewSample>{{.input = "a", .output = "b"}});
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().kind, ErrorKind::user);
    EXPECT_NE(w.error().message.find("read-only"), std::string::npos) << w.error().message;
}

// --- migrations ---------------------------------------------------------------------------------

TEST(StoreMigration, AppliesForwardMigrationsInOrderAndKeepsData) {
    test::TempDir dir;
    Db db;
    db.open((dir / "m.db").string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const Migration v1[] = {{1, "CREATE TABLE t (a TEXT NOT NULL);"}};
    EXPECT_EQ(schema_migrate(db, v1), 1);
    db.exec("INSERT INTO t VALUES ('kept')");
    const Migration v3[] = {{1, "CREATE TABLE t (a TEXT NOT NULL);"},
                            {2, "ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 7;"},
                            {3, "CREATE INDEX t_by_b ON t(b);"}};
    EXPECT_EQ(schema_migrate(db, v3), 3);
    EXPECT_EQ(db.query_int("PRAGMA user_version"), 3);
    EXPECT_EQ(db.query_text("SELECT a FROM t"), "kept");
    EXPECT_EQ(db.query_int("SELECT b FROM t"), 7);
    // Running again is a no-op.
    EXPECT_EQ(schema_migrate(db, v3), 3);
}

TEST(StoreMigration, FailedMigrationRollsBackToLastGoodVersion) {
    test::TempDir dir;
    Db db;
    db.open((dir / "m.db").string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const Migration good[] = {{1, "CREATE TABLE t (a TEXT);"}};
    ASSERT_EQ(schema_migrate(db, good), 1);
    const Migration bad[] = {{1, "CREATE TABLE t (a TEXT);"},
                             {2, "CREATE TABLE u (x INTEGER); INSERT INTO nowhere VALUES (1);"}};
    EXPECT_THROW(schema_migrate(db, bad), SqlError);
    EXPECT_EQ(db.query_int("PRAGMA user_version"), 1);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'u'"), 0);

    const Migration gap[] = {{1, "CREATE TABLE t (a TEXT);"}, {3, "CREATE TABLE v (x);"}};
    EXPECT_THROW(schema_migrate(db, gap), SqlError);
    EXPECT_EQ(db.query_int("PRAGMA user_version"), 1);
}

TEST(StoreMigration, RealSchemaMigratesFromEmptyAndRefusesUnfinishedFile) {
    test::TempDir dir;
    // A Smolify file whose creation stopped before the schema was written.
    raw_sql(dir / "p.smolify", "PRAGMA application_id = " + std::to_string(kApplicationId) + "; CREATE TABLE x (y);");
    Error e = open_error(dir / "p.smolify");
    EXPECT_NE(e.message.find("unfinished"), std::string::npos) << e.message;

    Db db;
    db.open((dir / "fresh.db").string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    EXPECT_EQ(schema_migrate(db, schema_migrations()), schema_latest_version());
    EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(db.query_int("PRAGMA foreign_key_check"), 0);
}
