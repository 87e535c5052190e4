// The Data page driven like a reviewer drives it: keys on the table (A, R, J, K, Ctrl+Z), bulk
// decisions, the reject-reason dialog, counts, debounced search; every decision is read back from
// the file through a second connection.
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QtTest>

#include "data/datapage.h"
#include "data/rejectreasondialog.h"
#include "data/revisionhistory.h"
#include "data/sampledetailpane.h"
#include "data/sampletablemodel.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::DataPage;

namespace {
constexpr int kPending = int(store::SampleStatus::pending);
constexpr int kApproved = int(store::SampleStatus::approved);
constexpr int kRejected = int(store::SampleStatus::rejected);
}  // namespace

class TestDataPage : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void keyAApprovesAndMovesOn();
    void keysJAndKMove();
    void ctrlZUndoesLastDecision();
    void keyRRejectsWithReason();
    void rejectWithoutReasonChangesNothing();
    void rejectDialogRequiresReason();
    void bulkApproveAndUndo();
    void keyGAsksForMoreLikeTheApprovedOnes();
    void countsLabelFollowsDecisions();
    void searchIsDebounced();
    void statusFilterCombo();
    void detailPaneShowsSelectedSample();
    void lettersInSearchFieldDoNotReview();
    void keyEEditsKeepsHistoryAndUndoes();
    void editRefusedKeepsTextAndStore();

private:
    void showPage();
    QTableView *table() const { return m_page->tableView(); }

    std::unique_ptr<test::TempProject> m_project;
    std::unique_ptr<DataPage> m_page;
    std::vector<int64_t> m_ids;
};

void TestDataPage::init() {
    m_project = std::make_unique<test::TempProject>();
    QVERIFY2(m_project->ok(), qPrintable(m_project->error));
    std::vector<store::NewSample> samples;
    for (int i = 0; i < 5; ++i)
        samples.push_back(test::makeSample(QStringLiteral("ticket %1: printer on fire\nsecond line").arg(i),
                                           QStringLiteral("{\"category\":\"hardware\",\"n\":%1}").arg(i)));
    samples.push_back(test::makeSample("invoice has the wrong address", "{\"category\":\"billing\"}"));
    m_ids = m_project->insert(samples);
    QCOMPARE(m_ids.size(), std::size_t(6));
    m_page = std::make_unique<DataPage>();
    m_page->setProject(m_project->project.get());
}

void TestDataPage::cleanup() {
    if (m_page) m_page->setProject(nullptr);
    m_page.reset();
    m_project.reset();
    m_ids.clear();
}

void TestDataPage::showPage() {
    m_page->resize(1100, 700);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    table()->setFocus();
    QTRY_VERIFY(table()->hasFocus());
}

void TestDataPage::keyAApprovesAndMovesOn() {
    showPage();
    QCOMPARE(m_page->currentRow(), 0);
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kApproved);
    QCOMPARE(test::statusOf(*m_project, m_ids[1]), kPending);
    QCOMPARE(m_page->currentRow(), 1);  // fast review: on to the next sample
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(test::statusOf(*m_project, m_ids[1]), kApproved);
    QCOMPARE(m_page->currentRow(), 2);
    QCOMPARE(m_page->model()->index(0, ui::SampleTableModel::StatusColumn).data().toString(),
             QStringLiteral("Approved"));
}

void TestDataPage::keysJAndKMove() {
    showPage();
    QTest::keyClick(table(), Qt::Key_J);
    QCOMPARE(m_page->currentRow(), 1);
    QTest::keyClick(table(), Qt::Key_J);
    QTest::keyClick(table(), Qt::Key_J);
    QCOMPARE(m_page->currentRow(), 3);
    QTest::keyClick(table(), Qt::Key_K);
    QCOMPARE(m_page->currentRow(), 2);
    QTest::keyClick(table(), Qt::Key_Down);
    QCOMPARE(m_page->currentRow(), 3);
    QTest::keyClick(table(), Qt::Key_Up);
    QCOMPARE(m_page->currentRow(), 2);
    for (int i = 0; i < 10; ++i)
        QTest::keyClick(table(), Qt::Key_J);
    QCOMPARE(m_page->currentRow(), 5);  // stops at the last row
    for (int i = 0; i < 10; ++i)
        QTest::keyClick(table(), Qt::Key_K);
    QCOMPARE(m_page->currentRow(), 0);
    for (int64_t id : m_ids)
        QCOMPARE(test::statusOf(*m_project, id), kPending);  // moving decides nothing
}

