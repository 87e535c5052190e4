// File > Open Example: the bundled examples listed; a small recorded example (written here) opened
// at "reviewed" through the window's own menu path, on a worker thread, and found on the Data page
// with its approved, edited and rejected samples and its test pairs; a failing import example shows
// what its command said and leaves no project behind; Cancel stops a running build; the German
// catalogue covers the dialog.
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "common/qtstring.h"
#include "data/datapage.h"
#include "data/sampletablemodel.h"
#include "shell/mainwindow.h"
#include "shell/openexampledialog.h"
#include "testutil.h"

using namespace smolify;
using nlohmann::json;
using smolify::ui::MainWindow;
using smolify::ui::OpenExampleDialog;

namespace {

bool writeText(const QString &path, const std::string &text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return test::writeFile(path, QByteArray::fromStdString(text));
}

const std::string kSpec = json{{"kind", "free_text"},
                               {"instruction", "Name the colour the note is about."},
                               {"input_description", "A short note."},
                               {"output", json::object()},
                               {"axes", json::array()},
                               {"seeds", {{{"input", "The sky over the harbour"}, {"output", "blue"}}}}}
                              .dump();

// A recorded example: 2 teacher calls of 3 samples; the review approves 4, edits 1, rejects 1; 2
// held-out pairs.
bool writeRecordedExample(const QString &dir) {
    const char *inputs[] = {"amber lantern glowing beside the quiet harbour wall",
                            "fresh basil leaves crushed on a wooden kitchen board",
                            "cedar smoke drifting across the frozen mountain lake",
                            "violet dusk settling over the crowded market square",
                            "ginger cat sleeping on a warm library windowsill",
                            "cobalt tiles lining the old fountain in the courtyard"};
    const char *outputs[] = {"amber", "green", "grey", "violet", "orange", "blue"};
    std::string session;
    for (int call = 0; call < 2; ++call) {
        json items = json::array();
        for (int i = 0; i < 3; ++i)
            items.push_back({{"input", inputs[call * 3 + i]}, {"output", outputs[call * 3 + i]}});
        session += json{{"call", call + 1}, {"content", json{{"samples", items}}.dump()}}.dump() + "\n";
    }
    std::string review;
    review += json{{"call", 1}, {"index", 0}, {"decision", "approve"}}.dump() + "\n";
    review += json{{"call", 1}, {"index", 1}, {"decision", "edit"}, {"output", "basil green"}}.dump() + "\n";
    review +=
        json{{"call", 1}, {"index", 2}, {"decision", "reject"}, {"reason", "smoke is not a colour"}}.dump() +
        "\n";
    for (int i = 0; i < 3; ++i)
        review += json{{"call", 2}, {"index", i}, {"decision", "approve"}}.dump() + "\n";
    const std::string held = json{{"input", "snow on the quiet station roof"}, {"output", "white"}}.dump() +
                             "\n" +
                             json{{"input", "ripe cherries in a paper bag"}, {"output", "red"}}.dump() + "\n";
    return writeText(dir + QStringLiteral("/intent.txt"), "Name the colour a note is about\n") &&
           writeText(dir + QStringLiteral("/spec.json"), kSpec) &&
           writeText(dir + QStringLiteral("/teacher_session.jsonl"), session) &&
           writeText(dir + QStringLiteral("/review.jsonl"), review) &&
           writeText(dir + QStringLiteral("/held_out.jsonl"), held);
}

bool writeImportExample(const QString &dir, const std::string &script) {
    return writeText(dir + QStringLiteral("/intent.txt"), "Name the colour a note is about\n") &&
           writeText(dir + QStringLiteral("/spec.json"), kSpec) &&
           writeText(dir + QStringLiteral("/example.json"),
                     R"({"source": "import", "prepare": ["/bin/sh", "prepare.sh", "{out}"]})") &&
           writeText(dir + QStringLiteral("/prepare.sh"), script);
}

// The dialog MainWindow::openExampleDialog() opened.
OpenExampleDialog *openedDialog(MainWindow &window) {
    window.openExampleDialog();
    return window.findChild<OpenExampleDialog *>();
}

}  // namespace

class TestOpenExample : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsTheBundledExamples();
    void opensARecordedExampleAtReviewedOnTheDataPage();
    void aFailingImportExampleLeavesNoProject();
    void cancelStopsTheBuild();
    void germanTranslationApplies();

private:
    QTemporaryDir m_examples;
};

void TestOpenExample::init() {
    qputenv("SMOLIFY_EXAMPLES_DIR", m_examples.path().toUtf8());
}

void TestOpenExample::cleanup() {
    qunsetenv("SMOLIFY_EXAMPLES_DIR");
}

