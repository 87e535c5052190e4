// The shell: opening good, foreign and damaged files (an error message, never a crash), creating a
// project, the recent list, navigation, window title, and the German translation.
#include <QFile>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QStackedWidget>
#include <QTranslator>
#include <QtTest>

#include "common/recentprojects.h"
#include "data/datapage.h"
#include "data/sampletablemodel.h"
#include "intent/intentpage.h"
#include "shell/mainwindow.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void init();
    void startsOnWelcomePage();
    void opensProject();
    void refusesGarbageFiles_data();
    void refusesGarbageFiles();
    void failedOpenKeepsCurrentProject();
    void createsProject();
    void createRefusesExistingFile();
    void recentListDropsMissingFiles();
    void recentListKeepsEight();
    void navigatorSwitchesPages();
    void closeReturnsToWelcome();
    void germanTranslationApplies();
};

void TestMainWindow::init() {
    ui::RecentProjects().clear();
}

void TestMainWindow::startsOnWelcomePage() {
    MainWindow window;
    QVERIFY(window.isShowingWelcome());
    QVERIFY(!window.project());
    QCOMPARE(window.windowTitle(), QStringLiteral("Smolify"));
}

void TestMainWindow::opensProject() {
    test::TempProject tp(QStringLiteral("claims"), QStringLiteral("Extract claim numbers as JSON"));
    QVERIFY(tp.ok());
    QVERIFY(!tp.insert(test::numberedSamples(3)).empty());
    const QString path = tp.path;
    tp.project.reset();  // as if another program had written it and closed it

    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(window.openProject(path));
    QVERIFY(messages.messages.empty());
    QVERIFY(!window.isShowingWelcome());
    QCOMPARE(window.currentStep(), MainWindow::DataStep);
    QVERIFY2(window.windowTitle().startsWith(QStringLiteral("claims")), qPrintable(window.windowTitle()));
    QCOMPARE(window.dataPage()->model()->rowCount(), 3);
    QCOMPARE(window.intentPage()->intentText(), QStringLiteral("Extract claim numbers as JSON"));
    QCOMPARE(window.recentProjects()->paths().value(0), QFileInfo(path).absoluteFilePath());
}

void TestMainWindow::refusesGarbageFiles_data() {
    QTest::addColumn<QByteArray>("bytes");
    QByteArray random(64 * 1024, '\0');
    QRandomGenerator generator(1234);
    for (char &c : random)
        c = static_cast<char>(generator.bounded(256));
    QTest::newRow("random bytes") << random;
    QTest::newRow("text") << QByteArray("these are not the samples you are looking for\n");
    QTest::newRow("empty") << QByteArray();
    QByteArray header("SQLite format 3\0", 16);
    header += QByteArray(4000, '\x07');
    QTest::newRow("truncated sqlite header") << header;
}

void TestMainWindow::refusesGarbageFiles() {
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("garbage.smolify"));
    QVERIFY(test::writeFile(path, bytes));

    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(!window.openProject(path));
    QCOMPARE(messages.messages.size(), std::size_t(1));
    const auto &message = messages.messages.front();
    QCOMPARE(message.kind, ui::MessageKind::critical);
    QVERIFY2(message.text.contains(QStringLiteral("garbage.smolify")), qPrintable(message.text));
    // The store's own explanation follows the file name.
    const QString why = message.text.section(QStringLiteral("\n\n"), 1);
    QVERIFY2(why.size() > 10, qPrintable(message.text));
    QVERIFY(window.isShowingWelcome());
    QVERIFY(!window.project());
    QVERIFY(window.recentProjects()->paths().isEmpty());
    // The file is left as it was.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
}

void TestMainWindow::failedOpenKeepsCurrentProject() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    tp.project.reset();
    const QString garbage = tp.filePath(QStringLiteral("other.smolify"));
    QVERIFY(test::writeFile(garbage, "nope"));

    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(window.openProject(tp.path));
    QVERIFY(!window.openProject(garbage));
    QCOMPARE(messages.messages.size(), std::size_t(1));
    QVERIFY(window.project());
    QCOMPARE(window.projectPath(), QFileInfo(tp.path).absoluteFilePath());
}

void TestMainWindow::createsProject() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.smolify"));
    store::CreateParams params;
    params.intent = "Turn dictations into SOAP notes";
    params.teacher_model = "llama3";

    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(window.createProject(path, params));
    QVERIFY(messages.messages.empty());
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(window.currentStep(), MainWindow::IntentStep);
    QCOMPARE(window.intentPage()->intentText(), QStringLiteral("Turn dictations into SOAP notes"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("notes")));
    // The Data page shows its empty state rather than an empty grid.
    QCOMPARE(window.dataPage()->model()->rowCount(), 0);
    auto *stack = window.dataPage()->findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
}

