// Runner, project student lookup and project export (runner.h).
#include "infer/runner.h"

#include <chrono>

#include "eval/kind.h"
#include "export/gguf_reader.h"
#include "store/guard.h"
#include "store/sqlite.h"
#include "text/chat_format.h"
#include "text/tokenizer_store.h"
#include "train/checkpoint.h"
#include "train/runs.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::infer {

namespace {

// The exported file as written (a student is tens of MiB at most; the cap only guards the read).
Result<std::string> file_sha256(const std::filesystem::path &path, int64_t &bytes) {
    auto data = read_file(path, std::size_t(16) << 30);
    if (!data) return data.error();
    bytes = int64_t(data->size());
    return sha256_hex(*data);
}

}  // namespace

std::vector<std::string> classification_labels(store::Project &project) {
    auto profile = eval::task_profile(project);
    if (!profile || profile->spec.kind != synth::TaskKind::classification) return {};
    return profile->spec.output.labels;
}

gguf::StudentMetadata student_metadata(store::Project &project, const ProjectStudent &s) {
    gguf::StudentMetadata m;
    m.name = project.path().stem().string();
    m.description = "Smolify student, training run " + std::to_string(s.run_id);
    m.chat_template = text::chat_template();
    m.system_instruction = s.system_prompt;
    m.prompt_format = kPromptFormat;
    m.sentencepiece_model = s.tokenizer->serialized();
    if (auto labels = classification_labels(project); !labels.empty()) {
        m.task_kind = "classification";
        m.labels = std::move(labels);
    }
    return m;
}

Result<ProjectStudent> load_project_student(store::Project &project) {
    auto run = train::latest_run(project);
    if (!run) return run.error();
    if (!*run) return user_error("the project has no trained model yet; train one first (smolify-cli train)");
    const train::RunRow &r = **run;
    if (!r.tokenizer_id) return user_error("training run " + std::to_string(r.id) + " has no tokenizer");
    ProjectStudent s;
    s.run_id = r.id;
    // The best checkpoint (lowest validation loss, or best label accuracy for classification) is the
    // model the run made; the latest one is only where training continues from.
    std::error_code ec;
    s.checkpoint = project.artifacts_dir() / train::checkpoint_relpath(r.id, true);
    if (!std::filesystem::is_regular_file(s.checkpoint, ec))
        s.checkpoint = project.artifacts_dir() / train::checkpoint_relpath(r.id, false);
    if (!std::filesystem::is_regular_file(s.checkpoint, ec))
        return user_error("training run " + std::to_string(r.id) + " has no checkpoint yet (" +
                          s.checkpoint.string() + "); let it run to its first checkpoint");
    auto info = train::read_checkpoint_info(s.checkpoint);
    if (!info) return info.error();
    if (Status st = info->config.validate(); !st) return st.error();
    if (info->n != uint64_t(info->config.parameter_count()))
        return user_error(s.checkpoint.string() + ": parameter count does not match its model config");
    s.config = info->config;
    try {
        s.params.resize(info->n);
    } catch (const std::bad_alloc &) {
        return user_error("not enough memory for the checkpoint's weights");
    }
    if (Status st = train::read_checkpoint_data(s.checkpoint, *info, s.params, {}, {}); !st)
        return st.error();
    auto tok = text::load_tokenizer(project, *r.tokenizer_id);
    if (!tok) return tok.error();
    s.tokenizer = std::move(tok->tokenizer);
    if (s.tokenizer->vocab_size() != s.config.vocab)
        return user_error("the run's tokenizer has " + std::to_string(s.tokenizer->vocab_size()) +
                          " pieces, its model " + std::to_string(s.config.vocab));
    // The prompt the run trained with: the checkpoint's header, else the run's config.
    if (info->header.contains("system_prompt") && info->header["system_prompt"].is_string())
        s.system_prompt = info->header["system_prompt"].get<std::string>();
    else if (r.config.contains("system_prompt") && r.config["system_prompt"].is_string())
        s.system_prompt = r.config["system_prompt"].get<std::string>();
    else
        return user_error("training run " + std::to_string(r.id) + " does not record its system prompt");
    return s;
}

gguf::Vocabulary vocabulary_of(const text::Tokenizer &tokenizer) {
    gguf::Vocabulary v;
    const int n = tokenizer.vocab_size();
    v.pieces.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        v.pieces.push_back(tokenizer.piece(i));
        v.scores.push_back(tokenizer.score(i));
        v.types.push_back(static_cast<gguf::TokenType>(static_cast<int32_t>(tokenizer.type(i))));
    }
    v.bos_id = text::kBosId;
    v.eos_id = text::kEosId;
    v.unk_id = text::kUnkId;
    v.pad_id = text::kPadId;
    v.add_bos = false;
    v.add_eos = false;
    v.add_space_prefix = false;
    return v;
}

