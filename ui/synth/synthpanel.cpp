#include "synth/synthpanel.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <memory>

#include "common/appsettings.h"
#include "common/jobrunner.h"
#include "common/keyring.h"
#include "common/qtstring.h"
#include "store/project.h"
#include "synth/draft.h"
#include "synth/spec.h"
#include "synth/teacherdialog.h"
#include "teacher/settings.h"

namespace smolify::ui {

namespace {

// What a job leaves for its `done` callback (written on the job's thread, read after it ended).
QString money(double usd) {
    return QStringLiteral("$%1").arg(usd, 0, 'f', usd < 1 ? 4 : 2);
}

QString timeLeft(double seconds) {
    if (seconds < 0) return SynthPanel::tr("time left unknown");
    if (seconds < 90) return SynthPanel::tr("%1 s left").arg(qRound(seconds));
    return SynthPanel::tr("%1 min left").arg(qRound(seconds / 60));
}

}  // namespace

SynthPanel::SynthPanel(QWidget *parent) : QWidget(parent), m_runner(new JobRunner(QStringLiteral("smolify-synth"))) {
    setObjectName(QStringLiteral("synthPanel"));

    auto *teacherBox = new QGroupBox(tr("Teacher"), this);
    m_teacher = new QLabel(teacherBox);
    m_teacher->setObjectName(QStringLiteral("teacherSummary"));
    m_teacher->setTextFormat(Qt::PlainText);
    m_teacher->setWordWrap(true);
    m_teacher->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_teacherButton = new QPushButton(tr("Change Teacher…"), teacherBox);
    m_teacherButton->setObjectName(QStringLiteral("teacherButton"));
    auto *teacherRow = new QHBoxLayout(teacherBox);
    teacherRow->addWidget(m_teacher, 1);
    teacherRow->addWidget(m_teacherButton, 0, Qt::AlignTop);

    auto *specBox = new QGroupBox(tr("Task spec"), this);
    m_spec = new QPlainTextEdit(specBox);
    m_spec->setObjectName(QStringLiteral("specText"));
    m_spec->setReadOnly(true);
    m_spec->setMinimumHeight(140);
    m_draftButton = new QPushButton(tr("Draft with Teacher"), specBox);
    m_draftButton->setObjectName(QStringLiteral("draftSpecButton"));
    m_draftButton->setToolTip(tr("The teacher drafts the task kind, instruction, output contract, diversity "
                                 "axes and seed examples from the intent; you edit it after."));
    m_editButton = new QPushButton(tr("Edit…"), specBox);
    m_editButton->setObjectName(QStringLiteral("editSpecButton"));
    auto *specButtons = new QHBoxLayout;
    specButtons->addWidget(m_draftButton);
    specButtons->addWidget(m_editButton);
    specButtons->addStretch(1);
    auto *specLayout = new QVBoxLayout(specBox);
    specLayout->addWidget(m_spec);
    specLayout->addLayout(specButtons);

    auto *genBox = new QGroupBox(tr("Generate samples"), this);
    m_count = new QSpinBox(genBox);
    m_count->setObjectName(QStringLiteral("generateCount"));
    m_count->setRange(1, 100000);
    m_count->setValue(200);
    m_judge = new QCheckBox(tr("Judge each sample (a second teacher call)"), genBox);
    m_judge->setObjectName(QStringLiteral("generateJudge"));
    m_budget = new QDoubleSpinBox(genBox);
    m_budget->setObjectName(QStringLiteral("generateBudget"));
    m_budget->setRange(0, 100000);
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setSpecialValueText(tr("no limit"));
    m_generateButton = new QPushButton(tr("Generate"), genBox);
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    m_stopButton = new QPushButton(tr("Stop"), genBox);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setEnabled(false);
    m_progress = new QProgressBar(genBox);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(genBox);
    m_status->setObjectName(QStringLiteral("synthStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *genForm = new QFormLayout;
    genForm->addRow(tr("Accepted samples wanted:"), m_count);
    genForm->addRow(tr("Budget:"), m_budget);
    genForm->addRow(QString(), m_judge);
    auto *genButtons = new QHBoxLayout;
    genButtons->addWidget(m_generateButton);
    genButtons->addWidget(m_stopButton);
    genButtons->addWidget(m_progress, 1);
    auto *genLayout = new QVBoxLayout(genBox);
    genLayout->addLayout(genForm);
    genLayout->addLayout(genButtons);
    genLayout->addWidget(m_status);
    auto *genNote = new QLabel(tr("New samples arrive as pending on the Data page. Approved samples, "
                                  "rejection reasons and your edits steer the next run."),
                               genBox);
    genNote->setWordWrap(true);
    genNote->setForegroundRole(QPalette::PlaceholderText);
    genLayout->addWidget(genNote);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(teacherBox);
    layout->addWidget(specBox);
    layout->addWidget(genBox);

    connect(m_teacherButton, &QPushButton::clicked, this, &SynthPanel::editTeacher);
    connect(m_draftButton, &QPushButton::clicked, this, &SynthPanel::draftSpec);
    connect(m_editButton, &QPushButton::clicked, this, &SynthPanel::editSpec);
    connect(m_generateButton, &QPushButton::clicked, this, &SynthPanel::generate);
    connect(m_stopButton, &QPushButton::clicked, this, &SynthPanel::stop);
    setBusy(false);
}

SynthPanel::~SynthPanel() {
    delete m_runner;
}

void SynthPanel::setProject(store::Project *project) {
    if (m_project != project && m_runner->isRunning()) m_runner->cancel();
    m_project = project;
    m_status->clear();
    m_progress->setValue(0);
    refresh();
}

bool SynthPanel::isBusy() const {
    return m_runner->isRunning();
}

QString SynthPanel::statusText() const {
    return m_status->text();
}

void SynthPanel::refresh() {
    setBusy(m_runner->isRunning());
    if (!m_project) {
        m_teacher->clear();
        m_spec->clear();
        return;
    }
    auto s = teacher::load_settings(*m_project);
    if (!s) {
        m_teacher->setText(toQString(s.error().message));
    } else if (s->base_url.empty()) {
        m_teacher->setText(tr("No teacher yet. Choose one to draft a spec and generate samples."));
    } else {
        const QString key = s->key_in_keyring   ? tr("key in the OS keyring")
                            : s->key_env.empty() ? tr("no key")
                                                 : tr("key from $%1").arg(toQString(s->key_env));
        m_teacher->setText(tr("%1 at %2 (%3%4)")
                               .arg(toQString(s->model), toQString(s->base_url), key,
                                    s->air_gap ? tr(", air-gapped") : QString()));
    }
    auto row = m_project->current_spec();
    if (!row) {
        m_spec->setPlainText(toQString(row.error().message));
    } else if (!*row) {
        m_spec->setPlainText(tr("No task spec yet. Draft one with the teacher, or edit one by hand."));
    } else if (auto spec = synth::spec_from_store(**row); !spec) {
        m_spec->setPlainText(toQString(spec.error().message));
    } else {
        m_spec->setPlainText(tr("Version %1 (%2)\n").arg((*row)->version).arg(toQString((*row)->author)) +
                             toQString(synth::spec_describe(*spec)));
    }
}

void SynthPanel::setBusy(bool busy) {
    const bool open = m_project != nullptr;
    m_teacherButton->setEnabled(open && !busy);
    m_draftButton->setEnabled(open && !busy);
    m_editButton->setEnabled(open && !busy);
    m_generateButton->setEnabled(open && !busy);
    m_count->setEnabled(!busy);
    m_judge->setEnabled(!busy);
    m_budget->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
}

void SynthPanel::editTeacher() {
    if (!m_project) return;
    TeacherDialog dialog(m_project, this);
    if (dialog.exec() == QDialog::Accepted) {
        refresh();
        emit teacherChanged();
    }
}

void SynthPanel::editSpec() {
    if (!m_project) return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("specDialog"));
    dialog.setWindowTitle(tr("Task Spec"));
    auto *text = new QPlainTextEdit(&dialog);
    text->setObjectName(QStringLiteral("specJson"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    text->setFont(mono);
    auto row = m_project->current_spec();
    if (row && *row) {
        if (auto spec = synth::spec_from_store(**row)) text->setPlainText(toQString(synth::spec_to_json(*spec).dump(2)));
    }
    auto *error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("specError"));
    error->setWordWrap(true);
    error->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("The spec as JSON (docs/synth.md describes the fields). Saving adds a "
                                    "new version; samples keep the version they were made under."),
                                 &dialog));
    layout->addWidget(text, 1);
    layout->addWidget(error);
    layout->addWidget(buttons);
    dialog.resize(720, 560);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        auto spec = synth::spec_parse(toStdString(text->toPlainText()));
        if (!spec) return error->setText(toQString(spec.error().message));
        auto version = m_project->save_spec(synth::spec_to_store(*spec, "user"));
        if (!version) return error->setText(toQString(version.error().message));
        dialog.accept();
    });
    if (dialog.exec() == QDialog::Accepted) {
        refresh();
        emit specChanged();
        emit statusMessage(tr("Task spec saved as a new version."));
    }
}

