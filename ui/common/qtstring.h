// Conversions between the engine's UTF-8 std::string / std::filesystem::path and Qt's QString.
// The store speaks UTF-8 everywhere; paths go through QFile's encoding so that a file name that is
// not valid UTF-8 still round-trips. Pure functions; any thread.
#pragma once

#include <QFile>
#include <QString>

#include <filesystem>
#include <string>
#include <string_view>

namespace smolify::ui {

inline QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

inline std::string toStdString(const QString &s) {
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), static_cast<std::size_t>(utf8.size()));
}

inline std::filesystem::path toPath(const QString &s) {
    const QByteArray local = QFile::encodeName(s);
    return std::filesystem::path(std::string(local.constData(), static_cast<std::size_t>(local.size())));
}

inline QString fromPath(const std::filesystem::path &p) {
    const std::string &native = p.native();
    return QFile::decodeName(QByteArray(native.data(), static_cast<qsizetype>(native.size())));
}

}  // namespace smolify::ui
