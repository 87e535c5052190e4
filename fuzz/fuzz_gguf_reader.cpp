// libFuzzer target: gguf::File::parse (core/export/gguf_reader.h) on arbitrary bytes, and what the
// inference engine and the student import then do with a file that parses.
//
// trust.md, "hostile model files": a specific user error for each defect, no crash, no allocation
// larger than the file. So: parsing returns a File or a *user* error with a message (an internal
// error is a finding). A File that parses must be self-consistent: every tensor's bytes inside the
// input, offsets aligned, sizes as the type and shape say, no two tensors overlapping; decoding
// its rows must work; read_student_header and base::inspect_gguf must return a result or a user
// error. Finally the writer must be able to write the parsed file back, and parsing and writing that
// again must give the same
// bytes (the writer and reader agree on the format). Allocation bounds are enforced by libFuzzer's
// -rss_limit_mb and -malloc_limit_mb (run.sh sets the first; ASan reports oversized mallocs).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "base/gguf_base.h"
#include "export/gguf_reader.h"
#include "export/gguf_student.h"
#include "export/gguf_writer.h"
#include "export/quant.h"
#include "fuzz_util.h"

namespace gguf = smolify::gguf;

namespace {

void check_consistent(const gguf::File &f, std::size_t size) {
    FUZZ_CHECK(f.alignment() > 0 && (f.alignment() & (f.alignment() - 1)) == 0);
    FUZZ_CHECK(f.data_offset() % f.alignment() == 0);
    std::vector<std::pair<uint64_t, uint64_t>> spans;
    for (const auto &t : f.tensors()) {
        FUZZ_CHECK(!t.name.empty() && t.name.size() <= 63);
        FUZZ_CHECK(!t.ne.empty() && t.ne.size() <= 4);
        FUZZ_CHECK(t.offset % f.alignment() == 0);
        FUZZ_CHECK(t.bytes == gguf::tensor_bytes(t.type, t.ne));
        FUZZ_CHECK(f.data_offset() + t.offset + t.bytes <= size);
        FUZZ_CHECK(f.tensor(t.name) == &t);
        spans.emplace_back(t.offset, t.offset + t.bytes);
        // Decode a few rows (bounded, so a large valid tensor does not eat the time budget).
        const int64_t rows = std::min<int64_t>(t.rows(), std::max<int64_t>(1, 4096 / t.ne[0]));
        std::vector<float> out(static_cast<std::size_t>(rows * t.ne[0]));
        smolify::Status s = f.read_rows(t, 0, rows, out.data());
        FUZZ_CHECK_MSG(s.ok(), s.error().message);
        FUZZ_CHECK(!f.read_rows(t, t.rows(), 1, out.data()).ok());
    }
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) FUZZ_CHECK(spans[i - 1].second <= spans[i].first);
    for (const auto &kv : f.kvs()) FUZZ_CHECK(f.find(kv.key) == &kv.value);
}

smolify::Result<std::string> rewrite(const gguf::File &f) {
    std::vector<gguf::TensorSource> t;
    for (const auto &ti : f.tensors()) t.push_back({ti.name, ti.type, ti.ne, nullptr, f.data(ti)});
    return gguf::write_memory(f.kvs(), t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    auto parsed = gguf::File::parse({data, size}, {}, "fuzz.gguf");
    if (!parsed) {
        FUZZ_CHECK_MSG(parsed.error().kind == smolify::ErrorKind::user, parsed.error().message);
        FUZZ_CHECK(!parsed.error().message.empty());
        return 0;
    }
    const gguf::File &f = **parsed;
    check_consistent(f, size);

    auto header = gguf::read_student_header(f);
    if (!header) FUZZ_CHECK_MSG(header.error().kind == smolify::ErrorKind::user, header.error().message);
    // As a pretrained base (core/base): its description, or a user error that says what is wrong.
    auto base_info = smolify::base::inspect_gguf(f);
    if (!base_info) {
        FUZZ_CHECK_MSG(base_info.error().kind == smolify::ErrorKind::user, base_info.error().message);
        FUZZ_CHECK(!base_info.error().message.empty());
    } else {
        FUZZ_CHECK(base_info->layers >= 1 && base_info->dim >= 1 && base_info->vocab >= 1);
        FUZZ_CHECK(base_info->heads % base_info->kv_heads == 0);
    }

    // Writer and reader agree: write(parse(x)) parses, and writing that again gives the same bytes.
    auto once = rewrite(f);
    FUZZ_CHECK_MSG(once.ok(), once.ok() ? "" : once.error().message);
    auto again = gguf::File::parse({reinterpret_cast<const uint8_t *>(once->data()), once->size()}, {}, "again");
    FUZZ_CHECK_MSG(again.ok(), again.ok() ? "" : again.error().message);
    FUZZ_CHECK((*again)->kvs().size() == f.kvs().size() && (*again)->tensors().size() == f.tensors().size());
    auto twice = rewrite(**again);
    FUZZ_CHECK(twice.ok() && *twice == *once);
    return 0;
}
