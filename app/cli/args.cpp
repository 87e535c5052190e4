#include "args.h"

#include <charconv>

namespace smolify::cli {

std::optional<std::string> Args::value(std::string_view option) const {
    auto it = m_values.find(option);
    if (it == m_values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(std::string_view option) const {
    auto it = m_values.find(option);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

struct ArgsParser {
    static ParseOutcome run(const CommandSpec &spec, const std::vector<std::string> &argv) {
        ParseOutcome out;
        for (std::size_t i = 0; i < argv.size(); ++i) {
            const std::string &a = argv[i];
            if (a == "--help" || a == "-h") {
                out.help = true;
                return out;
            }
            if (a.size() > 2 && a.rfind("--", 0) == 0) {
                std::string name = a;
                std::optional<std::string> inline_value;
                if (auto eq = a.find('='); eq != std::string::npos) {
                    name = a.substr(0, eq);
                    inline_value = a.substr(eq + 1);
                }
                const OptionSpec *opt = nullptr;
                for (const auto &o : spec.options)
                    if (o.name == name) opt = &o;
                if (!opt) {
                    out.error = "unknown option " + name + " for '" + spec.name + "'";
                    return out;
                }
                auto &slot = out.args.m_values[name];
                if (opt->value_name.empty()) {
                    if (inline_value) {
                        out.error = name + " takes no value";
                        return out;
                    }
                    continue;
                }
                if (inline_value) {
                    slot.push_back(*inline_value);
                } else if (opt->multi) {
                    std::size_t before = slot.size();
                    while (i + 1 < argv.size() && !(argv[i + 1].rfind("--", 0) == 0 && argv[i + 1].size() > 2))
                        slot.push_back(argv[++i]);
                    if (slot.size() == before) {
                        out.error = name + " needs at least one " + opt->value_name;
                        return out;
                    }
                } else {
                    if (i + 1 >= argv.size()) {
                        out.error = name + " needs a value (" + opt->value_name + ")";
                        return out;
                    }
                    slot.push_back(argv[++i]);
                }
                continue;
            }
            out.args.m_positionals.push_back(a);
        }
        if (out.args.m_positionals.size() < spec.positionals.size()) {
            out.error = "missing " + spec.positionals[out.args.m_positionals.size()] + "; usage: smolify-cli " +
                        spec.name + " " + spec.usage;
        } else if (out.args.m_positionals.size() > spec.positionals.size()) {
            out.error = "unexpected argument '" + out.args.m_positionals[spec.positionals.size()] +
                        "'; usage: smolify-cli " + spec.name + " " + spec.usage;
        }
        return out;
    }
};

ParseOutcome parse_args(const CommandSpec &spec, const std::vector<std::string> &argv) {
    return ArgsParser::run(spec, argv);
}

std::string format_help(const CommandSpec &spec) {
    std::string h = "Usage: smolify-cli " + spec.name + " " + spec.usage + "\n\n" + spec.summary + "\n";
    if (!spec.options.empty()) {
        h += "\nOptions:\n";
        for (const auto &o : spec.options) {
            std::string left = "  " + o.name;
            if (!o.value_name.empty()) left += " " + o.value_name + (o.multi ? "..." : "");
            if (left.size() < 28) left.resize(28, ' ');
            else left += "\n" + std::string(28, ' ');
            h += left + o.help + "\n";
        }
    }
    h += "  --help, -h                Show this help\n";
    if (!spec.details.empty()) h += "\n" + spec.details + "\n";
    return h;
}

std::optional<int64_t> parse_int(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<std::vector<int64_t>> parse_id_list(const std::vector<std::string> &tokens) {
    constexpr int64_t kMaxRange = 10'000'000;
    std::vector<int64_t> ids;
    for (const std::string &token : tokens) {
        std::string_view rest = token;
        while (!rest.empty()) {
            auto comma = rest.find(',');
            std::string_view part = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (part.empty()) continue;
            if (auto dash = part.find('-'); dash != std::string_view::npos && dash > 0) {
                auto a = parse_int(part.substr(0, dash));
                auto b = parse_int(part.substr(dash + 1));
                if (!a || !b || *a < 1 || *b < *a || *b - *a > kMaxRange) return std::nullopt;
                for (int64_t v = *a; v <= *b; ++v) ids.push_back(v);
            } else {
                auto v = parse_int(part);
                if (!v || *v < 1) return std::nullopt;
                ids.push_back(*v);
            }
        }
    }
    if (ids.empty()) return std::nullopt;
    return ids;
}

}  // namespace smolify::cli
