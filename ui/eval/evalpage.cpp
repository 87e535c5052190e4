#include "eval/evalpage.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/appsettings.h"
#include "common/jobrunner.h"
#include "common/labels.h"
#include "common/messages.h"
#include "common/qtstring.h"
#include "eval/evalresultsmodel.h"
#include "eval/evaluate.h"
#include "eval/report.h"
#include "eval/results.h"
#include "store/guard.h"
#include "store/project.h"
#include "train/runs.h"

namespace smolify::ui {

namespace {

using nlohmann::json;

// What the evaluation job leaves for its `done` callback (written on the job's thread, read after).
struct Outcome {
    QString message;
    bool error = false;
    std::shared_ptr<eval::EvalReport> report;
};

double number(const json &j, const char *key, double fallback = -1) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

QString text(const json &j, const char *key) {
    return j.contains(key) && j[key].is_string() ? toQString(j[key].get<std::string>()) : QString();
}

// How a metrics row shows: plain, the constrained pass, or the plain answers beside a constrained
// headline.
enum class StudentRow { plain, constrained, unconstrained };

QString systemLabel(const json &s, StudentRow kind) {
    const QString role = text(s, "role");
    const QString quant = text(s, "quant").toUpper();
    if (role == QLatin1String("student")) {
        switch (kind) {
            case StudentRow::constrained:
                return EvalPage::tr("Student %1, constrained decoding").arg(quant);
            case StudentRow::unconstrained:
                return EvalPage::tr("Student %1, unconstrained").arg(quant);
            case StudentRow::plain:
                break;
        }
        return EvalPage::tr("Student %1").arg(quant);
    }
    if (role == QLatin1String("teacher")) return EvalPage::tr("Teacher");
    return EvalPage::tr("Baseline: %1").arg(text(s, "name"));
}

QString roleLabel(const QString &role, bool headline) {
    if (headline) return EvalPage::tr("student (headline)");
    if (role == QLatin1String("student")) return EvalPage::tr("student");
    if (role == QLatin1String("teacher")) return EvalPage::tr("teacher");
    if (role == QLatin1String("baseline")) return EvalPage::tr("baseline");
    return role;
}

// The comparison sentence of report.h's comparison_sentence, translated.
QString comparisonSentence(const eval::BaselineComparison &c) {
    // "student f32 constrained" -> "F32 with constrained decoding"
    QString system = toQString(c.student_system);
    if (system.startsWith(QLatin1String("student "))) system = system.mid(8);
    QString who = system.section(QLatin1Char(' '), 0, 0).toUpper();
    if (c.student_constrained) who = EvalPage::tr("%1 with constrained decoding").arg(who);
    const QString measure = c.measure.empty() ? EvalPage::tr("score") : toQString(c.measure);
    const QString student = QString::number(c.student_score, 'f', 3);
    const QString baseline = QString::number(c.best_baseline_score, 'f', 3);
    if (c.student_beats)
        return EvalPage::tr("The student (%1, %2 %3) beats the best baseline, %4 (%5), by %6.")
            .arg(who, measure, student, toQString(c.best_baseline), baseline,
                 QString::number(c.margin, 'f', 3));
    return EvalPage::tr("The student (%1, %2 %3) does not beat the best baseline, %4 (%5): %6 behind.")
        .arg(who, measure, student, toQString(c.best_baseline), baseline, QString::number(-c.margin, 'f', 3));
}

QString percent(double v) {
    return v < 0 ? QStringLiteral("–") : QStringLiteral("%1%").arg(v * 100, 0, 'f', 1);
}

QString fixed(double v, int decimals) {
    return v < 0 ? QStringLiteral("–") : QString::number(v, 'f', decimals);
}

// A figure of a system's "facts" object (eval::FactScores); -1 when there is none.
double factNumber(const json &s, const char *key) {
    return s.contains("facts") && s["facts"].is_object() ? number(s["facts"], key) : -1.0;
}

eval::SystemScores systemFromJson(const json &s) {
    eval::SystemScores x;
    x.name = toStdString(text(s, "name"));
    x.role = toStdString(text(s, "role"));
    x.quant = toStdString(text(s, "quant"));
    x.samples = static_cast<int64_t>(number(s, "samples", 0));
    x.contract_share = number(s, "contract_share", 0);
    x.exact_match = number(s, "exact_match", 0);
    x.length_ratio = number(s, "length_ratio", 0);
    x.score = number(s, "score", 0);
    x.rouge_l = number(s, "rouge_l");
    x.chrf = number(s, "chrf");
    x.loss = number(s, "loss");
    x.perplexity = number(s, "perplexity");
    x.loss_tokens = static_cast<int64_t>(number(s, "loss_tokens", 0));
    x.latency_s = number(s, "latency_s");
    x.tokens_per_s = number(s, "tokens_per_s");
    x.seconds_per_1000 = number(s, "seconds_per_1000");
    return x;
}

// An evaluation stored earlier, rebuilt as a report from its metrics JSON and its side-by-side rows.
// The kind's detail (confusion matrix, per-field scores) is not rebuilt.
Result<eval::EvalReport> storedReport(store::Project &project, int64_t id) {
    auto m = eval::read_eval_run(project, id);
    if (!m) return m.error();
    const json &j = m->metrics;
    eval::EvalReport r;
    r.eval_run_id = id;
    r.created_at = m->created_at;
    r.training_run_id = static_cast<int64_t>(number(j, "training_run_id", 0));
    r.model = toStdString(text(j, "model"));
    r.constrained = j.value("constrained", false);
    r.test_samples = static_cast<int64_t>(number(j, "test_samples", 0));
    r.evaluated = static_cast<int64_t>(number(j, "evaluated", 0));
    r.excluded_trained = static_cast<int64_t>(number(j, "excluded_trained", 0));
    r.test_split_frozen = j.value("test_split_frozen", false);
    if (j.contains("task") && j["task"].is_object()) {
        const json &t = j["task"];
        if (auto kind = synth::parse_task_kind(toStdString(text(t, "kind")))) r.profile.spec.kind = *kind;
        r.profile.from_spec = text(t, "source") == QLatin1String("spec");
        r.profile.why = toStdString(text(t, "why"));
        if (t.contains("labels") && t["labels"].is_array())
            for (const auto &l : t["labels"])
                if (l.is_string()) r.profile.spec.output.labels.push_back(l.get<std::string>());
        if (t.contains("sections") && t["sections"].is_array())
            for (const auto &l : t["sections"])
                if (l.is_string()) r.profile.spec.output.sections.push_back(l.get<std::string>());
    }
    auto rows = eval::read_results(project, eval::ResultQuery{id, "", false, -1});
    if (!rows) return rows.error();
    if (j.contains("systems") && j["systems"].is_array()) {
        for (const auto &s : j["systems"]) {
            if (!s.is_object()) continue;
            eval::SystemScores x = systemFromJson(s);
            if (x.role == "student") {
                for (const auto &row : *rows) {
                    if (row.quant != x.quant) continue;
                    eval::SampleResult sr;
                    sr.id = row.id;
                    sr.sample_id = row.sample_id.value_or(0);
                    sr.input = row.input;
                    sr.reference = row.reference;
                    sr.output = row.output;
                    sr.score = row.score;
                    sr.contract_ok = row.contract_ok;
                    sr.contract_reason = row.contract_reason;
                    sr.exact = row.scores.is_object() && row.scores.value("exact", false);
                    x.results.push_back(std::move(sr));
                }
            }
            r.systems.push_back(std::move(x));
        }
    }
    if (j.contains("constrained_decoding") && j["constrained_decoding"].is_object()) {
        const json &cd = j["constrained_decoding"];
        if (cd.value("compared", false) && cd.contains("student") && cd["student"].is_object()) {
            r.constrained_student = systemFromJson(cd["student"]);
            r.constraint_kind = toStdString(text(cd, "constraint"));
        } else {
            r.constrained_skipped = toStdString(text(cd, "why"));
        }
    }
    return r;
}

}  // namespace

EvalPage::EvalPage(QWidget *parent)
    : QWidget(parent), m_runner(new JobRunner(QStringLiteral("smolify-eval"))) {
    setObjectName(QStringLiteral("evalPage"));

    auto *title = new QLabel(tr("Evaluation"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro =
        new QLabel(tr("The trained student answers the held-out test samples next to the teacher, at "
                      "each weight type, with the baselines it has to beat. The worst answers are "
                      "listed first: correct one and make it a training sample."),
                   this);
    intro->setWordWrap(true);

    m_evaluateButton = new QPushButton(tr("Evaluate"), this);
    m_evaluateButton->setObjectName(QStringLiteral("evaluateButton"));
    m_evaluateButton->setToolTip(
        tr("Evaluate the newest trained model on the test split (F32, Q8_0 and Q4_0, "
           "and F32 with constrained decoding)."));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("evalStopButton"));
    m_saveButton = new QPushButton(tr("Save Report…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveReportButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("evalProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_evaluateButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_saveButton);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("evalStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("evalSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison = new QLabel(this);
    m_comparison->setObjectName(QStringLiteral("evalComparison"));
    m_comparison->setTextFormat(Qt::PlainText);
    m_comparison->setWordWrap(true);
    m_comparison->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison->hide();

    m_metrics = new QTableWidget(0, MetricsColumnCount, this);
    m_metrics->setObjectName(QStringLiteral("evalMetrics"));
    m_metrics->setHorizontalHeaderLabels({tr("System"), tr("Role"), tr("Score"), tr("Contract share"),
                                          tr("Exact match"), tr("Loss"), tr("Perplexity"), tr("Speed"),
                                          tr("Facts recalled"), tr("Invented facts")});
    m_metrics->horizontalHeaderItem(FactRecallColumn)
        ->setToolTip(tr("The share of the references' rare words and numbers (names, doses, sums, dates) "
                        "that the answers state."));
    m_metrics->horizontalHeaderItem(InventedColumn)
        ->setToolTip(tr("The share of the rare words and numbers in the answers that are in neither the "
                        "input nor the reference: facts the system made up."));
    m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_metrics->setSelectionMode(QAbstractItemView::NoSelection);
    m_metrics->verticalHeader()->hide();
    m_metrics->horizontalHeader()->setSectionResizeMode(SystemColumn, QHeaderView::Stretch);
    m_metrics->setMinimumHeight(120);

    m_results = new EvalResultsModel(this);
    m_resultsView = new QTableView(this);
    m_resultsView->setObjectName(QStringLiteral("evalResults"));
    m_resultsView->setModel(m_results);
    m_resultsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_resultsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_resultsView->verticalHeader()->hide();
    m_resultsView->setWordWrap(false);
    m_resultsView->horizontalHeader()->setSortIndicator(EvalResultsModel::ScoreColumn, Qt::AscendingOrder);
    m_resultsView->setSortingEnabled(true);
    for (int c = EvalResultsModel::InputColumn; c <= EvalResultsModel::StudentColumn; ++c)
        m_resultsView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Stretch);

    auto textBox = [this](const QString &name) {
        auto *t = new QPlainTextEdit(this);
        t->setObjectName(name);
        t->setReadOnly(true);
        return t;
    };
    m_input = textBox(QStringLiteral("evalInputText"));
    m_teacher = textBox(QStringLiteral("evalTeacherText"));
    m_student = textBox(QStringLiteral("evalStudentText"));
    m_corrected = new QPlainTextEdit(this);
    m_corrected->setObjectName(QStringLiteral("correctedOutput"));
    m_corrected->setPlaceholderText(tr("The output the student should have written"));
    m_promoteButton = new QPushButton(tr("Make Training Sample"), this);
    m_promoteButton->setObjectName(QStringLiteral("promoteButton"));
    m_promoteButton->setToolTip(
        tr("The test sample leaves the test split and becomes an approved training "
           "sample with the corrected output (the teacher's text is kept in its "
           "history)."));
    m_promoteStatus = new QLabel(this);
    m_promoteStatus->setObjectName(QStringLiteral("promoteStatus"));
    m_promoteStatus->setTextFormat(Qt::PlainText);
    m_promoteStatus->setWordWrap(true);

    auto column = [this](const QString &heading, QWidget *body) {
        auto *box = new QGroupBox(heading, this);
        auto *l = new QVBoxLayout(box);
        l->addWidget(body);
        return box;
    };
    auto *texts = new QHBoxLayout;
    texts->addWidget(column(tr("Input"), m_input));
    texts->addWidget(column(tr("Teacher output"), m_teacher));
    texts->addWidget(column(tr("Student output"), m_student));
    auto *promoteBox = new QGroupBox(tr("Corrected output"), this);
    auto *promoteLayout = new QVBoxLayout(promoteBox);
    promoteLayout->addWidget(m_corrected);
    promoteLayout->addWidget(m_promoteButton);
    promoteLayout->addWidget(m_promoteStatus);
    texts->addWidget(promoteBox);
    auto *detail = new QWidget(this);
    detail->setLayout(texts);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_metrics);
    splitter->addWidget(m_resultsView);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_summary);
    layout->addWidget(m_comparison);
    layout->addWidget(splitter, 1);

    connect(m_evaluateButton, &QPushButton::clicked, this, &EvalPage::startEvaluation);
    connect(m_stopButton, &QPushButton::clicked, this, &EvalPage::stop);
    connect(m_saveButton, &QPushButton::clicked, this, &EvalPage::saveReportDialog);
    connect(m_promoteButton, &QPushButton::clicked, this, &EvalPage::promoteSelected);
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EvalPage::showSelected);
    setBusy(false);
}

