#include "common/recentprojects.h"

#include <QFileInfo>
#include <QSettings>

namespace smolify::ui {

namespace {
const QString kKey = QStringLiteral("recentProjects");

QString normalized(const QString &path) {
    return QFileInfo(path).absoluteFilePath();
}
}  // namespace

RecentProjects::RecentProjects(QObject *parent) : QObject(parent) {}

QStringList RecentProjects::paths() const {
    QStringList paths = QSettings().value(kKey).toStringList();
    paths.removeAll(QString());
    paths.removeDuplicates();
    if (paths.size() > kMaxEntries) paths.resize(kMaxEntries);
    return paths;
}

void RecentProjects::add(const QString &path) {
    const QString entry = normalized(path);
    QStringList list = paths();
    list.removeAll(entry);
    list.prepend(entry);
    if (list.size() > kMaxEntries) list.resize(kMaxEntries);
    store(list);
}

void RecentProjects::remove(const QString &path) {
    QStringList list = paths();
    if (list.removeAll(path) + list.removeAll(normalized(path)) > 0) store(list);
}

void RecentProjects::clear() {
    store({});
}

void RecentProjects::store(const QStringList &paths) {
    QSettings().setValue(kKey, paths);
    emit changed();
}

}  // namespace smolify::ui
