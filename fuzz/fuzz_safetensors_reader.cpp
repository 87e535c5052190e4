// libFuzzer target: safetensors::parse (core/export/safetensors.h) on arbitrary bytes.
//
// trust.md, "hostile model files": parsing returns the tensors or a *user* error with a message (an
// internal error is a finding). A file that parses must be self-consistent: tensors in data order
// exactly covering the data section, each span the size its dtype and shape say; float tensors
// decode. Then the writer must write the parsed tensors and metadata back, and reading that file
// must give the same names, dtypes, shapes, bytes and metadata (writer and reader agree on the
// format). Allocation bounds are enforced by libFuzzer's -rss_limit_mb and -malloc_limit_mb.
#include <cstdint>
#include <cstring>
#include <vector>

#include "export/safetensors.h"
#include "fuzz_util.h"

namespace st = smolify::safetensors;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    static smolify::fuzz::ScratchDir scratch("safetensors");
    auto parsed = st::parse({data, size}, "fuzz.safetensors");
    if (!parsed) {
        FUZZ_CHECK_MSG(parsed.error().kind == smolify::ErrorKind::user, parsed.error().message);
        FUZZ_CHECK(!parsed.error().message.empty());
        return 0;
    }
    const st::Parsed &p = *parsed;
    FUZZ_CHECK(p.data_offset >= 8 && p.data_offset <= size);
    FUZZ_CHECK(p.data.size() == size - p.data_offset);
    uint64_t at = 0;
    for (const auto &t : p.tensors) {
        FUZZ_CHECK(!t.name.empty());
        FUZZ_CHECK(t.begin == at && t.end >= t.begin && t.end <= p.data.size());
        FUZZ_CHECK(t.end - t.begin == t.elements() * st::dtype_size(t.dtype));
        at = t.end;
        if (t.dtype == st::Dtype::f32 || t.dtype == st::Dtype::f16 || t.dtype == st::Dtype::bf16) {
            auto values = p.to_f32(t);
            FUZZ_CHECK(values.ok() && values->size() == t.elements());
        }
    }
    FUZZ_CHECK(at == p.data.size());

    std::vector<st::WriteTensor> out;
    for (const auto &t : p.tensors) out.push_back({t.name, t.dtype, t.shape, p.bytes(t)});
    st::WriteParams wp;
    wp.metadata = p.metadata;
    const auto path = scratch.path() / "rewritten.safetensors";
    auto written = st::write(path, out, wp);
    FUZZ_CHECK_MSG(written.ok(), written.error().message);
    auto again = st::read(path);
    FUZZ_CHECK_MSG(again.ok(), again.error().message);
    const st::Parsed &q = (*again)->parsed;
    FUZZ_CHECK(q.data_offset % 8 == 0);
    FUZZ_CHECK(q.metadata == p.metadata);
    FUZZ_CHECK(q.tensors.size() == p.tensors.size());
    for (const auto &t : p.tensors) {
        const st::TensorInfo *u = q.find(t.name);
        FUZZ_CHECK(u && u->dtype == t.dtype && u->shape == t.shape);
        const auto a = p.bytes(t), b = q.bytes(*u);
        FUZZ_CHECK(a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0));
    }
    return 0;
}
