// GGUF writer (gguf_writer.h). The header and tensor infos are built in memory (kilobytes, plus the
// vocabulary), then the data section is streamed tensor by tensor into the sink.
#include "export/gguf_writer.h"

#include <set>

#include "export/quant.h"
#include "util/fs.h"

namespace smolify::gguf {

namespace {

constexpr std::size_t kMaxName = 63;
constexpr int kMaxDims = 4;

using Sink = std::function<Status(std::string_view)>;

template <class T>
void put(std::string &out, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
}

void put_string(std::string &out, std::string_view s) {
    put<uint64_t>(out, s.size());
    out.append(s);
}

uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

Status put_value(std::string &out, const std::string &key, const Value &v) {
    return std::visit(
        [&](const auto &x) -> Status {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string>) {
                put_string(out, x);
            } else if constexpr (std::is_same_v<T, Array>) {
                if (x.type == Type::array)
                    return internal_error("GGUF key " + key + ": arrays of arrays are not supported");
                if (static_cast<uint32_t>(x.type) >= kTypeCount)
                    return internal_error("GGUF key " + key + ": unknown array element type");
                put<uint32_t>(out, static_cast<uint32_t>(x.type));
                if (x.type == Type::string) {
                    put<uint64_t>(out, x.strings.size());
                    for (const auto &s : x.strings) put_string(out, s);
                } else {
                    const std::size_t es = type_size(x.type);
                    if (x.data.size() % es != 0)
                        return internal_error("GGUF key " + key + ": array data is not a whole number of elements");
                    put<uint64_t>(out, x.data.size() / es);
                    out.append(reinterpret_cast<const char *>(x.data.data()), x.data.size());
                }
            } else if constexpr (std::is_same_v<T, bool>) {
                put<uint8_t>(out, x ? 1 : 0);
            } else {
                put<T>(out, x);
            }
            return {};
        },
        v);
}

struct Planned {
    uint64_t offset = 0;
    uint64_t bytes = 0;
};

Status check_tensor(const TensorSource &t, uint64_t &bytes) {
    const std::string where = "GGUF tensor '" + t.name + "': ";
    if (t.name.empty() || t.name.size() > kMaxName)
        return internal_error(where + "the name must have 1 to 63 bytes");
    if (!ggml_type_known(static_cast<uint32_t>(t.type))) return internal_error(where + "unknown type");
    if (t.ne.empty() || t.ne.size() > kMaxDims) return internal_error(where + "needs 1 to 4 dimensions");
    bytes = tensor_bytes(t.type, t.ne);
    if (bytes == 0)
        return internal_error(where + "shape does not fit type " + ggml_type_name(static_cast<uint32_t>(t.type)));
    if ((t.f32 != nullptr) == (!t.raw.empty())) return internal_error(where + "needs exactly one data source");
    if (!t.raw.empty() && t.raw.size() != bytes)
        return internal_error(where + "raw data has " + std::to_string(t.raw.size()) + " bytes, expected " +
                              std::to_string(bytes));
    return {};
}

Status write_all(const Sink &sink, std::span<const KeyValue> kvs, std::span<const TensorSource> tensors,
                 const WriteParams &params) {
    // Keys: unique, non-empty; general.alignment fixes the alignment.
    uint32_t alignment = kDefaultAlignment;
    std::set<std::string_view> keys;
    for (const auto &kv : kvs) {
        if (kv.key.empty()) return internal_error("GGUF: empty key");
        if (!keys.insert(kv.key).second) return internal_error("GGUF: duplicate key " + kv.key);
        if (kv.key == "general.alignment") {
            const auto *a = std::get_if<uint32_t>(&kv.value);
            if (!a || *a == 0 || (*a & (*a - 1)) != 0)
                return internal_error("GGUF: general.alignment must be a u32 power of two");
            alignment = *a;
        }
    }
    std::vector<Planned> plan(tensors.size());
    std::set<std::string_view> names;
    uint64_t total = 0;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        if (Status s = check_tensor(tensors[i], plan[i].bytes); !s) return s;
        if (!names.insert(tensors[i].name).second)
            return internal_error("GGUF: duplicate tensor " + tensors[i].name);
        plan[i].offset = total;
        total = align_up(total + plan[i].bytes, alignment);
    }

