#include "data/sampledetailpane.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "common/labels.h"
#include "common/qtstring.h"
#include "data/revisionhistory.h"
#include "store/project.h"

namespace smolify::ui {

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent) {
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::PercentageSpacing, 104);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QPlainTextEdit *textView(const QString &objectName, QWidget *parent) {
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::GeneralFont));
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

// A rounded strip for messages inside the pane (the reject reason, a refused save).
QString noteStyle(const QString &objectName, const QColor &background, const QColor &foreground) {
    return QStringLiteral("QLabel#%1 { background: %2; color: %3; border-radius: 6px; padding: 6px 8px; }")
        .arg(objectName, background.name(), foreground.name());
}

QLabel *noteLabel(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// JSON (an extraction task's output, usually) reads better in a fixed-width font; prose does not.
void setText(QPlainTextEdit *view, const QString &text) {
    const QString start = text.left(64).trimmed();
    const bool json = start.startsWith(QLatin1Char('{')) || start.startsWith(QLatin1Char('['));
    view->setFont(QFontDatabase::systemFont(json ? QFontDatabase::FixedFont : QFontDatabase::GeneralFont));
    view->setPlainText(text);
}

// Provenance is JSON text ({"file":"a.jsonl","line":12}, {"model":...,"call":...}); show it as
// "file: a.jsonl · line: 12", or as it is when it is not an object.
QString describeProvenance(const std::string &provenance) {
    const QString raw = toQString(provenance).trimmed();
    if (raw.isEmpty()) return {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toUtf8());
    if (!doc.isObject()) return raw;
    QStringList parts;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 15);
        else if (value.isBool())
            text = value.toBool() ? SampleDetailPane::tr("yes") : SampleDetailPane::tr("no");
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isObject())
            text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        parts << it.key() + QStringLiteral(": ") + text;
    }
    return parts.join(QStringLiteral("  ·  "));
}

}  // namespace

