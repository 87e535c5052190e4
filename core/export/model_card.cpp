// Model card: collecting the lineage from the project and rendering README.md (see model_card.h).
#include "export/model_card.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "eval/kind.h"
#include "export/modelfile.h"
#include "train/runs.h"
#include "util/fs.h"

namespace smolify::card {

namespace {

std::string fixed(double v, int digits) {
    if (!std::isfinite(v)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string human_bytes(int64_t b) {
    if (b >= (int64_t(1) << 20)) return fixed(double(b) / double(1 << 20), 2) + " MiB";
    if (b >= 1024) return fixed(double(b) / 1024.0, 1) + " KiB";
    return std::to_string(b) + " bytes";
}

std::string human_count(int64_t n) {
    if (n >= 1'000'000) return fixed(double(n) / 1e6, 2) + "M";
    if (n >= 10'000) return fixed(double(n) / 1e3, 1) + "k";
    return std::to_string(n);
}

std::string duration(double s) {
    if (s < 90) return fixed(s, 0) + " s";
    if (s < 5400) return fixed(s / 60.0, 1) + " min";
    return fixed(s / 3600.0, 2) + " h";
}

// Text inside a Markdown table cell: no line breaks, pipes escaped.
std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

// A block quote of free text (intent, instruction): each line prefixed with "> ".
std::string block_quote(std::string_view s) {
    std::string out = "> ";
    for (char c : s) {
        out += c;
        if (c == '\n') out += "> ";
    }
    return out + "\n";
}

// A YAML double-quoted scalar.
std::string yaml_string(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += char(c);
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else
            out += char(c);
    }
    return out + "\"";
}

}  // namespace

std::string ollama_name(std::string_view name) {
    std::string out;
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) && c < 0x80)
            out += char(std::tolower(c));
        else if ((c == '.' || c == '_' || c == '-') && !out.empty())
            out += char(c);
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "smolify-student" : out;
}

bool written_by_smolify(const std::filesystem::path &path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::string head(4096, '\0');
    f.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(f.gcount()));
    return head.find(kSmolifyMarker) != std::string::npos;
}

std::string url_host(std::string_view url) {
    if (auto p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);  // user:password@
    return std::string(url);
}

Result<ModelCard> collect_model_card(store::Project &project, int64_t run_id, std::string_view license) {
    ModelCard c;
    auto info = project.info();
    if (!info) return info.error();
    c.name = info->name;
    c.intent = info->intent;
    c.teacher_host = url_host(info->teacher.base_url);
    c.teacher_model = info->teacher.model;
    c.counts = info->counts;
    auto spec = project.current_spec();
    if (!spec) return spec.error();
    if (*spec) {
        c.spec_kind = (*spec)->kind;
        c.spec_instruction = (*spec)->instruction;
    }
    if (auto profile = eval::task_profile(project);
        profile && profile->spec.kind == synth::TaskKind::classification)
        c.labels = profile->spec.output.labels;
    if (!license.empty()) {
        c.license = std::string(license);
        c.license_chosen = true;
    } else {
        auto setting = project.setting("license");
        if (!setting) return setting.error();
        if (*setting && !(*setting)->empty()) {
            c.license = **setting;
            c.license_chosen = true;
        }
    }

    auto run = train::find_run(project, run_id);
    if (!run) return run.error();
    if (!*run) return user_error("training run " + std::to_string(run_id) + " does not exist");
    const train::RunRow &r = **run;
    CardRun &cr = c.run;
    cr.run_id = r.id;
    cr.seed = r.seed;
    cr.steps = r.step;
    const nlohmann::json &cfg = r.config;
    if (auto m = cfg.find("model"); m != cfg.end()) {
        auto mc = model::Config::from_json(*m);
        if (mc) cr.config = *mc;
    }
    cr.parameters = cr.config.parameter_count();
    int64_t batch = 0, seq = 0;
    // The run's config comes from the project file: read each field only when it has its type.
    if (auto p = cfg.find("params"); p != cfg.end() && p->is_object()) {
        const auto preset = p->find("preset");
        cr.preset = p->contains("model")                        ? "custom"
                    : preset != p->end() && preset->is_string() ? preset->get<std::string>()
                                                                : std::string();
        // The auto preset chose a model for the time given: say which.
        if (cr.preset == "auto")
            if (auto plan = cfg.find("plan"); plan != cfg.end() && plan->is_object())
                if (auto m = plan->find("model"); m != plan->end() && m->is_string())
                    cr.preset = "auto (" + m->get<std::string>() + ")";
        for (auto [key, out] : {std::pair{"batch", &batch}, {"seq_len", &seq}})
            if (auto v = p->find(key); v != p->end() && v->is_number_integer()) *out = v->get<int64_t>();
    }
    if (auto s = cfg.find("system_prompt"); s != cfg.end() && s->is_string())
        c.system_prompt = s->get<std::string>();
    int64_t per_step = 0;
    if (__builtin_mul_overflow(batch, seq, &per_step) ||
        __builtin_mul_overflow(cr.steps, per_step, &cr.tokens_seen) || cr.tokens_seen < 0)
        cr.tokens_seen = 0;  // nonsense in the record: say nothing rather than overflow
    auto metrics = train::read_metrics(project, run_id);
    if (!metrics) return metrics.error();
    for (const auto &m : *metrics) {
        if (m.step > cr.steps) continue;  // logged past the last checkpoint by a killed run
        (m.split == "val" ? cr.val_loss : cr.train_loss) = m.loss;
        cr.elapsed_s = std::max(cr.elapsed_s, m.elapsed_s);
    }
    return c;
}

