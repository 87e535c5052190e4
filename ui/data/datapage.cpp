#include "data/datapage.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "common/icons.h"
#include "common/labels.h"
#include "common/messages.h"
#include "common/qtstring.h"
#include "data/importbar.h"
#include "data/importcontroller.h"
#include "data/importdialog.h"
#include "data/rejectreasondialog.h"
#include "data/sampledetailpane.h"
#include "data/sampletablemodel.h"
#include "data/sampletableview.h"
#include "store/project.h"

namespace smolify::ui {

namespace {
const QString kSplitterKey = QStringLiteral("dataPage/splitter");

QToolButton *actionButton(QAction *action, QWidget *parent) {
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(false);
    return button;
}
}  // namespace

DataPage::DataPage(QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("dataPage"));
    m_model = new SampleTableModel(this);
    connect(m_model, &SampleTableModel::loadFailed, this, [this](const QString &message) {
        emit statusMessage(tr("Could not read samples: %1").arg(message));
    });

    // --- counts and import ------------------------------------------------------------------
    auto *title = new QLabel(tr("Data"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_countsLabel->setTextFormat(Qt::RichText);
    m_importButton = new QPushButton(tr("Import…"), this);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setToolTip(tr("Add samples from a JSONL or CSV file"));
    connect(m_importButton, &QPushButton::clicked, this, &DataPage::chooseAndImport);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(title);
    headerRow->addSpacing(16);
    headerRow->addWidget(m_countsLabel, 1);
    headerRow->addWidget(m_importButton);

    // --- filters and review buttons -----------------------------------------------------------
    m_statusBox = new QComboBox(this);
    m_statusBox->setObjectName(QStringLiteral("statusFilter"));
    m_statusBox->addItem(tr("All statuses"), -1);
    for (auto s :
         {store::SampleStatus::pending, store::SampleStatus::approved, store::SampleStatus::rejected})
        m_statusBox->addItem(Labels::status(s), static_cast<int>(s));
    m_splitBox = new QComboBox(this);
    m_splitBox->setObjectName(QStringLiteral("splitFilter"));
    m_splitBox->addItem(tr("All splits"), -1);
    for (auto s : {store::Split::train, store::Split::test})
        m_splitBox->addItem(Labels::split(s), static_cast<int>(s));
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search inputs, outputs and reject reasons"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &DataPage::applyFilter);
    connect(m_statusBox, &QComboBox::currentIndexChanged, this, &DataPage::applyFilter);
    connect(m_splitBox, &QComboBox::currentIndexChanged, this, &DataPage::applyFilter);

    buildActions();
    m_approveButton = actionButton(m_approveAction, this);
    m_rejectButton = actionButton(m_rejectAction, this);
    m_undoButton = actionButton(m_undoAction, this);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_statusBox);
    filterRow->addWidget(m_splitBox);
    filterRow->addWidget(m_searchEdit, 1);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_approveButton);
    filterRow->addWidget(m_rejectButton);
    filterRow->addWidget(m_undoButton);
    filterRow->addWidget(actionButton(m_moreLikeAction, this));

    // --- import strip, table and detail ------------------------------------------------------
    m_importBar = new ImportBar(this);
    connect(m_importBar, &ImportBar::cancelRequested, this, &DataPage::cancelImport);
    m_import = new ImportController(this);
    connect(m_import, &ImportController::started, this, [this](const QString &file) {
        m_importBar->showStarted(file);
        emit importStarted(file);
    });
    connect(m_import, &ImportController::progressChanged, this, [this](const ImportStatus &status) {
        m_importBar->showProgress(status);
        emit importProgress(status);
    });
    connect(m_import, &ImportController::finished, this, &DataPage::onImportFinished);