void TestMainWindow::createRefusesExistingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taken.smolify"));
    QVERIFY(test::writeFile(path, "keep me"));
    store::CreateParams params;
    params.intent = "anything";
    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(!window.createProject(path, params));
    QCOMPARE(messages.messages.size(), std::size_t(1));
    QVERIFY(!window.project());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
}

void TestMainWindow::recentListDropsMissingFiles() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    tp.project.reset();
    const QString missing = tp.filePath(QStringLiteral("gone.smolify"));

    MainWindow window;
    window.setRememberGeometry(false);
    window.recentProjects()->add(tp.path);
    window.recentProjects()->add(missing);
    QCOMPARE(window.recentProjects()->paths().size(), 2);
    emit window.recentMenu()->aboutToShow();
    // Two projects, a separator, "Clear List".
    QCOMPARE(window.recentMenu()->actions().size(), 4);

    test::MessageRecorder messages;
    window.openRecentProject(missing);
    QCOMPARE(messages.messages.size(), std::size_t(1));
    QCOMPARE(messages.messages.front().kind, ui::MessageKind::information);
    QVERIFY(messages.messages.front().text.contains(QStringLiteral("gone.smolify")));
    QCOMPARE(window.recentProjects()->paths(), QStringList{QFileInfo(tp.path).absoluteFilePath()});
    QVERIFY(!window.project());

    // The surviving entry still opens from the menu.
    emit window.recentMenu()->aboutToShow();
    window.recentMenu()->actions().first()->trigger();
    QVERIFY(window.project());
    QVERIFY(messages.messages.size() == 1);
}

void TestMainWindow::recentListKeepsEight() {
    ui::RecentProjects recent;
    for (int i = 0; i < 12; ++i)
        recent.add(QStringLiteral("/tmp/p%1.smolify").arg(i));
    const QStringList paths = recent.paths();
    QCOMPARE(paths.size(), ui::RecentProjects::kMaxEntries);
    QCOMPARE(paths.first(), QStringLiteral("/tmp/p11.smolify"));
    recent.add(QStringLiteral("/tmp/p5.smolify"));
    QCOMPARE(recent.paths().first(), QStringLiteral("/tmp/p5.smolify"));
    QCOMPARE(recent.paths().size(), ui::RecentProjects::kMaxEntries);
    recent.clear();
    QVERIFY(recent.paths().isEmpty());
}

void TestMainWindow::navigatorSwitchesPages() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    tp.project.reset();
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(window.openProject(tp.path));
    QListWidget *navigator = window.navigator();
    QStringList labels;
    for (int row = 0; row < navigator->count(); ++row)
        if (navigator->item(row)->flags() & Qt::ItemIsSelectable) labels << navigator->item(row)->text();
    QCOMPARE(labels,
             (QStringList{"Intent", "Data", "Train", "Evaluate", "Export", "Playground", "Settings"}));
    for (int row = 0; row < navigator->count(); ++row) {
        if (navigator->item(row)->text() == QStringLiteral("Train")) navigator->setCurrentRow(row);
    }
    QCOMPARE(window.currentStep(), MainWindow::TrainStep);
    window.showStep(MainWindow::SettingsStep);
    QCOMPARE(window.currentStep(), MainWindow::SettingsStep);
    QCOMPARE(navigator->currentItem()->text(), QStringLiteral("Settings"));
}

void TestMainWindow::closeReturnsToWelcome() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    tp.project.reset();
    MainWindow window;
    window.setRememberGeometry(false);
    QVERIFY(window.openProject(tp.path));
    QVERIFY(!window.isShowingWelcome());
    window.closeProject();
    QVERIFY(window.isShowingWelcome());
    QVERIFY(!window.project());
    QVERIFY(!window.dataPage()->project());
    QCOMPARE(window.dataPage()->model()->rowCount(), 0);
    QCOMPARE(window.windowTitle(), QStringLiteral("Smolify"));
}

void TestMainWindow::germanTranslationApplies() {
#ifdef SMOLIFY_DE_QM
    QTranslator german;
    QVERIFY2(german.load(QStringLiteral(SMOLIFY_DE_QM)), SMOLIFY_DE_QM);
    QVERIFY(QCoreApplication::installTranslator(&german));
    const QString data = MainWindow::stepName(MainWindow::DataStep);
    const QString settings = MainWindow::stepName(MainWindow::SettingsStep);
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(data, QStringLiteral("Daten"));
    QCOMPARE(settings, QStringLiteral("Einstellungen"));
    QCOMPARE(MainWindow::stepName(MainWindow::DataStep), QStringLiteral("Data"));
#else
    QSKIP("built without the German catalogue");
#endif
}

int runMainWindowTests(int argc, char **argv) {
    TestMainWindow t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_mainwindow.moc"
