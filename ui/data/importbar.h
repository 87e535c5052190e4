// The strip above the sample table that shows an import in place: while it runs, what has been
// read and a Cancel button; afterwards, a summary (new, duplicates, malformed) with the malformed
// lines one click away, until the user dismisses it. No modal progress dialog. GUI thread only.
#pragma once

#include <QFrame>

#include "data/importcontroller.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace smolify::ui {

class ImportBar : public QFrame {
    Q_OBJECT

public:
    explicit ImportBar(QWidget *parent = nullptr);

    void showStarted(const QString &filePath);
    void showProgress(const ImportStatus &status);
    void showFinished(const ImportOutcome &outcome);

    QString summaryText() const;  // the label's text, for tests and accessibility
    QString issuesText() const;

signals:
    void cancelRequested();

private:
    QString m_fileName;
    bool m_running = false;  // between showStarted() and showFinished()
    QLabel *m_label = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_detailsButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QPlainTextEdit *m_issues = nullptr;
};

}  // namespace smolify::ui
