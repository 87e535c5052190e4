// A fresh temporary folder per test, removed afterwards (kept when SMOLIFY_KEEP_TEST_FILES is set,
// for looking at what a failing test left behind).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace smolify::test {

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "smolify-test-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::abort();  // the test machine itself is broken
        m_path = tmpl;
    }
    ~TempDir() {
        if (!std::getenv("SMOLIFY_KEEP_TEST_FILES")) {
            std::error_code ec;
            std::filesystem::remove_all(m_path, ec);
        }
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

}  // namespace smolify::test
