#include "playground/playgroundpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <thread>

#include <nlohmann/json.hpp>

#include "common/appsettings.h"
#include "common/jobrunner.h"
#include "common/keyring.h"
#include "common/labels.h"
#include "common/qtstring.h"
#include "export/bundle.h"
#include "infer/constrain.h"
#include "infer/runner.h"
#include "serve/server.h"
#include "store/project.h"
#include "synth/answer.h"
#include "synth/spec.h"
#include "teacher/settings.h"

namespace smolify::ui {

namespace {

// What a generation leaves for its `done` callback (written on the job's thread, read after).
struct RunOutcome {
    bool ok = false;
    QString message;
    QString text;
    int tokens = 0;
    int promptTokens = 0;
    double prefillSeconds = 0;
    double decodeSeconds = 0;
    QString stopReason;
    QString constraint;  // "labels", "sections", "json", ... or empty
    QString note;        // why the contract could not be kept, when asked
    bool askedTeacher = false;
    bool teacherOk = false;
    QString teacherText;  // the answer, or why there is none
    int64_t teacherLatencyMs = 0;
    double teacherCost = 0;
    bool teacherPriceUnknown = false;
    bool teacherFromJournal = false;
};

QString stopReasonText(const QString &reason) {
    if (reason == QLatin1String("stop")) return PlaygroundPage::tr("the model ended its answer");
    if (reason == QLatin1String("length")) return PlaygroundPage::tr("the token limit");
    if (reason == QLatin1String("context")) return PlaygroundPage::tr("the model's context is full");
    if (reason == QLatin1String("cancelled")) return PlaygroundPage::tr("stopped");
    return reason;
}

}  // namespace

struct PlaygroundPage::ServerState {
    std::unique_ptr<serve::Server> server;
    std::thread thread;
    QString file;
    int port = 0;
};

PlaygroundPage::PlaygroundPage(QWidget *parent)
    : QWidget(parent), m_runner(new JobRunner(QStringLiteral("playground"))) {
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("playgroundModel"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(40);
    m_openButton = new QPushButton(tr("Open File…"), this);
    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_openButton);

    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0, 2);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setValue(0);
    m_temperature->setSpecialValueText(tr("0 (greedy)"));
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setRange(1, 4096);
    m_maxTokens->setValue(256);
    m_contract = new QCheckBox(tr("Keep the contract"), this);
    m_contract->setChecked(true);
    m_contract->setToolTip(
        tr("Labels: the label the model scores highest. Sections or JSON: only answers "
           "that keep the task spec's format."));
    auto *options = new QHBoxLayout;
    options->addWidget(new QLabel(tr("Temperature:"), this));
    options->addWidget(m_temperature);
    options->addSpacing(12);
    options->addWidget(new QLabel(tr("Max tokens:"), this));
    options->addWidget(m_maxTokens);
    options->addSpacing(12);
    options->addWidget(m_contract);
    m_askTeacher = new QCheckBox(tr("Ask the teacher too"), this);
    m_askTeacher->setObjectName(QStringLiteral("playgroundTeacher"));
    options->addSpacing(12);
    options->addWidget(m_askTeacher);
    options->addStretch(1);

