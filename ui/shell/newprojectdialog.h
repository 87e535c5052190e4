// File › New Project: where the project file goes, what the model is for (the intent), and
// optionally the teacher endpoint. Produces a path and store::CreateParams; MainWindow calls
// Project::create. GUI thread only.
#pragma once

#include <QDialog>

#include "store/project.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace smolify::ui {

class NewProjectDialog : public QDialog {
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    // The project file, with ".smolify" added when the user left it out.
    QString projectPath() const;
    store::CreateParams params() const;

    void setProjectPath(const QString &path);
    void setIntent(const QString &intent);

private:
    void browse();
    void updateButtons();

    QPlainTextEdit *m_intent = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_teacherUrl = nullptr;
    QLineEdit *m_teacherModel = nullptr;
    QLineEdit *m_teacherKeyEnv = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace smolify::ui
