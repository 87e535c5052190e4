#include "common/appsettings.h"

#include <QSettings>

#include <algorithm>

#include "common/qtstring.h"

namespace smolify::ui::appsettings {

namespace {

int threads(const char *key) {
    bool ok = false;
    const int n = QSettings().value(QLatin1String(key), 0).toInt(&ok);
    return ok ? std::clamp(n, 0, kMaxThreads) : 0;  // a hand-edited file cannot ask for -3 threads
}

// Host names trimmed and lower-cased, blanks and repeats dropped (as typed, or as a hand-edited file has
// them).
QStringList cleanHosts(const QStringList &hosts) {
    QStringList clean;
    for (const QString &h : hosts)
        if (!h.trimmed().isEmpty()) clean << h.trimmed().toLower();
    clean.removeDuplicates();
    return clean;
}

}  // namespace

int trainingThreads() {
    return threads("threads/training");
}
void setTrainingThreads(int n) {
    QSettings().setValue(QStringLiteral("threads/training"), std::clamp(n, 0, kMaxThreads));
}
int inferenceThreads() {
    return threads("threads/inference");
}
void setInferenceThreads(int n) {
    QSettings().setValue(QStringLiteral("threads/inference"), std::clamp(n, 0, kMaxThreads));
}

QString exportFolder() {
    return QSettings().value(QStringLiteral("export/folder")).toString().trimmed();
}
void setExportFolder(const QString &folder) {
    QSettings().setValue(QStringLiteral("export/folder"), folder.trimmed());
}

std::optional<teacher::PriceTable> teacherPrices() {
    const QString text = QSettings().value(QStringLiteral("teacher/prices")).toString();
    if (text.isEmpty()) return std::nullopt;
    const auto j = nlohmann::json::parse(toStdString(text), nullptr, false);
    if (j.is_discarded()) return std::nullopt;  // unreadable: the defaults, not a half table
    auto table = teacher::PriceTable::from_json(j);
    if (!table) return std::nullopt;
    return *table;
}

void setTeacherPrices(const std::optional<teacher::PriceTable> &prices) {
    if (!prices) {
        QSettings().remove(QStringLiteral("teacher/prices"));
        return;
    }
    QSettings().setValue(QStringLiteral("teacher/prices"), toQString(prices->to_json().dump()));
}

QStringList airGapHosts() {
    return cleanHosts(QSettings().value(QStringLiteral("teacher/airGapHosts")).toStringList());
}

void setAirGapHosts(const QStringList &hosts) {
    QSettings().setValue(QStringLiteral("teacher/airGapHosts"), cleanHosts(hosts));
}

teacher::MachineDefaults teacherDefaults() {
    teacher::MachineDefaults m;
    m.prices = teacherPrices();
    for (const QString &h : airGapHosts())
        m.air_gap_hosts.push_back(toStdString(h));
    return m;
}

}  // namespace smolify::ui::appsettings
