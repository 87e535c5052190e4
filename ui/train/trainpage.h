// The Train page: train the student and watch it learn.
//
// A run list (status, preset, steps, best validation loss, started, duration), live Qt Charts of
// training and validation loss against step (linear or log scale), learning rate and tokens per
// second, a summary strip (step N of M, epoch, losses, tokens/s, elapsed, time left), and Start /
// Stop / Resume with the run's parameters (preset, time and step budget, seed).
//
// The charts come from the store, not from the trainer's callbacks: a QTimer polls the
// training_runs and metrics tables through the GUI's own connection (every kLivePollMs while a run
// is live, kIdlePollMs otherwise), reading only rows newer than those it has (RunMetrics). So a run
// started here and one started by `smolify-cli train` in another process are charted the same way,
// and no step is lost to progress throttling. Every series is decimated to kMaxChartPoints
// (decimateMinMax), so 100,000 steps draw as fast as 1,000. Training itself runs on
// TrainController's worker thread; its progress (at most 10 a second) feeds the summary strip.
//
// Start and Resume are disabled, with the reason said on the page, while the project has no
// approved training samples.
//
// Who calls it: MainWindow (setProject), app/gui (screenshots), tests. GUI thread only; the Project
// passed to setProject() belongs to the GUI thread and outlives the page's use of it.
#pragma once

#include <QWidget>

#include <optional>
#include <vector>

#include "train/metricsreader.h"
#include "train/traincontroller.h"

class QAbstractAxis;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QSpinBox;
class QTimer;
class QTreeWidget;
class QChart;
class QChartView;
class QValueAxis;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class JobRunner;
class TrainController;

class TrainPage : public QWidget {
    Q_OBJECT

public:
    static constexpr int kLivePollMs = 500;
    static constexpr int kIdlePollMs = 2000;
    static constexpr int kMaxChartPoints = 2000;
    // Rows read per poll: a finished run of 100,000 steps loads in two polls, a live one in one.
    static constexpr int kRowsPerPoll = 60000;

    explicit TrainPage(QWidget *parent = nullptr);
    ~TrainPage() override;

    void setProject(store::Project *project);
    store::Project *project() const { return m_project; }

    // The run the charts show (0: none).
    qint64 shownRunId() const { return m_metrics.runId(); }
    const RunMetrics &metrics() const { return m_metrics; }
    const std::vector<TrainRunInfo> &runs() const { return m_runs; }
    // Shows `runId`; the page stops following the newest run unless `runId` is the newest.
    void showRun(qint64 runId);

    // Why Start is disabled, as the page says it; empty when training can start.
    QString blockedReason() const;
    // The summary strip as one line of plain text ("Step 120 of 2,000 · Epoch 1.2 · …").
    QString summaryText() const;
    bool isTraining() const;
    bool logScale() const { return m_logScale; }
    void setLogScale(bool on);

    QLineSeries *trainLossSeries() const { return m_trainLossSeries; }
    QLineSeries *valLossSeries() const { return m_valLossSeries; }
    QLineSeries *learningRateSeries() const { return m_lrSeries; }
    QLineSeries *tokensSeries() const { return m_tokensSeries; }
    QTreeWidget *runList() const { return m_runList; }
    QPushButton *startButton() const { return m_startButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *resumeButton() const { return m_resumeButton; }
    QComboBox *presetBox() const { return m_presetBox; }
    QSpinBox *maxMinutesBox() const { return m_maxMinutesBox; }
    QSpinBox *maxStepsBox() const { return m_maxStepsBox; }
    QSpinBox *seedBox() const { return m_seedBox; }

    // The parameters the controls hold, for `projectPath`.
    TrainRequest requestFromControls() const;

    // Before Start: the model, its size, the context and what it cuts or drops, the schedule and the
    // time per epoch measured on this machine for what the controls hold (train::plan_training, a few
    // seconds on a worker). Made when the page is shown and by Estimate; a change of the controls
    // marks it out of date. Start during an estimate starts once the estimate is done.
    QString estimateText() const;
    bool isEstimating() const;
    QPushButton *estimateButton() const { return m_estimateButton; }

public slots:
    // Reads new runs and metrics now (the timer calls it; tests may too).
    void poll();
    // Estimates the run the controls describe; false when blocked, training or already estimating.
    bool estimate();
    // Starts a run with the controls' parameters; false when blocked or a run is going.
    bool startTraining();
    // Resumes the shown run (cancelled, failed, paused or abandoned); false when it cannot.
    bool resumeShownRun();
    void stopTraining();

signals:
    void trainingStarted(qint64 runId);
    void trainingProgress(const smolify::ui::TrainProgress &progress);
    void trainingFinished(const smolify::ui::TrainOutcome &outcome);
    void statusMessage(const QString &message);
    void estimateFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Chart {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QValueAxis *x = nullptr;
        QAbstractAxis *y = nullptr;
    };

    QWidget *buildControls();
    QWidget *buildSummary();
    QWidget *buildCharts();
    Chart makeChart(const QString &title, const QString &yTitle);
    void attachLossAxis();
    void refreshCounts();
    void updateRunList();
    void updateCharts();
    void updateSummary();
    void updateControls();
    const TrainRunInfo *findRun(qint64 runId) const;
    bool runIsLive(const TrainRunInfo &run) const;
    bool runIsResumable(const TrainRunInfo &run) const;
    bool begin(const TrainRequest &request);
    void onProgress(const TrainProgress &progress);
    void onFinished(const TrainOutcome &outcome);
    QString estimateKey() const;  // what an estimate depends on: the project, preset, minutes, steps
    void markEstimateStale();

    store::Project *m_project = nullptr;
    TrainController *m_controller = nullptr;
    JobRunner *m_estimator = nullptr;  // owned; deleted in the destructor, before the widgets
    QString m_estimatedKey;            // estimateKey() of the shown estimate
    bool m_startAfterEstimate = false;
    QTimer *m_pollTimer = nullptr;

    std::vector<TrainRunInfo> m_runs;
    RunMetrics m_metrics;
    QString m_shownStatus;  // the shown run's status at the last poll, to notice a resume
    bool m_followLatest = true;
    bool m_updatingList = false;
    qint64 m_approvedTrain = 0;
    qint64 m_pendingTrain = 0;
    QString m_readError;
    std::optional<TrainProgress> m_progress;  // the latest from our own run
    qint64 m_ownRunId = 0;
    bool m_stopping = false;
    bool m_logScale = false;

    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_presetBox = nullptr;
    QSpinBox *m_maxMinutesBox = nullptr;
    QSpinBox *m_maxStepsBox = nullptr;
    QSpinBox *m_seedBox = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_estimateButton = nullptr;
    QLabel *m_estimateLabel = nullptr;
    QLabel *m_runStateLabel = nullptr;
    QList<QLabel *> m_summaryValues;  // step, epoch, loss, val loss, tokens/s, elapsed, time left
    QList<QLabel *> m_summaryCaptions;
    QTreeWidget *m_runList = nullptr;
    QCheckBox *m_logBox = nullptr;
    QLabel *m_emptyLabel = nullptr;

    Chart m_lossChart, m_lrChart, m_tokensChart;
    QValueAxis *m_lossLinearAxis = nullptr;
    QAbstractAxis *m_lossLogAxis = nullptr;
    QLineSeries *m_trainLossSeries = nullptr;
    QLineSeries *m_valLossSeries = nullptr;
    QLineSeries *m_lrSeries = nullptr;
    QLineSeries *m_tokensSeries = nullptr;
};

}  // namespace smolify::ui