EvalPage::~EvalPage() {
    delete m_runner;
}

void EvalPage::setProject(store::Project *project) {
    if (m_project != project && m_runner->isRunning()) m_runner->cancel();
    m_project = project;
    m_sessionReport.reset();
    m_status->clear();
    m_promoteStatus->clear();
    m_progress->setValue(0);
    refresh();
}

bool EvalPage::isBusy() const {
    return m_runner->isRunning();
}

QString EvalPage::statusText() const {
    return m_status->text();
}

QString EvalPage::summaryText() const {
    return m_summary->text();
}

QString EvalPage::promoteStatusText() const {
    return m_promoteStatus->text();
}

QString EvalPage::comparisonText() const {
    return m_comparison->isHidden() ? QString() : m_comparison->text();
}

void EvalPage::setBusy(bool busy) {
    const bool open = m_project != nullptr;
    m_evaluateButton->setEnabled(open && !busy);
    m_stopButton->setEnabled(busy);
    m_saveButton->setEnabled(open && !busy && m_evalRunId.has_value());
    m_promoteButton->setEnabled(open && !busy && m_resultsView->selectionModel()->hasSelection());
    m_corrected->setEnabled(open && !busy && m_resultsView->selectionModel()->hasSelection());
}

void EvalPage::refresh() {
    loadNewest();
    setBusy(m_runner->isRunning());
}

