// Command-line parsing for smolify-cli: options declared per command, values checked, and a
// usage text generated from the same declarations so --help never drifts from what is accepted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smolify::cli {

struct OptionSpec {
    std::string name;          // "--status"
    std::string value_name;    // "STATUS"; empty for a flag
    std::string help;
    bool multi = false;        // takes one or more values: "--approve 1 2 3"
};

struct CommandSpec {
    std::string name;          // "import"
    std::string summary;       // one line
    std::string usage;         // "PROJECT FILE [options]"
    std::vector<std::string> positionals;  // required positional names, in order
    std::vector<OptionSpec> options;
    std::string details;       // extra paragraphs for --help
};

class Args {
public:
    bool has(std::string_view option) const { return m_values.count(std::string(option)) > 0; }
    std::optional<std::string> value(std::string_view option) const;
    std::vector<std::string> values(std::string_view option) const;
    const std::vector<std::string> &positionals() const { return m_positionals; }
    const std::string &positional(std::size_t i) const { return m_positionals.at(i); }

private:
    friend struct ArgsParser;
    std::map<std::string, std::vector<std::string>, std::less<>> m_values;
    std::vector<std::string> m_positionals;
};

struct ParseOutcome {
    Args args;
    bool help = false;         // --help was given
    std::string error;         // non-empty: a usage error to report (exit 1)
};

ParseOutcome parse_args(const CommandSpec &spec, const std::vector<std::string> &argv);
std::string format_help(const CommandSpec &spec);

// "3", "3,5,9", "10-14" and mixes of these; empty on a malformed list.
std::optional<std::vector<int64_t>> parse_id_list(const std::vector<std::string> &tokens);

std::optional<int64_t> parse_int(std::string_view s);

}  // namespace smolify::cli
