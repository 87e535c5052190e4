// The safetensors reader against hostile files: handcrafted headers with each defect the reader
// checks (absurd or truncated lengths, bad UTF-8 or JSON, duplicate keys, wrong types, unknown dtypes,
// negative, fractional or overflowing dimensions, offsets outside the data, spans that disagree with
// the shape, overlaps, gaps, trailing bytes, non-string metadata), truncation at every byte of a valid
// file and random byte flips. Each defect must give its own message, nothing may crash, and a counting
// operator new fails the test on any single allocation larger than the file (plus a small margin)
// while parsing. Also the writer -> reader round trip.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "export/safetensors.h"
#include "support/alloc_watch.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::safetensors;

namespace {

struct Watched {
    Result<Parsed> parsed;
    std::size_t largest = 0;
};
Watched parse_watched(const std::string &bytes) {
    test::alloc_watch_begin();
    auto r = parse({reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()}, "t.safetensors");
    const std::size_t largest = test::alloc_watch_end();
    return {std::move(r), largest};
}

std::string u64le(uint64_t v) {
    std::string s;
    for (int i = 0; i < 8; ++i) s += char(v >> (8 * i));
    return s;
}

// A file from header text and a data section.
std::string file(const std::string &header, const std::string &data = std::string(16, '\x01')) {
    return u64le(header.size()) + header + data;
}

// Parses and expects a user error containing `needle`, with no allocation beyond the file's size.
void expect_refused(const std::string &bytes, const std::string &needle) {
    SCOPED_TRACE(needle);
    auto w = parse_watched(bytes);
    ASSERT_FALSE(w.parsed.ok()) << "accepted a file that should fail with: " << needle;
    EXPECT_EQ(w.parsed.error().kind, ErrorKind::user);
    EXPECT_NE(w.parsed.error().message.find(needle), std::string::npos) << w.parsed.error().message;
    EXPECT_NE(w.parsed.error().message.find("t.safetensors"), std::string::npos);
    EXPECT_LE(w.largest, bytes.size() + 1024) << "allocation of " << w.largest << " bytes";
}

// A valid two-tensor file: "a" F32 [2,2] then "b" F16 [4].
std::string valid() {
    return file(R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
                R"("b":{"dtype":"F16","shape":[4],"data_offsets":[16,24]}})",
                std::string(24, '\x02'));
}

}  // namespace

TEST(SafetensorsReader, ValidFileParses) {
    const std::string f = valid();
    auto w = parse_watched(f);
    ASSERT_TRUE(w.parsed.ok()) << w.parsed.error().message;
    ASSERT_EQ(w.parsed->tensors.size(), 2u);
    EXPECT_EQ(w.parsed->tensors[0].name, "a");
    EXPECT_EQ(w.parsed->tensors[1].dtype, Dtype::f16);
    EXPECT_EQ(w.parsed->metadata.at("format"), "pt");
    EXPECT_LE(w.largest, f.size() + 1024);
}

