// The Train page: it charts a run that another connection (as `smolify-cli train` would) writes while
// the page is open, reads metrics incrementally, decimates 100,000 steps to a bounded number of
// chart points without losing the extremes, says why training cannot start, and lists an abandoned
// run as resumable. All over real project files.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTranslator>
#include <QTreeWidget>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtTest>

#include <cmath>

#include "store/sqlite.h"
#include "support/tmpfs.h"
#include "testutil.h"
#include "train/decimate.h"
#include "train/metricsreader.h"
#include "train/traincontroller.h"
#include "train/trainpage.h"

using namespace smolify;
using smolify::ui::TrainPage;

namespace {

// Writes a run row as the trainer does; returns its id.
qint64 insertRun(store::Project &project, const char *status, const char *config, qint64 startedAgo = 0) {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto stmt = project.db().prepare(
        "INSERT INTO training_runs (config, seed, status, created_at, started_at) VALUES (?1, 7, ?2, ?3, "
        "?3)");
    stmt.bind(1, config).bind(2, status).bind(3, static_cast<int64_t>(now - startedAgo));
    stmt.exec();
    return project.db().last_insert_id();
}

// Metrics of steps [from, to] of the train split (loss falling from 5), and val every `valEvery`,
// in one transaction as the trainer commits a batch.
void insertMetrics(store::Project &project, qint64 runId, qint64 from, qint64 to, qint64 valEvery = 10,
                   double (*loss)(qint64) = nullptr) {
    store::Transaction tx(project.db());
    auto stmt = project.db().prepare(
        "INSERT INTO metrics (run_id, step, split, loss, learning_rate, tokens_per_s, elapsed_s) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (qint64 step = from; step <= to; ++step) {
        const double l = loss ? loss(step) : 5.0 / std::sqrt(static_cast<double>(step));
        stmt.bind(1, static_cast<int64_t>(runId))
            .bind(2, static_cast<int64_t>(step))
            .bind(3, "train")
            .bind(4, l)
            .bind(5, 1e-3)
            .bind(6, 1500.0)
            .bind(7, static_cast<double>(step) * 0.5);
        stmt.exec();
        stmt.reset();
        if (valEvery > 0 && step % valEvery == 0) {
            stmt.bind(1, static_cast<int64_t>(runId))
                .bind(2, static_cast<int64_t>(step))
                .bind(3, "val")
                .bind(4, l + 0.1)
                .bind(5, std::nullopt)
                .bind(6, std::nullopt)
                .bind(7, std::nullopt);
            stmt.exec();
            stmt.reset();
        }
    }
    tx.commit();
}

void setRunStatus(store::Project &project, qint64 runId, const char *status, qint64 step) {
    auto stmt = project.db().prepare(
        "UPDATE training_runs SET status = ?2, step = ?3, best_val_loss = 0.5, finished_at = started_at + 90 "
        "WHERE id = ?1");
    stmt.bind(1, static_cast<int64_t>(runId)).bind(2, status).bind(3, static_cast<int64_t>(step));
    stmt.exec();
}

// `n` approved training samples, short tickets with a label, all different.
std::vector<store::NewSample> approvedTickets(int n) {
    static const char *kWhat[] = {"printer jammed",        "VPN drops every hour", "laptop will not boot",
                                  "password reset needed", "email bounces",        "monitor flickers"};
    static const char *kLabel[] = {"low", "urgent", "urgent", "normal", "normal", "low"};
    std::vector<store::NewSample> samples;
    for (int i = 0; i < n; ++i)
        samples.push_back(test::makeSample(
            QStringLiteral("Ticket %1: %2").arg(i).arg(QLatin1String(kWhat[i % 6])),
            QStringLiteral("Priority: %1").arg(QLatin1String(kLabel[i % 6])), store::SampleStatus::approved));
    return samples;
}

QString runStatusInStore(const test::TempProject &tp, qint64 runId) {
    auto other = tp.reopen();
    if (!other) return {};
    auto stmt = other->db().prepare("SELECT status FROM training_runs WHERE id = ?1");
    stmt.bind(1, static_cast<int64_t>(runId));
    return stmt.step() ? QString::fromStdString(stmt.col_text(0)) : QString();
}

bool containsPoint(const QList<QPointF> &points, const QPointF &p) {
    for (const QPointF &q : points)
        if (q == p) return true;
    return false;
}

}  // namespace

