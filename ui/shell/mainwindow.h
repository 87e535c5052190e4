// MainWindow: the workbench shell. A step navigator on the left (Intent, Data, Train, Evaluate,
// Export, Playground, Settings), the step's page on the right, a welcome page while no project is
// open, File/Review/Go/Help menus (File > Open Example: shell/openexampledialog.h), and a status bar.
//
// It owns the GUI thread's Project (one connection; workers open their own) and hands a pointer to
// the pages; closing or switching projects takes it back from them first. Errors opening a file
// are shown with the store's own message (a foreign or damaged file is refused, never crashes).
// GUI thread only.
#pragma once

#include <QMainWindow>

#include <memory>

#include "store/project.h"

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace smolify::ui {

class DataPage;
class EvalPage;
class ExportPage;
class PlaygroundPage;
class IntentPage;
class RecentProjects;
class SettingsPage;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum Step {
        IntentStep,
        DataStep,
        TrainStep,
        EvaluateStep,
        ExportStep,
        PlaygroundStep,
        SettingsStep,
        StepCount
    };
    Q_ENUM(Step)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path`; on failure shows why and keeps the current project. True when it is open.
    bool openProject(const QString &path);
    // Creates a project at `path` and opens it; on failure shows why.
    bool createProject(const QString &path, const store::CreateParams &params);
    void closeProject();

    store::Project *project() const { return m_project.get(); }
    QString projectPath() const;

    void showStep(Step step);
    Step currentStep() const;
    bool isShowingWelcome() const;
    static QString stepName(Step step);

    DataPage *dataPage() const { return m_dataPage; }
    IntentPage *intentPage() const { return m_intentPage; }
    EvalPage *evalPage() const { return m_evalPage; }
    ExportPage *exportPage() const { return m_exportPage; }
    PlaygroundPage *playgroundPage() const { return m_playgroundPage; }
    RecentProjects *recentProjects() const { return m_recent; }
    QListWidget *navigator() const { return m_navigator; }
    QMenu *recentMenu() const { return m_recentMenu; }

    // Whether window geometry is saved on close (off for screenshots and tests).
    void setRememberGeometry(bool remember) { m_rememberGeometry = remember; }

public slots:
    void newProject();
    void openProjectDialog();
    void openRecentProject(const QString &path);
    // File > Open Example: the dialog (window-modal, not blocking); the project it makes is opened
    // at the page of the step picked (Intent, Data or Train).
    void openExampleDialog();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildNavigator();
    void buildMenus();
    void setProject(std::unique_ptr<store::Project> project);
    void updateRecentMenu();
    void updateTitle();
    void updateStatusBar();

    std::unique_ptr<store::Project> m_project;
    QString m_projectName;
    RecentProjects *m_recent = nullptr;

    QStackedWidget *m_rootStack = nullptr;  // welcome | workbench
    WelcomePage *m_welcome = nullptr;
    QListWidget *m_navigator = nullptr;
    QStackedWidget *m_pages = nullptr;  // one per Step
    IntentPage *m_intentPage = nullptr;
    DataPage *m_dataPage = nullptr;
    EvalPage *m_evalPage = nullptr;
    ExportPage *m_exportPage = nullptr;
    PlaygroundPage *m_playgroundPage = nullptr;
    SettingsPage *m_settingsPage = nullptr;

    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_projectActions;  // enabled only while a project is open
    QLabel *m_statusProject = nullptr;
    bool m_rememberGeometry = true;
};

}  // namespace smolify::ui