    m_input = new QPlainTextEdit(this);
    m_input->setObjectName(QStringLiteral("playgroundInput"));
    m_input->setPlaceholderText(tr("Type or paste an input, then Run (Ctrl+Enter)."));
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("playgroundOutput"));
    m_output->setReadOnly(true);
    m_output->setPlaceholderText(tr("The student's answer appears here as it is written."));
    auto *texts = new QSplitter(Qt::Horizontal, this);
    auto *inputBox = new QGroupBox(tr("Input"), texts);
    (new QVBoxLayout(inputBox))->addWidget(m_input);
    auto *outputBox = new QGroupBox(tr("Student"), texts);
    (new QVBoxLayout(outputBox))->addWidget(m_output);
    m_teacherOutput = new QPlainTextEdit(this);
    m_teacherOutput->setObjectName(QStringLiteral("playgroundTeacherOutput"));
    m_teacherOutput->setReadOnly(true);
    m_teacherOutput->setPlaceholderText(
        tr("With \"Ask the teacher too\": the teacher's answer, for comparison."));
    m_teacherStatus = new QLabel(this);
    m_teacherStatus->setWordWrap(true);
    auto *teacherBox = new QGroupBox(tr("Teacher"), texts);
    auto *teacherLayout = new QVBoxLayout(teacherBox);
    teacherLayout->addWidget(m_teacherOutput);
    teacherLayout->addWidget(m_teacherStatus);
    texts->addWidget(inputBox);
    texts->addWidget(outputBox);
    texts->addWidget(teacherBox);

    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setObjectName(QStringLiteral("playgroundRun"));
    m_runButton->setDefault(true);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("playgroundStatus"));
    m_status->setWordWrap(true);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_stopButton);
    runRow->addWidget(m_status, 1);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &PlaygroundPage::run);

    // Serving.
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(8080);
    m_port->setSpecialValueText(tr("any free port"));
    m_serveButton = new QPushButton(tr("Serve This Model"), this);
    m_serveButton->setObjectName(QStringLiteral("playgroundServe"));
    m_serveStatus = new QLabel(this);
    m_serveStatus->setWordWrap(true);
    m_serveStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_curl = new QLineEdit(this);
    m_curl->setReadOnly(true);
    m_curl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_curl->setPlaceholderText(tr("While serving: a curl line that asks it"));
    auto *serveRow = new QHBoxLayout;
    serveRow->addWidget(new QLabel(tr("Port:"), this));
    serveRow->addWidget(m_port);
    serveRow->addWidget(m_serveButton);
    serveRow->addWidget(m_serveStatus, 1);
    auto *serveBox = new QGroupBox(tr("OpenAI-compatible endpoint on this computer"), this);
    auto *serveLayout = new QVBoxLayout(serveBox);
    serveLayout->addLayout(serveRow);
    serveLayout->addWidget(m_curl);

    auto *form = new QFormLayout;
    form->addRow(tr("Model:"), modelRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(options);
    layout->addWidget(texts, 1);
    layout->addLayout(runRow);
    layout->addWidget(serveBox);

    connect(m_runButton, &QPushButton::clicked, this, &PlaygroundPage::run);
    connect(m_stopButton, &QPushButton::clicked, this, &PlaygroundPage::stop);
    connect(m_openButton, &QPushButton::clicked, this, &PlaygroundPage::openModelFile);
    connect(m_serveButton, &QPushButton::clicked, this, [this] {
        if (isServing())
            stopServing();
        else
            startServing();
    });
    setBusy(false);
}

PlaygroundPage::~PlaygroundPage() {
    stopServing();
    delete m_runner;
}

void PlaygroundPage::setProject(store::Project *project) {
    if (m_project != project) {
        if (m_runner->isRunning()) m_runner->cancel();
        stopServing();
    }
    m_project = project;
    m_output->clear();
    m_status->clear();
    refresh();
}

bool PlaygroundPage::isBusy() const {
    return m_runner->isRunning();
}

bool PlaygroundPage::isServing() const {
    return m_server != nullptr;
}

int PlaygroundPage::servingPort() const {
    return m_server ? m_server->port : 0;
}

QString PlaygroundPage::statusText() const {
    return m_status->text();
}

QString PlaygroundPage::teacherStatusText() const {
    return m_teacherStatus->text();
}

QString PlaygroundPage::serveText() const {
    return m_serveStatus->text();
}

QString PlaygroundPage::curlText() const {
    return m_curl->text();
}

void PlaygroundPage::setBusy(bool busy) {
    const bool model = m_model->count() > 0;
    m_runButton->setEnabled(model && !busy);
    m_stopButton->setEnabled(busy);
    m_model->setEnabled(!busy);
    m_serveButton->setEnabled(model || isServing());
    m_serveButton->setText(isServing() ? tr("Stop Serving") : tr("Serve This Model"));
    m_port->setEnabled(!isServing());
}

