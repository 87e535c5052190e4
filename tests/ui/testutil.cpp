#include "testutil.h"

#include <QFile>
#include <QTextDocumentFragment>

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/qtstring.h"

namespace smolify::test {

TempProject::TempProject(const QString &name, const QString &intent) {
    path = dir.filePath(name + QStringLiteral(".smolify"));
    store::CreateParams params;
    params.intent = ui::toStdString(intent);
    auto created = store::Project::create(ui::toPath(path), params);
    if (created)
        project = std::move(created.value());
    else
        error = ui::toQString(created.error().message);
}

std::vector<int64_t> TempProject::insert(const std::vector<store::NewSample> &samples) {
    if (!project) return {};
    auto result = project->insert_samples(samples);
    if (!result) {
        error = ui::toQString(result.error().message);
        return {};
    }
    return result->ids;
}

std::unique_ptr<store::Project> TempProject::reopen() const {
    auto opened = store::Project::open(ui::toPath(path));
    return opened ? std::move(opened.value()) : nullptr;
}

store::NewSample makeSample(const QString &input, const QString &output, store::SampleStatus status,
                            store::Split split, const QString &reason, const QString &topic) {
    store::NewSample s;
    s.input = ui::toStdString(input);
    s.output = ui::toStdString(output);
    s.status = status;
    s.split = split;
    s.reject_reason = ui::toStdString(reason);
    s.topic = ui::toStdString(topic);
    s.source = store::SampleSource::import;
    return s;
}

std::vector<store::NewSample> numberedSamples(int n) {
    std::vector<store::NewSample> samples;
    samples.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        samples.push_back(
            makeSample(QStringLiteral("sample %1 input").arg(i), QStringLiteral("sample %1 output").arg(i)));
    return samples;
}

int statusOf(const TempProject &project, int64_t id) {
    auto other = project.reopen();
    if (!other) return -1;
    auto sample = other->sample(id);
    if (!sample || !sample.value()) return -1;
    return static_cast<int>(sample.value()->status);
}

QString reasonOf(const TempProject &project, int64_t id) {
    auto other = project.reopen();
    if (!other) return {};
    auto sample = other->sample(id);
    if (!sample || !sample.value()) return {};
    return ui::toQString(sample.value()->reject_reason);
}

MessageRecorder::MessageRecorder() {
    m_previous = ui::setMessagePresenter(
        [this](QWidget *, ui::MessageKind kind, const QString &title, const QString &text) {
            messages.push_back({kind, title, text});
        });
}

MessageRecorder::~MessageRecorder() {
    ui::setMessagePresenter(m_previous);
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(bytes) == bytes.size();
}

QString plainText(const QString &richText) {
    QString text = QTextDocumentFragment::fromHtml(richText).toPlainText();
    text.replace(QChar::Nbsp, QLatin1Char(' '));
    return text.simplified();
}

QString writeTicketsJsonl(const TempProject &tp) {
    static const char *kWhat[] = {"printer jammed", "VPN drops", "laptop dead", "password reset", "mail bounces"};
    const QString path = tp.filePath(QStringLiteral("tickets.jsonl"));
    std::ofstream f(ui::toPath(path));
    for (int i = 0; i < 40; ++i) {
        const char *label = i < 20 ? "urgent" : i < 32 ? "normal" : "low";
        f << nlohmann::json{{"input", "Ticket " + std::to_string(i) + ": " + kWhat[i % 5]}, {"output", label}}.dump()
          << "\n";
    }
    return path;
}

train::TrainParams tinyTrainParams(int64_t steps) {
    train::TrainParams p;
    model::Config c;
    c.dim = 64;
    c.layers = 2;
    c.heads = 2;
    c.kv_heads = 2;
    c.ffn = 128;
    p.model = c;
    p.seq_len = 128;
    p.batch = 8;
    p.lr = 3e-3;
    p.warmup_steps = 2;
    p.tokenizer_vocab = 400;
    p.threads = 2;
    p.eval_interval = 5;
    p.checkpoint_interval = 100;
    p.val_fraction = 0.1;
    p.patience = 0;
    p.max_steps = steps;
    p.max_epochs = 0;
    return p;
}

}  // namespace smolify::test
