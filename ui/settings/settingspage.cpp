#include "settings/settingspage.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

#include "common/appsettings.h"
#include "common/qtstring.h"
#include "common/recentprojects.h"
#include "data/rejectreasondialog.h"
#include "teacher/client.h"

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
    auto *content = new QWidget(this);

    // --- interface --------------------------------------------------------------------------------
    auto *interfaceBox = new QGroupBox(tr("Interface"), content);
    m_language = new QComboBox(interfaceBox);
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
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

    // --- performance ------------------------------------------------------------------------------
    auto *performanceBox = new QGroupBox(tr("Performance"), content);
    const int cores = std::max(1, QThread::idealThreadCount());
    auto threadsBox = [&](const QString &name, int value) {
        auto *box = new QSpinBox(performanceBox);
        box->setObjectName(name);
        box->setRange(0, appsettings::kMaxThreads);
        box->setSpecialValueText(tr("All cores (%1)").arg(cores));
        box->setValue(value);
        return box;
    };
    m_trainThreads = threadsBox(QStringLiteral("trainThreadsBox"), appsettings::trainingThreads());
    m_inferThreads = threadsBox(QStringLiteral("inferThreadsBox"), appsettings::inferenceThreads());
    connect(m_trainThreads, &QSpinBox::valueChanged, this, [](int n) { appsettings::setTrainingThreads(n); });
    connect(m_inferThreads, &QSpinBox::valueChanged, this,
            [](int n) { appsettings::setInferenceThreads(n); });
    auto *threadsNote =
        new QLabel(tr("For new training runs (a resumed run keeps its own count, so its numbers "
                      "stay reproducible) and for evaluation, export measurements and the "
                      "playground. More threads than cores only slow things down."),
                   performanceBox);
    threadsNote->setWordWrap(true);
    threadsNote->setForegroundRole(QPalette::PlaceholderText);
    auto *performanceForm = new QFormLayout(performanceBox);
    performanceForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    performanceForm->addRow(tr("Training threads:"), m_trainThreads);
    performanceForm->addRow(tr("Inference threads:"), m_inferThreads);
    performanceForm->addRow(threadsNote);

    // --- exports ----------------------------------------------------------------------------------
    auto *exportBox = new QGroupBox(tr("Exports"), content);
    m_exportFolder = new QLineEdit(appsettings::exportFolder(), exportBox);
    m_exportFolder->setObjectName(QStringLiteral("exportFolderEdit"));
    m_exportFolder->setPlaceholderText(tr("Beside the project file"));
    m_exportFolder->setClearButtonEnabled(true);
    connect(m_exportFolder, &QLineEdit::textChanged, this,
            [](const QString &folder) { appsettings::setExportFolder(folder); });
    auto *browse = new QPushButton(tr("Choose…"), exportBox);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Where Exports Go"), m_exportFolder->text());
        if (!dir.isEmpty()) m_exportFolder->setText(dir);
    });
    auto *exportRow = new QHBoxLayout;
    exportRow->addWidget(m_exportFolder, 1);
    exportRow->addWidget(browse);
    auto *exportForm = new QFormLayout(exportBox);
    exportForm->addRow(tr("Default folder:"), exportRow);
    auto *exportNote = new QLabel(tr("The Export page proposes NAME-model/NAME.TYPE.gguf in this folder; you "
                                     "can still change it for each export."),
                                  exportBox);
    exportNote->setWordWrap(true);
    exportNote->setForegroundRole(QPalette::PlaceholderText);
    exportForm->addRow(exportNote);

    // --- teachers ---------------------------------------------------------------------------------
    auto *teacherBox = new QGroupBox(tr("Teachers"), content);
    m_presets = new QTableWidget(teacherBox);
    m_presets->setObjectName(QStringLiteral("presetTable"));
    m_presets->setColumnCount(4);
    m_presets->setHorizontalHeaderLabels({tr("Teacher"), tr("Base URL"), tr("Key variable"), tr("Where")});
    m_presets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_presets->setSelectionMode(QAbstractItemView::NoSelection);
    m_presets->verticalHeader()->hide();
    m_presets->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (const teacher::Preset &p : teacher::presets()) {
        const int row = m_presets->rowCount();
        m_presets->insertRow(row);
        m_presets->setItem(row, 0, new QTableWidgetItem(toQString(std::string(p.label))));
        m_presets->setItem(row, 1, new QTableWidgetItem(toQString(std::string(p.base_url))));
        m_presets->setItem(
            row, 2, new QTableWidgetItem(p.key_env.empty() ? tr("none") : toQString(std::string(p.key_env))));
        m_presets->setItem(row, 3, new QTableWidgetItem(p.local ? tr("this machine") : tr("online")));
    }
    m_presets->resizeColumnsToContents();
    m_presets->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_presets->setMinimumHeight(m_presets->verticalHeader()->length() +
                                m_presets->horizontalHeader()->height() + 4);

    m_prices = new QTableWidget(teacherBox);
    m_prices->setObjectName(QStringLiteral("priceTable"));
    m_prices->setColumnCount(3);
    m_prices->setHorizontalHeaderLabels(
        {tr("Model"), tr("Input, $ per million tokens"), tr("Output, $ per million tokens")});
    m_prices->verticalHeader()->hide();
    m_prices->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_prices->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_prices->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_prices->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_prices->setMinimumHeight(180);
    m_pricesStatus = new QLabel(teacherBox);
    m_pricesStatus->setWordWrap(true);
    auto *addPrice = new QPushButton(tr("Add Model"), teacherBox);
    auto *removePrice = new QPushButton(tr("Remove"), teacherBox);
    auto *savePricesButton = new QPushButton(tr("Save Prices"), teacherBox);
    savePricesButton->setObjectName(QStringLiteral("savePricesButton"));
    auto *defaults = new QPushButton(tr("Restore Defaults"), teacherBox);
    connect(addPrice, &QPushButton::clicked, this, &SettingsPage::addPriceRow);
    connect(removePrice, &QPushButton::clicked, this, &SettingsPage::removeSelectedPrices);
    connect(savePricesButton, &QPushButton::clicked, this, &SettingsPage::savePrices);
    connect(defaults, &QPushButton::clicked, this, &SettingsPage::restoreDefaultPrices);
    auto *priceButtons = new QHBoxLayout;
    priceButtons->addWidget(addPrice);
    priceButtons->addWidget(removePrice);
    priceButtons->addStretch(1);
    priceButtons->addWidget(defaults);
    priceButtons->addWidget(savePricesButton);

    m_airGap = new QLineEdit(appsettings::airGapHosts().join(QStringLiteral(", ")), teacherBox);
    m_airGap->setObjectName(QStringLiteral("airGapEdit"));
    m_airGap->setPlaceholderText(tr("e.g. gpu-box.lan, 10.0.0.5"));
    connect(m_airGap, &QLineEdit::editingFinished, this, &SettingsPage::saveAirGapHosts);
    auto *airGapNote =
        new QLabel(tr("A project in air-gap mode reaches only a teacher on this machine "
                      "(localhost, 127.0.0.1, ::1) or on these hosts, such as a server on your "
                      "own network."),
                   teacherBox);
    airGapNote->setWordWrap(true);
    airGapNote->setForegroundRole(QPalette::PlaceholderText);
    auto *pricesNote = new QLabel(tr("What generation costs is counted with these prices (a project's own "
                                     "prices win). Prices change: check your provider's page."),
                                  teacherBox);
    pricesNote->setWordWrap(true);
    pricesNote->setForegroundRole(QPalette::PlaceholderText);

    auto *teacherForm = new QFormLayout(teacherBox);
    teacherForm->addRow(tr("Presets:"), m_presets);
    teacherForm->addRow(tr("Prices:"), m_prices);
    teacherForm->addRow(QString(), priceButtons);
    teacherForm->addRow(QString(), m_pricesStatus);
    teacherForm->addRow(pricesNote);
    teacherForm->addRow(tr("Air-gap hosts:"), m_airGap);
    teacherForm->addRow(airGapNote);
    loadPrices();

    // --- history ----------------------------------------------------------------------------------
    auto *historyBox = new QGroupBox(tr("History"), content);
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

    auto *note =
        new QLabel(tr("Settings that belong to a project (its intent, its teacher and that teacher's "
                      "key) live in the project file and the OS keyring, not here."),
                   content);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(10);
    contentLayout->addWidget(interfaceBox);
    contentLayout->addWidget(performanceBox);
    contentLayout->addWidget(exportBox);
    contentLayout->addWidget(teacherBox);
    contentLayout->addWidget(historyBox);
    contentLayout->addWidget(note);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(scroll, 1);
    updateRecent();
    updateReasons();
}