void PlaygroundPage::refresh() {
    const QString selected = m_model->currentData().toString();
    QStringList extra;  // files the user opened: kept across refreshes
    for (int i = 0; i < m_model->count(); ++i)
        if (m_model->itemData(i, Qt::UserRole + 1).toBool()) extra << m_model->itemData(i).toString();
    m_model->clear();
    if (m_project) {
        m_model->addItem(tr("This project's newest training run (F32)"), QString());
        if (auto exports = bundle::list_exports(*m_project); exports) {
            for (const bundle::ExportEntry &e : *exports) {
                if (e.state != "present") continue;
                const QString path = fromPath(e.path);
                if (m_model->findData(path) >= 0) continue;
                m_model->addItem(tr("%1 · %2 (exported %3)")
                                     .arg(toQString(e.quantization).toUpper(), QFileInfo(path).fileName(),
                                          Labels::compactDateTime(e.created_at)),
                                 path);
            }
        }
    }
    for (const QString &path : extra) {
        if (m_model->findData(path) >= 0) continue;
        m_model->addItem(QFileInfo(path).fileName(), path);
        m_model->setItemData(m_model->count() - 1, true, Qt::UserRole + 1);
    }
    const int index = m_model->findData(selected);
    if (index >= 0) m_model->setCurrentIndex(index);
    bool teacher = false;
    if (m_project)
        if (auto t = teacher::load_settings(*m_project); t && !t->base_url.empty()) {
            teacher = true;
            m_askTeacher->setToolTip(
                tr("%1 answers the same input; the call is journaled and priced").arg(toQString(t->model)));
        }
    if (!teacher) {
        m_askTeacher->setChecked(false);
        m_askTeacher->setToolTip(tr("Set a teacher on the Intent page first"));
    }
    m_askTeacher->setEnabled(teacher);
    setBusy(m_runner->isRunning());
}

void PlaygroundPage::addModelFile(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    int index = m_model->findData(absolute);
    if (index < 0) {
        m_model->addItem(QFileInfo(absolute).fileName(), absolute);
        index = m_model->count() - 1;
        m_model->setItemData(index, true, Qt::UserRole + 1);
    }
    m_model->setCurrentIndex(index);
    setBusy(m_runner->isRunning());
}

void PlaygroundPage::openModelFile() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a model file"), QString(), tr("GGUF model (*.gguf)"));
    if (!path.isEmpty()) addModelFile(path);
}

bool PlaygroundPage::run() {
    if (m_model->count() == 0 || m_runner->isRunning()) return false;
    if (m_input->toPlainText().trimmed().isEmpty()) {
        m_status->setText(tr("Type an input first."));
        return false;
    }
    const bool askTeacher = m_project && m_askTeacher->isEnabled() && m_askTeacher->isChecked();
    m_teacherOutput->clear();
    m_teacherStatus->clear();
    if (askTeacher) {
        auto s = teacher::load_settings(*m_project);
        if (s && s->key_in_keyring) {
            // The key comes from the OS keyring (it may ask to be unlocked); the run starts after.
            m_status->setText(tr("Reading the teacher's key from the OS keyring…"));
            m_runButton->setEnabled(false);
            keyring::readKey(this, keyring::accountFor(toQString(s->base_url)),
                             [this](const QString &key, const QString &error) {
                                 if (!error.isEmpty()) {
                                     m_status->setText(error);
                                     setBusy(false);
                                     emit runFinished(false);
                                     return;
                                 }
                                 startRun(true, toStdString(key));
                             });
            return true;
        }
    }
    return startRun(askTeacher, {});
}

