#include "export/exportpage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

#include "common/appsettings.h"
#include "common/jobrunner.h"
#include "common/labels.h"
#include "common/qtstring.h"
#include "eval/results.h"
#include "export/bundle.h"
#include "export/model_card.h"
#include "infer/quant_compare.h"
#include "store/project.h"
#include "train/runs.h"

namespace smolify::ui {

namespace {

constexpr gguf::ExportType kTypes[] = {gguf::ExportType::f32, gguf::ExportType::f16, gguf::ExportType::q8_0,
                                       gguf::ExportType::q4_0};

QString typeLabel(std::string_view name) {
    return toQString(name).toUpper();  // "Q8_0"
}

QString bytesText(int64_t bytes) {
    return QLocale().formattedDataSize(bytes, 2, QLocale::DataSizeTraditionalFormat);
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(align);
    return item;
}

QTableWidgetItem *numberCell(const QString &text) {
    return cell(text, Qt::AlignRight | Qt::AlignVCenter);
}

}  // namespace

ExportPage::ExportPage(QWidget *parent) : QWidget(parent), m_runner(new JobRunner(QStringLiteral("export"))) {
    m_model = new QLabel(this);
    m_model->setObjectName(QStringLiteral("exportModel"));
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The four types and what each costs.
    m_types = new QTableWidget(0, TypeColumnCount, this);
    m_types->setObjectName(QStringLiteral("exportTypes"));
    m_types->setHorizontalHeaderLabels({tr("Type"), tr("File size"), tr("Held-out loss"), tr("vs F32"),
                                        tr("Evaluation score"), tr("Keeps the contract")});
    m_types->verticalHeader()->hide();
    m_types->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_types->setSelectionMode(QAbstractItemView::SingleSelection);
    m_types->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_types->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_types->horizontalHeader()->setStretchLastSection(false);
    m_types->setRowCount(static_cast<int>(std::size(kTypes)));
    m_types->setMaximumHeight(m_types->verticalHeader()->defaultSectionSize() * 5 + 8);
    m_measureButton = new QPushButton(tr("Measure"), this);
    m_measureButton->setToolTip(
        tr("Write each type once to a temporary file and score it on the validation slice"));
    auto *typesNote = new QLabel(
        tr("Smaller files run faster on a laptop; the held-out loss says what the rounding costs. Q8_0 is "
           "nearly lossless, Q4_0 the smallest."),
        this);
    typesNote->setWordWrap(true);
    typesNote->setForegroundRole(QPalette::PlaceholderText);

    auto *typesBox = new QGroupBox(tr("Weight types"), this);
    auto *typesLayout = new QVBoxLayout(typesBox);
    typesLayout->addWidget(m_types);
    auto *typesRow = new QHBoxLayout;
    typesRow->addWidget(typesNote, 1);
    typesRow->addWidget(m_measureButton, 0, Qt::AlignTop);
    typesLayout->addLayout(typesRow);

    // Where and how.
    m_typeBox = new QComboBox(this);
    m_typeBox->setObjectName(QStringLiteral("exportType"));
    for (gguf::ExportType t : kTypes)
        m_typeBox->addItem(typeLabel(gguf::export_type_name(t)), toQString(gguf::export_type_name(t)));
    m_typeBox->setCurrentIndex(2);  // Q8_0
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("exportDestination"));
    m_browseButton = new QPushButton(tr("Browse…"), this);
    auto *destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(m_browseButton);
    m_license = new QLineEdit(this);
    m_license->setObjectName(QStringLiteral("exportLicense"));
    m_license->setPlaceholderText(tr("none chosen (the model card says so)"));
    m_license->setToolTip(tr("An SPDX licence id such as apache-2.0, mit or cc-by-4.0"));
    m_hf = new QCheckBox(tr("Also write a Hugging Face folder (safetensors, config, tokenizer)"), this);
    m_force = new QCheckBox(tr("Replace a README.md, Modelfile or folder that Smolify did not write"), this);
    auto *besides = new QLabel(
        tr("The model card (README.md) and an Ollama Modelfile are written beside the file."), this);
    besides->setWordWrap(true);
    besides->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("Type:"), m_typeBox);
    form->addRow(tr("Save as:"), destinationRow);
    form->addRow(tr("Licence:"), m_license);
    form->addRow(QString(), m_hf);
    form->addRow(QString(), m_force);
    form->addRow(QString(), besides);

    m_exportButton = new QPushButton(tr("Export"), this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_exportButton);
    actionRow->addWidget(m_stopButton);
    actionRow->addWidget(m_progress, 1);

    auto *fileBox = new QGroupBox(tr("Model file"), this);
    auto *fileLayout = new QVBoxLayout(fileBox);
    fileLayout->addLayout(form);
    fileLayout->addLayout(actionRow);
    fileLayout->addWidget(m_status);

    // What to do with it.
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commands = new QPlainTextEdit(this);
    m_commands->setObjectName(QStringLiteral("exportCommands"));
    m_commands->setReadOnly(true);
    m_commands->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commands->setPlaceholderText(tr("After an export: the commands that run the file."));
    m_commands->setMaximumHeight(m_commands->fontMetrics().lineSpacing() * 9 + 12);
    m_copyButton = new QPushButton(tr("Copy Commands"), this);
    m_openFolderButton = new QPushButton(tr("Open Folder"), this);
    auto *useRow = new QHBoxLayout;
    useRow->addStretch(1);
    useRow->addWidget(m_copyButton);
    useRow->addWidget(m_openFolderButton);
    auto *useBox = new QGroupBox(tr("Run it"), this);
    auto *useLayout = new QVBoxLayout(useBox);
    useLayout->addWidget(m_result);
    useLayout->addWidget(m_commands);
    useLayout->addLayout(useRow);

    // What was exported before.
    m_history = new QTableWidget(0, HistoryColumnCount, this);
    m_history->setObjectName(QStringLiteral("exportHistory"));
    m_history->setHorizontalHeaderLabels(
        {tr("When"), tr("Type"), tr("Size"), tr("File"), tr("State"), tr("SHA-256")});
    m_history->verticalHeader()->hide();
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);
    m_history->setMinimumHeight(m_history->verticalHeader()->defaultSectionSize() * 4);
    auto *historyBox = new QGroupBox(tr("Earlier exports"), this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(m_history);

    auto *content = new QWidget(this);
    auto *column = new QVBoxLayout(content);
    column->addWidget(m_model);
    column->addWidget(typesBox);
    column->addWidget(fileBox);
    column->addWidget(useBox);
    column->addWidget(historyBox, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_measureButton, &QPushButton::clicked, this, &ExportPage::measureTypes);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportPage::startExport);
    connect(m_stopButton, &QPushButton::clicked, this, &ExportPage::stop);
    connect(m_copyButton, &QPushButton::clicked, this, &ExportPage::copyCommands);
    connect(m_openFolderButton, &QPushButton::clicked, this, &ExportPage::openFolder);
    connect(m_browseButton, &QPushButton::clicked, this, &ExportPage::browseDestination);
    connect(m_typeBox, &QComboBox::currentIndexChanged, this, &ExportPage::typeChanged);
    connect(m_types, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_types->selectionModel()->selectedRows();
        if (!rows.isEmpty()) m_typeBox->setCurrentIndex(rows.first().row());
    });
    setBusy(false);
}

