#include "common/labels.h"

#include <QDateTime>
#include <QLocale>

namespace smolify::ui {

QString Labels::status(store::SampleStatus status) {
    switch (status) {
        case store::SampleStatus::pending:
            return tr("Pending");
        case store::SampleStatus::approved:
            return tr("Approved");
        case store::SampleStatus::rejected:
            return tr("Rejected");
    }
    return {};
}

QString Labels::split(store::Split split) {
    switch (split) {
        case store::Split::train:
            return tr("Train");
        case store::Split::test:
            return tr("Test");
    }
    return {};
}

QString Labels::source(store::SampleSource source) {
    switch (source) {
        case store::SampleSource::teacher:
            return tr("Teacher");
        case store::SampleSource::import:
            return tr("Import");
        case store::SampleSource::manual:
            return tr("Manual");
    }
    return {};
}

QColor Labels::statusForeground(store::SampleStatus status) {
    switch (status) {
        case store::SampleStatus::pending:
            return QColor(0x8a, 0x5a, 0x00);
        case store::SampleStatus::approved:
            return QColor(0x1e, 0x6b, 0x3a);
        case store::SampleStatus::rejected:
            return QColor(0xa6, 0x1b, 0x1b);
    }
    return {};
}

QColor Labels::statusBackground(store::SampleStatus status) {
    switch (status) {
        case store::SampleStatus::pending:
            return QColor(0xfd, 0xef, 0xc3);
        case store::SampleStatus::approved:
            return QColor(0xd3, 0xf4, 0xdf);
        case store::SampleStatus::rejected:
            return QColor(0xfd, 0xdc, 0xdc);
    }
    return {};
}

QString Labels::dateTime(int64_t unixSeconds) {
    const QDateTime when = QDateTime::fromSecsSinceEpoch(unixSeconds).toLocalTime();
    const QLocale locale;
    // The "C" locale (no LANG set) would spell the date out at length; ISO is short and unambiguous.
    if (locale.language() == QLocale::C) return when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return locale.toString(when, QLocale::ShortFormat);
}

QString Labels::compactDateTime(int64_t unixSeconds) {
    const QDateTime when = QDateTime::fromSecsSinceEpoch(unixSeconds).toLocalTime();
    const QLocale locale;
    const bool today = when.date() == QDate::currentDate();
    if (locale.language() == QLocale::C)
        return when.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("yyyy-MM-dd"));
    return today ? locale.toString(when.time(), QLocale::ShortFormat)
                 : locale.toString(when.date(), QLocale::ShortFormat);
}

QString Labels::dateTime(const std::optional<int64_t> &unixSeconds) {
    return unixSeconds ? dateTime(*unixSeconds) : QString();
}

QString Labels::count(int64_t n) {
    return QLocale().toString(static_cast<qlonglong>(n));
}

}  // namespace smolify::ui
