// The Evaluate page over a real project: 40 classification samples imported as approved, a tiny
// student trained for a few steps through core/train, then on the page: without a model the core's
// message says to train; Evaluate runs on the page's thread and the newest evaluation shows (task
// kind, metrics per system, the F32 student's rows worst first); a fresh page shows it on open
// without re-running; promoting the worst row with an edited output makes an approved training
// sample with that output, and promoting it again is refused with a message; Save Report writes HTML.
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include "common/qtstring.h"
#include "eval/evalpage.h"
#include "eval/evalresultsmodel.h"
#include "eval/results.h"
#include "io/import.h"
#include "testutil.h"
#include "train/trainer.h"

using namespace smolify;
using smolify::ui::EvalPage;
using smolify::ui::EvalResultsModel;
using smolify::ui::toPath;

namespace {

int studentRows(const QTableWidget *t) {
    int n = 0;
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, EvalPage::SystemColumn)->data(Qt::UserRole).toString() == QLatin1String("student")) ++n;
    return n;
}

}  // namespace

class TestEvalPage : public QObject {
    Q_OBJECT

private slots:
    void evaluatePromoteAndReport();
};

void TestEvalPage::evaluatePromoteAndReport() {
    test::TempProject tp;
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    io::ImportParams ip;
    ip.status = store::SampleStatus::approved;
    auto imported = io::import_samples(*tp.project, toPath(test::writeTicketsJsonl(tp)), ip);
    QVERIFY(imported.ok());
    QCOMPARE(imported->totals.imported, 40);

    EvalPage page;
    page.setProject(tp.project.get());
    QVERIFY(!page.shownEvalRunId());
    QVERIFY2(page.summaryText().contains(QStringLiteral("No evaluation yet")), qPrintable(page.summaryText()));
    QVERIFY(page.evaluateButton()->isEnabled());
    QVERIFY(!page.saveReportButton()->isEnabled());

    // No trained model yet: the core's message, which says to train.
    QSignalSpy finished(&page, &EvalPage::evaluationFinished);
    QVERIFY(page.startEvaluation());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(page.statusText().contains(QStringLiteral("train"), Qt::CaseInsensitive), qPrintable(page.statusText()));
    QVERIFY(!page.shownEvalRunId());

    auto trained = train::train(*tp.project, test::tinyTrainParams(3));
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());

    // Evaluate for real, on the page's thread.
    finished.clear();
    QVERIFY(page.startEvaluation());
    QVERIFY(page.isBusy());
    QVERIFY(!page.evaluateButton()->isEnabled());
    QVERIFY(page.stopButton()->isEnabled());
    QVERIFY(!page.startEvaluation());  // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(page.statusText()));
    QVERIFY(!page.isBusy());
    QVERIFY(page.shownEvalRunId());
    QVERIFY2(page.summaryText().contains(QStringLiteral("classification")), qPrintable(page.summaryText()));
    // No spec: the kind is inferred, and the summary says so once.
    QVERIFY2(page.summaryText().contains(QStringLiteral("inferred: ")), qPrintable(page.summaryText()));
    QVERIFY2(!page.summaryText().contains(QStringLiteral("inferred: inferred")), qPrintable(page.summaryText()));
    QCOMPARE(studentRows(page.metricsTable()), 4);  // F32, Q8_0, Q4_0, F32 constrained
    QVERIFY(page.metricsTable()->rowCount() > 4);   // the teacher and the baselines too
    // Facts are measured for the kinds that write text; a label has none to recall or invent.
    for (int r = 0; r < page.metricsTable()->rowCount(); ++r) {
        QCOMPARE(page.metricsTable()->item(r, EvalPage::FactRecallColumn)->text(), QStringLiteral("–"));
        QCOMPARE(page.metricsTable()->item(r, EvalPage::InventedColumn)->text(), QStringLiteral("–"));
    }
    QCOMPARE(page.metricsTable()->horizontalHeaderItem(EvalPage::InventedColumn)->text(),
             QStringLiteral("Invented facts"));
    // Labels: the speed is the time per answer (a label is a token or two; tokens/s would measure the
    // prompt), for every student row.
    int timed = 0;
    for (int r = 0; r < page.metricsTable()->rowCount(); ++r) {
        if (page.metricsTable()->item(r, EvalPage::RoleColumn)->data(Qt::UserRole).toString() != QLatin1String("student"))
            continue;
        const QString speed = page.metricsTable()->item(r, EvalPage::TokensColumn)->text();
        QVERIFY2(speed.endsWith(QStringLiteral(" ms")), qPrintable(speed));
        ++timed;
    }
    QCOMPARE(timed, 4);
    QVERIFY(page.saveReportButton()->isEnabled());

    const EvalResultsModel *model = page.resultsModel();
    QCOMPARE(model->rowCount(), 4);  // 10% of 40 held out
    for (int r = 0; r < model->rowCount(); ++r) QCOMPARE(QString::fromStdString(model->resultAt(r)->quant), QStringLiteral("f32"));
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->resultAt(r - 1)->score <= model->resultAt(r)->score);  // worst first

    // A fresh page shows the newest evaluation on open, without running it again.
    {
        EvalPage other;
        other.setProject(tp.project.get());
        QCOMPARE(other.shownEvalRunId(), page.shownEvalRunId());
        QCOMPARE(studentRows(other.metricsTable()), 4);
        QCOMPARE(other.resultsModel()->rowCount(), 4);
        // The report of a stored evaluation is rebuilt from the store.
        const QString html = tp.filePath(QStringLiteral("stored.html"));
        QVERIFY2(other.saveReport(html), qPrintable(other.statusText()));
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("<html"));
        QVERIFY(bytes.contains("Ticket"));
    }

    // Select the worst row: the texts show in full, the corrected box holds the teacher's output.
    page.resultsView()->selectRow(0);
    const eval::StoredResult worst = *model->resultAt(0);
    QVERIFY(worst.sample_id);
    QCOMPARE(page.findChild<QPlainTextEdit *>(QStringLiteral("evalInputText"))->toPlainText(),
             QString::fromStdString(worst.input));
    QCOMPARE(page.correctedEdit()->toPlainText(), QString::fromStdString(worst.reference));
    QVERIFY(page.promoteButton()->isEnabled());
    const QString corrected = worst.reference == "urgent" ? QStringLiteral("normal") : QStringLiteral("urgent");
    page.correctedEdit()->setPlainText(corrected);

    QSignalSpy promoted(&page, &EvalPage::samplesPromoted);
    QVERIFY2(page.promoteSelected(), qPrintable(page.promoteStatusText()));
    QCOMPARE(promoted.count(), 1);
    {
        auto other = tp.reopen();
        QVERIFY(other);
        auto s = other->sample(*worst.sample_id);
        QVERIFY(s.ok() && s->has_value());
        QCOMPARE((*s)->status, store::SampleStatus::approved);
        QCOMPARE((*s)->split, store::Split::train);
        QCOMPARE(QString::fromStdString((*s)->output), corrected);
        auto row = eval::read_result(*other, worst.id);
        QVERIFY(row.ok() && row->has_value());
        QCOMPARE((*row)->promoted_sample_id, worst.sample_id);
    }

    // The same row again (still selected after the reload): refused, with the core's message.
    QCOMPARE(model->rowOf(worst.id), page.resultsView()->selectionModel()->selectedRows().first().row());
    QVERIFY(!page.promoteSelected());
    QVERIFY2(page.promoteStatusText().contains(QStringLiteral("already promoted")),
             qPrintable(page.promoteStatusText()));
    QCOMPARE(promoted.count(), 1);

    // The report of the evaluation run on this page.
    const QString html = tp.filePath(QStringLiteral("report.html"));
    QVERIFY2(page.saveReport(html), qPrintable(page.statusText()));
    QVERIFY(QFile::exists(html));
    page.setProject(nullptr);
}

int runEvalPageTests(int argc, char **argv) {
    TestEvalPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_evalpage.moc"
