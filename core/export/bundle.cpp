#include "export/bundle.h"

#include <system_error>

#include "eval/results.h"
#include "export/hf_export.h"
#include "store/guard.h"
#include "store/sqlite.h"

namespace smolify::bundle {

Result<ExportResult> export_model(store::Project &project, const std::filesystem::path &gguf_path,
                                  const ExportParams &params) {
    // Refuse foreign README.md / Modelfile / Hugging Face folders before anything is written.
    if (Status st = card::check_companion_files(gguf_path, params.force); !st) return st.error();
    if (params.hf_dir)
        if (Status st = hf::check_hf_target(*params.hf_dir, params.force); !st) return st.error();
    // `--out models/triage.gguf`: the folder is made when missing, as a user would expect.
    if (gguf_path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(gguf_path.parent_path(), ec);
        if (ec)
            return user_error("cannot create the folder " + gguf_path.parent_path().string() + ": " +
                              ec.message());
    }
    auto r = infer::export_project_gguf(project, gguf_path, params.type, params.hooks);
    if (!r) return r.error();
    auto mc = card::collect_model_card(project, r->run_id, params.license);
    if (!mc) return mc.error();
    mc->gguf_name = gguf_path.filename().string();
    mc->file = {mc->gguf_name, std::string(gguf::export_type_name(params.type)), r->bytes, r->sha256};
    // The newest evaluation of this run goes into the card.
    auto metrics = eval::card_metrics(project, r->run_id);
    if (!metrics) return metrics.error();
    mc->metrics = std::move(*metrics);
    if (Status st = card::write_companion_files(gguf_path, *mc, params.force); !st) return st.error();

    ExportResult out;
    out.outcome = std::move(*r);
    const auto dir = out.outcome.path.parent_path();
    out.readme = dir / "README.md";
    out.modelfile = dir / "Modelfile";
    if (params.hf_dir) {
        hf::HfExportParams hp;
        hp.force = params.force;
        hp.card = *mc;
        hp.card.gguf_name.clear();  // the folder holds no GGUF
        hp.hooks.cancel = params.hooks.cancel;
        auto h = hf::export_project_hf(project, *params.hf_dir, hp);
        if (!h) return h.error();
        out.hf_dir = h->dir;
    }
    out.model_card = std::move(*mc);
    return out;
}

std::string shell_quote(std::string_view s) {
    bool plain = !s.empty();
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == '+' || c == '-';
        if (!ok) {
            plain = false;
            break;
        }
    }
    if (plain) return std::string(s);
    std::string out = "'";
    for (char ch : s) {
        if (ch == '\'')
            out += "'\\''";
        else
            out += ch;
    }
    return out + "'";
}

RunCommands run_commands(const std::filesystem::path &gguf_path, std::string_view model_name) {
    const std::string file = shell_quote(gguf_path.string());
    const std::string name = card::ollama_name(model_name);
    const std::filesystem::path dir = gguf_path.parent_path();
    RunCommands c;
    c.llama_cpp = "llama-cli -m " + file + " -cnv --temp 0.2";
    c.ollama_create = (dir.empty() ? std::string() : "cd " + shell_quote(dir.string()) + " && ") +
                      "ollama create " + name + " -f Modelfile";
    c.ollama_run = "ollama run " + name;
    c.lm_studio = "lms import " + file;
    return c;
}

Result<std::vector<ExportEntry>> list_exports(store::Project &project) {
    auto rows = store::detail::guard([&]() -> Result<std::vector<ExportEntry>> {
        auto st = project.db().prepare(
            "SELECT id, run_id, path, format, quantization, sha256, bytes, created_at FROM exports "
            "ORDER BY created_at DESC, id DESC");
        std::vector<ExportEntry> out;
        while (st.step()) {
            ExportEntry e;
            e.id = st.col_int(0);
            if (!st.col_null(1)) e.run_id = st.col_int(1);
            e.path = st.col_text(2);
            e.format = st.col_text(3);
            e.quantization = st.col_text(4);
            e.sha256 = st.col_text(5);
            e.bytes = st.col_int(6);
            e.created_at = st.col_int(7);
            out.push_back(std::move(e));
        }
        return out;
    });
    if (!rows) return rows.error();
    for (ExportEntry &e : *rows) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(e.path, ec);
        if (ec)
            e.state = "missing";
        else
            e.state = static_cast<int64_t>(size) == e.bytes ? "present" : "changed";
    }
    return rows;
}

}  // namespace smolify::bundle
