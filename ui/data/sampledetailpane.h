// The right side of the Data page: the selected sample in full (input, output, reject reason,
// provenance), or a summary when several rows are selected. It reads the one sample it shows from
// the store in full (the table holds only previews).
//
// Editing: beginEdit() (E, or the Edit button) makes input and output editable; saveEdit()
// (Ctrl+Enter, or Save) stores them with Project::edit_sample, which keeps every version as a
// revision; cancelEdit() (Esc) puts the stored text back. When the store refuses (empty text, a
// sample with exactly this text already exists) the reason shows in place and the edited text stays
// in the editors. While editing, the pane keeps its sample: showSample*() and the summaries are
// ignored until the edit is saved or cancelled, and editingChanged() tells the page to hold still.
//
// History: "History (N)" opens the list of revisions (RevisionHistory); choosing one shows that
// version's text, read-only, until the newest is chosen again or the list is closed.
//
// Who calls it: DataPage. GUI thread only; the Project is the GUI thread's.
#pragma once

#include <QWidget>

#include <optional>

#include "store/types.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class RevisionHistory;

class SampleDetailPane : public QWidget {
    Q_OBJECT

public:
    explicit SampleDetailPane(QWidget *parent = nullptr);

    // The project to read and edit samples in (not owned). Cancels an edit in progress.
    void setProject(store::Project *project);

    // Reads sample `id` in full and shows it (nothing when it is gone). Ignored while editing.
    void showSampleId(qint64 id);
    void showSelectionSummary(int selectedCount);
    void showNothing();

    qint64 sampleId() const { return m_sample ? m_sample->id : -1; }
    bool isEditing() const { return m_editing; }
    bool canEdit() const;
    bool isHistoryVisible() const;

    // What the pane shows now (for tests and accessibility).
    QString inputText() const;
    QString outputText() const;
    QString rejectReasonText() const;
    QString editErrorText() const;
    QString historyButtonText() const;
    QPlainTextEdit *inputEditor() const { return m_input; }
    QPlainTextEdit *outputEditor() const { return m_output; }
    RevisionHistory *history() const { return m_history; }

public slots:
    void beginEdit();
    // Saves the edited text; false (with the reason in place) when the store refused it.
    bool saveEdit();
    void cancelEdit();
    void setHistoryVisible(bool visible);

signals:
    void editingChanged(bool editing);
    // Saved; `restoreRevision` holds the text the sample had before (for undo).
    void sampleEdited(qint64 id, int restoreRevision);
    void statusMessage(const QString &message);

private:
    void showSample(const store::Sample &sample);
    void setEditing(bool editing);
    void loadHistory();
    void showSelectedRevision();
    void updateButtons();

    store::Project *m_project = nullptr;
    std::optional<store::Sample> m_sample;  // the sample shown, as last read
    bool m_editing = false;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_reason = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_historyButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_editHint = nullptr;
    QLabel *m_editError = nullptr;
    QLabel *m_versionNote = nullptr;
    RevisionHistory *m_history = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLabel *m_provenance = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_cancelAction = nullptr;
};

}  // namespace smolify::ui
