#include "shell/openexampledialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>

#include "common/jobrunner.h"
#include "common/qtstring.h"
#include "store/project.h"
#include "train/trainer.h"

namespace smolify::ui {

namespace {

namespace fs = std::filesystem;

const QString kSuffix = QStringLiteral(".smolify");

// What the job hands back to the GUI thread.
struct Outcome {
    bool ok = false;
    bool cancelled = false;
    QString error;
};

QString kindName(const std::string &kind) {
    if (kind == "sectioned_text") return OpenExampleDialog::tr("sectioned text");
    if (kind == "json_extraction") return OpenExampleDialog::tr("JSON extraction");
    if (kind == "classification") return OpenExampleDialog::tr("classification");
    if (kind == "free_text") return OpenExampleDialog::tr("free text");
    return toQString(kind);
}

QString stageText(const std::string &stage) {
    if (stage == "spec") return OpenExampleDialog::tr("Saving the task spec");
    if (stage == "replay") return OpenExampleDialog::tr("Replaying the recorded teacher session");
    if (stage == "review") return OpenExampleDialog::tr("Applying the recorded review");
    if (stage == "prepare") return OpenExampleDialog::tr("Running the example's prepare command");
    if (stage == "import") return OpenExampleDialog::tr("Importing the pairs as approved samples");
    if (stage == "held_out") return OpenExampleDialog::tr("Importing the held-out test pairs");
    if (stage == "train") return OpenExampleDialog::tr("Training the student");
    return toQString(stage);
}

// The project file and what SQLite keeps beside it.
void removeProjectFiles(const QString &path) {
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

}  // namespace

QStringList OpenExampleDialog::defaultRoots() {
    QStringList roots;
    const QString env = qEnvironmentVariable("SMOLIFY_EXAMPLES_DIR");
    if (!env.isEmpty()) roots << env;
    roots << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                             QStringLiteral("/../share/smolify/examples"));
    roots << QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                       QStringLiteral("smolify/examples"), QStandardPaths::LocateDirectory);
#ifdef SMOLIFY_SOURCE_EXAMPLES_DIR
    roots << QStringLiteral(SMOLIFY_SOURCE_EXAMPLES_DIR);
#endif
    roots.removeDuplicates();
    return roots;
}

OpenExampleDialog::OpenExampleDialog(QWidget *parent, const QStringList &roots) : QDialog(parent) {
    setObjectName(QStringLiteral("openExampleDialog"));
    setWindowTitle(tr("Open Example"));
    m_runner = new JobRunner(QStringLiteral("open example"), this);

    QSet<QString> seen;
    for (const QString &root : roots)
        for (auto &e : synth::list_examples(toPath(root))) {
            const QString name = toQString(e.name);
            if (seen.contains(name)) continue;
            seen.insert(name);
            m_entries.push_back(std::move(e));
        }

    auto *intro =
        new QLabel(tr("Each example is a real task with its data, ready to explore without a teacher, "
                      "key or network. Choose one and how far to take it; Smolify makes a new "
                      "project from it."),
                   this);
    intro->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("exampleList"));
    for (const auto &e : m_entries) {
        auto *item = new QListWidgetItem(toQString(e.name), m_list);
        if (!e.problem.empty()) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(toQString(e.problem));
        }
    }
    m_list->setMinimumWidth(180);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("exampleDetails"));
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMinimumWidth(320);

    auto *top = new QHBoxLayout;
    top->addWidget(m_list);
    top->addWidget(m_details, 1);

    m_step = new QComboBox(this);
    m_step->setObjectName(QStringLiteral("stepCombo"));
    m_step->addItem(tr("Fresh: the task spec only"), Fresh);
    m_step->addItem(tr("Generated: the samples made, not yet reviewed"), Generated);
    m_step->addItem(tr("Reviewed: the review done and the test pairs in"), Reviewed);
    m_step->addItem(tr("Trained: reviewed, then a %1-minute training run").arg(kTrainMinutes), Trained);
    m_step->setCurrentIndex(Reviewed);
    m_stepHint = new QLabel(this);
    m_stepHint->setWordWrap(true);
    m_stepHint->setForegroundRole(QPalette::PlaceholderText);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("examplePathEdit"));
    m_path->setPlaceholderText(tr("Where to save the new project"));
    m_browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Open at:"), m_step);
    form->addRow(QString(), m_stepHint);
    form->addRow(tr("Project file:"), pathRow);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exampleProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exampleStatus"));
    m_status->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("exampleProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setForegroundRole(QPalette::PlaceholderText);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenExampleDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OpenExampleDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &OpenExampleDialog::showSelected);
    connect(m_step, &QComboBox::currentIndexChanged, this, &OpenExampleDialog::showSelected);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_pathEdited = true; });
    connect(m_path, &QLineEdit::textChanged, this, &OpenExampleDialog::updateButtons);
    connect(m_browse, &QPushButton::clicked, this, &OpenExampleDialog::browse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(top, 1);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(720, 520);

    if (m_entries.empty()) {
        m_details->setText(
            tr("No examples were found. Smolify looks in:\n%1\n\nSet SMOLIFY_EXAMPLES_DIR to a "
               "folder of examples to use another.")
                .arg(roots.join(QLatin1Char('\n'))));
    }
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->flags() & Qt::ItemIsEnabled) {
            m_list->setCurrentRow(row);
            break;
        }
    showSelected();
}

