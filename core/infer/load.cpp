// Building an infer::Model (infer.h) from a GGUF file, a training checkpoint or a parameter block.
// A GGUF's keys and tensor shapes are checked by gguf::read_student_header; matrices stay in the
// file's mapping, norms are decoded to floats.
#include <map>
#include <string>

#include "export/gguf_student.h"
#include "export/quant.h"
#include "infer/model_impl.h"
#include "train/checkpoint.h"

namespace smolify::infer {

namespace {

std::string block(int l) {
    return "blk." + std::to_string(l) + ".";
}

}  // namespace

std::vector<model::TensorInfo> tensor_layout(const model::Config &c) {
    std::vector<model::TensorInfo> out;
    std::size_t off = 0;
    auto add = [&](std::string name, std::vector<int64_t> shape, bool norm) {
        model::TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.size = 1;
        for (int64_t d : t.shape)
            t.size *= std::size_t(d);
        t.offset = off;
        t.is_norm = norm;
        off += t.size;
        out.push_back(std::move(t));
    };
    const int64_t C = c.dim, KV = c.kv_dim(), F = c.ffn, V = c.vocab;
    add("token_embd.weight", {V, C}, false);
    for (int l = 0; l < c.layers; ++l) {
        add(block(l) + "attn_norm.weight", {C}, true);
        add(block(l) + "attn_q.weight", {C, C}, false);
        add(block(l) + "attn_k.weight", {KV, C}, false);
        add(block(l) + "attn_v.weight", {KV, C}, false);
        add(block(l) + "attn_output.weight", {C, C}, false);
        add(block(l) + "ffn_norm.weight", {C}, true);
        add(block(l) + "ffn_gate.weight", {F, C}, false);
        add(block(l) + "ffn_up.weight", {F, C}, false);
        add(block(l) + "ffn_down.weight", {C, F}, false);
    }
    add("output_norm.weight", {C}, true);
    if (!c.tied) add("output.weight", {V, C}, false);
    return out;
}

namespace {

// Wires the weight views of an F32 parameter block the Impl already owns.
Status wire_f32(Model::Impl &im, std::span<const model::TensorInfo> tensors) {
    const model::Config &c = im.cfg;
    std::map<std::string, const model::TensorInfo *, std::less<>> by_name;
    for (const auto &t : tensors)
        by_name[t.name] = &t;
    for (const auto &want : tensor_layout(c)) {
        auto it = by_name.find(want.name);
        if (it == by_name.end()) return user_error("the model has no tensor " + want.name);
        const model::TensorInfo &t = *it->second;
        if (t.shape != want.shape || t.size != want.size || t.offset > im.owned.size() ||
            t.size > im.owned.size() - t.offset)
            return user_error("tensor " + want.name + " does not have the shape the config implies");
    }
    auto floats = [&](const std::string &name) {
        return im.owned.data() + by_name.find(name)->second->offset;
    };
    auto matrix = [&](const std::string &name) {
        const model::TensorInfo &t = *by_name.find(name)->second;
        Matrix mt;
        mt.type = WeightType::f32;
        mt.data = reinterpret_cast<const uint8_t *>(im.owned.data() + t.offset);
        mt.rows = int(t.shape[0]);
        mt.cols = int(t.shape[1]);
        mt.row_bytes = std::size_t(mt.cols) * sizeof(float);
        return mt;
    };
    im.embd = matrix("token_embd.weight");
    im.layers.clear();
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = block(l);
        Layer L;
        L.attn_norm = floats(b + "attn_norm.weight");
        L.q = matrix(b + "attn_q.weight");
        L.k = matrix(b + "attn_k.weight");
        L.v = matrix(b + "attn_v.weight");
        L.o = matrix(b + "attn_output.weight");
        L.ffn_norm = floats(b + "ffn_norm.weight");
        L.gate = matrix(b + "ffn_gate.weight");
        L.up = matrix(b + "ffn_up.weight");
        L.down = matrix(b + "ffn_down.weight");
        im.layers.push_back(L);
    }
    im.out_norm = floats("output_norm.weight");
    im.output = c.tied ? im.embd : matrix("output.weight");
    im.weight_bytes = uint64_t(c.parameter_count()) * sizeof(float);
    return {};
}

}  // namespace

Result<std::unique_ptr<Model>> Model::from_weights(const model::Config &config, std::span<const float> params,
                                                   std::span<const model::TensorInfo> tensors,
                                                   const LoadParams &p) {
    if (Status s = config.validate(); !s) return s.error();
    std::unique_ptr<Model> out(new Model());
    Impl &im = *out->m;
    im.cfg = config;
    try {
        im.owned.assign(params.begin(), params.end());
    } catch (const std::bad_alloc &) {
        return user_error("not enough memory to copy the model's weights");
    }
    if (Status s = wire_f32(im, tensors); !s) return s.error();
    if (Status s = im.finish_load(p.context, p.threads); !s) return s.error();
    return out;
}