ExportPage::~ExportPage() {
    delete m_runner;
}

void ExportPage::setProject(store::Project *project) {
    if (m_project != project && m_runner->isRunning()) m_runner->cancel();
    m_project = project;
    m_compare.reset();
    m_compareRunId = 0;
    m_measureFailed = false;
    m_proposed.clear();
    m_destination->clear();
    m_lastFolder.clear();
    m_status->clear();
    m_result->clear();
    m_commands->clear();
    m_progress->setValue(0);
    refresh();
}

bool ExportPage::isBusy() const {
    return m_runner->isRunning();
}

QString ExportPage::modelText() const {
    return m_model->text();
}

QString ExportPage::statusText() const {
    return m_status->text();
}

QString ExportPage::commandsText() const {
    return m_commands->toPlainText();
}

QString ExportPage::resultText() const {
    return m_result->text();
}

QString ExportPage::typeName() const {
    return m_typeBox->currentData().toString();
}

QString ExportPage::defaultDestination() const {
    if (!m_project) return {};
    const QFileInfo project(fromPath(m_project->path()));
    const QString stem = project.completeBaseName();
    // The Settings page's export folder when one is set, else beside the project.
    const QString folder = appsettings::exportFolder();
    return QDir(folder.isEmpty() ? project.absolutePath() : folder)
        .filePath(stem + QStringLiteral("-model/") + stem + QLatin1Char('.') + typeName() +
                  QStringLiteral(".gguf"));
}

