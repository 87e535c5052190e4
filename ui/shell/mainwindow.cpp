#include "shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include "common/icons.h"
#include "common/labels.h"
#include "common/messages.h"
#include "common/qtstring.h"
#include "common/recentprojects.h"
#include "data/datapage.h"
#include "eval/evalpage.h"
#include "export/exportpage.h"
#include "intent/intentpage.h"
#include "playground/playgroundpage.h"
#include "settings/settingspage.h"
#include "shell/newprojectdialog.h"
#include "shell/openexampledialog.h"
#include "shell/welcomepage.h"
#include "synth/synthpanel.h"
#include "train/trainpage.h"

namespace smolify::ui {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kLastDirKey = QStringLiteral("mainWindow/lastProjectDirectory");

Glyph stepGlyph(MainWindow::Step step) {
    switch (step) {
        case MainWindow::IntentStep:
            return Glyph::intent;
        case MainWindow::DataStep:
            return Glyph::data;
        case MainWindow::TrainStep:
            return Glyph::train;
        case MainWindow::EvaluateStep:
            return Glyph::evaluate;
        case MainWindow::ExportStep:
            return Glyph::exportModel;
        case MainWindow::PlaygroundStep:
            return Glyph::playground;
        default:
            return Glyph::settings;
    }
}

TrainPage *trainPageOf(QStackedWidget *pages) {
    return static_cast<TrainPage *>(pages->widget(MainWindow::TrainStep));
}
}  // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::app());
    m_recent = new RecentProjects(this);

    buildPages();
    buildNavigator();
    buildMenus();

    m_statusProject = new QLabel(this);
    m_statusProject->setObjectName(QStringLiteral("statusProject"));
    statusBar()->addPermanentWidget(m_statusProject);

    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray())) {
        const QSize available = screen() ? screen()->availableSize() : QSize(1440, 900);
        resize(std::min(1360, available.width() * 9 / 10), std::min(860, available.height() * 9 / 10));
    }
    setProject(nullptr);
}

MainWindow::~MainWindow() {
    // Pages must let go of the Project before it closes.
    m_dataPage->setProject(nullptr);
    m_intentPage->setProject(nullptr);
    trainPageOf(m_pages)->setProject(nullptr);
    m_evalPage->setProject(nullptr);
    m_exportPage->setProject(nullptr);
    m_playgroundPage->setProject(nullptr);
}

QString MainWindow::stepName(Step step) {
    switch (step) {
        case IntentStep:
            return tr("Intent");
        case DataStep:
            return tr("Data");
        case TrainStep:
            return tr("Train");
        case EvaluateStep:
            return tr("Evaluate");
        case ExportStep:
            return tr("Export");
        case PlaygroundStep:
            return tr("Playground");
        case SettingsStep:
            return tr("Settings");
        default:
            return {};
    }
}