void TestDataPage::ctrlZUndoesLastDecision() {
    showPage();
    m_page->setReasonProvider([](int) { return std::optional<QString>(QStringLiteral("off topic")); });
    QTest::keyClick(table(), Qt::Key_A);  // #0 approved
    QTest::keyClick(table(), Qt::Key_R);  // #1 rejected
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kApproved);
    QCOMPARE(test::statusOf(*m_project, m_ids[1]), kRejected);
    QCOMPARE(m_page->undoDepth(), 2);

    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(test::statusOf(*m_project, m_ids[1]), kPending);
    QCOMPARE(test::reasonOf(*m_project, m_ids[1]), QString());
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kApproved);
    QCOMPARE(m_page->currentRow(), 1);  // back on the sample whose decision was undone

    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kPending);
    QCOMPARE(m_page->undoDepth(), 0);
    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);  // nothing left: harmless
    for (int64_t id : m_ids)
        QCOMPARE(test::statusOf(*m_project, id), kPending);
}

void TestDataPage::keyRRejectsWithReason() {
    showPage();
    int asked = 0;
    int askedCount = 0;
    m_page->setReasonProvider([&](int count) {
        ++asked;
        askedCount = count;
        return std::optional<QString>(QStringLiteral("  output misses the category  "));
    });
    m_page->selectRow(2);
    QTest::keyClick(table(), Qt::Key_R);
    QCOMPARE(asked, 1);
    QCOMPARE(askedCount, 1);
    QCOMPARE(test::statusOf(*m_project, m_ids[2]), kRejected);
    QCOMPARE(test::reasonOf(*m_project, m_ids[2]), QStringLiteral("output misses the category"));
    QCOMPARE(m_page->currentRow(), 3);
}

void TestDataPage::rejectWithoutReasonChangesNothing() {
    showPage();
    m_page->setReasonProvider([](int) { return std::optional<QString>(); });
    QTest::keyClick(table(), Qt::Key_R);
    m_page->setReasonProvider([](int) { return std::optional<QString>(QStringLiteral("   ")); });
    QTest::keyClick(table(), Qt::Key_R);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kPending);
    QCOMPARE(m_page->undoDepth(), 0);
    QCOMPARE(m_page->currentRow(), 0);
}

void TestDataPage::rejectDialogRequiresReason() {
    showPage();
    ui::RejectReasonDialog::clearRecentReasons();
    bool okWasDisabled = false;
    bool sawDialog = false;
    // The real dialog: find it once it is up, check that an empty reason cannot be accepted, type one.
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ui::RejectReasonDialog *>(QApplication::activeModalWidget());
        if (!dialog) return;
        sawDialog = true;
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        okWasDisabled = !ok->isEnabled() && !dialog->canAccept();
        dialog->setReason(QStringLiteral("wrong category"));
        QVERIFY(ok->isEnabled());
        ok->click();
    });
    QTest::keyClick(table(), Qt::Key_R);
    QVERIFY(sawDialog);
    QVERIFY(okWasDisabled);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kRejected);
    QCOMPARE(test::reasonOf(*m_project, m_ids[0]), QStringLiteral("wrong category"));
    QCOMPARE(ui::RejectReasonDialog::recentReasons().value(0), QStringLiteral("wrong category"));

    // A window manager re-activates the page when the dialog goes; the offscreen platform does not.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    table()->setFocus();
    QTRY_VERIFY(table()->hasFocus());
    // The next time, the recent reason is offered; cancelling changes nothing.
    QStringList offered;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ui::RejectReasonDialog *>(QApplication::activeModalWidget());
        if (!dialog) return;
        for (int i = 0; i < dialog->reasonBox()->count(); ++i)
            offered << dialog->reasonBox()->itemText(i);
        dialog->reject();
    });
    QTest::keyClick(table(), Qt::Key_R);
    QCOMPARE(offered, QStringList{QStringLiteral("wrong category")});
    QCOMPARE(test::statusOf(*m_project, m_ids[1]), kPending);
}

