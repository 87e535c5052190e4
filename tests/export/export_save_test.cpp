// trust.md "disk full" for the export: `smolify-cli export PROJECT --quant Q
// --out DIR/m.gguf --hf DIR/hf` writes the GGUF, its model card (README.md) and Ollama Modelfile, and
// a Hugging Face folder (model.safetensors, config and tokenizer files, its own README.md).
//
// Disk full, on a real full disk (a tmpfs the test mounts; skipped, saying why, where it cannot):
// the export fails with a message that says the disk is full; the files of the previous export are
// byte-identical, a new name gets no file at all, no temporary file or folder is left.
#include <gtest/gtest.h>

#include <csignal>
#include <map>

#include "export/hf_export.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"
#include "train/train_util.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

// Every regular file under `dir` by its path relative to it, with its bytes.
using Snapshot = std::map<std::string, std::string>;
Snapshot snapshot(const fs::path &dir) {
    Snapshot out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file()) out[fs::relative(it->path(), dir).string()] = test::slurp(it->path());
    return out;
}

std::vector<std::string> export_args(const fs::path &project, const fs::path &out, const char *quant) {
    return {SMOLIFY_CLI_PATH,          "export", project.string(),     "--quant", quant, "--out",
            (out / "m.gguf").string(), "--hf",   (out / "hf").string()};
}

std::unique_ptr<store::Project> trained_project(const fs::path &path, uint64_t seed) {
    auto project = test::make_training_project(path, 40);
    if (!project) return nullptr;
    auto p = test::tiny_train_params();
    p.max_steps = 10;
    p.seed = seed;
    auto r = train::train(*project, p);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(project) : nullptr;
}

}  // namespace

TEST(ExportDiskFull, FullDiskKeepsThePreviousFilesOrWritesNoneAndSaysSo) {
    test::TempDir dir;
    const fs::path project_path = dir / "p.smolify";
    ASSERT_TRUE(trained_project(project_path, 7));
    test::Tmpfs disk(dir / "out", 16 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
    auto first = test::run_process(export_args(project_path, disk.path(), "q8_0"), dir.path());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const Snapshot old = snapshot(disk.path());
    ASSERT_EQ(old.size(), 3u + 7u);

    ASSERT_GT(disk.fill(), 0);
    // The same names, a larger type: the GGUF cannot be written.
    auto full = test::run_process(export_args(project_path, disk.path(), "f32"), dir.path());
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_NE(full.err.find("the disk is full"), std::string::npos) << full.err;
    EXPECT_NE(full.err.find("the previous file is unchanged"), std::string::npos) << full.err;
    Snapshot now = snapshot(disk.path());
    now.erase(".filler");
    EXPECT_EQ(now, old) << "the previous export is byte-identical";
    EXPECT_TRUE(test::temporaries_in(disk.path()).empty());
    EXPECT_TRUE(test::temporaries_in(disk / "hf").empty());

    // A new name: no file at all.
    auto fresh = test::run_process({SMOLIFY_CLI_PATH, "export", project_path.string(), "--quant", "q8_0",
                                    "--out", (disk / "other.gguf").string()},
                                   dir.path());
    EXPECT_EQ(fresh.exit_code, 1) << fresh.err;
    EXPECT_NE(fresh.err.find("the disk is full"), std::string::npos) << fresh.err;
    EXPECT_FALSE(fs::exists(disk / "other.gguf"));
    EXPECT_TRUE(test::temporaries_in(disk.path()).empty());

    // The Hugging Face folder alone: the previous folder stays whole.
    {
        auto project = store::Project::open(project_path);
        ASSERT_TRUE(project.ok()) << project.error().message;
        auto hf = hf::export_project_hf(**project, disk / "hf", {});
        ASSERT_FALSE(hf.ok());
        EXPECT_TRUE(hf.error().disk_full) << hf.error().message;
        EXPECT_NE(hf.error().message.find("the disk is full"), std::string::npos) << hf.error().message;
    }
    now = snapshot(disk.path());
    now.erase(".filler");
    EXPECT_EQ(now, old);
    EXPECT_TRUE(test::temporaries_in(disk.path()).empty());

    disk.unfill();
    auto again = test::run_process(export_args(project_path, disk.path(), "f32"), dir.path());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(snapshot(disk.path()).at("m.gguf"), old.at("m.gguf"));
}
