// SynthPanel: the Intent page's teacher and synthesis controls over core/teacher and core/synth:
// the teacher (TeacherDialog), the task spec (drafted by the teacher from the intent, or edited as
// JSON; each save is a new version), and generation of N more samples (with the optional judge and a
// budget), with a live line of accepted / rejected / duplicate / failed counts, cost and time left,
// and Stop. Drafting and generation run on a JobRunner thread with their own Project connection; a
// key kept in the OS keyring is read first (keyring.h) and handed to the run in memory only.
//
// Who calls it: IntentPage. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include "synth/generate.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class JobRunner;

class SynthPanel : public QWidget {
    Q_OBJECT

public:
    explicit SynthPanel(QWidget *parent = nullptr);
    ~SynthPanel() override;  // stops a running job and waits for it, while the panel is whole

    void setProject(store::Project *project);
    bool isBusy() const;
    QString statusText() const;

public slots:
    void refresh();
    void editTeacher();
    void editSpec();
    void draftSpec();
    void generate();
    // One run whose every request shows these approved samples as the kind to write more of.
    void generateLike(const QList<qint64> &sampleIds);
    void stop();

signals:
    void teacherChanged();
    void specChanged();
    void samplesAdded();  // generation stored new pending samples
    void statusMessage(const QString &message);

private:
    // Reads the key when the project keeps it in the keyring, then calls start(key).
    void withKey(std::function<void(QString key)> start);
    void setBusy(bool busy);
    void showProgress(const synth::GenerateProgress &p);
    void finishRun(const QString &message, bool error);

    store::Project *m_project = nullptr;
    JobRunner *m_runner;  // owned; deleted first in the destructor
    QLabel *m_teacher;
    QPushButton *m_teacherButton;
    QPlainTextEdit *m_spec;
    QPushButton *m_draftButton;
    QPushButton *m_editButton;
    QSpinBox *m_count;
    QCheckBox *m_judge;
    QDoubleSpinBox *m_budget;
    QPushButton *m_generateButton;
    QPushButton *m_stopButton;
    QProgressBar *m_progress;
    QLabel *m_status;
};

}  // namespace smolify::ui
