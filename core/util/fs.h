// File-system helpers shared by the engine: crash-safe writes.
//
// AtomicFile writes next to the target (`NAME.tmp-XXXXXX`), and commit() flushes, fsyncs, renames
// over the target and fsyncs the directory, so a crash leaves the old file or the new one, never a
// mix. A file that is destroyed without commit() is removed. Not thread-safe; one writer per file.
//
// A write that fails on a full disk (ENOSPC, EDQUOT) is a user error with Error::disk_full set.
#pragma once

#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace smolify {

class AtomicFile {
public:
    AtomicFile() = default;
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    Status open(const std::filesystem::path &target);
    Status write(std::string_view bytes);
    Status commit();
    void discard();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_tmp;
    std::FILE *m_file = nullptr;
};

// Reads a whole (small) file; refuses files larger than max_bytes.
Result<std::string> read_file(const std::filesystem::path &path, std::size_t max_bytes);

// Calls fn(line number from 1, line without its "\n" or "\r\n") for each line of a text file that is
// not blank, stopping at fn's first error. User errors: no such file, unreadable, a read that fails.
Status for_each_line(const std::filesystem::path &file,
                     const std::function<Status(int64_t, const std::string &)> &fn);

}  // namespace smolify
