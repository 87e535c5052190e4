// GGUF writer -> reader round trips of every value type and tensor type, and hostile files:
// handcrafted GGUFs with one defect each, and truncations of a valid file at every byte of its header
// region and at a stride through its data, each refused with a specific user error and without a
// large allocation (a counting operator new below watches every allocation made while parsing).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <random>

#include "export/gguf_check.h"
#include "export/gguf_reader.h"
#include "export/gguf_writer.h"
#include "export/quant.h"
#include "support/alloc_watch.h"
#include "support/temp_dir.h"

using namespace smolify;
using namespace smolify::gguf;

namespace {

// A parse with the allocation watch on. Returns the result and the largest allocation.
struct Parsed {
    Result<std::unique_ptr<File>> file;
    std::size_t largest = 0;
};
Parsed parse_watched(const std::string &bytes) {
    test::alloc_watch_begin();
    auto f = File::parse({reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()}, {}, "t.gguf");
    const std::size_t largest = test::alloc_watch_end();
    return {std::move(f), largest};
}

// Handcrafted bytes, field by field.
struct Bytes {
    std::string b;
    template <class T>
    Bytes &put(T v) {
        b.append(reinterpret_cast<const char *>(&v), sizeof(T));
        return *this;
    }
    Bytes &u32(uint32_t v) { return put(v); }
    Bytes &u64(uint64_t v) { return put(v); }
    Bytes &str(std::string_view s) {
        u64(s.size());
        b.append(s);
        return *this;
    }
    Bytes &header(uint64_t n_tensors, uint64_t n_kv, uint32_t version = 3) {
        b.append("GGUF");
        return u32(version).u64(n_tensors).u64(n_kv);
    }
    Bytes &kv_u32(std::string_view key, uint32_t v) { return str(key).u32(4).u32(v); }
    // A tensor info: name, dims, type, offset.
    Bytes &tensor(std::string_view name, std::vector<uint64_t> ne, uint32_t type, uint64_t offset) {
        str(name).u32(static_cast<uint32_t>(ne.size()));
        for (uint64_t d : ne) u64(d);
        return u32(type).u64(offset);
    }
    Bytes &pad(std::size_t align = 32) {
        b.resize((b.size() + align - 1) / align * align, '\0');
        return *this;
    }
    Bytes &zeros(std::size_t n) {
        b.append(n, '\0');
        return *this;
    }
};

// The defect must be refused as a user error whose message contains `expect`, with no allocation
// beyond 64 KiB (every hostile file here is smaller than 4 KiB).
void expect_refused(const std::string &bytes, const std::string &expect) {
    SCOPED_TRACE(expect);
    Parsed p = parse_watched(bytes);
    ASSERT_FALSE(p.file.ok());
    EXPECT_EQ(p.file.error().kind, ErrorKind::user);
    EXPECT_NE(p.file.error().message.find(expect), std::string::npos) << p.file.error().message;
    EXPECT_EQ(p.file.error().message.rfind("t.gguf: ", 0), 0u) << "messages name the file";
    EXPECT_LE(p.largest, 64u * 1024) << "allocation of " << p.largest << " bytes while parsing a hostile file";
}

std::vector<float> ramp(std::size_t n, float scale) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = scale * std::sin(0.37f * static_cast<float>(i) + 0.1f);
    return v;
}

