// A thin RAII layer over the SQLite C API for the store and later engine stages.
//
// Db owns one connection; Stmt one prepared statement. Failures throw SqlError *inside* core only:
// every public store function catches it at its boundary and returns an Error value (see
// guard() in project.cpp). Not thread-safe: one Db per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smolify::store {

class SqlError : public std::runtime_error {
public:
    SqlError(int code, const std::string &what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

class Stmt {
public:
    Stmt(sqlite3 *db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;

    // Binding is 1-based, as in SQLite.
    Stmt &bind(int i, int64_t v);
    Stmt &bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt &bind(int i, double v);
    Stmt &bind(int i, std::string_view v);  // text; copied by SQLite
    Stmt &bind(int i, const char *v) { return bind(i, std::string_view(v)); }
    Stmt &bind(int i, const std::string &v) { return bind(i, std::string_view(v)); }
    Stmt &bind_blob(int i, std::string_view bytes);
    Stmt &bind(int i, std::nullopt_t);
    Stmt &bind(int i, const std::optional<int64_t> &v);
    Stmt &bind_text_or_null(int i, std::string_view v);  // empty -> NULL

    // True while a row is available; false when done.
    bool step();
    void exec();   // step() to completion, expecting no rows
    void reset();

    int64_t col_int(int i) const;
    double col_double(int i) const;
    std::string col_text(int i) const;
    std::optional<int64_t> col_opt_int(int i) const;
    bool col_null(int i) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

class Db {
public:
    Db() = default;
    ~Db();
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    // flags: SQLITE_OPEN_* ; throws SqlError.
    void open(const std::string &path, int flags);
    sqlite3 *handle() { return m_db; }

    void exec(std::string_view sql);             // one or more statements, no parameters
    Stmt prepare(std::string_view sql) { return Stmt(m_db, sql); }
    int64_t query_int(std::string_view sql);     // first column of the first row
    std::string query_text(std::string_view sql);
    int64_t last_insert_id() const { return sqlite3_last_insert_rowid(m_db); }
    int changes() const { return sqlite3_changes(m_db); }

private:
    sqlite3 *m_db = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless commit() ran. IMMEDIATE takes the
// write lock up front, so two writers wait on the busy timeout instead of failing on upgrade.
class Transaction {
public:
    explicit Transaction(Db &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Db &m_db;
    bool m_done = false;
};

}  // namespace smolify::store
