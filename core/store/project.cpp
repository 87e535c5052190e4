// Project lifecycle: create, open (with the identity and integrity checks), project row, task
// specs and settings. Sample queries live in samples.cpp.
#include "store/project.h"

#include <cstring>
#include <fstream>

#include "store/guard.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::store {

using detail::guard;
namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 10000;

// Connection settings every open applies. WAL lets the GUI read while a worker writes;
// synchronous=FULL makes each commit durable across power loss, not only across a crash.
// The page cache is raised from SQLite's 2 MiB default: the unique content-hash index of a large
// project outgrows it, and a 1,000,000-line import then took over 6 minutes instead of under 1.
// It is a ceiling, not an allocation: memory is used only as pages are touched.
void configure_connection(Db &db, bool read_only) {
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec(read_only ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -65536");  // KiB
    if (!read_only) db.exec("PRAGMA synchronous = FULL");
}

Status check_sqlite_header(const fs::path &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return user_error("cannot open " + path.string() + ": permission denied or unreadable");
    char header[16] = {};
    in.read(header, sizeof header);
    static constexpr char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    if (in.gcount() != 16 || std::memcmp(header, kMagic, 16) != 0)
        return user_error(path.string() + " is not a Smolify project (it is not an SQLite database); "
                          "open a .smolify file made by Smolify, or create one with `smolify-cli init`");
    return {};
}

// Why a file could not be opened, in words the user can act on (see Project::open).
Error refuse_on_open(const fs::path &path, const SqlError &e) {
    const std::string where = path.string();
    switch (e.code() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return user_error(where + " is locked by another program (" + e.what() + "); close it there and try again");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
        return user_error(where + " cannot be opened (" + e.what() +
                          "); check that it is readable and, to change it, writable");
    case SQLITE_IOERR:
    case SQLITE_FULL:
        return user_error(where + " could not be read or written (" + e.what() + "); check the disk");
    default:
        return user_error(where + " is damaged or not a Smolify project (" + e.what() +
                          "); restore it from a backup. Smolify has not changed it.");
    }
}

}  // namespace

fs::path artifacts_dir_for(const fs::path &project_path) {
    fs::path dir = project_path;
    dir.replace_extension(".artifacts");
    return dir;
}

Project::Project(fs::path path, std::unique_ptr<Db> db, int schema_version)
    : m_path(std::move(path)), m_db(std::move(db)), m_schema_version(schema_version) {}

Project::~Project() = default;

fs::path Project::artifacts_dir() const { return artifacts_dir_for(m_path); }