SampleDetailPane::SampleDetailPane(QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("sampleDetailPane"));
    m_stack = new QStackedWidget(this);

    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_emptyLabel);

    auto *detail = new QWidget(m_stack);
    m_title = new QLabel(detail);
    m_title->setObjectName(QStringLiteral("sampleTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_status = new QLabel(detail);
    m_status->setObjectName(QStringLiteral("sampleStatusBadge"));
    m_facts = new QLabel(detail);
    m_facts->setObjectName(QStringLiteral("sampleFacts"));
    m_facts->setForegroundRole(QPalette::PlaceholderText);
    m_facts->setWordWrap(true);
    const QColor rejectedBackground = Labels::statusBackground(store::SampleStatus::rejected);
    const QColor rejectedForeground = Labels::statusForeground(store::SampleStatus::rejected);
    m_reason = noteLabel(QStringLiteral("rejectReason"), detail);
    m_reason->setStyleSheet(noteStyle(m_reason->objectName(), rejectedBackground, rejectedForeground));

    // --- edit and history controls ------------------------------------------------------------
    m_editButton = new QPushButton(tr("Edit"), detail);
    m_editButton->setObjectName(QStringLiteral("editButton"));
    m_editButton->setToolTip(tr("Edit the input and output (E). Every version is kept."));
    connect(m_editButton, &QPushButton::clicked, this, &SampleDetailPane::beginEdit);
    m_historyButton = new QPushButton(detail);
    m_historyButton->setObjectName(QStringLiteral("historyButton"));
    m_historyButton->setCheckable(true);
    connect(m_historyButton, &QPushButton::toggled, this, &SampleDetailPane::setHistoryVisible);
    m_editHint = new QLabel(tr("Editing: Ctrl+Enter saves, Esc cancels"), detail);
    m_editHint->setObjectName(QStringLiteral("editHint"));
    m_editHint->setForegroundRole(QPalette::PlaceholderText);
    m_saveButton = new QPushButton(tr("Save"), detail);
    m_saveButton->setObjectName(QStringLiteral("saveEditButton"));
    m_saveButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), detail);
    m_cancelButton->setObjectName(QStringLiteral("cancelEditButton"));

    // Keys that act while the focus is anywhere in the pane (in an editor, typically). A text
    // editor claims plain letters, Return, Ctrl+Z and the like for itself, but not Ctrl+Return or Esc.
    m_saveAction = new QAction(tr("Save Edit"), this);
    m_saveAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_saveAction, &QAction::triggered, this, &SampleDetailPane::saveEdit);
    m_cancelAction = new QAction(tr("Cancel Edit"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cancelAction, &QAction::triggered, this, &SampleDetailPane::cancelEdit);
    addActions({m_saveAction, m_cancelAction});
    m_saveButton->setToolTip(tr("Save the edit (%1)").arg(m_saveAction->shortcut().toString(QKeySequence::NativeText)));
    m_cancelButton->setToolTip(tr("Put the stored text back (Esc)"));
    connect(m_saveButton, &QPushButton::clicked, this, &SampleDetailPane::saveEdit);
    connect(m_cancelButton, &QPushButton::clicked, this, &SampleDetailPane::cancelEdit);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 2, 0, 2);
    controls->addWidget(m_editButton);
    controls->addWidget(m_historyButton);
    controls->addWidget(m_editHint, 1);
    controls->addStretch(0);
    controls->addWidget(m_cancelButton);
    controls->addWidget(m_saveButton);

    m_editError = noteLabel(QStringLiteral("editError"), detail);
    m_editError->setStyleSheet(noteStyle(m_editError->objectName(), rejectedBackground, rejectedForeground));
    m_history = new RevisionHistory(detail);
    m_history->setMaximumHeight(150);
    connect(m_history, &RevisionHistory::revisionSelected, this, &SampleDetailPane::showSelectedRevision);
    m_versionNote = noteLabel(QStringLiteral("versionNote"), detail);
    m_versionNote->setStyleSheet(noteStyle(m_versionNote->objectName(),
                                           Labels::statusBackground(store::SampleStatus::pending),
                                           Labels::statusForeground(store::SampleStatus::pending)));

    m_input = textView(QStringLiteral("sampleInput"), detail);
    m_output = textView(QStringLiteral("sampleOutput"), detail);
    m_provenance = new QLabel(detail);
    m_provenance->setObjectName(QStringLiteral("sampleProvenance"));
    m_provenance->setWordWrap(true);
    m_provenance->setTextFormat(Qt::PlainText);
    m_provenance->setForegroundRole(QPalette::PlaceholderText);
    m_provenance->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *inputBox = new QWidget(detail);
    auto *inputLayout = new QVBoxLayout(inputBox);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->setSpacing(4);
    inputLayout->addWidget(sectionLabel(tr("Input"), inputBox));
    inputLayout->addWidget(m_input);
    auto *outputBox = new QWidget(detail);
    auto *outputLayout = new QVBoxLayout(outputBox);
    outputLayout->setContentsMargins(0, 6, 0, 0);
    outputLayout->setSpacing(4);
    outputLayout->addWidget(sectionLabel(tr("Output"), outputBox));
    outputLayout->addWidget(m_output);
    auto *texts = new QSplitter(Qt::Vertical, detail);
    texts->setObjectName(QStringLiteral("detailTextSplitter"));
    texts->setChildrenCollapsible(false);
    texts->addWidget(inputBox);
    texts->addWidget(outputBox);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch(1);
    header->addWidget(m_status);

    auto *layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(header);
    layout->addWidget(m_facts);
    layout->addWidget(m_reason);
    layout->addLayout(controls);
    layout->addWidget(m_editError);
    layout->addWidget(m_history);
    layout->addWidget(m_versionNote);
    layout->addWidget(texts, 1);
    layout->addWidget(m_provenance);
    m_stack->addWidget(detail);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 4, 4, 4);
    outer->addWidget(m_stack);
    m_editError->setVisible(false);
    m_history->setVisible(false);
    m_versionNote->setVisible(false);
    showNothing();
}

void SampleDetailPane::setProject(store::Project *project) {
    m_project = project;
    m_sample.reset();
    m_history->clearRevisions();
    m_editError->clear();
    m_editError->setVisible(false);
    if (m_editing) setEditing(false);  // an unsaved edit belongs to the project that is going away
    showNothing();
}

// --- what is shown ------------------------------------------------------------------------------

void SampleDetailPane::showSampleId(qint64 id) {
    if (m_editing) return;
    if (!m_project || id < 0) {
        showNothing();
        return;
    }
    auto sample = m_project->sample(id);
    if (!sample || !sample.value()) {
        showNothing();
        if (!sample)
            emit statusMessage(tr("Could not read sample #%1: %2").arg(id).arg(toQString(sample.error().message)));
        return;
    }
    showSample(*sample.value());
}