void ExportPage::setBusy(bool busy) {
    const bool model = m_project != nullptr && m_runId > 0;
    m_measureButton->setEnabled(model && !busy);
    m_exportButton->setEnabled(model && !busy);
    m_stopButton->setEnabled(busy);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_typeBox, m_destination, m_browseButton, m_license, m_hf, m_force})
        w->setEnabled(model && !busy);
    m_copyButton->setEnabled(!m_commands->toPlainText().isEmpty());
    m_openFolderButton->setEnabled(!m_lastFolder.isEmpty());
}

void ExportPage::refresh() {
    loadModel();
    fillTypes();
    loadHistory();
    proposeDestination();
    setBusy(m_runner->isRunning());
}

void ExportPage::loadModel() {
    m_runId = 0;
    if (!m_project) {
        m_model->setText(tr("Open a project to export its model."));
        return;
    }
    auto run = train::latest_run(*m_project);
    if (!run) {
        m_model->setText(toQString(run.error().message));
        return;
    }
    if (!*run) {
        m_model->setText(tr("No model yet: train one on the Train page, then export it here."));
        return;
    }
    const train::RunRow &r = **run;
    auto checkpoints = train::read_checkpoints(*m_project, r.id);
    if (!checkpoints || checkpoints->empty()) {
        m_model->setText(tr("Training run %1 has no checkpoint yet: let it train a little longer, then "
                            "export it here.")
                             .arg(r.id));
        return;
    }
    m_runId = r.id;
    QString text = tr("Exports the student of training run %1 (%2 steps, %3).")
                       .arg(r.id)
                       .arg(Labels::count(r.step))
                       .arg(toQString(r.status));
    if (auto card = card::collect_model_card(*m_project, r.id, ""); card) {
        const QString preset = card->run.preset.empty() ? tr("custom") : toQString(card->run.preset);
        text = tr("Exports the student of training run %1: %2, %3 parameters, %4 steps, %5.")
                   .arg(r.id)
                   .arg(preset)
                   .arg(Labels::count(card->run.parameters))
                   .arg(Labels::count(r.step))
                   .arg(toQString(r.status));
    }
    if (r.best_val_loss)
        text += QLatin1Char(' ') + tr("Best validation loss %1.").arg(*r.best_val_loss, 0, 'f', 3);
    if (r.status == "running")
        text += QLatin1Char(' ') + tr("The run is still training: the export takes its newest checkpoint.");
    m_model->setText(text);
}

void ExportPage::fillTypes() {
    std::optional<eval::TypeMetrics> metrics;
    if (m_project && m_runId > 0)
        if (auto m = eval::type_metrics(*m_project, m_runId); m) metrics = std::move(*m);
    const bool measured = m_compare && m_compareRunId == m_runId && m_runId > 0;
    const infer::QuantCompareRow *f32 = nullptr;
    if (measured)
        for (const auto &row : m_compare->rows)
            if (row.type == gguf::ExportType::f32) f32 = &row;
    const QString dash = QStringLiteral("–");
    for (int i = 0; i < static_cast<int>(std::size(kTypes)); ++i) {
        const std::string name(gguf::export_type_name(kTypes[i]));
        m_types->setItem(i, TypeNameColumn, cell(typeLabel(name)));
        QString size = dash, loss = dash, delta = dash, score = dash, contract = dash;
        if (measured)
            for (const auto &row : m_compare->rows) {
                if (row.type != kTypes[i]) continue;
                size = bytesText(row.file_bytes);
                loss = QString::number(row.loss, 'f', 4);
                if (f32)
                    delta = row.type == gguf::ExportType::f32
                                ? tr("reference")
                                : QString::asprintf("%+.4f",
                                                    std::abs(row.delta_loss) < 5e-5 ? 0.0 : row.delta_loss);
            }
        if (metrics)
            for (const auto &t : metrics->types) {
                if (t.quant != name) continue;
                if (t.score >= 0) {
                    score = QString::number(t.score, 'f', 3);
                    if (!metrics->measure.empty()) score += QLatin1Char(' ') + toQString(metrics->measure);
                }
                if (t.contract_share >= 0)
                    contract = QString::number(t.contract_share * 100, 'f', 1) + QLatin1Char('%');
            }
        m_types->setItem(i, TypeSizeColumn, numberCell(size));
        m_types->setItem(i, TypeLossColumn, numberCell(loss));
        m_types->setItem(i, TypeDeltaColumn, numberCell(delta));
        m_types->setItem(i, TypeScoreColumn, numberCell(score));
        m_types->setItem(i, TypeContractColumn, numberCell(contract));
    }
}

