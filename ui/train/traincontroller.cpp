#include "train/traincontroller.h"

#include <memory>

#include "common/appsettings.h"
#include "common/jobrunner.h"
#include "common/qtstring.h"
#include "train/trainer.h"

namespace smolify::ui {

namespace {

TrainProgress toProgress(const train::TrainProgress &p) {
    TrainProgress out;
    out.runId = p.run_id;
    out.step = p.done;
    out.totalSteps = p.total;
    out.epoch = static_cast<double>(p.epoch + 1);  // the trainer counts from 0; people from 1
    out.trainLoss = p.train_loss;
    if (p.val_loss >= 0) out.valLoss = p.val_loss;
    out.learningRate = p.learning_rate;
    out.tokensPerSecond = p.tokens_per_s;
    out.elapsedSeconds = p.elapsed_s;
    out.secondsLeft = p.seconds_left;
    if (p.val_accuracy >= 0) out.valAccuracy = p.val_accuracy;
    if (p.val_score >= 0) out.valScore = p.val_score;
    return out;
}

}  // namespace

train::TrainParams trainParamsFor(const TrainRequest &request) {
    train::TrainParams params;
    params.preset = toStdString(request.preset);
    params.seed = static_cast<uint64_t>(request.seed);
    params.threads = appsettings::trainingThreads();
    train::TrainLimits limits;
    if (request.maxSteps > 0) limits.max_steps = request.maxSteps;
    limits.max_minutes = request.maxMinutes;
    train::apply_limits(params, limits);
    return params;
}

TrainController::TrainController(QObject *parent)
    : QObject(parent), m_runner(new JobRunner(QStringLiteral("smolify-train"))) {
    qRegisterMetaType<TrainRequest>();
    qRegisterMetaType<TrainProgress>();
    qRegisterMetaType<TrainOutcome>();
}

// The trainer checks the cancel flag every step, so this waits at most one step.
TrainController::~TrainController() { delete m_runner; }

bool TrainController::isRunning() const { return m_runner->isRunning(); }

bool TrainController::start(const TrainRequest &request) {
    if (m_runner->isRunning()) return false;
    // What the GUI thread knows of the run so far: its id once announced, its last step.
    struct Seen {
        qint64 runId = 0;
        qint64 step = 0;
    };
    auto seen = std::make_shared<Seen>();
    seen->runId = request.resumeRunId;

    ProjectJob<train::TrainProgress, train::TrainReport> job;
    job.project = toPath(request.projectPath);
    // Read here, on the GUI thread; a resumed run keeps its own thread count (its numbers).
    const train::TrainParams fresh = trainParamsFor(request);
    job.work = [request, fresh](store::Project &project, const job::Hooks<train::TrainProgress> &hooks) {
        if (request.resumeRunId > 0) {
            train::ResumeParams params;
            params.run_id = request.resumeRunId;
            params.max_minutes = request.maxMinutes;
            params.hooks = hooks;
            return train::resume(project, params);
        }
        train::TrainParams params = fresh;
        params.hooks = hooks;
        return train::train(project, params);
    };
    // The validation loss is never throttled away.
    job.urgent = [](const train::TrainProgress &p) { return p.evaluated; };
    job.progress = [this, seen](const train::TrainProgress &p) {
        if (seen->runId == 0 && p.run_id > 0) {
            seen->runId = p.run_id;
            emit started(p.run_id);
        }
        seen->step = p.done;
        emit progressChanged(toProgress(p));
    };
    job.done = [this, seen](Result<train::TrainReport> &report) {
        TrainOutcome outcome;
        outcome.runId = seen->runId;
        outcome.step = seen->step;
        if (report) {
            outcome.ok = true;
            outcome.runId = report->run_id;
            outcome.status = toQString(report->status);
            outcome.stopReason = toQString(report->stop_reason);
            outcome.step = report->steps;
        } else if (report.error().kind == ErrorKind::cancelled) {
            // Stopped by the user: the run is paused at its checkpoint and Resume continues it.
            outcome.ok = true;
            outcome.status = QStringLiteral("paused");
            outcome.stopReason = QStringLiteral("cancelled");
        } else {
            // A full disk pauses the run at its last checkpoint (train/trainer.h): Resume continues
            // it once space is freed, and the error says so.
            const bool full = report.error().disk_full;
            outcome.status = full ? QStringLiteral("paused") : QStringLiteral("failed");
            if (full) outcome.stopReason = QStringLiteral("disk_full");
            outcome.error = toQString(report.error().message);
        }
        emit finished(outcome);
    };
    return m_runner->run(std::move(job));
}

void TrainController::cancel() { m_runner->cancel(); }

}  // namespace smolify::ui