void SettingsPage::loadPrices() {
    const teacher::PriceTable table = appsettings::teacherPrices().value_or(teacher::PriceTable::defaults());
    m_prices->setRowCount(0);
    for (const auto &[model, price] : table.models) {
        const int row = m_prices->rowCount();
        m_prices->insertRow(row);
        m_prices->setItem(row, 0, new QTableWidgetItem(toQString(model)));
        m_prices->setItem(row, 1, new QTableWidgetItem(QString::number(price.input_per_mtok)));
        m_prices->setItem(row, 2, new QTableWidgetItem(QString::number(price.output_per_mtok)));
    }
    m_pricesStatus->setText(appsettings::teacherPrices()
                                ? tr("Your prices (%n models).", nullptr, m_prices->rowCount())
                                : tr("The built-in prices (%n models).", nullptr, m_prices->rowCount()));
}

bool SettingsPage::savePrices() {
    teacher::PriceTable table;
    for (int row = 0; row < m_prices->rowCount(); ++row) {
        auto text = [&](int col) {
            return m_prices->item(row, col) ? m_prices->item(row, col)->text().trimmed() : QString();
        };
        const QString model = text(0);
        if (model.isEmpty() && text(1).isEmpty() && text(2).isEmpty()) continue;  // a blank row: ignored
        bool okIn = false, okOut = false;
        const double in = QLocale().toDouble(text(1), &okIn);
        const double out = QLocale().toDouble(text(2), &okOut);
        // Either the user's locale or plain digits with a point ("0.15") are taken.
        const double inC = okIn ? in : text(1).toDouble(&okIn);
        const double outC = okOut ? out : text(2).toDouble(&okOut);
        if (model.isEmpty() || !okIn || !okOut || !(inC >= 0) || !(outC >= 0) || inC > 1e6 || outC > 1e6) {
            m_pricesStatus->setText(tr("Row %1: give a model name and two prices of 0 or more (dollars per "
                                       "million tokens). Nothing was saved.")
                                        .arg(row + 1));
            m_prices->selectRow(row);
            return false;
        }
        table.models[toStdString(model)] = {inC, outC};
    }
    appsettings::setTeacherPrices(table);
    m_pricesStatus->setText(tr("Saved: %n models.", nullptr, static_cast<int>(table.models.size())));
    return true;
}

void SettingsPage::restoreDefaultPrices() {
    appsettings::setTeacherPrices(std::nullopt);
    loadPrices();
}

void SettingsPage::addPriceRow() {
    const int row = m_prices->rowCount();
    m_prices->insertRow(row);
    m_prices->setItem(row, 0, new QTableWidgetItem);
    m_prices->setItem(row, 1, new QTableWidgetItem(QStringLiteral("0")));
    m_prices->setItem(row, 2, new QTableWidgetItem(QStringLiteral("0")));
    m_prices->setCurrentCell(row, 0);
    m_prices->editItem(m_prices->item(row, 0));
}

void SettingsPage::removeSelectedPrices() {
    QList<int> rows;
    for (const QModelIndex &i : m_prices->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int r : rows)
        m_prices->removeRow(r);
}

void SettingsPage::saveAirGapHosts() {
    const QStringList hosts =
        m_airGap->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    appsettings::setAirGapHosts(hosts);
    m_airGap->setText(appsettings::airGapHosts().join(QStringLiteral(", ")));
}

QString SettingsPage::pricesStatus() const {
    return m_pricesStatus->text();
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
