// smolify-cli spec, generate. Wiring only, over core/synth and core/teacher.
//
// The teacher comes from the project (init --teacher URL --model NAME --key-env VAR). Optional project
// settings refine it: "teacher.prices" ({"MODEL": {"input": $/Mtok, "output": $/Mtok}}, needed for
// --budget-usd with a model the built-in table does not know), "teacher.json" (none, json_object or
// json_schema: what structured output the endpoint accepts) and "teacher.air_gap" ("1": only local hosts).
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common.h"
#include "synth/draft.h"
#include "synth/generate.h"
#include "synth/spec.h"
#include "teacher/client.h"
#include "teacher/settings.h"
#include "util/fs.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxSpecFileBytes = 8u << 20;

std::string money(double usd) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%.4f", usd);
    return buf;
}

std::string duration(double s) {
    if (s < 0) return "?";
    if (s < 90) return std::to_string(static_cast<int>(std::lround(s))) + " s";
    if (s < 5400) return std::to_string(static_cast<int>(std::lround(s / 60))) + " min";
    return std::to_string(static_cast<int>(std::lround(s / 3600))) + " h";
}

json spec_row_json(const store::TaskSpec &row, const synth::Spec &spec) {
    return {{"version", row.version},
            {"author", row.author},
            {"created_at", format_iso8601(row.created_at)},
            {"spec", synth::spec_to_json(spec)}};
}

int run_spec(const Args &args) {
    const int modes = args.has("--draft") + args.has("--show") + args.has("--set");
    if (modes != 1) return usage_error("give exactly one of --draft, --show or --set FILE");
    const bool as_json = args.has("--json");
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    store::Project &p = **project;

    if (args.has("--show")) {
        auto row = p.current_spec();
        if (!row) return report(row.error());
        if (!*row)
            return usage_error(
                "this project has no task spec yet: draft one with --draft or load one with --set FILE");
        auto spec = synth::spec_from_store(**row);
        if (!spec) return report(spec.error());
        if (as_json) {
            print_json(spec_row_json(**row, *spec));
        } else {
            std::printf("Task spec version %lld (%s, %s)\n%s", static_cast<long long>((*row)->version),
                        (*row)->author.c_str(), format_utc((*row)->created_at).c_str(),
                        synth::spec_describe(*spec).c_str());
        }
        return kExitOk;
    }

    synth::Spec spec;
    std::string author = "user";
    std::vector<std::string> notes;
    if (args.has("--set")) {
        const std::string file = *args.value("--set");
        std::ifstream in(file, std::ios::binary);
        if (!in) return usage_error("cannot read " + file);
        std::string text(kMaxSpecFileBytes + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxSpecFileBytes)
            return usage_error(file + " is over the 8 MiB limit of a task spec");
        auto parsed = synth::spec_parse(text);
        if (!parsed) return usage_error(file + ": " + parsed.error().message);
        spec = std::move(*parsed);
    } else {
        auto info = p.info();
        if (!info) return report(info.error());
        auto setup = teacher::setup_from_project(p);
        if (!setup) return report(setup.error());
        setup->params.offline = args.has("--offline");
        setup->params.concurrency = 1;
        teacher::Client client(setup->endpoint, setup->params, &p);
        if (!as_json) std::fprintf(stderr, "Asking %s for a task spec...\n", setup->endpoint.model.c_str());
        synth::DraftParams dp;
        auto history = p.spec_history();
        if (!history) return report(history.error());
        dp.attempt = static_cast<int>(history->size()) + 1;
        std::string last_note;
        dp.on_progress = [&](const teacher::ClientProgress &pr) {
            if (pr.note.empty() || pr.note == last_note) return;  // each retry once, not its countdown
            last_note = pr.note;
            std::fprintf(stderr, "%s\n", pr.note.c_str());
        };
        auto draft = synth::draft_spec(client, info->intent, dp);
        if (!draft) return report(draft.error());
        spec = std::move(draft->spec);
        notes = std::move(draft->notes);
        author = "teacher";
    }
    auto version = p.save_spec(synth::spec_to_store(spec, author));
    if (!version) return report(version.error());
    if (as_json) {
        auto row = p.spec(*version);
        if (!row || !*row) return report(row ? internal_error("the saved spec is gone") : row.error());
        json j = spec_row_json(**row, spec);
        j["notes"] = notes;
        print_json(j);
    } else {
        for (const auto &n : notes)
            std::fprintf(stderr, "note: %s\n", n.c_str());
        std::printf("Saved task spec version %lld (%s)\n%s", static_cast<long long>(*version), author.c_str(),
                    synth::spec_describe(spec).c_str());
    }
    return kExitOk;
}

