#include "train/metricsreader.h"

#include <QJsonDocument>
#include <QJsonObject>


#include "common/qtstring.h"
#include "store/project.h"
#include "train/runs.h"

namespace smolify::ui {

namespace {

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
    auto rows = train::list_runs(project);
    if (!rows) {
        if (error) *error = toQString(rows.error().message);
        return false;
    }
    for (const train::RunRow &row : *rows) {
        TrainRunInfo run;
        run.id = row.id;
        run.status = toQString(row.status);
        run.message = toQString(row.message);
        run.configJson =
            toQString(row.config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        run.seed = static_cast<qint64>(row.seed);
        run.step = row.step;
        run.bestValLoss = row.best_val_loss;
        run.createdAt = row.created_at;
        if (row.started_at) run.startedAt = *row.started_at;
        if (row.finished_at) run.finishedAt = *row.finished_at;
        parseConfig(&run);
        runs->push_back(std::move(run));
    }
    return true;
}

bool MetricsReader::readMetrics(store::Project &project, qint64 runId, qint64 afterTrainStep,
                                qint64 afterValStep, int limit, std::vector<MetricRow> *rows,
                                QString *error) {
    rows->clear();
    auto read = train::read_metrics_after(project, runId, afterTrainStep, afterValStep, limit);
    if (!read) {
        if (error) *error = toQString(read.error().message);
        return false;
    }
    for (const train::MetricRow &m : *read) {
        MetricRow row;
        row.step = m.step;
        row.validation = m.split == "val";
        row.loss = m.loss;
        row.learningRate = m.learning_rate;
        row.tokensPerSecond = m.tokens_per_s;
        row.elapsedSeconds = m.elapsed_s;
        rows->push_back(row);
    }
    return true;
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
