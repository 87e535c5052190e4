// The Settings page: every machine-wide setting it edits reaches common/appsettings.h (and from there
// the jobs): threads, the export folder (the Export page's proposal), the price table (validated,
// saved, restored) and the air-gap hosts (cleaned, and accepted by core's teacher checks).
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include "common/appsettings.h"
#include "common/recentprojects.h"
#include "export/exportpage.h"
#include "settings/settingspage.h"
#include "teacher/settings.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::SettingsPage;

class TestSettingsPage : public QObject {
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }
    void cleanup() { QSettings().clear(); }
    void threadsAndLanguage();
    void exportFolderIsWhatTheExportPageProposes();
    void priceTableIsValidatedSavedAndRestored();
    void airGapHostsReachTheTeacherChecks();
};

void TestSettingsPage::threadsAndLanguage() {
    ui::RecentProjects recent;
    SettingsPage page(&recent);
    auto *train = page.findChild<QSpinBox *>(QStringLiteral("trainThreadsBox"));
    auto *infer = page.findChild<QSpinBox *>(QStringLiteral("inferThreadsBox"));
    QVERIFY(train && infer);
    QCOMPARE(train->value(), 0);  // all cores by default
    QVERIFY(train->specialValueText().contains(QStringLiteral("All cores")));
    train->setValue(3);
    infer->setValue(1);
    QCOMPARE(ui::appsettings::trainingThreads(), 3);
    QCOMPARE(ui::appsettings::inferenceThreads(), 1);
    // A hand-edited settings file cannot ask for a negative count.
    QSettings().setValue(QStringLiteral("threads/training"), -4);
    QCOMPARE(ui::appsettings::trainingThreads(), 0);

    auto *language = page.findChild<QComboBox *>(QStringLiteral("languageBox"));
    QVERIFY(language);
    QVERIFY(language->findData(QStringLiteral("es")) >= 0);
    QVERIFY(language->findData(QStringLiteral("de")) >= 0);
    language->setCurrentIndex(language->findData(QStringLiteral("es")));
    QCOMPARE(QSettings().value(SettingsPage::languageKey()).toString(), QStringLiteral("es"));
}

void TestSettingsPage::exportFolderIsWhatTheExportPageProposes() {
    test::TempProject tp(QStringLiteral("tickets"));
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    ui::ExportPage exportPage;
    exportPage.setProject(tp.project.get());
    const QString beside = QFileInfo(tp.path).absolutePath();
    QVERIFY2(exportPage.defaultDestination().startsWith(beside + QStringLiteral("/tickets-model/")),
             qPrintable(exportPage.defaultDestination()));

    ui::RecentProjects recent;
    SettingsPage page(&recent);
    auto *folder = page.findChild<QLineEdit *>(QStringLiteral("exportFolderEdit"));
    QVERIFY(folder);
    const QString models = tp.filePath(QStringLiteral("my-models"));
    folder->setText(models + QStringLiteral("  "));
    QCOMPARE(ui::appsettings::exportFolder(), models);
    QCOMPARE(exportPage.defaultDestination(),
             QDir(models).filePath(QStringLiteral("tickets-model/tickets.q8_0.gguf")));
    folder->clear();
    QVERIFY(exportPage.defaultDestination().startsWith(beside));
}

void TestSettingsPage::priceTableIsValidatedSavedAndRestored() {
    ui::RecentProjects recent;
    SettingsPage page(&recent);
    QTableWidget *prices = page.priceTable();
    const int defaults = static_cast<int>(teacher::PriceTable::defaults().models.size());
    QCOMPARE(prices->rowCount(), defaults);
    QVERIFY(!ui::appsettings::teacherPrices());

    // A bad price is refused with its row, and nothing is saved.
    page.addPriceRow();
    const int row = prices->rowCount() - 1;
    prices->item(row, 0)->setText(QStringLiteral("my-local-model"));
    prices->item(row, 1)->setText(QStringLiteral("-1"));
    QVERIFY(!page.savePrices());
    QVERIFY2(page.pricesStatus().contains(QStringLiteral("Row %1").arg(row + 1)),
             qPrintable(page.pricesStatus()));
    QVERIFY(!ui::appsettings::teacherPrices());

    prices->item(row, 1)->setText(QStringLiteral("0.25"));
    prices->item(row, 2)->setText(QStringLiteral("1.5"));
    QVERIFY2(page.savePrices(), qPrintable(page.pricesStatus()));
    auto saved = ui::appsettings::teacherPrices();
    QVERIFY(saved);
    QCOMPARE(static_cast<int>(saved->models.size()), defaults + 1);
    QVERIFY(saved->find("my-local-model"));
    QCOMPARE(saved->find("my-local-model")->output_per_mtok, 1.5);
    // What the jobs get.
    QVERIFY(ui::appsettings::teacherDefaults().prices->find("my-local-model"));

    // A page made later shows the saved table; Restore Defaults forgets it.
    SettingsPage again(&recent);
    QCOMPARE(again.priceTable()->rowCount(), defaults + 1);
    again.priceTable()->selectRow(0);
    again.removeSelectedPrices();
    QCOMPARE(again.priceTable()->rowCount(), defaults);
    again.restoreDefaultPrices();
    QVERIFY(!ui::appsettings::teacherPrices());
    QCOMPARE(again.priceTable()->rowCount(), defaults);
}

void TestSettingsPage::airGapHostsReachTheTeacherChecks() {
    ui::RecentProjects recent;
    SettingsPage page(&recent);
    auto *edit = page.findChild<QLineEdit *>(QStringLiteral("airGapEdit"));
    QVERIFY(edit);
    edit->setText(QStringLiteral(" GPU-box.lan, 10.0.0.5  gpu-box.lan,"));
    page.saveAirGapHosts();
    QCOMPARE(ui::appsettings::airGapHosts(),
             (QStringList{QStringLiteral("gpu-box.lan"), QStringLiteral("10.0.0.5")}));
    QCOMPARE(edit->text(), QStringLiteral("gpu-box.lan, 10.0.0.5"));

    teacher::Settings s;
    s.base_url = "http://gpu-box.lan:8000/v1";
    s.model = "qwen";
    s.air_gap = true;
    QCOMPARE(teacher::check_settings(s, ui::appsettings::teacherDefaults()), std::string());
    QVERIFY(!teacher::check_settings(s).empty());
    s.base_url = "https://api.openai.com/v1";
    QVERIFY(!teacher::check_settings(s, ui::appsettings::teacherDefaults()).empty());
}

int runSettingsPageTests(int argc, char **argv) {
    TestSettingsPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_settingspage.moc"
