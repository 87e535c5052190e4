// JobRunner: one long core operation at a time on its own QThread, for pages whose work has no
// reason to keep a worker object around (spec drafting, generation). The job gets a cancel flag it
// passes to core; it reports progress by post()ing small callables that run on the GUI thread; when
// it returns, `done` runs on the GUI thread. Destroying the runner cancels the job and waits for it
// (core operations check their cancel flag at least once per teacher reply or training step).
//
// Who calls it: SynthPanel. GUI thread only, except that the job runs on the runner's thread and may
// call post() and cancelled() from there.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QThread;

namespace smolify::ui {

class JobRunner : public QObject {
    Q_OBJECT

public:
    explicit JobRunner(QString threadName, QObject *parent = nullptr);
    ~JobRunner() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Starts `job` on a new thread; false while another job runs.
    bool start(std::function<void(const std::atomic<bool> &cancel)> job, std::function<void()> done);
    // Asks the running job to stop (thread-safe).
    void cancel() { m_cancel.store(true); }
    // From the job: runs `f` on the GUI thread, later, unless the runner is gone.
    void post(std::function<void()> f);

signals:
    void runningChanged(bool running);

private:
    QString m_threadName;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
};

}  // namespace smolify::ui