std::vector<KeyValue> every_value_type() {
    std::vector<KeyValue> kv;
    kv.push_back({"t.u8", uint8_t{250}});
    kv.push_back({"t.i8", int8_t{-100}});
    kv.push_back({"t.u16", uint16_t{65000}});
    kv.push_back({"t.i16", int16_t{-32000}});
    kv.push_back({"t.u32", uint32_t{4'000'000'000u}});
    kv.push_back({"t.i32", int32_t{-2'000'000'000}});
    kv.push_back({"t.f32", 1.5e-5f});
    kv.push_back({"t.bool.true", true});
    kv.push_back({"t.bool.false", false});
    kv.push_back({"t.string", std::string("caf\xC3\xA9 \xF0\x9F\x94\xA5 <|im_end|>\n")});
    kv.push_back({"t.string.empty", std::string()});
    kv.push_back({"t.u64", uint64_t{1} << 60});
    kv.push_back({"t.i64", int64_t{-(int64_t{1} << 61)}});
    kv.push_back({"t.f64", 3.141592653589793});
    const std::vector<uint8_t> u8s{0, 1, 255};
    const std::vector<int8_t> i8s{-128, 0, 127};
    const std::vector<uint16_t> u16s{1, 65535};
    const std::vector<int16_t> i16s{-1, 2};
    const std::vector<uint32_t> u32s{7, 8, 9};
    const std::vector<int32_t> i32s{1, 2, 3, 6, -5};
    const std::vector<float> f32s{0.5f, -0.25f};
    const std::vector<uint64_t> u64s{UINT64_MAX};
    const std::vector<int64_t> i64s{INT64_MIN, 0};
    const std::vector<double> f64s{1e300, -2.0};
    kv.push_back({"a.u8", make_array<uint8_t>(u8s)});
    kv.push_back({"a.i8", make_array<int8_t>(i8s)});
    kv.push_back({"a.u16", make_array<uint16_t>(u16s)});
    kv.push_back({"a.i16", make_array<int16_t>(i16s)});
    kv.push_back({"a.u32", make_array<uint32_t>(u32s)});
    kv.push_back({"a.i32", make_array<int32_t>(i32s)});
    kv.push_back({"a.f32", make_array<float>(f32s)});
    kv.push_back({"a.bool", make_array(std::vector<bool>{true, false, true})});
    kv.push_back({"a.string", make_string_array({"\xE2\x96\x81the", "<0x0A>", "", "<|im_start|>"})});
    kv.push_back({"a.u64", make_array<uint64_t>(u64s)});
    kv.push_back({"a.i64", make_array<int64_t>(i64s)});
    kv.push_back({"a.f64", make_array<double>(f64s)});
    kv.push_back({"a.empty", make_array<float>(std::span<const float>())});
    return kv;
}

// A small valid file: a few keys (with arrays) and three tensors of different types.
std::string small_valid_file() {
    static const std::vector<float> a = ramp(64 * 3, 0.5f), b = ramp(32, 2.0f), c = ramp(96, 1.0f);
    std::vector<KeyValue> kv = {{"general.architecture", std::string("llama")},
                                {"general.alignment", uint32_t{32}},
                                {"tokenizer.ggml.tokens", make_string_array({"<unk>", "a", "\xE2\x96\x81" "b"})},
                                {"tokenizer.ggml.scores", make_array<float>(std::vector<float>{0, -1, -2})}};
    std::vector<TensorSource> t(3);
    t[0] = {"blk.0.attn_q.weight", GgmlType::q8_0, {64, 3}, a.data(), {}};
    t[1] = {"output_norm.weight", GgmlType::f32, {32}, b.data(), {}};
    t[2] = {"token_embd.weight", GgmlType::q4_0, {32, 3}, c.data(), {}};
    auto bytes = write_memory(kv, t);
    EXPECT_TRUE(bytes.ok()) << bytes.error().message;
    return *bytes;
}

}  // namespace

TEST(GgufRoundTrip, EveryValueType) {
    const auto kv = every_value_type();
    auto bytes = write_memory(kv, {});
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    auto f = File::parse({reinterpret_cast<const uint8_t *>(bytes->data()), bytes->size()});
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ((*f)->version(), 3u);
    ASSERT_EQ((*f)->kvs().size(), kv.size());
    for (std::size_t i = 0; i < kv.size(); ++i) {
        EXPECT_EQ((*f)->kvs()[i].key, kv[i].key);
        EXPECT_TRUE((*f)->kvs()[i].value == kv[i].value) << kv[i].key;
    }
    EXPECT_EQ(*(*f)->get<uint32_t>("t.u32"), 4'000'000'000u);
    EXPECT_EQ(*(*f)->get<bool>("t.bool.true"), true);
    auto wrong = (*f)->get<uint64_t>("t.u32");
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("key t.u32 has type u32, expected u64"), std::string::npos);
    auto missing = (*f)->get<float>("no.such.key");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("no.such.key is missing"), std::string::npos);
    const auto arr = (*f)->get<Array>("a.i32");
    ASSERT_TRUE(arr.ok());
    EXPECT_EQ(arr->size(), 5u);
    EXPECT_EQ(arr->at<int32_t>(4), -5);
}

TEST(GgufRoundTrip, EveryTensorTypeAndShape) {
    test::TempDir dir;
    const auto x = ramp(64 * 6 * 2, 0.75f);
    std::vector<uint8_t> raw_q8(row_bytes(GgmlType::q8_0, 64) * 2);
    ASSERT_TRUE(quantize_row(GgmlType::q8_0, x.data(), 128, raw_q8.data()).ok());
    std::vector<TensorSource> t;
    t.push_back({"f32.1d", GgmlType::f32, {5}, x.data(), {}});
    t.push_back({"f16.2d", GgmlType::f16, {7, 3}, x.data(), {}});
    t.push_back({"bf16.3d", GgmlType::bf16, {3, 2, 2}, x.data(), {}});
    t.push_back({"q8_0.4d", GgmlType::q8_0, {64, 2, 3, 2}, x.data(), {}});
    t.push_back({"q4_0.2d", GgmlType::q4_0, {96, 4}, x.data(), {}});
    t.push_back({"q8_0.raw", GgmlType::q8_0, {64, 2}, nullptr, raw_q8});
    std::vector<KeyValue> kv = every_value_type();
    kv.push_back({"general.alignment", uint32_t{64}});
    const auto path = dir / "all.gguf";
    int progress_calls = 0;
    WriteParams wp;
    wp.hooks.on_progress = [&](const smolify::job::Progress &p) {
        ++progress_calls;
        EXPECT_LE(p.done, p.total);
        EXPECT_EQ(p.unit, "bytes");
        return true;
    };
    ASSERT_TRUE(write_file(path, kv, t, wp).ok());
    EXPECT_EQ(progress_calls, 6);
    auto f = File::open(path);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ((*f)->alignment(), 64u);
    EXPECT_EQ((*f)->data_offset() % 64, 0u);
    ASSERT_EQ((*f)->tensors().size(), t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        const TensorInfo &ti = (*f)->tensors()[i];
        SCOPED_TRACE(ti.name);
        EXPECT_EQ(ti.name, t[i].name);
        EXPECT_EQ(ti.type, t[i].type);
        EXPECT_EQ(ti.ne, t[i].ne);
        EXPECT_EQ(ti.offset % 64, 0u);
        EXPECT_EQ(ti.bytes, tensor_bytes(t[i].type, t[i].ne));
        // The bytes are what quantize_row makes of the source, and decode as dequantize_row says.
        const int64_t n0 = ti.ne[0];
        std::vector<uint8_t> expect(row_bytes(ti.type, n0) * static_cast<std::size_t>(ti.rows()));
        ASSERT_TRUE(quantize_row(ti.type, x.data(), ti.elements, expect.data()).ok());
        const auto got = (*f)->data(ti);
        ASSERT_EQ(got.size(), expect.size());
        EXPECT_TRUE(std::equal(got.begin(), got.end(), expect.begin()));
        auto floats = (*f)->read_f32(ti);
        ASSERT_TRUE(floats.ok());
        std::vector<float> back(static_cast<std::size_t>(ti.elements));
        dequantize_row(ti.type, expect.data(), ti.elements, back.data());
        EXPECT_EQ(*floats, back);
    }
    EXPECT_FALSE((*f)->read_rows((*f)->tensors()[4], 3, 2, nullptr).ok());  // rows 3..4 of 4

    // ggml's own parser reads the same file (when gguf-check is installed).
    if (const test::Ggml *g = test::Ggml::get()) {
        void *ctx = g->gguf_init_from_file(path.c_str(), {true, nullptr});
        ASSERT_NE(ctx, nullptr) << "ggml refused the file";
        EXPECT_EQ(g->gguf_get_n_tensors(ctx), static_cast<int64_t>(t.size()));
        EXPECT_EQ(g->gguf_get_n_kv(ctx), static_cast<int64_t>(kv.size()));
        g->gguf_free(ctx);
    }
}

TEST(GgufWriter, RefusesBadInputAndLeavesNoFile) {
    test::TempDir dir;
    const auto x = ramp(64, 1.0f);
    auto write = [&](std::vector<KeyValue> kv, std::vector<TensorSource> t) { return write_file(dir / "x.gguf", kv, t); };
    EXPECT_FALSE(write({{"k", uint32_t{1}}, {"k", uint32_t{2}}}, {}).ok());
    EXPECT_FALSE(write({{"general.alignment", uint32_t{24}}}, {}).ok());
    EXPECT_FALSE(write({{"general.alignment", uint64_t{32}}}, {}).ok());
    EXPECT_FALSE(write({}, {{"t", GgmlType::q8_0, {48}, x.data(), {}}}).ok());
    EXPECT_FALSE(write({}, {{"t", GgmlType::f32, {0}, x.data(), {}}}).ok());
    EXPECT_FALSE(write({}, {{std::string(64, 'n'), GgmlType::f32, {4}, x.data(), {}}}).ok());
    EXPECT_FALSE(write({}, {{"t", GgmlType::f32, {4}, x.data(), {}}, {"t", GgmlType::f32, {4}, x.data(), {}}}).ok());
    std::vector<float> nan = x;
    nan[40] = std::nanf("");
    Status s = write({}, {{"good", GgmlType::f32, {64}, x.data(), {}}, {"blk.1.ffn_up.weight", GgmlType::q8_0, {32, 2}, nan.data(), {}}});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::user);
    EXPECT_NE(s.error().message.find("tensor blk.1.ffn_up.weight, row 1: element 8"), std::string::npos)
        << s.error().message;
    // Nothing was left behind: no target, no temporary file.
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    std::atomic<bool> cancel{true};
    WriteParams wp;
    wp.hooks.cancel = &cancel;
    s = write_file(dir / "x.gguf", {}, std::vector<TensorSource>{{"t", GgmlType::f32, {4}, x.data(), {}}}, wp);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::cancelled);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GgufHostile, Header) {
    expect_refused("GG", "not a GGUF file: it has only 2 bytes");
    expect_refused(Bytes().u32(0x46554748).u32(3).u64(0).u64(0).b, "does not start with \"GGUF\"");
    expect_refused(Bytes().header(0, 0, 1).b, "version 1 is not supported");
    expect_refused(Bytes().header(0, 0, 4).b, "unsupported GGUF version 4");
    expect_refused(Bytes().header(0, 0, 0x03000000).b, "big-endian");
    expect_refused(Bytes().header(0, 0).b.substr(0, 12), "the file ends inside the header");
    expect_refused(Bytes().header(0, uint64_t{1} << 40).b, "claims 1099511627776 key/value pairs, more than the limit");
    expect_refused(Bytes().header(uint64_t{1} << 62, 0).b, "tensors, more than the limit");
    expect_refused(Bytes().header(0, 1000).zeros(100).b, "has room for at most 7");
    expect_refused(Bytes().header(1000, 0).zeros(100).b, "tensor infos: it is truncated or corrupt");
}

TEST(GgufHostile, KeysAndValues) {
    expect_refused(Bytes().header(0, 1).u64(UINT64_MAX).zeros(20).b, "a key of 18446744073709551615 bytes exceeds the limit");
    expect_refused(Bytes().header(0, 1).u64(5000).zeros(20).b, "(a key of 5000 bytes, 20 left)");
    expect_refused(Bytes().header(0, 1).str("").u32(4).u32(0).b, "has an empty key");
    expect_refused(Bytes().header(0, 2).kv_u32("a.b", 1).kv_u32("a.b", 2).b, "duplicate key a.b");
    expect_refused(Bytes().header(0, 1).str("k").u32(13).u32(0).b, "key k has unknown value type 13");
    expect_refused(Bytes().header(0, 1).str("k").u32(7).put<uint8_t>(2).b, "key k: bool value 2 is neither 0 nor 1");
    expect_refused(Bytes().header(0, 1).str("k").u32(8).u64(uint64_t{1} << 50).zeros(16).b,
                   "a string of 1125899906842624 bytes exceeds the limit");
    expect_refused(Bytes().header(0, 1).str("k").u32(8).u64(100).zeros(16).b, "inside the value of key k (a string of 100");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(9).u64(1).zeros(16).b, "arrays of arrays are not supported");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(77).u64(1).zeros(16).b, "unknown array element type 77");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(4).u64(uint64_t{1} << 60).zeros(16).b,
                   "an array of 1152921504606846976 elements exceeds the limit");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(10).u64(1000).zeros(64).b,
                   "an array of 1000 elements needs at least 1000 x 8 bytes");
    // An array of a million strings claims 8 bytes each at least: refused before any allocation.
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(8).u64(1'000'000).zeros(64).b, "1000000 x 8 bytes");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(8).u64(2).str("ok").u64(UINT64_MAX - 1).b,
                   "a string of 18446744073709551614 bytes exceeds the limit");
    expect_refused(Bytes().header(0, 1).str("k").u32(9).u32(7).u64(3).put<uint8_t>(1).put<uint8_t>(0).put<uint8_t>(5).b,
                   "bool element 2 is 5");
}