void SynthPanel::withKey(std::function<void(QString)> start) {
    auto s = teacher::load_settings(*m_project);
    if (!s) return finishRun(toQString(s.error().message), true);
    if (!s->key_in_keyring) return start(QString());
    m_status->setText(tr("Reading the key from the OS keyring…"));
    keyring::readKey(this, keyring::accountFor(toQString(s->base_url)),
                     [this, start = std::move(start)](const QString &key, const QString &error) {
                         if (!error.isEmpty()) return finishRun(error, true);
                         start(key);
                     });
}

void SynthPanel::draftSpec() {
    if (!m_project || m_runner->isRunning()) return;
    auto info = m_project->info();
    if (!info) return finishRun(toQString(info.error().message), true);
    auto history = m_project->spec_history();
    if (!history) return finishRun(toQString(history.error().message), true);
    const std::filesystem::path path = m_project->path();
    const std::string intent = info->intent;
    const int attempt = static_cast<int>(history->size()) + 1;
    setBusy(true);
    m_progress->setRange(0, 0);  // busy indicator: one call, no count to show
    withKey([this, path, intent, attempt](const QString &key) {
        m_status->setText(tr("Asking the teacher for a task spec…"));
        struct Drafted {
            int64_t version = 0;
            double costUsd = 0;
        };
        ProjectJob<teacher::ClientProgress, Drafted> job;
        job.project = path;
        job.work = [intent, attempt, keyBytes = toStdString(key), machine = appsettings::teacherDefaults()](
                       store::Project &project, const job::Hooks<teacher::ClientProgress> &hooks) -> Result<Drafted> {
            auto setup = teacher::setup_from_project(project, keyBytes, machine);
            if (!setup) return setup.error();
            setup->params.concurrency = 1;
            teacher::Client client(setup->endpoint, setup->params, &project);
            synth::DraftParams dp;
            dp.attempt = attempt;
            dp.cancel = hooks.cancel;
            dp.on_progress = [&hooks](const teacher::ClientProgress &p) { (void)hooks.report(p); };
            auto draft = synth::draft_spec(client, intent, dp);
            if (!draft) return draft.error();
            auto version = project.save_spec(synth::spec_to_store(draft->spec, "teacher"));
            if (!version) return version.error();
            return Drafted{*version, draft->cost_usd};
        };
        job.progress = [this](const teacher::ClientProgress &p) {
            if (!p.note.empty())
                m_status->setText(tr("Asking the teacher for a task spec… %1").arg(toQString(p.note)));
        };
        job.done = [this](Result<Drafted> &r) {
            m_progress->setRange(0, 100);
            m_progress->setValue(r ? 100 : 0);
            if (!r) {
                finishRun(toQString(r.error().message), true);
                return;
            }
            finishRun(tr("The teacher drafted spec version %1 (%2). Review it, and edit what is off.")
                          .arg(r->version)
                          .arg(money(r->costUsd)),
                      false);
            emit specChanged();
        };
        m_runner->run(std::move(job));
    });
}

