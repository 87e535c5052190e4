// Asks what to import: a JSONL ({"input","output"} or {"messages":[...]}) or CSV file, whether
// its samples arrive pending (to review) or already approved, and which split they join.
// GUI thread only.
#pragma once

#include <QDialog>

#include "store/types.h"

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace smolify::ui {

class ImportDialog : public QDialog {
    Q_OBJECT

public:
    explicit ImportDialog(QWidget *parent = nullptr);

    QString filePath() const;
    void setFilePath(const QString &path);
    store::SampleStatus status() const;
    store::Split split() const;

private:
    void browse();
    void updateButtons();

    QLineEdit *m_fileEdit = nullptr;
    QComboBox *m_statusBox = nullptr;
    QComboBox *m_splitBox = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace smolify::ui
