#include "store/schema.h"

#include <string>

#include "store/sqlite.h"

namespace smolify::store {

namespace {

// Version 1: everything the foundation and the engine stages need. Times are Unix seconds (UTC);
// JSON columns hold JSON text. CHECK constraints keep enumerations honest even for foreign writers.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE project (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    intent          TEXT NOT NULL,
    teacher_url     TEXT NOT NULL DEFAULT '',
    teacher_model   TEXT NOT NULL DEFAULT '',
    teacher_key_env TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    created_by      TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE task_specs (
    version           INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL DEFAULT '',
    instruction       TEXT NOT NULL DEFAULT '',
    input_description TEXT NOT NULL DEFAULT '',
    output_contract   TEXT NOT NULL DEFAULT '{}',
    body              TEXT NOT NULL DEFAULT '{}',
    author            TEXT NOT NULL DEFAULT 'user',
    created_at        INTEGER NOT NULL
);

-- Every call to the teacher: written before it is sent (status in_flight) and when it completes,
-- so a crash loses at most the calls in flight and a rerun never pays twice. No secrets here.
CREATE TABLE teacher_calls (
    id                INTEGER PRIMARY KEY,
    request_hash      TEXT NOT NULL,
    purpose           TEXT NOT NULL DEFAULT '',
    endpoint          TEXT NOT NULL DEFAULT '',
    model             TEXT NOT NULL DEFAULT '',
    request           TEXT NOT NULL,
    response          TEXT,
    status            TEXT NOT NULL CHECK (status IN ('in_flight', 'ok', 'failed')),
    http_status       INTEGER,
    error             TEXT,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL NOT NULL DEFAULT 0,
    latency_ms        INTEGER,
    created_at        INTEGER NOT NULL,
    completed_at      INTEGER
);
CREATE INDEX teacher_calls_by_hash ON teacher_calls(request_hash);

CREATE TABLE samples (
    id              INTEGER PRIMARY KEY,
    input           TEXT NOT NULL,
    output          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    split           TEXT NOT NULL DEFAULT 'train' CHECK (split IN ('train', 'test')),
    source          TEXT NOT NULL CHECK (source IN ('teacher', 'import', 'manual')),
    reject_reason   TEXT,
    topic           TEXT,
    provenance      TEXT,
    spec_version    INTEGER REFERENCES task_specs(version),
    teacher_call_id INTEGER REFERENCES teacher_calls(id),
    content_hash    BLOB NOT NULL UNIQUE,  -- SHA-256, 32 bytes (util/text.h)
    created_at      INTEGER NOT NULL,
    reviewed_at     INTEGER,
    updated_at      INTEGER NOT NULL,
    CHECK (status <> 'rejected' OR length(reject_reason) > 0)
);
CREATE INDEX samples_by_status_split ON samples(status, split);
CREATE INDEX samples_by_split ON samples(split);

-- Earlier texts of edited samples. Revision 1 is the original (teacher or import) text.
CREATE TABLE sample_revisions (
    sample_id  INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    input      TEXT NOT NULL,
    output     TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (sample_id, revision)
) WITHOUT ROWID;

CREATE TABLE training_runs (
    id          INTEGER PRIMARY KEY,
    config      TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('created', 'running', 'paused', 'completed', 'failed', 'cancelled')),
    message     TEXT,
    created_at  INTEGER NOT NULL,
    started_at  INTEGER,
    finished_at INTEGER
);

CREATE TABLE metrics (
    run_id        INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
    step          INTEGER NOT NULL,
    split         TEXT NOT NULL CHECK (split IN ('train', 'val')),
    loss          REAL NOT NULL,
    learning_rate REAL,
    tokens_per_s  REAL,
    elapsed_s     REAL,
    PRIMARY KEY (run_id, step, split)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
    step       INTEGER NOT NULL,
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
    model_path  TEXT,
    metrics     TEXT NOT NULL,
    report_path TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE exports (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
    path         TEXT NOT NULL,
    format       TEXT NOT NULL,
    quantization TEXT NOT NULL DEFAULT '',
    sha256       TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    metrics      TEXT,
    created_at   INTEGER NOT NULL
);
)sql";

// Version 2: the student engine (core/text, core/train).
constexpr std::string_view kSchemaV2 = R"sql(
-- SentencePiece models trained on the corpus (core/text): the serialized model itself, so a project
-- file is enough to train, resume and export.
CREATE TABLE tokenizers (
    id             INTEGER PRIMARY KEY,
    model          BLOB NOT NULL,
    sha256         TEXT NOT NULL,
    vocab_size     INTEGER NOT NULL,
    options        TEXT NOT NULL DEFAULT '{}',
    corpus_samples INTEGER NOT NULL,
    corpus_bytes   INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);
ALTER TABLE training_runs ADD COLUMN tokenizer_id INTEGER REFERENCES tokenizers(id);
ALTER TABLE training_runs ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_runs ADD COLUMN best_val_loss REAL;
)sql";