int run_generate(const Args &args) {
    synth::GenerateParams params;
    auto count = parse_int(args.value("--count").value_or(""));
    if (!count || *count < 1 || *count > 10'000'000)
        return usage_error("--count takes a number of samples (1 or more)");
    params.count = *count;
    if (auto c = args.value("--concurrency")) {
        auto n = parse_int(*c);
        if (!n || *n < 1 || *n > 256) return usage_error("--concurrency takes 1 to 256 requests in flight");
        params.concurrency = static_cast<int>(*n);
    }
    if (auto k = args.value("--samples-per-call")) {
        auto n = parse_int(*k);
        if (!n || *n < 1 || *n > 50) return usage_error("--samples-per-call takes 1 to 50");
        params.samples_per_call = static_cast<int>(*n);
    }
    if (auto s = args.value("--seed")) {
        auto n = parse_int(*s);
        if (!n || *n < 0) return usage_error("--seed takes a whole number");
        params.seed = static_cast<uint64_t>(*n);
    }
    if (auto b = args.value("--budget-usd")) {
        char *end = nullptr;
        double v = std::strtod(b->c_str(), &end);
        if (b->empty() || *end != '\0' || !(v > 0) || !std::isfinite(v))
            return usage_error("--budget-usd takes an amount in dollars above 0, e.g. 2.50");
        params.budget_usd = v;
    }
    params.judge = args.has("--judge");
    params.offline = args.has("--offline");
    if (auto like = args.value("--like")) {  // approved samples whose kind this run asks for
        auto ids = parse_id_list({*like});
        if (!ids) return usage_error("--like takes sample ids such as 12, 12,40,41 or 10-14");
        params.like_samples = std::move(*ids);
    }
    const bool as_json = args.has("--json");

    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    auto setup = teacher::setup_from_project(**project);
    if (!setup) return report(setup.error());
    params.client = setup->params;
    ProgressLine progress(!as_json);
    params.hooks.on_progress = [&](const synth::GenerateProgress &g) {
        std::string text = std::to_string(g.accepted) + "/" + std::to_string(g.target) + " accepted, " +
                           std::to_string(g.failed_calls) + " failed, " + std::to_string(g.rejected) +
                           " rejected, " + std::to_string(g.duplicates) + " duplicates, " +
                           money(g.cost_usd) + ", " + duration(g.seconds_left) + " left";
        if (!g.note.empty()) text += " (" + ellipsize(g.note, 60) + ")";
        progress.update(g.fraction(), text);
        return true;
    };
    auto r = synth::generate(**project, setup->endpoint, params);
    progress.finish();
    if (!r) return report(r.error());
    const synth::GenerateProgress &t = r->totals;
    auto counts = (*project)->counts();
    if (as_json) {
        json j = {{"run", t.run_id},
                  {"resumed", r->resumed},
                  {"spec_version", r->spec_version},
                  {"target", t.target},
                  {"accepted", t.accepted},
                  {"rejected", t.rejected},
                  {"duplicates", t.duplicates},
                  {"failed_calls", t.failed_calls},
                  {"calls", t.calls_done},
                  {"from_journal", t.from_journal},
                  {"cost_usd", t.cost_usd},
                  {"completed", r->completed},
                  {"stopped", r->stopped.empty() ? json(nullptr) : json(r->stopped)}};
        if (counts)
            j["counts"] = {
                {"pending", counts->pending}, {"approved", counts->approved}, {"rejected", counts->rejected}};
        print_json(j);
    } else {
        std::printf(
            "Run %lld%s: %lld of %lld samples accepted as pending (%lld rejected, %lld duplicates, %lld "
            "failed "
            "calls, %lld answered from the journal), %s spent.\n",
            static_cast<long long>(t.run_id), r->resumed ? " (resumed)" : "",
            static_cast<long long>(t.accepted), static_cast<long long>(t.target),
            static_cast<long long>(t.rejected), static_cast<long long>(t.duplicates),
            static_cast<long long>(t.failed_calls), static_cast<long long>(t.from_journal),
            money(t.cost_usd).c_str());
        if (r->completed)
            std::printf("Review them with `smolify-cli samples %s --status pending`.\n",
                        args.positional(0).c_str());
    }
    if (!r->stopped.empty()) {
        std::fprintf(stderr, "smolify-cli: error: %s\n", r->stopped.c_str());
        return kExitUser;
    }
    return kExitOk;
}

constexpr std::size_t kMaxPricesFileBytes = 1u << 20;