void SynthPanel::generate() { generateLike({}); }

void SynthPanel::generateLike(const QList<qint64> &sampleIds) {
    if (!m_project || m_runner->isRunning()) return;
    const std::filesystem::path path = m_project->path();
    synth::GenerateParams params;
    for (qint64 id : sampleIds)
        params.like_samples.push_back(id);
    params.count = m_count->value();
    params.judge = m_judge->isChecked();
    if (m_budget->value() > 0) params.budget_usd = m_budget->value();
    setBusy(true);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    withKey([this, path, params](const QString &key) mutable {
        m_status->setText(tr("Starting…"));
        auto last = std::make_shared<synth::GenerateProgress>();  // the newest totals shown
        ProjectJob<synth::GenerateProgress, synth::GenerateReport> job;
        job.project = path;
        job.work = [params, keyBytes = toStdString(key), machine = appsettings::teacherDefaults()](
                       store::Project &project,
                       const job::Hooks<synth::GenerateProgress> &hooks) mutable -> Result<synth::GenerateReport> {
            auto setup = teacher::setup_from_project(project, keyBytes, machine);
            if (!setup) return setup.error();
            params.client = setup->params;
            params.hooks = hooks;
            return synth::generate(project, setup->endpoint, params);
        };
        job.progress = [this, last](const synth::GenerateProgress &p) {
            *last = p;
            showProgress(p);
        };
        job.done = [this, last](Result<synth::GenerateReport> &r) {
            const bool cancelled = !r && r.error().kind == ErrorKind::cancelled;
            if (!r && !cancelled) {
                finishRun(toQString(r.error().message), true);
                return;
            }
            const synth::GenerateProgress &t = r ? r->totals : *last;
            showProgress(t);
            const QString line = tr("%1 accepted, %2 rejected, %3 duplicates, %4 failed calls, %5")
                                     .arg(t.accepted)
                                     .arg(t.rejected)
                                     .arg(t.duplicates)
                                     .arg(t.failed_calls)
                                     .arg(money(t.cost_usd));
            if (cancelled)
                finishRun(tr("Stopped: %1. Generate again to continue the run.").arg(line), false);
            else if (r->completed)
                finishRun(tr("Done: %1.").arg(line), false);
            else
                finishRun(tr("Stopped early: %1. %2").arg(line, toQString(r->stopped)), true);
            if (t.accepted > 0) emit samplesAdded();
        };
        m_runner->run(std::move(job));
    });
}

void SynthPanel::stop() {
    m_runner->cancel();
    m_status->setText(tr("Stopping after the replies in flight…"));
}

void SynthPanel::showProgress(const synth::GenerateProgress &p) {
    if (p.target > 0)
        m_progress->setValue(static_cast<int>(std::min<int64_t>(100, p.accepted * 100 / p.target)));
    QString text = tr("%1 of %2 accepted · %3 rejected · %4 duplicates · %5 failed · %6 · %7")
                       .arg(p.accepted)
                       .arg(p.target)
                       .arg(p.rejected)
                       .arg(p.duplicates)
                       .arg(p.failed_calls)
                       .arg(money(p.cost_usd), timeLeft(p.seconds_left));
    if (!p.note.empty()) text += QStringLiteral(" · ") + toQString(p.note);
    m_status->setText(text);
}

void SynthPanel::finishRun(const QString &message, bool error) {
    if (m_progress->maximum() == 0) m_progress->setRange(0, 100);
    m_status->setText(message);
    setBusy(m_runner->isRunning());
    refresh();
    emit statusMessage(error ? tr("Teacher: %1").arg(message) : message);
}

}  // namespace smolify::ui
