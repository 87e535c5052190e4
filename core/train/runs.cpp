// Store access for training runs, metrics and checkpoints (see runs.h).
#include "train/runs.h"

#include "store/guard.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::train {

using store::detail::guard;

namespace {

bool is_final(const std::string &status) {
    return status == "completed" || status == "failed" || status == "cancelled";
}

constexpr const char *kRunColumns =
    "SELECT id, config, seed, status, message, step, tokenizer_id, best_val_loss, created_at, finished_at, "
    "started_at FROM training_runs ";

RunRow read_run(store::Stmt &s) {
    RunRow r;
    r.id = s.col_int(0);
    r.config = nlohmann::json::parse(s.col_text(1), nullptr, false);
    if (r.config.is_discarded()) r.config = nlohmann::json::object();
    r.seed = static_cast<uint64_t>(s.col_int(2));
    r.status = s.col_text(3);
    r.message = s.col_text(4);
    r.step = s.col_int(5);
    r.tokenizer_id = s.col_opt_int(6);
    if (!s.col_null(7)) r.best_val_loss = s.col_double(7);
    r.created_at = s.col_int(8);
    r.finished_at = s.col_opt_int(9);
    r.started_at = s.col_opt_int(10);
    return r;
}

}  // namespace

std::string checkpoint_relpath(int64_t run_id, bool best) {
    return "checkpoints/run-" + std::to_string(run_id) + (best ? "-best" : "") + ".ckpt";
}

Result<int64_t> create_run(store::Project &project, const nlohmann::json &config, uint64_t seed,
                           int64_t tokenizer_id) {
    return guard([&]() -> Result<int64_t> {
        auto &db = project.db();
        auto s = db.prepare(
            "INSERT INTO training_runs (config, seed, status, created_at, started_at, tokenizer_id, step) "
            "VALUES (?, ?, 'running', ?, ?, ?, 0)");
        // SQLite integers are signed: the seed's bits are kept, its sign may flip.
        s.bind(1, config.dump())
            .bind(2, static_cast<int64_t>(seed))
            .bind(3, unix_now())
            .bind(4, unix_now())
            .bind(5, tokenizer_id);
        s.exec();
        return db.last_insert_id();
    });
}

Result<int64_t> restart_run(store::Project &project, int64_t run_id, const nlohmann::json &config,
                            uint64_t seed, int64_t tokenizer_id) {
    return guard([&]() -> Result<int64_t> {
        auto &db = project.db();
        store::Transaction tx(db);
        for (const char *sql :
             {"DELETE FROM metrics WHERE run_id = ?", "DELETE FROM checkpoints WHERE run_id = ?"}) {
            auto d = db.prepare(sql);
            d.bind(1, run_id);
            d.exec();
        }
        auto s = db.prepare(
            "UPDATE training_runs SET config = ?, seed = ?, status = 'running', message = NULL, step = 0, "
            "best_val_loss = NULL, finished_at = NULL, started_at = ?, tokenizer_id = ? WHERE id = ?");
        s.bind(1, config.dump())
            .bind(2, static_cast<int64_t>(seed))
            .bind(3, unix_now())
            .bind(4, tokenizer_id)
            .bind(5, run_id);
        s.exec();
        tx.commit();
        return run_id;
    });
}

Status update_run(store::Project &project, int64_t run_id, const std::string &status, int64_t step,
                  const std::string &message, std::optional<double> best_val_loss) {
    return guard([&]() -> Status {
        auto s = project.db().prepare(
            "UPDATE training_runs SET status = ?, step = ?, message = ?, "
            "best_val_loss = COALESCE(?, best_val_loss), finished_at = ? WHERE id = ?");
        s.bind(1, status).bind(2, step).bind_text_or_null(3, message);
        if (best_val_loss)
            s.bind(4, *best_val_loss);
        else
            s.bind(4, std::nullopt);
        if (is_final(status))
            s.bind(5, unix_now());
        else
            s.bind(5, std::nullopt);
        s.bind(6, run_id);
        s.exec();
        return {};
    });
}

Result<std::optional<RunRow>> find_run(store::Project &project, int64_t run_id) {
    return guard([&]() -> Result<std::optional<RunRow>> {
        auto s = project.db().prepare(std::string(kRunColumns) + "WHERE id = ?");
        s.bind(1, run_id);
        if (!s.step()) return std::optional<RunRow>();
        return std::optional<RunRow>(read_run(s));
    });
}

Result<std::optional<RunRow>> latest_run(store::Project &project) {
    return guard([&]() -> Result<std::optional<RunRow>> {
        auto s = project.db().prepare(std::string(kRunColumns) + "ORDER BY id DESC LIMIT 1");
        if (!s.step()) return std::optional<RunRow>();
        return std::optional<RunRow>(read_run(s));
    });
}

