// The Intent page: what the project is for (the intent the user typed), its teacher settings and
// task spec version, read-only. Drafting and editing a task spec with the teacher arrives later.
// GUI thread only; reads the Project given to setProject().
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class IntentPage : public QWidget {
    Q_OBJECT

public:
    explicit IntentPage(QWidget *parent = nullptr);

    void setProject(store::Project *project);
    // Re-reads the project (after something else changed it).
    void refresh();

    QString intentText() const;

private:
    store::Project *m_project = nullptr;
    QLabel *m_name = nullptr;
    QPlainTextEdit *m_intent = nullptr;
    QLabel *m_teacherUrl = nullptr;
    QLabel *m_teacherModel = nullptr;
    QLabel *m_teacherKey = nullptr;
    QLabel *m_spec = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_file = nullptr;
};

}  // namespace smolify::ui
