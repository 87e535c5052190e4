// The Export page: take the trained student home as a file llama.cpp, Ollama and LM Studio run.
//
// What the user sees, top to bottom:
// - which model an export writes (the project's newest training run: preset, parameters, steps,
//   status, validation loss), or why there is none yet;
// - the four weight types (F32, F16, Q8_0, Q4_0), each with the exact size of its file and its
//   held-out loss against F32 (infer::compare_export_types on the validation slice, measured on a
//   JobRunner thread when the page is first shown for a run, or by "Measure"), and the newest
//   evaluation's score and contract share per type where one exists (eval::type_metrics), so the cost
//   of each choice is visible before choosing; selecting a row picks the type;
// - the destination (by default NAME-model/NAME.TYPE.gguf beside the project file, following the
//   type until the user edits it), a licence, "also write a Hugging Face folder" and "replace files
//   Smolify did not write";
// - Export (bundle::export_model on the runner's thread: the GGUF, its model card README.md and the
//   Ollama Modelfile beside it, the optional folder), progress in place, Stop;
// - after an export: the file, its size and sha256, and the exact commands that run it
//   (bundle::run_commands), with Copy Commands and Open Folder;
// - the project's earlier exports (bundle::list_exports): when, type, size, file, and whether the file
//   is still there as written ("missing", "changed" otherwise).
//
// Jobs open their own Project on the page's project path (a Project is one thread's); one job at a
// time; the GUI thread never waits on one except in the destructor, which cancels and joins.
//
// Who calls it: MainWindow, tests/ui. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace smolify::store {
class Project;
}
namespace smolify::infer {
struct QuantCompareReport;
}

namespace smolify::ui {

class JobRunner;

class ExportPage : public QWidget {
    Q_OBJECT

public:
    enum TypeColumn {
        TypeNameColumn,
        TypeSizeColumn,
        TypeLossColumn,      // held-out loss of the file's weights (validation slice)
        TypeDeltaColumn,     // its difference from F32's
        TypeScoreColumn,     // the newest evaluation's score for this type
        TypeContractColumn,  // and its contract share
        TypeColumnCount
    };
    enum HistoryColumn {
        WhenColumn,
        HistoryTypeColumn,
        HistorySizeColumn,
        FileColumn,
        StateColumn,  // "present", "missing", "changed"
        Sha256Column,
        HistoryColumnCount
    };

    explicit ExportPage(QWidget *parent = nullptr);
    ~ExportPage() override;  // stops a running job and waits for it, while the page is whole

    void setProject(store::Project *project);
    bool isBusy() const;
    // The run an export would write, 0 when the project has none.
    int64_t runId() const { return m_runId; }

    QString modelText() const;
    QString statusText() const;
    QString commandsText() const;  // empty until an export succeeded on this page
    QString resultText() const;
    QTableWidget *typesTable() const { return m_types; }
    QTableWidget *historyTable() const { return m_history; }
    QComboBox *typeBox() const { return m_typeBox; }
    QLineEdit *destinationEdit() const { return m_destination; }
    QLineEdit *licenseEdit() const { return m_license; }
    QCheckBox *hfCheck() const { return m_hf; }
    QCheckBox *forceCheck() const { return m_force; }
    QPushButton *exportButton() const { return m_exportButton; }
    QPushButton *measureButton() const { return m_measureButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *copyButton() const { return m_copyButton; }
    QPushButton *openFolderButton() const { return m_openFolderButton; }
    // The destination the page proposes for the chosen type.
    QString defaultDestination() const;

public slots:
    void refresh();
    // Measures the four types' sizes and held-out losses; false when it cannot start (no project or
    // model, a job running).
    bool measureTypes();
    // Exports the chosen type to the destination; false when it cannot start.
    bool startExport();
    void stop();
    void copyCommands();
    void openFolder();
    void browseDestination();

signals:
    void measureFinished(bool ok);
    void exportFinished(bool ok);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;  // measures the types once per run, when shown

private:
    void setBusy(bool busy);
    void loadModel();
    void fillTypes();
    void loadHistory();
    void typeChanged();
    void proposeDestination();
    QString typeName() const;  // "q8_0", ...

    store::Project *m_project = nullptr;
    JobRunner *m_runner;  // owned; deleted first in the destructor
    int64_t m_runId = 0;
    std::shared_ptr<infer::QuantCompareReport> m_compare;  // for m_compareRunId
    int64_t m_compareRunId = 0;
    bool m_measureFailed = false;  // for m_runId: not retried on show (Measure retries)
    QString m_proposed;            // the destination last proposed; another text there is the user's
    QString m_lastFolder;          // of the last successful export

    QLabel *m_model;
    QTableWidget *m_types;
    QComboBox *m_typeBox;
    QLineEdit *m_destination;
    QPushButton *m_browseButton;
    QLineEdit *m_license;
    QCheckBox *m_hf;
    QCheckBox *m_force;
    QPushButton *m_measureButton;
    QPushButton *m_exportButton;
    QPushButton *m_stopButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_result;
    QPlainTextEdit *m_commands;
    QPushButton *m_copyButton;
    QPushButton *m_openFolderButton;
    QTableWidget *m_history;
};

}  // namespace smolify::ui
