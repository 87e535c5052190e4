// trust.md "disk full" for the project store, on a real full disk (a tmpfs the test mounts): a
// write that cannot land is a user error that says the disk is full (Error::disk_full), what was
// committed before stays, and once space is freed the same project takes the write and passes its
// integrity check on the next open.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"

namespace smolify {
namespace {

namespace fs = std::filesystem;

std::vector<store::NewSample> samples(int from, int n, std::size_t bytes) {
    std::vector<store::NewSample> out;
    for (int i = from; i < from + n; ++i) {
        store::NewSample s;
        s.input = "dictation " + std::to_string(i) + ": " + std::string(bytes, 'x');
        s.output = "note " + std::to_string(i);
        s.status = store::SampleStatus::approved;
        out.push_back(s);
    }
    return out;
}

TEST(StoreDiskFull, FullDiskIsAClearUserErrorAndTheProjectRecovers) {
    test::TempDir dir;
    test::Tmpfs disk(dir / "disk", 4 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    const fs::path path = disk / "p.smolify";
    {
        store::CreateParams cp;
        cp.intent = "Turn dictations into notes";
        auto p = store::Project::create(path, cp);
        ASSERT_TRUE(p.ok()) << p.error().message;
        auto first = samples(0, 50, 200);
        ASSERT_TRUE((*p)->insert_samples(first).ok());

        ASSERT_GT(disk.fill(), 0);
        auto more = samples(1000, 2000, 1024);  // about 2 MiB: more than any page the WAL has spare
        auto r = (*p)->insert_samples(more);
        ASSERT_FALSE(r.ok()) << "an insert on a full disk must fail";
        EXPECT_EQ(r.error().kind, ErrorKind::user);
        EXPECT_TRUE(r.error().disk_full);
        EXPECT_NE(r.error().message.find("the disk is full"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("free some space"), std::string::npos) << r.error().message;
        auto c = (*p)->counts();
        ASSERT_TRUE(c.ok()) << c.error().message;
        EXPECT_EQ(c->total, 50) << "the failed batch left nothing, the committed one is whole";

        disk.unfill();
        auto again = (*p)->insert_samples(more);
        ASSERT_TRUE(again.ok()) << again.error().message;
    }
    auto reopened = store::Project::open(path);  // runs the integrity check
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    auto c = (*reopened)->counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->total, 2050);
    EXPECT_EQ((*reopened)->db().query_text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace smolify
