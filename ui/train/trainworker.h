// TrainWorker: runs the core trainer off the GUI thread.
//
// TrainController moves one worker to its own QThread and starts a run by calling run() through a
// queued connection. The worker opens its OWN Project on the same path (a Project is
// single-threaded; in WAL mode the GUI keeps reading its own connection, and the page charts the
// rows the trainer commits). It emits started() once the run has an id, progressChanged() at most
// kProgressPerSecond times a second (and once at the end), then exactly one finished(). cancel()
// may be called from any thread; the trainer stops within one step, writes a checkpoint and records
// the run as paused, so Resume continues it.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <optional>

namespace smolify::ui {

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
    qint64 runId = 0;    // 0 when no run was created
    QString status;      // the run's status in the store afterwards: completed, paused (resumable), failed
    QString
        stopReason;  // max_steps, max_epochs, early_stopping, time_budget, cancelled, disk_full (then not ok)
    bool ok = false;     // false: the run failed or could not start (error says why)
    QString error;
    qint64 step = 0;
};

class TrainWorker : public QObject {
    Q_OBJECT

public:
    static constexpr int kProgressPerSecond = 10;

    explicit TrainWorker(QObject *parent = nullptr);

    // Thread-safe: asks the running (or the next queued) run to stop after its current step.
    void cancel() { m_cancel.store(true); }
    // Thread-safe: clears a cancel left from an earlier run; the controller calls it before queueing.
    void clearCancel() { m_cancel.store(false); }

public slots:
    void run(const smolify::ui::TrainRequest &request);

signals:
    void started(qint64 runId);
    void progressChanged(const smolify::ui::TrainProgress &progress);
    void finished(const smolify::ui::TrainOutcome &outcome);

private:
    std::atomic<bool> m_cancel{false};
};

}  // namespace smolify::ui

Q_DECLARE_METATYPE(smolify::ui::TrainRequest)
Q_DECLARE_METATYPE(smolify::ui::TrainProgress)
Q_DECLARE_METATYPE(smolify::ui::TrainOutcome)
