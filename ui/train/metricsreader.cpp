#include "train/metricsreader.h"

#include <nlohmann/json.hpp>

#include "common/qtstring.h"
#include "store/project.h"
#include "train/runs.h"

namespace smolify::ui {

namespace {

using nlohmann::json;

// The first of `names` the object holds as a number; 0 when none.
double firstNumber(const json &object, std::initializer_list<const char *> names) {
    if (!object.is_object()) return 0;
    for (const char *name : names) {
        const auto it = object.find(name);
        if (it != object.end() && it->is_number()) return it->get<double>();
    }
    return 0;
}

// object[name] when it is a number, else -1.
double number(const json &object, const char *name) {
    if (!object.is_object()) return -1;
    const auto it = object.find(name);
    return it != object.end() && it->is_number() ? it->get<double>() : -1;
}

QString text(const json &object, const char *name) {
    if (!object.is_object()) return {};
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

// object[name] when it is an object, else an empty one.
const json &member(const json &object, const char *name) {
    static const json kEmpty = json::object();
    if (!object.is_object()) return kEmpty;
    const auto it = object.find(name);
    return it != object.end() && it->is_object() ? *it : kEmpty;
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
        run.configJson = toQString(row.config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        run.seed = static_cast<qint64>(row.seed);
        run.step = row.step;
        run.bestValLoss = row.best_val_loss;
        run.createdAt = row.created_at;
        if (row.started_at) run.startedAt = *row.started_at;
        if (row.finished_at) run.finishedAt = *row.finished_at;
        parseConfig(row.config, &run);
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

void MetricsReader::parseConfig(const nlohmann::json &config, TrainRunInfo *run) {
    if (!config.is_object()) return;
    // core/train writes {"params": TrainParams, "total_steps": N, "parameters": N, ...}; a flat
    // object of the same names is read too.
    const json &params = member(config, "params");
    const bool own = params.contains("preset") && params["preset"].is_string();
    run->preset = own ? text(params, "preset") : text(config, "preset");
    run->totalSteps = static_cast<qint64>(firstNumber(config, {"total_steps", "max_steps"}));
    if (run->totalSteps <= 0) run->totalSteps = static_cast<qint64>(firstNumber(params, {"max_steps"}));
    run->maxMinutes = firstNumber(params, {"max_minutes"});
    if (run->maxMinutes <= 0) run->maxMinutes = firstNumber(config, {"max_minutes"});
    run->parameters = static_cast<qint64>(firstNumber(config, {"parameters"}));
    const json &plan = member(config, "plan");
    run->planModel = text(plan, "model_why");
    run->planData = text(plan, "fit_why");
    run->planInputWeight = number(plan, "input_loss_weight");
    run->planInputDropout = number(plan, "input_dropout");
    run->planDropout = number(plan, "dropout");
    run->planSelect = text(plan, "select_metric");
    run->planLabelDistill = number(plan, "label_distill");
    run->planDistillAccuracy = number(plan, "distill_accuracy");
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