void EvalPage::loadNewest() {
    // Keep the selected result selected across a reload.
    std::optional<int64_t> selected;
    if (const auto rows = m_resultsView->selectionModel()->selectedRows(); !rows.isEmpty())
        if (const eval::StoredResult *r = m_results->resultAt(rows.first().row())) selected = r->id;

    m_evalRunId.reset();
    m_metrics->setRowCount(0);
    m_comparison->clear();
    m_comparison->hide();
    m_comparisonWarning = false;
    if (!m_project) {
        m_summary->clear();
        m_results->setResults({});
        showSelected();
        return;
    }
    auto latest = eval::latest_eval_run(*m_project);
    if (!latest) {
        m_summary->setText(toQString(latest.error().message));
        m_results->setResults({});
        showSelected();
        return;
    }
    if (!*latest) {
        m_summary->setText(
            tr("No evaluation yet. Train a model on the Train page, then press Evaluate: the "
               "student answers the held-out test samples."));
        m_results->setResults({});
        showSelected();
        return;
    }
    const int64_t id = **latest;
    auto m = eval::read_eval_run(*m_project, id);
    if (!m) {
        m_summary->setText(toQString(m.error().message));
        m_results->setResults({});
        showSelected();
        return;
    }
    m_evalRunId = id;
    const json &j = m->metrics;
    QString kind = tr("unknown");
    if (j.contains("task") && j["task"].is_object()) {
        const json &t = j["task"];
        // The core's reason may already start with its source ("inferred: 3 distinct short outputs ..."):
        // say the source once.
        const QString source = text(t, "source");
        QString why = text(t, "why");
        if (why.startsWith(source + QStringLiteral(": "))) why = why.mid(source.size() + 2);
        kind = tr("%1 (%2: %3)").arg(text(t, "kind"), source, why);
    }
    const QString when =
        QDateTime::fromSecsSinceEpoch(m->created_at).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QString model = text(j, "model");
    const auto trainingRun = static_cast<int64_t>(number(j, "training_run_id", 0));
    if (model == QLatin1String("project")) model = tr("training run %1").arg(trainingRun);
    m_summary->setText(tr("Evaluation %1 of %2, %3.\nTask kind: %4\n%5 of %6 test samples evaluated%7.")
                           .arg(id)
                           .arg(model, when, kind)
                           .arg(static_cast<qint64>(number(j, "evaluated", 0)))
                           .arg(static_cast<qint64>(number(j, "test_samples", 0)))
                           .arg(number(j, "excluded_trained", 0) > 0
                                    ? tr(" (%1 left out: the model trained on them)")
                                          .arg(static_cast<qint64>(number(j, "excluded_trained", 0)))
                                    : QString()));

    // Does the student beat the best baseline? As stored (an evaluation from before the comparison
    // existed has none, and the line stays hidden).
    std::optional<eval::BaselineComparison> comparison;
    if (j.contains("baseline_comparison")) comparison = eval::comparison_from_json(j["baseline_comparison"]);
    if (comparison) {
        m_comparisonWarning = !comparison->student_beats;
        m_comparison->setText(comparisonSentence(*comparison));
        const store::SampleStatus tone =
            m_comparisonWarning ? store::SampleStatus::rejected : store::SampleStatus::approved;
        m_comparison->setStyleSheet(
            QStringLiteral(
                "QLabel#evalComparison { background: %1; color: %2; border-radius: 6px; padding: 6px "
                "8px; font-weight: bold; }")
                .arg(Labels::statusBackground(tone).name(), Labels::statusForeground(tone).name()));
        m_comparison->setToolTip(
            m_comparisonWarning
                ? tr("The student scores no better than a simple classical baseline trained on the same "
                     "samples: more or better training data, or a larger preset, may help.")
                : tr("The student's %1 against the best of the classical baselines trained on the same "
                     "samples.")
                      .arg(toQString(comparison->measure)));
        m_comparison->show();
    }

    // Labels (an answer of a token or two): the time per answer, since tokens/s would measure only
    // the prompt; other kinds: generated tokens per second, the time per answer in the tooltip.
    const bool perAnswer = j.contains("task") && j["task"].is_object() &&
                           text(j["task"], "kind") == QLatin1String("classification");
    m_metrics->horizontalHeaderItem(TokensColumn)
        ->setToolTip(perAnswer ? tr("Mean time from the prompt to the whole answer, per test sample.")
                               : tr("Generated tokens per second; the tooltip of each figure has the mean "
                                    "time per answer."));
    auto speed = [perAnswer](const json &s) {
        const double latency = number(s, "latency_s");
        if (perAnswer)
            return latency < 0 ? QStringLiteral("–") : tr("%1 ms").arg(latency * 1000, 0, 'f', 0);
        return fixed(number(s, "tokens_per_s"), 1);
    };
    auto addRow = [this, speed, perAnswer](const json &s, StudentRow shown, bool headline) {
        const int row = m_metrics->rowCount();
        m_metrics->insertRow(row);
        const QString values[MetricsColumnCount] = {systemLabel(s, shown),
                                                    roleLabel(text(s, "role"), headline),
                                                    fixed(number(s, "score"), 3),
                                                    percent(number(s, "contract_share")),
                                                    percent(number(s, "exact_match")),
                                                    fixed(number(s, "loss"), 3),
                                                    fixed(number(s, "perplexity"), 2),
                                                    speed(s),
                                                    fixed(factNumber(s, "recall"), 3),
                                                    percent(factNumber(s, "invented_share"))};
        for (int c = 0; c < MetricsColumnCount; ++c) {
            auto *item = new QTableWidgetItem(values[c]);
            if (c > RoleColumn) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setData(Qt::UserRole, text(s, "role"));
            if (headline) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_metrics->setItem(row, c, item);
        }
        const double latency = number(s, "latency_s");
        if (!perAnswer && latency >= 0)
            m_metrics->item(row, TokensColumn)
                ->setToolTip(tr("%1 ms per answer").arg(latency * 1000, 0, 'f', 0));
    };
    const json *constrained = nullptr;
    QString constrainedQuant;
    if (j.contains("constrained_decoding") && j["constrained_decoding"].is_object()) {
        const json &cd = j["constrained_decoding"];
        if (cd.value("compared", false) && cd.contains("student") && cd["student"].is_object()) {
            constrained = &cd["student"];
            constrainedQuant = text(cd, "quant");
        }
    }
    if (j.contains("systems") && j["systems"].is_array()) {
        // The headline student (report.h's headline_student): for classification the constrained pass
        // (labels decoded as labels), else the F32 student (or the first).
        const bool classification = j.contains("task") && j["task"].is_object() &&
                                    text(j["task"], "kind") == QLatin1String("classification");
        const bool constrainedHeadline = classification && constrained;
        const json *plainHeadline = nullptr;
        for (const auto &s : j["systems"])
            if (s.is_object() && text(s, "role") == QLatin1String("student") &&
                (!plainHeadline || (text(s, "quant") == QLatin1String("f32") &&
                                    text(*plainHeadline, "quant") != QLatin1String("f32"))))
                plainHeadline = &s;
        if (constrainedHeadline) addRow(*constrained, StudentRow::constrained, true);
        // Students first (each weight type), the constrained student after them (when it is not the
        // headline), then the teacher and the baselines.
        for (const auto &s : j["systems"])
            if (s.is_object() && text(s, "role") == QLatin1String("student")) {
                const bool compared = constrained && text(s, "quant") == constrainedQuant;
                addRow(s, constrainedHeadline && compared ? StudentRow::unconstrained : StudentRow::plain,
                       !constrainedHeadline && &s == plainHeadline);
            }
        if (constrained && !constrainedHeadline) addRow(*constrained, StudentRow::constrained, false);
        for (const auto &s : j["systems"])
            if (s.is_object() && text(s, "role") != QLatin1String("student"))
                addRow(s, StudentRow::plain, false);
    }
    m_metrics->resizeColumnsToContents();
    m_metrics->horizontalHeader()->setSectionResizeMode(SystemColumn, QHeaderView::Stretch);

    // The side-by-side rows of the F32 student (or of the one weight type evaluated).
    auto rows = eval::read_results(*m_project, eval::ResultQuery{id, "f32", true, -1});
    if (rows && rows->empty()) {
        rows = eval::read_results(*m_project, eval::ResultQuery{id, "", true, -1});
        if (rows && !rows->empty()) {
            const std::string quant = rows->front().quant;
            std::erase_if(*rows, [&quant](const eval::StoredResult &r) { return r.quant != quant; });
        }
    }
    if (!rows) {
        m_status->setText(toQString(rows.error().message));
        m_results->setResults({});
    } else {
        m_results->setResults(std::move(*rows));
    }
    m_resultsView->resizeColumnToContents(EvalResultsModel::ScoreColumn);
    m_resultsView->resizeColumnToContents(EvalResultsModel::ContractColumn);
    if (selected) {
        const int row = m_results->rowOf(*selected);
        if (row >= 0) m_resultsView->selectRow(row);
    }
    showSelected();
}

