// TrainController: the Train page's training plumbing, apart from its widgets.
//
// It owns one TrainWorker on its own QThread, started with the first run and stopped in the
// destructor (cancel, requestInterruption, quit, wait), and relays the worker's started /
// progressChanged / finished to the GUI thread through queued connections. One run at a time.
//
// Who calls it: TrainPage, tests. GUI thread only, except that the worker runs on its thread.
#pragma once

#include <QObject>

#include "train/trainworker.h"

class QThread;

namespace smolify::ui {

class TrainController : public QObject {
    Q_OBJECT

public:
    explicit TrainController(QObject *parent = nullptr);
    ~TrainController() override;

    bool isRunning() const { return m_running; }
    // Queues `request` for the worker thread; false while a run is going.
    bool start(const TrainRequest &request);
    // Asks the running run to stop after its current step.
    void cancel();

signals:
    void started(qint64 runId);
    void progressChanged(const smolify::ui::TrainProgress &progress);
    void finished(const smolify::ui::TrainOutcome &outcome);
    // To the worker thread (queued); use start().
    void requested(const smolify::ui::TrainRequest &request);

private:
    void ensureThread();

    QThread *m_thread = nullptr;
    TrainWorker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
    bool m_running = false;
};

}  // namespace smolify::ui
