#include "intent/intentpage.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "common/labels.h"
#include "common/qtstring.h"
#include "store/project.h"
#include "synth/synthpanel.h"

namespace smolify::ui {

namespace {
QLabel *valueLabel(QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

}  // namespace

IntentPage::IntentPage(QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("intentPage"));
    auto *title = new QLabel(tr("Intent"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    m_name = new QLabel(this);
    m_name->setForegroundRole(QPalette::PlaceholderText);

    auto *intentBox = new QGroupBox(tr("What this model is for"), this);
    m_intent = new QPlainTextEdit(intentBox);
    m_intent->setObjectName(QStringLiteral("intentText"));
    m_intent->setReadOnly(true);
    m_intent->setMaximumHeight(160);
    auto *intentLayout = new QVBoxLayout(intentBox);
    intentLayout->addWidget(m_intent);

    m_synth = new SynthPanel(this);
    connect(m_synth, &SynthPanel::samplesAdded, this, &IntentPage::samplesAdded);
    connect(m_synth, &SynthPanel::statusMessage, this, &IntentPage::statusMessage);
    connect(m_synth, &SynthPanel::specChanged, this, &IntentPage::refresh);

    auto *projectBox = new QGroupBox(tr("Project"), this);
    m_spec = valueLabel(projectBox);
    m_created = valueLabel(projectBox);
    m_file = valueLabel(projectBox);
    auto *projectForm = new QFormLayout(projectBox);
    projectForm->addRow(tr("Task spec:"), m_spec);
    projectForm->addRow(tr("Created:"), m_created);
    projectForm->addRow(tr("File:"), m_file);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    auto *heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addSpacing(12);
    heading->addWidget(m_name, 1);
    layout->addLayout(heading);
    layout->addWidget(intentBox);
    layout->addWidget(m_synth);
    layout->addWidget(projectBox);
    layout->addStretch(1);
}

void IntentPage::setProject(store::Project *project) {
    m_project = project;
    m_synth->setProject(project);
    refresh();
}

void IntentPage::refresh() {
    if (!m_project) {
        for (QLabel *label : {m_name, m_spec, m_created, m_file})
            label->clear();
        m_intent->clear();
        return;
    }
    auto info = m_project->info();
    if (!info) {
        m_intent->setPlainText(tr("Could not read the project: %1").arg(toQString(info.error().message)));
        return;
    }
    m_name->setText(toQString(info->name));
    m_intent->setPlainText(toQString(info->intent));
    m_spec->setText(info->spec_version ? tr("version %1").arg(*info->spec_version) : tr("none yet"));
    m_created->setText(
        tr("%1 by Smolify %2").arg(Labels::dateTime(info->created_at), toQString(info->created_by)));
    m_file->setText(fromPath(m_project->path()));
}

QString IntentPage::intentText() const {
    return m_intent->toPlainText();
}

}  // namespace smolify::ui
