// What the window shows when no project is open: what Smolify does, New and Open, and the recent
// projects one click away. GUI thread only.
#pragma once

#include <QWidget>

class QListWidget;
class QLabel;

namespace smolify::ui {

class RecentProjects;

class WelcomePage : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePage(RecentProjects *recent, QWidget *parent = nullptr);

signals:
    void newProjectRequested();
    void openProjectRequested();
    void openExampleRequested();
    void recentProjectRequested(const QString &path);

private:
    void updateRecent();

    RecentProjects *m_recent = nullptr;
    QLabel *m_recentTitle = nullptr;
    QListWidget *m_recentList = nullptr;
};

}  // namespace smolify::ui
