// UTF-8 validation, hashing, text helpers and AtomicFile (the crash-safe write every saved file uses).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <tuple>

#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"
#include "util/fs.h"
#include "util/text.h"

using namespace smolify;
namespace fs = std::filesystem;

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(utf8_valid(""));
    EXPECT_TRUE(utf8_valid("plain ascii\n"));
    EXPECT_TRUE(utf8_valid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\xA5"));  // é € 🔥
    EXPECT_TRUE(utf8_valid("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
}

TEST(Utf8, RejectsMalformedText) {
    EXPECT_FALSE(utf8_valid("\xC3"));              // truncated
    EXPECT_FALSE(utf8_valid("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(utf8_valid("\xE0\x80\xAF"));      // overlong, 3 bytes
    EXPECT_FALSE(utf8_valid("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(utf8_valid("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(utf8_valid("\xFF"));
    EXPECT_FALSE(utf8_valid("ok \x80 continuation without lead"));
    EXPECT_FALSE(utf8_valid("\xE2\x82"));          // € cut short
}

TEST(Hash, Sha256KnownVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_raw("abc").size(), 32u);
}

TEST(Hash, SampleHashSeparatesInputFromOutput) {
    EXPECT_NE(sample_content_hash("ab", "c"), sample_content_hash("a", "bc"));
    EXPECT_EQ(sample_content_hash("a", "b"), sample_content_hash("a", "b"));
    EXPECT_EQ(sample_content_hash("a", "b").size(), 64u);
}

TEST(Text, TrimEllipsizeAndTimes) {
    EXPECT_EQ(trim("  a b \n\t"), "a b");
    EXPECT_EQ(trim(" \n "), "");
    EXPECT_EQ(ellipsize("short", 10), "short");
    EXPECT_EQ(ellipsize("abcdef", 3), "abc\xE2\x80\xA6");
    // Never cuts inside a multi-byte character: "é" is 2 bytes at offset 2.
    EXPECT_EQ(ellipsize("ab\xC3\xA9z", 3), "ab\xE2\x80\xA6");
    EXPECT_EQ(format_utc(0), "1970-01-01 00:00:00");
    EXPECT_EQ(format_iso8601(1795000000), "2026-11-18T11:06:40Z");
}

TEST(AtomicFileTest, CommitReplacesAndLeavesNoTemporaryFile) {
    test::TempDir dir;
    const fs::path target = dir / "out.txt";
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("first").ok());
        ASSERT_TRUE(f.commit().ok());
    }
    EXPECT_EQ(test::slurp(target), "first");
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("second, longer").ok());
        EXPECT_EQ(test::slurp(target), "first") << "the old file stays until commit";
        ASSERT_TRUE(f.commit().ok());
    }
    EXPECT_EQ(test::slurp(target), "second, longer");
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1) << "no temporary file left behind";
}

// Exports are read by other programs (Ollama runs as its own user): a new file is rw-r--r--, not
// mkstemp's 0600, and a replaced file keeps the mode it had.
TEST(AtomicFileTest, NewFileIsWorldReadableAndReplacedFileKeepsItsMode) {
    test::TempDir dir;
    const fs::path target = dir / "model.gguf";
    auto mode_of = [](const fs::path &p) {
        struct stat st {};
        return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0u;
    };
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("gguf").ok());
        ASSERT_TRUE(f.commit().ok());
    }
    EXPECT_EQ(mode_of(target), 0644u);
    ASSERT_EQ(::chmod(target.c_str(), 0640), 0);
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("gguf v2").ok());
        ASSERT_TRUE(f.commit().ok());
    }
    EXPECT_EQ(mode_of(target), 0640u);
}

TEST(AtomicFileTest, DiscardKeepsTheOldFile) {
    test::TempDir dir;
    const fs::path target = dir / "out.txt";
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("old").ok());
        ASSERT_TRUE(f.commit().ok());
    }
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("half-written").ok());
    }  // destroyed without commit, as when an export is cancelled
    EXPECT_EQ(test::slurp(target), "old");
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1);
}

TEST(AtomicFileTest, OpenInMissingFolderIsAUserError) {
    test::TempDir dir;
    AtomicFile f;
    Status st = f.open(dir / "no" / "such" / "folder.txt");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::user);
}

// A write that fails part-way (here: the file-size limit, standing in for a full disk) reports a
// clear error and leaves the previous file untouched. Run in a child so the limit does not leak.
TEST(AtomicFileTest, FailedWriteLeavesTheOldFileUnchanged) {
    test::TempDir dir;
    const fs::path target = dir / "model.bin";
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write("the previous, complete file").ok());
        ASSERT_TRUE(f.commit().ok());
    }
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim {64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &lim);
        AtomicFile f;
        if (!f.open(target).ok()) ::_exit(10);
        std::string chunk(16 * 1024, 'x');
        Status st;
        for (int i = 0; i < 64 && st.ok(); ++i) st = f.write(chunk);
        if (st.ok()) st = f.commit();
        if (st.ok()) ::_exit(11);  // must have failed
        if (st.error().message.find("previous file is unchanged") == std::string::npos) ::_exit(12);
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "10: open failed, 11: no error reported, 12: unclear message";
    EXPECT_EQ(test::slurp(target), "the previous, complete file");
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1) << "the temporary file is removed";
}