class TestTrainPage : public QObject {
    Q_OBJECT

private slots:
    void chartsRunWrittenByAnotherConnection();
    void readsOnlyNewRows();
    void decimationKeepsExtremes();
    void decimationLeavesShortSeriesAlone();
    void pageDecimatesHundredThousandSteps();
    void controlsDisabledWithoutApprovedSamples();
    void abandonedRunIsListedAsSuch();
    void logScaleSwapsTheAxis();
    void germanTranslationApplies();
    void startTrainsForReal();
    void estimateBeforeStartAndStartAfterIt();
    void stopPausesAndResumeContinues();
    void fullDiskPausesAndResumeFinishes();
};

void TestTrainPage::chartsRunWrittenByAnotherConnection() {
    test::TempProject tp;
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    TrainPage page;
    page.setProject(tp.project.get());
    QCOMPARE(page.runList()->topLevelItemCount(), 0);
    QCOMPARE(page.trainLossSeries()->count(), 0);

    // The writer: a second connection to the same file, as a separate CLI process would have.
    auto writer = tp.reopen();
    QVERIFY(writer);
    const qint64 run = insertRun(*writer, "running", R"({"preset":"tiny","max_steps":100})");
    insertMetrics(*writer, run, 1, 30);

    QTRY_COMPARE_WITH_TIMEOUT(page.runList()->topLevelItemCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(page.trainLossSeries()->count(), 30, 10000);
    QCOMPARE(page.shownRunId(), run);
    QCOMPARE(page.valLossSeries()->count(), 3);
    QCOMPARE(page.learningRateSeries()->count(), 30);
    QCOMPARE(page.tokensSeries()->count(), 30);
    QCOMPARE(page.trainLossSeries()->at(29), QPointF(30, 5.0 / std::sqrt(30.0)));
    QVERIFY2(page.summaryText().contains(QStringLiteral("30 of 100")), qPrintable(page.summaryText()));
    QCOMPARE(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Running"));
    QCOMPARE(page.runList()->topLevelItem(0)->text(2), QStringLiteral("tiny"));

    // More steps arrive while the page is open: it picks them up on its own.
    insertMetrics(*writer, run, 31, 50);
    QTRY_COMPARE_WITH_TIMEOUT(page.trainLossSeries()->count(), 50, 10000);
    QCOMPARE(page.valLossSeries()->count(), 5);
    QVERIFY2(page.summaryText().contains(QStringLiteral("50 of 100")), qPrintable(page.summaryText()));
    QVERIFY2(page.summaryText().contains(QStringLiteral("0:25")), qPrintable(page.summaryText()));  // elapsed

    setRunStatus(*writer, run, "completed", 50);
    QTRY_COMPARE_WITH_TIMEOUT(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Completed"), 10000);
    QCOMPARE(page.runList()->topLevelItem(0)->text(6), QStringLiteral("1:30"));

    // A second run appears: the page follows the newest one.
    const qint64 second = insertRun(*writer, "running", R"({"preset":"small","max_steps":40})");
    insertMetrics(*writer, second, 1, 7, 0);
    QTRY_COMPARE_WITH_TIMEOUT(page.shownRunId(), second, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(page.trainLossSeries()->count(), 7, 10000);
    QCOMPARE(page.valLossSeries()->count(), 0);
    QCOMPARE(page.runList()->topLevelItemCount(), 2);

    // Choosing the older run shows it again and stops following.
    page.showRun(run);
    QCOMPARE(page.trainLossSeries()->count(), 50);
    insertMetrics(*writer, second, 8, 9, 0);
    QTest::qWait(TrainPage::kLivePollMs * 3);
    QCOMPARE(page.shownRunId(), run);
    page.setProject(nullptr);
}

void TestTrainPage::readsOnlyNewRows() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    auto writer = tp.reopen();
    QVERIFY(writer);
    const qint64 run = insertRun(*writer, "running", "{}");
    insertMetrics(*writer, run, 1, 20, 5);

    ui::RunMetrics metrics;
    metrics.clear(run);
    QString error;
    QCOMPARE(metrics.update(*tp.project, 1000, &error), 24);  // 20 train + 4 val
    QCOMPARE(metrics.update(*tp.project, 1000, &error), 0);
    // A limit splits the read; nothing is read twice or skipped.
    insertMetrics(*writer, run, 21, 30, 5);
    QCOMPARE(metrics.update(*tp.project, 7, &error), 7);
    QCOMPARE(metrics.update(*tp.project, 7, &error), 5);
    QCOMPARE(metrics.update(*tp.project, 7, &error), 0);
    QCOMPARE(metrics.trainLoss().size(), 30);
    QCOMPARE(metrics.valLoss().size(), 6);
    for (qsizetype i = 0; i < metrics.trainLoss().size(); ++i)
        QCOMPARE(metrics.trainLoss()[i].x(), double(i + 1));
    QCOMPARE(metrics.lastTrainStep(), 30);
    QCOMPARE(metrics.lastValStep(), 30);
    QVERIFY(error.isEmpty());
}

void TestTrainPage::decimationKeepsExtremes() {
    QList<QPointF> points;
    for (int i = 0; i < 100000; ++i)
        points.append(QPointF(i, 3 + std::sin(i / 500.0)));
    points[54321].setY(1000);
    points[77777].setY(-1000);
    const QList<QPointF> out = ui::decimateMinMax(points, 2000);
    QVERIFY(out.size() <= 2000);
    QVERIFY(out.size() >= 1000);
    QCOMPARE(out.front(), points.front());
    QCOMPARE(out.back(), points.back());
    QVERIFY(containsPoint(out, points[54321]));
    QVERIFY(containsPoint(out, points[77777]));
    for (qsizetype i = 1; i < out.size(); ++i)
        QVERIFY(out[i - 1].x() < out[i].x());
    // The curve's own ups and downs survive too: its maximum and minimum values are still there.
    double hi = -1e9, lo = 1e9;
    for (const QPointF &p : out) {
        if (p.y() < 999) hi = std::max(hi, p.y());
        if (p.y() > -999) lo = std::min(lo, p.y());
    }
    QVERIFY(hi > 3.999);
    QVERIFY(lo < 2.001);
}

void TestTrainPage::decimationLeavesShortSeriesAlone() {
    QList<QPointF> points;
    for (int i = 0; i < 2000; ++i)
        points.append(QPointF(i, i % 7));
    QCOMPARE(ui::decimateMinMax(points, 2000), points);
    points.append(QPointF(2000, 42));
    const QList<QPointF> out = ui::decimateMinMax(points, 2000);
    QVERIFY(out.size() <= 2000);
    QCOMPARE(out.back(), QPointF(2000, 42));
}

void TestTrainPage::pageDecimatesHundredThousandSteps() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    auto writer = tp.reopen();
    QVERIFY(writer);
    const qint64 run = insertRun(*writer, "completed", R"({"preset":"base","max_steps":100000})");
    // A noisy descent with one spike and one best step to find again in the chart.
    insertMetrics(*writer, run, 1, 100000, 1000, [](qint64 step) {
        if (step == 61234) return 42.0;
        if (step == 99001) return 0.01;
        return 1.0 + 4.0 / std::sqrt(static_cast<double>(step)) + 0.05 * std::sin(static_cast<double>(step));
    });
    TrainPage page;
    page.setProject(tp.project.get());
    QTRY_COMPARE_WITH_TIMEOUT(page.metrics().lastTrainStep(), 100000, 20000);
    QCOMPARE(page.metrics().trainLoss().size(), 100000);
    QTRY_VERIFY(page.trainLossSeries()->count() > 0);
    QVERIFY(page.trainLossSeries()->count() <= TrainPage::kMaxChartPoints);
    QVERIFY(page.learningRateSeries()->count() <= TrainPage::kMaxChartPoints);
    QVERIFY(page.tokensSeries()->count() <= TrainPage::kMaxChartPoints);
    const QList<QPointF> shown = page.trainLossSeries()->points();
    QVERIFY(containsPoint(shown, QPointF(61234, 42.0)));
    QVERIFY(containsPoint(shown, QPointF(99001, 0.01)));
    QCOMPARE(page.valLossSeries()->count(), 100);
    page.setProject(nullptr);
}

void TestTrainPage::controlsDisabledWithoutApprovedSamples() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    TrainPage page;
    page.setProject(tp.project.get());
    QVERIFY(!page.startButton()->isEnabled());
    QVERIFY(!page.resumeButton()->isEnabled());
    QVERIFY(!page.stopButton()->isEnabled());
    QVERIFY2(page.blockedReason().contains(QStringLiteral("no approved training samples")),
             qPrintable(page.blockedReason()));
    auto *reason = page.findChild<QLabel *>(QStringLiteral("trainBlockedReason"));
    QVERIFY(reason);
    QCOMPARE(reason->text(), page.blockedReason());
    QVERIFY(!page.startTraining());

    // Pending samples are counted in the reason, and still do not allow a start.
    const std::vector<int64_t> ids = tp.insert(test::numberedSamples(3));
    QCOMPARE(ids.size(), std::size_t(3));
    page.poll();
    QVERIFY2(page.blockedReason().contains(QStringLiteral("none of the 3 training samples is approved")),
             qPrintable(page.blockedReason()));
    QVERIFY(!page.startButton()->isEnabled());

    // A few approved are not enough: the trainer's minimum is said (another connection approves,
    // as the Data page's would).
    auto other = tp.reopen();
    QVERIFY(other);
    QVERIFY(other->review(std::vector<int64_t>{ids[0]}, store::SampleStatus::approved).ok());
    page.poll();
    QVERIFY2(page.blockedReason().contains(QStringLiteral("1 approved training samples")) &&
                 page.blockedReason().contains(QStringLiteral("at least 10")),
             qPrintable(page.blockedReason()));
    QVERIFY(!page.startButton()->isEnabled());

    // Enough approved: the block is lifted and the reason hidden.
    std::vector<store::NewSample> more = test::numberedSamples(20);
    for (auto &sample : more)
        sample.status = store::SampleStatus::approved;
    // numberedSamples repeats the texts of the first three; those are skipped as duplicates.
    QVERIFY(!tp.insert(more).empty());
    page.poll();
    QCOMPARE(page.blockedReason(), QString());
    QVERIFY(page.startButton()->isEnabled());
    QVERIFY(reason->isHidden());

    page.setProject(nullptr);
    QVERIFY(!page.startButton()->isEnabled());
}

void TestTrainPage::abandonedRunIsListedAsSuch() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    std::vector<store::NewSample> samples = test::numberedSamples(12);
    for (auto &sample : samples)
        sample.status = store::SampleStatus::approved;
    QVERIFY(!tp.insert(samples).empty());
    // Marked running, started an hour ago, nothing recorded since: its process is gone.
    const qint64 run = insertRun(*tp.project, "running", R"({"preset":"tiny"})", 3600);
    TrainPage page;
    page.setProject(tp.project.get());
    QCOMPARE(page.shownRunId(), run);
    QCOMPARE(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Abandoned"));
    auto *state = page.findChild<QLabel *>(QStringLiteral("trainRunState"));
    QVERIFY(state);
    QVERIFY2(state->text().contains(QStringLiteral("stopped reporting")), qPrintable(state->text()));
    QVERIFY(page.resumeButton()->isEnabled());

    // A run that is really going is not offered for resuming.
    const qint64 live = insertRun(*tp.project, "running", R"({"preset":"tiny"})");
    page.poll();
    QCOMPARE(page.shownRunId(), live);
    QCOMPARE(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Running"));
    QVERIFY(!page.resumeButton()->isEnabled());
    page.setProject(nullptr);
}

void TestTrainPage::logScaleSwapsTheAxis() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    const qint64 run = insertRun(*tp.project, "completed", "{}");
    insertMetrics(*tp.project, run, 1, 50);
    TrainPage page;
    page.setProject(tp.project.get());
    QCOMPARE(page.trainLossSeries()->count(), 50);
    page.setLogScale(true);
    QList<QAbstractAxis *> axes = page.trainLossSeries()->attachedAxes();
    QCOMPARE(axes.size(), 2);
    QVERIFY(qobject_cast<QLogValueAxis *>(axes[0]) || qobject_cast<QLogValueAxis *>(axes[1]));
    QCOMPARE(page.trainLossSeries()->count(), 50);
    page.setLogScale(false);
    axes = page.trainLossSeries()->attachedAxes();
    QVERIFY(!qobject_cast<QLogValueAxis *>(axes[0]) && !qobject_cast<QLogValueAxis *>(axes[1]));
    page.setProject(nullptr);
}

void TestTrainPage::germanTranslationApplies() {
#ifdef SMOLIFY_DE_QM
    QTranslator german;
    QVERIFY2(german.load(QStringLiteral(SMOLIFY_DE_QM)), SMOLIFY_DE_QM);
    QVERIFY(QCoreApplication::installTranslator(&german));
    {
        test::TempProject tp;
        QVERIFY(tp.ok());
        TrainPage page;
        page.setProject(tp.project.get());
        QCOMPARE(page.startButton()->text(), QStringLiteral("Training starten"));
        QVERIFY2(page.blockedReason().startsWith(QStringLiteral("Noch nichts zum Trainieren")),
                 qPrintable(page.blockedReason()));
        page.setProject(nullptr);
    }
    QCoreApplication::removeTranslator(&german);
#else
    QSKIP("the German catalogue is not built (no lrelease)");
#endif
}

void TestTrainPage::startTrainsForReal() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    QVERIFY(!tp.insert(approvedTickets(40)).empty());
    TrainPage page;
    page.setProject(tp.project.get());
    QVERIFY2(page.startButton()->isEnabled(), qPrintable(page.blockedReason()));
    page.presetBox()->setCurrentIndex(page.presetBox()->findData(QStringLiteral("tiny")));
    page.maxStepsBox()->setValue(4);
    page.seedBox()->setValue(11);

    QSignalSpy started(&page, &TrainPage::trainingStarted);
    QSignalSpy progress(&page, &TrainPage::trainingProgress);
    QSignalSpy finished(&page, &TrainPage::trainingFinished);
    QVERIFY(page.startTraining());
    QVERIFY(page.isTraining());
    QVERIFY(!page.startButton()->isEnabled());
    QVERIFY(page.stopButton()->isEnabled());
    QVERIFY(!page.presetBox()->isEnabled());
    QVERIFY(!page.startTraining());  // one run at a time

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    const auto outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.status, QStringLiteral("completed"));
    QCOMPARE(outcome.step, 4);
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().first().toLongLong(), outcome.runId);
    QVERIFY(progress.count() >= 1);
    const auto last = progress.last().first().value<ui::TrainProgress>();
    QCOMPARE(last.runId, outcome.runId);
    QCOMPARE(last.step, 4);
    QCOMPARE(last.totalSteps, 4);
    QVERIFY(last.trainLoss > 0);

    // What the trainer wrote reaches the charts through the store.
    QVERIFY(!page.isTraining());
    QCOMPARE(page.shownRunId(), outcome.runId);
    QTRY_COMPARE_WITH_TIMEOUT(page.trainLossSeries()->count(), 4, 10000);
    QCOMPARE(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Completed"));
    QVERIFY2(page.summaryText().contains(QStringLiteral("Step 4 of 4")), qPrintable(page.summaryText()));
    // The plan under the run state names the recipe the trainer chose (tickets are labels here).
    auto *state = page.findChild<QLabel *>(QStringLiteral("trainRunState"));
    QVERIFY(state);
    QTRY_VERIFY2_WITH_TIMEOUT(
        state->text().contains(QStringLiteral("Recipe: input loss weight 0.1, input dropout 0.2")),
        qPrintable(state->text()), 10000);
    QCOMPARE(runStatusInStore(tp, outcome.runId), QStringLiteral("completed"));
    QVERIFY(page.startButton()->isEnabled());
    QVERIFY(!page.resumeButton()->isEnabled());  // a completed run has nothing to resume
    page.setProject(nullptr);
}