bool PlaygroundPage::startRun(bool askTeacher, const std::string &key) {
    if (m_model->count() == 0 || m_runner->isRunning()) return false;
    const std::string input = toStdString(m_input->toPlainText());
    const std::filesystem::path projectPath = m_project ? m_project->path() : std::filesystem::path();
    const std::filesystem::path file = toPath(m_model->currentData().toString());
    const bool keepContract = m_contract->isChecked();
    infer::GenerateParams gp;
    gp.max_tokens = m_maxTokens->value();
    gp.sampling.temperature = static_cast<float>(m_temperature->value());
    auto outcome = std::make_shared<RunOutcome>();
    m_output->clear();
    m_status->setText(tr("Loading the model…"));
    infer::LoadParams lp;
    lp.threads = appsettings::inferenceThreads();
    const std::string noProject = toStdString(tr("no project is open"));
    const teacher::MachineDefaults machine = appsettings::teacherDefaults();
    const bool started = m_runner->start(
        [this, outcome, projectPath, file, keepContract, input, gp, askTeacher, key, lp, machine,
         noProject](const std::atomic<bool> &cancel) mutable {
            std::unique_ptr<store::Project> project;
            if (!projectPath.empty()) {
                auto opened = store::Project::open(projectPath);
                if (!opened) {
                    outcome->message = toQString(opened.error().message);
                    return;
                }
                project = std::move(*opened);
            }
            Result<infer::Runner> runner =
                file.empty() ? (project ? infer::open_project(*project, lp)
                                        : Result<infer::Runner>(user_error(noProject)))
                             : infer::open_gguf(file, lp);
            if (!runner) {
                outcome->message = toQString(runner.error().message);
                return;
            }
            std::unique_ptr<infer::Constraint> constraint;
            if (keepContract) {
                if (!runner->labels.empty()) {
                    auto c = infer::Constraint::labels(runner->labels, *runner->tokenizer);
                    if (c) constraint = std::move(*c);
                } else if (project) {
                    auto row = project->current_spec();
                    if (row && *row) {
                        auto spec = synth::spec_from_store(**row);
                        if (spec) {
                            auto c = infer::Constraint::for_spec(*spec, *runner->tokenizer);
                            if (c)
                                constraint = std::move(*c);
                            else
                                outcome->note = toQString(c.error().message);
                        }
                    }
                }
            }
            gp.constraint = constraint.get();
            gp.cancel = &cancel;
            std::vector<int32_t> soFar;
            QElapsedTimer sinceLast;
            gp.on_token = [&](int32_t id) {
                soFar.push_back(id);
                if (sinceLast.isValid() && sinceLast.elapsed() < 40) return true;
                auto text = runner->tokenizer->decode(soFar);
                // Hold back an unfinished UTF-8 character (decoded as U+FFFD until its last piece).
                if (text && !text->ends_with("\xEF\xBF\xBD")) {
                    sinceLast.start();
                    const QString shown = toQString(*text);
                    m_runner->post([this, shown] { m_output->setPlainText(shown); });
                }
                return true;
            };
            m_runner->post([this] { m_status->setText(tr("Writing…")); });
            auto c = infer::complete(*runner, input, gp);
            if (!c) {
                outcome->message = toQString(c.error().message);
                return;
            }
            outcome->ok = true;
            outcome->text = toQString(c->text);
            outcome->tokens = static_cast<int>(c->generation.tokens.size());
            outcome->promptTokens = c->generation.prompt_tokens;
            outcome->prefillSeconds = c->generation.prefill_s;
            outcome->decodeSeconds = c->generation.decode_s;
            outcome->stopReason = toQString(c->generation.stop_reason);
            if (constraint) outcome->constraint = toQString(constraint->kind());
            if (!askTeacher || !project || cancel.load()) return;
            // The teacher answers the same input, as the task spec asks.
            outcome->askedTeacher = true;
            m_runner->post([this] { m_teacherStatus->setText(tr("Asking the teacher…")); });
            synth::Spec spec;
            if (auto row = project->current_spec(); row && *row)
                if (auto parsed = synth::spec_from_store(**row); parsed) spec = std::move(*parsed);
            if (spec.instruction.empty())
                if (auto info = project->info(); info) spec.instruction = info->intent;
            auto setup = teacher::setup_from_project(*project, key, machine);
            if (!setup) {
                outcome->teacherText = toQString(setup.error().message);
                return;
            }
            setup->params.concurrency = 1;
            teacher::Client client(setup->endpoint, setup->params, project.get());
            auto reply = client.chat(synth::answer_request(spec, input), &cancel);
            if (!reply) {
                outcome->teacherText = toQString(reply.error().message);
                return;
            }
            outcome->teacherOk = true;
            outcome->teacherText = toQString(reply->text);
            outcome->teacherLatencyMs = reply->latency_ms;
            outcome->teacherCost = reply->cost_usd;
            outcome->teacherPriceUnknown = reply->price_unknown;
            outcome->teacherFromJournal = reply->from_journal;
        },
        [this, outcome] {
            if (outcome->ok) {
                m_output->setPlainText(outcome->text);
                QString s =
                    tr("%1 tokens, %2 tokens/s; the %3-token prompt took %4 ms; ended by %5.")
                        .arg(outcome->tokens)
                        .arg(outcome->decodeSeconds > 0 ? outcome->tokens / outcome->decodeSeconds : 0.0, 0,
                             'f', 1)
                        .arg(outcome->promptTokens)
                        .arg(outcome->prefillSeconds * 1000, 0, 'f', 0)
                        .arg(stopReasonText(outcome->stopReason));
                if (!outcome->constraint.isEmpty())
                    s += QLatin1Char(' ') + tr("Contract kept (%1).").arg(outcome->constraint);
                else if (!outcome->note.isEmpty())
                    s += QLatin1Char(' ') + tr("Not constrained: %1").arg(outcome->note);
                m_status->setText(s);
            } else {
                m_status->setText(tr("Could not answer: %1").arg(outcome->message));
            }
            if (outcome->askedTeacher) {
                if (outcome->teacherOk) {
                    m_teacherOutput->setPlainText(outcome->teacherText);
                    QString cost = outcome->teacherFromJournal ? tr("answered from the journal, no cost")
                                   : outcome->teacherPriceUnknown
                                       ? tr("cost unknown (the model is not in the price table)")
                                       : tr("$%1").arg(outcome->teacherCost, 0, 'f', 5);
                    m_teacherStatus->setText(
                        tr("%1 ms; %2.").arg(Labels::count(outcome->teacherLatencyMs)).arg(cost));
                } else {
                    m_teacherStatus->setText(tr("The teacher did not answer: %1").arg(outcome->teacherText));
                }
            }
            setBusy(false);
            emit runFinished(outcome->ok);
        });
    if (started) setBusy(true);
    return started;
}