    std::string head;
    put<uint32_t>(head, kMagic);
    put<uint32_t>(head, kVersion);
    put<uint64_t>(head, tensors.size());
    put<uint64_t>(head, kvs.size());
    for (const auto &kv : kvs) {
        put_string(head, kv.key);
        put<uint32_t>(head, static_cast<uint32_t>(kv.value.index()));
        if (Status s = put_value(head, kv.key, kv.value); !s) return s;
    }
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const auto &t = tensors[i];
        put_string(head, t.name);
        put<uint32_t>(head, static_cast<uint32_t>(t.ne.size()));
        for (int64_t d : t.ne) put<uint64_t>(head, static_cast<uint64_t>(d));
        put<uint32_t>(head, static_cast<uint32_t>(t.type));
        put<uint64_t>(head, plan[i].offset);
    }
    head.resize(align_up(head.size(), alignment), '\0');
    if (Status s = sink(head); !s) return s;

    // Data: one row at a time for converted tensors, so memory stays at one row (plus padding).
    const std::string zeros(alignment, '\0');
    std::vector<uint8_t> row;
    uint64_t done = 0;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const auto &t = tensors[i];
        if (t.f32) {
            const int64_t n0 = t.ne[0];
            const int64_t rows = static_cast<int64_t>(plan[i].bytes / row_bytes(t.type, n0));
            row.resize(row_bytes(t.type, n0));
            for (int64_t r = 0; r < rows; ++r) {
                if (params.hooks.cancelled()) return job::cancelled();
                if (Status s = quantize_row(t.type, t.f32 + r * n0, n0, row.data()); !s)
                    return user_error("tensor " + t.name + ", row " + std::to_string(r) + ": " + s.error().message);
                if (Status s = sink({reinterpret_cast<const char *>(row.data()), row.size()}); !s) return s;
            }
        } else {
            if (params.hooks.cancelled()) return job::cancelled();
            if (Status s = sink({reinterpret_cast<const char *>(t.raw.data()), t.raw.size()}); !s) return s;
        }
        const uint64_t pad = align_up(plan[i].bytes, alignment) - plan[i].bytes;
        if (Status s = sink({zeros.data(), pad}); !s) return s;
        done += plan[i].bytes + pad;
        if (!params.hooks.report(job::bytes_progress(done, total))) return job::cancelled();
    }
    return {};
}

}  // namespace

uint64_t tensor_bytes(GgmlType type, std::span<const int64_t> ne) {
    if (ne.empty() || ne.size() > kMaxDims || !ggml_type_known(static_cast<uint32_t>(type))) return 0;
    if (!row_fits(type, ne[0])) return 0;
    uint64_t bytes = row_bytes(type, ne[0]);
    for (std::size_t d = 1; d < ne.size(); ++d) {
        if (ne[d] <= 0) return 0;
        if (bytes > UINT64_MAX / static_cast<uint64_t>(ne[d])) return 0;
        bytes *= static_cast<uint64_t>(ne[d]);
    }
    return bytes;
}

Status write_file(const std::filesystem::path &path, std::span<const KeyValue> kvs,
                  std::span<const TensorSource> tensors, const WriteParams &params) {
    AtomicFile file;
    if (Status s = file.open(path); !s) return s;
    Status s = write_all([&](std::string_view b) { return file.write(b); }, kvs, tensors, params);
    if (!s) return s;  // the AtomicFile's destructor removes the temporary file
    return file.commit();
}

Result<std::string> write_memory(std::span<const KeyValue> kvs, std::span<const TensorSource> tensors,
                                 const WriteParams &params) {
    std::string out;
    Status s = write_all(
        [&](std::string_view b) {
            out.append(b);
            return Status{};
        },
        kvs, tensors, params);
    if (!s) return s.error();
    return out;
}

}  // namespace smolify::gguf
