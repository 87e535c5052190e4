// GGUF reader (gguf_reader.h). The parser walks the bytes with a cursor that knows how many remain;
// each field is checked before it is used, and every size that leads to an allocation is first
// compared with the bytes left (a string of N bytes needs N bytes of file, an array of N elements at
// least N x the smallest element), so a hostile count fails before it can allocate. The tables of
// keys and tensor infos are not reserved from the claimed counts: they grow only with entries read.
#include "export/gguf_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "export/quant.h"

namespace smolify::gguf {

namespace {

constexpr uint64_t kMaxName = 63;  // ggml's GGML_MAX_NAME - 1
constexpr uint32_t kMaxDims = 4;
constexpr uint32_t kMaxAlignment = 1u << 20;
// Smallest encodings, to bound counts by the bytes left: a key/value is a key of >= 1 byte (8 + 1),
// a type (4) and a value of >= 1 byte; a tensor info is a name of >= 1 byte, n_dims, one dimension,
// a type and an offset.
constexpr uint64_t kMinKvBytes = 8 + 1 + 4 + 1;
constexpr uint64_t kMinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8;

std::string num(uint64_t v) { return std::to_string(v); }

}  // namespace

class Parser {
public:
    Parser(File &f, const ReadLimits &limits) : m_f(f), m_lim(limits), m_size(f.m_bytes.size()) {}

    Status run() {
        if (Status s = header(); !s) return s;
        std::unordered_set<std::string> seen;
        for (uint64_t i = 0; i < m_n_kv; ++i) {
            if (Status s = key_value(i, seen); !s) return s;
        }
        if (Status s = alignment(); !s) return s;
        std::unordered_set<std::string> names;
        for (uint64_t i = 0; i < m_n_tensors; ++i) {
            if (Status s = tensor_info(i, names); !s) return s;
        }
        return data_section();
    }

private:
    uint64_t left() const { return m_size - m_pos; }

    Error fail(const std::string &what) const { return user_error(m_f.m_label + ": " + what); }
    Error truncated(const std::string &inside) const {
        return fail("the file ends inside " + inside + " (at byte " + num(m_size) + "): it is truncated");
    }

