// ui_test: every test class of the desktop workbench in one executable, offscreen, with settings
// in a throwaway folder so that no test reads or changes the user's recent projects or layout.
#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

int runSampleTableModelTests(int argc, char **argv);
int runDataPageTests(int argc, char **argv);
int runImportTests(int argc, char **argv);
int runMainWindowTests(int argc, char **argv);
int runTrainPageTests(int argc, char **argv);
int runSynthPanelTests(int argc, char **argv);
int runEvalPageTests(int argc, char **argv);
int runExportPageTests(int argc, char **argv);
int runPlaygroundPageTests(int argc, char **argv);
int runOpenExampleTests(int argc, char **argv);
int runSettingsPageTests(int argc, char **argv);
int runResponsivenessTests(int argc, char **argv);

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SmolifyTests"));
    QApplication::setApplicationName(QStringLiteral("ui_test"));
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir settingsDir;
    if (!settingsDir.isValid()) {
        std::fprintf(stderr, "ui_test: cannot create a temporary folder\n");
        return 2;
    }
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    int failed = 0;
    failed += runSampleTableModelTests(argc, argv);
    failed += runDataPageTests(argc, argv);
    failed += runImportTests(argc, argv);
    failed += runMainWindowTests(argc, argv);
    failed += runTrainPageTests(argc, argv);
    failed += runSynthPanelTests(argc, argv);
    failed += runEvalPageTests(argc, argv);
    failed += runExportPageTests(argc, argv);
    failed += runPlaygroundPageTests(argc, argv);
    failed += runOpenExampleTests(argc, argv);
    failed += runSettingsPageTests(argc, argv);
    failed += runResponsivenessTests(argc, argv);
    std::printf("ui_test: %s\n", failed == 0 ? "all test classes passed" : "FAILURES (see above)");
    return failed == 0 ? 0 : 1;
}
