// TrainController: the Train page's training plumbing, apart from its widgets.
//
// A TrainRequest becomes train::train (or train::resume) on a JobRunner (ui/common/jobrunner.h: the
// job's own Project, throttled progress, the outcome on the GUI thread). It emits started() once the
// run has an id, progressChanged() at most kProgressPerSecond times a second (every report after a
// validation pass included, and the last one), then exactly one finished(). cancel() stops the run
// after its current step; the trainer writes a checkpoint and records the run as paused, so Resume
// continues it (core's job::cancelled becomes an outcome with stopReason "cancelled"). One run at a time;
// the limits are computed as the CLI computes them (train::apply_limits).
//
// Who calls it: TrainPage, tests. GUI thread only.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace smolify::train {
struct TrainParams;
}

namespace smolify::ui {

class JobRunner;

struct TrainRequest {
    QString projectPath;
    QString preset = QStringLiteral("auto");  // auto, micro, tiny, small, base
    int maxMinutes = 0;                       // 0: no time limit
    qint64 maxSteps = 0;                      // 0: the preset's default
    qint64 seed = 0;
    qint64 resumeRunId = 0;  // > 0: resume this run instead of starting a new one
};

struct TrainProgress {
    qint64 runId = 0;
    qint64 step = 0;
    qint64 totalSteps = 0;
    double epoch = 0;
    double trainLoss = 0;
    std::optional<double> valLoss;
    double learningRate = 0;
    double tokensPerSecond = 0;
    double elapsedSeconds = 0;
    double secondsLeft = 0;
    std::optional<double> valAccuracy;  // classification: label accuracy on the validation slice
    std::optional<double> valScore;     // other kinds: the task's score of greedy validation answers
};

struct TrainOutcome {
    qint64 runId = 0;  // 0 when no run was created
    QString status;    // the run's status in the store afterwards: completed, paused (resumable), failed
    // max_steps, max_epochs, early_stopping, time_budget, cancelled, disk_full (then not ok)
    QString stopReason;
    bool ok = false;  // false: the run failed or could not start (error says why)
    QString error;
    qint64 step = 0;
};

// The trainer's parameters for a new run as `request` asks (TrainController's runs and the Train
// page's estimate use the same), with the training threads from Settings.
train::TrainParams trainParamsFor(const TrainRequest &request);

class TrainController : public QObject {
    Q_OBJECT

public:
    explicit TrainController(QObject *parent = nullptr);
    ~TrainController() override;

    bool isRunning() const;
    // Starts `request` on the worker thread; false while a run is going.
    bool start(const TrainRequest &request);
    // Asks the running run to stop after its current step.
    void cancel();

signals:
    void started(qint64 runId);
    void progressChanged(const smolify::ui::TrainProgress &progress);
    void finished(const smolify::ui::TrainOutcome &outcome);

private:
    JobRunner *m_runner;  // owned; deleted first in the destructor
};

}  // namespace smolify::ui

Q_DECLARE_METATYPE(smolify::ui::TrainRequest)
Q_DECLARE_METATYPE(smolify::ui::TrainProgress)
Q_DECLARE_METATYPE(smolify::ui::TrainOutcome)