void TestOpenExample::listsTheBundledExamples() {
    OpenExampleDialog dialog(nullptr, {QStringLiteral(SMOLIFY_SOURCE_DIR "/examples")});
    const QStringList names = dialog.exampleNames();
    QVERIFY2(names.contains(QStringLiteral("soap-notes")), qPrintable(names.join(QLatin1Char(' '))));
    QVERIFY2(names.contains(QStringLiteral("man-pages")), qPrintable(names.join(QLatin1Char(' '))));
    QVERIFY(dialog.selectExample(QStringLiteral("soap-notes")));
    auto *details = dialog.findChild<QLabel *>(QStringLiteral("exampleDetails"));
    QVERIFY(details);
    const QString text = test::plainText(details->text());
    QVERIFY2(text.contains(QStringLiteral("SOAP")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("sectioned text")), qPrintable(text));
    QVERIFY2(dialog.projectPath().endsWith(QStringLiteral("soap-notes.smolify")),
             qPrintable(dialog.projectPath()));
    QCOMPARE(dialog.step(), OpenExampleDialog::Reviewed);
    // The default roots include the source tree's examples for a build run from its folder.
    QVERIFY(OpenExampleDialog::defaultRoots().contains(QStringLiteral(SMOLIFY_SOURCE_EXAMPLES_DIR)));
}

void TestOpenExample::opensARecordedExampleAtReviewedOnTheDataPage() {
    QVERIFY(writeRecordedExample(m_examples.filePath(QStringLiteral("colours"))));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("colours.smolify"));

    test::MessageRecorder messages;
    MainWindow window;
    window.setRememberGeometry(false);
    OpenExampleDialog *dialog = openedDialog(window);
    QVERIFY(dialog);
    QVERIFY(dialog->exampleNames().contains(QStringLiteral("colours")));
    QVERIFY(dialog->selectExample(QStringLiteral("colours")));
    dialog->setStep(OpenExampleDialog::Reviewed);
    dialog->setProjectPath(path);
    auto *open = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    // The build runs on a worker thread; the window opens the project when it is done.
    QTRY_VERIFY_WITH_TIMEOUT(window.project() != nullptr, 30000);
    QVERIFY(messages.messages.empty());
    QCOMPARE(window.currentStep(), MainWindow::DataStep);
    QCOMPARE(QFileInfo(window.projectPath()), QFileInfo(path));
    auto counts = window.project()->counts();
    QVERIFY(counts);
    QCOMPARE(counts->approved, int64_t{5 + 2});  // 4 approved + 1 edited, and the 2 test pairs
    QCOMPARE(counts->rejected, int64_t{1});
    QCOMPARE(counts->pending, int64_t{0});
    QCOMPARE(counts->test, int64_t{2});
    QTRY_COMPARE(window.dataPage()->model()->rowCount(), 8);
    QVERIFY2(window.windowTitle().startsWith(QStringLiteral("colours")), qPrintable(window.windowTitle()));
}

void TestOpenExample::aFailingImportExampleLeavesNoProject() {
    QVERIFY(writeImportExample(m_examples.filePath(QStringLiteral("broken-import")),
                               "echo 'no manual pages on this machine' >&2\nexit 1\n"));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("broken.smolify"));
    MainWindow window;
    window.setRememberGeometry(false);
    OpenExampleDialog *dialog = openedDialog(window);
    QVERIFY(dialog);
    QVERIFY(dialog->selectExample(QStringLiteral("broken-import")));
    dialog->setStep(OpenExampleDialog::Generated);
    dialog->setProjectPath(path);
    dialog->start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && !dialog->problemText().isEmpty(), 20000);
    QVERIFY2(dialog->problemText().contains(QStringLiteral("no manual pages on this machine")),
             qPrintable(dialog->problemText()));
    QVERIFY2(dialog->problemText().contains(QStringLiteral("exit status 1")),
             qPrintable(dialog->problemText()));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("broken-data"))));
    QVERIFY(!window.project());
    QVERIFY(dialog->isVisible());
}

void TestOpenExample::cancelStopsTheBuild() {
    QVERIFY(writeImportExample(m_examples.filePath(QStringLiteral("slow-import")), "sleep 30\n"));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("slow.smolify"));
    MainWindow window;
    window.setRememberGeometry(false);
    OpenExampleDialog *dialog = openedDialog(window);
    QVERIFY(dialog);
    bool closed = false;
    connect(dialog, &QDialog::finished, this, [&closed] { closed = true; });
    QVERIFY(dialog->selectExample(QStringLiteral("slow-import")));
    dialog->setProjectPath(path);
    dialog->start();
    QVERIFY(dialog->isRunning());
    QTest::qWait(300);
    QElapsedTimer timer;
    timer.start();
    // Cancel: stops the command, then closes.
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(closed, 10000);
    QVERIFY2(timer.elapsed() < 10000, "the command was stopped, not waited for");
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!window.project());
}

void TestOpenExample::germanTranslationApplies() {
#ifdef SMOLIFY_DE_QM
    QTranslator german;
    QVERIFY2(german.load(QStringLiteral(SMOLIFY_DE_QM)), SMOLIFY_DE_QM);
    QVERIFY(QCoreApplication::installTranslator(&german));
    QString title, open;
    {
        OpenExampleDialog dialog(nullptr, {QStringLiteral(SMOLIFY_SOURCE_DIR "/examples")});
        title = dialog.windowTitle();
        open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->text();
    }
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(title, QStringLiteral("Beispielprojekt öffnen"));
    QCOMPARE(open, QStringLiteral("Öffnen"));
#else
    QSKIP("built without the German catalogue");
#endif
}

int runOpenExampleTests(int argc, char **argv) {
    TestOpenExample t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_openexample.moc"