void PlaygroundPage::stop() {
    m_runner->cancel();
}

QString PlaygroundPage::servedFile() const {
    const QString chosen = m_model->currentData().toString();
    if (!chosen.isEmpty()) return chosen;
    if (!m_project) return {};
    // The project's run is served from its newest export still on disk.
    auto exports = bundle::list_exports(*m_project);
    if (!exports) return {};
    for (const bundle::ExportEntry &e : *exports)
        if (e.state == "present") return fromPath(e.path);
    return {};
}

bool PlaygroundPage::startServing() {
    if (isServing()) return false;
    const QString file = servedFile();
    if (file.isEmpty()) {
        m_serveStatus->setText(tr("The endpoint serves a model file: export one on the Export page first."));
        return false;
    }
    serve::ServerParams p;
    p.port = m_port->value();
    auto server = serve::Server::open(toPath(file), p);
    if (!server) {
        m_serveStatus->setText(tr("Could not serve: %1").arg(toQString(server.error().message)));
        return false;
    }
    auto state = std::make_unique<ServerState>();
    state->server = std::move(*server);
    state->file = file;
    state->port = state->server->port();
    serve::Server *s = state->server.get();
    state->thread = std::thread([s] { (void)s->run(); });
    const QString base = QStringLiteral("http://127.0.0.1:%1/v1").arg(state->port);
    m_serveStatus->setText(tr("Serving %1 at %2").arg(QFileInfo(file).fileName(), base));
    nlohmann::json body = {{"model", state->server->model_id()},
                           {"messages", {{{"role", "user"}, {"content", "Hello"}}}}};
    m_curl->setText(QStringLiteral("curl %1/chat/completions -H 'Content-Type: application/json' -d %2")
                        .arg(base, toQString(bundle::shell_quote(body.dump()))));
    m_server = std::move(state);
    setBusy(m_runner->isRunning());
    emit servingChanged(true);
    emit statusMessage(tr("Serving at %1").arg(base));
    return true;
}

void PlaygroundPage::stopServing() {
    if (!m_server) return;
    m_server->server->stop();
    if (m_server->thread.joinable()) m_server->thread.join();
    m_server.reset();
    m_serveStatus->setText(tr("Stopped serving."));
    m_curl->clear();
    setBusy(m_runner->isRunning());
    emit servingChanged(false);
}

}  // namespace smolify::ui
