// SampleTableModel over a real project: the model contract (QAbstractItemModelTester), SQL-side
// filter and sort, first-line previews, in-place refresh, and fetch-on-demand with a bounded cache.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <set>

#include "data/sampletablemodel.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::SampleTableModel;

class TestSampleTableModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void passesModelTester();
    void filtersByStatus();
    void filtersBySplit();
    void filtersByTextCaseInsensitively();
    void combinesFilters();
    void sortsByIdDescending();
    void sortsByStatusInGroups();
    void showsTextOnOneLine();
    void exposesStatusAndReasonRoles();
    void refreshesReviewedRowsInPlace();
    void fetchesFarRowsOnDemand();
    void emptiesWithoutProject();

private:
    std::unique_ptr<test::TempProject> m_project;
    std::vector<int64_t> m_ids;
    // Mixed fixture: 6 pending (4 train, 2 test), 3 approved (train), 2 rejected (1 train, 1 test).
    void fillMixed();
};

void TestSampleTableModel::init() {
    m_project = std::make_unique<test::TempProject>();
    QVERIFY2(m_project->ok(), qPrintable(m_project->error));
}

void TestSampleTableModel::cleanup() {
    m_ids.clear();
    m_project.reset();
}

void TestSampleTableModel::fillMixed() {
    using store::SampleStatus;
    using store::Split;
    std::vector<store::NewSample> s;
    s.push_back(test::makeSample("Invoice charged twice", "{\"category\":\"billing\"}"));
    s.push_back(test::makeSample("App crashes on login", "{\"category\":\"bug\"}"));
    s.push_back(test::makeSample("Reset my password", "{\"category\":\"account\"}"));
    s.push_back(test::makeSample("Add dark mode", "{\"category\":\"feature\"}"));
    s.push_back(test::makeSample("Refund for order 17", "{\"category\":\"billing\"}", SampleStatus::pending,
                                 Split::test));
    s.push_back(test::makeSample("Export to CSV fails", "{\"category\":\"bug\"}", SampleStatus::pending,
                                 Split::test));
    s.push_back(
        test::makeSample("Wrong VAT on invoice", "{\"category\":\"billing\"}", SampleStatus::approved));
    s.push_back(
        test::makeSample("Cannot change email", "{\"category\":\"account\"}", SampleStatus::approved));
    s.push_back(test::makeSample("Sync is slow", "{\"category\":\"bug\"}", SampleStatus::approved));
    s.push_back(test::makeSample("hello", "{\"category\":\"billing\"}", SampleStatus::rejected, Split::train,
                                 "not a ticket"));
    s.push_back(test::makeSample("asdf", "{}", SampleStatus::rejected, Split::test, "empty output"));
    m_ids = m_project->insert(s);
    QCOMPARE(m_ids.size(), s.size());
}

void TestSampleTableModel::passesModelTester() {
    fillMixed();
    SampleTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProject(m_project->project.get());
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(model.columnCount(), int(SampleTableModel::ColumnCount));
    // Walk every cell and role the view would ask for, then change filter and sort under the tester.
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::TextAlignmentRole),
                             int(SampleTableModel::StatusRole)})
                model.data(model.index(r, c), role);
    store::SampleFilter filter;
    filter.status = store::SampleStatus::approved;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 3);
    model.sort(SampleTableModel::InputColumn, Qt::DescendingOrder);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 11);
    const int64_t ids[] = {m_ids[0], m_ids[5]};
    model.refreshSamples(ids);
    model.setProject(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestSampleTableModel::filtersByStatus() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    const std::pair<store::SampleStatus, int> expected[] = {{store::SampleStatus::pending, 6},
                                                            {store::SampleStatus::approved, 3},
                                                            {store::SampleStatus::rejected, 2}};
    for (const auto &[status, rows] : expected) {
        store::SampleFilter filter;
        filter.status = status;
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), rows);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(SampleTableModel::StatusRole).toInt(), int(status));
    }
}

void TestSampleTableModel::filtersBySplit() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    store::SampleFilter filter;
    filter.split = store::Split::test;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 3);
    filter.split = store::Split::train;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 8);
}

void TestSampleTableModel::filtersByTextCaseInsensitively() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    store::SampleFilter filter;
    filter.text = "INVOICE";  // "Invoice charged twice", "Wrong VAT on invoice"
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 2);
    filter.text = "billing";  // in outputs
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 4);
    filter.text = "not a ticket";  // a reject reason
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.sampleId(0), m_ids[9]);
    filter.text = "no such words anywhere";
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
}

void TestSampleTableModel::combinesFilters() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    store::SampleFilter filter;
    filter.status = store::SampleStatus::pending;
    filter.split = store::Split::test;
    filter.text = "csv";
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.sampleId(0), m_ids[5]);
}

void TestSampleTableModel::sortsByIdDescending() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    QCOMPARE(model.sampleId(0), m_ids.front());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(SampleTableModel::IdColumn, Qt::DescendingOrder);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.sortKey(), store::SampleSort::id);
    QVERIFY(model.sortDescending());
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(model.sampleId(0), m_ids.back());
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.sampleId(r - 1) > model.sampleId(r));
    QCOMPARE(model.index(0, SampleTableModel::IdColumn).data().toLongLong(), m_ids.back());
}

void TestSampleTableModel::sortsByStatusInGroups() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    model.sort(SampleTableModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(model.sortKey(), store::SampleSort::status);
    // Whatever order the store puts statuses in, each status forms one contiguous block.
    std::set<int> seen;
    int previous = -1;
    for (int r = 0; r < model.rowCount(); ++r) {
        const int status = model.index(r, 0).data(SampleTableModel::StatusRole).toInt();
        if (status != previous) {
            QVERIFY2(!seen.count(status), "a status appears in two separate blocks");
            seen.insert(status);
            previous = status;
        }
    }
    QCOMPARE(seen.size(), std::size_t(3));
}