void EvalPage::showSelected() {
    const auto rows = m_resultsView->selectionModel()->selectedRows();
    const eval::StoredResult *r = rows.isEmpty() ? nullptr : m_results->resultAt(rows.first().row());
    if (!r) {
        m_input->clear();
        m_teacher->clear();
        m_student->clear();
        m_corrected->clear();
    } else {
        m_input->setPlainText(toQString(r->input));
        m_teacher->setPlainText(toQString(r->reference));
        QString student = toQString(r->output);
        if (!r->contract_ok && !r->contract_reason.empty())
            student +=
                QStringLiteral("\n\n") + tr("(breaks the contract: %1)").arg(toQString(r->contract_reason));
        m_student->setPlainText(student);
        if (m_corrected->property("resultId").toLongLong() != r->id) {
            m_corrected->setPlainText(toQString(r->reference));
            m_corrected->setProperty("resultId", QVariant::fromValue<qlonglong>(r->id));
            m_promoteStatus->setText(r->promoted_sample_id
                                         ? tr("Already a training sample (#%1).").arg(*r->promoted_sample_id)
                                         : QString());
        }
    }
    if (!r) m_corrected->setProperty("resultId", QVariant());
    setBusy(m_runner->isRunning());
}

bool EvalPage::startEvaluation() {
    if (!m_project || m_runner->isRunning()) return false;
    const std::filesystem::path path = m_project->path();
    m_status->setText(tr("Starting the evaluation…"));
    m_progress->setValue(0);
    ProjectJob<eval::EvalProgress, eval::EvalReport> job;
    job.project = path;
    job.work = [threads = appsettings::inferenceThreads()](store::Project &project,
                                                          const job::Hooks<eval::EvalProgress> &hooks) {
        eval::EvalParams params;
        params.threads = threads;
        params.hooks = hooks;
        return eval::evaluate(project, params);
    };
    job.progress = [this](const eval::EvalProgress &p) { showProgress(p); };
    job.done = [this, path](Result<eval::EvalReport> &r) {
        Outcome outcome;
        if (!r) {
            outcome.error = true;
            outcome.message = r.error().kind == ErrorKind::cancelled
                                  ? tr("Stopped. Nothing was stored; press Evaluate to run it again.")
                                  : toQString(r.error().message);
        } else {
            outcome.report = std::make_shared<eval::EvalReport>(std::move(*r));
            outcome.message = tr("Evaluated %1 test samples.").arg(outcome.report->evaluated);
        }
        // Kept for Save Report unless the page moved on to another project meanwhile.
        if (outcome.report && m_project && m_project->path() == path) m_sessionReport = outcome.report;
        m_progress->setValue(outcome.error ? 0 : 100);
        m_status->setText(outcome.message);
        refresh();
        emit statusMessage(outcome.error ? tr("Evaluation: %1").arg(outcome.message) : outcome.message);
        emit evaluationFinished(!outcome.error);
    };
    const bool started = m_runner->run(std::move(job));
    if (started) setBusy(true);
    return started;
}

