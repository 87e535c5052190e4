// The Playground page: try the student on your own input, and serve it to your own tools.
//
// - Model: the project's newest training run (F32, from its checkpoint) or any GGUF the project
//   exported that is still on disk, or a file chosen with "Open File…" (any Smolify GGUF).
// - Input, temperature (0: greedy), max tokens and "Keep the contract": a model with labels answers
//   with the label it scores highest; otherwise the project's task spec constrains the answer
//   (sections, JSON schema) where it has one. Run streams the answer into the output as it is
//   written (infer::complete's per-token callback on a JobRunner thread, whole UTF-8 characters only),
//   then says tokens, tokens/s of the decode, the prompt's time and why it stopped. Stop ends it at
//   the next token. With "Ask the teacher too" (when the project has a teacher), the teacher answers
//   the same input as the task spec asks (synth::answer_request, through teacher::Client: journaled and
//   priced, the key from the OS keyring or the project's environment variable) and its answer shows
//   beside the student's with its latency and cost.
// - "Serve": starts the OpenAI-compatible endpoint (serve::Server, loopback) on the chosen port with
//   the chosen GGUF (the project's run is served from its newest export on disk), shows the URL and a
//   ready curl line, and stops it cleanly (Stop Serving, another project, closing the window).
//
// Who calls it: MainWindow, tests/ui. GUI thread only; generation and the server run on their own
// threads, each with what it needs (its own Project connection for the run, the mapped file).
#pragma once

#include <QString>
#include <QWidget>

#include <memory>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class JobRunner;

class PlaygroundPage : public QWidget {
    Q_OBJECT

public:
    explicit PlaygroundPage(QWidget *parent = nullptr);
    ~PlaygroundPage() override;  // stops a generation and the server, and waits for both

    void setProject(store::Project *project);
    bool isBusy() const;
    bool isServing() const;
    int servingPort() const;  // 0 when not serving

    QComboBox *modelBox() const { return m_model; }
    QPlainTextEdit *inputEdit() const { return m_input; }
    QPlainTextEdit *outputView() const { return m_output; }
    QDoubleSpinBox *temperatureBox() const { return m_temperature; }
    QSpinBox *maxTokensBox() const { return m_maxTokens; }
    QCheckBox *contractCheck() const { return m_contract; }
    QCheckBox *teacherCheck() const { return m_askTeacher; }
    QPlainTextEdit *teacherView() const { return m_teacherOutput; }
    QString teacherStatusText() const;
    QSpinBox *portBox() const { return m_port; }
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *serveButton() const { return m_serveButton; }
    QString statusText() const;
    QString serveText() const;
    QString curlText() const;
    // Adds a GGUF file to the model list and selects it.
    void addModelFile(const QString &path);

public slots:
    void refresh();
    // Answers the input with the selected model; false when it cannot start.
    bool run();
    void stop();
    // Starts or stops serving the selected model; false (with a message) when it cannot start.
    bool startServing();
    void stopServing();
    void openModelFile();

signals:
    void runFinished(bool ok);
    void servingChanged(bool serving);
    void statusMessage(const QString &message);

private:
    struct ServerState;
    void setBusy(bool busy);
    bool startRun(bool askTeacher, const std::string &key);
    QString servedFile() const;  // the GGUF serving would use; empty when none

    store::Project *m_project = nullptr;
    JobRunner *m_runner;  // owned; deleted first in the destructor
    std::unique_ptr<ServerState> m_server;

    QComboBox *m_model;
    QPushButton *m_openButton;
    QPlainTextEdit *m_input;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_maxTokens;
    QCheckBox *m_contract;
    QCheckBox *m_askTeacher;
    QPlainTextEdit *m_teacherOutput;
    QLabel *m_teacherStatus;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QPlainTextEdit *m_output;
    QLabel *m_status;
    QSpinBox *m_port;
    QPushButton *m_serveButton;
    QLabel *m_serveStatus;
    QLineEdit *m_curl;
};

}  // namespace smolify::ui
