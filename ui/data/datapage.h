// The Data page: review the project's samples.
//
// A filter row (status, split, debounced text search) over a SampleTableModel that filters and
// sorts in SQL, a detail pane with the selected sample in full, counts per status and split, and
// review by mouse or keyboard: A approves, R rejects (asking a reason), E edits the sample in the
// detail pane, J/K or Down/Up move, Ctrl+Z undoes the last decision or edit (ReviewUndoStack).
// After a decision the cursor moves to the next row, so a reviewer can keep a finger on A.
// Decisions on several selected rows apply to all of them at once. While a sample is being edited
// the table, the filters and the review keys hold still, so typing types and nothing moves.
//
// Import runs on a worker thread with its own Project connection (ImportController); progress and
// the outcome show in place (ImportBar) and the table reloads when it finishes.
//
// Who calls it: MainWindow (setProject), tests. GUI thread only; the Project passed to setProject()
// belongs to the GUI thread and outlives the page's use of it (setProject(nullptr) before closing).
#pragma once

#include <QWidget>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "data/importcontroller.h"
#include "data/reviewundo.h"
#include "store/types.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class ImportBar;
class ImportController;
class SampleDetailPane;
class SampleTableModel;
class SampleTableView;

class DataPage : public QWidget {
    Q_OBJECT

public:
    // Asks why `count` samples are rejected; nothing means the user cancelled. Tests replace it.
    using ReasonProvider = std::function<std::optional<QString>(int count)>;
    // Asks what to import; nothing means the user cancelled. Tests replace it.
    using ImportChooser = std::function<std::optional<ImportRequest>()>;

    static constexpr int kSearchDelayMs = 250;
    static constexpr int kMaxUndoSteps = ReviewUndoStack::kMaxSteps;

    explicit DataPage(QWidget *parent = nullptr);
    ~DataPage() override;

    void setProject(store::Project *project);
    store::Project *project() const { return m_project; }

    SampleTableModel *model() const { return m_model; }
    QTableView *tableView() const;
    SampleDetailPane *detailPane() const { return m_detail; }
    ImportBar *importBar() const { return m_importBar; }
    QList<QAction *> reviewActions() const;

    // "Pending 3 · Approved 2 · Rejected 1 · Train 5 · Test 1", as the counts label shows it.
    QString countsText() const { return m_countsPlain; }
    const store::SampleCounts &counts() const { return m_counts; }

    void setStatusFilter(std::optional<store::SampleStatus> status);
    void setSplitFilter(std::optional<store::Split> split);
    // Types into the search field; the filter applies kSearchDelayMs after the last keystroke.
    void setSearchText(const QString &text);

    void setReasonProvider(ReasonProvider provider) { m_reasonProvider = std::move(provider); }
    void setImportChooser(ImportChooser chooser) { m_importChooser = std::move(chooser); }

    int currentRow() const;
    void selectRow(int row);
    bool isImporting() const;
    int undoDepth() const { return m_undo.size(); }

public slots:
    void approveSelected();
    void rejectSelected();
    // "Generate More Like These": emits generateMoreLike() with the approved samples of the
    // selection (the teacher's next round shows them as its examples); says so when none is approved.
    void generateMoreLikeSelected();
    // Edits the sample in the detail pane (when exactly one is shown).
    void editCurrent();
    // Takes back the last decision or edit.
    void undoLastDecision();
    void moveToNextRow();
    void moveToPreviousRow();
    void refresh();
    void chooseAndImport();
    // Starts an import on the worker thread; false when one is running or no project is open.
    bool startImport(const smolify::ui::ImportRequest &request);
    void cancelImport();

signals:
    void statusMessage(const QString &message);
    void countsChanged();
    void generateMoreLike(const QList<qint64> &sampleIds);
    void importStarted(const QString &filePath);
    void importProgress(const smolify::ui::ImportStatus &status);
    void importFinished(const smolify::ui::ImportOutcome &outcome);

private:
    void buildActions();
    void review(store::SampleStatus status);
    void onSampleEdited(qint64 id, int restoreRevision);
    void onEditingChanged(bool editing);
    void updateActions();
    std::vector<int64_t> selectedIds(int *lastRow) const;
    void updateCounts();
    void updateDetail();
    void updateEmptyState();
    void applyFilter();
    void reloadKeepingCurrent();
    void onImportFinished(const ImportOutcome &outcome);
    void saveLayout() const;
    void restoreLayout();

    store::Project *m_project = nullptr;
    SampleTableModel *m_model = nullptr;

    QLabel *m_countsLabel = nullptr;
    QString m_countsPlain;
    store::SampleCounts m_counts;
    QPushButton *m_importButton = nullptr;
    QComboBox *m_statusBox = nullptr;
    QComboBox *m_splitBox = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QTimer *m_searchTimer = nullptr;
    QToolButton *m_approveButton = nullptr;
    QToolButton *m_rejectButton = nullptr;
    QToolButton *m_undoButton = nullptr;
    ImportBar *m_importBar = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    SampleTableView *m_table = nullptr;
    SampleDetailPane *m_detail = nullptr;

    QAction *m_approveAction = nullptr;
    QAction *m_rejectAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_moreLikeAction = nullptr;

    ReviewUndoStack m_undo;
    ReasonProvider m_reasonProvider;
    ImportChooser m_importChooser;
    ImportController *m_import = nullptr;
};

}  // namespace smolify::ui