void TestDataPage::bulkApproveAndUndo() {
    showPage();
    QItemSelectionModel *selection = table()->selectionModel();
    const auto *model = m_page->model();
    selection->setCurrentIndex(model->index(1, 0), QItemSelectionModel::NoUpdate);
    selection->select(QItemSelection(model->index(1, 0), model->index(3, model->columnCount() - 1)),
                      QItemSelectionModel::ClearAndSelect);
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kPending);
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(test::statusOf(*m_project, m_ids[std::size_t(i)]), kApproved);
    QCOMPARE(test::statusOf(*m_project, m_ids[4]), kPending);
    QCOMPARE(m_page->currentRow(), 4);  // after the last decided row
    QCOMPARE(m_page->undoDepth(), 1);   // one decision, one undo

    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    for (int64_t id : m_ids)
        QCOMPARE(test::statusOf(*m_project, id), kPending);
}

void TestDataPage::keyGAsksForMoreLikeTheApprovedOnes() {
    showPage();
    QSignalSpy asked(m_page.get(), &DataPage::generateMoreLike);
    QSignalSpy said(m_page.get(), &DataPage::statusMessage);
    QItemSelectionModel *selection = table()->selectionModel();
    const auto *model = m_page->model();
    auto selectRows = [&](int first, int last) {
        selection->setCurrentIndex(model->index(first, 0), QItemSelectionModel::NoUpdate);
        selection->select(QItemSelection(model->index(first, 0), model->index(last, model->columnCount() - 1)),
                          QItemSelectionModel::ClearAndSelect);
    };
    // Nothing approved in the selection: nothing asked, and the page says why.
    selectRows(0, 2);
    QTest::keyClick(table(), Qt::Key_G);
    QCOMPARE(asked.count(), 0);
    QVERIFY(!said.isEmpty());
    QVERIFY2(said.last().first().toString().contains(QStringLiteral("approved")),
             qPrintable(said.last().first().toString()));

    // Approve rows 1 and 2, then select 0..2: only the approved two are asked for.
    selectRows(1, 2);
    QTest::keyClick(table(), Qt::Key_A);
    selectRows(0, 2);
    QTest::keyClick(table(), Qt::Key_G);
    QCOMPARE(asked.count(), 1);
    const auto ids = asked.first().first().value<QList<qint64>>();
    QCOMPARE(ids, (QList<qint64>{m_ids[1], m_ids[2]}));
}

void TestDataPage::countsLabelFollowsDecisions() {
    showPage();
    auto *label = m_page->findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY(label);
    QString text = test::plainText(label->text());
    QVERIFY2(text.contains(QStringLiteral("Pending 6")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Approved 0")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Train 6")), qPrintable(text));

    m_page->setReasonProvider([](int) { return std::optional<QString>(QStringLiteral("duplicate")); });
    QTest::keyClick(table(), Qt::Key_A);
    QTest::keyClick(table(), Qt::Key_R);
    text = test::plainText(label->text());
    QVERIFY2(text.contains(QStringLiteral("Pending 4")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Approved 1")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Rejected 1")), qPrintable(text));
    QCOMPARE(m_page->countsText(), QStringLiteral("Pending 4 · Approved 1 · Rejected 1 · Train 6 · Test 0"));

    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(test::plainText(label->text()).contains(QStringLiteral("Rejected 0")));
}

void TestDataPage::searchIsDebounced() {
    showPage();
    m_page->setSearchText(QStringLiteral("INVOICE"));
    QCOMPARE(m_page->model()->rowCount(), 6);  // not yet: the filter waits for typing to pause
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 1, 2000);
    QCOMPARE(m_page->model()->sampleId(0), m_ids[5]);
    QCOMPARE(m_page->currentRow(), 0);
    m_page->setSearchText(QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 6, 2000);
}

void TestDataPage::statusFilterCombo() {
    showPage();
    QTest::keyClick(table(), Qt::Key_A);
    QTest::keyClick(table(), Qt::Key_A);
    m_page->setStatusFilter(store::SampleStatus::approved);
    QCOMPARE(m_page->model()->rowCount(), 2);
    m_page->setStatusFilter(store::SampleStatus::pending);
    QCOMPARE(m_page->model()->rowCount(), 4);
    m_page->setSplitFilter(store::Split::test);
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_page->setSplitFilter(std::nullopt);
    m_page->setStatusFilter(std::nullopt);
    QCOMPARE(m_page->model()->rowCount(), 6);
}