    m_table = new SampleTableView(m_model, this);
    m_table->addActions({m_approveAction, m_rejectAction, m_editAction, m_undoAction, m_nextAction,
                         m_previousAction, m_refreshAction, m_moreLikeAction});
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DataPage::updateDetail);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DataPage::updateDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DataPage::updateDetail);

    auto *emptyState =
        new QLabel(tr("<p style='font-size:large'><b>No samples yet</b></p>"
                      "<p>Import a JSON Lines or CSV file with <i>Import…</i> above. "
                      "Or have a teacher model write them: on the Intent page, set a teacher and press "
                      "<i>Generate</i>.</p>"),
                   this);
    emptyState->setObjectName(QStringLiteral("emptyState"));
    emptyState->setAlignment(Qt::AlignCenter);
    emptyState->setWordWrap(true);
    emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(emptyState);

    m_detail = new SampleDetailPane(this);
    // E also works while the focus is in the pane's (read-only) text.
    m_detail->addAction(m_editAction);
    connect(m_detail, &SampleDetailPane::editingChanged, this, &DataPage::onEditingChanged);
    connect(m_detail, &SampleDetailPane::sampleEdited, this, &DataPage::onSampleEdited);
    connect(m_detail, &SampleDetailPane::statusMessage, this, &DataPage::statusMessage);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("dataSplitter"));
    m_splitter->addWidget(m_tableStack);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *keysHint = new QLabel(tr("Keys: A approve · R reject · E edit · J / K next / previous · Ctrl+Z undo · "
                                   "Shift or Ctrl + click to select several"),
                                this);
    keysHint->setObjectName(QStringLiteral("keysHint"));
    keysHint->setForegroundRole(QPalette::PlaceholderText);
    QFont hintFont = keysHint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 0.92);
    keysHint->setFont(hintFont);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->setSpacing(10);
    layout->addLayout(headerRow);
    layout->addLayout(filterRow);
    layout->addWidget(m_importBar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(keysHint);

    restoreLayout();
    setProject(nullptr);
}

DataPage::~DataPage() {
    saveLayout();
}

