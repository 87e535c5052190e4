// What every smolify-cli command shares: the command table entry, error reporting with the exit
// codes of the stable interface (0 success, 1 user error, 2 internal error), opening a project,
// and a progress line for the terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "store/project.h"
#include "util/result.h"

namespace smolify::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUser = 1;
inline constexpr int kExitInternal = 2;

struct Command {
    CommandSpec spec;
    int (*run)(const Args &args);
};

std::vector<Command> project_commands();  // init, info
std::vector<Command> data_commands();     // import, samples, review, export-data
std::vector<Command> train_commands();    // train, tokenize (commands_train.cpp)
std::vector<Command> bench_commands();    // bench (commands_bench.cpp)
std::vector<Command> synth_commands();    // spec, generate (commands_synth.cpp)
std::vector<Command> infer_commands();    // export, complete, bench-infer (commands_infer.cpp)
std::vector<Command> eval_commands();     // eval (commands_eval.cpp)
std::vector<Command> serve_commands();    // serve (commands_serve.cpp)
std::vector<Command> run_commands();      // run (commands_run.cpp)

// Prints "smolify-cli: error: MESSAGE" on stderr and returns the exit code for its kind.
int report(const Error &error);
int usage_error(const std::string &message);

Result<std::unique_ptr<store::Project>> open_project(const std::string &path);

// Reads option `name` when given: a whole number (or any number) within [lo, hi] into `out`; else
// the message for usage_error(). Absent options leave `out` as it is (the default).
std::optional<std::string> int_option(const Args &args, const char *name, int64_t lo, int64_t hi, int64_t &out);
std::optional<std::string> double_option(const Args &args, const char *name, double lo, double hi, double &out);

// One JSON object on stdout, followed by a newline.
void print_json(const nlohmann::json &j);

// A self-erasing progress line on stderr, drawn only when stderr is a terminal and at most
// ten times a second.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled);
    ~ProgressLine();
    void update(double fraction, const std::string &text);  // fraction < 0: unknown
    void finish();

private:
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last{};
};

bool stderr_is_terminal();

}  // namespace smolify::cli
