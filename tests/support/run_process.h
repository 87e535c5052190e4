// Runs a program with arguments (no shell), capturing its exit code, stdout and stderr.
// For tests that drive smolify-cli exactly as a user or a script would.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char **environ;

namespace smolify::test {

struct ProcessResult {
    int exit_code = -1;        // -1 if it did not exit normally
    int signal = 0;
    std::string out;
    std::string err;
    long max_rss_kib = 0;      // peak resident memory of the child
};

inline std::string slurp(const std::filesystem::path &p) {
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    if (ec) return {};
    std::string data(size, '\0');
    std::ifstream in(p, std::ios::binary);
    in.read(data.data(), static_cast<std::streamsize>(size));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

// Runs `argv` with stdout and stderr sent to files in `scratch`. Environment is inherited, with
// `extra_env` ("NAME=value") added.
inline ProcessResult run_process(const std::vector<std::string> &argv, const std::filesystem::path &scratch,
                                 const std::vector<std::string> &extra_env = {}) {
    ProcessResult r;
    const auto out_path = scratch / "stdout.txt";
    const auto err_path = scratch / "stderr.txt";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char *> args;
    for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_store;
    for (char **e = environ; *e; ++e) env_store.emplace_back(*e);
    for (const auto &e : extra_env) env_store.push_back(e);
    std::vector<char *> env;
    for (auto &e : env_store) env.push_back(e.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        r.err = "posix_spawn failed";
        return r;
    }
    int status = 0;
    struct rusage ru {};
    if (::wait4(pid, &status, 0, &ru) == pid) {
        if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
        r.max_rss_kib = ru.ru_maxrss;
    }
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

}  // namespace smolify::test