void TestDataPage::detailPaneShowsSelectedSample() {
    showPage();
    m_page->selectRow(3);
    QCOMPARE(m_page->detailPane()->inputText(), QStringLiteral("ticket 3: printer on fire\nsecond line"));
    QCOMPARE(m_page->detailPane()->outputText(), QStringLiteral("{\"category\":\"hardware\",\"n\":3}"));
    QVERIFY(m_page->detailPane()->rejectReasonText().isEmpty());
    m_page->setReasonProvider(
        [](int) { return std::optional<QString>(QStringLiteral("hardware is not ours")); });
    QTest::keyClick(table(), Qt::Key_R);
    m_page->selectRow(3);
    QVERIFY2(m_page->detailPane()->rejectReasonText().contains(QStringLiteral("hardware is not ours")),
             qPrintable(m_page->detailPane()->rejectReasonText()));
}

void TestDataPage::lettersInSearchFieldDoNotReview() {
    showPage();
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    search->setFocus();
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("ar"));
    QCOMPARE(search->text(), QStringLiteral("ar"));
    for (int64_t id : m_ids)
        QCOMPARE(test::statusOf(*m_project, id), kPending);
}

int runDataPageTests(int argc, char **argv) {
    TestDataPage t;
    return QTest::qExec(&t, argc, argv);
}


namespace {
std::string storedOutput(const test::TempProject &project, int64_t id) {
    auto s = project.project->sample(id);
    return s && *s ? (*s)->output : std::string("<gone>");
}
}  // namespace

void TestDataPage::keyEEditsKeepsHistoryAndUndoes() {
    showPage();
    ui::SampleDetailPane *pane = m_page->detailPane();
    QCOMPARE(pane->sampleId(), qint64(m_ids[0]));
    const std::string original = storedOutput(*m_project, m_ids[0]);

    QTest::keyClick(table(), Qt::Key_E);
    QVERIFY(pane->isEditing());
    QVERIFY(!pane->outputEditor()->isReadOnly());
    QVERIFY(!table()->isEnabled());  // the table holds still while editing
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(test::statusOf(*m_project, m_ids[0]), kPending);  // review keys are off while editing

    pane->outputEditor()->setPlainText(QStringLiteral("{\"category\":\"hardware\",\"n\":0,\"urgent\":true}"));
    QVERIFY(pane->saveEdit());
    QVERIFY(!pane->isEditing());
    QCOMPARE(storedOutput(*m_project, m_ids[0]), std::string("{\"category\":\"hardware\",\"n\":0,\"urgent\":true}"));

    // Both versions are kept: the original import text and the edit.
    auto revisions = m_project->project->revisions(m_ids[0]);
    QVERIFY(revisions.ok());
    QCOMPARE(revisions->size(), std::size_t(2));
    QCOMPARE(revisions->front().output, original);
    pane->setHistoryVisible(true);
    QCOMPARE(pane->history()->revisionCount(), 2);
    QVERIFY(pane->history()->selectRevision(1));
    QCOMPARE(pane->outputText(), QString::fromStdString(original));  // the original, shown read-only
    pane->setHistoryVisible(false);

    // Ctrl+Z brings the earlier text back as one more revision: history never shrinks.
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(storedOutput(*m_project, m_ids[0]), original);
    revisions = m_project->project->revisions(m_ids[0]);
    QVERIFY(revisions.ok());
    QCOMPARE(revisions->size(), std::size_t(3));
    QCOMPARE(m_page->undoDepth(), 0);
}

void TestDataPage::editRefusedKeepsTextAndStore() {
    showPage();
    ui::SampleDetailPane *pane = m_page->detailPane();
    const std::string original = storedOutput(*m_project, m_ids[0]);
    pane->beginEdit();
    pane->outputEditor()->setPlainText(QString());  // an empty output is refused by the store
    QVERIFY(!pane->saveEdit());
    QVERIFY(pane->isEditing());
    QVERIFY(!pane->editErrorText().isEmpty());
    QCOMPARE(storedOutput(*m_project, m_ids[0]), original);
    pane->cancelEdit();
    QVERIFY(!pane->isEditing());
    QCOMPARE(pane->outputText(), QString::fromStdString(original));
    QCOMPARE(m_page->undoDepth(), 0);
}

#include "tst_datapage.moc"
