// Import on the worker thread, as the Data page runs it: the order of started / progress /
// finished, what lands in the table, malformed lines reported, re-import, cancellation, and an
// unreadable file.
#include <QSignalSpy>
#include <QtTest>

#include "data/datapage.h"
#include "data/importbar.h"
#include "data/sampletablemodel.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::DataPage;
using smolify::ui::ImportOutcome;
using smolify::ui::ImportRequest;
using smolify::ui::ImportStatus;

class TestImport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void importsOnWorkerThreadInOrder();
    void reimportAddsNothingTwice();
    void importsAsApprovedTestSplit();
    void cancelStopsTheImport();
    void unreadableFileIsReported();
    void chooserCancelledStartsNothing();

private:
    // Runs an import and waits for importFinished; records the signal order in m_events.
    ImportOutcome runImport(const ImportRequest &request);

    std::unique_ptr<test::TempProject> m_project;
    std::unique_ptr<DataPage> m_page;
    QStringList m_events;
};

void TestImport::init() {
    m_project = std::make_unique<test::TempProject>();
    QVERIFY2(m_project->ok(), qPrintable(m_project->error));
    m_page = std::make_unique<DataPage>();
    m_page->setProject(m_project->project.get());
    m_events.clear();
    connect(m_page.get(), &DataPage::importStarted, this, [this] { m_events << QStringLiteral("started"); });
    connect(m_page.get(), &DataPage::importProgress, this,
            [this] { m_events << QStringLiteral("progress"); });
    connect(m_page.get(), &DataPage::importFinished, this,
            [this] { m_events << QStringLiteral("finished"); });
}

void TestImport::cleanup() {
    if (m_page) m_page->setProject(nullptr);
    m_page.reset();
    m_project.reset();
}

ImportOutcome TestImport::runImport(const ImportRequest &request) {
    QSignalSpy finished(m_page.get(), &DataPage::importFinished);
    if (!m_page->startImport(request)) return {};
    if (!finished.wait(20000)) return {};
    return finished.first().first().value<ImportOutcome>();
}

void TestImport::importsOnWorkerThreadInOrder() {
    const QString file = m_project->filePath(QStringLiteral("tickets.jsonl"));
    QVERIFY(test::writeFile(file,
                            "{\"input\":\"Printer jams\",\"output\":\"hardware\",\"topic\":\"printers\"}\n"
                            "{\"input\":\"Refund please\",\"output\":\"billing\"}\n"
                            "{\"input\":\"no output here\"}\n"
                            "\n"
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"Login fails\"},"
                            "{\"role\":\"assistant\",\"content\":\"account\"}]}\n"
                            "this is not json\n"
                            "{\"input\":\"Slow sync\",\"output\":\"bug\"}\n"));
    ImportRequest request;
    request.filePath = file;
    QVERIFY(m_page->model()->rowCount() == 0);
    const ImportOutcome outcome = runImport(request);

    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(!outcome.cancelled);
    QCOMPARE(outcome.totals.imported, 4);
    QCOMPARE(outcome.totals.malformed, 2);
    QCOMPARE(outcome.issues.size(), 2);
    QVERIFY2(outcome.issues[0].startsWith(QStringLiteral("line 3:")), qPrintable(outcome.issues[0]));
    QVERIFY2(outcome.issues[1].startsWith(QStringLiteral("line 6:")), qPrintable(outcome.issues[1]));

    // started, then progress reports, then exactly one finished, last.
    QVERIFY2(m_events.size() >= 3, qPrintable(m_events.join(QLatin1Char(','))));
    QCOMPARE(m_events.first(), QStringLiteral("started"));
    QCOMPARE(m_events.last(), QStringLiteral("finished"));
    for (int i = 1; i < m_events.size() - 1; ++i)
        QCOMPARE(m_events[i], QStringLiteral("progress"));

    // The table reloaded itself; the rows are there, pending, in the train split.
    QCOMPARE(m_page->model()->rowCount(), 4);
    QCOMPARE(m_page->counts().pending, 4);
    QCOMPARE(m_page->counts().train, 4);
    QCOMPARE(m_page->model()->index(0, ui::SampleTableModel::InputColumn).data().toString(),
             QStringLiteral("Printer jams"));
    QCOMPARE(m_page->model()->index(0, ui::SampleTableModel::TopicColumn).data().toString(),
             QStringLiteral("printers"));
    QVERIFY(!m_page->isImporting());

    // The outcome shows in place, with the malformed lines one click away.
    QVERIFY(!m_page->importBar()->isHidden());
    QVERIFY2(m_page->importBar()->summaryText().contains(QStringLiteral("4 new samples")),
             qPrintable(m_page->importBar()->summaryText()));
    QVERIFY(m_page->importBar()->summaryText().contains(QStringLiteral("2 malformed")));
    QVERIFY(m_page->importBar()->issuesText().contains(QStringLiteral("line 6:")));
}