void DataPage::buildActions() {
    auto make = [this](const QString &text, const QKeySequence &key, const QString &tip, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        // Single-letter keys must not fire while the user types in the search field.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_approveAction = make(tr("Approve"), QKeySequence(Qt::Key_A), tr("Approve the selected samples"),
                           &DataPage::approveSelected);
    m_rejectAction = make(tr("Reject…"), QKeySequence(Qt::Key_R),
                          tr("Reject the selected samples, with a reason"), &DataPage::rejectSelected);
    m_editAction = make(tr("Edit Sample"), QKeySequence(Qt::Key_E),
                        tr("Edit the input and output; every version is kept"), &DataPage::editCurrent);
    m_undoAction = make(tr("Undo"), QKeySequence::Undo, tr("Take back the last decision or edit"),
                        &DataPage::undoLastDecision);
    m_nextAction = make(tr("Next Sample"), QKeySequence(Qt::Key_J), tr("Move to the next sample"),
                        &DataPage::moveToNextRow);
    m_previousAction = make(tr("Previous Sample"), QKeySequence(Qt::Key_K), tr("Move to the previous sample"),
                            &DataPage::moveToPreviousRow);
    m_refreshAction = make(tr("Refresh"), QKeySequence::Refresh,
                           tr("Read the samples again from the project"), &DataPage::refresh);
    m_moreLikeAction = make(tr("Generate More Like These"), QKeySequence(Qt::Key_G),
                            tr("Ask the teacher for more samples like the selected approved ones"),
                            &DataPage::generateMoreLikeSelected);
    m_moreLikeAction->setObjectName(QStringLiteral("moreLikeAction"));
    m_approveAction->setObjectName(QStringLiteral("approveAction"));
    m_rejectAction->setObjectName(QStringLiteral("rejectAction"));
    m_editAction->setObjectName(QStringLiteral("editAction"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
}

QList<QAction *> DataPage::reviewActions() const {
    return {m_approveAction, m_rejectAction,   m_editAction,    m_undoAction,
            m_nextAction,    m_previousAction, m_refreshAction, m_moreLikeAction};
}

QTableView *DataPage::tableView() const {
    return m_table;
}

bool DataPage::isImporting() const {
    return m_import->isRunning();
}

void DataPage::setProject(store::Project *project) {
    m_project = project;
    m_undo.clear();
    m_model->setProject(project);
    m_detail->setProject(project);  // drops an edit in progress, so the page is usable again
    updateActions();
    updateCounts();
    updateEmptyState();
    if (m_model->rowCount() > 0)
        selectRow(0);
    else
        updateDetail();
}

// --- selection and movement ---------------------------------------------------------------------

int DataPage::currentRow() const {
    return m_table->currentRow();
}

void DataPage::selectRow(int row) {
    m_table->selectRow(row);
}

void DataPage::moveToNextRow() {
    selectRow(std::min(currentRow() + 1, m_model->rowCount() - 1));
}

void DataPage::moveToPreviousRow() {
    selectRow(std::max(currentRow() - 1, 0));
}

std::vector<int64_t> DataPage::selectedIds(int *lastRow) const {
    const std::vector<int> rows = m_table->selectedRowNumbers();
    std::vector<int64_t> ids;
    ids.reserve(rows.size());
    for (int row : rows)
        if (const qint64 id = m_model->sampleId(row); id >= 0) ids.push_back(id);
    if (lastRow) *lastRow = rows.empty() ? -1 : rows.back();
    return ids;
}

// --- review -------------------------------------------------------------------------------------

void DataPage::approveSelected() {
    review(store::SampleStatus::approved);
}

void DataPage::rejectSelected() {
    review(store::SampleStatus::rejected);
}

void DataPage::generateMoreLikeSelected() {
    if (!m_project) return;
    QList<qint64> ids;
    for (int row : m_table->selectedRowNumbers()) {
        const QModelIndex index = m_model->index(row, 0);
        if (m_model->data(index, SampleTableModel::StatusRole).toInt() !=
            static_cast<int>(store::SampleStatus::approved))
            continue;
        if (const qint64 id = m_model->sampleId(row); id >= 0) ids << id;
    }
    if (ids.isEmpty()) {
        emit statusMessage(tr("Select approved samples first: the teacher writes more like the approved ones."));
        return;
    }
    emit statusMessage(tr("Generating more like %n approved samples…", nullptr, static_cast<int>(ids.size())));
    emit generateMoreLike(ids);
}

void DataPage::review(store::SampleStatus status) {
    if (!m_project) return;
    int lastRow = -1;
    const std::vector<int64_t> ids = selectedIds(&lastRow);
    if (ids.empty()) return;
    const int count = static_cast<int>(ids.size());

    QString reason;
    if (status == store::SampleStatus::rejected) {
        const std::optional<QString> answer =
            m_reasonProvider ? m_reasonProvider(count) : RejectReasonDialog::ask(count, this);
        if (!answer || answer->trimmed().isEmpty()) return;
        reason = answer->trimmed();
    }

    auto prior = m_project->review(ids, status, toStdString(reason));
    if (!prior) {
        showMessage(this, MessageKind::warning, tr("Review not saved"), toQString(prior.error().message));
        return;
    }
    m_undo.pushDecision(std::move(prior.value()));

    m_model->refreshSamples(ids);
    updateCounts();
    // Fast review: move on to the row after the last decided one.
    selectRow(std::min(lastRow + 1, m_model->rowCount() - 1));

    const bool approved = status == store::SampleStatus::approved;
    if (count == 1)
        emit statusMessage(approved ? tr("Approved #%1").arg(ids.front())
                                    : tr("Rejected #%1: %2").arg(ids.front()).arg(reason));
    else
        emit statusMessage(approved ? tr("Approved %n samples", nullptr, count)
                                    : tr("Rejected %n samples: %1", nullptr, count).arg(reason));
}

void DataPage::undoLastDecision() {
    if (!m_project || m_detail->isEditing()) return;
    if (m_undo.isEmpty()) {
        emit statusMessage(tr("Nothing to undo"));
        return;
    }
    const ReviewUndoStack::Undone undone = m_undo.undo(*m_project);
    if (!undone.error.isEmpty()) {
        showMessage(this, MessageKind::warning, tr("Undo failed"), undone.error);
        return;
    }
    const std::vector<int64_t> &ids = undone.ids;
    if (ids.empty()) return;
    m_model->refreshSamples(ids);
    updateCounts();
    if (const int row = m_model->rowOfSample(ids.front()); row >= 0) selectRow(row);
    if (undone.edit)
        emit statusMessage(tr("Undid the edit of #%1; its earlier text is back").arg(ids.front()));
    else
        emit statusMessage(ids.size() == 1
                               ? tr("Undid the decision on #%1").arg(ids.front())
                               : tr("Undid the decision on %n samples", nullptr, static_cast<int>(ids.size())));
}

// --- editing ------------------------------------------------------------------------------------

void DataPage::editCurrent() {
    if (!m_project) return;
    m_detail->beginEdit();
}

void DataPage::onSampleEdited(qint64 id, int restoreRevision) {
    if (restoreRevision >= 1) m_undo.pushEdit(id, restoreRevision);
    const int64_t ids[] = {id};
    m_model->refreshSamples(ids);
    emit statusMessage(tr("Saved the edit of #%1; Ctrl+Z takes it back").arg(id));
}

// While a sample is being edited, everything that would move the table or change what the pane
// shows holds still: the review keys, the filters, the table itself and import's reload.
void DataPage::onEditingChanged(bool editing) {
    updateActions();
    m_table->setEnabled(!editing);
    for (QWidget *w : {static_cast<QWidget *>(m_statusBox), static_cast<QWidget *>(m_splitBox),
                       static_cast<QWidget *>(m_searchEdit)})
        w->setEnabled(!editing);
    if (!editing) {
        updateDetail();
        m_table->setFocus(Qt::OtherFocusReason);
    }
}

void DataPage::updateActions() {
    const bool usable = m_project != nullptr && !m_detail->isEditing();
    for (QAction *action : reviewActions())
        action->setEnabled(usable);
    m_importButton->setEnabled(usable && !isImporting());
}

// --- filter, counts, detail ---------------------------------------------------------------------

void DataPage::setStatusFilter(std::optional<store::SampleStatus> status) {
    m_statusBox->setCurrentIndex(m_statusBox->findData(status ? static_cast<int>(*status) : -1));
}

void DataPage::setSplitFilter(std::optional<store::Split> split) {
    m_splitBox->setCurrentIndex(m_splitBox->findData(split ? static_cast<int>(*split) : -1));
}

void DataPage::setSearchText(const QString &text) {
    m_searchEdit->setText(text);
}

void DataPage::applyFilter() {
    m_searchTimer->stop();
    store::SampleFilter filter;
    if (const int s = m_statusBox->currentData().toInt(); s >= 0)
        filter.status = static_cast<store::SampleStatus>(s);
    if (const int s = m_splitBox->currentData().toInt(); s >= 0) filter.split = static_cast<store::Split>(s);
    filter.text = toStdString(m_searchEdit->text().trimmed());
    const qint64 current = m_model->sampleId(currentRow());
    m_model->setFilter(filter);
    const int row = m_model->rowOfSample(current);
    selectRow(row >= 0 ? row : 0);
    if (m_model->rowCount() == 0) updateDetail();
}

void DataPage::reloadKeepingCurrent() {
    const qint64 current = m_model->sampleId(currentRow());
    m_model->reload();
    const int row = m_model->rowOfSample(current);
    selectRow(row >= 0 ? row : 0);
    if (m_model->rowCount() == 0) updateDetail();
}

void DataPage::refresh() {
    reloadKeepingCurrent();
    updateCounts();
    updateEmptyState();
}

void DataPage::updateCounts() {
    m_counts = {};
    if (m_project) {
        auto counts = m_project->counts();
        if (counts)
            m_counts = counts.value();
        else
            emit statusMessage(tr("Could not count samples: %1").arg(toQString(counts.error().message)));
    }
    struct Part {
        QString label;
        int64_t n;
        QColor color;
    };
    const Part parts[] = {
        {Labels::status(store::SampleStatus::pending), m_counts.pending,
         Labels::statusForeground(store::SampleStatus::pending)},
        {Labels::status(store::SampleStatus::approved), m_counts.approved,
         Labels::statusForeground(store::SampleStatus::approved)},
        {Labels::status(store::SampleStatus::rejected), m_counts.rejected,
         Labels::statusForeground(store::SampleStatus::rejected)},
        {Labels::split(store::Split::train), m_counts.train, QColor(0x3b, 0x6f, 0xd4)},
        {Labels::split(store::Split::test), m_counts.test, QColor(0x83, 0x52, 0xc4)},
    };
    QStringList plain;
    QStringList rich;
    for (const Part &part : parts) {
        plain << QStringLiteral("%1 %2").arg(part.label, Labels::count(part.n));
        rich << QStringLiteral("<span style='color:%1'>&#9679;</span>&nbsp;%2&nbsp;<b>%3</b>")
                    .arg(part.color.name(), part.label.toHtmlEscaped(), Labels::count(part.n));
    }
    m_countsPlain = plain.join(QStringLiteral(" · "));
    m_countsLabel->setText(m_project ? rich.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")) : QString());
    m_countsLabel->setAccessibleName(m_countsPlain);
    emit countsChanged();
}

void DataPage::updateEmptyState() {
    m_tableStack->setCurrentIndex(m_project && m_counts.total == 0 ? 1 : 0);
}

void DataPage::updateDetail() {
    if (m_detail->isEditing()) return;  // the pane keeps the sample being edited
    const int selected = m_table->selectedRowCount();
    if (selected > 1) {
        m_detail->showSelectionSummary(selected);
        return;
    }
    m_detail->showSampleId(m_project ? m_model->sampleId(currentRow()) : -1);
}

// --- import -------------------------------------------------------------------------------------

void DataPage::chooseAndImport() {
    if (!m_project || isImporting() || m_detail->isEditing()) return;
    std::optional<ImportRequest> request;
    if (m_importChooser) {
        request = m_importChooser();
    } else {
        ImportDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted) {
            request = ImportRequest{};
            request->filePath = dialog.filePath();
            request->status = dialog.status();
            request->split = dialog.split();
        }
    }
    if (request) startImport(*request);
}

bool DataPage::startImport(const ImportRequest &request) {
    if (!m_project || isImporting()) return false;
    ImportRequest r = request;
    r.projectPath = fromPath(m_project->path());
    if (!m_import->start(r)) return false;
    m_importButton->setEnabled(false);
    return true;
}

void DataPage::cancelImport() {
    m_import->cancel();
}

void DataPage::onImportFinished(const ImportOutcome &outcome) {
    updateActions();
    m_importBar->showFinished(outcome);
    // The user may have closed or switched projects while the import ran.
    if (m_project && fromPath(m_project->path()) == outcome.projectPath) {
        refresh();
        emit statusMessage(m_importBar->summaryText());
    }
    emit importFinished(outcome);
}

// --- layout persistence -------------------------------------------------------------------------

void DataPage::saveLayout() const {
    QSettings settings;
    settings.setValue(kSplitterKey, m_splitter->saveState());
}

void DataPage::restoreLayout() {
    const QByteArray state = QSettings().value(kSplitterKey).toByteArray();
    if (!state.isEmpty()) m_splitter->restoreState(state);
}

}  // namespace smolify::ui
