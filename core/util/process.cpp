#include "util/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char **environ;

namespace smolify {

namespace {

class Fd {
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    void reset() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

void keep_tail(std::string &tail, const std::string &line, std::size_t max) {
    tail += line;
    tail += '\n';
    if (tail.size() > max) {
        std::size_t cut = tail.size() - max;
        const std::size_t nl = tail.find('\n', cut);
        if (nl != std::string::npos && nl + 1 < tail.size()) cut = nl + 1;
        tail.erase(0, cut);
    }
}

}  // namespace

std::string command_line_text(const std::vector<std::string> &argv) {
    std::string out;
    for (const auto &a : argv) {
        if (!out.empty()) out += ' ';
        const bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`*?;&|<>()[]{}!#~") == std::string::npos;
        if (plain) {
            out += a;
            continue;
        }
        out += '\'';
        for (char c : a) {
            if (c == '\'')
                out += "'\\''";
            else
                out += c;
        }
        out += '\'';
    }
    return out;
}

Result<ProcessReport> run_program(const ProcessParams &params) {
    if (params.argv.empty() || params.argv.front().empty()) return user_error("no program to run");
    const std::string &program = params.argv.front();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return internal_error(std::string("pipe: ") + std::strerror(errno));
    Fd read_end(fds[0]), write_end(fds[1]);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, write_end.get(), 1);
    posix_spawn_file_actions_adddup2(&fa, write_end.get(), 2);
    if (!params.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, params.cwd.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    // The child starts with default signal handling whatever the caller installed.
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<char *> args;
    for (const auto &a : params.argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = program.find('/') == std::string::npos
                       ? ::posix_spawnp(&pid, program.c_str(), &fa, &attr, args.data(), environ)
                       : ::posix_spawn(&pid, program.c_str(), &fa, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    write_end.reset();
    if (rc != 0) {
        std::string why = std::strerror(rc);
        if (!params.cwd.empty()) why += " (in " + params.cwd.string() + ")";
        return user_error("cannot start " + program + ": " + why);
    }

    ProcessReport report;
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    std::string pending;
    auto emit = [&](const std::string &line) {
        keep_tail(report.tail, line, params.tail_bytes);
        if (params.on_line) params.on_line(line);
    };
    bool stopping = false;
    double stop_sent_at = 0;
    bool killed = false;
    char buf[8192];
    for (;;) {
        if (!stopping) {
            const bool cancel = params.cancel && params.cancel->load();
            const bool late = params.timeout_s > 0 && elapsed() > params.timeout_s;
            if (cancel || late) {
                report.cancelled = cancel;
                report.timed_out = late && !cancel;
                ::kill(-pid, SIGTERM);
                stopping = true;
                stop_sent_at = elapsed();
            }
        } else if (!killed && elapsed() - stop_sent_at > 3.0) {
            ::kill(-pid, SIGKILL);
            killed = true;
        }
        pollfd p{read_end.get(), POLLIN, 0};
        const int n = ::poll(&p, 1, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (n == 0) continue;
        const ssize_t got = ::read(read_end.get(), buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            break;
        }
        if (got == 0) break;  // every writer closed: the child (and what it started) is done
        pending.append(buf, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
            std::string line = pending.substr(start, nl - start);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            emit(line);
        }
        pending.erase(0, start);
        if (pending.size() > 65536) {  // a very long line: handed on in pieces
            emit(pending);
            pending.clear();
        }
    }
    if (!pending.empty()) emit(pending);
    int status = 0;
    // The pipe can close before the child exits (it closed its output): wait, still honouring cancel.
    for (;;) {
        const pid_t w = ::waitpid(pid, &status, stopping ? 0 : WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) return internal_error(std::string("waitpid: ") + std::strerror(errno));
        if (w == 0) {
            if ((params.cancel && params.cancel->load()) ||
                (params.timeout_s > 0 && elapsed() > params.timeout_s)) {
                report.cancelled = params.cancel && params.cancel->load();
                report.timed_out = !report.cancelled;
                ::kill(-pid, SIGKILL);
                stopping = true;
                continue;
            }
            ::usleep(20000);
        }
    }
    if (WIFEXITED(status)) report.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) report.signal = WTERMSIG(status);
    report.seconds = elapsed();
    return report;
}

}  // namespace smolify
