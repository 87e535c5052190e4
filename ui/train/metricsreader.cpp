#include "train/metricsreader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <exception>

#include "common/qtstring.h"
#include "store/project.h"
#include "store/sqlite.h"

namespace smolify::ui {

namespace {

std::optional<double> optDouble(const store::Stmt &stmt, int col) {
    if (stmt.col_null(col)) return std::nullopt;
    return stmt.col_double(col);
}

// The first of `names` the object holds as a number.
double firstNumber(const QJsonObject &object, std::initializer_list<const char *> names) {
    for (const char *name : names) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (value.isDouble()) return value.toDouble();
    }
    return 0;
}

}  // namespace

bool MetricsReader::readRuns(store::Project &project, std::vector<TrainRunInfo> *runs, QString *error) {
    runs->clear();
    try {
        auto stmt = project.db().prepare(
            "SELECT id, status, message, config, seed, step, best_val_loss, created_at, started_at, "
            "finished_at FROM training_runs ORDER BY id DESC");
        while (stmt.step()) {
            TrainRunInfo run;
            run.id = stmt.col_int(0);
            run.status = toQString(stmt.col_text(1));
            run.message = toQString(stmt.col_text(2));
            run.configJson = toQString(stmt.col_text(3));
            run.seed = stmt.col_int(4);
            run.step = stmt.col_int(5);
            run.bestValLoss = optDouble(stmt, 6);
            run.createdAt = stmt.col_int(7);
            if (auto v = stmt.col_opt_int(8)) run.startedAt = *v;
            if (auto v = stmt.col_opt_int(9)) run.finishedAt = *v;
            parseConfig(&run);
            runs->push_back(std::move(run));
        }
        return true;
    } catch (const std::exception &e) {
        if (error) *error = toQString(e.what());
        return false;
    }
}

bool MetricsReader::readMetrics(store::Project &project, qint64 runId, qint64 afterTrainStep,
                                qint64 afterValStep, int limit, std::vector<MetricRow> *rows,
                                QString *error) {
    rows->clear();
    try {
        // The primary key (run_id, step, split) serves the range; the two splits are followed
        // separately because validation rows of a step may commit after its training row.
        auto stmt = project.db().prepare(
            "SELECT step, split, loss, learning_rate, tokens_per_s, elapsed_s FROM metrics "
            "WHERE run_id = ?1 AND step > min(?2, ?3) "
            "AND ((split = 'train' AND step > ?2) OR (split = 'val' AND step > ?3)) "
            "ORDER BY step, split LIMIT ?4");
        stmt.bind(1, static_cast<int64_t>(runId))
            .bind(2, static_cast<int64_t>(afterTrainStep))
            .bind(3, static_cast<int64_t>(afterValStep))
            .bind(4, limit);
        while (stmt.step()) {
            MetricRow row;
            row.step = stmt.col_int(0);
            row.validation = stmt.col_text(1) == "val";
            row.loss = stmt.col_double(2);
            row.learningRate = optDouble(stmt, 3);
            row.tokensPerSecond = optDouble(stmt, 4);
            row.elapsedSeconds = optDouble(stmt, 5);
            rows->push_back(row);
        }
        return true;
    } catch (const std::exception &e) {
        if (error) *error = toQString(e.what());
        return false;
    }
}

void MetricsReader::parseConfig(TrainRunInfo *run) {
    const QJsonDocument doc = QJsonDocument::fromJson(run->configJson.toUtf8());
    if (!doc.isObject()) return;
    // core/train writes {"params": TrainParams, "total_steps": N, "parameters": N, ...}; a flat
    // object of the same names is read too.
    const QJsonObject config = doc.object();
    const QJsonObject params = config.value(QLatin1String("params")).toObject();
    run->preset =
        params.value(QLatin1String("preset")).toString(config.value(QLatin1String("preset")).toString());
    run->totalSteps = static_cast<qint64>(firstNumber(config, {"total_steps", "max_steps"}));
    if (run->totalSteps <= 0) run->totalSteps = static_cast<qint64>(firstNumber(params, {"max_steps"}));
    run->maxMinutes = firstNumber(params, {"max_minutes"});
    if (run->maxMinutes <= 0) run->maxMinutes = firstNumber(config, {"max_minutes"});
    run->parameters = static_cast<qint64>(firstNumber(config, {"parameters"}));
    const QJsonObject plan = config.value(QLatin1String("plan")).toObject();
    run->planModel = plan.value(QLatin1String("model_why")).toString();
    run->planData = plan.value(QLatin1String("fit_why")).toString();
    run->planInputWeight = plan.value(QLatin1String("input_loss_weight")).toDouble(-1);
    run->planInputDropout = plan.value(QLatin1String("input_dropout")).toDouble(-1);
    run->planDropout = plan.value(QLatin1String("dropout")).toDouble(-1);
    run->planSelect = plan.value(QLatin1String("select_metric")).toString();
    run->planLabelDistill = plan.value(QLatin1String("label_distill")).toDouble(-1);
    run->planDistillAccuracy = plan.value(QLatin1String("distill_accuracy")).toDouble(-1);
}

void RunMetrics::clear(qint64 runId) {
    m_runId = runId;
    m_lastTrainStep = -1;
    m_lastValStep = -1;
    m_trainLoss.clear();
    m_valLoss.clear();
    m_learningRate.clear();
    m_tokensPerSecond.clear();
    m_latestTrain.reset();
    m_latestVal.reset();
}

int RunMetrics::update(store::Project &project, int limit, QString *error) {
    if (m_runId <= 0) return 0;
    std::vector<MetricRow> rows;
    if (!MetricsReader::readMetrics(project, m_runId, m_lastTrainStep, m_lastValStep, limit, &rows, error))
        return -1;
    for (const MetricRow &row : rows)
        append(row);
    return static_cast<int>(rows.size());
}

void RunMetrics::append(const MetricRow &row) {
    const auto x = static_cast<double>(row.step);
    if (row.validation) {
        if (row.step <= m_lastValStep) return;
        m_lastValStep = row.step;
        m_valLoss.append(QPointF(x, row.loss));
        m_latestVal = row;
        return;
    }
    if (row.step <= m_lastTrainStep) return;
    m_lastTrainStep = row.step;
    m_trainLoss.append(QPointF(x, row.loss));
    if (row.learningRate) m_learningRate.append(QPointF(x, *row.learningRate));
    if (row.tokensPerSecond) m_tokensPerSecond.append(QPointF(x, *row.tokensPerSecond));
    m_latestTrain = row;
}

}  // namespace smolify::ui
