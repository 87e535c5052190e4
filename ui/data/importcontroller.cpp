#include "data/importcontroller.h"

#include <QThread>

namespace smolify::ui {

ImportController::ImportController(QObject *parent) : QObject(parent) {}

ImportController::~ImportController() {
    if (!m_thread) return;
    m_worker->cancel();
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
}

void ImportController::ensureThread() {
    if (m_thread) return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("smolify-import"));
    m_worker = new ImportWorker;  // no parent: it lives on the worker thread
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &ImportController::requested, m_worker, &ImportWorker::run);
    connect(m_worker, &ImportWorker::started, this, &ImportController::started);
    connect(m_worker, &ImportWorker::progressChanged, this, &ImportController::progressChanged);
    connect(m_worker, &ImportWorker::finished, this, [this](const ImportOutcome &outcome) {
        m_running = false;
        emit finished(outcome);
    });
    m_thread->start();
}

bool ImportController::start(const ImportRequest &request) {
    if (m_running) return false;
    ensureThread();
    m_worker->clearCancel();
    m_running = true;
    emit requested(request);
    return true;
}

void ImportController::cancel() {
    if (m_worker) m_worker->cancel();
}

}  // namespace smolify::ui