TEST(GgufHostile, Alignment) {
    expect_refused(Bytes().header(0, 1).str("general.alignment").u32(10).u64(32).b,
                   "key general.alignment has type u64, expected u32");
    expect_refused(Bytes().header(0, 1).kv_u32("general.alignment", 0).b, "general.alignment 0 is not a power of two");
    expect_refused(Bytes().header(0, 1).kv_u32("general.alignment", 48).b, "general.alignment 48 is not a power of two");
}

TEST(GgufHostile, TensorInfos) {
    auto one = [](std::vector<uint64_t> ne, uint32_t type, uint64_t offset, std::string name = "w") {
        return Bytes().header(1, 0).tensor(name, std::move(ne), type, offset).pad().zeros(256).b;
    };
    expect_refused(one({4}, 0, 0, ""), "tensor info 0 of 1 has an empty name");
    expect_refused(one({4}, 0, 0, std::string(64, 'n')), "a tensor name of 64 bytes exceeds the limit of 63");
    expect_refused(Bytes().header(1, 0).str("w").u32(0).u32(0).u64(0).zeros(64).b, "tensor w has 0 dimensions");
    expect_refused(Bytes().header(1, 0).str("w").u32(5).zeros(64).b, "tensor w has 5 dimensions; 1 to 4 are allowed");
    expect_refused(one({4, 0}, 0, 0), "tensor w: dimension 1 is 0");
    expect_refused(one({uint64_t{1} << 63}, 0, 0), "dimension 0 (9223372036854775808) is negative or too large");
    expect_refused(one({uint64_t{1} << 32, uint64_t{1} << 32}, 0, 0), "tensor w: the element count overflows");
    expect_refused(one({uint64_t{1} << 40}, 0, 0), "claims 1099511627776 elements, more than the file");
    expect_refused(one({32}, 99, 0), "tensor w has unknown ggml type 99");
    expect_refused(one({256}, 12, 0), "tensor w has type Q4_K, which Smolify does not read");
    expect_refused(one({33, 2}, 8, 0), "tensor w: rows of 33 elements are not a multiple of the Q8_0 block of 32");
    expect_refused(one({48}, 2, 0), "rows of 48 elements are not a multiple of the Q4_0 block of 32");
    expect_refused(one({4}, 0, 4), "tensor w: offset 4 is not a multiple of the alignment 32");
    expect_refused(one({4}, 0, 4096), "the data of tensor w (bytes 4096 to 4112 of the data section) lie beyond the end");
    expect_refused(one({4}, 0, UINT64_MAX - 31), "lie beyond the end of the file");
    expect_refused(Bytes().header(2, 0).tensor("w", {4}, 0, 0).tensor("w", {4}, 0, 32).pad().zeros(64).b, "duplicate tensor w");
    expect_refused(Bytes().header(2, 0).tensor("a", {16}, 0, 0).tensor("b", {4}, 0, 32).pad().zeros(128).b,
                   "the data of tensors a and b overlap");
    expect_refused(Bytes().header(1, 0).tensor("w", {4}, 0, 0).b, "the file ends before its data section");
    expect_refused(Bytes().header(1, 0).tensor("w", {64}, 0, 0).pad().zeros(230).b, "lie beyond the end of the file");
    // With alignment 64 from the file, an offset of 32 is misaligned.
    expect_refused(Bytes().header(1, 1).kv_u32("general.alignment", 64).tensor("w", {4}, 0, 32).pad(64).zeros(128).b,
                   "offset 32 is not a multiple of the alignment 64");
}

