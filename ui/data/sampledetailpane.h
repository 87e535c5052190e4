// The right side of the Data page: the selected sample in full (input, output, reject reason,
// provenance, revision count), read-only for now, or a summary when several rows are selected.
// Reads the whole sample from the store only for the one sample shown. GUI thread only.
#pragma once

#include <QWidget>

#include <optional>

#include "store/types.h"

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace smolify::ui {

class SampleDetailPane : public QWidget {
    Q_OBJECT

public:
    explicit SampleDetailPane(QWidget *parent = nullptr);

    void showSample(const store::Sample &sample);
    void showSelectionSummary(int selectedCount);
    void showNothing();

    QString inputText() const;
    QString outputText() const;
    QString rejectReasonText() const;

private:
    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_reason = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLabel *m_provenance = nullptr;
};

}  // namespace smolify::ui
