// smolify: the desktop workbench. Wiring only: application identity, translations, the command
// line, and the main window from smolify_ui.
//
//   smolify [PROJECT.smolify]
//   smolify --screenshot FILE.png PROJECT.smolify   # opens the Data page, saves the window, exits
//   smolify --page PAGE [--screenshot FILE.png] PROJECT.smolify   # opens (and saves) PAGE: intent,
//                                              # data, train, evaluate, export, playground, settings
#include <QApplication>
#include <QCommandLineParser>
#include <QImageReader>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "common/icons.h"
#include "common/messages.h"
#include "data/datapage.h"
#include "export/exportpage.h"
#include "settings/settingspage.h"
#include "shell/mainwindow.h"
#include "train/trainpage.h"

namespace {

// Qt's own strings (standard buttons, file dialogs) and ours, in the language chosen in Settings
// or else the system's.
void installTranslations(QApplication &app) {
    const QString chosen = QSettings().value(smolify::ui::SettingsPage::languageKey()).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (!chosen.isEmpty()) QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("smolify"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

QIcon applicationIcon() {
    // The SVG where Qt can read it (libqt6svg6 installed), else the same drawing painted.
    if (QImageReader::supportedImageFormats().contains("svg"))
        return QIcon(QStringLiteral(":/icons/smolify.svg"));
    return smolify::ui::Icons::app();
}

}  // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Smolify"));
    QApplication::setOrganizationDomain(QStringLiteral("smolify.io"));
    QApplication::setApplicationName(QStringLiteral("Smolify"));
    QApplication::setApplicationVersion(QStringLiteral(SMOLIFY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.smolify.Smolify"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Turn a typed intent into a small language model you own."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Open PROJECT on the Data page, save the window to FILE and exit."),
        QApplication::translate("main", "FILE"));
    parser.addOption(screenshotOption);
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QApplication::translate("main",
                                "Open PROJECT on PAGE: intent, data, train, evaluate, export, playground or "
                                "settings (for --screenshot too)."),
        QApplication::translate("main", "PAGE"), QStringLiteral("data"));
    parser.addOption(pageOption);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QApplication::translate("main", "A project file (.smolify) to open."),
                                 QStringLiteral("[PROJECT.smolify]"));
    parser.process(app);
    const QString screenshot = parser.value(screenshotOption);
    const QString project = parser.positionalArguments().value(0);
    const QString page = parser.value(pageOption);
    using Window = smolify::ui::MainWindow;
    static const std::pair<const char *, Window::Step> kPages[] = {
        {"intent", Window::IntentStep},     {"data", Window::DataStep},
        {"train", Window::TrainStep},       {"evaluate", Window::EvaluateStep},
        {"export", Window::ExportStep},     {"playground", Window::PlaygroundStep},
        {"settings", Window::SettingsStep}};
    std::optional<Window::Step> step;
    for (const auto &[name, s] : kPages)
        if (page == QLatin1String(name)) step = s;
    if (!step) {
        std::fprintf(stderr,
                     "smolify: --page must be intent, data, train, evaluate, export, playground or settings\n");
        return 1;
    }

    // A screenshot must not depend on (or change) the user's window size, recent list or language.
    std::unique_ptr<QTemporaryDir> scratchSettings;
    if (!screenshot.isEmpty()) {
        if (project.isEmpty()) {
            std::fprintf(stderr, "smolify: --screenshot needs a project to open\n");
            return 1;
        }
        scratchSettings = std::make_unique<QTemporaryDir>();
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratchSettings->path());
        smolify::ui::setMessagePresenter(
            [](QWidget *, smolify::ui::MessageKind, const QString &title, const QString &text) {
                std::fprintf(stderr, "smolify: %s: %s\n", qPrintable(title), qPrintable(text));
            });
    }

    installTranslations(app);
    QApplication::setWindowIcon(applicationIcon());

    smolify::ui::MainWindow window;
    if (!screenshot.isEmpty()) {
        window.setRememberGeometry(false);
        window.resize(1440, 900);
    }
    window.show();
    if (!project.isEmpty() && !window.openProject(project) && !screenshot.isEmpty()) return 1;

    if (!project.isEmpty() && (parser.isSet(pageOption) || !screenshot.isEmpty())) window.showStep(*step);
    if (!screenshot.isEmpty()) {
        if (*step == Window::DataStep) {
            window.dataPage()->selectRow(0);
        } else if (auto *trainPage = window.findChild<smolify::ui::TrainPage *>();
                   trainPage && *step == Window::TrainStep) {
            trainPage->poll();  // the newest run's metrics, read before the grab
        }
        // Let layouts settle and the table fetch its first page, and let a page's own job (the Export
        // page measures its types when shown, the Train page estimates the next run) finish, at most
        // two minutes, before grabbing.
        auto *settle = new QTimer(&window);
        auto waited = std::make_shared<int>(0);
        QObject::connect(settle, &QTimer::timeout, &window, [&window, screenshot, settle, waited] {
            *waited += 100;
            const auto *train = window.findChild<smolify::ui::TrainPage *>();
            const bool busy = window.exportPage()->isBusy() || (train && train->isEstimating());
            if (*waited < 400 || (busy && *waited < 120000)) return;
            settle->stop();
            const bool saved = window.grab().save(screenshot);
            if (!saved) std::fprintf(stderr, "smolify: could not write %s\n", qPrintable(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
        settle->start(100);
    }
    return app.exec();
}