TEST(GgufHostile, TruncatedAtEveryHeaderByteAndThroughTheData) {
    const std::string full = small_valid_file();
    Parsed ok = parse_watched(full);
    ASSERT_TRUE(ok.file.ok()) << ok.file.error().message;
    const std::size_t data_offset = (*ok.file)->data_offset();
    // The padding after the last tensor is optional, so a cut there still leaves a valid file.
    std::size_t end = data_offset;
    for (const auto &t : (*ok.file)->tensors()) end = std::max<std::size_t>(end, data_offset + t.offset + t.bytes);
    ASSERT_LT(end, full.size());
    EXPECT_TRUE(File::parse({reinterpret_cast<const uint8_t *>(full.data()), end}).ok());
    std::vector<std::size_t> cuts;
    for (std::size_t n = 0; n <= data_offset; ++n) cuts.push_back(n);
    for (std::size_t n = data_offset + 1; n < end; n += 7) cuts.push_back(n);
    cuts.push_back(end - 1);
    int refused = 0;
    for (std::size_t n : cuts) {
        SCOPED_TRACE("cut at " + std::to_string(n));
        Parsed p = parse_watched(full.substr(0, n));
        ASSERT_FALSE(p.file.ok());
        ++refused;
        const std::string &m = p.file.error().message;
        EXPECT_EQ(p.file.error().kind, ErrorKind::user);
        if (n < 4) EXPECT_NE(m.find("not a GGUF file"), std::string::npos) << m;
        else EXPECT_NE(m.find("truncated"), std::string::npos) << m;
        EXPECT_LE(p.largest, full.size() + 1024) << m;
    }
    EXPECT_GT(refused, 300);
}

