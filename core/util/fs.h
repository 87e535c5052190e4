// File-system helpers shared by the engine: crash-safe writes.
//
// AtomicFile writes next to the target (`NAME.smolify-tmp-PID-XXXXXX`, PID the writer's process id), and
// commit() flushes, fsyncs, renames over the target and fsyncs the directory, so a crash leaves the
// old file or the new one, never a mix. A file that is destroyed without commit() is removed. A
// process killed while writing leaves its temporary file behind; no reader opens such a name, and
// the next AtomicFile::open in that folder removes it (remove_stale_temporaries). Not thread-safe;
// one writer per file.
//
// A write that fails on a full disk (ENOSPC, EDQUOT) is a user error with Error::disk_full set.
//
// Test hook: when the environment variable SMOLIFY_TEST_KILL_AFTER_BYTES is a number K, the process
// SIGKILLs itself once the AtomicFiles it writes have written K bytes in all (counted over every
// file, from process start): the K-th byte reaches the temporary file (flushed), the next one never
// does. K equal to the bytes of the first files kills at the first write of the next one, after the
// earlier ones were committed. A second one, SMOLIFY_TEST_KILL_AT_RENAME=N, SIGKILLs the process
// just before its N-th rename into place (counted from 1 over the process: each AtomicFile::commit,
// and the Hugging Face export's folder swap, hf_export.h), when every byte is written and only the
// renames are left. Only the kill-during-save tests set them (tests/*/…_save_test.cpp, util_test);
// each is read once, and unset they cost one branch per write or rename.
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

// The SMOLIFY_TEST_KILL_AT_RENAME hook (above): call just before a rename that puts something in
// place. Does nothing unless the variable is set.
void test_hook_before_rename();

// What AtomicFile (and the Hugging Face export, for its folder) puts after a name for its
// temporary: ".smolify-tmp-PID-XXXXXX", the X's for mkstemp/mkdtemp.
std::string temporary_infix();

// The process id in a temporary name `*.smolify-tmp-PID-XXXXXX` (six letters or digits at the end);
// 0 when `name` is not one.
long temporary_owner(std::string_view name);

// Removes what killed writers left in `dir`: files and folders named as temporary_owner() reads
// whose process is no longer running. Those of running processes (this one included) are kept.
// Best effort: failures are ignored.
void remove_stale_temporaries(const std::filesystem::path &dir);

// Reads a whole (small) file; refuses files larger than max_bytes.
Result<std::string> read_file(const std::filesystem::path &path, std::size_t max_bytes);

// Calls fn(line number from 1, line without its "\n" or "\r\n") for each line of a text file that is
// not blank, stopping at fn's first error. User errors: no such file, unreadable, a read that fails.
Status for_each_line(const std::filesystem::path &file,
                     const std::function<Status(int64_t, const std::string &)> &fn);

}  // namespace smolify
