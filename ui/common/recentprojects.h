// The "Open Recent" list: up to kMaxEntries project paths, most recent first, kept in QSettings.
// One instance is owned by the main window and shared with the pages that show or clear the list;
// changed() tells them to redraw. GUI thread only.
#pragma once

#include <QObject>
#include <QStringList>

namespace smolify::ui {

class RecentProjects : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxEntries = 8;

    explicit RecentProjects(QObject *parent = nullptr);

    QStringList paths() const;
    void add(const QString &path);  // moves it to the front
    void remove(const QString &path);
    void clear();

signals:
    void changed();

private:
    void store(const QStringList &paths);
};

}  // namespace smolify::ui
