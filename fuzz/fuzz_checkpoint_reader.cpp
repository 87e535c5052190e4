// libFuzzer target: the training checkpoint reader (core/train/checkpoint.h) on arbitrary bytes
// written as a file.
//
// trust.md, "hostile model files": read_checkpoint_info returns the info or a *user* error with a
// message (an internal error is a finding), allocating nothing the file's size does not justify. Info
// that is returned must be consistent: a valid model config whose parameter count is n, every
// header field Smolify reads of its type, data and trailer exactly filling the file. Reading the data
// then either succeeds or fails with a user error (the checksum). Allocation bounds are enforced by
// libFuzzer's -rss_limit_mb and -malloc_limit_mb.
#include <cstdint>
#include <vector>

#include "fuzz_util.h"
#include "train/checkpoint.h"

namespace train = smolify::train;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    static smolify::fuzz::ScratchDir scratch("checkpoint");
    const auto path = scratch.path() / "fuzz.ckpt";
    smolify::fuzz::write_file(path, data, size);
    auto info = train::read_checkpoint_info(path);
    if (!info) {
        FUZZ_CHECK_MSG(info.error().kind == smolify::ErrorKind::user, info.error().message);
        FUZZ_CHECK(!info.error().message.empty());
        return 0;
    }
    FUZZ_CHECK(info->config.validate().ok());
    FUZZ_CHECK(info->n == uint64_t(info->config.parameter_count()));
    FUZZ_CHECK(info->file_size == size);
    const uint64_t arrays = info->has_moments ? 3 : 1;
    FUZZ_CHECK(info->data_offset % 64 == 0 && info->data_offset + arrays * info->n * 4 + 32 == size);
    FUZZ_CHECK(info->header.is_object());
    std::vector<float> p(info->n), m, v;
    if (info->has_moments) {
        m.resize(info->n);
        v.resize(info->n);
    }
    auto st = train::read_checkpoint_data(path, *info, p, m, v);
    if (!st) FUZZ_CHECK_MSG(st.error().kind == smolify::ErrorKind::user, st.error().message);
    return 0;
}
