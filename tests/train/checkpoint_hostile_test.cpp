// The checkpoint reader against hostile files: bad magic and version, a non-zero reserved field,
// absurd header lengths and parameter counts, header JSON that is broken, not an object, nested too
// deep, has duplicate keys or fields of the wrong type, a model config with zero or overflowing
// dimensions, a size that disagrees with the header, truncation at many offsets and a damaged
// checksum. Each gets its own user error (asserted on the message), nothing crashes, and a counting
// operator new fails the test on any single allocation larger than the file while reading the info.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/alloc_watch.h"
#include "support/temp_dir.h"
#include "train/checkpoint.h"
#include "util/fs.h"

using namespace smolify;
using namespace smolify::train;
namespace fs = std::filesystem;

namespace {

model::Config small_config() {
    model::Config c;
    c.vocab = 40;
    c.dim = 32;
    c.layers = 1;
    c.heads = 2;
    c.kv_heads = 1;
    c.ffn = 32;
    c.max_seq = 16;
    return c;
}

nlohmann::json small_header() {
    return {{"format", "smolify-checkpoint"},
            {"run_id", 1},
            {"step", 3},
            {"seed", 7},
            {"model", small_config().to_json()},
            {"system_prompt", "Task: x"},
            {"train_ids", {1, 2, 3}},
            {"epoch_plan", nlohmann::json::array({nlohmann::json::array({0, 1})})},
            {"best_val_loss", nullptr}};
}

struct Fixture {
    test::TempDir dir;
    std::string good;  // a valid file's bytes (with moments)
    uint64_t n = 0;
    Fixture() {
        n = uint64_t(small_config().parameter_count());
        std::vector<float> p(n, 0.5f), m(n, 0.1f), v(n, 0.2f);
        auto w = write_checkpoint(dir / "good.ckpt", small_header(), p, m, v);
        EXPECT_TRUE(w.ok());
        auto bytes = read_file(dir / "good.ckpt", 1 << 24);
        EXPECT_TRUE(bytes.ok());
        if (bytes.ok()) good = *bytes;
    }
};
Fixture &fixture() {
    static Fixture f;
    return f;
}

void put_u32(std::string &s, std::size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        s[at + std::size_t(i)] = char(v >> (8 * i));
}
void put_u64(std::string &s, std::size_t at, uint64_t v) {
    for (int i = 0; i < 8; ++i)
        s[at + std::size_t(i)] = char(v >> (8 * i));
}

// A file with `header` as its JSON, n floats in 1 or 3 arrays, and a (not necessarily valid) trailer.
std::string build(const std::string &header, uint64_t n, int arrays) {
    std::string s = "SMOLCKPT";
    s += std::string(24, '\0');
    put_u32(s, 8, kCheckpointVersion);
    put_u64(s, 16, header.size());
    put_u64(s, 24, n);
    s += header;
    s.resize((s.size() + 63) / 64 * 64, '\0');
    s += std::string(std::size_t(n) * 4 * std::size_t(arrays), '\0');
    s += std::string(32, '\0');
    return s;
}

Result<CheckpointInfo> info_watched(const std::string &bytes, std::size_t &largest,
                                    const char *name = "x.ckpt") {
    const fs::path path = fixture().dir / name;
    {
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        f.write(bytes.data(), std::streamsize(bytes.size()));
    }
    test::alloc_watch_begin();
    auto r = read_checkpoint_info(path);
    largest = test::alloc_watch_end();
    return r;
}

void expect_refused(const std::string &bytes, const std::string &needle) {
    SCOPED_TRACE(needle);
    std::size_t largest = 0;
    auto r = info_watched(bytes, largest);
    ASSERT_FALSE(r.ok()) << "accepted a file that should fail with: " << needle;
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("x.ckpt"), std::string::npos) << r.error().message;
    EXPECT_LE(largest, bytes.size() + 4096) << "allocation of " << largest << " bytes";
}

std::string with_header(const nlohmann::json &h, int arrays = 1) {
    return build(h.dump(), uint64_t(small_config().parameter_count()), arrays);
}

}  // namespace

TEST(CheckpointHostile, ValidFileReadsAndVerifies) {
    Fixture &f = fixture();
    std::size_t largest = 0;
    auto info = info_watched(f.good, largest, "ok.ckpt");
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_TRUE(info->has_moments);
    EXPECT_EQ(info->n, f.n);
    std::vector<float> p(f.n), m(f.n), v(f.n);
    ASSERT_TRUE(read_checkpoint_data(f.dir / "ok.ckpt", *info, p, m, v).ok());
    EXPECT_EQ(p[0], 0.5f);
    EXPECT_EQ(v[f.n - 1], 0.2f);
}

