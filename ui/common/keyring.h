// The OS keyring (Secret Service / KWallet on Linux, Keychain on macOS, Credential Manager on
// Windows) through QtKeychain: where the desktop app keeps a teacher's API key, so that it never has
// to be in the project file, an environment variable or a log. Plain-text fallback is never allowed:
// without a keyring service the calls fail with a message that says so, and the user can name an
// environment variable instead.
//
// Entries live under the service "Smolify" with the account "teacher <base URL>", so two projects
// that use the same endpoint share its key.
//
// Who calls it: TeacherDialog (write, delete), SynthPanel (read before a run). GUI thread only; the
// callbacks run on the GUI thread once the keyring answered (it may ask the user to unlock it).
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace smolify::ui::keyring {

QString accountFor(const QString &baseUrl);

// done(key, error): error is empty on success; an absent entry is an error that says so.
void readKey(QObject *context, const QString &account, std::function<void(QString, QString)> done);
// done(error): empty on success.
void writeKey(QObject *context, const QString &account, const QString &key, std::function<void(QString)> done);
// done(error): empty on success or when there was nothing to delete.
void deleteKey(QObject *context, const QString &account, std::function<void(QString)> done);

}  // namespace smolify::ui::keyring
