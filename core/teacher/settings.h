// A project's teacher settings in one place: where the teacher is (URL, model, the NAME of the key's
// environment variable), how much structured output it accepts, the price table overrides and air-gap
// mode, read from and written to the project store, and turned into the Endpoint and ClientParams a
// run uses. The key itself is never part of these settings: it comes from the environment variable at
// run time, or from the caller (the GUI reads it from the OS keyring) straight into Endpoint::key.
//
// Stored as: the project's teacher row (url, model, key_env) and the settings teacher.json
// ("none" | "json_object" | "json_schema"), teacher.prices (a price table as JSON, merged over the
// defaults), teacher.air_gap ("1" | "0") and teacher.key_keyring ("1" | "0").
//
// Who calls it: smolify-cli (init, teacher, spec, generate), the GUI's teacher settings dialog and its
// synthesis worker. Thread-safety: as store::Project (one thread at a time per Project).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "teacher/client.h"
#include "util/result.h"

namespace smolify::store {
class Project;
}

namespace smolify::teacher {

struct Settings {
    std::string base_url;  // empty: no teacher yet
    std::string model;
    std::string key_env;  // empty: the teacher takes no key (a local server)
    JsonSupport json = JsonSupport::json_schema;
    std::optional<PriceTable> prices;  // the project's own prices (only what differs from the defaults)
    bool air_gap = false;              // only a local teacher may be reached
    bool key_in_keyring = false;       // the desktop app keeps the key in the OS keyring (then key_env
                                       // is empty); the CLI needs --key-env instead
};

// What this machine's user set for every project (the desktop app's Settings page; the CLI uses the
// built-in values): a price table that replaces the built-in defaults, a project's own prices still
// winning over it, and hosts that air-gap mode allows besides this machine's own (local_hosts()),
// such as an on-premises server ("gpu-box.lan", "10.0.0.5").
struct MachineDefaults {
    std::optional<PriceTable> prices;
    std::vector<std::string> air_gap_hosts;
};
// The hosts air-gap mode allows: local_hosts() and the machine's own list.
std::vector<std::string> air_gap_hosts(const MachineDefaults &machine = {});

Result<Settings> load_settings(store::Project &project);
// Checks (URL scheme, key_env is a variable name, air-gap with a host it does not allow) and stores.
Status save_settings(store::Project &project, const Settings &settings, const MachineDefaults &machine = {});
// "" when the settings are usable as they stand, else what is wrong (the same checks save does).
std::string check_settings(const Settings &settings, const MachineDefaults &machine = {});

// True for NAME-like strings: letters, digits and '_', not starting with a digit. A key pasted where a
// variable name belongs ("sk-...") fails this, which is how the CLI refuses to store it.
bool valid_env_name(std::string_view name);

std::string_view json_support_name(JsonSupport j);  // "none", "json_object", "json_schema"
std::optional<JsonSupport> parse_json_support(std::string_view s);

// A preset name ("ollama") or a URL: the preset's URL, default key variable and JSON support, or the
// URL as given with no key and full JSON support. A user error for anything else.
Result<Settings> settings_from_teacher_arg(std::string_view preset_or_url);

// What a run needs: the endpoint (with `key`, when the caller holds the key itself) and the client
// parameters with the project's prices and allow-list. A user error when the project has no teacher,
// or when its key is kept in the OS keyring and `key` is empty (the CLI cannot read the keyring).
struct Setup {
    Endpoint endpoint;
    ClientParams params;
};
Result<Setup> setup_from_project(store::Project &project, std::string key = {},
                                 const MachineDefaults &machine = {});

}  // namespace smolify::teacher
