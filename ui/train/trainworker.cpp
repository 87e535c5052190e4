#include "train/trainworker.h"

#include <QElapsedTimer>
#include <QThread>

#include "common/qtstring.h"
#include "store/project.h"
#include "train/trainer.h"

namespace smolify::ui {

namespace {
TrainProgress toProgress(const train::TrainProgress &p) {
    TrainProgress out;
    out.runId = p.run_id;
    out.step = p.step;
    out.totalSteps = p.total_steps;
    out.epoch = static_cast<double>(p.epoch + 1);  // the trainer counts from 0; people from 1
    out.trainLoss = p.train_loss;
    if (p.val_loss >= 0) out.valLoss = p.val_loss;
    out.learningRate = p.learning_rate;
    out.tokensPerSecond = p.tokens_per_s;
    out.elapsedSeconds = p.elapsed_s;
    out.secondsLeft = p.eta_s;
    if (p.val_accuracy >= 0) out.valAccuracy = p.val_accuracy;
    if (p.val_score >= 0) out.valScore = p.val_score;
    return out;
}
}  // namespace

TrainWorker::TrainWorker(QObject *parent) : QObject(parent) {
    qRegisterMetaType<TrainRequest>();
    qRegisterMetaType<TrainProgress>();
    qRegisterMetaType<TrainOutcome>();
}

void TrainWorker::run(const TrainRequest &request) {
    TrainOutcome outcome;
    outcome.runId = request.resumeRunId;

    auto project = store::Project::open(toPath(request.projectPath));
    if (!project) {
        outcome.error = toQString(project.error().message);
        emit finished(outcome);
        return;
    }

    QElapsedTimer sinceLastEmit;
    bool announced = false;
    TrainProgress latest;
    // Called on this thread after every step. The GUI gets at most kProgressPerSecond reports (and
    // every one that follows a validation pass, so the validation loss is never skipped).
    const auto onProgress = [&](const train::TrainProgress &p) {
        if (QThread::currentThread()->isInterruptionRequested()) m_cancel.store(true);
        latest = toProgress(p);
        if (!announced && p.run_id > 0) {
            announced = true;
            emit started(p.run_id);
        }
        if (p.evaluated || !sinceLastEmit.isValid() || sinceLastEmit.elapsed() >= 1000 / kProgressPerSecond) {
            emit progressChanged(latest);
            sinceLastEmit.start();
        }
        return !m_cancel.load();
    };

    Result<train::TrainReport> report = user_error("not started");
    if (request.resumeRunId > 0) {
        train::ResumeParams params;
        params.run_id = request.resumeRunId;
        params.max_minutes = request.maxMinutes;
        params.on_progress = onProgress;
        params.cancel = &m_cancel;
        report = train::resume(*project.value(), params);
    } else {
        train::TrainParams params;
        params.preset = toStdString(request.preset);
        params.max_minutes = request.maxMinutes;
        if (request.maxSteps > 0) params.max_steps = request.maxSteps;
        params.seed = static_cast<uint64_t>(request.seed);
        params.on_progress = onProgress;
        params.cancel = &m_cancel;
        report = train::train(*project.value(), params);
    }

    if (!report) {
        outcome.runId = latest.runId > 0 ? latest.runId : outcome.runId;
        // A full disk pauses the run at its last checkpoint (train/trainer.h): Resume continues it
        // once space is freed, and the error says so.
        const bool full = report.error().disk_full;
        outcome.status = full ? QStringLiteral("paused") : QStringLiteral("failed");
        if (full) outcome.stopReason = QStringLiteral("disk_full");
        outcome.step = latest.step;
        outcome.error = toQString(report.error().message);
        emit finished(outcome);
        return;
    }
    outcome.ok = true;
    outcome.runId = report->run_id;
    outcome.status = toQString(report->status);
    outcome.stopReason = toQString(report->stop_reason);
    outcome.step = report->steps;
    if (latest.runId > 0) emit progressChanged(latest);
    emit finished(outcome);
}

}  // namespace smolify::ui
