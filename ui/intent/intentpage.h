// The Intent page: what the project is for (the intent the user typed), and, through its SynthPanel,
// the teacher, the task spec (drafted by the teacher, edited by the user) and sample generation.
// GUI thread only; reads the Project given to setProject().
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class SynthPanel;

class IntentPage : public QWidget {
    Q_OBJECT

public:
    explicit IntentPage(QWidget *parent = nullptr);

    void setProject(store::Project *project);
    // Re-reads the project (after something else changed it).
    void refresh();

    QString intentText() const;
    SynthPanel *synthPanel() const { return m_synth; }

signals:
    void samplesAdded();
    void statusMessage(const QString &message);

private:
    store::Project *m_project = nullptr;
    QLabel *m_name = nullptr;
    QPlainTextEdit *m_intent = nullptr;
    SynthPanel *m_synth = nullptr;
    QLabel *m_spec = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_file = nullptr;
};

}  // namespace smolify::ui
