#include "data/rejectreasondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace smolify::ui {

namespace {
const QString kRecentKey = QStringLiteral("review/recentRejectReasons");
}

RejectReasonDialog::RejectReasonDialog(int count, QWidget *parent) : QDialog(parent) {
    setObjectName(QStringLiteral("rejectReasonDialog"));
    setWindowTitle(count == 1 ? tr("Reject Sample") : tr("Reject %n Samples", nullptr, count));

    m_prompt = new QLabel(count == 1 ? tr("Why is this sample wrong? The reason is kept with the sample "
                                          "and steers later generation away from the same mistake.")
                                     : tr("Why are these %n samples wrong? The reason is kept with each "
                                          "sample and steers later generation away from the same mistake.",
                                          nullptr, count),
                          this);
    m_prompt->setWordWrap(true);

    m_reasonBox = new QComboBox(this);
    m_reasonBox->setObjectName(QStringLiteral("reasonBox"));
    m_reasonBox->setEditable(true);
    m_reasonBox->setInsertPolicy(QComboBox::NoInsert);
    m_reasonBox->addItems(recentReasons());
    m_reasonBox->setCurrentIndex(-1);
    m_reasonBox->setEditText(QString());
    m_reasonBox->lineEdit()->setPlaceholderText(tr("e.g. output misses the Plan section"));
    m_reasonBox->setMinimumWidth(380);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canAccept()) accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reasonBox, &QComboBox::editTextChanged, this, &RejectReasonDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_reasonBox);
    layout->addWidget(m_buttons);
    updateButtons();
}

QString RejectReasonDialog::reason() const {
    return m_reasonBox->currentText().trimmed();
}

void RejectReasonDialog::setReason(const QString &reason) {
    m_reasonBox->setEditText(reason);
}

bool RejectReasonDialog::canAccept() const {
    return !reason().isEmpty();
}

void RejectReasonDialog::updateButtons() {
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

std::optional<QString> RejectReasonDialog::ask(int count, QWidget *parent) {
    RejectReasonDialog dialog(count, parent);
    if (dialog.exec() != QDialog::Accepted || !dialog.canAccept()) return std::nullopt;
    const QString reason = dialog.reason();
    rememberReason(reason);
    return reason;
}

QStringList RejectReasonDialog::recentReasons() {
    return QSettings().value(kRecentKey).toStringList();
}

void RejectReasonDialog::rememberReason(const QString &reason) {
    QStringList reasons = recentReasons();
    reasons.removeAll(reason);
    reasons.prepend(reason);
    while (reasons.size() > kMaxRecentReasons)
        reasons.removeLast();
    QSettings().setValue(kRecentKey, reasons);
}

void RejectReasonDialog::clearRecentReasons() {
    QSettings().remove(kRecentKey);
}

}  // namespace smolify::ui
