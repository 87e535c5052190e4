#include "intent/intentpage.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "common/labels.h"
#include "common/qtstring.h"
#include "store/project.h"

namespace smolify::ui {

namespace {
QLabel *valueLabel(QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QString orNotSet(const std::string &value) {
    return value.empty() ? IntentPage::tr("not set") : toQString(value);
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

    auto *teacherBox = new QGroupBox(tr("Teacher"), this);
    m_teacherUrl = valueLabel(teacherBox);
    m_teacherModel = valueLabel(teacherBox);
    m_teacherKey = valueLabel(teacherBox);
    auto *teacherForm = new QFormLayout(teacherBox);
    teacherForm->addRow(tr("Endpoint:"), m_teacherUrl);
    teacherForm->addRow(tr("Model:"), m_teacherModel);
    teacherForm->addRow(tr("API key from:"), m_teacherKey);

    auto *projectBox = new QGroupBox(tr("Project"), this);
    m_spec = valueLabel(projectBox);
    m_created = valueLabel(projectBox);
    m_file = valueLabel(projectBox);
    auto *projectForm = new QFormLayout(projectBox);
    projectForm->addRow(tr("Task spec:"), m_spec);
    projectForm->addRow(tr("Created:"), m_created);
    projectForm->addRow(tr("File:"), m_file);

    auto *note = new QLabel(tr("Drafting a task spec from this intent with the teacher (task kind, "
                               "instruction, output contract, diversity axes and seed examples) arrives "
                               "in a later version. Until then, bring samples on the Data page."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    auto *heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addSpacing(12);
    heading->addWidget(m_name, 1);
    layout->addLayout(heading);
    layout->addWidget(intentBox);
    layout->addWidget(teacherBox);
    layout->addWidget(projectBox);
    layout->addWidget(note);
    layout->addStretch(1);
}

void IntentPage::setProject(store::Project *project) {
    m_project = project;
    refresh();
}

void IntentPage::refresh() {
    if (!m_project) {
        for (QLabel *label : {m_name, m_teacherUrl, m_teacherModel, m_teacherKey, m_spec, m_created, m_file})
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
    m_teacherUrl->setText(orNotSet(info->teacher.base_url));
    m_teacherModel->setText(orNotSet(info->teacher.model));
    m_teacherKey->setText(info->teacher.key_env.empty()
                              ? tr("no key (a local teacher needs none)")
                              : tr("environment variable %1").arg(toQString(info->teacher.key_env)));
    m_spec->setText(info->spec_version ? tr("version %1").arg(*info->spec_version) : tr("none yet"));
    m_created->setText(
        tr("%1 by Smolify %2").arg(Labels::dateTime(info->created_at), toQString(info->created_by)));
    m_file->setText(fromPath(m_project->path()));
}

QString IntentPage::intentText() const {
    return m_intent->toPlainText();
}

}  // namespace smolify::ui
