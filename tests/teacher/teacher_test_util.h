// Shared pieces of the teacher tests: a fake clock whose sleeps advance it (so waits are checked without
// sleeping), client params suited to tests, and a small request.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/project.h"
#include "support/fake_teacher.h"
#include "teacher/client.h"

namespace smolify::test {

// Monotonic time that moves only when the client sleeps; records how long it slept in total.
struct FakeClock {
    std::atomic<int64_t> now{1'000'000};
    std::atomic<int64_t> slept{0};
    int64_t unix_base = 1'700'000'000;

    teacher::Clock clock() {
        teacher::Clock c;
        c.now_ms = [this] { return now.load(); };
        c.unix_now_s = [this] { return unix_base + now.load() / 1000; };
        c.sleep_ms = [this](int64_t ms) {
            now += ms;
            slept += ms;
        };
        return c;
    }
};

inline teacher::ClientParams test_params(FakeClock *clock = nullptr) {
    teacher::ClientParams p;
    p.backoff_base_ms = 100;
    p.backoff_cap_ms = 2'000;
    p.max_retries = 4;
    p.connect_timeout_ms = 5'000;
    p.first_byte_timeout_ms = 20'000;
    p.stall_timeout_ms = 10'000;
    p.jitter_seed = 42;
    if (clock) p.clock = clock->clock();
    return p;
}

inline teacher::Endpoint fake_endpoint(const FakeTeacher &fake, const std::string &key_env = "") {
    return teacher::Endpoint{fake.base_url(), "fake-model", key_env, teacher::JsonSupport::json_schema};
}

// A new project at `path` (a failed create is a test failure and gives nullptr).
inline std::unique_ptr<store::Project> make_project(const std::filesystem::path &path,
                                                    const std::string &intent = "Write short product descriptions") {
    store::CreateParams p;
    p.intent = intent;
    auto r = store::Project::create(path, p);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : nullptr;
}

inline teacher::ChatRequest user_request(const std::string &text, bool stream = false) {
    teacher::ChatRequest r;
    r.messages = {{"system", "You write test data."}, {"user", text}};
    r.max_tokens = 100;
    r.stream = stream;
    r.purpose = "generate";
    return r;
}

}  // namespace smolify::test
