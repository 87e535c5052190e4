#include "util/fs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

#include "util/text.h"

namespace smolify {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

// A write or flush of `target` failed with errno `err`.
Error write_error(const std::filesystem::path &target, int err) {
    if (err == ENOSPC || err == EDQUOT)
        return disk_full_error("cannot write " + target.string() + ": the disk is full (" + errno_text(err) +
                               "); the previous file is unchanged");
    return user_error("cannot write " + target.string() + ": " + errno_text(err) +
                      " (is the disk full?); the previous file is unchanged");
}

// SMOLIFY_TEST_KILL_AFTER_BYTES (fs.h): -1 when unset.
int64_t kill_after_bytes() {
    static const int64_t at = [] {
        const char *v = std::getenv("SMOLIFY_TEST_KILL_AFTER_BYTES");
        if (!v || !*v) return int64_t{-1};
        char *end = nullptr;
        const long long n = std::strtoll(v, &end, 10);
        return (*end == '\0' && n >= 0) ? static_cast<int64_t>(n) : int64_t{-1};
    }();
    return at;
}
std::atomic<int64_t> g_bytes_written{0};

// SMOLIFY_TEST_KILL_AT_RENAME (fs.h): 0 when unset.
int64_t kill_at_rename() {
    static const int64_t at = [] {
        const char *v = std::getenv("SMOLIFY_TEST_KILL_AT_RENAME");
        if (!v || !*v) return int64_t{0};
        char *end = nullptr;
        const long long n = std::strtoll(v, &end, 10);
        return (*end == '\0' && n > 0) ? static_cast<int64_t>(n) : int64_t{0};
    }();
    return at;
}
std::atomic<int64_t> g_renames{0};

Status fsync_dir(const std::filesystem::path &dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return internal_error("cannot open folder " + dir.string() + ": " + errno_text(errno));
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    // Some file systems refuse fsync on a directory; the rename itself already happened.
    if (rc != 0 && err != EINVAL && err != EROFS)
        return internal_error("cannot sync folder " + dir.string() + ": " + errno_text(err));
    return {};
}

}  // namespace

AtomicFile::~AtomicFile() { discard(); }

Status AtomicFile::open(const std::filesystem::path &target) {
    discard();
    m_target = target;
    remove_stale_temporaries(target.parent_path());
    std::string tmpl = target.string() + temporary_infix();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        const int err = errno;
        std::string message = "cannot create a file beside " + target.string() + ": " + errno_text(err);
        return err == ENOSPC || err == EDQUOT ? disk_full_error(message + " (the disk is full)")
                                              : user_error(message);
    }
    m_tmp = tmpl;
    // mkstemp makes the file 0600; the result should look like any file the user saves (exports go
    // to Ollama or another account): keep the mode of the file it replaces, else rw-r--r--.
    struct stat existing {};
    ::fchmod(fd, ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644);
    m_file = ::fdopen(fd, "wb");
    if (!m_file) {
        ::close(fd);
        std::filesystem::remove(m_tmp);
        return internal_error("cannot open " + m_tmp.string() + ": " + errno_text(errno));
    }
    return {};
}

Status AtomicFile::write(std::string_view bytes) {
    if (!m_file) return internal_error("AtomicFile::write without open");
    if (bytes.empty()) return {};
    if (const int64_t at = kill_after_bytes(); at >= 0) {
        const auto n = static_cast<int64_t>(bytes.size());
        const int64_t before = g_bytes_written.fetch_add(n);
        if (before + n > at) {  // the test hook: the bytes up to `at` land, then the process dies
            const auto part = static_cast<std::size_t>(std::max<int64_t>(0, at - before));
            (void)std::fwrite(bytes.data(), 1, part, m_file);
            (void)std::fflush(m_file);
            ::kill(::getpid(), SIGKILL);
        }
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) {
        int err = errno;
        discard();
        return write_error(m_target, err);
    }
    return {};
}

Status AtomicFile::commit() {
    if (!m_file) return internal_error("AtomicFile::commit without open");
    bool ok = std::fflush(m_file) == 0 && ::fsync(::fileno(m_file)) == 0;
    int err = errno;
    ok = (std::fclose(m_file) == 0) && ok;
    m_file = nullptr;
    if (!ok) {
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
        m_tmp.clear();
        return write_error(m_target, err);
    }
    test_hook_before_rename();
    if (std::rename(m_tmp.c_str(), m_target.c_str()) != 0) {
        err = errno;
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
        m_tmp.clear();
        return user_error("cannot replace " + m_target.string() + ": " + errno_text(err));
    }
    m_tmp.clear();
    return fsync_dir(m_target.parent_path());
}

void AtomicFile::discard() {
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    if (!m_tmp.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
        m_tmp.clear();
    }
}

void test_hook_before_rename() {
    if (const int64_t at = kill_at_rename(); at > 0 && g_renames.fetch_add(1) + 1 == at)
        ::kill(::getpid(), SIGKILL);
}

std::string temporary_infix() {
    return ".smolify-tmp-" + std::to_string(::getpid()) + "-XXXXXX";
}

long temporary_owner(std::string_view name) {
    constexpr std::string_view kMark = ".smolify-tmp-";
    const auto at = name.rfind(kMark);
    if (at == std::string_view::npos) return 0;
    std::string_view rest = name.substr(at + kMark.size());
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash > 10 || rest.size() - dash - 1 != 6) return 0;
    long pid = 0;
    for (char c : rest.substr(0, dash)) {
        if (c < '0' || c > '9') return 0;
        pid = pid * 10 + (c - '0');
    }
    for (char c : rest.substr(dash + 1))
        if (!std::isalnum(static_cast<unsigned char>(c))) return 0;
    return pid;
}

void remove_stale_temporaries(const std::filesystem::path &dir_in) {
    const std::filesystem::path dir = dir_in.empty() ? std::filesystem::path(".") : dir_in;
    std::error_code ec;
    std::vector<std::filesystem::path> stale;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const long pid = temporary_owner(name);
        if (pid <= 0 || pid == static_cast<long>(::getpid())) continue;
        // Alive (or alive under another user: EPERM) keeps its file; ESRCH: no such process.
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        stale.push_back(it->path());
    }
    for (const auto &p : stale) {
        std::error_code rm;
        std::filesystem::remove_all(p, rm);
    }
}

Result<std::string> read_file(const std::filesystem::path &path, std::size_t max_bytes) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return user_error("cannot read " + path.string() + ": " + ec.message());
    if (size > max_bytes)
        return user_error(path.string() + " is " + std::to_string(size) + " bytes; the limit is " +
                          std::to_string(max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) return user_error("cannot open " + path.string());
    std::string data(size, '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size) return user_error("cannot read " + path.string());
    return data;
}

Status for_each_line(const std::filesystem::path &file,
                     const std::function<Status(int64_t, const std::string &)> &fn) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return user_error("cannot read " + file.string() + ": there is no such file");
    std::ifstream in(file, std::ios::binary);
    if (!in) return user_error("cannot read " + file.string());
    std::string line;
    int64_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty()) continue;
        if (Status st = fn(number, line); !st) return st;
    }
    if (in.bad()) return user_error("cannot read " + file.string() + " to its end");
    return {};
}

}  // namespace smolify
