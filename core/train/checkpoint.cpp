// Checkpoint files (see checkpoint.h).
#include "train/checkpoint.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "util/fs.h"

namespace smolify::train {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'S', 'M', 'O', 'L', 'C', 'K', 'P', 'T'};
constexpr uint64_t kFixed = 32;
constexpr uint64_t kTrailer = 32;
constexpr uint64_t kMaxHeader = 64ull << 20;

uint64_t align64(uint64_t x) {
    return (x + 63) / 64 * 64;
}

void put_u32(std::string &s, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        s += static_cast<char>(v >> (8 * i));
}
void put_u64(std::string &s, uint64_t v) {
    for (int i = 0; i < 8; ++i)
        s += static_cast<char>(v >> (8 * i));
}
uint64_t get_u64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}
uint32_t get_u32(const unsigned char *p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

struct Md {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    Md() { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
    ~Md() { EVP_MD_CTX_free(ctx); }
    void update(const void *p, std::size_t n) { EVP_DigestUpdate(ctx, p, n); }
};

std::string hex(const unsigned char *p, std::size_t n) {
    static const char *kHex = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += kHex[p[i] >> 4];
        s += kHex[p[i] & 15];
    }
    return s;
}

static_assert(sizeof(float) == 4, "checkpoints store IEEE f32");

// Rejects a header with a key twice in one object (nlohmann keeps the last one silently) or nested
// deeper than any header Smolify writes, before the DOM is built.
class HeaderShape : public nlohmann::json_sax<nlohmann::json> {
public:
    std::string error;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override {
        m_keys.emplace_back();
        return deeper();
    }
    bool key(string_t &k) override {
        if (m_keys.back().insert(k).second) return true;
        error = "the header has the key \"" + k + "\" twice in one object";
        return false;
    }
    bool end_object() override {
        m_keys.pop_back();
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override { return deeper(); }
    bool end_array() override {
        --m_depth;
        return true;
    }
    bool parse_error(std::size_t at, const std::string &, const nlohmann::detail::exception &) override {
        error = "the header is not valid JSON (at byte " + std::to_string(at) + ")";
        return false;
    }

private:
    bool deeper() {
        if (++m_depth <= 16) return true;
        error = "the header nests more than 16 levels deep";
        return false;
    }
    std::vector<std::set<std::string>> m_keys;
    int m_depth = 0;
};

// The types of the header fields the trainer and the exporters read, checked once here so that no
// reader meets a field of another type (nlohmann's value() and get() would throw).
enum class Field { integer, number_or_null, string, boolean, object, int_array, int_array_array };
constexpr std::pair<const char *, Field> kHeaderFields[] = {
    {"format", Field::string},
    {"run_id", Field::integer},
    {"step", Field::integer},
    {"total_steps", Field::integer},
    {"steps_per_epoch", Field::integer},
    {"seed", Field::integer},
    {"params", Field::object},
    {"model", Field::object},
    {"tokenizer_id", Field::integer},
    {"tokenizer_sha256", Field::string},
    {"system_prompt", Field::string},
    {"train_ids", Field::int_array},
    {"val_ids", Field::int_array},
    {"data_sha256", Field::string},
    {"plan_epoch", Field::integer},
    {"epoch_plan", Field::int_array_array},
    {"last_eval_step", Field::integer},
    {"best_val_loss", Field::number_or_null},
    {"evals_since_best", Field::integer},
    {"last_val_loss", Field::number_or_null},
    {"elapsed_s", Field::number_or_null},
    {"has_moments", Field::boolean},
};

bool int_array(const nlohmann::json &v) {
    if (!v.is_array()) return false;
    for (const auto &x : v)
        if (!x.is_number_integer()) return false;
    return true;
}

bool has_type(const nlohmann::json &v, Field f) {
    switch (f) {
        case Field::integer:
            return v.is_number_integer();
        case Field::number_or_null:
            return v.is_number() || v.is_null();
        case Field::string:
            return v.is_string();
        case Field::boolean:
            return v.is_boolean();
        case Field::object:
            return v.is_object();
        case Field::int_array:
            return int_array(v);
        case Field::int_array_array:
            if (!v.is_array()) return false;
            for (const auto &x : v)
                if (!int_array(x)) return false;
            return true;
    }
    return false;
}

const char *type_name(Field f) {
    switch (f) {
        case Field::integer:
            return "an integer";
        case Field::number_or_null:
            return "a number or null";
        case Field::string:
            return "a string";
        case Field::boolean:
            return "true or false";
        case Field::object:
            return "an object";
        case Field::int_array:
            return "an array of integers";
        case Field::int_array_array:
            return "an array of arrays of integers";
    }
    return "?";
}

}  // namespace

Result<CheckpointWritten> write_checkpoint(const fs::path &path, const nlohmann::json &header,
                                           std::span<const float> params, std::span<const float> m,
                                           std::span<const float> v) {
    if ((!m.empty() && m.size() != params.size()) || (!v.empty() && v.size() != params.size()) ||
        m.empty() != v.empty())
        return internal_error("checkpoint: moment sizes do not match the parameters");
    nlohmann::json h = header;
    h["has_moments"] = !m.empty();
    const std::string json = h.dump();
    std::string head(kMagic, 8);
    put_u32(head, kCheckpointVersion);
    put_u32(head, 0);
    put_u64(head, json.size());
    put_u64(head, params.size());
    head += json;
    head.resize(align64(head.size()), '\0');

    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    AtomicFile f;
    if (auto st = f.open(path); !st) return st.error();
    Md md;
    int64_t bytes = 0;
    auto put = [&](const void *p, std::size_t n) -> Status {
        md.update(p, n);
        bytes += static_cast<int64_t>(n);
        return f.write(std::string_view(static_cast<const char *>(p), n));
    };
    if (auto st = put(head.data(), head.size()); !st) return st.error();
    for (auto part : {params, m, v}) {
        // In 4 MiB pieces: AtomicFile::write takes a view, no copy of the whole array.
        constexpr std::size_t kChunk = 1u << 20;
        for (std::size_t i = 0; i < part.size(); i += kChunk) {
            std::size_t n = std::min(kChunk, part.size() - i);
            if (auto st = put(part.data() + i, n * sizeof(float)); !st) return st.error();
        }
    }
    unsigned char body_md[32];
    unsigned int len = 0;
    {
        EVP_MD_CTX *copy = EVP_MD_CTX_new();
        EVP_MD_CTX_copy_ex(copy, md.ctx);
        EVP_DigestFinal_ex(copy, body_md, &len);
        EVP_MD_CTX_free(copy);
    }
    if (auto st = put(body_md, 32); !st) return st.error();
    unsigned char file_md[32];
    EVP_DigestFinal_ex(md.ctx, file_md, &len);
    if (auto st = f.commit(); !st) return st.error();
    return CheckpointWritten{hex(file_md, 32), bytes};
}

Result<CheckpointInfo> read_checkpoint_info(const fs::path &path) {
    auto bad = [&](const std::string &what) {
        return user_error("checkpoint " + path.string() + " is not usable: " + what +
                          "; resume from another checkpoint or start a new run");
    };
    std::error_code ec;
    const uint64_t size = fs::file_size(path, ec);
    if (ec) return user_error("cannot read checkpoint " + path.string() + ": " + ec.message());
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return user_error("cannot open checkpoint " + path.string());
    unsigned char fixed[kFixed];
    if (size < kFixed + kTrailer || std::fread(fixed, 1, kFixed, f.get()) != kFixed)
        return bad("the file is truncated (" + std::to_string(size) + " bytes)");
    if (std::memcmp(fixed, kMagic, 8) != 0) return bad("it is not a Smolify checkpoint (wrong magic)");
    const uint32_t version = get_u32(fixed + 8);
    if (version != kCheckpointVersion)
        return bad("format version " + std::to_string(version) + " is not supported (this Smolify reads " +
                   std::to_string(kCheckpointVersion) + ")");
    if (const uint32_t reserved = get_u32(fixed + 12); reserved != 0)
        return bad("the reserved header field is " + std::to_string(reserved) + ", not 0");
    const uint64_t hbytes = get_u64(fixed + 16);
    const uint64_t n = get_u64(fixed + 24);
    if (hbytes > kMaxHeader)
        return bad("the header claims " + std::to_string(hbytes) + " bytes, more than the limit of " +
                   std::to_string(kMaxHeader));
    if (hbytes > size - kFixed - kTrailer)
        return bad("the header claims " + std::to_string(hbytes) + " bytes but the file has only " +
                   std::to_string(size) + ": it is truncated");
    const uint64_t data_offset = align64(kFixed + hbytes);
    std::string json(hbytes, '\0');
    if (std::fread(json.data(), 1, hbytes, f.get()) != hbytes) return bad("the header is truncated");
    CheckpointInfo info;
    {
        HeaderShape shape;
        if (!nlohmann::json::sax_parse(json, &shape) || !shape.error.empty())
            return bad(shape.error.empty() ? std::string("the header is not valid JSON") : shape.error);
    }
    info.header = nlohmann::json::parse(json, nullptr, false);
    if (info.header.is_discarded()) return bad("the header is not valid JSON");
    if (!info.header.is_object()) return bad("the header is not a JSON object");
    for (const auto &[key, type] : kHeaderFields) {
        auto it = info.header.find(key);
        if (it != info.header.end() && !has_type(*it, type))
            return bad(std::string("the header field \"") + key + "\" is not " + type_name(type));
    }
    if (!info.header.contains("model")) return bad("the header has no model configuration");
    auto config = model::Config::from_json(info.header["model"]);
    if (!config) return bad("bad model configuration: " + config.error().message);
    info.config = *config;
    const auto expected_n = config->parameter_count();
    if (expected_n <= 0 || static_cast<uint64_t>(expected_n) != n)
        return bad("it holds " + std::to_string(n) + " parameters but its configuration needs " +
                   std::to_string(expected_n));
    auto hm = info.header.find("has_moments");
    info.has_moments = hm != info.header.end() && hm->get<bool>();
    const uint64_t arrays = info.has_moments ? 3 : 1;
    if (n > (size / 4) / arrays) return bad("the file is too short for its parameters");
    const uint64_t expected = data_offset + arrays * n * 4 + kTrailer;
    if (expected != size)
        return bad(size < expected ? "the file is truncated (" + std::to_string(size) + " of " +
                                         std::to_string(expected) + " bytes)"
                                   : "the file has " + std::to_string(size - expected) + " extra bytes");
    info.n = n;
    info.data_offset = data_offset;
    info.file_size = size;
    return info;
}

Status read_checkpoint_data(const fs::path &path, const CheckpointInfo &info, std::span<float> params,
                            std::span<float> m, std::span<float> v) {
    if (params.size() != info.n || (!m.empty() && m.size() != info.n) || (!v.empty() && v.size() != info.n))
        return internal_error("checkpoint: destination sizes do not match");
    if (!m.empty() && !info.has_moments)
        return user_error("checkpoint " + path.string() + " holds weights only and cannot resume training");
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return user_error("cannot open checkpoint " + path.string());
    Md md;
    std::vector<unsigned char> buf(1u << 20);
    // The header again, for the checksum.
    uint64_t left = info.data_offset;
    while (left > 0) {
        std::size_t k = static_cast<std::size_t>(std::min<uint64_t>(left, buf.size()));
        if (std::fread(buf.data(), 1, k, f.get()) != k)
            return user_error("checkpoint " + path.string() + " is truncated");
        md.update(buf.data(), k);
        left -= k;
    }
    auto read_floats = [&](std::span<float> dst) -> Status {
        // dst empty: the array is read into scratch space for the checksum only.
        for (uint64_t i = 0; i < info.n;) {
            std::size_t k = static_cast<std::size_t>(std::min<uint64_t>(info.n - i, buf.size() / 4));
            void *p = dst.empty() ? static_cast<void *>(buf.data()) : static_cast<void *>(dst.data() + i);
            if (std::fread(p, 4, k, f.get()) != k)
                return user_error("checkpoint " + path.string() + " is truncated");
            md.update(p, k * 4);
            i += k;
        }
        return {};
    };
    if (auto st = read_floats(params); !st) return st;
    if (info.has_moments) {
        if (auto st = read_floats(m); !st) return st;
        if (auto st = read_floats(v); !st) return st;
    }
    unsigned char stored[32], actual[32];
    unsigned int len = 0;
    if (std::fread(stored, 1, 32, f.get()) != 32)
        return user_error("checkpoint " + path.string() + " is truncated");
    EVP_DigestFinal_ex(md.ctx, actual, &len);
    if (std::memcmp(stored, actual, 32) != 0)
        return user_error(
            "checkpoint " + path.string() +
            " is damaged (checksum mismatch); resume from another checkpoint or start a new run");
    return {};
}

}  // namespace smolify::train
