// safetensors writer and hostile-file reader (see safetensors.h).
#include "export/safetensors.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <nlohmann/json.hpp>

#include "export/quant.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::safetensors {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char *kMetadataKey = "__metadata__";

struct DtypeEntry {
    Dtype dtype;
    const char *name;
    std::size_t size;
};
constexpr DtypeEntry kDtypes[] = {
    {Dtype::f64, "F64", 8}, {Dtype::f32, "F32", 4}, {Dtype::f16, "F16", 2}, {Dtype::bf16, "BF16", 2},
    {Dtype::i64, "I64", 8}, {Dtype::i32, "I32", 4}, {Dtype::i16, "I16", 2}, {Dtype::i8, "I8", 1},
    {Dtype::u8, "U8", 1},   {Dtype::boolean, "BOOL", 1},
};

const DtypeEntry *find_dtype(std::string_view name) {
    for (const auto &e : kDtypes)
        if (name == e.name) return &e;
    return nullptr;
}

void put_u64(std::string &s, uint64_t v) {
    for (int i = 0; i < 8; ++i) s += static_cast<char>(v >> (8 * i));
}

}  // namespace

std::string_view dtype_name(Dtype d) {
    for (const auto &e : kDtypes)
        if (e.dtype == d) return e.name;
    return "?";
}

std::size_t dtype_size(Dtype d) {
    for (const auto &e : kDtypes)
        if (e.dtype == d) return e.size;
    return 0;
}

uint64_t TensorInfo::elements() const {
    uint64_t n = 1;
    for (uint64_t d : shape) n *= d;
    return n;
}