json settings_json(const teacher::Settings &s) {
    const teacher::PriceTable merged = [&] {
        teacher::PriceTable t = teacher::PriceTable::defaults();
        if (s.prices)
            for (const auto &[model, price] : s.prices->models) t.models[model] = price;
        return t;
    }();
    json price = nullptr;
    if (const teacher::ModelPrice *mp = merged.find(s.model))
        price = {{"input", mp->input_per_mtok}, {"output", mp->output_per_mtok}};
    return {{"url", s.base_url},
            {"model", s.model},
            {"key_env", s.key_env},
            {"key_set", !s.key_env.empty() && std::getenv(s.key_env.c_str()) != nullptr &&
                            *std::getenv(s.key_env.c_str()) != '\0'},
            {"json_mode", std::string(teacher::json_support_name(s.json))},
            {"air_gap", s.air_gap},
            {"key_in_keyring", s.key_in_keyring},
            {"price_per_mtok", price},
            {"custom_prices", s.prices ? s.prices->to_json() : json::object()}};
}

int run_teacher(const Args &args) {
    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    store::Project &p = **project;
    auto loaded = teacher::load_settings(p);
    if (!loaded) return report(loaded.error());
    teacher::Settings s = std::move(*loaded);

    bool changed = false;
    if (auto t = args.value("--teacher")) {
        auto from = teacher::settings_from_teacher_arg(*t);
        if (!from) return report(from.error());
        // A new teacher takes its own key variable and JSON support (a preset's, or none and full
        // support for a plain URL): the old key must not follow the user to another host.
        s.base_url = from->base_url;
        s.key_env = from->key_env;
        s.json = from->json;
        s.key_in_keyring = false;
        changed = true;
    }
    if (auto m = args.value("--model")) {
        if (m->empty()) return usage_error("--model takes the teacher's model name, e.g. gpt-4o-mini");
        s.model = *m;
        changed = true;
    }
    if (args.has("--key-env") && args.has("--no-key"))
        return usage_error("give --key-env VAR or --no-key, not both");
    if (auto k = args.value("--key-env")) {
        if (!teacher::valid_env_name(*k))
            return usage_error("--key-env takes the NAME of an environment variable (e.g. OPENAI_API_KEY), "
                               "never the key itself");
        s.key_env = *k;
        s.key_in_keyring = false;
        changed = true;
    }
    if (args.has("--no-key")) {
        s.key_env.clear();
        s.key_in_keyring = false;
        changed = true;
    }
    if (auto j = args.value("--json-mode")) {
        auto mode = teacher::parse_json_support(*j);
        if (!mode) return usage_error("--json-mode takes none, json_object or json_schema");
        s.json = *mode;
        changed = true;
    }
    if (args.has("--prices") && args.has("--default-prices"))
        return usage_error("give --prices FILE or --default-prices, not both");
    if (auto file = args.value("--prices")) {
        auto text = read_file(*file, kMaxPricesFileBytes);
        if (!text) return report(text.error());
        json j = json::parse(*text, nullptr, false);
        if (j.is_discarded()) return usage_error(*file + " is not valid JSON");
        auto table = teacher::PriceTable::from_json(j);
        if (!table) return usage_error(*file + ": " + table.error().message);
        s.prices = std::move(*table);
        changed = true;
    }
    if (args.has("--default-prices")) {
        s.prices.reset();
        changed = true;
    }
    if (auto a = args.value("--air-gap")) {
        if (*a != "on" && *a != "off") return usage_error("--air-gap takes on or off");
        s.air_gap = *a == "on";
        changed = true;
    }
    if (changed)
        if (auto st = teacher::save_settings(p, s); !st) return report(st.error());

    if (args.has("--json")) {
        print_json(settings_json(s));
        return kExitOk;
    }
    const json j = settings_json(s);
    std::printf("Teacher:   %s\n", s.base_url.empty() ? "(none)" : s.base_url.c_str());
    std::printf("Model:     %s\n", s.model.empty() ? "(none)" : s.model.c_str());
    if (s.key_in_keyring)
        std::printf("Key:       in the OS keyring of the Smolify app (the CLI needs --key-env VAR)\n");
    else if (s.key_env.empty())
        std::printf("Key:       none (sent without Authorization)\n");
    else
        std::printf("Key:       from $%s (%s in this environment)\n", s.key_env.c_str(),
                    j["key_set"].get<bool>() ? "set" : "NOT set");
    std::printf("JSON mode: %s\n", std::string(teacher::json_support_name(s.json)).c_str());
    std::printf("Air-gap:   %s\n", s.air_gap ? "on (only a teacher on this machine may be reached)" : "off");
    if (j["price_per_mtok"].is_null())
        std::printf("Prices:    %s is not in the price table: costs show as $0 (set them with --prices FILE)\n",
                    s.model.empty() ? "the model" : s.model.c_str());
    else
        std::printf("Prices:    $%.4g in, $%.4g out per million tokens%s\n",
                    j["price_per_mtok"]["input"].get<double>(), j["price_per_mtok"]["output"].get<double>(),
                    s.prices ? " (project prices over the defaults)" : "");
    if (changed) std::printf("Saved.\n");
    return kExitOk;
}

