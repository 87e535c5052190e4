// ImportWorker: runs io::import_samples off the GUI thread.
//
// The Data page moves one worker to its own QThread and starts an import by calling run() through
// a queued connection. The worker opens its OWN Project on the same path (a Project is
// single-threaded; the store's WAL mode lets the GUI keep reading its own connection meanwhile),
// emits started(), then progressChanged() at most kProgressPerSecond times a second (and once at
// the end), then exactly one finished(). cancel() may be called from any thread; the importer
// honours it at its next batch, and what was stored by then stays stored.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

#include "store/types.h"

namespace smolify::ui {

struct ImportRequest {
    QString projectPath;
    QString filePath;
    store::SampleStatus status = store::SampleStatus::pending;
    store::Split split = store::Split::train;
};

struct ImportStatus {
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0;
    qint64 records = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 malformed = 0;
};

struct ImportOutcome {
    QString projectPath;
    QString filePath;
    bool ok = false;  // false: nothing could be read (error says why)
    bool cancelled = false;
    QString error;
    ImportStatus totals;
    QStringList issues;  // "line 12: missing \"output\"", in file order
    qint64 issuesNotListed = 0;
};

class ImportWorker : public QObject {
    Q_OBJECT

public:
    static constexpr int kProgressPerSecond = 8;

    explicit ImportWorker(QObject *parent = nullptr);

    // Thread-safe: asks the running (or the next queued) import to stop at its next batch.
    void cancel() { m_cancel.store(true); }
    // Thread-safe: clears a cancel left from an earlier import. The Data page calls it before it
    // queues a request, so a cancel that arrives before run() starts is not lost.
    void clearCancel() { m_cancel.store(false); }

public slots:
    void run(const smolify::ui::ImportRequest &request);

signals:
    void started(const QString &filePath);
    void progressChanged(const smolify::ui::ImportStatus &status);
    void finished(const smolify::ui::ImportOutcome &outcome);

private:
    std::atomic<bool> m_cancel{false};
};

}  // namespace smolify::ui

Q_DECLARE_METATYPE(smolify::ui::ImportRequest)
Q_DECLARE_METATYPE(smolify::ui::ImportStatus)
Q_DECLARE_METATYPE(smolify::ui::ImportOutcome)
