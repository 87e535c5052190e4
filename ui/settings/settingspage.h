// The Settings page: only settings that exist today. The recent-projects list, remembered reject
// reasons, and the interface language (applied at the next start). Teacher, training and theme
// settings arrive with the features that use them. GUI thread only.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace smolify::ui {

class RecentProjects;

class SettingsPage : public QWidget {
    Q_OBJECT

public:
    // QSettings key of the interface language: "" follows the system, else a locale name ("de").
    static QString languageKey();

    explicit SettingsPage(RecentProjects *recent, QWidget *parent = nullptr);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateRecent();
    void updateReasons();

    RecentProjects *m_recent = nullptr;
    QLabel *m_recentLabel = nullptr;
    QPushButton *m_clearRecent = nullptr;
    QLabel *m_reasonsLabel = nullptr;
    QPushButton *m_clearReasons = nullptr;
    QComboBox *m_language = nullptr;
};

}  // namespace smolify::ui
