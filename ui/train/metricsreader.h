// MetricsReader: the Train page's view of the project's training runs and their metrics, read through
// core's train/runs.h (list_runs, read_metrics_after) on the GUI thread's own Project connection.
// Training writes from another thread (TrainController's job) or another process (`smolify-cli
// train`); the store is in WAL mode, so each read sees the latest committed rows without ever
// blocking the writer. Metrics are read
// incrementally: RunMetrics remembers the last step it has of each split and asks only for newer
// rows, so following a run of 100,000 steps costs a few rows per poll.
//
// Who calls it: TrainPage (polling with a QTimer), tests. GUI thread only, like the Project it reads.
#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace smolify::store {
class Project;
}

namespace smolify::ui {

// One row of training_runs, with the parts of its config JSON the page shows.
struct TrainRunInfo {
    qint64 id = 0;
    QString status;  // created, running, paused, completed, failed, cancelled
    QString message;
    QString configJson;
    qint64 seed = 0;
    qint64 step = 0;
    std::optional<double> bestValLoss;
    qint64 createdAt = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
    // From the config (0 / empty when it does not say).
    QString preset;
    qint64 totalSteps = 0;
    double maxMinutes = 0;
    qint64 parameters = 0;  // the student's weights
    // The plan the trainer made before the first step (config "plan"): the model it chose and why,
    // and the context with what it cuts or drops.
    QString planModel;
    QString planData;
    // The recipe: input loss weight, input dropout, residual dropout, and what picks the best checkpoint;
    // absent (negative, empty) for runs recorded before the plan held them.
    double planInputWeight = -1;
    double planInputDropout = -1;
    double planDropout = -1;
    QString planSelect;
    // Classification: the weight of the n-gram classifier's label distribution in the training answers
    // and its out-of-fold accuracy (train/soft_labels.h); negative when not used or not recorded.
    double planLabelDistill = -1;
    double planDistillAccuracy = -1;
    std::optional<double> bestValAccuracy;  // classification runs: not in the config; from progress
};

// One row of metrics.
struct MetricRow {
    qint64 step = 0;
    bool validation = false;  // split 'val'
    double loss = 0;
    std::optional<double> learningRate;
    std::optional<double> tokensPerSecond;
    std::optional<double> elapsedSeconds;
};

class MetricsReader {
public:
    // Every run, newest first. False with `error` set when the store cannot be read.
    static bool readRuns(store::Project &project, std::vector<TrainRunInfo> *runs, QString *error);
    // Metrics of `runId` with a step after `afterTrainStep` (train split) or after `afterValStep`
    // (val split), in step order, at most `limit` rows.
    static bool readMetrics(store::Project &project, qint64 runId, qint64 afterTrainStep, qint64 afterValStep,
                            int limit, std::vector<MetricRow> *rows, QString *error);
    // The run's config (train::RunRow::config): its preset, step budget, time budget and plan,
    // whichever of the names the trainer may use is present.
    static void parseConfig(const nlohmann::json &config, TrainRunInfo *run);
};

// Everything charted for one run, grown by append() as rows arrive.
class RunMetrics {
public:
    void clear(qint64 runId = 0);
    qint64 runId() const { return m_runId; }
    // Reads the rows newer than what it has (at most `limit`); returns how many arrived, -1 on error.
    int update(store::Project &project, int limit, QString *error);
    void append(const MetricRow &row);

    const QList<QPointF> &trainLoss() const { return m_trainLoss; }
    const QList<QPointF> &valLoss() const { return m_valLoss; }
    const QList<QPointF> &learningRate() const { return m_learningRate; }
    const QList<QPointF> &tokensPerSecond() const { return m_tokensPerSecond; }
    qint64 lastTrainStep() const { return m_lastTrainStep; }
    qint64 lastValStep() const { return m_lastValStep; }
    // The latest train row (step, loss, learning rate, tokens/s, elapsed), if any.
    const std::optional<MetricRow> &latestTrain() const { return m_latestTrain; }
    const std::optional<MetricRow> &latestVal() const { return m_latestVal; }

private:
    qint64 m_runId = 0;
    qint64 m_lastTrainStep = -1;
    qint64 m_lastValStep = -1;
    QList<QPointF> m_trainLoss, m_valLoss, m_learningRate, m_tokensPerSecond;
    std::optional<MetricRow> m_latestTrain, m_latestVal;
};

}  // namespace smolify::ui