Result<std::unique_ptr<Model>> Model::from_checkpoint(const std::filesystem::path &path,
                                                      const LoadParams &p) {
    auto info = train::read_checkpoint_info(path);
    if (!info) return info.error();
    if (Status s = info->config.validate(); !s) return s.error();
    if (info->n != uint64_t(info->config.parameter_count()))
        return user_error(path.string() + ": the checkpoint holds " + std::to_string(info->n) +
                          " parameters, its model config implies " +
                          std::to_string(info->config.parameter_count()));
    std::unique_ptr<Model> out(new Model());
    Impl &im = *out->m;
    im.cfg = info->config;
    try {
        im.owned.resize(info->n);  // n was checked against the file size by read_checkpoint_info
    } catch (const std::bad_alloc &) {
        return user_error("not enough memory for the checkpoint's weights");
    }
    if (Status s = train::read_checkpoint_data(path, *info, im.owned, {}, {}); !s) return s.error();
    const auto table = tensor_layout(im.cfg);
    if (Status s = wire_f32(im, table); !s) return s.error();
    if (Status s = im.finish_load(p.context, p.threads); !s) return s.error();
    return out;
}

Result<std::unique_ptr<Model>> Model::from_gguf(const std::filesystem::path &path, const LoadParams &p) {
    auto file = gguf::File::open(path);
    if (!file) return file.error();
    return from_gguf_file(std::shared_ptr<const gguf::File>(std::move(*file)), p);
}

Result<std::unique_ptr<Model>> Model::from_gguf_file(std::shared_ptr<const gguf::File> file,
                                                     const LoadParams &p) {
    if (!file) return internal_error("from_gguf_file: no file");
    auto header = gguf::read_student_header(*file);
    if (!header) return header.error();
    std::unique_ptr<Model> out(new Model());
    Impl &im = *out->m;
    im.cfg = header->config;
    im.file = file;
    if (Status s = im.cfg.validate(); !s) return user_error(file->label() + ": " + s.error().message);

    // read_student_header checked every tensor's presence and shape; here each one's type.
    std::vector<std::pair<const gguf::TensorInfo *, const float **>> norm_slots;
    std::size_t norm_floats = 0;
    auto matrix = [&](const std::string &name, Matrix &mt) -> Status {
        const gguf::TensorInfo *t = file->tensor(name);
        if (!t || t->ne.size() != 2)
            return user_error(file->label() + ": tensor " + name + " is missing or not 2-D");
        switch (t->type) {
            case gguf::GgmlType::f32:
                mt.type = WeightType::f32;
                break;
            case gguf::GgmlType::f16:
                mt.type = WeightType::f16;
                break;
            case gguf::GgmlType::q8_0:
                mt.type = WeightType::q8_0;
                break;
            case gguf::GgmlType::q4_0:
                mt.type = WeightType::q4_0;
                break;
            default:
                return user_error(file->label() + ": tensor " + name + " is " +
                                  gguf::ggml_type_name(uint32_t(t->type)) +
                                  "; Smolify runs F32, F16, Q8_0 and Q4_0 matrices");
        }
        mt.cols = int(t->ne[0]);
        mt.rows = int(t->ne[1]);
        if (!gguf::row_fits(t->type, t->ne[0]))
            return user_error(file->label() + ": tensor " + name + " has rows that are not whole blocks");
        mt.row_bytes = gguf::row_bytes(t->type, t->ne[0]);
        const auto bytes = file->data(*t);
        if (bytes.size() < mt.row_bytes * std::size_t(mt.rows))
            return user_error(file->label() + ": tensor " + name + " is shorter than its shape");
        mt.data = bytes.data();
        im.weight_bytes += mt.row_bytes * std::size_t(mt.rows);
        return {};
    };
    auto norm = [&](const std::string &name, const float **slot) -> Status {
        const gguf::TensorInfo *t = file->tensor(name);
        if (!t) return user_error(file->label() + ": tensor " + name + " is missing");
        norm_slots.emplace_back(t, slot);
        norm_floats += std::size_t(t->elements);
        return {};
    };
    const model::Config &c = im.cfg;
    if (Status s = matrix("token_embd.weight", im.embd); !s) return s.error();
    im.layers.resize(std::size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = block(l);
        Layer &L = im.layers[std::size_t(l)];
        for (auto [name, mt] : {std::pair{"attn_q.weight", &L.q},
                                {"attn_k.weight", &L.k},
                                {"attn_v.weight", &L.v},
                                {"attn_output.weight", &L.o},
                                {"ffn_gate.weight", &L.gate},
                                {"ffn_up.weight", &L.up},
                                {"ffn_down.weight", &L.down}})
            if (Status s = matrix(b + name, *mt); !s) return s.error();
        if (Status s = norm(b + "attn_norm.weight", &L.attn_norm); !s) return s.error();
        if (Status s = norm(b + "ffn_norm.weight", &L.ffn_norm); !s) return s.error();
    }
    if (Status s = norm("output_norm.weight", &im.out_norm); !s) return s.error();
    if (c.tied)
        im.output = im.embd;
    else if (Status s = matrix("output.weight", im.output); !s)
        return s.error();

    // Norms as floats (F32 in our files; decoded whatever their type in another's).
    im.norms.resize(norm_floats);
    std::size_t at = 0;
    for (auto [t, slot] : norm_slots) {
        if (Status s = file->read_rows(*t, 0, t->rows(), im.norms.data() + at); !s) return s.error();
        *slot = im.norms.data() + at;
        at += std::size_t(t->elements);
    }
    im.weight_bytes += norm_floats * sizeof(float);
    if (Status s = im.finish_load(p.context, p.threads); !s) return s.error();
    return out;
}

}  // namespace smolify::infer
