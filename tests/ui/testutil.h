// Helpers shared by the ui tests: real temporary projects (no fakes), sample factories, a recorder
// for messages the UI would show in a box, and reading the store back through a second connection.
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

#include "common/messages.h"
#include "store/project.h"
#include "train/trainer.h"

namespace smolify::test {

// A project in its own temporary folder, created with Project::create.
struct TempProject {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<store::Project> project;

    explicit TempProject(const QString &name = QStringLiteral("test"),
                         const QString &intent = QStringLiteral("Triage support tickets"));
    bool ok() const { return project != nullptr; }
    QString error;

    // Inserts samples; returns their ids (empty on failure, with `error` set).
    std::vector<int64_t> insert(const std::vector<store::NewSample> &samples);
    // A second, independent connection, as another program (or the CLI) would see the file.
    std::unique_ptr<store::Project> reopen() const;
    QString filePath(const QString &name) const { return dir.filePath(name); }
};

store::NewSample makeSample(const QString &input, const QString &output,
                            store::SampleStatus status = store::SampleStatus::pending,
                            store::Split split = store::Split::train, const QString &reason = {},
                            const QString &topic = {});

// `n` distinct pending samples: input "sample <i> input", output "sample <i> output".
std::vector<store::NewSample> numberedSamples(int n);

// The status of sample `id` read through a fresh connection (-1 when it cannot be read).
int statusOf(const TempProject &project, int64_t id);
QString reasonOf(const TempProject &project, int64_t id);

// Records what would have been shown in a message box while alive.
class MessageRecorder {
public:
    struct Message {
        ui::MessageKind kind;
        QString title;
        QString text;
    };
    MessageRecorder();
    ~MessageRecorder();
    std::vector<Message> messages;

private:
    ui::MessagePresenter m_previous;
};

// Writes `text` to `path`; false on failure.
bool writeFile(const QString &path, const QByteArray &bytes);

// Rich text as the user reads it (tags and entities resolved, whitespace collapsed).
QString plainText(const QString &richText);

// 40 tickets as JSONL in the project's folder (20 urgent, 12 normal, 8 low, as tests/eval's
// classification fixture); returns the file's path.
QString writeTicketsJsonl(const TempProject &tp);

// A student small enough to train `steps` steps in a page test: 64 wide, 2 blocks, a 400-piece
// vocabulary, a tenth held out for validation.
train::TrainParams tinyTrainParams(int64_t steps);

}  // namespace smolify::test
