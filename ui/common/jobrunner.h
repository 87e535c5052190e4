// JobRunner: the workbench's one worker skeleton. One long core operation at a time on its own
// QThread; destroying the runner cancels the job and waits for it (core's long jobs check their
// cancel flag at least once per step, batch, reply or sample: core/util/job.h).
//
// run(ProjectJob) is the contract every page uses for core's long jobs: the request becomes a core
// call on the job's OWN Project, opened on the same file on the worker thread (a Project is
// single-threaded; the store's WAL mode lets the page keep reading its own connection), with the
// job::Hooks core expects; its progress records reach the GUI thread throttled (the newest wins, at
// most kProgressPerSecond a second, every `urgent` one at once, and the last one always before the
// outcome); the outcome, a Result whose cancellation is job::cancelled, reaches `done` on the GUI thread.
// start() is the same skeleton for work that is not on a project (a GGUF file, the teacher alone).
//
// Who calls it: every page with long work (Data: import, generation; Train; Evaluate; Export;
// Playground; Open Example). GUI thread only, except that the job runs on the runner's thread and
// may call post() from there.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "store/project.h"
#include "util/job.h"
#include "util/result.h"

class QThread;

namespace smolify::ui {

inline constexpr int kProgressPerSecond = 10;

// A core job on a project, for JobRunner::run().
template <class P, class R>
struct ProjectJob {
    std::filesystem::path project;  // opened again on the job's thread
    // On the job's thread: the core call, given its own Project and the hooks to pass to core.
    std::function<Result<R>(store::Project &, const job::Hooks<P> &)> work;
    std::function<void(const P &)> progress;  // GUI thread, throttled
    std::function<bool(const P &)> urgent;    // job thread; true: deliver this record now
    std::function<void(Result<R> &)> done;    // GUI thread, once, after the last progress record
};

class JobRunner : public QObject {
    Q_OBJECT

public:
    explicit JobRunner(QString threadName, QObject *parent = nullptr);
    ~JobRunner() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Starts `job` on a new thread; false while another job runs.
    bool start(std::function<void(const std::atomic<bool> &cancel)> job, std::function<void()> done);
    // Asks the running job to stop (thread-safe).
    void cancel() { m_cancel.store(true); }
    // From the job: runs `f` on the GUI thread, later, unless the runner is gone.
    void post(std::function<void()> f);

    // Starts a core job on a project (see the top of this file); false while another job runs.
    template <class P, class R>
    bool run(ProjectJob<P, R> spec);

signals:
    void runningChanged(bool running);

private:
    QString m_threadName;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
};

template <class P, class R>
bool JobRunner::run(ProjectJob<P, R> spec) {
    struct State {
        std::optional<Result<R>> result;
        std::optional<P> undelivered;  // the newest record the throttle held back
    };
    auto state = std::make_shared<State>();
    auto shared = std::make_shared<ProjectJob<P, R>>(std::move(spec));
    return start(
        [this, state, shared](const std::atomic<bool> &cancel) {
            auto project = store::Project::open(shared->project);
            if (!project) {
                state->result.emplace(project.error());
                return;
            }
            using Clock = std::chrono::steady_clock;
            Clock::time_point last{};
            job::Hooks<P> hooks;
            hooks.cancel = &cancel;
            hooks.on_progress = [&](const P &p) {
                const auto now = Clock::now();
                if ((shared->urgent && shared->urgent(p)) ||
                    now - last >= std::chrono::milliseconds(1000 / kProgressPerSecond)) {
                    last = now;
                    state->undelivered.reset();
                    if (shared->progress) post([shared, p] { shared->progress(p); });
                } else {
                    state->undelivered = p;
                }
                return true;
            };
            state->result.emplace(shared->work(**project, hooks));
        },
        [state, shared] {
            if (state->undelivered && shared->progress) shared->progress(*state->undelivered);
            if (shared->done && state->result) shared->done(*state->result);
        });
}

}  // namespace smolify::ui