// Version 3: synthesis (core/synth). A generation run, the planned teacher requests of each of its
// rounds (so a killed run resumes with exactly the same prompts), and every teacher sample that was
// not kept: invalid against the contract, a duplicate, malformed or rejected by the judge, with why.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE synth_runs (
    id           INTEGER PRIMARY KEY,
    spec_version INTEGER REFERENCES task_specs(version),
    target       INTEGER NOT NULL,
    params       TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'failed')),
    message      TEXT,
    accepted     INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    failed_calls INTEGER NOT NULL DEFAULT 0,
    cost_usd     REAL NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
);

CREATE TABLE synth_requests (
    run_id     INTEGER NOT NULL REFERENCES synth_runs(id) ON DELETE CASCADE,
    round      INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    slice      TEXT NOT NULL,
    wanted     INTEGER NOT NULL,
    prompt     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    call_id    INTEGER REFERENCES teacher_calls(id),
    accepted   INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    PRIMARY KEY (run_id, round, idx)
) WITHOUT ROWID;

CREATE TABLE synth_rejects (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER REFERENCES synth_runs(id) ON DELETE SET NULL,
    call_id      INTEGER REFERENCES teacher_calls(id),
    kind         TEXT NOT NULL CHECK (kind IN ('malformed', 'contract', 'duplicate', 'near_duplicate', 'judge')),
    reason       TEXT NOT NULL,
    input        TEXT NOT NULL DEFAULT '',
    output       TEXT NOT NULL DEFAULT '',
    topic        TEXT,
    duplicate_of INTEGER REFERENCES samples(id) ON DELETE SET NULL,
    spec_version INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX synth_rejects_by_run ON synth_rejects(run_id);
CREATE INDEX samples_by_topic ON samples(topic);
)sql";

// Version 4: evaluation (core/eval). One row per evaluation of a model on the test split (its whole
// report as JSON in metrics), and per test sample and weight type the student's output beside the
// input and the teacher's reference, with its scores, so the worst cases can be sorted out and
// promoted to training samples (promoted_sample_id).
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE eval_runs (
    id              INTEGER PRIMARY KEY,
    training_run_id INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
    model           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    kind_source     TEXT NOT NULL CHECK (kind_source IN ('spec', 'inferred')),
    params          TEXT NOT NULL DEFAULT '{}',
    metrics         TEXT NOT NULL DEFAULT '{}',
    test_samples    INTEGER NOT NULL DEFAULT 0,
    evaluated       INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

CREATE TABLE eval_results (
    id                 INTEGER PRIMARY KEY,
    eval_run_id        INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
    sample_id          INTEGER REFERENCES samples(id) ON DELETE SET NULL,
    quant              TEXT NOT NULL,
    input              TEXT NOT NULL,
    reference          TEXT NOT NULL,
    output             TEXT NOT NULL,
    score              REAL NOT NULL,
    contract_ok        INTEGER NOT NULL CHECK (contract_ok IN (0, 1)),
    contract_reason    TEXT,
    scores             TEXT NOT NULL DEFAULT '{}',
    promoted_sample_id INTEGER REFERENCES samples(id) ON DELETE SET NULL
);
CREATE INDEX eval_results_by_score ON eval_results(eval_run_id, quant, score);
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
    {4, kSchemaV4},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int schema_latest_version() { return kMigrations[std::size(kMigrations) - 1].version; }

int schema_migrate(Db &db, std::span<const Migration> migrations) {
    int version = static_cast<int>(db.query_int("PRAGMA user_version"));
    for (const Migration &m : migrations) {
        if (m.version <= version) continue;
        if (m.version != version + 1)
            throw SqlError(SQLITE_ERROR, "schema migration " + std::to_string(m.version) + " does not follow " +
                                             std::to_string(version));
        Transaction tx(db);
        db.exec(m.sql);
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
        tx.commit();
        version = m.version;
    }
    return version;
}

}  // namespace smolify::store
