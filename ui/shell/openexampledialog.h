// File › Open Example: the bundled example folders (examples/*/, see core/synth/example.h) listed with
// their intent, task kind and where their samples come from; the user picks one, the step to open it
// at and where the new project file goes, and the dialog builds that project on a worker thread
// (JobRunner) with a progress bar and a Cancel that stops it: fresh = the task spec only; generated =
// the recorded teacher session replayed (samples pending review) or, for an import example, its
// prepare command run and the pairs imported as approved; reviewed = the recorded review and the
// held-out test pairs too; trained = a short training run on top (kTrainMinutes). On success it
// emits exampleOpened() and closes; a cancelled or failed build removes the half-made project.
//
// Where examples are found (defaultRoots()): $SMOLIFY_EXAMPLES_DIR, then the installed
// share/smolify/examples next to the executable (../share/smolify/examples) and in the system's data
// folders, then the source tree's examples/ (a build run from its build folder). Folders of the same
// name are listed once, the first root winning.
//
// GUI thread only; the job uses its own Project connection.
#pragma once

#include <QDialog>
#include <QStringList>

#include <vector>

#include "synth/example.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace smolify::ui {

class JobRunner;

class OpenExampleDialog : public QDialog {
    Q_OBJECT

public:
    enum Step { Fresh, Generated, Reviewed, Trained };
    Q_ENUM(Step)
    static constexpr double kTrainMinutes = 2.0;

    explicit OpenExampleDialog(QWidget *parent = nullptr, const QStringList &roots = defaultRoots());
    ~OpenExampleDialog() override;

    static QStringList defaultRoots();

    // The listed examples' names, in list order (usable ones and those with a problem).
    QStringList exampleNames() const;
    // Selects the example called `name`; false when it is not listed or cannot be used.
    bool selectExample(const QString &name);
    void setStep(Step step);
    Step step() const;
    void setProjectPath(const QString &path);
    // The project file, with ".smolify" added when the user left it out.
    QString projectPath() const;
    bool isRunning() const;
    // The last problem shown (empty when none), for tests.
    QString problemText() const;

public slots:
    // Builds the project (the Open button).
    void start();

signals:
    void exampleOpened(const QString &projectPath, smolify::ui::OpenExampleDialog::Step step);

protected:
    void reject() override;

private:
    const synth::ExampleEntry *selectedEntry() const;
    void showSelected();
    void browse();
    void updateButtons();
    void setRunning(bool running);
    QString defaultPathFor(const QString &name) const;

    std::vector<synth::ExampleEntry> m_entries;
    QListWidget *m_list = nullptr;
    QLabel *m_details = nullptr;
    QComboBox *m_step = nullptr;
    QLabel *m_stepHint = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    JobRunner *m_runner = nullptr;
    bool m_pathEdited = false;
    bool m_closeWhenStopped = false;
};

}  // namespace smolify::ui