void EvalPage::stop() {
    if (!m_runner->isRunning()) return;
    m_runner->cancel();
    m_stopButton->setEnabled(false);
    m_status->setText(tr("Stopping after the current answer…"));
}

void EvalPage::showProgress(const eval::EvalProgress &p) {
    if (!m_runner->isRunning()) return;
    const double per = std::max(0.0, p.fraction());
    if (p.systems_total > 0)
        m_progress->setValue(static_cast<int>(std::lround(100.0 * (p.systems_done + per) / p.systems_total)));
    m_status->setText(tr("%1: %2 of %3 samples (pass %4 of %5)")
                          .arg(toQString(p.stage))
                          .arg(p.done)
                          .arg(p.total)
                          .arg(std::min(p.systems_done + 1, p.systems_total))
                          .arg(p.systems_total));
}

bool EvalPage::promoteSelected() {
    if (!m_project) return false;
    const auto rows = m_resultsView->selectionModel()->selectedRows();
    const eval::StoredResult *r = rows.isEmpty() ? nullptr : m_results->resultAt(rows.first().row());
    if (!r) {
        m_promoteStatus->setText(tr("Select a row first."));
        return false;
    }
    const std::string corrected = toStdString(m_corrected->toPlainText());
    std::optional<std::string> correctedText;
    if (corrected != r->reference) correctedText = corrected;
    auto out = eval::promote_result(*m_project, r->id, correctedText);
    if (!out) {
        m_promoteStatus->setText(toQString(out.error().message));
        return false;
    }
    const QString message =
        out->created ? tr("New approved training sample #%1 made from this row.").arg(out->sample_id)
                     : tr("Sample #%1 is now an approved training sample%2.")
                           .arg(out->sample_id)
                           .arg(out->corrected ? tr(" with the corrected output") : QString());
    loadNewest();
    m_promoteStatus->setText(message);
    emit statusMessage(message);
    emit samplesPromoted();
    return true;
}

