// The project file's schema and its forward migrations.
//
// The schema version lives in PRAGMA user_version; PRAGMA application_id marks the file as a
// Smolify project. Migration N takes a file from version N-1 to N. Each runs in its own
// transaction together with the user_version bump, so a failure leaves the file at the last good
// version. Migrations are append-only: never edit a released one, add the next.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace smolify::store {

class Db;

inline constexpr int32_t kApplicationId = 0x536d6f6c;  // "Smol"

struct Migration {
    int version;            // the version this migration produces
    std::string_view sql;   // statements, run in one transaction
};

std::span<const Migration> schema_migrations();
int schema_latest_version();

// Applies the migrations above the file's user_version in order. Throws SqlError on failure
// (the failing migration is rolled back). Returns the resulting version.
int schema_migrate(Db &db, std::span<const Migration> migrations);

}  // namespace smolify::store
