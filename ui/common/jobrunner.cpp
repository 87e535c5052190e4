#include "common/jobrunner.h"

#include <QMetaObject>
#include <QThread>

namespace smolify::ui {

JobRunner::JobRunner(QString threadName, QObject *parent) : QObject(parent), m_threadName(std::move(threadName)) {}

JobRunner::~JobRunner() {
    if (!m_thread) return;
    m_cancel.store(true);
    m_thread->wait();
    delete m_thread;
}

bool JobRunner::start(std::function<void(const std::atomic<bool> &)> job, std::function<void()> done) {
    if (m_thread) return false;
    m_cancel.store(false);
    m_thread = QThread::create([this, job = std::move(job)] { job(m_cancel); });
    m_thread->setObjectName(m_threadName);
    connect(m_thread, &QThread::finished, this, [this, done = std::move(done)] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (done) done();
        emit runningChanged(false);
    });
    m_thread->start();
    emit runningChanged(true);
    return true;
}

void JobRunner::post(std::function<void()> f) {
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
}

}  // namespace smolify::ui