void MainWindow::buildPages() {
    m_welcome = new WelcomePage(m_recent, this);
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::openExampleRequested, this, &MainWindow::openExampleDialog);
    connect(m_welcome, &WelcomePage::recentProjectRequested, this, &MainWindow::openRecentProject);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_intentPage = new IntentPage(m_pages);
    m_dataPage = new DataPage(m_pages);
    connect(m_dataPage, &DataPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    connect(m_intentPage, &IntentPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    connect(m_intentPage, &IntentPage::samplesAdded, m_dataPage, &DataPage::refresh);
    // "Generate More Like These" on the Data page: the Intent page's generation panel runs it, and
    // shows its progress and Stop.
    connect(m_dataPage, &DataPage::generateMoreLike, this, [this](const QList<qint64> &ids) {
        showStep(IntentStep);
        m_intentPage->synthPanel()->generateLike(ids);
    });
    connect(m_dataPage, &DataPage::countsChanged, this, &MainWindow::updateStatusBar);
    m_settingsPage = new SettingsPage(m_recent, m_pages);

    m_pages->addWidget(m_intentPage);
    m_pages->addWidget(m_dataPage);
    auto *trainPage = new TrainPage(m_pages);
    connect(trainPage, &TrainPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    m_pages->addWidget(trainPage);
    m_evalPage = new EvalPage(m_pages);
    connect(m_evalPage, &EvalPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    connect(m_evalPage, &EvalPage::samplesPromoted, m_dataPage, &DataPage::refresh);
    m_pages->addWidget(m_evalPage);
    m_exportPage = new ExportPage(m_pages);
    connect(m_exportPage, &ExportPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    m_pages->addWidget(m_exportPage);
    m_playgroundPage = new PlaygroundPage(m_pages);
    connect(m_playgroundPage, &PlaygroundPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    // A new export shows up in the Playground's model list.
    connect(m_exportPage, &ExportPage::exportFinished, m_playgroundPage, [this](bool ok) {
        if (ok) m_playgroundPage->refresh();
    });
    m_pages->addWidget(m_playgroundPage);
    m_pages->addWidget(m_settingsPage);
}

void MainWindow::buildNavigator() {
    m_navigator = new QListWidget(this);
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setFrameShape(QFrame::NoFrame);
    m_navigator->setIconSize(QSize(20, 20));
    m_navigator->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigator->setFocusPolicy(Qt::TabFocus);
    const QColor panel = palette().color(QPalette::Window).darker(104);
    const QColor rule = palette().color(QPalette::Mid);
    m_navigator->setStyleSheet(
        QStringLiteral(
            "QListWidget#navigator { background: %1; border: none; border-right: 1px solid %2;"
            " padding-top: 10px; outline: 0; }"
            "QListWidget#navigator::item { padding: 7px 10px; margin: 1px 8px; border-radius: 6px; }"
            "QListWidget#navigator::item:hover:!selected { background: %3; }"
            "QListWidget#navigator::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
            .arg(panel.name(), rule.name(), panel.darker(106).name()));

    for (int s = 0; s < StepCount; ++s) {
        const auto step = static_cast<Step>(s);
        if (step == PlaygroundStep) {
            // A quiet gap between the flow (Intent → Export) and the tools around it.
            auto *gap = new QListWidgetItem(m_navigator);
            gap->setFlags(Qt::NoItemFlags);
            gap->setSizeHint(QSize(10, 14));
            gap->setData(Qt::UserRole, -1);
        }
        auto *item = new QListWidgetItem(Icons::glyph(stepGlyph(step)), stepName(step), m_navigator);
        item->setData(Qt::UserRole, s);
        // Wide enough for the step's name in the interface language (a translation may be a third
        // longer than the English), never narrower than the English layout.
        const int text = m_navigator->fontMetrics().horizontalAdvance(stepName(step));
        item->setSizeHint(QSize(std::max(150, text + 56), 38));
    }
    const int width = m_navigator->sizeHintForColumn(0) + 24;
    m_navigator->setFixedWidth(std::max(176, width));
    connect(m_navigator, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item) return;
        const int s = item->data(Qt::UserRole).toInt();
        if (s >= 0) m_pages->setCurrentIndex(s);
    });

    auto *workbench = new QWidget(this);
    auto *layout = new QHBoxLayout(workbench);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigator);
    layout->addWidget(m_pages, 1);

    m_rootStack = new QStackedWidget(this);
    m_rootStack->addWidget(m_welcome);
    m_rootStack->addWidget(workbench);
    setCentralWidget(m_rootStack);
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction =
        file->addAction(Icons::glyph(Glyph::create), tr("&New Project…"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction =
        file->addAction(Icons::glyph(Glyph::open), tr("&Open…"), this, &MainWindow::openProjectDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    connect(m_recent, &RecentProjects::changed, this, &MainWindow::updateRecentMenu);
    QAction *exampleAction = file->addAction(tr("Open &Example…"), this, &MainWindow::openExampleDialog);
    exampleAction->setObjectName(QStringLiteral("openExampleAction"));
    file->addSeparator();
    QAction *closeAction = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
    closeAction->setShortcut(QKeySequence::Close);
    m_projectActions << closeAction;
    file->addSeparator();
    QAction *quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    QAction *importAction = review->addAction(tr("&Import Samples…"), m_dataPage, &DataPage::chooseAndImport);
    m_projectActions << importAction;
    review->addSeparator();
    review->addActions(m_dataPage->reviewActions());
    // The review keys act on the sample table; from the menu, bring the Data page forward first.
    connect(review, &QMenu::triggered, this, [this] { showStep(DataStep); });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int s = 0; s < StepCount; ++s) {
        QAction *action =
            go->addAction(Icons::glyph(stepGlyph(static_cast<Step>(s))), stepName(static_cast<Step>(s)), this,
                          [this, s] { showStep(static_cast<Step>(s)); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + s)));
        m_projectActions << action;
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About Smolify"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
    updateRecentMenu();
}

// --- projects -----------------------------------------------------------------------------------

QString MainWindow::projectPath() const {
    return m_project ? fromPath(m_project->path()) : QString();
}

bool MainWindow::openProject(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_project && projectPath() == absolute) {
        showStep(DataStep);
        return true;
    }
    auto opened = store::Project::open(toPath(absolute));
    if (!opened) {
        showMessage(this, MessageKind::critical, tr("Cannot Open Project"),
                    tr("Smolify could not open %1.\n\n%2")
                        .arg(QDir::toNativeSeparators(absolute), toQString(opened.error().message)));
        return false;
    }
    setProject(std::move(opened.value()));
    m_recent->add(absolute);
    return true;
}

bool MainWindow::createProject(const QString &path, const store::CreateParams &params) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    auto created = store::Project::create(toPath(absolute), params);
    if (!created) {
        showMessage(this, MessageKind::critical, tr("Cannot Create Project"),
                    tr("Smolify could not create %1.\n\n%2")
                        .arg(QDir::toNativeSeparators(absolute), toQString(created.error().message)));
        return false;
    }
    setProject(std::move(created.value()));
    m_recent->add(absolute);
    showStep(IntentStep);
    return true;
}

void MainWindow::closeProject() {
    setProject(nullptr);
}

void MainWindow::setProject(std::unique_ptr<store::Project> project) {
    // Take the old Project back from the pages before it closes.
    m_dataPage->setProject(nullptr);
    m_intentPage->setProject(nullptr);
    trainPageOf(m_pages)->setProject(nullptr);
    m_evalPage->setProject(nullptr);
    m_exportPage->setProject(nullptr);
    m_playgroundPage->setProject(nullptr);
    m_project = std::move(project);
    m_projectName.clear();
    if (m_project) {
        if (auto info = m_project->info(); info && !info->name.empty())
            m_projectName = toQString(info->name);
        else
            m_projectName = QFileInfo(projectPath()).completeBaseName();
    }
    m_intentPage->setProject(m_project.get());
    m_dataPage->setProject(m_project.get());
    trainPageOf(m_pages)->setProject(m_project.get());
    m_evalPage->setProject(m_project.get());
    m_exportPage->setProject(m_project.get());
    m_playgroundPage->setProject(m_project.get());
    for (QAction *action : m_projectActions)
        action->setEnabled(m_project != nullptr);
    m_rootStack->setCurrentIndex(m_project ? 1 : 0);
    if (m_project) showStep(DataStep);
    updateTitle();
    updateStatusBar();
}

void MainWindow::newProject() {
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    createProject(dialog.projectPath(), dialog.params());
}

void MainWindow::openProjectDialog() {
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Project"), settings.value(kLastDirKey).toString(),
                                     tr("Smolify projects (*.smolify);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue(kLastDirKey, QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::openExampleDialog() {
    auto *dialog = new OpenExampleDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OpenExampleDialog::exampleOpened, this,
            [this](const QString &path, OpenExampleDialog::Step step) {
                if (!openProject(path)) return;
                showStep(step == OpenExampleDialog::Fresh     ? IntentStep
                         : step == OpenExampleDialog::Trained ? TrainStep
                                                              : DataStep);
            });
    dialog->open();
}

void MainWindow::openRecentProject(const QString &path) {
    if (!QFileInfo::exists(path)) {
        m_recent->remove(path);
        showMessage(this, MessageKind::information, tr("Project Not Found"),
                    tr("%1 no longer exists, so it was removed from the recent projects.")
                        .arg(QDir::toNativeSeparators(path)));
        return;
    }
    openProject(path);
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList paths = m_recent->paths();
    for (int i = 0; i < paths.size(); ++i) {
        const QString &path = paths[i];
        const QFileInfo info(path);
        // "&1 name — /folder": the number is the menu accelerator.
        QAction *action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2 — %3")
                .arg(i + 1)
                .arg(info.completeBaseName(), QDir::toNativeSeparators(info.absolutePath())));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openRecentProject(path); });
    }
    if (!paths.isEmpty()) m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("Clear List"), m_recent, &RecentProjects::clear);
    clear->setEnabled(!paths.isEmpty());
}