void TestTrainPage::estimateBeforeStartAndStartAfterIt() {
    test::TempProject tp;
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    QVERIFY(!tp.insert(approvedTickets(40)).empty());
    TrainPage page;
    page.setProject(tp.project.get());
    page.presetBox()->setCurrentIndex(page.presetBox()->findData(QStringLiteral("micro")));
    page.maxStepsBox()->setValue(3);
    QSignalSpy estimated(&page, &TrainPage::estimateFinished);
    QVERIFY(page.estimate());
    QVERIFY(page.isEstimating());
    QVERIFY(!page.estimate());  // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(estimated.count(), 1, 120000);
    QVERIFY(estimated.first().first().toBool());
    const QString text = page.estimateText();
    QVERIFY2(text.contains(QStringLiteral("micro")) && text.contains(QStringLiteral("per epoch")) &&
                 text.contains(QStringLiteral("3 steps")) && text.contains(QStringLiteral("no sample is cut")),
             qPrintable(text));
    // Nothing was trained by it.
    page.poll();
    QCOMPARE(page.runList()->topLevelItemCount(), 0);
    // A change of the controls marks it out of date.
    page.maxStepsBox()->setValue(4);
    QVERIFY2(page.estimateText().contains(QStringLiteral("changed")), qPrintable(page.estimateText()));

    // Start pressed while an estimate runs: the run starts once the estimate is done.
    QSignalSpy finished(&page, &TrainPage::trainingFinished);
    QVERIFY(page.estimate());
    QVERIFY(page.startTraining());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    const auto outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.step, 4);
}