TEST(GgufHostile, OpenRefusesFoldersAndTinyFiles) {
    test::TempDir dir;
    auto f = File::open(dir.path());
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().message.find("not a regular file"), std::string::npos);
    {
        std::ofstream(dir / "tiny.gguf") << "GG";
    }
    f = File::open(dir / "tiny.gguf");
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().message.find("tiny.gguf: not a GGUF file"), std::string::npos) << f.error().message;
    f = File::open(dir / "missing.gguf");
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().kind, ErrorKind::user);
}

// Random byte flips of a valid file: any outcome but a crash; a file that parses has its tensors
// inside it. (The libFuzzer target fuzz/fuzz_gguf_reader.cpp does this at scale.)
TEST(GgufHostile, RandomMutationsNeverCrash) {
    const std::string full = small_valid_file();
    std::mt19937 rng(5);
    int parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string m = full;
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < flips; ++k) m[rng() % m.size()] = static_cast<char>(rng());
        Parsed p = parse_watched(m);
        EXPECT_LE(p.largest, 64u * 1024);
        if (!p.file.ok()) {
            EXPECT_EQ(p.file.error().kind, ErrorKind::user);
            continue;
        }
        ++parsed;
        for (const auto &t : (*p.file)->tensors()) {
            ASSERT_LE((*p.file)->data_offset() + t.offset + t.bytes, m.size());
            auto v = (*p.file)->read_f32(t);
            ASSERT_TRUE(v.ok());
        }
    }
    EXPECT_GT(parsed, 0);  // some flips land in tensor data or values and keep the file valid
}
