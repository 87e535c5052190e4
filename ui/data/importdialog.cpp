#include "data/importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "common/labels.h"

namespace smolify::ui {

namespace {
const QString kLastDirKey = QStringLiteral("import/lastDirectory");
}

ImportDialog::ImportDialog(QWidget *parent) : QDialog(parent) {
    setWindowTitle(tr("Import Samples"));

    auto *intro = new QLabel(tr("Bring samples you already have. JSON Lines with \"input\" and \"output\" "
                                "fields (or OpenAI-style \"messages\"), or CSV with input and output "
                                "columns. Lines that cannot be read are listed afterwards; samples "
                                "already in the project are skipped."),
                             this);
    intro->setWordWrap(true);

    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setPlaceholderText(tr("Choose a .jsonl or .csv file"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(browseButton);

    m_statusBox = new QComboBox(this);
    m_statusBox->addItem(tr("Pending — review them here"), static_cast<int>(store::SampleStatus::pending));
    m_statusBox->addItem(tr("Approved — I trust this file"), static_cast<int>(store::SampleStatus::approved));
    m_splitBox = new QComboBox(this);
    m_splitBox->addItem(Labels::split(store::Split::train), static_cast<int>(store::Split::train));
    m_splitBox->addItem(Labels::split(store::Split::test), static_cast<int>(store::Split::test));

    auto *form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Arrive as:"), m_statusBox);
    form->addRow(tr("Split:"), m_splitBox);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &ImportDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());
    updateButtons();
}

QString ImportDialog::filePath() const {
    return m_fileEdit->text().trimmed();
}

void ImportDialog::setFilePath(const QString &path) {
    m_fileEdit->setText(path);
}

store::SampleStatus ImportDialog::status() const {
    return static_cast<store::SampleStatus>(m_statusBox->currentData().toInt());
}

store::Split ImportDialog::split() const {
    return static_cast<store::Split>(m_splitBox->currentData().toInt());
}

void ImportDialog::browse() {
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Samples"), settings.value(kLastDirKey).toString(),
                                     tr("Samples (*.jsonl *.ndjson *.json *.csv);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue(kLastDirKey, QFileInfo(path).absolutePath());
    m_fileEdit->setText(path);
}

void ImportDialog::updateButtons() {
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(QFileInfo(filePath()).isFile());
}

}  // namespace smolify::ui