void TestTrainPage::stopPausesAndResumeContinues() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    QVERIFY(!tp.insert(approvedTickets(40)).empty());
    TrainPage page;
    page.setProject(tp.project.get());
    page.maxStepsBox()->setValue(5000);

    QSignalSpy progress(&page, &TrainPage::trainingProgress);
    QSignalSpy finished(&page, &TrainPage::trainingFinished);
    QVERIFY(page.startTraining());
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 300000);
    page.stopButton()->click();
    QVERIFY(!page.stopButton()->isEnabled());  // once is enough
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    auto outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.status, QStringLiteral("paused"));
    QCOMPARE(outcome.stopReason, QStringLiteral("cancelled"));
    QVERIFY(outcome.step < 5000);
    const qint64 run = outcome.runId;
    const qint64 stoppedAt = outcome.step;
    QCOMPARE(runStatusInStore(tp, run), QStringLiteral("paused"));
    QTRY_COMPARE_WITH_TIMEOUT(page.runList()->topLevelItem(0)->text(1), QStringLiteral("Paused"), 10000);
    QVERIFY(page.resumeButton()->isEnabled());

    // Resume continues the same run past where it stopped; stop it again after a few steps.
    progress.clear();
    finished.clear();
    page.resumeButton()->click();
    QVERIFY(page.isTraining());
    QTRY_VERIFY_WITH_TIMEOUT(
        progress.count() >= 1 && progress.last().first().value<ui::TrainProgress>().step > stoppedAt, 300000);
    QCOMPARE(progress.last().first().value<ui::TrainProgress>().runId, run);
    page.stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.runId, run);
    QVERIFY(outcome.step > stoppedAt);
    QCOMPARE(page.runList()->topLevelItemCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(page.metrics().lastTrainStep(), outcome.step, 10000);
    page.setProject(nullptr);
}