std::string render_model_card(const ModelCard &c) {
    const std::string name = c.name.empty() ? "smolify-student" : c.name;
    std::string s;
    s += "---\n";
    s += "license: " + yaml_string(c.license) + "\n";
    s += "pipeline_tag: text-generation\n";
    s += "tags:\n  - smolify\n  - llama\n  - gguf\n  - distillation\n";
    if (!c.spec_kind.empty()) s += "  - " + yaml_string(c.spec_kind) + "\n";
    s += "---\n";
    s += "<!-- " + std::string(kSmolifyMarker) +
         ": written by Smolify's export; Smolify replaces this file "
         "on the next export. Remove this line to keep your edits. -->\n\n";
    s += "# " + name + "\n\n";
    s +=
        "A small Llama-architecture model distilled with Smolify from a larger teacher model, for one narrow "
        "task.\n\n";

    s += "## Intent\n\n" + block_quote(c.intent) + "\n";
    s += "## Task\n\n";
    if (c.spec_kind.empty()) {
        s += "No task spec was saved; the model follows the intent.\n\n";
    } else {
        s += "Kind: **" + c.spec_kind + "**. Instruction:\n\n" + block_quote(c.spec_instruction) + "\n";
    }
    if (!c.system_prompt.empty())
        s += "System prompt the model was trained with:\n\n" + block_quote(c.system_prompt) + "\n";
    if (!c.labels.empty()) {
        std::string list, grammar;
        for (const auto &l : c.labels) {
            list += (list.empty() ? "" : ", ") + std::string("`") + l + "`";
            std::string q;  // a GBNF string literal
            for (char ch : l) {
                if (ch == '"' || ch == '\\') q += '\\';
                q += ch;
            }
            grammar += (grammar.empty() ? "" : " | ") + std::string("\"") + q + "\"";
        }
        s +=
            "Answers are labels: " + list +
            ". Smolify (`smolify-cli complete`, `smolify-cli serve`, the evaluation) decodes every answer as "
            "the "
            "label the model scores highest, so each answer is exactly one of them (`--no-constrain` decodes "
            "freely). llama.cpp decodes freely unless given the same grammar:\n\n```\nroot ::= " +
            grammar + "\n```\n\n";
    }

    s += "## Data\n\n";
    if (c.teacher_host.empty() && c.teacher_model.empty())
        s += "No teacher was configured: the samples were imported.\n\n";
    else
        s += "Teacher: model `" + (c.teacher_model.empty() ? std::string("(unnamed)") : c.teacher_model) +
             "` at `" + (c.teacher_host.empty() ? std::string("(no URL)") : c.teacher_host) + "`.\n\n";
    s += "| samples | count |\n| --- | ---: |\n";
    s += "| approved | " + std::to_string(c.counts.approved) + " |\n";
    s += "| rejected | " + std::to_string(c.counts.rejected) + " |\n";
    s += "| pending | " + std::to_string(c.counts.pending) + " |\n";
    s += "| train split | " + std::to_string(c.counts.train) + " |\n";
    s += "| test split | " + std::to_string(c.counts.test) + " |\n\n";
    s += "Only approved samples of the train split were trained on.\n\n";

    const CardRun &r = c.run;
    const model::Config &m = r.config;
    s += "## Training\n\n";
    s += "| | |\n| --- | --- |\n";
    s += "| run | " + std::to_string(r.run_id) + " |\n";
    s += "| preset | " + cell(r.preset.empty() ? "n/a" : r.preset) + " |\n";
    s += "| architecture | llama: " + std::to_string(m.layers) + " layers, width " + std::to_string(m.dim) +
         ", " + std::to_string(m.heads) + " heads (" + std::to_string(m.kv_heads) + " KV), FFN " +
         std::to_string(m.ffn) + ", vocabulary " + std::to_string(m.vocab) + ", context " +
         std::to_string(m.max_seq) + (m.tied ? ", tied embeddings" : "") + " |\n";
    s += "| parameters | " + human_count(r.parameters) + " (" + std::to_string(r.parameters) + ") |\n";
    s += "| steps | " + std::to_string(r.steps) + " |\n";
    s += "| tokens seen | " + human_count(r.tokens_seen) + " |\n";
    s += "| final train loss | " + (r.train_loss ? fixed(*r.train_loss, 4) : std::string("n/a")) + " |\n";
    s += "| final validation loss | " + (r.val_loss ? fixed(*r.val_loss, 4) : std::string("n/a")) + " |\n";
    s += "| training time | " + duration(r.elapsed_s) + " on CPU |\n";
    s += "| seed | " + std::to_string(r.seed) + " |\n\n";

    s += "## File\n\n";
    s += "| file | type | size | sha256 |\n| --- | --- | ---: | --- |\n";
    s += "| " + cell(c.file.name) + " | " + cell(c.file.quantization) + " | " + human_bytes(c.file.bytes) +
         " | `" + c.file.sha256 + "` |\n\n";

    s += "## Evaluation\n\n";
    if (c.metrics.empty()) {
        s += "No evaluation was recorded for this export; run `smolify-cli eval` to measure it on the "
             "held-out "
             "samples.\n\n";
    } else {
        s += "| metric | value |\n| --- | --- |\n";
        for (const auto &[k, v] : c.metrics)
            s += "| " + cell(k) + " | " + cell(v) + " |\n";
        s += "\n";
    }
    if (!c.quantizations.empty()) {
        s += "### Quantizations\n\n| type | file size | held-out loss | perplexity |\n| --- | ---: | ---: | "
             "---: |\n";
        for (const auto &q : c.quantizations)
            s += "| " + cell(q.type) + " | " + human_bytes(q.bytes) + " | " +
                 (q.heldout_loss ? fixed(*q.heldout_loss, 4) : std::string("n/a")) + " | " +
                 (q.perplexity ? fixed(*q.perplexity, 3) : std::string("n/a")) + " |\n";
        s += "\n";
    }

    s += "## License\n\n";
    if (c.license_chosen)
        s += "Released under `" + c.license + "`, the license chosen for this project.\n\n";
    else
        s += "No license was chosen for this model (`other`): ask its owner before you share or reuse it. "
             "Choose one with `smolify-cli export ... --license SPDX-ID`.\n\n";

    s += "## Use\n\n";
    const std::string gguf = c.gguf_name.empty() ? std::string("MODEL.gguf") : c.gguf_name;
    if (c.gguf_name.empty())
        s += "Write a GGUF file first: `smolify-cli export PROJECT --quant q8_0 --out MODEL.gguf`.\n\n";
    s += "The model answers in ChatML (`<|im_start|>role ... <|im_end|>`) and stops at `<|im_end|>`; give it "
         "the "
         "system prompt above.\n\n";
    s += "llama.cpp:\n\n```\nllama-cli -m " + gguf + " -cnv --temp 0.2\n```\n\n";
    s += "Ollama (the `Modelfile` beside the GGUF sets the template, system prompt and stop token):\n\n```\n"
         "ollama create " +
         ollama_name(name) + " -f Modelfile\nollama run " + ollama_name(name) + "\n```\n\n";
    s += "LM Studio: copy `" + gguf +
         "` into a folder under LM Studio's models directory (or use *Import model*), "
         "load it and pick the ChatML prompt template.\n";
    return s;
}

Status check_companion_files(const std::filesystem::path &gguf_path, bool force) {
    if (force) return {};
    for (const char *name : {"README.md", "Modelfile"}) {
        const auto path = gguf_path.parent_path() / name;
        std::error_code ec;
        if (std::filesystem::exists(path, ec) && !written_by_smolify(path))
            return user_error(path.string() +
                              " exists and was not written by Smolify; move it away, export into "
                              "another folder, or pass --force to replace it");
    }
    return {};
}

Status write_companion_files(const std::filesystem::path &gguf_path, const ModelCard &card, bool force) {
    if (Status st = check_companion_files(gguf_path, force); !st) return st;
    ModelfileParams mp;
    mp.gguf_name = card.gguf_name;
    mp.system_prompt = card.system_prompt;
    mp.context_length = card.run.config.max_seq;
    const std::pair<const char *, std::string> files[] = {{"README.md", render_model_card(card)},
                                                          {"Modelfile", render_modelfile(mp)}};
    for (const auto &[name, text] : files) {
        AtomicFile f;
        if (Status st = f.open(gguf_path.parent_path() / name); !st) return st;
        if (Status st = f.write(text); !st) return st;
        if (Status st = f.commit(); !st) return st;
    }
    return {};
}

}  // namespace smolify::card