void ExportPage::loadHistory() {
    m_history->setRowCount(0);
    if (!m_project) return;
    auto entries = bundle::list_exports(*m_project);
    if (!entries) {
        m_status->setText(toQString(entries.error().message));
        return;
    }
    m_history->setRowCount(static_cast<int>(entries->size()));
    for (int i = 0; i < static_cast<int>(entries->size()); ++i) {
        const bundle::ExportEntry &e = (*entries)[static_cast<std::size_t>(i)];
        m_history->setItem(i, WhenColumn, cell(Labels::dateTime(e.created_at)));
        m_history->setItem(i, HistoryTypeColumn, cell(typeLabel(e.quantization)));
        m_history->setItem(i, HistorySizeColumn, numberCell(bytesText(e.bytes)));
        m_history->setItem(i, FileColumn, cell(fromPath(e.path)));
        QString state = tr("present");
        if (e.state == "missing")
            state = tr("missing: moved or deleted");
        else if (e.state == "changed")
            state = tr("changed since (another size)");
        auto *stateItem = cell(state);
        stateItem->setData(Qt::UserRole, toQString(e.state));
        if (e.state != "present") stateItem->setForeground(palette().color(QPalette::PlaceholderText));
        m_history->setItem(i, StateColumn, stateItem);
        auto *sha = cell(toQString(e.sha256).left(16) + QStringLiteral("…"));
        sha->setToolTip(toQString(e.sha256));
        m_history->setItem(i, Sha256Column, sha);
    }
}

void ExportPage::proposeDestination() {
    // The proposal follows the project and the type until the user puts another name there.
    const QString current = m_destination->text();
    if (!current.isEmpty() && current != m_proposed) return;
    m_proposed = defaultDestination();
    m_destination->setText(m_proposed);
}

void ExportPage::typeChanged() {
    proposeDestination();
    const int row = m_typeBox->currentIndex();
    if (row >= 0 && row < m_types->rowCount() &&
        (m_types->selectionModel()->selectedRows().isEmpty() ||
         m_types->selectionModel()->selectedRows().first().row() != row)) {
        QSignalBlocker block(m_types);
        m_types->selectRow(row);
    }
}

void ExportPage::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    refresh();
    if (m_runId > 0 && m_compareRunId != m_runId && !m_measureFailed && !m_runner->isRunning())
        measureTypes();
}

bool ExportPage::measureTypes() {
    if (!m_project || m_runId <= 0 || m_runner->isRunning()) return false;
    const std::filesystem::path path = m_project->path();
    const int64_t runId = m_runId;
    m_status->setText(tr("Measuring each type on the validation slice…"));
    m_progress->setValue(0);
    ProjectJob<infer::QuantCompareProgress, infer::QuantCompareReport> job;
    job.project = path;
    job.work = [threads = appsettings::inferenceThreads()](
                   store::Project &project, const job::Hooks<infer::QuantCompareProgress> &hooks) {
        infer::QuantCompareParams p;
        p.threads = threads;
        p.hooks = hooks;
        return infer::compare_export_types(project, p);
    };
    job.progress = [this](const infer::QuantCompareProgress &pr) {
        const double done = (pr.type_index + std::max(0.0, pr.fraction())) / std::max(1, pr.types);
        m_progress->setValue(static_cast<int>(std::lround(done * 100)));
    };
    job.done = [this, runId](Result<infer::QuantCompareReport> &r) {
        if (r) {
            m_compare = std::make_shared<infer::QuantCompareReport>(std::move(*r));
            m_compareRunId = runId;
            m_progress->setValue(100);
            m_status->setText(tr("Measured on %1 validation samples (%2 answer tokens).")
                                  .arg(Labels::count(m_compare->samples))
                                  .arg(Labels::count(m_compare->target_tokens)));
        } else {
            const bool cancelled = r.error().kind == ErrorKind::cancelled;
            m_measureFailed = !cancelled;
            m_progress->setValue(0);
            m_status->setText(cancelled ? tr("Measuring stopped.")
                                        : tr("Could not measure the types: %1").arg(toQString(r.error().message)));
        }
        refresh();
        emit measureFinished(bool(r));
    };
    const bool started = m_runner->run(std::move(job));
    if (started) setBusy(true);
    return started;
}

