#include "shell/newprojectdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "common/qtstring.h"

namespace smolify::ui {

namespace {
const QString kSuffix = QStringLiteral(".smolify");
}

NewProjectDialog::NewProjectDialog(QWidget *parent) : QDialog(parent) {
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New Project"));

    auto *intentLabel = new QLabel(tr("What should the model do? Describe it in plain words, as you would "
                                      "to a colleague."),
                                   this);
    intentLabel->setWordWrap(true);
    m_intent = new QPlainTextEdit(this);
    m_intent->setObjectName(QStringLiteral("intentEdit"));
    m_intent->setPlaceholderText(
        tr("e.g. Turn a clinician's dictation into a SOAP note with Subjective, "
           "Objective, Assessment and Plan sections."));
    m_intent->setTabChangesFocus(true);
    m_intent->setMinimumHeight(110);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_path->setPlaceholderText(tr("Where to save the project"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &NewProjectDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Defaults to the file name"));

    auto *teacherBox = new QGroupBox(tr("Teacher (optional, can be set later)"), this);
    m_teacherUrl = new QLineEdit(teacherBox);
    m_teacherUrl->setPlaceholderText(QStringLiteral("http://localhost:11434/v1"));
    m_teacherModel = new QLineEdit(teacherBox);
    m_teacherModel->setPlaceholderText(tr("e.g. llama3.1:70b"));
    m_teacherKeyEnv = new QLineEdit(teacherBox);
    m_teacherKeyEnv->setPlaceholderText(tr("e.g. OPENAI_API_KEY — the variable's name, never the key"));
    m_teacherKeyEnv->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*")), this));
    auto *teacherForm = new QFormLayout(teacherBox);
    teacherForm->addRow(tr("Endpoint:"), m_teacherUrl);
    teacherForm->addRow(tr("Model:"), m_teacherModel);
    teacherForm->addRow(tr("API key variable:"), m_teacherKeyEnv);

    auto *form = new QFormLayout;
    form->addRow(tr("Project file:"), pathRow);
    form->addRow(tr("Name:"), m_name);

    m_problem = new QLabel(this);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_problem->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_intent, &QPlainTextEdit::textChanged, this, &NewProjectDialog::updateButtons);
    connect(m_path, &QLineEdit::textChanged, this, &NewProjectDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intentLabel);
    layout->addWidget(m_intent, 1);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(teacherBox);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(620, 520);
    updateButtons();
}

QString NewProjectDialog::projectPath() const {
    QString path = m_path->text().trimmed();
    if (path.isEmpty()) return path;
    if (!path.endsWith(kSuffix, Qt::CaseInsensitive)) path += kSuffix;
    return QFileInfo(path).absoluteFilePath();
}

store::CreateParams NewProjectDialog::params() const {
    store::CreateParams params;
    params.intent = toStdString(m_intent->toPlainText().trimmed());
    params.name = toStdString(m_name->text().trimmed());
    params.teacher_url = toStdString(m_teacherUrl->text().trimmed());
    params.teacher_model = toStdString(m_teacherModel->text().trimmed());
    params.teacher_key_env = toStdString(m_teacherKeyEnv->text().trimmed());
    return params;
}

void NewProjectDialog::setProjectPath(const QString &path) {
    m_path->setText(path);
}

void NewProjectDialog::setIntent(const QString &intent) {
    m_intent->setPlainText(intent);
}

void NewProjectDialog::browse() {
    QString start = m_path->text().trimmed();
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') +
                tr("untitled") + kSuffix;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("New Project"), start, tr("Smolify projects (*.smolify)"));
    if (!path.isEmpty()) m_path->setText(path);
}

void NewProjectDialog::updateButtons() {
    QString problem;
    const QString path = projectPath();
    if (m_intent->toPlainText().trimmed().isEmpty())
        problem = tr("Describe what the model should do.");
    else if (path.isEmpty())
        problem = tr("Choose where to save the project.");
    else if (QFileInfo::exists(path))
        problem = tr("%1 already exists; choose another name.").arg(QDir::toNativeSeparators(path));
    else if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        problem =
            tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

}  // namespace smolify::ui
