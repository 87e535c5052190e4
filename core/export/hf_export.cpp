// Hugging Face folder export (see hf_export.h).
#include "export/hf_export.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "export/safetensors.h"
#include "infer/infer.h"
#include "infer/runner.h"
#include "text/chat_format.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::hf {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The shortest decimal that reads back as the same float, as a double: 1e-5f is written as 1e-05,
// not 9.999999747378752e-06, and Python's float32 of it is the same float again.
double shortest(float f) {
    char buf[32];
    for (int digits = 6; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(f));
        if (std::strtof(buf, nullptr) == f) break;
    }
    return std::strtod(buf, nullptr);
}

std::vector<float> permute_rows(std::span<const float> w, int heads, int head_dim, int cols, bool to_half) {
    std::vector<float> out(w.size());
    const int half = head_dim / 2;
    for (int h = 0; h < heads; ++h)
        for (int i = 0; i < half; ++i)
            for (int j = 0; j < 2; ++j) {
                const std::size_t adjacent = std::size_t(h * head_dim + 2 * i + j);
                const std::size_t rotate_half = std::size_t(h * head_dim + j * half + i);
                const std::size_t from = to_half ? adjacent : rotate_half;
                const std::size_t to = to_half ? rotate_half : adjacent;
                std::memcpy(out.data() + to * std::size_t(cols), w.data() + from * std::size_t(cols),
                            std::size_t(cols) * sizeof(float));
            }
    return out;
}

// Absolute, normalised, without a trailing separator ("out/hf/" names the folder "hf").
fs::path folder_path(const fs::path &dir, std::error_code &ec) {
    fs::path p = fs::absolute(dir, ec).lexically_normal();
    if (p.filename().empty() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    return p;
}

Status fsync_dir(const fs::path &dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return internal_error("cannot open folder " + dir.string() + " to sync it");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return internal_error("cannot sync folder " + dir.string());
    return {};
}

Status write_text(const fs::path &path, std::string_view text) {
    AtomicFile f;
    if (auto st = f.open(path); !st) return st;
    if (auto st = f.write(text); !st) return st;
    return f.commit();
}

// The files Smolify writes into the folder, README (the marker) last.
constexpr const char *kHfFiles[] = {"model.safetensors",
                                    "config.json",
                                    "tokenizer.model",
                                    "tokenizer_config.json",
                                    "special_tokens_map.json",
                                    "generation_config.json",
                                    "README.md"};

bool smolify_file(const std::string &name) {
    for (const char *f : kHfFiles)
        if (name == f) return true;
    return false;
}

// Mirrors what else the user keeps in `from` (files hard-linked, folders made, symbolic links
// copied) into `to`, so that swapping `to` in keeps them. False when something cannot be mirrored
// (a device, a socket, a file on which link() is refused): the caller then updates file by file.
bool mirror_other_files(const fs::path &from, const fs::path &to, bool top) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(from, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const fs::path src = it->path();
        const std::string name = src.filename().string();
        if (top && smolify_file(name)) continue;
        const fs::path dst = to / name;
        const auto st = it->symlink_status(ec);
        if (ec) return false;
        if (fs::is_symlink(st)) {
            fs::copy_symlink(src, dst, ec);
        } else if (fs::is_directory(st)) {
            if (!fs::create_directory(dst, src, ec) || ec || !mirror_other_files(src, dst, false))
                return false;
        } else if (fs::is_regular_file(st)) {
            if (::link(src.c_str(), dst.c_str()) != 0) return false;
        } else {
            return false;
        }
        if (ec) return false;
    }
    return !ec;
}

// Removes the temporary folder unless released.
struct TempDir {
    fs::path path;
    ~TempDir() {
        if (!path.empty()) {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    }
};

json added_token(const std::string &content) {
    return {{"content", content}, {"lstrip", false}, {"normalized", false},
            {"rstrip", false},    {"single_word", false}, {"special", true}};
}

}  // namespace

std::vector<float> adjacent_to_rotate_half(std::span<const float> w, int heads, int head_dim, int cols) {
    return permute_rows(w, heads, head_dim, cols, true);
}

