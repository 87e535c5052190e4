#include "data/importbar.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/labels.h"

namespace smolify::ui {

ImportBar::ImportBar(QWidget *parent) : QFrame(parent) {
    setObjectName(QStringLiteral("importBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("importSummary"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_detailsButton = new QPushButton(tr("Show Problems"), this);
    m_detailsButton->setCheckable(true);
    m_closeButton = new QPushButton(tr("Dismiss"), this);
    m_issues = new QPlainTextEdit(this);
    m_issues->setObjectName(QStringLiteral("importIssues"));
    m_issues->setReadOnly(true);
    m_issues->setMaximumHeight(130);
    m_issues->setVisible(false);

    auto *row = new QHBoxLayout;
    row->addWidget(m_label, 1);
    row->addWidget(m_progress);
    row->addWidget(m_cancelButton);
    row->addWidget(m_detailsButton);
    row->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addLayout(row);
    layout->addWidget(m_issues);

    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancelButton->setEnabled(false);
        m_label->setText(tr("Cancelling the import of %1…").arg(m_fileName));
        emit cancelRequested();
    });
    connect(m_detailsButton, &QPushButton::toggled, m_issues, &QWidget::setVisible);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::hide);
    setVisible(false);
}

void ImportBar::showStarted(const QString &filePath) {
    m_running = true;
    m_fileName = QFileInfo(filePath).fileName();
    m_label->setText(tr("Importing %1…").arg(m_fileName));
    m_progress->setRange(0, 0);  // busy until the first report says how big the file is
    m_progress->setVisible(true);
    m_cancelButton->setEnabled(true);
    m_cancelButton->setVisible(true);
    m_detailsButton->setVisible(false);
    m_detailsButton->setChecked(false);
    m_closeButton->setVisible(false);
    m_issues->clear();
    setVisible(true);
}

void ImportBar::showProgress(const ImportStatus &status) {
    if (!m_running) return;
    if (status.bytesTotal > 0) {
        // Percent, so that files over 2 GB fit an int range.
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(status.bytesRead * 1000 / status.bytesTotal));
    }
    if (m_cancelButton->isEnabled())
        m_label->setText(tr("Importing %1… %2 read, %3 new")
                             .arg(m_fileName, Labels::count(status.records), Labels::count(status.imported)));
}

void ImportBar::showFinished(const ImportOutcome &outcome) {
    m_running = false;
    m_progress->setVisible(false);
    m_cancelButton->setVisible(false);
    m_closeButton->setVisible(true);
    const ImportStatus &t = outcome.totals;
    QString text;
    if (!outcome.ok) {
        text = tr("Could not import %1: %2").arg(m_fileName, outcome.error);
    } else {
        text = outcome.cancelled
                   ? tr("Import of %1 cancelled: %2 new samples kept.")
                         .arg(m_fileName, Labels::count(t.imported))
                   : tr("Imported %1: %2 new samples.").arg(m_fileName, Labels::count(t.imported));
        if (t.duplicates > 0)
            text +=
                QLatin1Char(' ') + tr("%n already in the project.", nullptr, static_cast<int>(t.duplicates));
        if (t.malformed > 0)
            text += QLatin1Char(' ') + tr("%n malformed, skipped.", nullptr, static_cast<int>(t.malformed));
    }
    m_label->setText(text);

    QStringList lines = outcome.issues;
    if (outcome.issuesNotListed > 0)
        lines << tr("… and %n more not listed.", nullptr, static_cast<int>(outcome.issuesNotListed));
    m_issues->setPlainText(lines.join(QLatin1Char('\n')));
    m_detailsButton->setVisible(!lines.isEmpty());
    m_detailsButton->setChecked(false);
    setVisible(true);
}

QString ImportBar::summaryText() const {
    return m_label->text();
}

QString ImportBar::issuesText() const {
    return m_issues->toPlainText();
}

}  // namespace smolify::ui
