// smolify-cli init and info.
#include <cctype>
#include <cstdio>

#include "common.h"
#include "teacher/settings.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

nlohmann::json counts_json(const store::SampleCounts &c) {
    return {{"total", c.total},   {"pending", c.pending}, {"approved", c.approved},
            {"rejected", c.rejected}, {"train", c.train},   {"test", c.test}};
}

int run_init(const Args &args) {
    const std::string path = args.positional(0);
    store::CreateParams params;
    if (auto file = args.value("--intent-file")) {
        auto text = read_file(*file, store::kMaxIntentBytes);
        if (!text) return report(text.error());
        params.intent = *text;
    } else if (auto intent = args.value("--intent")) {
        params.intent = *intent;
    } else {
        return usage_error("say what the model should do with --intent TEXT (or --intent-file FILE)");
    }
    params.name = args.value("--name").value_or("");
    std::optional<teacher::JsonSupport> json_mode;
    if (auto t = args.value("--teacher")) {
        // A preset name brings its URL and key variable; --key-env still overrides the variable.
        auto from = teacher::settings_from_teacher_arg(*t);
        if (!from) return usage_error("--teacher: " + from.error().message);
        params.teacher_url = from->base_url;
        params.teacher_key_env = from->key_env;
        json_mode = from->json;
    }
    params.teacher_model = args.value("--model").value_or("");
    if (auto k = args.value("--key-env")) params.teacher_key_env = *k;
    if (!params.teacher_key_env.empty() && !teacher::valid_env_name(params.teacher_key_env))
        return usage_error("--key-env takes the NAME of an environment variable (e.g. OPENAI_API_KEY), "
                           "never the key itself");
    auto project = store::Project::create(path, params);
    if (!project) return report(project.error());
    if (json_mode) {
        auto settings = teacher::load_settings(**project);
        if (!settings) return report(settings.error());
        settings->json = *json_mode;
        if (auto st = teacher::save_settings(**project, *settings); !st) return report(st.error());
    }
    if (args.has("--json")) {
        print_json({{"project", path}, {"artifacts", (*project)->artifacts_dir().string()},
                    {"schema_version", (*project)->schema_version()}});
    } else {
        std::printf("Created %s (artifacts go to %s/)\nNext: smolify-cli import %s FILE.jsonl\n", path.c_str(),
                    (*project)->artifacts_dir().string().c_str(), path.c_str());
    }
    return kExitOk;
}

int run_info(const Args &args) {
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    auto info = (*project)->info();
    if (!info) return report(info.error());
    const store::ProjectInfo &i = *info;
    if (args.has("--json")) {
        nlohmann::json j = {
            {"project", (*project)->path().string()},
            {"name", i.name},
            {"intent", i.intent},
            {"teacher", {{"url", i.teacher.base_url}, {"model", i.teacher.model}, {"key_env", i.teacher.key_env}}},
            {"created_at", format_iso8601(i.created_at)},
            {"created_by", i.created_by},
            {"schema_version", i.schema_version},
            {"spec_version", i.spec_version ? nlohmann::json(*i.spec_version) : nlohmann::json(nullptr)},
            {"samples", counts_json(i.counts)},
            {"artifacts", (*project)->artifacts_dir().string()},
        };
        print_json(j);
        return kExitOk;
    }
    const auto &c = i.counts;
    std::printf("Project   %s (%s)\n", i.name.c_str(), (*project)->path().string().c_str());
    std::printf("Intent    %s\n", ellipsize(i.intent, 400).c_str());
    if (!i.teacher.base_url.empty() || !i.teacher.model.empty())
        std::printf("Teacher   %s %s%s\n", i.teacher.model.c_str(), i.teacher.base_url.c_str(),
                    i.teacher.key_env.empty() ? "" : (" (key from $" + i.teacher.key_env + ")").c_str());
    else
        std::printf("Teacher   none set\n");
    std::printf("Created   %s UTC by %s, schema %d\n", format_utc(i.created_at).c_str(), i.created_by.c_str(),
                i.schema_version);
    std::printf("Spec      %s\n", i.spec_version ? ("version " + std::to_string(*i.spec_version)).c_str() : "not drafted yet");
    std::printf("Samples   %lld in all\n", static_cast<long long>(c.total));
    std::printf("          %10s %10s %10s\n", "train", "test", "total");
    const char *names[3] = {"pending", "approved", "rejected"};
    for (int s = 0; s < 3; ++s) {
        long long train = c.by_status_split[s][0], test = c.by_status_split[s][1];
        std::printf("%-9s %10lld %10lld %10lld\n", names[s], train, test, train + test);
    }
    return kExitOk;
}

}  // namespace

std::vector<Command> project_commands() {
    return {
        {{"init",
          "Create a project from a typed intent",
          "PROJECT.smolify --intent TEXT [--teacher URL --model NAME --key-env VAR]",
          {"PROJECT"},
          {{"--intent", "TEXT", "What the model should do, in plain words"},
           {"--intent-file", "FILE", "Read the intent from a text file instead"},
           {"--name", "NAME", "Display name (default: the file name)"},
           {"--teacher", "URL|PRESET",
            "OpenAI-compatible base URL of the teacher (e.g. http://localhost:11434/v1) or a preset name: "
            "openai, anthropic, gemini, openrouter, together, groq, ollama, llamacpp, vllm, lmstudio"},
           {"--model", "NAME", "Teacher model name"},
           {"--key-env", "VAR", "Environment variable that holds the teacher's API key (the key is never stored)"},
           {"--json", "", "Print the result as one JSON object"}},
          "Creates PROJECT.smolify (one SQLite file) and the folder PROJECT.artifacts/ beside it."},
         run_init},
        {{"info",
          "Show what a project holds",
          "PROJECT [--json]",
          {"PROJECT"},
          {{"--json", "", "Print one JSON object"}},
          ""},
         run_info},
    };
}

}  // namespace smolify::cli
