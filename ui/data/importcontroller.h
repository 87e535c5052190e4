// ImportController: the Data page's import plumbing, apart from its widgets.
//
// It owns one ImportWorker on its own QThread, started with the first import and stopped in the
// destructor (cancel, requestInterruption, quit, wait: Tiled's worker-object pattern), and relays
// the worker's started / progressChanged / finished to the GUI thread. One import at a time; the
// worker opens its own Project on the file (see ImportWorker).
//
// Who calls it: DataPage. GUI thread only, except that the worker runs on its thread.
#pragma once

#include <QObject>

#include "data/importworker.h"

class QThread;

namespace smolify::ui {

class ImportController : public QObject {
    Q_OBJECT

public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;

    bool isRunning() const { return m_running; }
    // Queues `request` for the worker thread; false while an import runs.
    bool start(const ImportRequest &request);
    // Asks the running import to stop at its next batch; what was stored by then stays stored.
    void cancel();

signals:
    void started(const QString &filePath);
    void progressChanged(const smolify::ui::ImportStatus &status);
    void finished(const smolify::ui::ImportOutcome &outcome);
    // To the worker thread (queued); use start().
    void requested(const smolify::ui::ImportRequest &request);

private:
    void ensureThread();

    QThread *m_thread = nullptr;
    ImportWorker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
    bool m_running = false;
};

}  // namespace smolify::ui