void SampleDetailPane::showSample(const store::Sample &sample) {
    const bool sameSample = m_sample && m_sample->id == sample.id;
    m_sample = sample;
    m_title->setText(tr("Sample #%1").arg(sample.id));
    m_status->setText(Labels::status(sample.status));
    m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 9px;"
                                           " padding: 2px 10px; font-weight: 600; }")
                                .arg(Labels::statusBackground(sample.status).name(),
                                     Labels::statusForeground(sample.status).name()));

    QStringList facts;
    facts << tr("Split: %1").arg(Labels::split(sample.split))
          << tr("Source: %1").arg(Labels::source(sample.source));
    if (!sample.topic.empty()) facts << tr("Topic: %1").arg(toQString(sample.topic));
    if (sample.reviewed_at) facts << tr("Reviewed: %1").arg(Labels::dateTime(*sample.reviewed_at));
    // After the first edit there are at least two versions: the original and the edit.
    facts << (sample.revision_count == 0 ? tr("Not edited")
                                         : tr("Edited, %1 versions kept").arg(sample.revision_count));
    m_facts->setText(facts.join(QStringLiteral("  ·  ")));

    const bool rejected = sample.status == store::SampleStatus::rejected;
    m_reason->setText(rejected ? tr("Rejected: %1").arg(toQString(sample.reject_reason)) : QString());
    m_reason->setVisible(rejected);

    setText(m_input, toQString(sample.input));
    setText(m_output, toQString(sample.output));
    const QString provenance = describeProvenance(sample.provenance);
    m_provenance->setText(provenance.isEmpty() ? QString() : tr("Provenance: %1").arg(provenance));
    m_provenance->setVisible(!provenance.isEmpty());
    if (!sameSample) m_editError->clear();
    m_editError->setVisible(!m_editError->text().isEmpty());
    m_versionNote->setVisible(false);
    m_stack->setCurrentIndex(1);
    if (isHistoryVisible() && sample.revision_count == 0) {
        // Nothing to list for a sample that was never edited: close the list.
        const QSignalBlocker blocker(m_historyButton);
        m_historyButton->setChecked(false);
        m_history->setVisible(false);
        m_history->clearRevisions();
    }
    if (isHistoryVisible()) loadHistory();
    updateButtons();
}

void SampleDetailPane::showSelectionSummary(int selectedCount) {
    if (m_editing) return;
    m_sample.reset();
    m_emptyLabel->setText(
        tr("%n samples selected.\n\nA approves them all, R rejects them all with one reason, "
           "Ctrl+Z takes the decision back.",
           nullptr, selectedCount));
    m_stack->setCurrentIndex(0);
    updateButtons();
}

void SampleDetailPane::showNothing() {
    if (m_editing) return;
    m_sample.reset();
    m_emptyLabel->setText(tr("Select a sample to read it in full."));
    m_stack->setCurrentIndex(0);
    updateButtons();
}

bool SampleDetailPane::canEdit() const {
    return m_project && m_sample && !m_editing && m_stack->currentIndex() == 1;
}

bool SampleDetailPane::isHistoryVisible() const {
    return m_historyButton->isChecked();
}

void SampleDetailPane::updateButtons() {
    const int versions = m_sample ? m_sample->revision_count : 0;
    m_historyButton->setText(tr("History (%1)").arg(versions));
    m_historyButton->setToolTip(versions == 0 ? tr("Not edited yet: the first edit keeps the original text "
                                                   "as revision 1")
                                              : tr("Every version of this sample, with who wrote it and when"));
    m_editButton->setVisible(!m_editing);
    m_editButton->setEnabled(canEdit());
    m_historyButton->setVisible(!m_editing);
    m_historyButton->setEnabled(versions > 0 && !m_editing);
    m_editHint->setVisible(m_editing);
    m_saveButton->setVisible(m_editing);
    m_cancelButton->setVisible(m_editing);
    m_saveAction->setEnabled(m_editing);
    m_cancelAction->setEnabled(m_editing);
}

// --- editing ------------------------------------------------------------------------------------

void SampleDetailPane::beginEdit() {
    if (!canEdit()) return;
    // Edit the current text, not an old version someone was looking at.
    if (isHistoryVisible()) m_historyButton->setChecked(false);
    setText(m_input, toQString(m_sample->input));
    setText(m_output, toQString(m_sample->output));
    m_editError->clear();
    m_editError->setVisible(false);
    setEditing(true);
    m_input->setFocus(Qt::ShortcutFocusReason);
    m_input->moveCursor(QTextCursor::End);
}

