// A small tmpfs that a test mounts itself, for a real ENOSPC (trust.md "disk full"), and a filler
// file that takes its last free byte. Mounting needs root (CI runs as root) or CAP_SYS_ADMIN; where
// mount(2) is refused, mounted() is false and skip_reason() says why, for GTEST_SKIP:
//
//   test::Tmpfs disk(dir / "disk", 16 << 20);
//   if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
//
// The mount is detached (MNT_DETACH) when the object goes, before the TempDir that holds it.
#pragma once

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace smolify::test {

class Tmpfs {
public:
    Tmpfs(const std::filesystem::path &at, std::size_t bytes) : m_path(at) {
        std::error_code ec;
        std::filesystem::create_directories(at, ec);
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
        if (::mount("tmpfs", at.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
            m_mounted = true;
        } else {
            const int err = errno;
            m_reason = "cannot mount a " + std::to_string(bytes >> 20) + " MiB tmpfs at " + at.string() +
                       " (" + std::strerror(err) +
                       "): this test needs a real full disk and mounts one itself, which takes root or "
                       "CAP_SYS_ADMIN (CI runs as root)";
        }
    }
    ~Tmpfs() {
        if (m_mounted) ::umount2(m_path.c_str(), MNT_DETACH);
    }
    Tmpfs(const Tmpfs &) = delete;
    Tmpfs &operator=(const Tmpfs &) = delete;

    bool mounted() const { return m_mounted; }
    const std::string &skip_reason() const { return m_reason; }
    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

    int64_t free_bytes() const {
        struct statvfs s {};
        if (::statvfs(m_path.c_str(), &s) != 0) return -1;
        return static_cast<int64_t>(s.f_bavail) * static_cast<int64_t>(s.f_frsize);
    }

    // Writes `filler` (inside the tmpfs) until a write fails with ENOSPC: the next write of any file
    // that needs a new block fails. Returns the bytes written, or -1 when the writes stopped for
    // another reason.
    int64_t fill() {
        const auto filler = m_path / ".filler";
        const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) return -1;
        std::vector<char> block(1 << 20, 'F');
        int64_t written = 0;
        for (std::size_t chunk : {std::size_t(1) << 20, std::size_t(4096), std::size_t(1)}) {
            while (true) {
                const ssize_t n = ::write(fd, block.data(), chunk);
                if (n > 0) {
                    written += n;
                    continue;
                }
                if (n < 0 && errno != ENOSPC) {
                    ::close(fd);
                    return -1;
                }
                break;
            }
        }
        ::fsync(fd);
        ::close(fd);
        return written;
    }
    // Removes the filler: the disk has room again.
    void unfill() {
        std::error_code ec;
        std::filesystem::remove(m_path / ".filler", ec);
    }

private:
    std::filesystem::path m_path;
    bool m_mounted = false;
    std::string m_reason;
};

// The temporary files and folders AtomicFile and the Hugging Face export leave (util/fs.h names
// them `*.smolify-tmp-PID-XXXXXX`) directly in `dir`.
inline std::vector<std::filesystem::path> temporaries_in(const std::filesystem::path &dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        if (it->path().filename().string().find(".smolify-tmp-") != std::string::npos)
            out.push_back(it->path());
    return out;
}

}  // namespace smolify::test