// trust.md "disk full", on a real full disk: a tmpfs the test mounts and fills. The write fails with
// a message that says the disk is full (Error::disk_full), the old file is byte-identical, the
// temporary file is gone; with the filler removed the same write succeeds.
TEST(AtomicFileTest, FullDiskFailsClearlyAndKeepsTheOldFile) {
    test::TempDir dir;
    test::Tmpfs disk(dir / "disk", 1 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    const fs::path target = disk / "model.bin";
    const std::string old(100 * 1024, 'o');
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(target).ok());
        ASSERT_TRUE(f.write(old).ok());
        ASSERT_TRUE(f.commit().ok());
    }
    ASSERT_GT(disk.fill(), 0);
    const std::string next(300 * 1024, 'n');
    Status st;
    {
        AtomicFile f;
        st = f.open(target);
        if (st.ok()) st = f.write(next);
        if (st.ok()) st = f.commit();
    }
    ASSERT_FALSE(st.ok()) << "the write on a full disk must fail";
    EXPECT_EQ(st.error().kind, ErrorKind::user);
    EXPECT_TRUE(st.error().disk_full);
    EXPECT_NE(st.error().message.find("the disk is full"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("the previous file is unchanged"), std::string::npos)
        << st.error().message;
    EXPECT_EQ(test::slurp(target), old);
    EXPECT_TRUE(test::temporaries_in(disk.path()).empty());

    disk.unfill();
    AtomicFile f;
    ASSERT_TRUE(f.open(target).ok());
    ASSERT_TRUE(f.write(next).ok());
    ASSERT_TRUE(f.commit().ok());
    EXPECT_EQ(test::slurp(target), next);
}

TEST(AtomicFileTest, TemporaryNamesCarryTheirWriter) {
    EXPECT_EQ(temporary_owner("model.gguf.smolify-tmp-4242-aB3xY9"), 4242);
    EXPECT_EQ(temporary_owner(".hf.smolify-tmp-7-000000"), 7);
    EXPECT_EQ(temporary_owner("model.gguf"), 0);
    EXPECT_EQ(temporary_owner("notes.tmp-2023-draft1"), 0);        // not ours
    EXPECT_EQ(temporary_owner("a.smolify-tmp-12-abc"), 0);         // the suffix is six characters
    EXPECT_EQ(temporary_owner("a.smolify-tmp-12-abcdef.txt"), 0);  // and ends the name
    EXPECT_EQ(temporary_owner("a.smolify-tmp--abcdef"), 0);        // no process id
    EXPECT_EQ(temporary_owner("a.smolify-tmp-1x-abcdef"), 0);
    const std::string infix = temporary_infix();
    EXPECT_EQ(infix, ".smolify-tmp-" + std::to_string(::getpid()) + "-XXXXXX");
}

namespace {
// The writes of AtomicFileKill.ChildWrites: "a.bin" replaced by 40 bytes in 7-byte pieces, then
// "b.bin" by 24 in 5-byte pieces.
std::string new_a() {
    return std::string(40, 'A');
}
std::string new_b() {
    return std::string(24, 'B');
}
}  // namespace

// The half that gets killed: runs only when AtomicFileKill.KilledAtEveryByteLeavesOldOrNewAndNoTemporary
// starts it, with SMOLIFY_TEST_KILL_AFTER_BYTES set.
TEST(AtomicFileKill, ChildWrites) {
    const char *dir = std::getenv("SMOLIFY_ATOMIC_KILL_DIR");
    if (!dir) GTEST_SKIP() << "started only by AtomicFileKill.KilledAtEveryByteLeavesOldOrNewAndNoTemporary";
    for (const auto &[name, text, piece] :
         {std::tuple{"a.bin", new_a(), std::size_t(7)}, std::tuple{"b.bin", new_b(), std::size_t(5)}}) {
        AtomicFile f;
        ASSERT_TRUE(f.open(fs::path(dir) / name).ok());
        for (std::size_t i = 0; i < text.size(); i += piece)
            ASSERT_TRUE(f.write(std::string_view(text).substr(i, piece)).ok());
        ASSERT_TRUE(f.commit().ok());
    }
}

