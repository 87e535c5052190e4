// Teacher settings <-> the project store, and the Endpoint/ClientParams of a run (settings.h).
#include "teacher/settings.h"

#include <algorithm>
#include <cctype>

#include "store/guard.h"
#include "store/project.h"
#include "store/sqlite.h"
#include "teacher/protocol.h"

namespace smolify::teacher {

namespace {

constexpr std::string_view kJsonKey = "teacher.json";
constexpr std::string_view kPricesKey = "teacher.prices";
constexpr std::string_view kAirGapKey = "teacher.air_gap";
constexpr std::string_view kKeyringKey = "teacher.key_keyring";

}  // namespace

std::vector<std::string> air_gap_hosts(const MachineDefaults &machine) {
    std::vector<std::string> hosts = local_hosts();
    for (const std::string &h : machine.air_gap_hosts)
        if (!h.empty() && std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
    return hosts;
}

bool valid_env_name(std::string_view s) {
    if (s.empty() || s.size() > 128 || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string_view json_support_name(JsonSupport j) {
    switch (j) {
    case JsonSupport::none: return "none";
    case JsonSupport::json_object: return "json_object";
    case JsonSupport::json_schema: return "json_schema";
    }
    return "json_schema";
}

std::optional<JsonSupport> parse_json_support(std::string_view s) {
    for (JsonSupport j : {JsonSupport::none, JsonSupport::json_object, JsonSupport::json_schema})
        if (json_support_name(j) == s) return j;
    return std::nullopt;
}

Result<Settings> settings_from_teacher_arg(std::string_view arg) {
    Settings s;
    if (const Preset *p = find_preset(arg)) {
        s.base_url = p->base_url;
        s.key_env = p->key_env;
        s.json = p->json;
        return s;
    }
    if (arg.rfind("http://", 0) == 0 || arg.rfind("https://", 0) == 0) {
        s.base_url = arg;
        return s;
    }
    std::string names;
    for (const Preset &p : presets())
        names += (names.empty() ? "" : ", ") + std::string(p.name);
    return user_error("\"" + std::string(arg) + "\" is neither a teacher preset (" + names +
                      ") nor an http:// or https:// URL such as http://localhost:11434/v1");
}

std::string check_settings(const Settings &s, const MachineDefaults &machine) {
    if (!s.base_url.empty()) {
        auto host = url_host(s.base_url);
        if (!host) return "the teacher URL: " + host.error().message;
        const auto allowed = air_gap_hosts(machine);
        if (s.air_gap && std::find(allowed.begin(), allowed.end(), *host) == allowed.end()) {
            std::string list;
            for (const std::string &h : allowed)
                list += (list.empty() ? "" : ", ") + h;
            return "air-gap mode allows only a teacher on this machine or on the allowed hosts (" + list +
                   "), not \"" + *host + "\": choose one of those or turn air-gap mode off";
        }
    }
    if (!s.key_env.empty() && !valid_env_name(s.key_env))
        return "the key setting takes the NAME of an environment variable (e.g. OPENAI_API_KEY), never the "
               "key itself";
    return {};
}

Result<Settings> load_settings(store::Project &project) {
    auto info = project.info();
    if (!info) return info.error();
    Settings s;
    s.base_url = info->teacher.base_url;
    s.model = info->teacher.model;
    s.key_env = info->teacher.key_env;
    auto js = project.setting(kJsonKey);
    if (!js) return js.error();
    if (*js && !(*js)->empty()) {
        auto j = parse_json_support(**js);
        if (!j) return user_error("the project setting teacher.json must be none, json_object or json_schema");
        s.json = *j;
    }
    auto prices = project.setting(kPricesKey);
    if (!prices) return prices.error();
    if (*prices && !(*prices)->empty()) {
        auto j = nlohmann::json::parse(**prices, nullptr, false);
        if (j.is_discarded()) return user_error("the project setting teacher.prices is not valid JSON");
        auto table = PriceTable::from_json(j);
        if (!table) return user_error("the project setting teacher.prices: " + table.error().message);
        s.prices = std::move(*table);
    }
    auto ag = project.setting(kAirGapKey);
    if (!ag) return ag.error();
    s.air_gap = *ag && **ag == "1";
    auto kr = project.setting(kKeyringKey);
    if (!kr) return kr.error();
    s.key_in_keyring = *kr && **kr == "1";
    return s;
}

Status save_settings(store::Project &project, const Settings &s, const MachineDefaults &machine) {
    if (auto problem = check_settings(s, machine); !problem.empty()) return user_error(problem);
    store::TeacherConfig t;
    t.base_url = s.base_url;
    t.model = s.model;
    t.key_env = s.key_env;
    // All four in one transaction: a half-saved teacher (a new URL with the old key variable) would
    // send the wrong key to the wrong host.
    return store::detail::guard([&]() -> Status {
        store::Transaction tx(project.db());
        if (auto st = project.set_teacher(t); !st) return st;
        if (auto st = project.set_setting(kJsonKey, json_support_name(s.json)); !st) return st;
        if (auto st = project.set_setting(kPricesKey, s.prices ? dump_json(s.prices->to_json()) : ""); !st)
            return st;
        if (auto st = project.set_setting(kAirGapKey, s.air_gap ? "1" : "0"); !st) return st;
        if (auto st = project.set_setting(kKeyringKey, s.key_in_keyring && s.key_env.empty() ? "1" : "0"); !st)
            return st;
        tx.commit();
        return {};
    });
}

Result<Setup> setup_from_project(store::Project &project, std::string key, const MachineDefaults &machine) {
    auto s = load_settings(project);
    if (!s) return s.error();
    if (s->base_url.empty() || s->model.empty())
        return user_error(
            "this project has no teacher: set one with smolify-cli teacher PROJECT --teacher URL|PRESET "
            "--model NAME [--key-env VAR]");
    if (s->key_in_keyring && s->key_env.empty() && key.empty())
        return user_error(
            "this project's teacher key is kept in the OS keyring by the Smolify app, which the CLI does not "
            "read: name an environment variable that holds it with smolify-cli teacher PROJECT --key-env VAR");
    Setup setup;
    setup.endpoint.base_url = s->base_url;
    setup.endpoint.model = s->model;
    setup.endpoint.key_env = s->key_env;
    setup.endpoint.key = std::move(key);
    setup.endpoint.json = s->json;
    if (machine.prices) setup.params.prices = *machine.prices;
    if (s->prices)
        for (auto &[model, price] : s->prices->models)
            setup.params.prices.models[model] = price;
    if (s->air_gap) setup.params.allowed_hosts = air_gap_hosts(machine);
    return setup;
}

}  // namespace smolify::teacher
