#include "train/trainpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/jobrunner.h"
#include "common/labels.h"
#include "common/qtstring.h"
#include "store/project.h"
#include "train/decimate.h"
#include "train/traincontroller.h"
#include "train/trainer.h"

namespace smolify::ui {

namespace {

// A run marked running whose last metric is older than this is taken to be abandoned (its process
// was killed or the machine went down), so it may be resumed.
constexpr qint64 kAbandonedAfterSeconds = 300;

enum RunColumn {
    RunIdColumn,
    RunStatusColumn,
    RunPresetColumn,
    RunStepsColumn,
    RunBestColumn,
    RunStartedColumn,
    RunDurationColumn,
    RunColumnCount
};
enum SummaryField {
    StepField,
    EpochField,
    LossField,
    ValLossField,
    TokensField,
    ElapsedField,
    LeftField,
    SummaryFieldCount
};

QString dash() {
    return QStringLiteral("—");
}

QString formatLoss(double loss) {
    return QLocale().toString(loss, 'f', 4);
}

// 75 s -> "1:15", 3725 s -> "1:02:05".
QString formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return dash();
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(const QList<QPointF> &points, bool positiveOnly) {
        for (const QPointF &p : points) {
            if (positiveOnly && p.y() <= 0) continue;
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    bool valid() const { return lo <= hi; }
};

QString runStatusLabel(const QString &status) {
    if (status == QLatin1String("created")) return TrainPage::tr("Starting");
    if (status == QLatin1String("running")) return TrainPage::tr("Running");
    if (status == QLatin1String("paused")) return TrainPage::tr("Paused");
    if (status == QLatin1String("completed")) return TrainPage::tr("Completed");
    if (status == QLatin1String("failed")) return TrainPage::tr("Failed");
    if (status == QLatin1String("cancelled")) return TrainPage::tr("Stopped");
    return status;
}

}  // namespace

TrainPage::TrainPage(QWidget *parent)
    : QWidget(parent), m_estimator(new JobRunner(QStringLiteral("smolify-train-estimate"))) {
    setObjectName(QStringLiteral("trainPage"));
    m_controller = new TrainController(this);
    connect(m_controller, &TrainController::started, this, [this](qint64 runId) {
        m_ownRunId = runId;
        if (m_followLatest) showRun(runId);
        emit trainingStarted(runId);
        poll();
    });
    connect(m_controller, &TrainController::progressChanged, this, &TrainPage::onProgress);
    connect(m_controller, &TrainController::finished, this, &TrainPage::onFinished);

    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &TrainPage::poll);

