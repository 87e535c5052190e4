// The Settings page: the workbench's machine-wide settings (common/appsettings.h), each taking effect
// for the next job that reads it (the language at the next start):
//   Interface    the interface language
//   Performance  threads for training and for inference (evaluation, export measurement, playground)
//   Exports      the folder exports go to by default (empty: beside the project)
//   Teachers     the built-in teacher presets (read-only), the price table used to count what
//                generation costs (editable; a project's own prices still win), and the hosts
//                air-gap mode allows besides this machine
//   History      the recent-projects list and remembered reject reasons
// Settings that belong to a project (its intent and teacher) live in the project file. GUI thread only.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace smolify::ui {

class RecentProjects;

class SettingsPage : public QWidget {
    Q_OBJECT

public:
    // QSettings key of the interface language: "" follows the system, else a locale name ("de").
    static QString languageKey();

    explicit SettingsPage(RecentProjects *recent, QWidget *parent = nullptr);

    // For tests and the buttons: the price table as edited -> the settings; false (and the status
    // says why) when a row is not a model name with two prices of at least 0.
    bool savePrices();
    void restoreDefaultPrices();
    void addPriceRow();
    void removeSelectedPrices();
    // The air-gap hosts as typed (commas or spaces between them) -> the settings.
    void saveAirGapHosts();
    QTableWidget *priceTable() const { return m_prices; }
    QString pricesStatus() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateRecent();
    void updateReasons();
    void loadPrices();

    RecentProjects *m_recent = nullptr;
    QLabel *m_recentLabel = nullptr;
    QPushButton *m_clearRecent = nullptr;
    QLabel *m_reasonsLabel = nullptr;
    QPushButton *m_clearReasons = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_trainThreads = nullptr;
    QSpinBox *m_inferThreads = nullptr;
    QLineEdit *m_exportFolder = nullptr;
    QTableWidget *m_presets = nullptr;
    QTableWidget *m_prices = nullptr;
    QLabel *m_pricesStatus = nullptr;
    QLineEdit *m_airGap = nullptr;
};

}  // namespace smolify::ui
