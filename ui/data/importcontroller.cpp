#include "data/importcontroller.h"

#include <memory>

#include "common/jobrunner.h"
#include "common/qtstring.h"
#include "io/import.h"

namespace smolify::ui {

namespace {

ImportStatus toStatus(const io::ImportProgress &p) {
    ImportStatus s;
    s.bytesRead = p.done;
    s.bytesTotal = p.total;
    s.records = p.records;
    s.imported = p.imported;
    s.duplicates = p.duplicates;
    s.malformed = p.malformed;
    return s;
}

}  // namespace

ImportController::ImportController(QObject *parent)
    : QObject(parent), m_runner(new JobRunner(QStringLiteral("smolify-import"))) {
    qRegisterMetaType<ImportRequest>();
    qRegisterMetaType<ImportStatus>();
    qRegisterMetaType<ImportOutcome>();
}

ImportController::~ImportController() { delete m_runner; }

bool ImportController::isRunning() const { return m_runner->isRunning(); }

bool ImportController::start(const ImportRequest &request) {
    if (m_runner->isRunning()) return false;
    auto last = std::make_shared<ImportStatus>();  // the newest totals the GUI thread has seen
    ProjectJob<io::ImportProgress, io::ImportReport> job;
    job.project = toPath(request.projectPath);
    job.work = [request](store::Project &project, const job::Hooks<io::ImportProgress> &hooks) {
        io::ImportParams params;
        params.status = request.status;
        params.split = request.split;
        params.hooks = hooks;
        return io::import_samples(project, toPath(request.filePath), params);
    };
    job.progress = [this, last](const io::ImportProgress &p) {
        *last = toStatus(p);
        emit progressChanged(*last);
    };
    job.done = [this, request, last](Result<io::ImportReport> &report) {
        ImportOutcome outcome;
        outcome.projectPath = request.projectPath;
        outcome.filePath = request.filePath;
        if (!report) {
            // Cancelled: what was stored stays, and the last progress says how much.
            outcome.cancelled = report.error().kind == ErrorKind::cancelled;
            outcome.ok = outcome.cancelled;
            if (outcome.cancelled)
                outcome.totals = *last;
            else
                outcome.error = toQString(report.error().message);
            emit finished(outcome);
            return;
        }
        outcome.ok = true;
        outcome.totals = toStatus(report->totals);
        for (const io::ImportIssue &issue : report->issues)
            outcome.issues << tr("line %1: %2").arg(issue.line).arg(toQString(issue.message));
        outcome.issuesNotListed = report->issues_not_listed;
        emit progressChanged(outcome.totals);
        emit finished(outcome);
    };
    const bool ok = m_runner->run(std::move(job));
    if (ok) emit started(request.filePath);
    return ok;
}

void ImportController::cancel() { m_runner->cancel(); }

}  // namespace smolify::ui