// --- navigation, title, status ------------------------------------------------------------------

void MainWindow::showStep(Step step) {
    if (!m_project) return;
    for (int row = 0; row < m_navigator->count(); ++row) {
        if (m_navigator->item(row)->data(Qt::UserRole).toInt() == step) {
            m_navigator->setCurrentRow(row);
            break;
        }
    }
    m_pages->setCurrentIndex(step);
}

MainWindow::Step MainWindow::currentStep() const {
    return static_cast<Step>(m_pages->currentIndex());
}

bool MainWindow::isShowingWelcome() const {
    return m_rootStack->currentIndex() == 0;
}

void MainWindow::updateTitle() {
    setWindowTitle(m_project ? tr("%1 — Smolify").arg(m_projectName) : QStringLiteral("Smolify"));
    setWindowFilePath(projectPath());
}

void MainWindow::updateStatusBar() {
    if (!m_project) {
        m_statusProject->clear();
        return;
    }
    const int64_t total = m_dataPage->counts().total;
    m_statusProject->setText(
        tr("%1 samples  ·  %2").arg(Labels::count(total), QDir::toNativeSeparators(projectPath())));
}

void MainWindow::about() {
    QMessageBox box(this);
    box.setWindowTitle(tr("About Smolify"));
    box.setIconPixmap(Icons::appPixmap(72, devicePixelRatioF()));
    box.setText(tr("<h3>Smolify %1</h3>"
                   "<p>Turn a typed intent into a small language model you own: review the data, "
                   "train on this computer, take one file with you.</p>"
                   "<p>Built with Qt %2.</p>")
                    .arg(QStringLiteral(SMOLIFY_VERSION), QString::fromLatin1(qVersion())));
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_rememberGeometry) QSettings().setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

}  // namespace smolify::ui