std::vector<float> rotate_half_to_adjacent(std::span<const float> w, int heads, int head_dim, int cols) {
    return permute_rows(w, heads, head_dim, cols, false);
}

std::string hf_tensor_name(std::string_view name) {
    if (name == "token_embd.weight") return "model.embed_tokens.weight";
    if (name == "output_norm.weight") return "model.norm.weight";
    if (name == "output.weight") return "lm_head.weight";
    if (name.substr(0, 4) != "blk.") return {};
    const auto dot = name.find('.', 4);
    if (dot == std::string_view::npos) return {};
    const std::string layer(name.substr(4, dot - 4));
    const std::string_view rest = name.substr(dot + 1);
    static const std::pair<const char *, const char *> kMap[] = {
        {"attn_norm.weight", "input_layernorm.weight"},    {"attn_q.weight", "self_attn.q_proj.weight"},
        {"attn_k.weight", "self_attn.k_proj.weight"},      {"attn_v.weight", "self_attn.v_proj.weight"},
        {"attn_output.weight", "self_attn.o_proj.weight"}, {"ffn_norm.weight", "post_attention_layernorm.weight"},
        {"ffn_gate.weight", "mlp.gate_proj.weight"},       {"ffn_up.weight", "mlp.up_proj.weight"},
        {"ffn_down.weight", "mlp.down_proj.weight"},
    };
    for (const auto &[from, to] : kMap)
        if (rest == from) return "model.layers." + layer + "." + to;
    return {};
}

json config_json(const model::Config &c) {
    return {{"architectures", json::array({"LlamaForCausalLM"})},
            {"model_type", "llama"},
            {"hidden_size", c.dim},
            {"intermediate_size", c.ffn},
            {"num_hidden_layers", c.layers},
            {"num_attention_heads", c.heads},
            {"num_key_value_heads", c.kv_heads},
            {"head_dim", c.head_dim()},
            {"rms_norm_eps", shortest(c.norm_eps)},
            {"rope_theta", shortest(c.rope_theta)},
            {"rope_scaling", nullptr},
            {"max_position_embeddings", c.max_seq},
            {"vocab_size", c.vocab},
            {"tie_word_embeddings", c.tied},
            {"bos_token_id", text::kBosId},
            {"eos_token_id", text::kEosId},
            {"pad_token_id", text::kPadId},
            {"hidden_act", "silu"},
            {"initializer_range", 0.02},
            {"attention_bias", false},
            {"attention_dropout", 0.0},
            {"mlp_bias", false},
            {"use_cache", true},
            {"torch_dtype", "float32"}};
}

Status check_hf_target(const fs::path &dir_in, bool force) {
    std::error_code ec;
    const fs::path dir = folder_path(dir_in, ec);
    if (ec || dir.filename().empty() || dir == dir.root_path())
        return user_error("cannot use " + dir_in.string() + " as the Hugging Face folder; name a folder");
    if (!fs::exists(dir, ec)) return {};
    if (!fs::is_directory(dir, ec))
        return user_error(dir.string() + " exists and is not a folder; choose a folder for --hf");
    if (!fs::is_empty(dir, ec) && !force && !card::written_by_smolify(dir / "README.md"))
        return user_error(dir.string() + " is not empty and was not written by Smolify (its README.md has no "
                          "Smolify marker); choose an empty folder, or pass --force to write Smolify's files "
                          "into it (other files are kept)");
    return {};
}