Result<std::vector<RunRow>> list_runs(store::Project &project) {
    return guard([&]() -> Result<std::vector<RunRow>> {
        auto s = project.db().prepare(std::string(kRunColumns) + "ORDER BY id DESC");
        std::vector<RunRow> out;
        while (s.step())
            out.push_back(read_run(s));
        return out;
    });
}

Status write_metrics(store::Project &project, int64_t run_id, std::span<const MetricRow> rows) {
    if (rows.empty()) return {};
    return guard([&]() -> Status {
        auto &db = project.db();
        store::Transaction tx(db);
        auto s = db.prepare(
            "INSERT OR REPLACE INTO metrics (run_id, step, split, loss, learning_rate, tokens_per_s, "
            "elapsed_s) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (const MetricRow &m : rows) {
            s.bind(1, run_id).bind(2, m.step).bind(3, m.split).bind(4, m.loss).bind(5, m.learning_rate);
            s.bind(6, m.tokens_per_s).bind(7, m.elapsed_s);
            s.exec();
            s.reset();
        }
        tx.commit();
        return {};
    });
}

Status delete_metrics_after(store::Project &project, int64_t run_id, int64_t step) {
    return guard([&]() -> Status {
        auto s = project.db().prepare("DELETE FROM metrics WHERE run_id = ? AND step > ?");
        s.bind(1, run_id).bind(2, step);
        s.exec();
        return {};
    });
}

Result<std::vector<MetricRow>> read_metrics(store::Project &project, int64_t run_id) {
    return guard([&]() -> Result<std::vector<MetricRow>> {
        auto s = project.db().prepare(
            "SELECT step, split, loss, learning_rate, tokens_per_s, elapsed_s FROM metrics WHERE run_id = ? "
            "ORDER BY split, step");
        s.bind(1, run_id);
        std::vector<MetricRow> out;
        while (s.step())
            out.push_back({s.col_int(0), s.col_text(1), s.col_double(2), s.col_double(3), s.col_double(4),
                           s.col_double(5)});
        return out;
    });
}

Result<std::vector<MetricRow>> read_metrics_after(store::Project &project, int64_t run_id,
                                                  int64_t after_train_step, int64_t after_val_step, int limit) {
    return guard([&]() -> Result<std::vector<MetricRow>> {
        // The primary key (run_id, step, split) serves the range.
        auto s = project.db().prepare(
            "SELECT step, split, loss, learning_rate, tokens_per_s, elapsed_s FROM metrics "
            "WHERE run_id = ?1 AND step > min(?2, ?3) "
            "AND ((split = 'train' AND step > ?2) OR (split = 'val' AND step > ?3)) "
            "ORDER BY step, split LIMIT ?4");
        s.bind(1, run_id).bind(2, after_train_step).bind(3, after_val_step).bind(4, limit);
        std::vector<MetricRow> out;
        while (s.step())
            out.push_back({s.col_int(0), s.col_text(1), s.col_double(2), s.col_double(3), s.col_double(4),
                           s.col_double(5)});
        return out;
    });
}

Status record_checkpoint(store::Project &project, const CheckpointRow &row) {
    return guard([&]() -> Status {
        auto &db = project.db();
        store::Transaction tx(db);
        auto d = db.prepare("DELETE FROM checkpoints WHERE run_id = ? AND path = ?");
        d.bind(1, row.run_id).bind(2, row.path);
        d.exec();
        auto s = db.prepare(
            "INSERT INTO checkpoints (run_id, step, path, sha256, bytes, created_at) VALUES (?, ?, ?, ?, ?, "
            "?)");
        s.bind(1, row.run_id)
            .bind(2, row.step)
            .bind(3, row.path)
            .bind(4, row.sha256)
            .bind(5, row.bytes)
            .bind(6, unix_now());
        s.exec();
        tx.commit();
        return {};
    });
}

Result<std::vector<CheckpointRow>> read_checkpoints(store::Project &project, int64_t run_id) {
    return guard([&]() -> Result<std::vector<CheckpointRow>> {
        auto s = project.db().prepare(
            "SELECT id, run_id, step, path, sha256, bytes FROM checkpoints WHERE run_id = ? ORDER BY id");
        s.bind(1, run_id);
        std::vector<CheckpointRow> out;
        while (s.step())
            out.push_back(
                {s.col_int(0), s.col_int(1), s.col_int(2), s.col_text(3), s.col_text(4), s.col_int(5)});
        return out;
    });
}

}  // namespace smolify::train