bool EvalPage::saveReport(const QString &path) {
    if (!m_project) return false;
    auto fail = [this](const QString &message) {
        m_status->setText(message);
        emit statusMessage(message);
        return false;
    };
    auto latest = eval::latest_eval_run(*m_project);
    if (!latest) return fail(toQString(latest.error().message));
    if (!*latest) return fail(tr("There is no evaluation to report yet. Press Evaluate first."));
    eval::EvalReport report;
    if (m_sessionReport && m_sessionReport->eval_run_id == **latest) {
        report = *m_sessionReport;
    } else {
        auto stored = storedReport(*m_project, **latest);
        if (!stored) return fail(toQString(stored.error().message));
        report = std::move(*stored);
    }
    std::vector<train::MetricRow> curve;
    if (report.training_run_id > 0) {
        auto metrics = train::read_metrics(*m_project, report.training_run_id);
        if (metrics) curve = std::move(*metrics);
    }
    const std::string html = eval::report_html(report, curve, m_project->path().stem().string());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(html.data(), static_cast<qint64>(html.size())) != static_cast<qint64>(html.size()) ||
        !file.commit())
        return fail(tr("Could not write %1: %2").arg(path, file.errorString()));
    const QString message = tr("Report saved to %1.").arg(path);
    m_status->setText(message);
    emit statusMessage(message);
    return true;
}

void EvalPage::saveReportDialog() {
    if (!m_project) return;
    const QString suggested = QFileInfo(fromPath(m_project->path()))
                                  .dir()
                                  .filePath(QFileInfo(fromPath(m_project->path())).completeBaseName() +
                                            QStringLiteral("-eval.html"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Evaluation Report"), suggested,
                                                      tr("HTML files (*.html)"));
    if (path.isEmpty()) return;
    if (!saveReport(path)) showMessage(this, MessageKind::warning, tr("Save Report"), m_status->text());
}

}  // namespace smolify::ui
