// smolify-cli spec, generate. Wiring only, over core/synth and core/teacher.
//
// The teacher comes from the project (init --teacher URL --model NAME --key-env VAR). Optional project
// settings refine it: "teacher.prices" ({"MODEL": {"input": $/Mtok, "output": $/Mtok}}, needed for
// --budget-usd with a model the built-in table does not know), "teacher.json" (none, json_object or
// json_schema: what structured output the endpoint accepts) and "teacher.air_gap" ("1": only local hosts).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common.h"
#include "synth/draft.h"
#include "synth/generate.h"
#include "synth/spec.h"
#include "teacher/client.h"
#include "util/text.h"

namespace smolify::cli {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxSpecFileBytes = 8u << 20;

struct TeacherSetup {
    teacher::Endpoint endpoint;
    teacher::ClientParams params;
};

Result<TeacherSetup> teacher_setup(store::Project &project) {
    auto info = project.info();
    if (!info) return info.error();
    TeacherSetup t;
    t.endpoint.base_url = info->teacher.base_url;
    t.endpoint.model = info->teacher.model;
    t.endpoint.key_env = info->teacher.key_env;
    if (t.endpoint.base_url.empty() || t.endpoint.model.empty())
        return user_error(
            "this project has no teacher: create it with init --teacher URL --model NAME [--key-env VAR]");
    if (auto prices = project.setting("teacher.prices"); prices && *prices) {
        json j = json::parse(**prices, nullptr, false);
        if (j.is_discarded()) return user_error("the project setting teacher.prices is not valid JSON");
        auto table = teacher::PriceTable::from_json(j);
        if (!table) return user_error("the project setting teacher.prices: " + table.error().message);
        for (auto &[model, price] : table->models)
            t.params.prices.models[model] = price;
    }
    if (auto js = project.setting("teacher.json"); js && *js) {
        if (**js == "none")
            t.endpoint.json = teacher::JsonSupport::none;
        else if (**js == "json_object")
            t.endpoint.json = teacher::JsonSupport::json_object;
        else if (**js == "json_schema")
            t.endpoint.json = teacher::JsonSupport::json_schema;
        else
            return user_error("the project setting teacher.json must be none, json_object or json_schema");
    }
    if (auto ag = project.setting("teacher.air_gap"); ag && *ag && **ag == "1")
        t.params.allowed_hosts = teacher::local_hosts();
    return t;
}

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
        auto setup = teacher_setup(p);
        if (!setup) return report(setup.error());
        setup->params.offline = args.has("--offline");
        setup->params.concurrency = 1;
        teacher::Client client(setup->endpoint, setup->params, &p);
        if (!as_json) std::fprintf(stderr, "Asking %s for a task spec...\n", setup->endpoint.model.c_str());
        synth::DraftParams dp;
        auto history = p.spec_history();
        if (!history) return report(history.error());
        dp.attempt = static_cast<int>(history->size()) + 1;
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
    const bool as_json = args.has("--json");

    auto project = open_project(args.positional(0));
    if (!project) return report(project.error());
    auto setup = teacher_setup(**project);
    if (!setup) return report(setup.error());
    params.client = setup->params;
    ProgressLine progress(!as_json);
    params.on_progress = [&](const synth::GenerateProgress &g) {
        double fraction = g.target > 0
                              ? std::min(1.0, static_cast<double>(g.accepted) / static_cast<double>(g.target))
                              : -1;
        std::string text = std::to_string(g.accepted) + "/" + std::to_string(g.target) + " accepted, " +
                           std::to_string(g.failed_calls) + " failed, " + std::to_string(g.rejected) +
                           " rejected, " + std::to_string(g.duplicates) + " duplicates, " +
                           money(g.cost_usd) + ", " + duration(g.seconds_left) + " left";
        if (!g.note.empty()) text += " (" + ellipsize(g.note, 60) + ")";
        progress.update(fraction, text);
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

}  // namespace

std::vector<Command> synth_commands() {
    return {
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
          "PROJECT --count N [--concurrency C] [--budget-usd X] [--judge] [--offline] [--json]",
          {"PROJECT"},
          {{"--count", "N", "Accepted samples wanted"},
           {"--concurrency", "C", "Teacher requests in flight (default 8)"},
           {"--budget-usd", "X", "Stop before the teacher's cost could exceed X dollars"},
           {"--judge", "",
            "Have a second teacher call score each sample; weak ones are rejected with the reason"},
           {"--offline", "", "Answer only from the teacher journal; no network"},
           {"--samples-per-call", "K", "Samples asked for in one request (default 5)"},
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