    auto *title = new QLabel(tr("Training"), this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setWeight(QFont::DemiBold);
    title->setFont(font);

    m_reasonLabel = new QLabel(this);
    m_reasonLabel->setObjectName(QStringLiteral("trainBlockedReason"));
    m_reasonLabel->setWordWrap(true);
    m_reasonLabel->setTextFormat(Qt::PlainText);
    m_reasonLabel->setForegroundRole(QPalette::PlaceholderText);

    m_runList = new QTreeWidget(this);
    m_runList->setObjectName(QStringLiteral("trainRunList"));
    m_runList->setRootIsDecorated(false);
    m_runList->setUniformRowHeights(true);
    m_runList->setAlternatingRowColors(true);
    m_runList->setHeaderLabels({tr("Run"), tr("Status"), tr("Preset"), tr("Steps"), tr("Best val loss"),
                                tr("Started"), tr("Duration")});
    m_runList->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_runList, &QTreeWidget::itemSelectionChanged, this, [this] {
        if (m_updatingList) return;
        const QList<QTreeWidgetItem *> selected = m_runList->selectedItems();
        if (selected.isEmpty()) return;
        showRun(selected.first()->data(RunIdColumn, Qt::UserRole).toLongLong());
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(buildCharts());
    splitter->addWidget(m_runList);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(buildControls());
    m_estimateLabel = new QLabel(this);
    m_estimateLabel->setObjectName(QStringLiteral("trainEstimate"));
    m_estimateLabel->setWordWrap(true);
    m_estimateLabel->setTextFormat(Qt::PlainText);
    m_estimateLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_estimateLabel);
    connect(m_presetBox, &QComboBox::currentIndexChanged, this, &TrainPage::markEstimateStale);
    connect(m_maxMinutesBox, &QSpinBox::valueChanged, this, &TrainPage::markEstimateStale);
    connect(m_maxStepsBox, &QSpinBox::valueChanged, this, &TrainPage::markEstimateStale);
    layout->addWidget(buildSummary());
    layout->addWidget(splitter, 1);

    updateCharts();
    updateSummary();
    updateControls();
}

TrainPage::~TrainPage() { delete m_estimator; }

QWidget *TrainPage::buildControls() {
    auto *box = new QWidget(this);
    m_presetBox = new QComboBox(box);
    m_presetBox->setObjectName(QStringLiteral("trainPreset"));
    // Sized to a fixed number of characters, not to its longest item, so a longer translation of the
    // preset descriptions does not push the Start button off a 1,440-pixel window.
    m_presetBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presetBox->setMinimumContentsLength(34);
    m_presetBox->addItem(tr("Automatic — the best model the time limit allows"), QStringLiteral("auto"));
    m_presetBox->addItem(tr("Micro — seconds, for a first look"), QStringLiteral("micro"));
    m_presetBox->addItem(tr("Tiny — minutes, for trying things out"), QStringLiteral("tiny"));
    m_presetBox->addItem(tr("Small — a good first model"), QStringLiteral("small"));
    m_presetBox->addItem(tr("Base — best quality, takes hours"), QStringLiteral("base"));

    m_maxMinutesBox = new QSpinBox(box);
    m_maxMinutesBox->setObjectName(QStringLiteral("trainMaxMinutes"));
    m_maxMinutesBox->setRange(0, 7 * 24 * 60);
    m_maxMinutesBox->setSpecialValueText(tr("No limit"));
    m_maxMinutesBox->setSuffix(tr(" min"));
    m_maxMinutesBox->setValue(10);
    m_maxMinutesBox->setToolTip(
        tr("The time to train. With the automatic model the size of the model and "
           "its schedule are fitted to it on this computer; otherwise the run "
           "stops there and Resume continues it."));

    m_maxStepsBox = new QSpinBox(box);
    m_maxStepsBox->setObjectName(QStringLiteral("trainMaxSteps"));
    m_maxStepsBox->setRange(0, 10'000'000);
    m_maxStepsBox->setSpecialValueText(tr("No limit"));
    m_maxStepsBox->setToolTip(tr("Without a step limit the run ends after %1 epochs, or earlier when the "
                                 "validation loss stops improving.")
                                  .arg(train::TrainParams{}.max_epochs));
    m_maxStepsBox->setGroupSeparatorShown(true);

    m_seedBox = new QSpinBox(box);
    m_seedBox->setObjectName(QStringLiteral("trainSeed"));
    m_seedBox->setRange(0, std::numeric_limits<int>::max());
    m_seedBox->setToolTip(tr("The same seed, samples and settings train the same model again."));

    m_startButton = new QPushButton(tr("Start Training"), box);
    m_startButton->setObjectName(QStringLiteral("trainStart"));
    m_stopButton = new QPushButton(tr("Stop"), box);
    m_stopButton->setObjectName(QStringLiteral("trainStop"));
    m_stopButton->setToolTip(tr("Stops after the current step; the run can be resumed later."));
    m_estimateButton = new QPushButton(tr("Estimate"), box);
    m_estimateButton->setObjectName(QStringLiteral("trainEstimateButton"));
    m_estimateButton->setToolTip(tr("Plans the run on this corpus and measures this machine's pace, without "
                                    "training: the model, the context, what it cuts, the time per epoch."));
    connect(m_estimateButton, &QPushButton::clicked, this, &TrainPage::estimate);
    m_resumeButton = new QPushButton(tr("Resume"), box);
    m_resumeButton->setObjectName(QStringLiteral("trainResume"));
    m_resumeButton->setToolTip(tr("Continues the selected run from its last checkpoint."));
    connect(m_startButton, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(m_stopButton, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(m_resumeButton, &QPushButton::clicked, this, &TrainPage::resumeShownRun);

    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    const auto addField = [&](const QString &caption, QWidget *field) {
        auto *label = new QLabel(caption, box);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
        row->addSpacing(8);
    };
    addField(tr("&Preset:"), m_presetBox);
    addField(tr("Max &time:"), m_maxMinutesBox);
    addField(tr("Max st&eps:"), m_maxStepsBox);
    addField(tr("S&eed:"), m_seedBox);
    row->addStretch(1);
    row->addWidget(m_estimateButton);
    row->addWidget(m_startButton);
    row->addWidget(m_stopButton);
    row->addWidget(m_resumeButton);
    return box;
}

QWidget *TrainPage::buildSummary() {
    auto *strip = new QFrame(this);
    strip->setObjectName(QStringLiteral("trainSummary"));
    strip->setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(strip);
    grid->setContentsMargins(10, 6, 10, 6);
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(0);
    const QStringList captions = {tr("Step"),     tr("Epoch"),   tr("Loss"),     tr("Val loss"),
                                  tr("Tokens/s"), tr("Elapsed"), tr("Time left")};
    for (int i = 0; i < captions.size(); ++i) {
        auto *caption = new QLabel(captions[i], strip);
        caption->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel(dash(), strip);
        value->setObjectName(QStringLiteral("trainSummary%1").arg(i));
        QFont font = value->font();
        font.setPointSizeF(font.pointSizeF() * 1.15);
        font.setWeight(QFont::DemiBold);
        value->setFont(font);
        grid->addWidget(caption, 0, i);
        grid->addWidget(value, 1, i);
        m_summaryCaptions << caption;
        m_summaryValues << value;
    }
    m_runStateLabel = new QLabel(strip);
    m_runStateLabel->setObjectName(QStringLiteral("trainRunState"));
    m_runStateLabel->setWordWrap(true);
    m_runStateLabel->setTextFormat(Qt::PlainText);
    grid->addWidget(m_runStateLabel, 0, static_cast<int>(captions.size()), 2, 1);
    grid->setColumnStretch(static_cast<int>(captions.size()), 1);
    return strip;
}

TrainPage::Chart TrainPage::makeChart(const QString &title, const QString &yTitle) {
    Chart c;
    c.chart = new QChart;
    c.chart->setTitle(title);
    c.chart->legend()->setVisible(false);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.chart->setBackgroundRoundness(0);
    c.x = new QValueAxis(c.chart);
    c.x->setTitleText(tr("Step"));
    c.x->setLabelFormat(QStringLiteral("%d"));
    c.chart->addAxis(c.x, Qt::AlignBottom);
    auto *y = new QValueAxis(c.chart);
    y->setTitleText(yTitle);
    c.chart->addAxis(y, Qt::AlignLeft);
    c.y = y;
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumHeight(160);
    return c;
}

QWidget *TrainPage::buildCharts() {
    auto *box = new QWidget(this);
    m_lossChart = makeChart(tr("Loss"), tr("Loss"));
    m_lossChart.view->setObjectName(QStringLiteral("trainLossChart"));
    m_lossChart.chart->legend()->setVisible(true);
    m_lossChart.chart->legend()->setAlignment(Qt::AlignTop);
    m_lossLinearAxis = static_cast<QValueAxis *>(m_lossChart.y);
    m_lossLinearAxis->setLabelFormat(QStringLiteral("%.2f"));
    auto *logAxis = new QLogValueAxis(this);  // the page owns it while it is not on the chart
    logAxis->setBase(10);
    logAxis->setMinorTickCount(8);
    logAxis->setLabelFormat(QStringLiteral("%.2g"));
    logAxis->setTitleText(tr("Loss (log scale)"));
    m_lossLogAxis = logAxis;

    m_trainLossSeries = new QLineSeries(m_lossChart.chart);
    m_trainLossSeries->setName(tr("Training"));
    m_valLossSeries = new QLineSeries(m_lossChart.chart);
    m_valLossSeries->setName(tr("Validation"));
    m_valLossSeries->setPointsVisible(true);
    for (QLineSeries *s : {m_trainLossSeries, m_valLossSeries}) {
        m_lossChart.chart->addSeries(s);
        s->attachAxis(m_lossChart.x);
        s->attachAxis(m_lossChart.y);
    }
    // Validation drawn thicker and in a contrasting colour: it is the curve that decides.
    QPen valPen(QColor(0xd9, 0x5f, 0x02));
    valPen.setWidthF(2.5);
    m_valLossSeries->setPen(valPen);
    QPen trainPen(QColor(0x1b, 0x6a, 0xc9));
    trainPen.setWidthF(1.2);
    m_trainLossSeries->setPen(trainPen);

    m_lrChart = makeChart(tr("Learning rate"), tr("Learning rate"));
    m_lrChart.view->setObjectName(QStringLiteral("trainLearningRateChart"));
    static_cast<QValueAxis *>(m_lrChart.y)->setLabelFormat(QStringLiteral("%.1e"));
    m_lrSeries = new QLineSeries(m_lrChart.chart);
    m_lrChart.chart->addSeries(m_lrSeries);
    m_lrSeries->attachAxis(m_lrChart.x);
    m_lrSeries->attachAxis(m_lrChart.y);
    m_lrSeries->setPen(QPen(QColor(0x75, 0x70, 0xb3), 1.5));

    m_tokensChart = makeChart(tr("Throughput"), tr("Tokens/s"));
    m_tokensChart.view->setObjectName(QStringLiteral("trainTokensChart"));
    static_cast<QValueAxis *>(m_tokensChart.y)->setLabelFormat(QStringLiteral("%d"));
    m_tokensSeries = new QLineSeries(m_tokensChart.chart);
    m_tokensChart.chart->addSeries(m_tokensSeries);
    m_tokensSeries->attachAxis(m_tokensChart.x);
    m_tokensSeries->attachAxis(m_tokensChart.y);
    m_tokensSeries->setPen(QPen(QColor(0x1b, 0x9e, 0x77), 1.5));

    m_logBox = new QCheckBox(tr("&Log scale"), box);
    m_logBox->setObjectName(QStringLiteral("trainLogScale"));
    m_logBox->setToolTip(tr("Show loss on a logarithmic axis, so late small improvements stay visible."));
    connect(m_logBox, &QCheckBox::toggled, this, &TrainPage::setLogScale);

    m_emptyLabel = new QLabel(box);
    m_emptyLabel->setObjectName(QStringLiteral("trainChartsEmpty"));
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setTextFormat(Qt::PlainText);

    auto *header = new QHBoxLayout;
    header->addWidget(m_emptyLabel, 1);
    header->addWidget(m_logBox);
    auto *lower = new QHBoxLayout;
    lower->addWidget(m_lrChart.view);
    lower->addWidget(m_tokensChart.view);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_lossChart.view, 3);
    layout->addLayout(lower, 2);
    return box;
}

void TrainPage::setProject(store::Project *project) {
    if (m_project == project) return;
    // A run keeps going on its own connection, but it belongs to the project being closed: stop it
    // (it stays resumable) rather than train a project the window no longer shows.
    if (isTraining()) stopTraining();
    m_project = project;
    m_runs.clear();
    m_metrics.clear();
    m_shownStatus.clear();
    m_followLatest = true;
    m_progress.reset();
    m_approvedTrain = m_pendingTrain = 0;
    m_readError.clear();
    m_pollTimer->stop();
    if (m_project) {
        refreshCounts();
        poll();
    } else {
        updateRunList();
        updateCharts();
        updateSummary();
        updateControls();
    }
}

void TrainPage::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    // The Data page may have approved samples since the last look.
    if (m_project) {
        refreshCounts();
        updateControls();
        if (m_estimatedKey != estimateKey() && !isTraining()) estimate();
    }
}

QString TrainPage::estimateKey() const {
    if (!m_project) return {};
    const TrainRequest r = requestFromControls();
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(r.projectPath, r.preset)
        .arg(r.maxMinutes)
        .arg(r.maxSteps)
        .arg(m_approvedTrain);
}

QString TrainPage::estimateText() const { return m_estimateLabel->text(); }

bool TrainPage::isEstimating() const { return m_estimator->isRunning(); }

void TrainPage::markEstimateStale() {
    if (m_estimatedKey.isEmpty() || isEstimating() || m_estimatedKey == estimateKey()) return;
    m_estimateLabel->setText(tr("The settings changed: press Estimate for this run's time and size."));
}

bool TrainPage::estimate() {
    if (!m_project || !blockedReason().isEmpty() || isTraining() || isEstimating()) return false;
    const TrainRequest request = requestFromControls();
    const QString key = estimateKey();
    ProjectJob<job::Progress, train::TrainPlan> job;
    job.project = m_project->path();
    job.work = [params = trainParamsFor(request)](store::Project &project,
                                                  const job::Hooks<job::Progress> &) {
        return train::plan_training(project, params);
    };
    job.done = [this, key](Result<train::TrainPlan> &plan) {
        m_estimatedKey = key;
        if (!plan) {
            m_estimateLabel->setText(tr("No estimate: %1").arg(toQString(plan.error().message)));
        } else {
            const train::TrainPlan &p = *plan;
            const double total = p.seconds_per_epoch * p.epochs;
            QString text =
                tr("Estimate: %1 weights (%2), about %3 per epoch at %4 tokens/s measured here; %5 steps "
                   "(%6 epochs), about %7 of training.")
                    .arg(Labels::count(p.parameters), toQString(p.model), formatDuration(p.seconds_per_epoch),
                         Labels::count(static_cast<qint64>(std::lround(p.measured_tokens_per_s))),
                         Labels::count(p.total_steps), QString::number(p.epochs, 'f', 1),
                         formatDuration(total));
            text += QLatin1Char(' ');
            const qint64 cut = p.truncated + p.input_cut;
            text += p.dropped == 0 && cut == 0
                        ? tr("Context %1 tokens: no sample is cut or dropped.").arg(p.seq_len)
                        : tr("Context %1 tokens: %2 samples cut, %3 dropped (too long for the context).")
                              .arg(p.seq_len)
                              .arg(Labels::count(cut), Labels::count(p.dropped));
            m_estimateLabel->setText(text);
        }
        updateControls();
        emit estimateFinished(bool(plan));
        if (m_startAfterEstimate) {
            m_startAfterEstimate = false;
            startTraining();
        }
    };
    if (!m_estimator->run(std::move(job))) return false;
    m_estimateLabel->setText(tr("Estimating: planning the run and measuring this machine's pace…"));
    updateControls();
    return true;
}

void TrainPage::refreshCounts() {
    if (!m_project) return;
    auto counts = m_project->counts();
    if (!counts) return;
    const auto approved = static_cast<int>(store::SampleStatus::approved);
    const auto pending = static_cast<int>(store::SampleStatus::pending);
    const auto train = static_cast<int>(store::Split::train);
    m_approvedTrain = counts->by_status_split[approved][train];
    m_pendingTrain = counts->by_status_split[pending][train];
}

const TrainRunInfo *TrainPage::findRun(qint64 runId) const {
    for (const TrainRunInfo &run : m_runs)
        if (run.id == runId) return &run;
    return nullptr;
}

bool TrainPage::isTraining() const {
    return m_controller->isRunning();
}

bool TrainPage::runIsLive(const TrainRunInfo &run) const {
    if (isTraining() && run.id == m_ownRunId) return true;
    if (run.status != QLatin1String("running")) return false;
    // The wall time of the newest metric is about the start plus its elapsed seconds.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    double elapsed = 0;
    if (run.id == m_metrics.runId() && m_metrics.latestTrain() && m_metrics.latestTrain()->elapsedSeconds)
        elapsed = *m_metrics.latestTrain()->elapsedSeconds;
    const qint64 lastSign = run.startedAt.value_or(run.createdAt) + static_cast<qint64>(elapsed);
    return now - lastSign < kAbandonedAfterSeconds;
}

bool TrainPage::runIsResumable(const TrainRunInfo &run) const {
    if (isTraining()) return false;
    if (run.status == QLatin1String("cancelled") || run.status == QLatin1String("failed") ||
        run.status == QLatin1String("paused"))
        return true;
    return run.status == QLatin1String("running") && !runIsLive(run);
}

void TrainPage::showRun(qint64 runId) {
    const bool isNewest = !m_runs.empty() && m_runs.front().id == runId;
    m_followLatest = isNewest || runId == 0;
    if (runId == m_metrics.runId()) return;
    m_metrics.clear(runId);
    m_shownStatus.clear();
    if (!m_project) return;
    QString error;
    const int arrived = m_metrics.update(*m_project, kRowsPerPoll, &error);
    if (arrived < 0) m_readError = error;
    const TrainRunInfo *run = findRun(runId);
    m_shownStatus = run ? run->status : QString();
    updateRunList();
    updateCharts();
    updateSummary();
    updateControls();
    if (arrived == kRowsPerPoll) m_pollTimer->start(0);  // the rest on the next turn of the loop
}

void TrainPage::poll() {
    if (!m_project) return;
    QString error;
    std::vector<TrainRunInfo> runs;
    if (!MetricsReader::readRuns(*m_project, &runs, &error)) {
        m_readError = error;
        updateControls();
        m_pollTimer->start(kIdlePollMs);
        return;
    }
    m_readError.clear();
    m_runs = std::move(runs);

    qint64 wanted = m_metrics.runId();
    if ((m_followLatest || !findRun(wanted)) && !m_runs.empty()) wanted = m_runs.front().id;
    if (m_runs.empty()) wanted = 0;
    const TrainRunInfo *shown = findRun(wanted);
    bool chartsChanged = false;
    if (wanted != m_metrics.runId()) {
        m_metrics.clear(wanted);
        chartsChanged = true;
    } else if (shown && shown->status == QLatin1String("running") && !m_shownStatus.isEmpty() &&
               m_shownStatus != QLatin1String("running")) {
        // Resumed: the trainer goes on from its checkpoint and may record again the steps after it.
        m_metrics.clear(wanted);
        chartsChanged = true;
    }
    m_shownStatus = shown ? shown->status : QString();

    const int arrived = m_metrics.update(*m_project, kRowsPerPoll, &error);
    if (arrived < 0) m_readError = error;
    if (arrived > 0) chartsChanged = true;

    bool live = isTraining();
    for (const TrainRunInfo &run : m_runs)
        live = live || runIsLive(run);
    if (!live) refreshCounts();  // cheap enough at the idle rate; while training nothing is reviewed

    updateRunList();
    if (chartsChanged) updateCharts();
    updateSummary();
    updateControls();
    m_pollTimer->start(arrived == kRowsPerPoll ? 0 : live ? kLivePollMs : kIdlePollMs);
}

void TrainPage::updateRunList() {
    m_updatingList = true;
    // Rebuilt only when runs come or go, so the selection and scroll position hold still otherwise.
    bool sameRuns = m_runList->topLevelItemCount() == static_cast<int>(m_runs.size());
    for (int i = 0; sameRuns && i < m_runList->topLevelItemCount(); ++i)
        sameRuns = m_runList->topLevelItem(i)->data(RunIdColumn, Qt::UserRole).toLongLong() == m_runs[i].id;
    if (!sameRuns) {
        m_runList->clear();
        for (const TrainRunInfo &run : m_runs) {
            auto *item = new QTreeWidgetItem(m_runList);
            item->setData(RunIdColumn, Qt::UserRole, run.id);
            item->setTextAlignment(RunStepsColumn, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(RunBestColumn, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < m_runList->topLevelItemCount(); ++i) {
        const TrainRunInfo &run = m_runs[static_cast<std::size_t>(i)];
        QTreeWidgetItem *item = m_runList->topLevelItem(i);
        item->setText(RunIdColumn, QStringLiteral("#%1").arg(run.id));
        QString status = runStatusLabel(run.status);
        if (run.status == QLatin1String("running") && !runIsLive(run)) status = tr("Abandoned");
        item->setText(RunStatusColumn, status);
        item->setToolTip(RunStatusColumn, run.message);
        QString preset = run.preset.isEmpty() ? dash() : run.preset;
        if (run.parameters > 0)
            preset = tr("%1 · %2M weights")
                         .arg(preset, QLocale().toString(static_cast<double>(run.parameters) / 1e6, 'f', 1));
        item->setText(RunPresetColumn, preset);
        item->setToolTip(RunPresetColumn, run.configJson);
        const qint64 step = std::max(run.step, run.id == m_metrics.runId() ? m_metrics.lastTrainStep() : 0);
        item->setText(RunStepsColumn,
                      run.totalSteps > 0
                          ? tr("%1 of %2").arg(Labels::count(step), Labels::count(run.totalSteps))
                          : Labels::count(step));
        item->setText(RunBestColumn, run.bestValLoss ? formatLoss(*run.bestValLoss) : dash());
        item->setText(RunStartedColumn, run.startedAt ? Labels::compactDateTime(*run.startedAt) : dash());
        item->setToolTip(RunStartedColumn, Labels::dateTime(run.startedAt));
        QString duration = dash();
        if (run.startedAt && run.finishedAt)
            duration = formatDuration(static_cast<double>(*run.finishedAt - *run.startedAt));
        else if (run.startedAt && runIsLive(run))
            duration = formatDuration(static_cast<double>(now - *run.startedAt));
        item->setText(RunDurationColumn, duration);
        item->setSelected(run.id == m_metrics.runId());
    }
    m_updatingList = false;
}

void TrainPage::setLogScale(bool on) {
    if (m_logScale == on) return;
    m_logScale = on;
    if (m_logBox->isChecked() != on) m_logBox->setChecked(on);
    QAbstractAxis *from = on ? static_cast<QAbstractAxis *>(m_lossLinearAxis) : m_lossLogAxis;
    QAbstractAxis *to = on ? m_lossLogAxis : static_cast<QAbstractAxis *>(m_lossLinearAxis);
    for (QLineSeries *s : {m_trainLossSeries, m_valLossSeries})
        s->detachAxis(from);
    m_lossChart.chart->removeAxis(from);
    from->setParent(this);  // removeAxis gives it back; keep it for the next switch
    m_lossChart.chart->addAxis(to, Qt::AlignLeft);
    for (QLineSeries *s : {m_trainLossSeries, m_valLossSeries})
        s->attachAxis(to);
    m_lossChart.y = to;
    updateCharts();
}

void TrainPage::updateCharts() {
    const QList<QPointF> train = decimateMinMax(m_metrics.trainLoss(), kMaxChartPoints);
    const QList<QPointF> val = decimateMinMax(m_metrics.valLoss(), kMaxChartPoints);
    const QList<QPointF> lr = decimateMinMax(m_metrics.learningRate(), kMaxChartPoints);
    const QList<QPointF> tokens = decimateMinMax(m_metrics.tokensPerSecond(), kMaxChartPoints);
    m_trainLossSeries->replace(train);
    m_valLossSeries->replace(val);
    m_lrSeries->replace(lr);
    m_tokensSeries->replace(tokens);

    const qint64 lastStep = std::max<qint64>({m_metrics.lastTrainStep(), m_metrics.lastValStep(), 1});
    const TrainRunInfo *run = findRun(m_metrics.runId());
    // While a run is live the x axis spans its whole budget, so the curve grows into the chart.
    qint64 xMax = lastStep;
    if (run && run->totalSteps > lastStep && runIsLive(*run)) xMax = run->totalSteps;
    for (const Chart *c : {&m_lossChart, &m_lrChart, &m_tokensChart})
        c->x->setRange(0, static_cast<double>(xMax));

    Range loss;
    loss.add(train, m_logScale);
    loss.add(val, m_logScale);
    if (!loss.valid()) {
        loss.lo = m_logScale ? 0.1 : 0;
        loss.hi = m_logScale ? 10 : 1;
    }
    if (m_logScale) {
        m_lossLogAxis->setRange(loss.lo * 0.9, loss.hi * 1.1);
    } else {
        const double pad = std::max((loss.hi - loss.lo) * 0.05, 1e-3);
        m_lossLinearAxis->setRange(std::max(0.0, loss.lo - pad), loss.hi + pad);
    }
    Range lrRange;
    lrRange.add(lr, false);
    static_cast<QValueAxis *>(m_lrChart.y)
        ->setRange(0, lrRange.valid() && lrRange.hi > 0 ? lrRange.hi * 1.05 : 1e-3);
    Range tokRange;
    tokRange.add(tokens, false);
    static_cast<QValueAxis *>(m_tokensChart.y)
        ->setRange(0, tokRange.valid() && tokRange.hi > 0 ? tokRange.hi * 1.1 : 100);

    if (!m_project)
        m_emptyLabel->setText(QString());
    else if (m_runs.empty())
        m_emptyLabel->setText(
            tr("No training runs yet. Start one here or with smolify-cli train; it is charted "
               "here as it learns."));
    else if (m_metrics.trainLoss().isEmpty())
        m_emptyLabel->setText(tr("Run #%1 has not recorded a step yet.").arg(m_metrics.runId()));
    else
        m_emptyLabel->setText(tr("Run #%1").arg(m_metrics.runId()));
}

void TrainPage::updateSummary() {
    QStringList values(SummaryFieldCount, dash());
    const TrainRunInfo *run = findRun(m_metrics.runId());
    const std::optional<MetricRow> &latest = m_metrics.latestTrain();
    const bool ownProgress = m_progress && m_progress->runId == m_metrics.runId() && m_metrics.runId() != 0;

    qint64 step = latest ? latest->step : 0;
    qint64 total = run ? run->totalSteps : 0;
    double elapsed = latest && latest->elapsedSeconds ? *latest->elapsedSeconds : -1;
    if (ownProgress) {
        step = std::max(step, m_progress->step);
        if (m_progress->totalSteps > 0) total = m_progress->totalSteps;
        elapsed = std::max(elapsed, m_progress->elapsedSeconds);
        values[EpochField] = QLocale().toString(m_progress->epoch, 'f', 2);
    }
    if (run || ownProgress)
        values[StepField] =
            total > 0 ? tr("%1 of %2").arg(Labels::count(step), Labels::count(total)) : Labels::count(step);
    if (latest) values[LossField] = formatLoss(latest->loss);
    if (m_metrics.latestVal()) values[ValLossField] = formatLoss(m_metrics.latestVal()->loss);
    if (latest && latest->tokensPerSecond)
        values[TokensField] = Labels::count(static_cast<int64_t>(std::llround(*latest->tokensPerSecond)));
    if (elapsed >= 0) values[ElapsedField] = formatDuration(elapsed);

    if (run && runIsLive(*run)) {
        double left = -1;
        if (ownProgress && m_progress->secondsLeft > 0) {
            left = m_progress->secondsLeft;
        } else if (total > step && step > 0 && elapsed > 0) {
            left = elapsed / static_cast<double>(step) * static_cast<double>(total - step);
            if (run->maxMinutes > 0) left = std::min(left, std::max(0.0, run->maxMinutes * 60 - elapsed));
        }
        if (left >= 0) values[LeftField] = formatDuration(left);
    }
    for (int i = 0; i < SummaryFieldCount; ++i)
        m_summaryValues[i]->setText(values[i]);

    QString state;
    if (run) {
        if (run->status == QLatin1String("running") && !runIsLive(*run))
            state = tr("Run #%1 stopped reporting; the program that ran it has probably ended. Resume "
                       "continues it from its last checkpoint.")
                        .arg(run->id);
        else if (m_stopping && isTraining())
            state = tr("Stopping after the current step…");
        else if (run->status == QLatin1String("paused"))
            state = tr("Paused at step %1. Resume continues it from its last checkpoint.")
                        .arg(Labels::count(run->step));
        else if (!run->message.isEmpty())
            state = tr("%1: %2").arg(runStatusLabel(run->status), run->message);
        else
            state = runStatusLabel(run->status);
    }
    if (run && (!run->planModel.isEmpty() || !run->planData.isEmpty())) {
        // What the trainer decided before the first step: the model and the context, with what
        // the context cuts or drops (core/train's own sentences).
        QStringList plan;
        if (!run->planModel.isEmpty()) plan << tr("Model: %1").arg(run->planModel);
        if (!run->planData.isEmpty()) plan << tr("Data: %1").arg(run->planData);
        if (run->planInputDropout >= 0) {
            const QLocale loc;
            plan << tr("Recipe: input loss weight %1, input dropout %2, dropout %3; best checkpoint by %4")
                        .arg(loc.toString(std::max(0.0, run->planInputWeight), 'g', 3),
                             loc.toString(run->planInputDropout, 'g', 3),
                             loc.toString(std::max(0.0, run->planDropout), 'g', 3), run->planSelect);
        }
        if (run->planLabelDistill > 0 && run->planDistillAccuracy >= 0) {
            const QLocale loc;
            plan << tr("Labels: distilled at weight %1 from an n-gram classifier (%2% right on samples it did "
                       "not see)")
                        .arg(loc.toString(run->planLabelDistill, 'g', 3),
                             loc.toString(run->planDistillAccuracy * 100, 'f', 1));
        }
        state += (state.isEmpty() ? QString() : QStringLiteral("\n")) + plan.join(QLatin1Char('\n'));
    }
    if (ownProgress && m_progress->valAccuracy)
        state += tr("\nLabel accuracy on the validation slice: %1%")
                     .arg(QLocale().toString(*m_progress->valAccuracy * 100, 'f', 1));
    if (ownProgress && m_progress->valScore)
        state += tr("\nScore of greedy answers on the validation slice: %1")
                     .arg(QLocale().toString(*m_progress->valScore, 'f', 3));
    if (!m_readError.isEmpty()) state = tr("Cannot read the training runs: %1").arg(m_readError);
    m_runStateLabel->setText(state);
}

QString TrainPage::summaryText() const {
    QStringList parts;
    for (int i = 0; i < m_summaryValues.size(); ++i)
        parts << QStringLiteral("%1 %2").arg(m_summaryCaptions[i]->text(), m_summaryValues[i]->text());
    return parts.join(QStringLiteral(" · "));
}

QString TrainPage::blockedReason() const {
    if (!m_project) return tr("Open a project to train a model.");
    const qint64 needed = train::TrainParams{}.min_samples;
    if (m_approvedTrain == 0) {
        if (m_pendingTrain > 0)
            return tr("Nothing to train on yet: none of the %1 training samples is approved. Review them on "
                      "the Data page; the student learns only from approved samples.")
                .arg(Labels::count(m_pendingTrain));
        return tr(
            "Nothing to train on yet: the project has no approved training samples. Import or "
            "generate samples and approve them on the Data page.");
    }
    if (m_approvedTrain < needed)
        return tr("Not enough to train on yet: %1 approved training samples, and the student needs at least "
                  "%2. Approve more on the Data page.")
            .arg(Labels::count(m_approvedTrain), Labels::count(needed));
    return {};
}

void TrainPage::updateControls() {
    const QString reason = blockedReason();
    const bool training = isTraining();
    m_reasonLabel->setText(reason);
    m_reasonLabel->setVisible(!reason.isEmpty());
    const bool canStart = reason.isEmpty() && !training;
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_presetBox, m_maxMinutesBox, m_maxStepsBox, m_seedBox})
        w->setEnabled(!training);
    m_startButton->setEnabled(canStart);
    m_estimateButton->setEnabled(canStart && !isEstimating());
    m_stopButton->setEnabled(training && !m_stopping);
    const TrainRunInfo *shown = findRun(m_metrics.runId());
    m_resumeButton->setEnabled(canStart && shown && runIsResumable(*shown));
}

TrainRequest TrainPage::requestFromControls() const {
    TrainRequest request;
    if (m_project) request.projectPath = fromPath(m_project->path());
    request.preset = m_presetBox->currentData().toString();
    request.maxMinutes = m_maxMinutesBox->value();
    request.maxSteps = m_maxStepsBox->value();
    request.seed = m_seedBox->value();
    return request;
}

bool TrainPage::begin(const TrainRequest &request) {
    if (!blockedReason().isEmpty() || isTraining()) return false;
    if (!m_controller->start(request)) return false;
    m_stopping = false;
    m_progress.reset();
    m_ownRunId = request.resumeRunId;
    updateControls();
    updateSummary();
    emit statusMessage(request.resumeRunId > 0 ? tr("Resuming run #%1…").arg(request.resumeRunId)
                                               : tr("Preparing the training data…"));
    return true;
}

bool TrainPage::startTraining() {
    m_followLatest = true;
    if (isEstimating()) {  // the estimate holds the project's training lock for a few seconds
        m_startAfterEstimate = true;
        emit statusMessage(tr("Starting once the estimate is done…"));
        return true;
    }
    return begin(requestFromControls());
}

bool TrainPage::resumeShownRun() {
    const TrainRunInfo *run = findRun(m_metrics.runId());
    if (!run || !runIsResumable(*run)) return false;
    TrainRequest request = requestFromControls();
    request.resumeRunId = run->id;
    request.seed = run->seed;
    return begin(request);
}

void TrainPage::stopTraining() {
    if (!isTraining()) return;
    m_stopping = true;
    m_controller->cancel();
    updateControls();
    updateSummary();
}

void TrainPage::onProgress(const TrainProgress &progress) {
    m_progress = progress;
    if (progress.runId > 0) m_ownRunId = progress.runId;
    updateSummary();
    emit trainingProgress(progress);
}

void TrainPage::onFinished(const TrainOutcome &outcome) {
    m_stopping = false;
    if (outcome.runId > 0) m_ownRunId = outcome.runId;
    QString message;
    if (!outcome.ok && outcome.stopReason == QLatin1String("disk_full"))
        message = tr("Training stopped: %1").arg(outcome.error);
    else if (!outcome.ok)
        message =
            outcome.error.isEmpty() ? tr("Training failed.") : tr("Training failed: %1").arg(outcome.error);
    else if (outcome.status == QLatin1String("paused") && outcome.stopReason == QLatin1String("time_budget"))
        message = tr("Run #%1 used its time budget at step %2; Resume continues it.")
                      .arg(outcome.runId)
                      .arg(Labels::count(outcome.step));
    else if (outcome.status == QLatin1String("paused"))
        message = tr("Stopped run #%1 at step %2; Resume continues it.")
                      .arg(outcome.runId)
                      .arg(Labels::count(outcome.step));
    else if (outcome.stopReason == QLatin1String("early_stopping"))
        message = tr("Run #%1 finished after %2 steps: the validation loss had stopped improving.")
                      .arg(outcome.runId)
                      .arg(Labels::count(outcome.step));
    else
        message = tr("Run #%1 finished after %2 steps.").arg(outcome.runId).arg(Labels::count(outcome.step));
    emit statusMessage(message);
    poll();
    if (!outcome.ok && !outcome.error.isEmpty()) m_runStateLabel->setText(message);
    emit trainingFinished(outcome);
}

}  // namespace smolify::ui
