// The Export page over a real project: 40 classification samples imported as approved and a tiny
// student trained for a few steps through core/train. Without a model the page says to train and
// nothing can start; with one it measures the four types (exact sizes, held-out loss against F32),
// shows the newest evaluation's score per type, proposes a destination that follows the type, exports
// the chosen type with its model card and Modelfile, shows the file, its sha256 and the commands that
// run it, and lists the export, which turns "missing" when the file is deleted. A README.md Smolify
// did not write stops an export before anything is written, unless replacing is ticked; a Hugging Face
// folder is written on request; a name without .gguf is refused with a message.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "common/qtstring.h"
#include "eval/evaluate.h"
#include "export/exportpage.h"
#include "io/import.h"
#include "testutil.h"
#include "train/trainer.h"

using namespace smolify;
using smolify::ui::ExportPage;
using smolify::ui::toPath;

namespace {

QString cellText(const QTableWidget *t, int row, int column) {
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text() : QString();
}

}  // namespace

class TestExportPage : public QObject {
    Q_OBJECT

private slots:
    void measureExportAndList();
};

void TestExportPage::measureExportAndList() {
    test::TempProject tp(QStringLiteral("tickets"));
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    io::ImportParams ip;
    ip.status = store::SampleStatus::approved;
    auto imported = io::import_samples(*tp.project, toPath(test::writeTicketsJsonl(tp)), ip);
    QVERIFY(imported.ok());

    ExportPage page;
    page.setProject(tp.project.get());
    // No model: the page says to train, and neither measuring nor exporting starts.
    QCOMPARE(page.runId(), 0);
    QVERIFY2(page.modelText().contains(QStringLiteral("train"), Qt::CaseInsensitive),
             qPrintable(page.modelText()));
    QVERIFY(!page.exportButton()->isEnabled());
    QVERIFY(!page.measureButton()->isEnabled());
    QVERIFY(!page.startExport());
    QVERIFY(!page.measureTypes());
    QCOMPARE(page.historyTable()->rowCount(), 0);

    auto trained = train::train(*tp.project, test::tinyTrainParams(3));
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    page.refresh();
    QCOMPARE(page.runId(), trained->run_id);
    QVERIFY2(page.modelText().contains(QStringLiteral("run %1").arg(trained->run_id)),
             qPrintable(page.modelText()));
    QVERIFY(page.exportButton()->isEnabled());

    // The proposed file sits beside the project and follows the type until the user edits it.
    QCOMPARE(page.typeBox()->currentData().toString(), QStringLiteral("q8_0"));
    QVERIFY2(page.destinationEdit()->text().endsWith(QStringLiteral("tickets-model/tickets.q8_0.gguf")),
             qPrintable(page.destinationEdit()->text()));
    page.typeBox()->setCurrentIndex(3);
    QVERIFY(page.destinationEdit()->text().endsWith(QStringLiteral("tickets.q4_0.gguf")));
    page.typeBox()->setCurrentIndex(2);

    // Every type measured: a size and a held-out loss each, F32 the reference.
    QSignalSpy measured(&page, &ExportPage::measureFinished);
    QVERIFY(page.measureTypes());
    QVERIFY(page.isBusy());
    QVERIFY(!page.exportButton()->isEnabled());
    QVERIFY(!page.startExport());  // one job at a time
    QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 1, 120000);
    QVERIFY2(measured.first().first().toBool(), qPrintable(page.statusText()));
    const QTableWidget *types = page.typesTable();
    QCOMPARE(types->rowCount(), 4);
    for (int r = 0; r < 4; ++r) {
        QVERIFY2(cellText(types, r, ExportPage::TypeSizeColumn) != QStringLiteral("–"),
                 qPrintable(QString::number(r)));
        bool number = false;
        cellText(types, r, ExportPage::TypeLossColumn).toDouble(&number);
        QVERIFY2(number, qPrintable(cellText(types, r, ExportPage::TypeLossColumn)));
    }
    QCOMPARE(cellText(types, 0, ExportPage::TypeNameColumn), QStringLiteral("F32"));
    QCOMPARE(cellText(types, 0, ExportPage::TypeDeltaColumn), QStringLiteral("reference"));
    QVERIFY(cellText(types, 2, ExportPage::TypeDeltaColumn).startsWith(QLatin1Char('+')) ||
            cellText(types, 2, ExportPage::TypeDeltaColumn).startsWith(QLatin1Char('-')));
    // Not evaluated yet: no score per type.
    QCOMPARE(cellText(types, 0, ExportPage::TypeScoreColumn), QStringLiteral("–"));

    // After an evaluation, its score and contract share per type (F16 is not evaluated).
    eval::EvalParams ep;
    ep.limit = 8;
    ep.compare_constrained = false;
    ep.threads = 2;
    auto evaluated = eval::evaluate(*tp.project, ep);
    QVERIFY2(evaluated.ok(), evaluated.ok() ? "" : evaluated.error().message.c_str());
    page.refresh();
    QVERIFY2(cellText(types, 0, ExportPage::TypeScoreColumn).contains(QStringLiteral("accuracy")),
             qPrintable(cellText(types, 0, ExportPage::TypeScoreColumn)));
    QVERIFY(cellText(types, 0, ExportPage::TypeContractColumn).endsWith(QLatin1Char('%')));
    QCOMPARE(cellText(types, 1, ExportPage::TypeScoreColumn), QStringLiteral("–"));

    // A README.md that Smolify did not write stops the export before anything is written.
    const QString folder = tp.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(test::writeFile(folder + QStringLiteral("/README.md"), "my own notes\n"));
    const QString gguf = folder + QStringLiteral("/triage.gguf");
    page.destinationEdit()->setText(gguf);
    QSignalSpy exported(&page, &ExportPage::exportFinished);
    QVERIFY(page.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    QCOMPARE(exported.first().first().toBool(), false);
    QVERIFY2(page.statusText().contains(QStringLiteral("README.md")), qPrintable(page.statusText()));
    QVERIFY(!QFile::exists(gguf));
    QVERIFY(page.commandsText().isEmpty());
    QVERIFY(!page.copyButton()->isEnabled());

    // Ticked, the export replaces it and writes the model card, the Modelfile and the folder asked for.
    page.forceCheck()->setChecked(true);
    page.hfCheck()->setChecked(true);
    exported.clear();
    QVERIFY(page.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    QVERIFY2(exported.first().first().toBool(), qPrintable(page.statusText()));
    QVERIFY(QFileInfo(gguf).size() > 0);
    QFile readme(folder + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QVERIFY(!readme.readAll().contains("my own notes"));
    QVERIFY(QFile::exists(folder + QStringLiteral("/Modelfile")));
    QVERIFY(QFile::exists(folder + QStringLiteral("/triage-hf/config.json")));
    QVERIFY2(page.resultText().contains(QStringLiteral("SHA-256")), qPrintable(page.resultText()));
    QVERIFY2(
        page.commandsText().contains(QStringLiteral("llama-cli -m ") + QFileInfo(gguf).absoluteFilePath()),
        qPrintable(page.commandsText()));
    QVERIFY(page.commandsText().contains(QStringLiteral("ollama create tickets -f Modelfile")));
    QVERIFY(page.commandsText().contains(QStringLiteral("lms import")));
    QVERIFY(page.copyButton()->isEnabled());
    QVERIFY(page.openFolderButton()->isEnabled());

    // Listed, and said to be missing once the file is gone.
    QCOMPARE(page.historyTable()->rowCount(), 1);
    QCOMPARE(page.historyTable()->item(0, ExportPage::HistoryTypeColumn)->text(), QStringLiteral("Q8_0"));
    QCOMPARE(page.historyTable()->item(0, ExportPage::StateColumn)->data(Qt::UserRole).toString(),
             QStringLiteral("present"));
    QVERIFY(QFile::remove(gguf));
    page.refresh();
    QCOMPARE(page.historyTable()->item(0, ExportPage::StateColumn)->data(Qt::UserRole).toString(),
             QStringLiteral("missing"));

    // A file name that is not a .gguf is refused with a message.
    page.destinationEdit()->setText(folder + QStringLiteral("/model.bin"));
    QVERIFY(!page.startExport());
    QVERIFY2(page.statusText().contains(QStringLiteral(".gguf")), qPrintable(page.statusText()));
    page.setProject(nullptr);
}

int runExportPageTests(int argc, char **argv) {
    TestExportPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_exportpage.moc"