Result<std::unique_ptr<Project>> Project::create(const fs::path &path, const CreateParams &params) {
    std::string_view intent = trim(params.intent);
    if (intent.empty()) return user_error("the intent is empty: say in a sentence what the model should do");
    if (params.intent.size() > kMaxIntentBytes)
        return user_error("the intent is " + std::to_string(params.intent.size()) + " bytes; the limit is " +
                          std::to_string(kMaxIntentBytes) + " (describe the task, do not paste the data)");
    if (!utf8_valid(params.intent)) return user_error("the intent is not valid UTF-8 text");
    std::error_code ec;
    if (fs::exists(path, ec))
        return user_error(path.string() + " already exists; open it, or choose another name");
    fs::path parent = path.parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec))
        return user_error("the folder " + parent.string() + " does not exist");

    auto created = guard([&]() -> Result<std::unique_ptr<Project>> {
        auto db = std::make_unique<Db>();
        db->open(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        configure_connection(*db, false);
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        int version = schema_migrate(*db, schema_migrations());
        std::string name = params.name.empty() ? path.stem().string() : params.name;
        db->prepare(
              "INSERT INTO project (id, name, intent, teacher_url, teacher_model, teacher_key_env, created_at, "
              "created_by) VALUES (1, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, name)
            .bind(2, intent)
            .bind(3, params.teacher_url)
            .bind(4, params.teacher_model)
            .bind(5, params.teacher_key_env)
            .bind(6, unix_now())
            .bind(7, std::string("smolify ") + SMOLIFY_VERSION)
            .exec();
        return std::unique_ptr<Project>(new Project(path, std::move(db), version));
    });
    if (!created) {
        fs::remove(path, ec);
        fs::remove(path.string() + "-wal", ec);
        fs::remove(path.string() + "-shm", ec);
        return created.error();
    }
    fs::path artifacts = artifacts_dir_for(path);
    fs::create_directories(artifacts / "checkpoints", ec);
    if (!ec) fs::create_directories(artifacts / "exports", ec);
    if (ec) return user_error("cannot create the artifacts folder " + artifacts.string() + ": " + ec.message());
    return created;
}

Result<std::unique_ptr<Project>> Project::open(const fs::path &path, const OpenParams &params) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        return user_error("there is no project at " + path.string() + "; create one with `smolify-cli init`");
    if (fs::is_directory(path, ec)) return user_error(path.string() + " is a folder, not a project file");
    if (Status s = check_sqlite_header(path); !s) return s.error();

    return guard([&]() -> Result<std::unique_ptr<Project>> {
        auto db = std::make_unique<Db>();
        int flags = params.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
        // Until the file has passed every check below, whatever SQLite says about it is a fact about
        // the file (foreign, damaged, locked, unreadable), not a bug: it is refused with the reason.
        try {
            db->open(path.string(), flags);
            configure_connection(*db, params.read_only);
            if (db->query_int("PRAGMA application_id") != kApplicationId)
                return user_error(path.string() +
                                  " is an SQLite database but not a Smolify project; open a .smolify file "
                                  "made by Smolify");
            if (params.quick_check) {
                std::string verdict = db->query_text("PRAGMA quick_check(1)");
                if (verdict != "ok")
                    return user_error(path.string() + " is damaged (" + verdict +
                                      "); restore it from a backup. Smolify has not changed it.");
            }
            int version = static_cast<int>(db->query_int("PRAGMA user_version"));
            int latest = schema_latest_version();
            if (version > latest)
                return user_error(path.string() + " was written by a newer Smolify (schema " +
                                  std::to_string(version) + "; this one reads up to " +
                                  std::to_string(latest) + "); update Smolify to open it");
            if (version < 1)
                return user_error(path.string() +
                                  " is an unfinished Smolify project (no schema); create it again");
            if (version < latest) {
                if (params.read_only)
                    return user_error(path.string() +
                                      " uses an older format; open it once with write access to "
                                      "upgrade it");
                version = schema_migrate(*db, schema_migrations());
            }
            if (!params.read_only && db->query_text("PRAGMA journal_mode") != "wal")
                db->exec("PRAGMA journal_mode = WAL");
            if (db->query_int("SELECT count(*) FROM project") != 1)
                return user_error(path.string() +
                                  " is damaged: it has no project record; restore it from a backup");
            return std::unique_ptr<Project>(new Project(path, std::move(db), version));
        } catch (const SqlError &e) {
            return refuse_on_open(path, e);
        }
    });
}

Result<ProjectInfo> Project::info() {
    return guard([&]() -> Result<ProjectInfo> {
        ProjectInfo info;
        auto st = m_db->prepare(
            "SELECT name, intent, teacher_url, teacher_model, teacher_key_env, created_at, created_by FROM project "
            "WHERE id = 1");
        if (!st.step()) return user_error(m_path.string() + " has no project record");
        info.name = st.col_text(0);
        info.intent = st.col_text(1);
        info.teacher = {st.col_text(2), st.col_text(3), st.col_text(4)};
        info.created_at = st.col_int(5);
        info.created_by = st.col_text(6);
        info.schema_version = m_schema_version;
        auto v = m_db->prepare("SELECT max(version) FROM task_specs");
        if (v.step()) info.spec_version = v.col_opt_int(0);
        auto c = counts();
        if (!c) return c.error();
        info.counts = *c;
        return info;
    });
}

Status Project::set_intent(std::string_view intent) {
    std::string_view t = trim(intent);
    if (t.empty()) return user_error("the intent is empty");
    if (intent.size() > kMaxIntentBytes) return user_error("the intent is over the 64 KiB limit");
    if (!utf8_valid(intent)) return user_error("the intent is not valid UTF-8 text");
    return guard([&]() -> Status {
        m_db->prepare("UPDATE project SET intent = ? WHERE id = 1").bind(1, t).exec();
        return {};
    });
}

