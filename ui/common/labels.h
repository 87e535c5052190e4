// User-visible names and colours for the store's enums (status, split, source), so that every page
// says "Approved" the same way, in every language, in the same green. GUI thread only (tr()).
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>

#include "store/types.h"

namespace smolify::ui {

class Labels {
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString status(store::SampleStatus status);
    static QString split(store::Split split);
    static QString source(store::SampleSource source);

    // Text and fill of the status badge; readable on light and dark palettes.
    static QColor statusForeground(store::SampleStatus status);
    static QColor statusBackground(store::SampleStatus status);

    // A Unix time (UTC seconds) in the user's locale and time zone, short form.
    static QString dateTime(int64_t unixSeconds);
    static QString dateTime(const std::optional<int64_t> &unixSeconds);
    // Shorter, for table cells: the time alone when it is today, else the date alone.
    static QString compactDateTime(int64_t unixSeconds);

    // "1,234" in the user's locale.
    static QString count(int64_t n);
};

}  // namespace smolify::ui