TEST(SafetensorsReader, WriterRoundTrip) {
    test::TempDir dir;
    std::vector<float> a = {1.5f, -2.0f, 3.25f, 0.0f, 1e-30f, 65504.0f};
    std::vector<uint16_t> b = {0x3c00, 0xc000, 0x7bff};  // F16 1, -2, 65504
    std::vector<uint16_t> c = {0x3f80, 0x4040};          // BF16 1, 3
    std::vector<WriteTensor> ts = {
        {"x.weight", Dtype::f32, {2, 3}, {reinterpret_cast<const uint8_t *>(a.data()), a.size() * 4}},
        {"y", Dtype::f16, {3}, {reinterpret_cast<const uint8_t *>(b.data()), b.size() * 2}},
        {"z", Dtype::bf16, {1, 2}, {reinterpret_cast<const uint8_t *>(c.data()), c.size() * 2}},
        {"empty", Dtype::f32, {0, 4}, {}},
    };
    WriteParams p;
    p.metadata = {{"format", "pt"}, {"note", "quote \" and \\ and ünïcode"}};
    ASSERT_TRUE(write(dir / "m.safetensors", ts, p).ok());
    auto f = read(dir / "m.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    const Parsed &pr = (*f)->parsed;
    EXPECT_EQ(pr.data_offset % 8, 0u) << "the header is padded to 8 bytes";
    EXPECT_EQ(pr.metadata, p.metadata);
    ASSERT_EQ(pr.tensors.size(), 4u);
    auto x = pr.to_f32(*pr.find("x.weight"));
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(*x, a);
    EXPECT_EQ(pr.find("x.weight")->shape, (std::vector<uint64_t>{2, 3}));
    EXPECT_EQ(*pr.to_f32(*pr.find("y")), (std::vector<float>{1.0f, -2.0f, 65504.0f}));
    EXPECT_EQ(*pr.to_f32(*pr.find("z")), (std::vector<float>{1.0f, 3.0f}));
    EXPECT_EQ(pr.find("empty")->elements(), 0u);
    // The header is the JSON padded with spaces (not zeros) up to the data.
    const std::string header = (*f)->bytes.substr(8, pr.data_offset - 8);
    const auto close = header.rfind('}');
    ASSERT_NE(close, std::string::npos);
    EXPECT_EQ(header.find_first_not_of(' ', close + 1), std::string::npos);

    // Names the writer refuses.
    std::vector<WriteTensor> dup = {ts[0], ts[0]};
    EXPECT_FALSE(write(dir / "d.safetensors", dup).ok());
    std::vector<WriteTensor> wrong = {{"w", Dtype::f32, {5}, ts[0].bytes}};
    EXPECT_FALSE(write(dir / "w.safetensors", wrong).ok());
    EXPECT_FALSE(std::filesystem::exists(dir / "w.safetensors"));
}

TEST(SafetensorsReader, LengthsAndEncoding) {
    expect_refused("", "shorter than the 8-byte header length");
    expect_refused(std::string("\x10\x00\x00", 3), "shorter than the 8-byte header length");
    expect_refused(u64le(uint64_t(1) << 60) + "{}", "more than the limit");
    expect_refused(u64le(~uint64_t(0)) + "{}", "more than the limit");
    expect_refused(u64le(100) + "{}", "it is truncated");
    expect_refused(u64le(0), "not valid JSON");
    expect_refused(file("{\"a\xff\":1}"), "not valid UTF-8");
    expect_refused(file("{\"a\":"), "not valid JSON");
    expect_refused(file("{} trailing"), "not valid JSON");
    expect_refused(file("[1,2]"), "not a JSON object");
    expect_refused(file("42"), "not a JSON object");
}

TEST(SafetensorsReader, DuplicateKeysAndWrongTypes) {
    const std::string t = R"({"dtype":"F32","shape":[4],"data_offsets":[0,16]})";
    expect_refused(file("{\"a\":" + t + ",\"a\":" + t + "}"), "the key \"a\" twice");
    expect_refused(file(R"({"a":{"dtype":"F32","dtype":"F32","shape":[4],"data_offsets":[0,16]}})"),
                   "the field \"dtype\" twice");
    expect_refused(file(R"({"__metadata__":{"k":"1","k":"2"}})", ""), "__metadata__ has the key \"k\" twice");
    expect_refused(file(R"({"__metadata__":{"k":1}})", ""), "__metadata__ value for key \"k\" is not a string");
    expect_refused(file(R"({"__metadata__":["x"]})", ""), "__metadata__ is not an object of strings");
    expect_refused(file(R"({"a":[1,2]})"), "tensor \"a\" is not an object with dtype, shape and data_offsets");
    expect_refused(file(R"({"a":"F32"})"), "tensor \"a\" is not an object");
    expect_refused(file(R"({"":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})"), "a tensor has an empty name");
    expect_refused(file(R"({"a":{"dtype":7,"shape":[4],"data_offsets":[0,16]}})"), "has no dtype string");
    expect_refused(file(R"({"a":{"dtype":"F8_E9","shape":[4],"data_offsets":[0,16]}})"), "unknown dtype \"F8_E9\"");
    expect_refused(file(R"({"a":{"dtype":"F32","shape":4,"data_offsets":[0,16]}})"), "has no shape array");
    expect_refused(file(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"extra":1}})"),
                   "unknown field \"extra\"");
    expect_refused(file(R"({"a":{"dtype":"F32","shape":[4]}})"), "tensor \"a\" has no data_offsets");
    expect_refused(file(R"({"a":{"shape":[4],"data_offsets":[0,16]}})"), "tensor \"a\" has no dtype");
    expect_refused(file(R"({"a":{"dtype":"F32","shape":[[[[[[4]]]]]],"data_offsets":[0,16]}})"),
                   "dimension 0 is not a non-negative integer");
}