// trust.md "kill during save" for the writer every saved file goes through: a child writing two
// files is SIGKILLed at every byte (the test hook SMOLIFY_TEST_KILL_AFTER_BYTES, util/fs.h). After
// each kill both targets are the old file or the new one, whole; the killed writer's temporary file
// holds exactly the bytes written before the kill, is never the target, and the next AtomicFile in the
// folder removes it. The same for a kill just before each rename, with the temporary file complete.
TEST(AtomicFileKill, KilledAtEveryByteLeavesOldOrNewAndNoTemporary) {
    test::TempDir dir;
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    const std::size_t total = new_a().size() + new_b().size();
    for (std::size_t k = 0; k <= total; ++k) {
        SCOPED_TRACE("killed after " + std::to_string(k) + " bytes");
        { std::ofstream(dir / "a.bin") << "old a"; }
        { std::ofstream(dir / "b.bin") << "old b"; }
        auto r = test::run_process({self, "--gtest_filter=AtomicFileKill.ChildWrites"}, dir.path(),
                                   {"SMOLIFY_ATOMIC_KILL_DIR=" + dir.path().string(),
                                    "SMOLIFY_TEST_KILL_AFTER_BYTES=" + std::to_string(k)});
        const bool killed = r.signal == SIGKILL;
        EXPECT_EQ(killed, k < total) << r.out << r.err;
        const std::string a = test::slurp(dir / "a.bin"), b = test::slurp(dir / "b.bin");
        EXPECT_EQ(a, k < new_a().size() ? "old a" : new_a());
        EXPECT_EQ(b, k < total ? "old b" : new_b());
        auto temps = test::temporaries_in(dir.path());
        if (killed) {
            ASSERT_EQ(temps.size(), 1u);
            const std::size_t in_file = k < new_a().size() ? k : k - new_a().size();
            EXPECT_EQ(test::slurp(temps[0]).size(), in_file);
            EXPECT_GT(temporary_owner(temps[0].filename().string()), 0);
            // The next writer in the folder clears what the dead one left.
            AtomicFile f;
            ASSERT_TRUE(f.open(dir / "c.bin").ok());
            f.discard();
        }
        EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
    }
    // Every byte written, killed just before a rename (SMOLIFY_TEST_KILL_AT_RENAME): the complete
    // temporary file is still no target.
    for (int n = 1; n <= 3; ++n) {
        SCOPED_TRACE("killed before rename " + std::to_string(n));
        { std::ofstream(dir / "a.bin") << "old a"; }
        { std::ofstream(dir / "b.bin") << "old b"; }
        auto r = test::run_process({self, "--gtest_filter=AtomicFileKill.ChildWrites"}, dir.path(),
                                   {"SMOLIFY_ATOMIC_KILL_DIR=" + dir.path().string(),
                                    "SMOLIFY_TEST_KILL_AT_RENAME=" + std::to_string(n)});
        EXPECT_EQ(r.signal == SIGKILL, n <= 2) << r.out << r.err;
        EXPECT_EQ(test::slurp(dir / "a.bin"), n == 1 ? "old a" : new_a());
        EXPECT_EQ(test::slurp(dir / "b.bin"), n <= 2 ? "old b" : new_b());
        auto temps = test::temporaries_in(dir.path());
        ASSERT_EQ(temps.size(), n <= 2 ? 1u : 0u);
        if (n <= 2) {
            EXPECT_EQ(test::slurp(temps[0]), n == 1 ? new_a() : new_b());
        }
        AtomicFile f;
        ASSERT_TRUE(f.open(dir / "c.bin").ok());
        f.discard();
        EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
    }
}

// A temporary file of a writer that is still running is not touched.
TEST(AtomicFileKill, LiveWritersTemporaryIsKept) {
    test::TempDir dir;
    const fs::path live = dir / ("x.bin.smolify-tmp-" + std::to_string(::getppid()) + "-abcdef");
    const fs::path mine = dir / ("y.bin.smolify-tmp-" + std::to_string(::getpid()) + "-abcdef");
    { std::ofstream(live) << "in progress"; }
    { std::ofstream(mine) << "mine"; }
    AtomicFile f;
    ASSERT_TRUE(f.open(dir / "z.bin").ok());
    f.discard();
    EXPECT_TRUE(fs::exists(live));
    EXPECT_TRUE(fs::exists(mine));
}

TEST(ReadFile, RefusesFilesOverTheLimit) {
    test::TempDir dir;
    {
        AtomicFile f;
        ASSERT_TRUE(f.open(dir / "big.txt").ok());
        ASSERT_TRUE(f.write(std::string(1000, 'a')).ok());
        ASSERT_TRUE(f.commit().ok());
    }
    auto ok = read_file(dir / "big.txt", 1000);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->size(), 1000u);
    auto big = read_file(dir / "big.txt", 999);
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("limit"), std::string::npos);
    EXPECT_FALSE(read_file(dir / "missing.txt", 10).ok());
}
