// File-system helpers shared by the engine: crash-safe writes.
//
// AtomicFile writes next to the target (`NAME.tmp-XXXXXX`), and commit() flushes, fsyncs, renames
// over the target and fsyncs the directory, so a crash leaves the old file or the new one, never a
// mix. A file that is destroyed without commit() is removed. Not thread-safe; one writer per file.
#pragma once

#include <cstdio>
#include <filesystem>
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

}  // namespace smolify
