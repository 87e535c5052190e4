#include "common/keyring.h"

#include <QCoreApplication>
#include <QPointer>

#include <qt6keychain/keychain.h>

namespace smolify::ui::keyring {

namespace {

const QString kService = QStringLiteral("Smolify");

QString describe(const QKeychain::Job *job) {
    switch (job->error()) {
    case QKeychain::NoError: return {};
    case QKeychain::EntryNotFound:
        return QCoreApplication::translate("Keyring", "the OS keyring holds no key for this teacher");
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QCoreApplication::translate("Keyring", "the OS keyring refused access (%1)").arg(job->errorString());
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QCoreApplication::translate("Keyring",
                                           "no OS keyring is available on this system (%1); name an "
                                           "environment variable that holds the key instead")
            .arg(job->errorString());
    default:
        return QCoreApplication::translate("Keyring", "the OS keyring failed: %1").arg(job->errorString());
    }
}

// Runs `job` and calls `finish` on the GUI thread unless `context` is gone by then.
template <class Finish>
void run(QKeychain::Job *job, QObject *context, Finish finish) {
    job->setAutoDelete(true);
    job->setInsecureFallback(false);  // never a plain-text file
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [guard, finish](QKeychain::Job *j) {
        if (guard) finish(j);
    });
    job->start();
}

}  // namespace

QString accountFor(const QString &baseUrl) {
    return QStringLiteral("teacher ") + baseUrl.trimmed();
}

void readKey(QObject *context, const QString &account, std::function<void(QString, QString)> done) {
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(account);
    run(job, context, [done = std::move(done)](QKeychain::Job *j) {
        const QString error = describe(j);
        done(error.isEmpty() ? static_cast<QKeychain::ReadPasswordJob *>(j)->textData() : QString(), error);
    });
}

void writeKey(QObject *context, const QString &account, const QString &key, std::function<void(QString)> done) {
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(account);
    job->setTextData(key);
    run(job, context, [done = std::move(done)](QKeychain::Job *j) { done(describe(j)); });
}

void deleteKey(QObject *context, const QString &account, std::function<void(QString)> done) {
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(account);
    run(job, context, [done = std::move(done)](QKeychain::Job *j) {
        done(j->error() == QKeychain::EntryNotFound ? QString() : describe(j));
    });
}

}  // namespace smolify::ui::keyring