    template <class T>
    Status read(T &v, const std::string &inside) {
        if (left() < sizeof(T)) return truncated(inside);
        std::memcpy(&v, m_f.m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return {};
    }

    Status read_string(std::string &out, uint64_t max, const std::string &inside, const char *what) {
        uint64_t n = 0;
        if (Status s = read(n, inside); !s) return s;
        if (n > max) return fail(inside + ": " + what + " of " + num(n) + " bytes exceeds the limit of " + num(max));
        if (n > left()) return truncated(inside + " (" + what + " of " + num(n) + " bytes, " + num(left()) + " left)");
        out.assign(reinterpret_cast<const char *>(m_f.m_bytes.data() + m_pos), n);
        m_pos += n;
        return {};
    }

    Status header() {
        uint32_t magic = 0;
        if (m_size < 4) return fail("not a GGUF file: it has only " + num(m_size) + " bytes");
        if (Status s = read(magic, "the header"); !s) return s;
        if (magic != kMagic) return fail("not a GGUF file: it does not start with \"GGUF\"");
        if (Status s = read(m_f.m_version, "the header"); !s) return s;
        const uint32_t v = m_f.m_version;
        if (v != 2 && v != 3) {
            if (v != 0 && (v & 0xffff) == 0) return fail("a big-endian GGUF file, which Smolify does not read");
            if (v == 1) return fail("GGUF version 1 is not supported (only versions 2 and 3); convert the file again");
            return fail("unsupported GGUF version " + num(v) + " (expected 3)");
        }
        if (Status s = read(m_n_tensors, "the header"); !s) return s;
        if (Status s = read(m_n_kv, "the header"); !s) return s;
        if (m_n_kv > m_lim.max_kv)
            return fail("the header claims " + num(m_n_kv) + " key/value pairs, more than the limit of " +
                        num(m_lim.max_kv));
        if (m_n_tensors > m_lim.max_tensors)
            return fail("the header claims " + num(m_n_tensors) + " tensors, more than the limit of " +
                        num(m_lim.max_tensors));
        if (m_n_kv > left() / kMinKvBytes)
            return fail("the header claims " + num(m_n_kv) + " key/value pairs, but the file has room for at most " +
                        num(left() / kMinKvBytes) + ": it is truncated or corrupt");
        if (m_n_tensors > left() / kMinTensorInfoBytes)
            return fail("the header claims " + num(m_n_tensors) + " tensors, but the file has room for at most " +
                        num(left() / kMinTensorInfoBytes) + " tensor infos: it is truncated or corrupt");
        return {};
    }

    // One value of type t (not array) into v; `inside` names it for messages.
    Status scalar(Type t, Value &v, const std::string &inside, const std::string &key) {
        switch (t) {
            case Type::u8: return read_as<uint8_t>(v, inside);
            case Type::i8: return read_as<int8_t>(v, inside);
            case Type::u16: return read_as<uint16_t>(v, inside);
            case Type::i16: return read_as<int16_t>(v, inside);
            case Type::u32: return read_as<uint32_t>(v, inside);
            case Type::i32: return read_as<int32_t>(v, inside);
            case Type::f32: return read_as<float>(v, inside);
            case Type::u64: return read_as<uint64_t>(v, inside);
            case Type::i64: return read_as<int64_t>(v, inside);
            case Type::f64: return read_as<double>(v, inside);
            case Type::boolean: {
                uint8_t b = 0;
                if (Status s = read(b, inside); !s) return s;
                if (b > 1) return fail("key " + key + ": bool value " + num(b) + " is neither 0 nor 1");
                v = b == 1;
                return {};
            }
            case Type::string: {
                std::string s;
                if (Status st = read_string(s, m_lim.max_string_bytes, inside, "a string"); !st) return st;
                v = std::move(s);
                return {};
            }
            case Type::array:
                break;
        }
        return internal_error("GGUF parser: scalar() called for an array");
    }

    template <class T>
    Status read_as(Value &v, const std::string &inside) {
        T x{};
        if (Status s = read(x, inside); !s) return s;
        v = x;
        return {};
    }

    Status array(Array &a, const std::string &key) {
        const std::string inside = "the value of key " + key;
        uint32_t et = 0;
        uint64_t count = 0;
        if (Status s = read(et, inside); !s) return s;
        if (et >= kTypeCount) return fail("key " + key + ": unknown array element type " + num(et));
        if (static_cast<Type>(et) == Type::array) return fail("key " + key + ": arrays of arrays are not supported");
        a.type = static_cast<Type>(et);
        if (Status s = read(count, inside); !s) return s;
        if (count > m_lim.max_array_elements)
            return fail("key " + key + ": an array of " + num(count) + " elements exceeds the limit of " +
                        num(m_lim.max_array_elements));
        const uint64_t min_elem = a.type == Type::string ? 8 : type_size(a.type);
        if (count > left() / min_elem)
            return truncated(inside + " (an array of " + num(count) + " elements needs at least " +
                             num(count) + " x " + num(min_elem) + " bytes, " + num(left()) + " left)");
        if (a.type == Type::string) {
            a.strings.resize(count);
            for (uint64_t i = 0; i < count; ++i) {
                if (Status s = read_string(a.strings[i], m_lim.max_string_bytes, inside, "a string"); !s) return s;
            }
            return {};
        }
        const uint64_t n = count * min_elem;  // <= left(), checked above
        a.data.assign(m_f.m_bytes.data() + m_pos, m_f.m_bytes.data() + m_pos + n);
        m_pos += n;
        if (a.type == Type::boolean) {
            for (uint64_t i = 0; i < count; ++i)
                if (a.data[i] > 1)
                    return fail("key " + key + ": bool element " + num(i) + " is " + num(a.data[i]) +
                                ", neither 0 nor 1");
        }
        return {};
    }

    Status key_value(uint64_t i, std::unordered_set<std::string> &seen) {
        KeyValue kv;
        const std::string inside = "key/value pair " + num(i) + " of " + num(m_n_kv);
        if (Status s = read_string(kv.key, m_lim.max_key_bytes, inside, "a key"); !s) return s;
        if (kv.key.empty()) return fail(inside + " has an empty key");
        if (!seen.insert(kv.key).second) return fail("duplicate key " + kv.key);
        uint32_t t = 0;
        if (Status s = read(t, "the type of key " + kv.key); !s) return s;
        if (t >= kTypeCount) return fail("key " + kv.key + " has unknown value type " + num(t));
        if (static_cast<Type>(t) == Type::array) {
            Array a;
            if (Status s = array(a, kv.key); !s) return s;
            kv.value = std::move(a);
        } else if (Status s = scalar(static_cast<Type>(t), kv.value, "the value of key " + kv.key, kv.key); !s) {
            return s;
        }
        m_f.m_kvs.push_back(std::move(kv));
        return {};
    }

    Status alignment() {
        for (const auto &kv : m_f.m_kvs) {
            if (kv.key != "general.alignment") continue;
            const auto *a = std::get_if<uint32_t>(&kv.value);
            if (!a)
                return fail("key general.alignment has type " + std::string(type_name(value_type(kv.value))) +
                            ", expected u32");
            if (*a == 0 || (*a & (*a - 1)) != 0 || *a > kMaxAlignment)
                return fail("general.alignment " + num(*a) + " is not a power of two up to " + num(kMaxAlignment));
            m_f.m_alignment = *a;
        }
        return {};
    }

    Status tensor_info(uint64_t i, std::unordered_set<std::string> &names) {
        TensorInfo t;
        const std::string inside = "tensor info " + num(i) + " of " + num(m_n_tensors);
        if (Status s = read_string(t.name, kMaxName, inside, "a tensor name"); !s) return s;
        if (t.name.empty()) return fail(inside + " has an empty name");
        if (!names.insert(t.name).second) return fail("duplicate tensor " + t.name);
        const std::string at = "the info of tensor " + t.name;
        uint32_t n_dims = 0;
        if (Status s = read(n_dims, at); !s) return s;
        if (n_dims == 0 || n_dims > kMaxDims)
            return fail("tensor " + t.name + " has " + num(n_dims) + " dimensions; 1 to 4 are allowed");
        t.ne.resize(n_dims);
        uint64_t elements = 1;
        for (uint32_t d = 0; d < n_dims; ++d) {
            uint64_t n = 0;
            if (Status s = read(n, at); !s) return s;
            if (n == 0) return fail("tensor " + t.name + ": dimension " + num(d) + " is 0");
            if (n > static_cast<uint64_t>(INT64_MAX))
                return fail("tensor " + t.name + ": dimension " + num(d) + " (" + num(n) + ") is negative or too large");
            if (elements > static_cast<uint64_t>(INT64_MAX) / n)
                return fail("tensor " + t.name + ": the element count overflows");
            elements *= n;
            t.ne[d] = static_cast<int64_t>(n);
        }
        t.elements = static_cast<int64_t>(elements);
        uint32_t type = 0;
        if (Status s = read(type, at); !s) return s;
        if (!ggml_type_known(type)) {
            const std::string name = ggml_type_name(type);
            if (name.rfind("type ", 0) == 0)
                return fail("tensor " + t.name + " has unknown ggml type " + num(type));
            return fail("tensor " + t.name + " has type " + name +
                        ", which Smolify does not read (it reads F32, F16, BF16, Q8_0 and Q4_0)");
        }
        t.type = static_cast<GgmlType>(type);
        if (!row_fits(t.type, t.ne[0]))
            return fail("tensor " + t.name + ": rows of " + num(static_cast<uint64_t>(t.ne[0])) +
                        " elements are not a multiple of the " + ggml_type_name(type) + " block of " +
                        num(static_cast<uint64_t>(ggml_block_size(t.type))));
        // Compare the block count with what the whole file could hold before multiplying (the
        // product could overflow for a hostile element count).
        const uint64_t blocks = elements / static_cast<uint64_t>(ggml_block_size(t.type));
        if (blocks > m_size / ggml_block_bytes(t.type))
            return fail("tensor " + t.name + " claims " + num(elements) + " elements, more than the file of " +
                        num(m_size) + " bytes can hold");
        t.bytes = blocks * ggml_block_bytes(t.type);
        if (Status s = read(t.offset, at); !s) return s;
        if (t.offset % m_f.m_alignment != 0)
            return fail("tensor " + t.name + ": offset " + num(t.offset) + " is not a multiple of the alignment " +
                        num(m_f.m_alignment));
        m_f.m_tensors.push_back(std::move(t));
        return {};
    }

    Status data_section() {
        const uint64_t a = m_f.m_alignment;
        m_f.m_data_offset = m_pos + (a - m_pos % a) % a;  // m_pos <= size: no overflow
        if (m_f.m_tensors.empty()) return {};
        if (m_f.m_data_offset > m_size)
            return fail("the file ends before its data section (at byte " + num(m_size) + "): it is truncated");
        const uint64_t data_size = m_size - m_f.m_data_offset;
        std::vector<const TensorInfo *> by_offset;
        by_offset.reserve(m_f.m_tensors.size());
        for (const auto &t : m_f.m_tensors) {
            if (t.offset > data_size || t.bytes > data_size - t.offset)
                return fail("the data of tensor " + t.name + " (bytes " + num(t.offset) + " to " +
                            num(t.offset + std::min<uint64_t>(t.bytes, UINT64_MAX - t.offset)) +
                            " of the data section) lie beyond the end of the file (" + num(data_size) +
                            " data bytes): it is truncated or corrupt");
            by_offset.push_back(&t);
        }
        std::sort(by_offset.begin(), by_offset.end(),
                  [](const TensorInfo *x, const TensorInfo *y) { return x->offset < y->offset; });
        for (std::size_t i = 1; i < by_offset.size(); ++i) {
            const TensorInfo &p = *by_offset[i - 1], &c = *by_offset[i];
            if (p.offset + p.bytes > c.offset)
                return fail("the data of tensors " + p.name + " and " + c.name + " overlap");
        }
        return {};
    }

    File &m_f;
    const ReadLimits &m_lim;
    uint64_t m_size;
    uint64_t m_pos = 0;
    uint64_t m_n_tensors = 0;
    uint64_t m_n_kv = 0;
};

Result<std::unique_ptr<File>> File::parse(std::span<const uint8_t> bytes, const ReadLimits &limits,
                                          std::string label) {
    std::unique_ptr<File> f(new File());
    f->m_label = std::move(label);
    f->m_bytes = bytes;
    Parser p(*f, limits);
    if (Status s = p.run(); !s) return s.error();
    for (std::size_t i = 0; i < f->m_kvs.size(); ++i) f->m_key_index.emplace(f->m_kvs[i].key, i);
    for (std::size_t i = 0; i < f->m_tensors.size(); ++i) f->m_tensor_index.emplace(f->m_tensors[i].name, i);
    return f;
}

Result<std::unique_ptr<File>> File::open(const std::filesystem::path &path, const ReadLimits &limits) {
    const std::string label = path.filename().string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return user_error("cannot open " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return user_error(path.string() + " is not a regular file");
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size < 4) {
        ::close(fd);
        return user_error(label + ": not a GGUF file: it has only " + std::to_string(size) + " bytes");
    }
    void *map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd);  // the mapping keeps the file open
    if (map == MAP_FAILED) return user_error("cannot map " + path.string() + ": " + std::strerror(err));
    auto parsed = parse({static_cast<const uint8_t *>(map), size}, limits, label);
    if (!parsed) {
        ::munmap(map, size);
        return parsed.error();
    }
    (*parsed)->m_map = map;
    (*parsed)->m_map_size = size;
    return parsed;
}

File::~File() {
    if (m_map) ::munmap(m_map, m_map_size);
}

const Value *File::find(std::string_view key) const {
    auto it = m_key_index.find(key);
    return it == m_key_index.end() ? nullptr : &m_kvs[it->second].value;
}

const TensorInfo *File::tensor(std::string_view name) const {
    auto it = m_tensor_index.find(name);
    return it == m_tensor_index.end() ? nullptr : &m_tensors[it->second];
}

Error File::missing_key(std::string_view key) const {
    return user_error(m_label + ": the key " + std::string(key) + " is missing");
}

Error File::wrong_type(std::string_view key, Type expected, Type actual) const {
    return user_error(m_label + ": key " + std::string(key) + " has type " + std::string(type_name(actual)) +
                      ", expected " + std::string(type_name(expected)));
}

std::span<const uint8_t> File::data(const TensorInfo &t) const {
    return m_bytes.subspan(m_data_offset + t.offset, t.bytes);
}

Status File::read_rows(const TensorInfo &t, int64_t first_row, int64_t rows, float *out) const {
    if (first_row < 0 || rows < 0 || first_row > t.rows() || rows > t.rows() - first_row)
        return user_error(m_label + ": rows " + std::to_string(first_row) + "+" + std::to_string(rows) +
                          " are outside tensor " + t.name);
    const std::size_t rb = row_bytes(t.type, t.ne[0]);
    const uint8_t *p = data(t).data() + static_cast<std::size_t>(first_row) * rb;
    for (int64_t r = 0; r < rows; ++r) dequantize_row(t.type, p + r * rb, t.ne[0], out + r * t.ne[0]);
    return {};
}

Result<std::vector<float>> File::read_f32(const TensorInfo &t) const {
    std::vector<float> out(static_cast<std::size_t>(t.elements));
    if (Status s = read_rows(t, 0, t.rows(), out.data()); !s) return s.error();
    return out;
}

}  // namespace smolify::gguf