TEST(CheckpointHostile, MagicVersionReservedAndLengths) {
    const std::string good = fixture().good;
    std::string s = good;
    s[0] = 'X';
    expect_refused(s, "not a Smolify checkpoint (wrong magic)");
    s = good;
    put_u32(s, 8, 2);
    expect_refused(s, "format version 2 is not supported");
    s = good;
    put_u32(s, 8, 0xffffffffu);
    expect_refused(s, "format version 4294967295 is not supported");
    s = good;
    put_u32(s, 12, 9);
    expect_refused(s, "the reserved header field is 9, not 0");
    s = good;
    put_u64(s, 16, ~uint64_t(0));
    expect_refused(s, "more than the limit");
    s = good;
    put_u64(s, 16, uint64_t(1) << 40);
    expect_refused(s, "more than the limit");
    s = good;
    put_u64(s, 16, good.size());
    expect_refused(s, "it is truncated");
    s = good;
    put_u64(s, 24, ~uint64_t(0));
    expect_refused(s, "parameters but its configuration needs");
    s = good;
    put_u64(s, 24, fixture().n + 1);
    expect_refused(s, "parameters but its configuration needs");
    expect_refused("SMOLCK", "the file is truncated (6 bytes)");
    expect_refused("", "the file is truncated (0 bytes)");
    expect_refused(good + "xx", "the file has 2 extra bytes");
}

TEST(CheckpointHostile, HeaderJson) {
    const uint64_t n = uint64_t(small_config().parameter_count());
    expect_refused(build("{\"model\":", n, 1), "the header is not valid JSON");
    expect_refused(build("[1,2,3]", n, 1), "the header is not a JSON object");
    expect_refused(build("\"text\"", n, 1), "the header is not a JSON object");
    expect_refused(build("{\"model\":{}} {}", n, 1), "the header is not valid JSON");
    expect_refused(build("{\"a\":\"\xff\xfe\"}", n, 1), "the header is not valid JSON");
    expect_refused(build(std::string(40, '[') + std::string(40, ']'), n, 1), "nests more than 16 levels");
    const std::string model = small_config().to_json().dump();
    expect_refused(build("{\"model\":" + model + ",\"model\":" + model + "}", n, 1),
                   "the key \"model\" twice in one object");
    expect_refused(build("{\"model\":{\"dim\":32,\"dim\":64}}", n, 1), "the key \"dim\" twice in one object");
    expect_refused(build("{\"step\":1}", n, 1), "the header has no model configuration");
}

TEST(CheckpointHostile, WrongFieldTypes) {
    const std::pair<const char *, nlohmann::json> cases[] = {
        {"run_id", "1"},          {"step", 1.5},
        {"seed", nullptr},        {"params", nlohmann::json::array()},
        {"system_prompt", 42},    {"train_ids", {1, "2"}},
        {"train_ids", 3},         {"epoch_plan", {1, 2}},
        {"best_val_loss", "low"}, {"elapsed_s", "1s"},
        {"has_moments", 1},       {"tokenizer_sha256", {{"a", 1}}},
        {"model", "tiny"},
    };
    for (const auto &[key, value] : cases) {
        nlohmann::json h = small_header();
        h[key] = value;
        expect_refused(with_header(h), std::string("the header field \"") + key + "\" is not");
    }
}

TEST(CheckpointHostile, ModelConfigDimensions) {
    const std::pair<const char *, nlohmann::json> cases[] = {
        {"dim", 0},    {"dim", -32},         {"dim", 33}, {"layers", 0},      {"vocab", 1},
        {"heads", 0},  {"kv_heads", 3},      {"ffn", 0},  {"dim", 1ll << 40}, {"max_seq", 0},
        {"dim", "32"}, {"rope_theta", -1.0}, {"tied", 1},
    };
    for (const auto &[key, value] : cases) {
        nlohmann::json h = small_header();
        h["model"][key] = value;
        expect_refused(with_header(h), "bad model configuration");
    }
    // A config whose parameter count the file cannot hold: refused before anything is allocated.
    nlohmann::json h = small_header();
    h["model"]["dim"] = 16384;
    h["model"]["layers"] = 256;
    h["model"]["ffn"] = 65536;
    h["model"]["heads"] = 128;
    h["model"]["kv_heads"] = 128;
    h["model"]["vocab"] = 1000000;
    model::Config big = small_config();
    big.dim = 16384;
    big.layers = 256;
    big.ffn = 65536;
    big.heads = 128;
    big.kv_heads = 128;
    big.vocab = 1000000;
    std::string s = build(h.dump(), 1, 1);
    put_u64(s, 24, uint64_t(big.parameter_count()));
    expect_refused(s, "the file is too short for its parameters");
}

TEST(CheckpointHostile, TruncatedAtManyOffsetsAndDamaged) {
    const std::string good = fixture().good;
    for (std::size_t cut = 0; cut < good.size(); cut += (cut < 512 ? 1 : 97)) {
        std::size_t largest = 0;
        auto r = info_watched(good.substr(0, cut), largest);
        ASSERT_FALSE(r.ok()) << "cut at " << cut;
        const std::string &m = r.error().message;
        EXPECT_TRUE(m.find("truncated") != std::string::npos ||
                    m.find("not valid JSON") != std::string::npos ||
                    m.find("too short for its parameters") != std::string::npos)
            << "cut at " << cut << ": " << m;
        EXPECT_LE(largest, good.size() + 4096) << "cut at " << cut;
    }
    // A flipped bit in the data passes the info checks and fails the checksum.
    std::string s = good;
    s[s.size() - 100] ^= 1;
    std::size_t largest = 0;
    auto info = info_watched(s, largest, "flip.ckpt");
    ASSERT_TRUE(info.ok()) << info.error().message;
    const uint64_t n = info->n;
    std::vector<float> p(n), m(n), v(n);
    auto st = read_checkpoint_data(fixture().dir / "flip.ckpt", *info, p, m, v);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("damaged (checksum mismatch)"), std::string::npos)
        << st.error().message;
}
