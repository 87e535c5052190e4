// Shared helpers for the libFuzzer targets in fuzz/: invariant checks that trap (so libFuzzer saves
// the input as a crash) and a per-process scratch folder, in /dev/shm when there is one so that the
// targets' file writes and SQLite's fsyncs cost no disk I/O.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

// An invariant of the code under test. On violation: say which, then trap (libFuzzer reports a
// deadly signal and writes the input to crash-<sha1>).
#define FUZZ_CHECK(cond)                                                                               \
    do {                                                                                               \
        if (!(cond)) {                                                                                 \
            std::fprintf(stderr, "\nFUZZ_CHECK failed: %s\n  at %s:%d\n", #cond, __FILE__, __LINE__); \
            __builtin_trap();                                                                          \
        }                                                                                              \
    } while (0)

// The same, printing a message from the code under test first (e.g. an unexpected error).
#define FUZZ_CHECK_MSG(cond, msg)                                                                      \
    do {                                                                                               \
        if (!(cond)) {                                                                                 \
            std::fprintf(stderr, "\nFUZZ_CHECK failed: %s\n  at %s:%d\n  %s\n", #cond, __FILE__,       \
                         __LINE__, std::string(msg).c_str());                                          \
            __builtin_trap();                                                                          \
        }                                                                                              \
    } while (0)

namespace smolify::fuzz {

// One scratch folder per fuzzing process, removed at exit (libFuzzer exits normally at the end of
// -max_total_time or -runs; after a crash the folder is left behind for a look).
class ScratchDir {
public:
    explicit ScratchDir(std::string_view tag) {
        std::error_code ec;
        std::filesystem::path base = "/dev/shm";
        if (!std::filesystem::is_directory(base, ec) || ::access(base.c_str(), W_OK) != 0)
            base = std::filesystem::temp_directory_path();
        std::string tmpl = (base / ("smolify-fuzz-" + std::string(tag) + "-XXXXXX")).string();
        if (!::mkdtemp(tmpl.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        m_path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;

    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline void write_file(const std::filesystem::path &path, const uint8_t *data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::abort();  // the machine, not the code under test
    }
}

inline void remove_quietly(const std::filesystem::path &path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

inline int64_t count_lines(std::string_view text) {
    int64_t n = 1;
    for (char c : text)
        if (c == '\n') ++n;
    return n;
}

}  // namespace smolify::fuzz
