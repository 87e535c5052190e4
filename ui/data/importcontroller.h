// ImportController: the Data page's import plumbing, apart from its widgets.
//
// An ImportRequest becomes io::import_samples on a JobRunner (ui/common/jobrunner.h: the job's own
// Project on the same file, throttled progress, the outcome on the GUI thread). It emits started(),
// progressChanged() at most kProgressPerSecond times a second (and once at the end), then exactly one
// finished(). cancel() stops the import at its next batch; what was stored by then stays stored and
// the outcome says how much (core's job::cancelled). One import at a time.
//
// Who calls it: DataPage. GUI thread only.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include "store/types.h"

namespace smolify::ui {

class JobRunner;

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

class ImportController : public QObject {
    Q_OBJECT

public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;

    bool isRunning() const;
    // Starts `request` on the worker thread; false while an import runs.
    bool start(const ImportRequest &request);
    // Asks the running import to stop at its next batch; what was stored by then stays stored.
    void cancel();

signals:
    void started(const QString &filePath);
    void progressChanged(const smolify::ui::ImportStatus &status);
    void finished(const smolify::ui::ImportOutcome &outcome);

private:
    JobRunner *m_runner;  // owned; deleted first in the destructor
};

}  // namespace smolify::ui

Q_DECLARE_METATYPE(smolify::ui::ImportRequest)
Q_DECLARE_METATYPE(smolify::ui::ImportStatus)
Q_DECLARE_METATYPE(smolify::ui::ImportOutcome)
