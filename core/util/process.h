// Running a program the user's data declares (an example's prepare command): argv, no shell, in a
// given folder, its output read line by line as it comes, a cancel flag honoured.
//
// The child gets /dev/null as stdin and one pipe as stdout and stderr (so the lines arrive in the
// order it wrote them); it runs in its own process group, so a terminal's Ctrl+C reaches the caller
// only, which then stops the child through the cancel flag (SIGTERM to the group, SIGKILL after a
// grace period). argv[0] without a '/' is looked up in PATH; with one, it is taken relative to `cwd`.
// Core never prints: the lines go to on_line, the last few KiB are kept for error messages.
// Who calls it: synth/example.cpp (prepare). Thread-safety: call from any one thread; the cancel
// flag may be set from any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "util/result.h"

namespace smolify {

struct ProcessParams {
    std::vector<std::string> argv;  // argv[0] is the program
    std::filesystem::path cwd;      // empty: the caller's
    // Each line the child writes on stdout or stderr, without its "\n" (a last line without one too).
    std::function<void(const std::string &)> on_line;
    const std::atomic<bool> *cancel = nullptr;
    double timeout_s = 0;  // 0: no limit; past it the child is stopped as if cancelled
    std::size_t tail_bytes = 4096;
};

struct ProcessReport {
    int exit_code = -1;  // -1 when it did not exit normally
    int signal = 0;      // the signal that ended it, if one did
    bool cancelled = false;
    bool timed_out = false;
    std::string tail;  // the last tail_bytes of its output (whole lines where possible)
    double seconds = 0;
};

// A user error when the program cannot be started ("cannot start PROG: No such file or directory");
// how it ended (exit status, signal, cancelled) is in the report, not an error.
Result<ProcessReport> run_program(const ProcessParams &params);

// argv as a person would type it in a shell (arguments with spaces or quotes quoted), for messages.
std::string command_line_text(const std::vector<std::string> &argv);

}  // namespace smolify
