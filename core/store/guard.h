// Converts the store's internal SqlError exceptions into Error values at the public API boundary.
// Internal to core/store.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include "store/sqlite.h"
#include "util/result.h"

namespace smolify::store::detail {

inline Error sql_to_error(const SqlError &e) {
    int primary = e.code() & 0xff;
    if (primary == SQLITE_FULL)
        return disk_full_error(std::string("the disk is full (") + e.what() +
                               "); free some space and try again");
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return user_error(std::string("the project is busy in another program (") + e.what() +
                          "); try again in a moment");
    if (primary == SQLITE_READONLY)
        return user_error(std::string("the project is read-only here (") + e.what() + ")");
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return user_error(std::string("the project file is damaged (") + e.what() + "); restore it from a backup");
    return internal_error(std::string("project store: ") + e.what());
}

// Runs fn(); SqlError and std::exception become Error values. fn returns Result<T> or Status.
template <class F>
auto guard(F &&fn) -> decltype(fn()) {
    try {
        return std::forward<F>(fn)();
    } catch (const SqlError &e) {
        return sql_to_error(e);
    } catch (const std::bad_alloc &) {
        return internal_error("out of memory in the project store");
    } catch (const std::exception &e) {
        return internal_error(std::string("project store: ") + e.what());
    }
}

}  // namespace smolify::store::detail