const TensorInfo *Parsed::find(std::string_view name) const {
    for (const auto &t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

Result<std::vector<float>> Parsed::to_f32(const TensorInfo &t) const {
    const auto b = bytes(t);
    const uint64_t n = t.elements();
    std::vector<float> out;
    switch (t.dtype) {
    case Dtype::f32:
        out.resize(n);
        if (n) std::memcpy(out.data(), b.data(), n * 4);
        return out;
    case Dtype::f16:
    case Dtype::bf16:
        out.resize(n);
        for (uint64_t i = 0; i < n; ++i) {
            const uint16_t h = static_cast<uint16_t>(b[2 * i] | (b[2 * i + 1] << 8));
            out[i] = t.dtype == Dtype::f16 ? gguf::fp16_to_fp32(h) : gguf::bf16_to_fp32(h);
        }
        return out;
    default:
        return user_error("tensor " + t.name + " has dtype " + std::string(dtype_name(t.dtype)) +
                          ", not a floating-point type Smolify reads");
    }
}

namespace {

// Builds Parsed straight from the SAX events, so memory follows what is kept (names, shapes of at
// most max_rank), never a DOM of the whole header. The first defect stops the parse with a message.
class HeaderSax {
public:
    HeaderSax(Parsed &out, const ReadLimits &limits) : m_out(out), m_limits(limits) {}
    std::string error;

    bool null() { return scalar("null"); }
    bool boolean(bool) { return scalar("a boolean"); }
    bool number_integer(int64_t v) {
        if (v >= 0) return number_unsigned(static_cast<uint64_t>(v));
        return scalar("a negative number");
    }
    bool number_unsigned(uint64_t v) {
        if (m_state == State::shape) {
            if (m_cur.shape.size() >= m_limits.max_rank)
                return fail(tensor() + " has more than " + std::to_string(m_limits.max_rank) + " dimensions");
            if (v != 0 && m_elements > UINT64_MAX / v) return fail(tensor() + " element count overflows");
            m_elements *= v;
            m_cur.shape.push_back(v);
            return true;
        }
        if (m_state == State::offsets) {
            if (m_offsets == 2) return fail(tensor() + " data_offsets has more than two entries");
            (m_offsets++ == 0 ? m_cur.begin : m_cur.end) = v;
            return true;
        }
        return scalar("a number");
    }
    bool number_float(double, const std::string &) { return scalar("a fractional or huge number"); }
    bool binary(nlohmann::json::binary_t &) { return scalar("binary data"); }
    bool string(std::string &s) {
        if (m_state == State::dtype) {
            m_dtype = find_dtype(s);
            if (!m_dtype) return fail(tensor() + " has unknown dtype \"" + s + "\"");
            m_state = State::tensor;
            return true;
        }
        if (m_state == State::meta_value) {
            m_out.metadata.emplace(m_key, std::move(s));
            m_state = State::meta;
            return true;
        }
        return scalar("a string");
    }
    bool start_object(std::size_t) {
        if (m_state == State::begin) return m_state = State::top, true;
        if (m_state == State::top_value) {
            if (m_key == kMetadataKey) return m_state = State::meta, true;
            m_cur = TensorInfo{};
            m_cur.name = m_key;
            m_fields.clear();
            m_dtype = nullptr;
            m_elements = 1;
            m_offsets = 0;
            return m_state = State::tensor, true;
        }
        return scalar("an object");
    }
    bool key(std::string &k) {
        if (m_state == State::top) {
            if (k.empty()) return fail("a tensor has an empty name");
            if (!m_top_keys.insert(k).second) return fail("the header has the key \"" + k + "\" twice");
            m_key = k;
            return m_state = State::top_value, true;
        }
        if (m_state == State::meta) {
            if (!m_meta_keys.insert(k).second) return fail("__metadata__ has the key \"" + k + "\" twice");
            m_key = k;
            return m_state = State::meta_value, true;
        }
        if (m_state == State::tensor) {
            if (!m_fields.insert(k).second) return fail(tensor() + " has the field \"" + k + "\" twice");
            if (k == "dtype") return m_state = State::dtype, true;
            if (k == "shape") return m_state = State::shape_start, true;
            if (k == "data_offsets") return m_state = State::offsets_start, true;
            return fail(tensor() + " has an unknown field \"" + k + "\"");
        }
        return fail("unexpected key \"" + k + "\"");
    }
    bool end_object() {
        if (m_state == State::meta) return m_state = State::top, true;
        if (m_state == State::top) return m_state = State::end, true;
        if (m_state == State::tensor) return finish_tensor() && (m_state = State::top, true);
        return fail("unexpected end of an object");
    }
    bool start_array(std::size_t) {
        if (m_state == State::shape_start) return m_state = State::shape, true;
        if (m_state == State::offsets_start) return m_state = State::offsets, true;
        return scalar("an array");
    }
    bool end_array() {
        if (m_state == State::shape) return m_state = State::tensor, true;
        if (m_state == State::offsets) {
            if (m_offsets != 2) return fail(tensor() + " data_offsets is not a pair [begin, end]");
            return m_state = State::tensor, true;
        }
        return fail("unexpected end of an array");
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &) {
        if (error.empty()) error = "the header is not valid JSON (at byte " + std::to_string(position) + ")";
        return false;
    }

private:
    enum class State { begin, top, top_value, tensor, dtype, shape_start, shape, offsets_start, offsets, meta,
                       meta_value, end };

    std::string tensor() const { return "tensor \"" + m_cur.name + "\""; }
    bool fail(std::string msg) {
        if (error.empty()) error = std::move(msg);
        return false;
    }
    // A value where another was expected: the message names what the place needed.
    bool scalar(const char *got) {
        const std::string g = std::string(" (found ") + got + ")";
        switch (m_state) {
        case State::begin: return fail("the header is not a JSON object" + g);
        case State::top_value:
            if (m_key == kMetadataKey) return fail("__metadata__ is not an object of strings" + g);
            return fail("tensor \"" + m_key + "\" is not an object with dtype, shape and data_offsets" + g);
        case State::dtype: return fail(tensor() + " has no dtype string" + g);
        case State::shape_start: return fail(tensor() + " has no shape array" + g);
        case State::shape:
            return fail(tensor() + " dimension " + std::to_string(m_cur.shape.size()) +
                        " is not a non-negative integer" + g);
        case State::offsets_start: return fail(tensor() + " has no data_offsets pair [begin, end]" + g);
        case State::offsets: return fail(tensor() + " data_offsets are not non-negative integers" + g);
        case State::meta_value: return fail("__metadata__ value for key \"" + m_key + "\" is not a string" + g);
        default: return fail(std::string("unexpected value in the header") + g);
        }
    }
    bool finish_tensor() {
        for (const char *f : {"dtype", "shape", "data_offsets"})
            if (!m_fields.count(f)) return fail(tensor() + " has no " + f);
        if (m_elements > UINT64_MAX / m_dtype->size) return fail(tensor() + " byte size overflows");
        const uint64_t nbytes = m_elements * m_dtype->size;
        if (m_cur.begin > m_cur.end)
            return fail(tensor() + " data_offsets begin " + std::to_string(m_cur.begin) + " after end " +
                        std::to_string(m_cur.end));
        if (m_cur.end > m_out.data.size())
            return fail(tensor() + " data_offsets end " + std::to_string(m_cur.end) +
                        " lies beyond the data section of " + std::to_string(m_out.data.size()) + " bytes");
        if (m_cur.end - m_cur.begin != nbytes)
            return fail(tensor() + " data_offsets span " + std::to_string(m_cur.end - m_cur.begin) + " bytes but " +
                        m_dtype->name + " x " + std::to_string(m_elements) + " elements needs " +
                        std::to_string(nbytes));
        m_cur.dtype = m_dtype->dtype;
        m_out.tensors.push_back(std::move(m_cur));
        return true;
    }

    Parsed &m_out;
    const ReadLimits &m_limits;
    State m_state = State::begin;
    std::set<std::string> m_top_keys, m_meta_keys, m_fields;
    std::string m_key;
    TensorInfo m_cur;
    const DtypeEntry *m_dtype = nullptr;
    uint64_t m_elements = 1;
    int m_offsets = 0;
};

}  // namespace

Result<Parsed> parse(std::span<const uint8_t> bytes, std::string_view what, const ReadLimits &limits) {
    const std::string file(what);
    auto bad = [&](const std::string &msg) { return user_error(file + ": " + msg); };
    if (bytes.size() < 8)
        return bad("not a safetensors file: " + std::to_string(bytes.size()) +
                   " bytes is shorter than the 8-byte header length");
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[static_cast<std::size_t>(i)];
    if (n > limits.max_header_bytes)
        return bad("the header claims " + std::to_string(n) + " bytes, more than the limit of " +
                   std::to_string(limits.max_header_bytes));
    if (n > bytes.size() - 8)
        return bad("the header claims " + std::to_string(n) + " bytes but the file has only " +
                   std::to_string(bytes.size() - 8) + " after the length: it is truncated");
    const std::string_view text(reinterpret_cast<const char *>(bytes.data() + 8), static_cast<std::size_t>(n));
    if (!utf8_valid(text)) return bad("the header is not valid UTF-8");

    Parsed out;
    out.data_offset = 8 + n;
    out.data = bytes.subspan(static_cast<std::size_t>(out.data_offset));
    HeaderSax sax(out, limits);
    const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
    if (!ok || !sax.error.empty())
        return bad(sax.error.empty() ? std::string("the header is not valid JSON") : sax.error);

    std::sort(out.tensors.begin(), out.tensors.end(), [](const TensorInfo &a, const TensorInfo &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t at = 0;
    for (std::size_t i = 0; i < out.tensors.size(); ++i) {
        const TensorInfo &x = out.tensors[i];
        if (x.begin < at)
            return bad("tensors \"" + out.tensors[i - 1].name + "\" and \"" + x.name + "\" overlap");
        if (x.begin > at)
            return bad("bytes " + std::to_string(at) + " to " + std::to_string(x.begin) +
                       " of the data section belong to no tensor (a gap before \"" + x.name + "\")");
        at = x.end;
    }
    if (at != out.data.size())
        return bad("the data section has " + std::to_string(out.data.size() - at) +
                   " bytes after the last tensor that belong to no tensor");
    return out;
}

Result<std::unique_ptr<File>> read(const fs::path &path, const ReadLimits &limits) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return user_error("cannot read " + path.string() + ": " + ec.message());
    auto bytes = read_file(path, static_cast<std::size_t>(size) + 1);
    if (!bytes) return bytes.error();
    auto f = std::make_unique<File>();
    f->bytes = std::move(*bytes);
    auto parsed = parse(std::span(reinterpret_cast<const uint8_t *>(f->bytes.data()), f->bytes.size()),
                        path.string(), limits);
    if (!parsed) return parsed.error();
    f->parsed = std::move(*parsed);
    return f;
}

Status write(const fs::path &path, std::span<const WriteTensor> tensors, const WriteParams &p) {
    json header = json::object();
    uint64_t offset = 0;
    std::set<std::string> names;
    for (const auto &t : tensors) {
        if (t.name.empty() || t.name == kMetadataKey || !utf8_valid(t.name))
            return internal_error("safetensors: a tensor name is empty, reserved or not UTF-8");
        if (!names.insert(t.name).second) return internal_error("safetensors: duplicate tensor " + t.name);
        uint64_t n = 1;
        for (uint64_t d : t.shape) n *= d;
        if (n * dtype_size(t.dtype) != t.bytes.size())
            return internal_error("safetensors: tensor " + t.name + " has " + std::to_string(t.bytes.size()) +
                                  " bytes, its shape needs " + std::to_string(n * dtype_size(t.dtype)));
        header[t.name] = {{"dtype", std::string(dtype_name(t.dtype))},
                          {"shape", t.shape},
                          {"data_offsets", {offset, offset + t.bytes.size()}}};
        offset += t.bytes.size();
    }
    if (!p.metadata.empty()) header[kMetadataKey] = p.metadata;
    std::string text = header.dump();
    text.resize((text.size() + 7) / 8 * 8, ' ');
    std::string head;
    put_u64(head, text.size());
    head += text;

    std::error_code ec;
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
    AtomicFile f;
    if (auto st = f.open(path); !st) return st;
    if (auto st = f.write(head); !st) return st;
    uint64_t done = 0;
    for (const auto &t : tensors) {
        if (p.hooks.cancelled()) return job::cancelled();
        if (auto st = f.write(std::string_view(reinterpret_cast<const char *>(t.bytes.data()), t.bytes.size()));
            !st)
            return st;
        done += t.bytes.size();
        if (!p.hooks.report(job::bytes_progress(done, offset))) return job::cancelled();
    }
    return f.commit();
}

}  // namespace smolify::safetensors
