// Errors as values for the engine. Every fallible core function returns Status or Result<T>;
// nothing in core/ prints, throws across its API, or aborts on input that came from outside.
//
// ErrorKind decides how a front end reacts: `user` errors carry a message the user can act on
// (smolify-cli exits 1), `internal` ones are bugs or environment failures (exit 2), `cancelled`
// means a cancel flag was honoured.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace smolify {

enum class ErrorKind { user, internal, cancelled };

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;
    // The failure was a full disk (ENOSPC or EDQUOT from a write, SQLITE_FULL from the store): freeing
    // space and trying again can succeed. Set where the failure is first seen (AtomicFile, the store);
    // the trainer pauses the run on it and the front ends say so. Kept by errors that wrap this one
    // only where they copy it.
    bool disk_full = false;
};

inline Error user_error(std::string message) { return Error{ErrorKind::user, std::move(message)}; }
inline Error internal_error(std::string message) { return Error{ErrorKind::internal, std::move(message)}; }
inline Error cancelled_error(std::string message = "cancelled") {
    return Error{ErrorKind::cancelled, std::move(message)};
}
// A user error caused by a full disk (Error::disk_full).
inline Error disk_full_error(std::string message) {
    return Error{ErrorKind::user, std::move(message), true};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Result<void>: success carries nothing.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT: implicit by design

    static Status success() { return Status(); }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

}  // namespace smolify