Result<HfOutcome> write_hf_folder(const fs::path &dir_in, const HfStudent &s, const HfExportParams &p) {
    const model::Config &c = s.config;
    if (!s.tokenizer) return internal_error("hf export: no tokenizer");
    if (s.tokenizer->vocab_size() != c.vocab)
        return internal_error("hf export: the tokenizer has " + std::to_string(s.tokenizer->vocab_size()) +
                              " pieces, the model " + std::to_string(c.vocab));
    if (Status st = c.validate(); !st) return st.error();
    if (c.head_dim() % 2 != 0) return internal_error("hf export: odd head size");

    if (Status st = check_hf_target(dir_in, p.force); !st) return st.error();
    std::error_code ec;
    const fs::path dir = folder_path(dir_in, ec);
    fs::create_directories(dir.parent_path(), ec);

    // The temporary sibling folder, on the same file system so the final rename is atomic. What an
    // export killed earlier left beside the folder goes first.
    remove_stale_temporaries(dir.parent_path());
    TempDir tmp;
    {
        std::string tmpl = (dir.parent_path() / ("." + dir.filename().string() + temporary_infix())).string();
        if (!::mkdtemp(tmpl.data())) {
            const int err = errno;
            std::string message =
                "cannot create a temporary folder beside " + dir.string() + ": " + std::strerror(err);
            return err == ENOSPC || err == EDQUOT ? disk_full_error(message) : user_error(message);
        }
        tmp.path = tmpl;
        ::chmod(tmp.path.c_str(), 0755);  // mkdtemp makes it 0700; the folder is the user's export
    }

    // model.safetensors: every tensor as float32 under its Hugging Face name, Q and K permuted.
    std::vector<std::vector<float>> permuted;
    permuted.reserve(std::size_t(2 * c.layers));
    std::vector<safetensors::WriteTensor> tensors;
    for (const auto &t : s.tensors) {
        const std::string name = hf_tensor_name(t.name);
        if (name.empty()) return internal_error("hf export: no Hugging Face name for tensor " + t.name);
        if (t.offset + t.size > s.params.size()) return internal_error("hf export: tensor " + t.name + " out of range");
        std::span<const float> w = s.params.subspan(t.offset, t.size);
        const bool q = t.name.ends_with(".attn_q.weight"), k = t.name.ends_with(".attn_k.weight");
        if (q || k) {
            permuted.push_back(adjacent_to_rotate_half(w, q ? c.heads : c.kv_heads, c.head_dim(), c.dim));
            w = permuted.back();
        }
        safetensors::WriteTensor wt;
        wt.name = name;
        wt.dtype = safetensors::Dtype::f32;
        for (int64_t d : t.shape) wt.shape.push_back(uint64_t(d));
        wt.bytes = std::span(reinterpret_cast<const uint8_t *>(w.data()), w.size() * sizeof(float));
        tensors.push_back(std::move(wt));
    }
    safetensors::WriteParams wp;
    wp.metadata = {{"format", "pt"}};
    wp.hooks = p.hooks;
    if (Status st = safetensors::write(tmp.path / "model.safetensors", tensors, wp); !st) return st.error();
    auto bytes = read_file(tmp.path / "model.safetensors", std::size_t(64) << 30);
    if (!bytes) return bytes.error();
    HfOutcome out;
    out.dir = dir;
    out.safetensors_bytes = int64_t(bytes->size());
    out.safetensors_sha256 = sha256_hex(*bytes);

    const text::Tokenizer &tok = *s.tokenizer;
    const std::string unk = tok.piece(text::kUnkId), bos = tok.piece(text::kBosId), eos = tok.piece(text::kEosId),
                      pad = tok.piece(text::kPadId), im_start(text::kImStart), im_end(text::kImEnd);
    json added = json::object();
    for (int id : {text::kUnkId, text::kBosId, text::kEosId, text::kPadId, text::kImStartId, text::kImEndId})
        added[std::to_string(id)] = added_token(tok.piece(id));
    // add_bos_token false: the chat template and Smolify's prompt format put <s> in themselves.
    // legacy false with add_prefix_space false: text tokenizes exactly as SentencePiece (and Smolify)
    // does, with no "▁" put in front (the model was trained without a dummy prefix).
    const json tokenizer_config = {{"tokenizer_class", "LlamaTokenizer"},
                                   {"bos_token", bos},
                                   {"eos_token", eos},
                                   {"unk_token", unk},
                                   {"pad_token", pad},
                                   {"additional_special_tokens", json::array({im_start, im_end})},
                                   {"added_tokens_decoder", added},
                                   {"add_bos_token", false},
                                   {"add_eos_token", false},
                                   {"add_prefix_space", false},
                                   {"legacy", false},
                                   {"clean_up_tokenization_spaces", false},
                                   {"model_max_length", c.max_seq},
                                   {"sp_model_kwargs", json::object()},
                                   {"chat_template", text::chat_template()}};
    const json special_tokens = {{"bos_token", bos},
                                 {"eos_token", eos},
                                 {"unk_token", unk},
                                 {"pad_token", pad},
                                 {"additional_special_tokens", json::array({im_start, im_end})}};
    const json generation = {{"bos_token_id", text::kBosId},
                             {"eos_token_id", json::array({text::kEosId, text::kImEndId})},
                             {"pad_token_id", text::kPadId},
                             {"do_sample", false},
                             {"max_length", c.max_seq}};
    card::ModelCard mc = p.card;
    mc.file = {"model.safetensors", "float32", out.safetensors_bytes, out.safetensors_sha256};
    const std::pair<const char *, std::string> files[] = {
        {"config.json", config_json(c).dump(2) + "\n"},
        {"tokenizer.model", tok.serialized()},
        {"tokenizer_config.json", tokenizer_config.dump(2) + "\n"},
        {"special_tokens_map.json", special_tokens.dump(2) + "\n"},
        {"generation_config.json", generation.dump(2) + "\n"},
        {"README.md", card::render_model_card(mc)},
    };
    for (const auto &[name, text] : files) {
        if (p.hooks.cancelled()) return job::cancelled();
        if (Status st = write_text(tmp.path / name, text); !st) return st.error();
    }

    // Into place, whole: a kill leaves the old folder or the new one, never a mix.
    // - No folder yet: the new one is renamed to its name.
    // - A folder: what else the user keeps in it is mirrored into the new one (hard links), then the
    //   two are swapped in one atomic exchange (renameat2 RENAME_EXCHANGE), and the old one, now
    //   under the temporary name, is removed (anything that appeared in it meanwhile is moved over).
    // - Where the swap is not possible (a file system without RENAME_EXCHANGE, something that cannot
    //   be mirrored, the folder is a symbolic link): file by file, each replaced atomically, README
    //   last (a kill can mix old and new).
    if (!fs::exists(dir, ec)) {
        test_hook_before_rename();
        if (::rename(tmp.path.c_str(), dir.c_str()) == 0) {
            tmp.path.clear();
            if (Status st = fsync_dir(dir.parent_path()); !st) return st.error();
            return out;
        }
        fs::create_directories(dir, ec);  // raced with another writer: fall through to an update
        if (ec) return user_error("cannot create " + dir.string() + ": " + ec.message());
    }
    {
        struct stat mode {};
        if (::stat(dir.c_str(), &mode) == 0) ::chmod(tmp.path.c_str(), mode.st_mode & 07777);
    }
    const bool linked = fs::is_symlink(fs::symlink_status(dir, ec));  // swapping would replace the link
    const bool mirrored = !linked && mirror_other_files(dir, tmp.path, true);
    if (mirrored) test_hook_before_rename();
    if (mirrored && ::renameat2(AT_FDCWD, tmp.path.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
        // tmp.path is the old folder now. Files the user added to it during the export move over.
        for (auto it = fs::directory_iterator(tmp.path, ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code exists;
            if (!smolify_file(name) && !fs::exists(fs::symlink_status(dir / name, exists)))
                ::rename(it->path().c_str(), (dir / name).c_str());
        }
        if (Status st = fsync_dir(dir.parent_path()); !st) return st.error();
        return out;
    }
    // Undo a partial mirror (the links only: the user's files stay where they are).
    for (auto it = fs::directory_iterator(tmp.path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code rm;
        if (!smolify_file(name)) fs::remove_all(it->path(), rm);
    }
    for (const char *name : kHfFiles) {
        test_hook_before_rename();
        fs::rename(tmp.path / name, dir / name, ec);
        if (ec) return user_error("cannot move " + std::string(name) + " into " + dir.string() + ": " + ec.message());
    }
    if (Status st = fsync_dir(dir); !st) return st.error();
    return out;
}

Result<HfOutcome> export_project_hf(store::Project &project, const fs::path &dir, const HfExportParams &p) {
    auto s = infer::load_project_student(project);
    if (!s) return s.error();
    const auto tensors = infer::tensor_layout(s->config);
    HfStudent student;
    student.config = s->config;
    student.params = s->params;
    student.tensors = tensors;
    student.tokenizer = s->tokenizer.get();
    return write_hf_folder(dir, student, p);
}

}  // namespace smolify::hf