Status Project::set_teacher(const TeacherConfig &teacher) {
    return guard([&]() -> Status {
        m_db->prepare("UPDATE project SET teacher_url = ?, teacher_model = ?, teacher_key_env = ? WHERE id = 1")
            .bind(1, teacher.base_url)
            .bind(2, teacher.model)
            .bind(3, teacher.key_env)
            .exec();
        return {};
    });
}

namespace {

TaskSpec read_spec(const Stmt &st) {
    TaskSpec s;
    s.version = st.col_int(0);
    s.kind = st.col_text(1);
    s.instruction = st.col_text(2);
    s.input_description = st.col_text(3);
    s.output_contract = st.col_text(4);
    s.body = st.col_text(5);
    s.author = st.col_text(6);
    s.created_at = st.col_int(7);
    return s;
}

constexpr std::string_view kSpecColumns =
    "SELECT version, kind, instruction, input_description, output_contract, body, author, created_at FROM task_specs ";

}  // namespace

Result<std::optional<TaskSpec>> Project::current_spec() {
    return guard([&]() -> Result<std::optional<TaskSpec>> {
        auto st = m_db->prepare(std::string(kSpecColumns) + "ORDER BY version DESC LIMIT 1");
        if (!st.step()) return std::optional<TaskSpec>();
        return std::optional<TaskSpec>(read_spec(st));
    });
}

Result<std::optional<TaskSpec>> Project::spec(int64_t version) {
    return guard([&]() -> Result<std::optional<TaskSpec>> {
        auto st = m_db->prepare(std::string(kSpecColumns) + "WHERE version = ?");
        st.bind(1, version);
        if (!st.step()) return std::optional<TaskSpec>();
        return std::optional<TaskSpec>(read_spec(st));
    });
}

Result<std::vector<TaskSpec>> Project::spec_history() {
    return guard([&]() -> Result<std::vector<TaskSpec>> {
        std::vector<TaskSpec> out;
        auto st = m_db->prepare(std::string(kSpecColumns) + "ORDER BY version");
        while (st.step()) out.push_back(read_spec(st));
        return out;
    });
}

Result<int64_t> Project::save_spec(const TaskSpec &spec) {
    for (const std::string *field : {&spec.kind, &spec.instruction, &spec.input_description, &spec.output_contract,
                                     &spec.body}) {
        if (field->size() > kMaxFieldBytes) return user_error("a task spec field is over the 1 MiB limit");
        if (!utf8_valid(*field)) return user_error("the task spec is not valid UTF-8 text");
    }
    return guard([&]() -> Result<int64_t> {
        Transaction tx(*m_db);
        int64_t version = m_db->query_int("SELECT coalesce(max(version), 0) + 1 FROM task_specs");
        m_db->prepare(
              "INSERT INTO task_specs (version, kind, instruction, input_description, output_contract, body, author, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, version)
            .bind(2, spec.kind)
            .bind(3, spec.instruction)
            .bind(4, spec.input_description)
            .bind(5, spec.output_contract.empty() ? std::string("{}") : spec.output_contract)
            .bind(6, spec.body.empty() ? std::string("{}") : spec.body)
            .bind(7, spec.author.empty() ? std::string("user") : spec.author)
            .bind(8, unix_now())
            .exec();
        tx.commit();
        return version;
    });
}

Result<std::optional<std::string>> Project::setting(std::string_view key) {
    return guard([&]() -> Result<std::optional<std::string>> {
        auto st = m_db->prepare("SELECT value FROM settings WHERE key = ?");
        st.bind(1, key);
        if (!st.step()) return std::optional<std::string>();
        return std::optional<std::string>(st.col_text(0));
    });
}

Status Project::set_setting(std::string_view key, std::string_view value) {
    if (key.empty()) return user_error("a setting needs a name");
    return guard([&]() -> Status {
        m_db->prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, key)
            .bind(2, value)
            .exec();
        return {};
    });
}

}  // namespace smolify::store
