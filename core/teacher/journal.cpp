// The teacher-call journal over teacher_calls (see journal.h).
#include "teacher/journal.h"

#include "store/guard.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::teacher {

using store::detail::guard;

namespace {

constexpr std::string_view kColumns =
    "id, request_hash, purpose, endpoint, model, request, response, status, http_status, error, "
    "prompt_tokens, "
    "completion_tokens, cost_usd, latency_ms, created_at, completed_at";

JournalEntry read_entry(store::Stmt &st) {
    JournalEntry e;
    e.id = st.col_int(0);
    e.request_hash = st.col_text(1);
    e.purpose = st.col_text(2);
    e.endpoint = st.col_text(3);
    e.model = st.col_text(4);
    e.request = st.col_text(5);
    e.response = st.col_null(6) ? std::string() : st.col_text(6);
    e.status = st.col_text(7);
    e.http_status = st.col_opt_int(8);
    e.error = st.col_null(9) ? std::string() : st.col_text(9);
    e.prompt_tokens = st.col_int(10);
    e.completion_tokens = st.col_int(11);
    e.cost_usd = st.col_double(12);
    e.latency_ms = st.col_opt_int(13).value_or(0);
    e.created_at = st.col_int(14);
    e.completed_at = st.col_opt_int(15);
    return e;
}

}  // namespace

Result<std::optional<JournalEntry>> Journal::find_ok(std::string_view request_hash) {
    return guard([&]() -> Result<std::optional<JournalEntry>> {
        auto st = m_project.db().prepare("SELECT " + std::string(kColumns) +
                                         " FROM teacher_calls WHERE request_hash = ?1 AND status = 'ok' "
                                         "ORDER BY id DESC LIMIT 1");
        st.bind(1, request_hash);
        if (!st.step()) return std::optional<JournalEntry>();
        return std::optional<JournalEntry>(read_entry(st));
    });
}

Result<int64_t> Journal::begin(std::string_view request_hash, std::string_view purpose,
                               std::string_view endpoint, std::string_view model,
                               std::string_view request_json) {
    return guard([&]() -> Result<int64_t> {
        store::Db &db = m_project.db();
        store::Transaction tx(db);
        auto find = db.prepare(
            "SELECT id FROM teacher_calls WHERE request_hash = ?1 AND status <> 'ok' ORDER BY id DESC LIMIT "
            "1");
        find.bind(1, request_hash);
        int64_t id = 0;
        if (find.step()) {
            id = find.col_int(0);
            auto up = db.prepare(
                "UPDATE teacher_calls SET status = 'in_flight', purpose = ?2, endpoint = ?3, model = ?4, "
                "request = ?5, response = NULL, http_status = NULL, error = NULL, latency_ms = NULL, "
                "created_at = ?6, completed_at = NULL WHERE id = ?1");
            up.bind(1, id)
                .bind(2, purpose)
                .bind(3, endpoint)
                .bind(4, model)
                .bind(5, request_json)
                .bind(6, unix_now());
            up.exec();
        } else {
            auto ins = db.prepare(
                "INSERT INTO teacher_calls (request_hash, purpose, endpoint, model, request, status, "
                "created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, 'in_flight', ?6)");
            ins.bind(1, request_hash).bind(2, purpose).bind(3, endpoint).bind(4, model).bind(5, request_json);
            ins.bind(6, unix_now());
            ins.exec();
            id = db.last_insert_id();
        }
        tx.commit();
        return id;
    });
}

Status Journal::complete_ok(int64_t id, std::string_view response_json, int64_t http_status,
                            int64_t prompt_tokens, int64_t completion_tokens, double cost_usd,
                            int64_t latency_ms) {
    return guard([&]() -> Status {
        auto st = m_project.db().prepare(
            "UPDATE teacher_calls SET status = 'ok', response = ?2, http_status = ?3, error = NULL, "
            "prompt_tokens = ?4, completion_tokens = ?5, cost_usd = ?6, latency_ms = ?7, completed_at = ?8 "
            "WHERE id = ?1");
        st.bind(1, id)
            .bind(2, response_json)
            .bind(3, http_status)
            .bind(4, prompt_tokens)
            .bind(5, completion_tokens);
        st.bind(6, cost_usd).bind(7, latency_ms).bind(8, unix_now());
        st.exec();
        if (m_project.db().changes() != 1)
            return internal_error("teacher journal: call " + std::to_string(id) + " is gone");
        return Status::success();
    });
}

Status Journal::complete_failed(int64_t id, std::optional<int64_t> http_status, std::string_view error,
                                int64_t latency_ms) {
    return guard([&]() -> Status {
        auto st = m_project.db().prepare(
            "UPDATE teacher_calls SET status = 'failed', http_status = ?2, error = ?3, latency_ms = ?4, "
            "completed_at = ?5 WHERE id = ?1");
        st.bind(1, id).bind(2, http_status).bind(3, error).bind(4, latency_ms).bind(5, unix_now());
        st.exec();
        return Status::success();
    });
}

Result<JournalTotals> Journal::totals() {
    return guard([&]() -> Result<JournalTotals> {
        auto st = m_project.db().prepare(
            "SELECT status, COUNT(*), TOTAL(cost_usd), TOTAL(prompt_tokens), TOTAL(completion_tokens) "
            "FROM teacher_calls GROUP BY status");
        JournalTotals t;
        while (st.step()) {
            std::string s = st.col_text(0);
            int64_t n = st.col_int(1);
            if (s == "ok") {
                t.ok = n;
                t.cost_usd = st.col_double(2);
                t.prompt_tokens = static_cast<int64_t>(st.col_double(3));
                t.completion_tokens = static_cast<int64_t>(st.col_double(4));
            } else if (s == "failed") {
                t.failed = n;
            } else {
                t.in_flight = n;
            }
        }
        return t;
    });
}

Result<std::optional<JournalEntry>> Journal::entry(int64_t id) {
    return guard([&]() -> Result<std::optional<JournalEntry>> {
        auto st =
            m_project.db().prepare("SELECT " + std::string(kColumns) + " FROM teacher_calls WHERE id = ?1");
        st.bind(1, id);
        if (!st.step()) return std::optional<JournalEntry>();
        return std::optional<JournalEntry>(read_entry(st));
    });
}

Result<std::vector<JournalEntry>> Journal::entries() {
    return guard([&]() -> Result<std::vector<JournalEntry>> {
        auto st =
            m_project.db().prepare("SELECT " + std::string(kColumns) + " FROM teacher_calls ORDER BY id");
        std::vector<JournalEntry> out;
        while (st.step())
            out.push_back(read_entry(st));
        return out;
    });
}

}  // namespace smolify::teacher
