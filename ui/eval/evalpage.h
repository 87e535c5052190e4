// The Evaluate page: how good is the student, and one click from a bad answer to a corrected
// training sample.
//
// "Evaluate" runs eval::evaluate (core/eval/evaluate.h) with default parameters on a JobRunner thread
// with its own Project connection (progress bar and Stop; the GUI thread never waits on it). The page
// shows the newest stored evaluation (eval_runs, core/eval/results.h), so it is there on open without
// re-running: the task kind and why; a line saying whether the student beats the best baseline
// (eval_runs.metrics' "baseline_comparison", core/eval/report.h; styled as a warning when it does
// not); a metrics table (student per weight type, student with constrained decoding, teacher,
// baselines, each with its role: score, contract share, exact match, loss, perplexity, tokens/s) read
// from eval_runs.metrics, where for classification the constrained student (labels decoded as labels)
// comes first as the headline figure and the plain F32 answers beside it, labelled unconstrained; and
// the F32 student's side-by-side rows (input, teacher
// output, student output, score, contract ok; sortable, worst first by default). Selecting a row shows
// the three texts in full; "Make Training Sample" calls eval::promote_result with the edited text
// (prefilled with the teacher's output) and emits samplesPromoted so the Data page refreshes.
// "Save Report…" writes the newest evaluation as HTML (core/eval/report.h): the report of a run made
// in this session as it is, an older one rebuilt from its stored JSON and rows (without the
// per-label and per-field detail, which the JSON keeps only in part).
//
// Who calls it: MainWindow, tests/ui. GUI thread only; the evaluation runs on the runner's thread.
#pragma once

#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace smolify::store {
class Project;
}
namespace smolify::eval {
struct EvalReport;
struct EvalProgress;
}  // namespace smolify::eval

namespace smolify::ui {

class EvalResultsModel;
class JobRunner;

class EvalPage : public QWidget {
    Q_OBJECT

public:
    enum MetricsColumn {
        SystemColumn,
        RoleColumn,  // "student (headline)", "student", "teacher", "baseline"
        ScoreColumn,
        ContractColumn,
        ExactColumn,
        LossColumn,
        PerplexityColumn,
        TokensColumn,
        FactRecallColumn,  // the kinds that write text or JSON; "–" for labels
        InventedColumn,
        MetricsColumnCount
    };

    explicit EvalPage(QWidget *parent = nullptr);
    ~EvalPage() override;  // stops a running evaluation and waits for it, while the page is whole

    void setProject(store::Project *project);
    bool isBusy() const;
    // The newest stored evaluation shown, if any.
    std::optional<int64_t> shownEvalRunId() const { return m_evalRunId; }

    QString statusText() const;
    QString summaryText() const;
    QString promoteStatusText() const;
    // "The student (F32 with constrained decoding, accuracy 0.810) beats the best baseline, ..."; empty
    // when the evaluation shown has no comparison (no baseline, or stored before there was one).
    QString comparisonText() const;
    bool comparisonIsWarning() const { return m_comparisonWarning; }  // the student does not beat it
    QPushButton *evaluateButton() const { return m_evaluateButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *promoteButton() const { return m_promoteButton; }
    QPushButton *saveReportButton() const { return m_saveButton; }
    QTableWidget *metricsTable() const { return m_metrics; }
    QTableView *resultsView() const { return m_resultsView; }
    EvalResultsModel *resultsModel() const { return m_results; }
    QPlainTextEdit *correctedEdit() const { return m_corrected; }

public slots:
    void refresh();
    // Starts an evaluation; false when none can start (no project, one running).
    bool startEvaluation();
    void stop();
    // Promotes the selected row with the corrected text; false (with a message) when refused.
    bool promoteSelected();
    // Writes the newest evaluation's HTML report; false (with a message) on failure.
    bool saveReport(const QString &path);
    void saveReportDialog();

signals:
    void samplesPromoted();  // a result became an approved training sample
    void evaluationFinished(bool ok);
    void statusMessage(const QString &message);

private:
    void setBusy(bool busy);
    void showProgress(const eval::EvalProgress &p);
    void loadNewest();
    void showSelected();

    store::Project *m_project = nullptr;
    JobRunner *m_runner;  // owned; deleted first in the destructor
    std::optional<int64_t> m_evalRunId;
    std::shared_ptr<eval::EvalReport> m_sessionReport;  // the last evaluation run on this page

    QPushButton *m_evaluateButton;
    QPushButton *m_stopButton;
    QPushButton *m_saveButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_summary;
    QLabel *m_comparison;
    bool m_comparisonWarning = false;
    QTableWidget *m_metrics;
    EvalResultsModel *m_results;
    QTableView *m_resultsView;
    QPlainTextEdit *m_input;
    QPlainTextEdit *m_teacher;
    QPlainTextEdit *m_student;
    QPlainTextEdit *m_corrected;
    QPushButton *m_promoteButton;
    QLabel *m_promoteStatus;
};

}  // namespace smolify::ui