void SampleDetailPane::setEditing(bool editing) {
    m_editing = editing;
    const QString frame = QStringLiteral("QPlainTextEdit { border: 2px solid %1; border-radius: 4px; }")
                              .arg(palette().color(QPalette::Highlight).name());
    for (QPlainTextEdit *editor : {m_input, m_output}) {
        editor->setReadOnly(!editing);
        editor->setTextInteractionFlags(editing ? Qt::TextEditorInteraction
                                                : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        editor->setStyleSheet(editing ? frame : QString());
    }
    updateButtons();
    emit editingChanged(editing);
}

bool SampleDetailPane::saveEdit() {
    if (!m_editing || !m_sample || !m_project) return false;
    const qint64 id = m_sample->id;
    const QString input = m_input->toPlainText();
    const QString output = m_output->toPlainText();
    if (input == toQString(m_sample->input) && output == toQString(m_sample->output)) {
        cancelEdit();
        emit statusMessage(tr("No changes to save in #%1").arg(id));
        return true;
    }
    const Status saved = m_project->edit_sample(id, toStdString(input), toStdString(output));
    if (!saved) {
        // In place, and nothing lost: the edited text stays in the editors.
        m_editError->setText(tr("Not saved: %1").arg(toQString(saved.error().message)));
        m_editError->setVisible(true);
        return false;
    }
    m_editError->clear();
    setEditing(false);
    showSampleId(id);
    // The newest revision is the text just saved; the one before it is what undo brings back.
    const int restoreRevision = m_sample && m_sample->id == id ? m_sample->revision_count - 1 : 0;
    emit sampleEdited(id, restoreRevision);
    return true;
}

void SampleDetailPane::cancelEdit() {
    if (!m_editing) return;
    m_editError->clear();
    setEditing(false);
    if (m_sample) showSample(*m_sample);
}

// --- history ------------------------------------------------------------------------------------

void SampleDetailPane::setHistoryVisible(bool visible) {
    if (visible && (m_editing || !m_sample || m_sample->revision_count == 0)) visible = false;
    if (m_historyButton->isChecked() != visible) {
        m_historyButton->setChecked(visible);  // comes back here through toggled()
        return;
    }
    m_history->setVisible(visible);
    if (visible) {
        loadHistory();
    } else {
        m_history->clearRevisions();  // frees the versions' text
        if (m_sample) showSample(*m_sample);
    }
}

void SampleDetailPane::loadHistory() {
    if (!m_project || !m_sample) {
        m_history->clearRevisions();
        return;
    }
    auto revisions = m_project->revisions(m_sample->id);
    if (!revisions) {
        m_history->clearRevisions();
        emit statusMessage(tr("Could not read the history of #%1: %2")
                               .arg(m_sample->id)
                               .arg(toQString(revisions.error().message)));
        return;
    }
    m_history->setRevisions(std::move(revisions.value()));
}

void SampleDetailPane::showSelectedRevision() {
    if (!m_sample || m_editing) return;
    const store::Revision *revision = m_history->selectedRevision();
    if (!revision || m_history->isCurrentSelected()) {
        setText(m_input, toQString(m_sample->input));
        setText(m_output, toQString(m_sample->output));
        m_versionNote->setVisible(false);
        return;
    }
    setText(m_input, toQString(revision->input));
    setText(m_output, toQString(revision->output));
    const QString who = RevisionHistory::authorLabel(revision->author);
    const QString when = Labels::dateTime(revision->created_at);
    m_versionNote->setText(
        revision->revision == 1
            ? tr("Showing the original text (revision 1, %1, %2), not the current one.").arg(who, when)
            : tr("Showing revision %1 (%2, %3), not the current text.").arg(revision->revision).arg(who, when));
    m_versionNote->setVisible(true);
}

// --- what tests and screen readers read ---------------------------------------------------------

QString SampleDetailPane::inputText() const {
    return m_stack->currentIndex() == 1 ? m_input->toPlainText() : QString();
}

QString SampleDetailPane::outputText() const {
    return m_stack->currentIndex() == 1 ? m_output->toPlainText() : QString();
}

QString SampleDetailPane::rejectReasonText() const {
    return m_reason->isVisibleTo(this) ? m_reason->text() : QString();
}

QString SampleDetailPane::editErrorText() const {
    return m_editError->isVisibleTo(this) ? m_editError->text() : QString();
}

QString SampleDetailPane::historyButtonText() const {
    return m_historyButton->text();
}

}  // namespace smolify::ui
