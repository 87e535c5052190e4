// A 1,000,000-line JSONL import (about 110 MB) in bounded memory. The import runs in a forked child
// so that its peak resident memory (ru_maxrss from wait4) is measured alone; the bound is far below
// the file size, so an importer that buffered the file, or the samples, would fail it.
// Slow (tens of seconds): labelled "slow".
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "io/import.h"
#include "io_test_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SMOLIFY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SMOLIFY_ASAN 1
#endif
#endif

namespace smolify::io {
namespace {

constexpr int64_t kLines = 1'000'000;
constexpr int64_t kMaxPeakRssBytes = 200LL * 1024 * 1024;

// What the child reports back through a pipe.
struct ChildResult {
    int ok = 0;  // 1 when the import returned a report
    int64_t imported = 0;
    int64_t duplicates = 0;
    int64_t malformed = 0;
    int64_t records = 0;
    int64_t progress_calls = 0;
    char error[512] = {};
};

// Runs the import in this (child) process and writes the outcome to `fd`. Uses no gtest macros:
// the child leaves with _exit and never returns into the test runner.
[[noreturn]] void child_import(const std::filesystem::path &project_path, const std::filesystem::path &file,
                               int fd) {
    ChildResult res;
    auto project = store::Project::open(project_path);
    if (!project) {
        std::snprintf(res.error, sizeof res.error, "open: %s", project.error().message.c_str());
    } else {
        ImportParams params;
        params.hooks.on_progress = [&res](const ImportProgress &) {
            ++res.progress_calls;
            return true;
        };
        auto r = import_samples(**project, file, params);
        if (!r) {
            std::snprintf(res.error, sizeof res.error, "import: %s", r.error().message.c_str());
        } else {
            res.ok = 1;
            res.imported = r->totals.imported;
            res.duplicates = r->totals.duplicates;
            res.malformed = r->totals.malformed;
            res.records = r->totals.records;
        }
    }
    ssize_t n = ::write(fd, &res, sizeof res);
    ::_exit(n == static_cast<ssize_t>(sizeof res) ? 0 : 3);
}

TEST(LargeImport, MillionLinesInBoundedMemory) {
    test::TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const auto file = dir / "big.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        std::string line;
        for (int64_t i = 0; i < kLines; ++i) {
            line = "{\"input\": \"Question " + std::to_string(i) + ": how deep is trench number " +
                   std::to_string(i) + "?\", \"output\": \"Trench " + std::to_string(i) + " is about " +
                   std::to_string(i % 11000) + " metres deep.\"}\n";
            out << line;
        }
        ASSERT_TRUE(out.good());
    }
    const auto file_size = static_cast<int64_t>(std::filesystem::file_size(file));
    ASSERT_GT(file_size, 60LL * 1024 * 1024);  // the bound below must be meaningful next to it

    const auto project_path = dir / "p.smolify";
    {
        auto project = test::make_project(project_path);
        ASSERT_TRUE(project);
    }  // closed before fork: a SQLite connection must not cross a fork

    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        child_import(project_path, file, fds[1]);
    }
    ::close(fds[1]);
    ChildResult res;
    std::size_t got = 0;
    while (got < sizeof res) {
        ssize_t n = ::read(fds[0], reinterpret_cast<char *>(&res) + got, sizeof res - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fds[0]);
    int status = 0;
    struct rusage usage {};
    ASSERT_EQ(::wait4(pid, &status, 0, &usage), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
    ASSERT_EQ(got, sizeof res);
    ASSERT_EQ(res.ok, 1) << res.error;

    EXPECT_EQ(res.records, kLines);
    EXPECT_EQ(res.imported, kLines);
    EXPECT_EQ(res.duplicates, 0);
    EXPECT_EQ(res.malformed, 0);
    EXPECT_GE(res.progress_calls, kLines / 2000);  // one per batch of the default size, and the end

    const int64_t peak = static_cast<int64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
    RecordProperty("file_mib", static_cast<int>(file_size >> 20));
    RecordProperty("peak_rss_mib", static_cast<int>(peak >> 20));
#ifdef SMOLIFY_ASAN
    // AddressSanitizer's shadow memory and quarantine make resident size meaningless here.
    std::printf("peak RSS under ASan: %lld MiB (not checked)\n", static_cast<long long>(peak >> 20));
#else
    EXPECT_LT(peak, kMaxPeakRssBytes)
        << "peak RSS " << (peak >> 20) << " MiB for a " << (file_size >> 20) << " MiB file";
#endif

    auto project = store::Project::open(project_path);
    ASSERT_TRUE(project.ok()) << project.error().message;
    auto counts = (*project)->counts();
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ(counts->total, kLines);
    EXPECT_EQ(counts->pending, kLines);
}

}  // namespace
}  // namespace smolify::io
