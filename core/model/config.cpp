// The student's hyper-parameters: validation, parameter and FLOP counts, JSON round trip and the
// named presets. Called by the trainer (project settings), the bench command and export (GGUF keys).
#include <algorithm>
#include <array>

#include "model/model.h"

namespace smolify::model {

namespace {

struct PresetShape {
    const char *name;
    int dim, layers, heads, kv_heads, ffn;
};

// Parameter counts at vocab 4096, tied (docs/model.md): tiny 1.93M, small 5.87M, base 19.3M. Head size
// 32 or 64 keeps the attention sgemm shapes efficient; ffn ~ 8/3 x dim rounded to a multiple of 32.
constexpr std::array<PresetShape, 4> kPresets{{
    {"micro", 96, 3, 3, 3, 256},
    {"tiny", 160, 4, 5, 5, 448},
    {"small", 256, 6, 8, 8, 704},
    {"base", 384, 10, 6, 6, 1024},
}};

Status field_error(const std::string &field, const std::string &why) {
    return user_error("model config: " + field + " " + why);
}

}  // namespace

Status Config::validate() const {
    if (vocab < 2 || vocab > 1'000'000) return field_error("vocab", "must be between 2 and 1000000");
    if (dim <= 0 || dim % 32 != 0 || dim > 16384)
        return field_error("dim", "must be a positive multiple of 32 up to 16384");
    if (layers <= 0 || layers > 256) return field_error("layers", "must be between 1 and 256");
    if (heads <= 0 || dim % heads != 0) return field_error("heads", "must be positive and divide dim");
    if (head_dim() % 2 != 0)
        return field_error("heads", "must leave an even head size (dim / heads) for RoPE");
    if (kv_heads <= 0 || heads % kv_heads != 0)
        return field_error("kv_heads", "must be positive and divide heads");
    if (ffn <= 0 || ffn % 32 != 0 || ffn > 65536)
        return field_error("ffn", "must be a positive multiple of 32 up to 65536");
    if (max_seq <= 0 || max_seq > 65536) return field_error("max_seq", "must be between 1 and 65536");
    if (!(rope_theta > 0.0f)) return field_error("rope_theta", "must be positive");
    if (!(norm_eps > 0.0f) || norm_eps > 1.0f) return field_error("norm_eps", "must be in (0, 1]");
    return Status::success();
}

int64_t Config::parameter_count() const {
    const int64_t d = dim, f = ffn, kv = kv_dim();
    const int64_t per_layer = 2 * d + d * d + 2 * kv * d + d * d + 3 * f * d;
    return static_cast<int64_t>(vocab) * d * (tied ? 1 : 2) + layers * per_layer + d;
}

double Config::train_flops_per_token(int seq, double head_share) const {
    const double d = dim, f = ffn, kv = kv_dim();
    const double matmul_weights =
        layers * (2 * d * d + 2 * kv * d + 3 * f * d) + std::clamp(head_share, 0.0, 1.0) * vocab * d;
    return 6.0 * matmul_weights + 6.0 * layers * static_cast<double>(seq) * d;
}

nlohmann::json Config::to_json() const {
    return {{"vocab", vocab},       {"dim", dim},  {"layers", layers},   {"heads", heads},
            {"kv_heads", kv_heads}, {"ffn", ffn},  {"max_seq", max_seq}, {"rope_theta", rope_theta},
            {"norm_eps", norm_eps}, {"tied", tied}};
}

Result<Config> Config::from_json(const nlohmann::json &j) {
    if (!j.is_object()) return user_error("model config: expected a JSON object");
    Config c;
    auto read_int = [&](const char *key, int &out) -> Status {
        if (!j.contains(key)) return Status::success();  // defaults fill what an older file lacks
        const auto &v = j.at(key);
        if (!v.is_number_integer()) return field_error(key, "must be an integer");
        const auto x = v.get<int64_t>();
        if (x < -(1LL << 30) || x > (1LL << 30)) return field_error(key, "is out of range");
        out = static_cast<int>(x);
        return Status::success();
    };
    auto read_float = [&](const char *key, float &out) -> Status {
        if (!j.contains(key)) return Status::success();
        const auto &v = j.at(key);
        if (!v.is_number()) return field_error(key, "must be a number");
        out = v.get<float>();
        return Status::success();
    };
    for (auto [key, ptr] : {std::pair{"vocab", &c.vocab},
                            {"dim", &c.dim},
                            {"layers", &c.layers},
                            {"heads", &c.heads},
                            {"kv_heads", &c.kv_heads},
                            {"ffn", &c.ffn},
                            {"max_seq", &c.max_seq}}) {
        if (Status s = read_int(key, *ptr); !s) return s.error();
    }
    if (Status s = read_float("rope_theta", c.rope_theta); !s) return s.error();
    if (Status s = read_float("norm_eps", c.norm_eps); !s) return s.error();
    if (j.contains("tied")) {
        if (!j.at("tied").is_boolean()) return field_error("tied", "must be true or false").error();
        c.tied = j.at("tied").get<bool>();
    }
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

Result<Config> preset(std::string_view name, int vocab) {
    for (const auto &p : kPresets) {
        if (name != p.name) continue;
        Config c;
        c.vocab = vocab;
        c.dim = p.dim;
        c.layers = p.layers;
        c.heads = p.heads;
        c.kv_heads = p.kv_heads;
        c.ffn = p.ffn;
        if (Status s = c.validate(); !s) return s.error();
        return c;
    }
    return user_error("unknown model preset '" + std::string(name) + "' (micro, tiny, small or base)");
}

std::vector<std::string> preset_names() {
    std::vector<std::string> names;
    for (const auto &p : kPresets)
        names.emplace_back(p.name);
    return names;
}

}  // namespace smolify::model
