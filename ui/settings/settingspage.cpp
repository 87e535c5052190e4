#include "settings/settingspage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

#include "common/recentprojects.h"
#include "data/rejectreasondialog.h"

namespace smolify::ui {

QString SettingsPage::languageKey() {
    return QStringLiteral("language");
}

SettingsPage::SettingsPage(RecentProjects *recent, QWidget *parent) : QWidget(parent), m_recent(recent) {
    setObjectName(QStringLiteral("settingsPage"));
    auto *title = new QLabel(tr("Settings"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);

    // --- interface --------------------------------------------------------------------------------
    auto *interfaceBox = new QGroupBox(tr("Interface"), this);
    m_language = new QComboBox(interfaceBox);
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(QSettings().value(languageKey()).toString())));
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { QSettings().setValue(languageKey(), m_language->currentData().toString()); });
    auto *languageNote = new QLabel(tr("Takes effect the next time Smolify starts."), interfaceBox);
    languageNote->setForegroundRole(QPalette::PlaceholderText);
    auto *interfaceForm = new QFormLayout(interfaceBox);
    interfaceForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    interfaceForm->addRow(tr("Language:"), m_language);
    interfaceForm->addRow(QString(), languageNote);

    // --- history ----------------------------------------------------------------------------------
    auto *historyBox = new QGroupBox(tr("History"), this);
    m_recentLabel = new QLabel(historyBox);
    m_clearRecent = new QPushButton(tr("Clear List"), historyBox);
    m_clearRecent->setObjectName(QStringLiteral("clearRecentButton"));
    connect(m_clearRecent, &QPushButton::clicked, m_recent, &RecentProjects::clear);
    connect(m_recent, &RecentProjects::changed, this, &SettingsPage::updateRecent);
    m_reasonsLabel = new QLabel(historyBox);
    m_clearReasons = new QPushButton(tr("Forget Reasons"), historyBox);
    connect(m_clearReasons, &QPushButton::clicked, this, [this] {
        RejectReasonDialog::clearRecentReasons();
        updateReasons();
    });
    auto *recentRow = new QHBoxLayout;
    recentRow->addWidget(m_recentLabel);
    recentRow->addSpacing(12);
    recentRow->addWidget(m_clearRecent);
    recentRow->addStretch(1);
    auto *reasonsRow = new QHBoxLayout;
    reasonsRow->addWidget(m_reasonsLabel);
    reasonsRow->addSpacing(12);
    reasonsRow->addWidget(m_clearReasons);
    reasonsRow->addStretch(1);
    auto *historyForm = new QFormLayout(historyBox);
    historyForm->addRow(tr("Recent projects:"), recentRow);
    historyForm->addRow(tr("Reject reasons:"), reasonsRow);

    auto *note = new QLabel(tr("Teacher connections, training presets and appearance get their settings "
                               "when those features arrive. Settings that belong to a project (its "
                               "intent and teacher) live in the project file, not here."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(interfaceBox);
    layout->addWidget(historyBox);
    layout->addWidget(note);
    layout->addStretch(1);
    updateRecent();
    updateReasons();
}

void SettingsPage::showEvent(QShowEvent *event) {
    updateRecent();
    updateReasons();
    QWidget::showEvent(event);
}

void SettingsPage::updateRecent() {
    const int n = static_cast<int>(m_recent->paths().size());
    m_recentLabel->setText(n == 1 ? tr("One project in File › Open Recent")
                                  : tr("%n projects in File › Open Recent", nullptr, n));
    m_clearRecent->setEnabled(n > 0);
}

void SettingsPage::updateReasons() {
    const int n = static_cast<int>(RejectReasonDialog::recentReasons().size());
    m_reasonsLabel->setText(n == 1 ? tr("One remembered for the Reject dialog")
                                   : tr("%n remembered for the Reject dialog", nullptr, n));
    m_clearReasons->setEnabled(n > 0);
}

}  // namespace smolify::ui
