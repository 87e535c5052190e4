#include "common.h"

#include <cstdlib>

#include <unistd.h>

#include <cstdio>

namespace smolify::cli {

int report(const Error &error) {
    if (error.kind == ErrorKind::cancelled) {  // Ctrl+C: not a failure; the message says what was kept
        std::fprintf(stderr, "smolify-cli: %s\n", error.message.c_str());
        return kExitUser;
    }
    const char *label = error.kind == ErrorKind::internal ? "internal error" : "error";
    std::fprintf(stderr, "smolify-cli: %s: %s\n", label, error.message.c_str());
    return error.kind == ErrorKind::internal ? kExitInternal : kExitUser;
}

int usage_error(const std::string &message) { return report(user_error(message)); }

Result<std::unique_ptr<store::Project>> open_project(const std::string &path) { return store::Project::open(path); }

void print_json(const nlohmann::json &j) {
    std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), stdout);
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(bool enabled) : m_enabled(enabled && stderr_is_terminal()) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(double fraction, const std::string &text) {
    if (!m_enabled) return;
    auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last < std::chrono::milliseconds(100) && fraction < 1.0) return;
    m_last = now;
    std::string line = "\r\x1b[2K";
    if (fraction >= 0) {
        constexpr int kWidth = 24;
        int filled = static_cast<int>(fraction * kWidth + 0.5);
        if (filled > kWidth) filled = kWidth;
        // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, falsely) on "[" + std::string&&.
        line += '[';
        line.append(static_cast<std::size_t>(filled), '#');
        line.append(static_cast<std::size_t>(kWidth - filled), '.');
        line += "] ";
        line += std::to_string(static_cast<int>(fraction * 100)) + "% ";
    }
    line += text;
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::finish() {
    if (m_enabled && m_drawn) {
        std::fputs("\r\x1b[2K", stderr);
        std::fflush(stderr);
    }
    m_drawn = false;
}

std::optional<std::string> int_option(const Args &args, const char *name, int64_t lo, int64_t hi, int64_t &out) {
    if (auto v = args.value(name)) {
        auto n = parse_int(*v);
        if (!n || *n < lo || *n > hi)
            return std::string(name) + " takes a whole number from " + std::to_string(lo) + " to " +
                   std::to_string(hi);
        out = *n;
    }
    return std::nullopt;
}

std::optional<std::string> double_option(const Args &args, const char *name, double lo, double hi, double &out) {
    if (auto v = args.value(name)) {
        char *end = nullptr;
        const double d = std::strtod(v->c_str(), &end);
        if (v->empty() || *end != '\0' || !(d >= lo && d <= hi))
            return std::string(name) + " takes a number from " + std::to_string(lo) + " to " +
                   std::to_string(hi);
        out = d;
    }
    return std::nullopt;
}

}  // namespace smolify::cli