void TestSampleTableModel::showsTextOnOneLine() {
    const QString longLine(2000, QLatin1Char('x'));
    m_ids =
        m_project->insert({test::makeSample("  Subject: refund\n\n\tBody: I was charged twice\n", "one line"),
                           test::makeSample(longLine, "{\n  \"category\": \"billing\"\n}")});
    QCOMPARE(m_ids.size(), std::size_t(2));
    SampleTableModel model;
    model.setProject(m_project->project.get());
    QCOMPARE(model.index(0, SampleTableModel::InputColumn).data().toString(),
             QStringLiteral("Subject: refund Body: I was charged twice"));
    QCOMPARE(model.index(0, SampleTableModel::OutputColumn).data().toString(), QStringLiteral("one line"));
    QCOMPARE(model.index(1, SampleTableModel::OutputColumn).data().toString(),
             QStringLiteral("{ \"category\": \"billing\" }"));
    const QString preview = model.index(1, SampleTableModel::InputColumn).data().toString();
    QCOMPARE(preview.size(), SampleTableModel::kPreviewChars + 1);
    QVERIFY(preview.endsWith(QChar(0x2026)));
}

void TestSampleTableModel::exposesStatusAndReasonRoles() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    const int row = model.rowOfSample(m_ids[10]);
    QVERIFY(row >= 0);
    const QModelIndex status = model.index(row, SampleTableModel::StatusColumn);
    QCOMPARE(status.data(SampleTableModel::StatusRole).toInt(), int(store::SampleStatus::rejected));
    QCOMPARE(status.data(SampleTableModel::RejectReasonRole).toString(), QStringLiteral("empty output"));
    QCOMPARE(status.data().toString(), QStringLiteral("Rejected"));
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("empty output")));
    QCOMPARE(model.index(row, SampleTableModel::SplitColumn).data().toString(), QStringLiteral("Test"));
    QCOMPARE(model.index(row, 0).data(SampleTableModel::SampleIdRole).toLongLong(), m_ids[10]);
}

void TestSampleTableModel::refreshesReviewedRowsInPlace() {
    fillMixed();
    SampleTableModel model;
    store::SampleFilter pendingOnly;
    pendingOnly.status = store::SampleStatus::pending;
    model.setProject(m_project->project.get());
    model.setFilter(pendingOnly);
    QCOMPARE(model.rowCount(), 6);
    model.index(0, 0).data();  // cache the page, so a stale cache would show "Pending"

    const int64_t ids[] = {m_ids[1]};
    auto prior = m_project->project->review(ids, store::SampleStatus::approved);
    QVERIFY(prior.ok());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refreshSamples(ids);
    QCOMPARE(changed.count(), 1);
    const int row = model.rowOfSample(m_ids[1]);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
    // The row stays where it is (no jump under the reviewer's cursor) and shows its new status.
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(row, SampleTableModel::StatusColumn).data().toString(), QStringLiteral("Approved"));
    QVERIFY(!model.index(row, SampleTableModel::ReviewedColumn).data().toString().isEmpty());
    // A reload applies the filter again.
    model.reload();
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.rowOfSample(m_ids[1]), -1);
}

void TestSampleTableModel::fetchesFarRowsOnDemand() {
    constexpr int kRows = 20000;
    m_ids = m_project->insert(test::numberedSamples(kRows));
    QCOMPARE(int(m_ids.size()), kRows);
    SampleTableModel model;
    model.setProject(m_project->project.get());
    QCOMPARE(model.rowCount(), kRows);
    QCOMPARE(model.cachedPageCount(), 0);  // counting rows reads no row

    const int far = kRows - 3;
    QCOMPARE(model.index(far, SampleTableModel::InputColumn).data().toString(),
             QStringLiteral("sample %1 input").arg(far));
    QCOMPARE(model.index(far, SampleTableModel::IdColumn).data().toLongLong(), m_ids[std::size_t(far)]);
    QCOMPARE(model.cachedPageCount(), 1);
    QCOMPARE(model.index(12345, SampleTableModel::OutputColumn).data().toString(),
             QStringLiteral("sample 12345 output"));
    QCOMPARE(model.cachedPageCount(), 2);

    // Scrolling through everything keeps the cache bounded, and rows stay right after eviction.
    for (int r = 0; r < kRows; r += SampleTableModel::kPageSize / 2)
        model.index(r, 0).data();
    QVERIFY(model.cachedPageCount() <= SampleTableModel::kMaxCachedPages);
    QCOMPARE(model.index(7, SampleTableModel::InputColumn).data().toString(),
             QStringLiteral("sample 7 input"));

    // And sorted descending, the first row is the last sample.
    model.sort(SampleTableModel::IdColumn, Qt::DescendingOrder);
    QCOMPARE(model.index(0, SampleTableModel::InputColumn).data().toString(),
             QStringLiteral("sample %1 input").arg(kRows - 1));
}

void TestSampleTableModel::emptiesWithoutProject() {
    fillMixed();
    SampleTableModel model;
    model.setProject(m_project->project.get());
    QCOMPARE(model.rowCount(), 11);
    model.setProject(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.sampleId(0), qint64(-1));
    QVERIFY(!model.index(0, 0).isValid());
}

int runSampleTableModelTests(int argc, char **argv) {
    TestSampleTableModel t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_sampletablemodel.moc"