// trust.md "disk full" in the workbench: the artifacts folder is a full tmpfs (mounted by the test;
// skipped where it cannot be), so the run's first checkpoint cannot be written. The page says the
// training stopped because the disk is full, the run is paused and Resume is offered; with the space
// back, Resume finishes the same run.
void TestTrainPage::fullDiskPausesAndResumeFinishes() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    QVERIFY(!tp.insert(approvedTickets(40)).empty());
    test::Tmpfs disk(tp.project->artifacts_dir(), 64 << 20);  // the tiny preset's checkpoints fit
    if (!disk.mounted()) QSKIP(disk.skip_reason().c_str());
    QVERIFY(disk.fill() > 0);
    TrainPage page;
    page.setProject(tp.project.get());
    page.presetBox()->setCurrentIndex(page.presetBox()->findData(QStringLiteral("tiny")));
    page.maxStepsBox()->setValue(4);
    QSignalSpy finished(&page, &TrainPage::trainingFinished);
    QSignalSpy messages(&page, &TrainPage::statusMessage);
    QVERIFY(page.startTraining());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    auto outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, QStringLiteral("paused"));
    QCOMPARE(outcome.stopReason, QStringLiteral("disk_full"));
    QVERIFY2(outcome.error.contains(QStringLiteral("the disk is full")), qPrintable(outcome.error));
    QVERIFY(messages.count() >= 1);
    const QString said = messages.last().first().toString();
    QVERIFY2(said.startsWith(QStringLiteral("Training stopped: the disk is full")), qPrintable(said));
    QCOMPARE(runStatusInStore(tp, 1), QStringLiteral("paused"));
    QTRY_VERIFY_WITH_TIMEOUT(page.resumeButton()->isEnabled(), 10000);

    disk.unfill();
    finished.clear();
    page.resumeButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
    outcome = finished.first().first().value<ui::TrainOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.status, QStringLiteral("completed"));
    QCOMPARE(outcome.runId, 1);
    QCOMPARE(outcome.step, 4);
    page.setProject(nullptr);
}

int runTrainPageTests(int argc, char **argv) {
    TestTrainPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_trainpage.moc"