std::string preset_list() {
    std::string out = "Presets for --teacher:\n";
    for (const teacher::Preset &pr : teacher::presets()) {
        char line[256];
        std::snprintf(line, sizeof line, "  %-11s %-40s %s\n", std::string(pr.name).c_str(),
                      std::string(pr.base_url).c_str(),
                      pr.key_env.empty() ? "no key" : ("key from $" + std::string(pr.key_env)).c_str());
        out += line;
    }
    return out;
}

}  // namespace

std::vector<Command> synth_commands() {
    return {
        {{"teacher",
          "Show or change the project's teacher",
          "PROJECT [--teacher URL|PRESET] [--model NAME] [--key-env VAR | --no-key] [--json-mode M] "
          "[--prices FILE | --default-prices] [--air-gap on|off] [--json]",
          {"PROJECT"},
          {{"--teacher", "URL|PRESET", "The teacher's OpenAI-compatible base URL, or a preset name (below)"},
           {"--model", "NAME", "The teacher's model, e.g. gpt-4o-mini or llama3.1:8b"},
           {"--key-env", "VAR", "The NAME of the environment variable that holds the API key"},
           {"--no-key", "", "The teacher takes no key (a local server)"},
           {"--json-mode", "M", "none, json_object or json_schema: the response_format the teacher accepts"},
           {"--prices", "FILE", "Prices in $ per million tokens: {\"model\": {\"input\": 0.15, \"output\": 0.6}}"},
           {"--default-prices", "", "Forget the project's prices; use the built-in table"},
           {"--air-gap", "on|off", "Allow only a teacher on this machine (localhost)"},
           {"--json", "", "Print the settings as one JSON object"}},
          "Without options, prints the settings. The key itself is never stored: it is read from the\n"
          "named environment variable at run time (the desktop app can keep it in the OS keyring).\n"
          "Choosing a new --teacher also resets the key variable and JSON mode to the preset's.\n\n" +
              preset_list()},
         run_teacher},
        {{"spec",
          "Draft, show or set the task spec",
          "PROJECT --draft | --show [--json] | --set FILE",
          {"PROJECT"},
          {{"--draft", "",
            "Ask the project's teacher to draft a spec from the intent (saved as a new version)"},
           {"--show", "", "Print the current spec"},
           {"--set", "FILE",
            "Save the spec in FILE (JSON, as --show --json prints under \"spec\") as a new version"},
           {"--offline", "", "--draft: answer from the teacher journal only, no network"},
           {"--json", "", "Print one JSON object {\"version\", \"author\", \"created_at\", \"spec\"}"}},
          "Specs are versioned: --draft and --set add a version, nothing is overwritten, and every\n"
          "generated sample records the version it was made under. See docs/synth.md for the format."},
         run_spec},
        {{"generate",
          "Generate samples with the teacher",
          "PROJECT --count N [--concurrency C] [--budget-usd X] [--judge] [--like IDS] [--offline] [--json]",
          {"PROJECT"},
          {{"--count", "N", "Accepted samples wanted"},
           {"--concurrency", "C", "Teacher requests in flight (default 8)"},
           {"--budget-usd", "X", "Stop before the teacher's cost could exceed X dollars"},
           {"--judge", "",
            "Have a second teacher call score each sample; weak ones are rejected with the reason"},
           {"--offline", "", "Answer only from the teacher journal; no network"},
           {"--samples-per-call", "K", "Samples asked for in one request (default 5)"},
           {"--like", "IDS",
            "Generate more like these approved samples (ids such as 12,40,41 or 10-14): they are every request's "
            "examples"},
           {"--seed", "S", "Seed of the slice order (default 1)"},
           {"--json", "", "Print one JSON object with the run's counts"}},
          "Samples are spread over the spec's diversity axes, checked against its output contract and\n"
          "de-duplicated (exact and near duplicates); they land as pending for review. Rejects are kept\n"
          "with the reason. Approved samples, rejection reasons and edits steer the next run. A run\n"
          "killed midway resumes when the same command is run again: nothing stored is lost, and no\n"
          "completed teacher call is paid for twice. Exits 1 when the run stopped before its count\n"
          "(budget, rate limits, no progress), after printing what it did."},
         run_generate},
    };
}

}  // namespace smolify::cli