void TestImport::reimportAddsNothingTwice() {
    const QString file = m_project->filePath(QStringLiteral("a.jsonl"));
    QVERIFY(
        test::writeFile(file, "{\"input\":\"a\",\"output\":\"1\"}\n{\"input\":\"b\",\"output\":\"2\"}\n"));
    ImportRequest request;
    request.filePath = file;
    QCOMPARE(runImport(request).totals.imported, 2);
    const ImportOutcome again = runImport(request);
    QVERIFY(again.ok);
    QCOMPARE(again.totals.imported, 0);
    QCOMPARE(again.totals.duplicates, 2);
    QCOMPARE(m_page->model()->rowCount(), 2);
    QVERIFY(m_page->importBar()->summaryText().contains(QStringLiteral("2 already in the project")));
}

void TestImport::importsAsApprovedTestSplit() {
    const QString file = m_project->filePath(QStringLiteral("gold.csv"));
    QVERIFY(
        test::writeFile(file, "input,output\n\"Where is my parcel?\",shipping\nCancel my plan,account\n"));
    ImportRequest request;
    request.filePath = file;
    request.status = store::SampleStatus::approved;
    request.split = store::Split::test;
    const ImportOutcome outcome = runImport(request);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.totals.imported, 2);
    QCOMPARE(m_page->counts().approved, 2);
    QCOMPARE(m_page->counts().test, 2);
    // Read back through another connection: it is in the file, not only in the view.
    auto other = m_project->reopen();
    QVERIFY(other);
    auto counts = other->counts();
    QVERIFY(counts.ok());
    QCOMPARE(counts->by_status_split[int(store::SampleStatus::approved)][int(store::Split::test)], 2);
}

void TestImport::cancelStopsTheImport() {
    const QString file = m_project->filePath(QStringLiteral("big.jsonl"));
    QByteArray bytes;
    constexpr int kLines = 30000;
    for (int i = 0; i < kLines; ++i)
        bytes += QStringLiteral("{\"input\":\"question %1\",\"output\":\"answer %1\"}\n").arg(i).toUtf8();
    QVERIFY(test::writeFile(file, bytes));
    ImportRequest request;
    request.filePath = file;
    QSignalSpy finished(m_page.get(), &DataPage::importFinished);
    QVERIFY(m_page->startImport(request));
    QVERIFY(m_page->isImporting());
    QVERIFY(!m_page->startImport(request));  // one import at a time
    m_page->cancelImport();
    QVERIFY(finished.wait(20000));
    const auto outcome = finished.first().first().value<ImportOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.totals.imported < kLines);
    QCOMPARE(m_page->model()->rowCount(), int(outcome.totals.imported));  // what was stored stays
    QVERIFY2(m_page->importBar()->summaryText().contains(QStringLiteral("cancelled")),
             qPrintable(m_page->importBar()->summaryText()));
    QVERIFY(!m_page->isImporting());
}

void TestImport::unreadableFileIsReported() {
    ImportRequest request;
    request.filePath = m_project->filePath(QStringLiteral("does-not-exist.jsonl"));
    const ImportOutcome outcome = runImport(request);
    QCOMPARE(m_events.first(), QStringLiteral("started"));
    QCOMPARE(m_events.last(), QStringLiteral("finished"));
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.error.isEmpty());
    QVERIFY(m_page->importBar()->summaryText().startsWith(QStringLiteral("Could not import")));
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!m_page->isImporting());
}

void TestImport::chooserCancelledStartsNothing() {
    int asked = 0;
    m_page->setImportChooser([&] {
        ++asked;
        return std::optional<ImportRequest>();
    });
    m_page->chooseAndImport();
    QCOMPARE(asked, 1);
    QVERIFY(!m_page->isImporting());
    QVERIFY(m_events.isEmpty());
}

int runImportTests(int argc, char **argv) {
    TestImport t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_import.moc"
