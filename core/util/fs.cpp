#include "util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

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
    std::string tmpl = target.string() + ".tmp-XXXXXX";
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