TEST(SafetensorsReader, DimensionsAndOffsets) {
    auto one = [](const std::string &dtype, const std::string &shape, const std::string &offsets) {
        return R"({"a":{"dtype":")" + dtype + R"(","shape":)" + shape + R"(,"data_offsets":)" + offsets + "}}";
    };
    expect_refused(file(one("F32", "[-4]", "[0,16]")), "dimension 0 is not a non-negative integer");
    expect_refused(file(one("F32", "[2,1.5]", "[0,16]")), "dimension 1 is not a non-negative integer");
    expect_refused(file(one("F32", "[2,true]", "[0,16]")), "dimension 1 is not a non-negative integer");
    expect_refused(file(one("F32", "[18446744073709551616]", "[0,16]")), "dimension 0 is not a non-negative integer");
    expect_refused(file(one("F32", "[1,1,1,1,1,1,1,1,1]", "[0,4]")), "more than 8 dimensions");
    expect_refused(file(one("F32", "[4294967296,4294967296]", "[0,16]")), "element count overflows");
    expect_refused(file(one("F32", "[4611686018427387904]", "[0,16]")), "byte size overflows");
    // A zero dimension is a valid empty tensor, but then its span must be empty.
    expect_refused(file(one("F32", "[0,4]", "[0,16]")), "span 16 bytes but F32 x 0 elements needs 0");
    expect_refused(file(one("F32", "[4]", "[0,12]")), "span 12 bytes but F32 x 4 elements needs 16");
    expect_refused(file(one("F32", "[4]", "[0,1000]")), "data_offsets end 1000 lies beyond the data section of 16");
    expect_refused(file(one("F32", "[4]", "[0,18446744073709551615]")), "lies beyond the data section");
    expect_refused(file(one("F32", "[0]", "[9,3]")), "data_offsets begin 9 after end 3");
    expect_refused(file(one("F32", "[4]", "[0]")), "data_offsets is not a pair");
    expect_refused(file(one("F32", "[4]", "[0,16,32]")), "data_offsets has more than two entries");
    expect_refused(file(one("F32", "[4]", "[-1,15]")), "data_offsets are not non-negative integers");
    expect_refused(file(one("F32", "[4]", "{\"b\":0}")), "has no data_offsets pair");
    // Misaligned: a tensor that starts in the middle of the one before it, a gap, trailing bytes.
    expect_refused(file(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                        R"("b":{"dtype":"F32","shape":[2],"data_offsets":[10,18]}})",
                        std::string(18, '\0')),
                   "tensors \"a\" and \"b\" overlap");
    expect_refused(file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                        R"("b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}})"),
                   "bytes 8 to 12 of the data section belong to no tensor (a gap before \"b\")");
    expect_refused(file(one("F32", "[2]", "[0,8]")), "8 bytes after the last tensor that belong to no tensor");
    expect_refused(file(one("F32", "[2]", "[4,12]")), "bytes 0 to 4");
}

TEST(SafetensorsReader, TruncationAtEveryByteAndFlips) {
    const std::string full = valid();
    ASSERT_TRUE(parse_watched(full).parsed.ok());
    for (std::size_t cut = 0; cut < full.size(); ++cut) {
        auto w = parse_watched(full.substr(0, cut));
        ASSERT_FALSE(w.parsed.ok()) << "cut at " << cut;
        const std::string &m = w.parsed.error().message;
        EXPECT_TRUE(m.find("shorter than the 8-byte") != std::string::npos || m.find("truncated") != std::string::npos ||
                    m.find("beyond the data section") != std::string::npos)
            << "cut at " << cut << ": " << m;
        EXPECT_LE(w.largest, full.size() + 1024);
    }
    std::mt19937 rng(5);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string f = full;
        const int flips = 1 + int(rng() % 3);
        for (int k = 0; k < flips; ++k) f[rng() % f.size()] = char(rng());
        auto w = parse_watched(f);
        if (w.parsed.ok()) {
            ++accepted;  // a flip in the data or a harmless spot: the result must still be consistent
            uint64_t at = 0;
            for (const auto &t : w.parsed->tensors) {
                EXPECT_EQ(t.begin, at);
                at = t.end;
            }
            EXPECT_EQ(at, w.parsed->data.size());
        } else {
            EXPECT_FALSE(w.parsed.error().message.empty());
        }
        EXPECT_LE(w.largest, f.size() + 1024);
    }
    EXPECT_GT(accepted, 0);
}
