// smolify-cli: the headless twin of the Smolify workbench. Wiring only: each command parses its
// arguments, calls core/, and prints. See docs/cli.md and `smolify-cli --help`.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "common.h"

using namespace smolify::cli;

namespace {

std::vector<Command> all_commands() {
    std::vector<Command> all = project_commands();
    for (auto *group : {data_commands, synth_commands, train_commands, bench_commands, infer_commands,
                        eval_commands, serve_commands, run_commands})
        for (auto &c : group())
            all.push_back(std::move(c));
    return all;
}

void print_overview(const std::vector<Command> &commands) {
    std::string text =
        "Usage: smolify-cli COMMAND [ARGS] [--help]\n\n"
        "Smolify turns a typed intent into a small language model you own. This is its headless\n"
        "twin: the same engine as the desktop workbench, for scripts and CI.\n\nCommands:\n";
    for (const auto &c : commands) {
        std::string left = "  " + c.spec.name;
        left.resize(16, ' ');
        text += left + c.spec.summary + "\n";
    }
    text +=
        "\nRun 'smolify-cli COMMAND --help' for a command's options.\n"
        "Exit codes: 0 success, 1 a user error (the message says what to do), 2 an internal error.\n";
    std::fputs(text.c_str(), stdout);
}

}  // namespace

int main(int argc, char **argv) {
    try {
        std::vector<Command> commands = all_commands();
        if (argc < 2) {
            print_overview(commands);
            return kExitUser;
        }
        std::string name = argv[1];
        if (name == "--help" || name == "-h" || name == "help") {
            print_overview(commands);
            return kExitOk;
        }
        if (name == "--version") {
            std::printf("smolify-cli %s\n", SMOLIFY_VERSION);
            return kExitOk;
        }
        int first_arg = 2;
        // `bench infer MODEL` (the stable interface) is the command bench-infer: the two benches take
        // different options, so each has its own spec and help.
        if (name == "bench" && argc > 2 && std::string(argv[2]) == "infer") {
            name = "bench-infer";
            first_arg = 3;
        }
        for (const auto &c : commands) {
            if (c.spec.name != name) continue;
            ParseOutcome parsed = parse_args(c.spec, std::vector<std::string>(argv + first_arg, argv + argc));
            if (parsed.help) {
                std::fputs(format_help(c.spec).c_str(), stdout);
                return kExitOk;
            }
            if (!parsed.error.empty()) return usage_error(parsed.error);
            return c.run(parsed.args);
        }
        return usage_error("unknown command '" + name + "'; run 'smolify-cli --help' for the list");
    } catch (const std::exception &e) {
        return report(smolify::internal_error(std::string("unexpected failure: ") + e.what()));
    }
}