OpenExampleDialog::~OpenExampleDialog() {
    // Stop the job (and drop what it posted) before the widgets it reports to go.
    delete m_runner;
    m_runner = nullptr;
}

QStringList OpenExampleDialog::exampleNames() const {
    QStringList names;
    for (const auto &e : m_entries)
        names << toQString(e.name);
    return names;
}

bool OpenExampleDialog::selectExample(const QString &name) {
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->text() == name && (item->flags() & Qt::ItemIsEnabled)) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void OpenExampleDialog::setStep(Step step) {
    m_step->setCurrentIndex(m_step->findData(step));
}

OpenExampleDialog::Step OpenExampleDialog::step() const {
    return static_cast<Step>(m_step->currentData().toInt());
}

void OpenExampleDialog::setProjectPath(const QString &path) {
    m_pathEdited = true;
    m_path->setText(path);
}

QString OpenExampleDialog::projectPath() const {
    QString path = m_path->text().trimmed();
    if (path.isEmpty()) return path;
    if (!path.endsWith(kSuffix, Qt::CaseInsensitive)) path += kSuffix;
    return QFileInfo(path).absoluteFilePath();
}

bool OpenExampleDialog::isRunning() const {
    return m_runner && m_runner->isRunning();
}

QString OpenExampleDialog::problemText() const {
    return m_problem->text();
}

const synth::ExampleEntry *OpenExampleDialog::selectedEntry() const {
    const int row = m_list->currentRow();
    if (row < 0 || row >= static_cast<int>(m_entries.size())) return nullptr;
    const auto &e = m_entries[static_cast<std::size_t>(row)];
    return e.problem.empty() ? &e : nullptr;
}

QString OpenExampleDialog::defaultPathFor(const QString &name) const {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QDir::homePath();
    QString path = folder + QLatin1Char('/') + name + kSuffix;
    for (int n = 2; QFileInfo::exists(path) && n < 1000; ++n)
        path = folder + QLatin1Char('/') + name + QLatin1Char('-') + QString::number(n) + kSuffix;
    return QDir::toNativeSeparators(path);
}

void OpenExampleDialog::showSelected() {
    const synth::ExampleEntry *e = selectedEntry();
    if (!e) {
        if (!m_entries.empty()) m_details->clear();
        updateButtons();
        return;
    }
    const bool imported = e->source == synth::ExampleSource::import;
    const QString source =
        imported
            ? tr("Imports data already on this computer with the example's own program (see its README); "
                 "the pairs are approved as imported, so there is nothing to review.")
            : tr("A recorded teacher session and a recorded review, replayed without a teacher.");
    m_details->setText(QStringLiteral("<b>%1</b><p>%2</p><p>%3: %4<br>%5: %6</p><p>%7</p>")
                           .arg(toQString(e->name).toHtmlEscaped(), toQString(e->intent).toHtmlEscaped(),
                                tr("Task").toHtmlEscaped(), kindName(e->kind).toHtmlEscaped(),
                                tr("Samples").toHtmlEscaped(), source.toHtmlEscaped(),
                                QDir::toNativeSeparators(fromPath(e->dir)).toHtmlEscaped()));
    QString hint;
    switch (step()) {
        case Fresh:
            hint = tr("Opens on the Intent page with the example's task spec and no samples.");
            break;
        case Generated:
            hint = imported
                       ? tr("Runs the prepare command and imports its training pairs as approved samples; "
                            "opens on the Data page.")
                       : tr("Replays the teacher session: the samples wait for review on the Data page.");
            break;
        case Reviewed:
            hint = imported
                       ? tr("Imports the training pairs and the held-out test pairs; opens on the Data page.")
                       : tr("Applies the recorded review (approvals, edits, rejections with reasons) and "
                            "imports the held-out test pairs; opens on the Data page.");
            break;
        case Trained:
            hint =
                tr("As reviewed, then trains the student for about %1 minutes on this computer; opens on the "
                   "Train page.")
                    .arg(kTrainMinutes);
            break;
    }
    m_stepHint->setText(hint);
    if (!m_pathEdited) m_path->setText(defaultPathFor(toQString(e->name)));
    updateButtons();
}

void OpenExampleDialog::browse() {
    QString start = m_path->text().trimmed();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("New Project"), start, tr("Smolify projects (*.smolify)"));
    if (path.isEmpty()) return;
    m_pathEdited = true;
    m_path->setText(path);
}

