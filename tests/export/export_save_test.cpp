// trust.md "disk full" and "kill during save" for the export: `smolify-cli export PROJECT --quant Q
// --out DIR/m.gguf --hf DIR/hf` writes the GGUF, its model card (README.md) and Ollama Modelfile, and
// a Hugging Face folder (model.safetensors, config and tokenizer files, its own README.md).
//
// Disk full, on a real full disk (a tmpfs the test mounts; skipped, saying why, where it cannot):
// the export fails with a message that says the disk is full; the files of the previous export are
// byte-identical, a new name gets no file at all, no temporary file or folder is left.
//
// Kill during save: the export is SIGKILLed at many byte offsets over all of its files and just
// before each of its renames (the test hooks SMOLIFY_TEST_KILL_AFTER_BYTES and
// SMOLIFY_TEST_KILL_AT_RENAME, util/fs.h), each time over the previous export. Every file is then
// the previous one or the new one, whole; the Hugging Face folder is the previous folder or the new
// one, never a mix; a model card describes the GGUF beside it, except after a kill between the
// GGUF's rename and the card's, when the card still names the previous GGUF's sha256 (so the
// mismatch shows). The next export leaves every new file and no temporary.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <csignal>
#include <map>

#include "export/hf_export.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/tmpfs.h"
#include "train/train_util.h"
#include "util/fs.h"

using namespace smolify;
namespace fs = std::filesystem;

namespace {

constexpr const char *kHfFiles[] = {"model.safetensors",
                                    "config.json",
                                    "tokenizer.model",
                                    "tokenizer_config.json",
                                    "special_tokens_map.json",
                                    "generation_config.json",
                                    "README.md"};

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

std::string sha256_of(const std::string &bytes) {
    unsigned char md[32];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
    static const char *kHex = "0123456789abcdef";
    std::string s;
    for (unsigned i = 0; i < len; ++i) {
        s += kHex[md[i] >> 4];
        s += kHex[md[i] & 15];
    }
    return s;
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

TEST(ExportSaveKill, KilledAtManyPointsLeavesEachFileOldOrNewAndTheFolderWhole) {
    test::TempDir dir;
    const fs::path project_path = dir / "p.smolify";
    auto project = trained_project(project_path, 7);
    ASSERT_TRUE(project);
    // The previous export (run 1, q8_0), then the new one it is replaced by (run 2, f16), each once
    // whole for reference.
    auto old_run = test::run_process(export_args(project_path, dir / "old", "q8_0"), dir.path());
    ASSERT_EQ(old_run.exit_code, 0) << old_run.err;
    {
        auto p = test::tiny_train_params();
        p.max_steps = 10;
        p.seed = 8;
        auto r = train::train(*project, p);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    project.reset();
    auto new_run = test::run_process(export_args(project_path, dir / "new", "f16"), dir.path());
    ASSERT_EQ(new_run.exit_code, 0) << new_run.err;
    const Snapshot olds = snapshot(dir / "old"), news = snapshot(dir / "new");
    ASSERT_EQ(olds.size(), 10u);
    ASSERT_EQ(news.size(), 10u);
    for (const char *f : {"m.gguf", "README.md", "hf/model.safetensors", "hf/README.md"})
        ASSERT_NE(olds.at(f), news.at(f)) << f;

    // The bytes the export writes, file by file, in its order.
    std::vector<std::pair<std::string, int64_t>> order = {{"m.gguf", 0}, {"README.md", 0}, {"Modelfile", 0}};
    for (const char *f : kHfFiles)
        order.emplace_back(std::string("hf/") + f, 0);
    int64_t total = 0;
    std::vector<int64_t> kill_at = {0, 1};
    for (auto &[name, size] : order) {
        size = static_cast<int64_t>(news.at(name).size());
        kill_at.push_back(total + size / 2);
        kill_at.push_back(total + size - 1);
        kill_at.push_back(total + size);  // killed as the next file opens, this one committed
        total += size;
    }
    kill_at.pop_back();  // the end of the last file is no kill

    // Kill points: after k bytes, and (every byte written) just before the n-th rename into place:
    // the GGUF, README.md, Modelfile, the folder's seven files into its temporary folder, the swap.
    std::vector<std::string> kills;
    for (int64_t k : kill_at)
        kills.push_back("SMOLIFY_TEST_KILL_AFTER_BYTES=" + std::to_string(k));
    for (int n = 1; n <= 3 + 7 + 1; ++n)
        kills.push_back("SMOLIFY_TEST_KILL_AT_RENAME=" + std::to_string(n));

    const fs::path out = dir / "out";
    int windows = 0;
    for (const std::string &hook : kills) {
        SCOPED_TRACE(hook + " (the new export writes " + std::to_string(total) + " bytes)");
        std::error_code ec;
        fs::remove_all(out, ec);
        fs::copy(dir / "old", out, fs::copy_options::recursive);
        auto r = test::run_process(export_args(project_path, out, "f16"), dir.path(), {hook});
        ASSERT_EQ(r.signal, SIGKILL) << r.out << r.err;

        Snapshot now = snapshot(out);
        for (auto it = now.begin(); it != now.end();)  // inside a killed writer's temporary folder
            it = it->first.find(".smolify-tmp-") != std::string::npos ? now.erase(it) : std::next(it);
        std::map<std::string, bool> is_new;
        for (const auto &[name, size] : order) {
            ASSERT_TRUE(now.count(name)) << name << " is missing";
            const std::string &bytes = now.at(name);
            EXPECT_TRUE(bytes == olds.at(name) || bytes == news.at(name))
                << name << " is neither old nor new";
            is_new[name] = bytes == news.at(name) && bytes != olds.at(name);
        }
        EXPECT_EQ(now.size(), order.size()) << "only the export's own files (and a temporary)";
        // The folder is old or new as a whole.
        const bool hf_new = is_new["hf/model.safetensors"];
        for (const char *f : kHfFiles) {
            if (olds.at(std::string("hf/") + f) != news.at(std::string("hf/") + f)) {
                EXPECT_EQ(is_new[std::string("hf/") + f], hf_new) << "the folder mixes old and new: " << f;
            }
        }
        // The card describes the GGUF beside it, or (killed between the two renames) names the
        // previous GGUF's hash, not this one's.
        const std::string gguf_sha = sha256_of(now.at("m.gguf"));
        if (is_new["README.md"]) {
            EXPECT_TRUE(is_new["m.gguf"]) << "a new card beside an old GGUF";
        }
        if (is_new["m.gguf"] && !is_new["README.md"]) {
            ++windows;
            EXPECT_EQ(now.at("README.md").find(gguf_sha), std::string::npos);
        } else {
            EXPECT_NE(now.at("README.md").find(gguf_sha), std::string::npos) << "the card names another GGUF";
        }
        // At most the killed writer's temporary, beside the files or beside the folder.
        EXPECT_LE(test::temporaries_in(out).size() + test::temporaries_in(out / "hf").size(), 1u);
    }
    EXPECT_GE(windows, 1) << "no kill landed between the GGUF and its card";

    // The next export over what the last kill left: every file new, no temporary anywhere.
    auto last = test::run_process(export_args(project_path, out, "f16"), dir.path());
    ASSERT_EQ(last.exit_code, 0) << last.err;
    EXPECT_EQ(snapshot(out), news);
    EXPECT_TRUE(test::temporaries_in(out).empty());
}
