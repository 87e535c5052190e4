#include "train/traincontroller.h"

#include <QThread>

namespace smolify::ui {

TrainController::TrainController(QObject *parent) : QObject(parent) {}

TrainController::~TrainController() {
    if (!m_thread) return;
    // The trainer checks the cancel flag every step, so this waits at most one step.
    m_worker->cancel();
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
}

void TrainController::ensureThread() {
    if (m_thread) return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("smolify-train"));
    m_worker = new TrainWorker;  // no parent: it lives on the worker thread
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrainController::requested, m_worker, &TrainWorker::run);
    connect(m_worker, &TrainWorker::started, this, &TrainController::started);
    connect(m_worker, &TrainWorker::progressChanged, this, &TrainController::progressChanged);
    connect(m_worker, &TrainWorker::finished, this, [this](const TrainOutcome &outcome) {
        m_running = false;
        emit finished(outcome);
    });
    m_thread->start();
}

bool TrainController::start(const TrainRequest &request) {
    if (m_running) return false;
    ensureThread();
    m_worker->clearCancel();
    m_running = true;
    emit requested(request);
    return true;
}

void TrainController::cancel() {
    if (m_worker) m_worker->cancel();
}

}  // namespace smolify::ui