Result<ExportOutcome> export_project_gguf(store::Project &project, const std::filesystem::path &path,
                                          gguf::ExportType type, const job::Hooks<job::Progress> &hooks) {
    auto s = load_project_student(project);
    if (!s) return s.error();
    const auto tensors = tensor_layout(s->config);
    gguf::StudentExportParams p;
    p.type = type;
    p.hooks = hooks;
    p.metadata = student_metadata(project, *s);
    if (Status st =
            gguf::export_student_gguf(path, s->config, s->params, tensors, vocabulary_of(*s->tokenizer), p);
        !st)
        return st.error();
    ExportOutcome out;
    out.path = std::filesystem::absolute(path);
    out.run_id = s->run_id;
    auto sha = file_sha256(path, out.bytes);
    if (!sha) return sha.error();
    out.sha256 = *sha;
    try {
        const int64_t now = unix_now();
        project.db()
            .prepare(
                "INSERT INTO exports (run_id, path, format, quantization, sha256, bytes, created_at) "
                "VALUES (?, ?, 'gguf', ?, ?, ?, ?)")
            .bind(1, s->run_id)
            .bind(2, out.path.string())
            .bind(3, std::string(gguf::export_type_name(type)))
            .bind(4, out.sha256)
            .bind(5, out.bytes)
            .bind(6, now)
            .exec();
        out.export_id = project.db().last_insert_id();
    } catch (const store::SqlError &e) {
        Error err = store::detail::sql_to_error(e);  // a full disk stays a full disk (Error::disk_full)
        err.message =
            path.string() + " is written, but recording the export in the project failed: " + err.message;
        return err;
    }
    return out;
}

Result<Runner> open_gguf(const std::filesystem::path &path, const LoadParams &p) {
    auto opened = gguf::File::open(path);
    if (!opened) return opened.error();
    std::shared_ptr<const gguf::File> file(std::move(*opened));
    Runner r;
    r.source = path.string();
    const gguf::Value *sp = file->find(kSentencePieceKey);
    if (!sp)
        return user_error(path.string() + " carries no Smolify tokenizer (" + kSentencePieceKey +
                          "); export it again with Smolify");
    const auto *bytes = std::get_if<gguf::Array>(sp);
    if (!bytes || bytes->type != gguf::Type::u8)
        return user_error(path.string() + ": key " + kSentencePieceKey + " is not an array of u8");
    auto tok = text::Tokenizer::load(
        std::string_view(reinterpret_cast<const char *>(bytes->data.data()), bytes->data.size()));
    if (!tok) return user_error(path.string() + ": the embedded tokenizer: " + tok.error().message);
    r.tokenizer = std::move(*tok);
    auto labels = gguf::read_task_labels(*file);
    if (!labels) return labels.error();
    r.labels = std::move(*labels);
    if (const gguf::Value *v = file->find("smolify.system_instruction")) {
        const auto *s = std::get_if<std::string>(v);
        if (!s) return user_error(path.string() + ": key smolify.system_instruction is not a string");
        r.system_prompt = *s;
    }
    auto m = Model::from_gguf_file(file, p);
    if (!m) return m.error();
    r.model = std::move(*m);
    r.file = std::move(file);
    if (r.tokenizer->vocab_size() != r.model->config().vocab)
        return user_error(path.string() + ": the embedded tokenizer has " +
                          std::to_string(r.tokenizer->vocab_size()) + " pieces, the model " +
                          std::to_string(r.model->config().vocab));
    return r;
}

Result<Runner> open_project(store::Project &project, const LoadParams &p) {
    auto s = load_project_student(project);
    if (!s) return s.error();
    auto m = Model::from_weights(s->config, s->params, tensor_layout(s->config), p);
    if (!m) return m.error();
    Runner r;
    r.model = std::move(*m);
    r.tokenizer = std::move(s->tokenizer);
    r.system_prompt = std::move(s->system_prompt);
    r.source = project.path().string();
    r.labels = classification_labels(project);
    return r;
}

Result<std::vector<int32_t>> prompt_tokens(const Runner &runner, std::string_view input) {
    auto chat = text::encode_chat(*runner.tokenizer, runner.system_prompt, input);
    if (!chat) return chat.error();
    return std::move(chat->tokens);
}

Result<Completion> complete(Runner &runner, std::string_view input, GenerateParams p) {
    Completion c;
    auto ids = prompt_tokens(runner, input);
    if (!ids) return ids.error();
    c.prompt_tokens = std::move(*ids);
    p.stop_tokens.push_back(text::kImEndId);
    p.stop_tokens.push_back(text::kEosId);
    auto g = generate(*runner.model, c.prompt_tokens, p);
    if (!g) return g.error();
    c.generation = std::move(*g);
    auto text = runner.tokenizer->decode(c.generation.tokens);
    if (!text) return text.error();
    c.text = std::move(*text);
    return c;
}

}  // namespace smolify::infer
