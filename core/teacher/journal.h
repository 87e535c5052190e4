// The journal of teacher calls (table teacher_calls, docs/store.md): every call is written before it
// is sent (status in_flight) and again when it completes (ok or failed), each write its own small
// transaction, so a crash or kill -9 loses at most the calls in flight, and a rerun answers every
// completed call from here instead of paying for it again.
//
// A row holds the request body the client sent (never a key: the key travels only in a header, and
// the body is built without it), the endpoint without user info or query, the model, the reply as a
// chat.completion JSON, tokens, cost and latency. Rows are found by request_hash (client.h).
//
// Who calls it: client.cpp; the CLI and GUI read totals and rows for display.
// Thread-safety: uses the Project's connection, so one thread at a time, like the Project.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/project.h"
#include "util/result.h"

namespace smolify::teacher {

struct JournalEntry {
    int64_t id = 0;
    std::string request_hash;
    std::string purpose;
    std::string endpoint;
    std::string model;
    std::string request;   // JSON text
    std::string response;  // JSON text; empty unless ok
    std::string status;    // "in_flight", "ok", "failed"
    std::optional<int64_t> http_status;
    std::string error;
    int64_t prompt_tokens = 0;
    int64_t completion_tokens = 0;
    double cost_usd = 0;
    int64_t latency_ms = 0;
    int64_t created_at = 0;
    std::optional<int64_t> completed_at;
};

struct JournalTotals {
    int64_t ok = 0;
    int64_t failed = 0;
    int64_t in_flight = 0;  // left by a crash (or running now)
    double cost_usd = 0;    // of all ok calls
    int64_t prompt_tokens = 0;
    int64_t completion_tokens = 0;
};

class Journal {
public:
    explicit Journal(store::Project &project) : m_project(project) {}

    // The newest completed (ok) call with this hash.
    Result<std::optional<JournalEntry>> find_ok(std::string_view request_hash);

    // Records a call about to be sent. A row with the same hash left in_flight by a crash, or failed
    // earlier, is reused (and becomes in_flight again) rather than piling up; otherwise a row is added.
    Result<int64_t> begin(std::string_view request_hash, std::string_view purpose, std::string_view endpoint,
                          std::string_view model, std::string_view request_json);

    Status complete_ok(int64_t id, std::string_view response_json, int64_t http_status, int64_t prompt_tokens,
                       int64_t completion_tokens, double cost_usd, int64_t latency_ms);
    Status complete_failed(int64_t id, std::optional<int64_t> http_status, std::string_view error,
                           int64_t latency_ms);

    Result<JournalTotals> totals();
    Result<std::optional<JournalEntry>> entry(int64_t id);
    Result<std::vector<JournalEntry>> entries();  // oldest first; for tests and export of provenance

private:
    store::Project &m_project;
};

}  // namespace smolify::teacher