bool ExportPage::startExport() {
    if (!m_project || m_runId <= 0 || m_runner->isRunning()) return false;
    const QString destination = m_destination->text().trimmed();
    if (destination.isEmpty()) {
        m_status->setText(tr("Choose where to save the model file."));
        return false;
    }
    if (!destination.endsWith(QStringLiteral(".gguf"), Qt::CaseInsensitive)) {
        m_status->setText(tr("The model file's name must end in .gguf."));
        return false;
    }
    auto parsed = gguf::parse_export_type(toStdString(typeName()));
    if (!parsed) {
        m_status->setText(toQString(parsed.error().message));
        return false;
    }
    const std::filesystem::path path = m_project->path();
    const std::filesystem::path gguf = toPath(QFileInfo(destination).absoluteFilePath());
    bundle::ExportParams params;
    params.type = *parsed;
    params.license = toStdString(m_license->text().trimmed());
    params.force = m_force->isChecked();
    if (m_hf->isChecked()) {
        const QFileInfo file(fromPath(gguf));
        params.hf_dir =
            toPath(QDir(file.absolutePath()).filePath(file.completeBaseName() + QStringLiteral("-hf")));
    }
    m_status->setText(tr("Writing %1…").arg(fromPath(gguf)));
    m_progress->setValue(0);
    m_result->clear();
    m_commands->clear();
    ProjectJob<job::Progress, bundle::ExportResult> job;
    job.project = path;
    job.work = [gguf, params](store::Project &project, const job::Hooks<job::Progress> &hooks) mutable {
        params.hooks = hooks;
        return bundle::export_model(project, gguf, params);
    };
    job.progress = [this](const job::Progress &pr) {
        if (pr.total > 0) m_progress->setValue(static_cast<int>(std::lround(100.0 * pr.fraction())));
    };
    job.done = [this](Result<bundle::ExportResult> &out) {
        if (out) {
            const bundle::ExportResult &r = *out;
            const QString file = fromPath(r.outcome.path);
            m_lastFolder = QFileInfo(file).absolutePath();
            m_progress->setValue(100);
            m_status->setText(tr("Exported."));
            QString result = tr("%1\n%2, %3 bytes; SHA-256 %4\nBeside it: README.md (the model card) and "
                                "Modelfile.")
                                 .arg(file, bytesText(r.outcome.bytes), Labels::count(r.outcome.bytes),
                                      toQString(r.outcome.sha256));
            if (r.hf_dir) result += QLatin1Char('\n') + tr("Hugging Face folder: %1").arg(fromPath(*r.hf_dir));
            m_result->setText(result);
            const bundle::RunCommands c = bundle::run_commands(r.outcome.path, r.model_card.name);
            m_commands->setPlainText(tr("# llama.cpp") + QLatin1Char('\n') + toQString(c.llama_cpp) +
                                     QStringLiteral("\n\n") + tr("# Ollama") + QLatin1Char('\n') +
                                     toQString(c.ollama_create) + QLatin1Char('\n') + toQString(c.ollama_run) +
                                     QStringLiteral("\n\n") + tr("# LM Studio") + QLatin1Char('\n') +
                                     toQString(c.lm_studio));
            emit statusMessage(tr("Exported %1").arg(QFileInfo(file).fileName()));
        } else {
            m_progress->setValue(0);
            m_status->setText(out.error().kind == ErrorKind::cancelled
                                  ? tr("Export stopped; no file was kept.")
                                  : tr("Export failed: %1").arg(toQString(out.error().message)));
        }
        refresh();
        emit exportFinished(bool(out));
    };
    const bool started = m_runner->run(std::move(job));
    if (started) setBusy(true);
    return started;
}

void ExportPage::stop() {
    m_runner->cancel();
}

void ExportPage::copyCommands() {
    if (m_commands->toPlainText().isEmpty()) return;
    QGuiApplication::clipboard()->setText(m_commands->toPlainText());
    emit statusMessage(tr("Commands copied."));
}

void ExportPage::openFolder() {
    if (!m_lastFolder.isEmpty()) QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastFolder));
}

void ExportPage::browseDestination() {
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Save the model as"), m_destination->text(),
                                                        tr("GGUF model (*.gguf)"));
    if (chosen.isEmpty()) return;
    m_destination->setText(chosen.endsWith(QStringLiteral(".gguf"), Qt::CaseInsensitive)
                               ? chosen
                               : chosen + QStringLiteral(".gguf"));
}

}  // namespace smolify::ui
