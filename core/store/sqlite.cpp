#include "store/sqlite.h"

namespace smolify::store {

namespace {

[[noreturn]] void fail(sqlite3 *db, int rc, std::string_view context) {
    std::string msg(context);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqlError(rc, msg);
}

}  // namespace

Stmt::Stmt(sqlite3 *db, std::string_view sql) : m_db(db) {
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt &Stmt::bind(int i, int64_t v) {
    int rc = sqlite3_bind_int64(m_stmt, i, v);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

Stmt &Stmt::bind(int i, double v) {
    int rc = sqlite3_bind_double(m_stmt, i, v);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

Stmt &Stmt::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

Stmt &Stmt::bind_blob(int i, std::string_view bytes) {
    int rc = sqlite3_bind_blob64(m_stmt, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

Stmt &Stmt::bind(int i, std::nullopt_t) {
    int rc = sqlite3_bind_null(m_stmt, i);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

Stmt &Stmt::bind(int i, const std::optional<int64_t> &v) { return v ? bind(i, *v) : bind(i, std::nullopt); }

Stmt &Stmt::bind_text_or_null(int i, std::string_view v) { return v.empty() ? bind(i, std::nullopt) : bind(i, v); }

bool Stmt::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, rc, "step");
}

void Stmt::exec() {
    while (step()) {
    }
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Stmt::col_int(int i) const { return sqlite3_column_int64(m_stmt, i); }
double Stmt::col_double(int i) const { return sqlite3_column_double(m_stmt, i); }
bool Stmt::col_null(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }

std::string Stmt::col_text(int i) const {
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)));
}

std::optional<int64_t> Stmt::col_opt_int(int i) const {
    if (col_null(i)) return std::nullopt;
    return col_int(i);
}

Db::~Db() {
    if (m_db) sqlite3_close_v2(m_db);
}

void Db::open(const std::string &path, int flags) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        if (m_db) {
            sqlite3_close_v2(m_db);
            m_db = nullptr;
        }
        throw SqlError(rc, msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

void Db::exec(std::string_view sql) {
    std::string s(sql);
    char *err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqlError(rc, msg);
    }
}

int64_t Db::query_int(std::string_view sql) {
    Stmt s(m_db, sql);
    return s.step() ? s.col_int(0) : 0;
}

std::string Db::query_text(std::string_view sql) {
    Stmt s(m_db, sql);
    return s.step() ? s.col_text(0) : std::string();
}

Transaction::Transaction(Db &db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const SqlError &) {
            // Nothing to do: SQLite already rolled back (e.g. after an I/O error).
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace smolify::store
