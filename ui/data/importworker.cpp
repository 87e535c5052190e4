#include "data/importworker.h"

#include <QElapsedTimer>
#include <QThread>

#include "common/qtstring.h"
#include "io/import.h"
#include "store/project.h"

namespace smolify::ui {

namespace {
ImportStatus toStatus(const io::ImportProgress &p) {
    ImportStatus s;
    s.bytesRead = p.bytes_read;
    s.bytesTotal = p.bytes_total;
    s.records = p.records;
    s.imported = p.imported;
    s.duplicates = p.duplicates;
    s.malformed = p.malformed;
    return s;
}
}  // namespace

ImportWorker::ImportWorker(QObject *parent) : QObject(parent) {
    qRegisterMetaType<ImportRequest>();
    qRegisterMetaType<ImportStatus>();
    qRegisterMetaType<ImportOutcome>();
}

void ImportWorker::run(const ImportRequest &request) {
    ImportOutcome outcome;
    outcome.projectPath = request.projectPath;
    outcome.filePath = request.filePath;
    emit started(request.filePath);

    auto project = store::Project::open(toPath(request.projectPath));
    if (!project) {
        outcome.error = toQString(project.error().message);
        emit finished(outcome);
        return;
    }

    QElapsedTimer sinceLastEmit;
    io::ImportParams params;
    params.status = request.status;
    params.split = request.split;
    params.cancel = &m_cancel;
    params.on_progress = [&](const io::ImportProgress &progress) {
        if (QThread::currentThread()->isInterruptionRequested()) m_cancel.store(true);
        if (!sinceLastEmit.isValid() || sinceLastEmit.elapsed() >= 1000 / kProgressPerSecond) {
            emit progressChanged(toStatus(progress));
            sinceLastEmit.start();
        }
        return !m_cancel.load();
    };

    auto report = io::import_samples(*project.value(), toPath(request.filePath), params);
    if (!report) {
        outcome.cancelled = report.error().kind == ErrorKind::cancelled;
        outcome.ok = outcome.cancelled;
        if (!outcome.cancelled) outcome.error = toQString(report.error().message);
        emit finished(outcome);
        return;
    }
    outcome.ok = true;
    outcome.cancelled = report->cancelled;
    outcome.totals = toStatus(report->totals);
    for (const io::ImportIssue &issue : report->issues)
        outcome.issues << tr("line %1: %2").arg(issue.line).arg(toQString(issue.message));
    outcome.issuesNotListed = report->issues_not_listed;
    emit progressChanged(outcome.totals);
    emit finished(outcome);
}

}  // namespace smolify::ui