void OpenExampleDialog::updateButtons() {
    if (isRunning()) return;
    QString problem;
    const QString path = projectPath();
    if (!selectedEntry())
        problem = m_entries.empty() ? QString() : tr("Choose an example.");
    else if (path.isEmpty())
        problem = tr("Choose where to save the project.");
    else if (QFileInfo::exists(path))
        problem = tr("%1 already exists; choose another name.").arg(QDir::toNativeSeparators(path));
    else if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        problem =
            tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && selectedEntry());
}

void OpenExampleDialog::setRunning(bool running) {
    m_list->setEnabled(!running);
    m_step->setEnabled(!running);
    m_path->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_problem->clear();
    }
}

void OpenExampleDialog::start() {
    updateButtons();
    const synth::ExampleEntry *entry = selectedEntry();
    if (isRunning() || !entry || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled()) return;
    const QString path = projectPath();
    const Step chosen = step();
    const fs::path dir = entry->dir;
    const fs::path file = toPath(path);
    const fs::path dataDir = file.parent_path() / (file.stem().string() + "-data");
    std::error_code ec;
    const bool dataExisted = fs::exists(dataDir, ec);
    auto outcome = std::make_shared<Outcome>();
    const int trainStages = chosen == Trained ? 1 : 0;

    setRunning(true);
    m_status->setText(tr("Reading the example…"));
    JobRunner *runner = m_runner;
    m_runner->start(
        [this, runner, outcome, dir, file, dataDir, chosen, trainStages](const std::atomic<bool> &cancel) {
            // Progress over all stages: stage `index` of `count`, `fraction` through it.
            auto tell = [this, runner](std::string stage, int index, int count, double fraction,
                                       std::string text) {
                runner->post([this, stage, index, count, fraction, text] {
                    const double within = fraction < 0 ? 0 : std::min(1.0, fraction);
                    m_progress->setValue(static_cast<int>(std::lround(1000.0 * (index + within) / count)));
                    QString line = stageText(stage);
                    if (!text.empty() && text != stage) line += QStringLiteral(": ") + toQString(text);
                    m_status->setText(line);
                });
            };
            auto ex = synth::read_example(dir);
            if (!ex) {
                outcome->error = toQString(ex.error().message);
                return;
            }
            store::CreateParams cp;
            cp.intent = ex->intent;
            cp.name = ex->name;
            auto created = store::Project::create(file, cp);
            if (!created) {
                outcome->error = toQString(created.error().message);
                return;
            }
            std::unique_ptr<store::Project> project = std::move(*created);
            synth::ExampleStagesParams sp;
            sp.step = chosen == Fresh       ? synth::ExampleStep::fresh
                      : chosen == Generated ? synth::ExampleStep::generated
                                            : synth::ExampleStep::reviewed;
            sp.data_dir = dataDir;
            sp.hooks.cancel = &cancel;
            sp.hooks.on_progress = [&](const synth::ExampleStagesProgress &pr) {
                tell(pr.stage, static_cast<int>(pr.done), static_cast<int>(pr.total) + trainStages,
                     pr.stage_fraction, pr.text);
                return true;
            };
            auto stages = synth::run_example_stages(*project, *ex, sp);
            if (!stages) {
                outcome->cancelled = stages.error().kind == ErrorKind::cancelled;
                outcome->error = toQString(stages.error().message);
                return;
            }
            if (chosen == Trained) {
                const int index = static_cast<int>(stages->stages.size());
                train::TrainParams tp;
                tp.preset = "auto";
                tp.max_minutes = kTrainMinutes;
                tp.hooks.cancel = &cancel;
                tp.hooks.on_progress = [&](const train::TrainProgress &pr) {
                    tell("train", index, index + 1, pr.fraction(),
                         toStdString(tr("step %1 of %2").arg(pr.done).arg(pr.total)));
                    return true;
                };
                auto trained = train::train(*project, tp);
                if (!trained) {
                    outcome->cancelled = trained.error().kind == ErrorKind::cancelled;
                    outcome->error = toQString(trained.error().message);
                    return;
                }
                if (cancel.load()) {
                    outcome->cancelled = true;
                    return;
                }
            }
            if (cancel.load()) {
                outcome->cancelled = true;
                return;
            }
            outcome->ok = true;
        },
        [this, outcome, path, dataDir, dataExisted, chosen] {
            setRunning(false);
            if (outcome->ok) {
                m_status->clear();
                emit exampleOpened(path, chosen);
                accept();
                return;
            }
            // Nothing half-made is left behind.
            removeProjectFiles(path);
            std::error_code rm;
            if (!dataExisted) fs::remove_all(dataDir, rm);
            if (m_closeWhenStopped) {
                QDialog::reject();
                return;
            }
            m_status->setText(outcome->cancelled ? tr("Cancelled; no project was kept.") : QString());
            updateButtons();
            if (!outcome->cancelled)
                m_problem->setText(tr("The example could not be opened:\n%1").arg(outcome->error));
        });
}

void OpenExampleDialog::reject() {
    if (isRunning()) {
        // Stop first; the job's end closes the dialog.
        m_closeWhenStopped = true;
        m_status->setText(tr("Stopping…"));
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

}  // namespace smolify::ui
