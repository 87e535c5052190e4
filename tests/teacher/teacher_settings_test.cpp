// A project's teacher settings (teacher/settings.h): stored and read back, checked (air-gap with a
// remote host, a key pasted where a variable name belongs), turned into the Endpoint and ClientParams
// of a run with the project's prices and allow-list; and a key held by the caller (the GUI's keyring
// path, Endpoint::key) is sent as the Authorization header yet reaches neither the project file nor an
// error message.
#include <algorithm>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/project.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "teacher/settings.h"
#include "teacher_test_util.h"

using namespace smolify;
using namespace smolify::teacher;
using smolify::test::FakeReply;
using smolify::test::FakeTeacher;
namespace fs = std::filesystem;

TEST(TeacherSettings, SavedSettingsReadBackAndMakeTheRunsEndpoint) {
    test::TempDir dir;
    auto project = test::make_project(dir / "p.smolify", "Sort incoming IT tickets by urgency");
    ASSERT_TRUE(project);

    auto none = setup_from_project(*project);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("no teacher"), std::string::npos) << none.error().message;

    auto s = settings_from_teacher_arg("anthropic");
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->base_url, "https://api.anthropic.com/v1");
    EXPECT_EQ(s->key_env, "ANTHROPIC_API_KEY");
    EXPECT_EQ(s->json, JsonSupport::none);
    s->model = "claude-custom";
    PriceTable prices;
    prices.models["claude-custom"] = {1.25, 5.5};
    s->prices = prices;
    ASSERT_TRUE(save_settings(*project, *s).ok());

    auto back = load_settings(*project);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->base_url, "https://api.anthropic.com/v1");
    EXPECT_EQ(back->model, "claude-custom");
    EXPECT_EQ(back->key_env, "ANTHROPIC_API_KEY");
    EXPECT_EQ(back->json, JsonSupport::none);
    EXPECT_FALSE(back->air_gap);
    ASSERT_TRUE(back->prices.has_value());
    EXPECT_DOUBLE_EQ(back->prices->models.at("claude-custom").output_per_mtok, 5.5);

    auto setup = setup_from_project(*project);
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    EXPECT_EQ(setup->endpoint.model, "claude-custom");
    EXPECT_EQ(setup->endpoint.json, JsonSupport::none);
    EXPECT_TRUE(setup->endpoint.key.empty());
    EXPECT_TRUE(setup->params.allowed_hosts.empty());
    ASSERT_NE(setup->params.prices.find("claude-custom"), nullptr);
    EXPECT_DOUBLE_EQ(setup->params.prices.find("claude-custom")->input_per_mtok, 1.25);
    // The project's prices are added to the defaults, not instead of them.
    EXPECT_NE(setup->params.prices.find("gpt-4o-mini"), nullptr);
}

TEST(TeacherSettings, ChecksRefuseWhatWouldLeakOrCannotWork) {
    test::TempDir dir;
    auto project = test::make_project(dir / "p.smolify", "Sort incoming IT tickets by urgency");
    ASSERT_TRUE(project);
    auto remote = settings_from_teacher_arg("openai");
    ASSERT_TRUE(remote.ok());
    remote->model = "gpt-4o-mini";
    remote->air_gap = true;
    Status st = save_settings(*project, *remote);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("api.openai.com"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("air-gap"), std::string::npos);

    remote->air_gap = false;
    remote->key_env = "sk-live-abc123";  // a key pasted where the variable name goes
    st = save_settings(*project, *remote);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("NAME of an environment variable"), std::string::npos);
    EXPECT_EQ(test::slurp(dir / "p.smolify").find("sk-live-abc123"), std::string::npos);
    // Nothing of the refused settings was stored.
    auto back = load_settings(*project);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->base_url.empty());

    auto bad = settings_from_teacher_arg("ftp://example.com");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("ollama"), std::string::npos) << bad.error().message;

    auto local = settings_from_teacher_arg("ollama");
    ASSERT_TRUE(local.ok());
    EXPECT_TRUE(local->key_env.empty());
    local->model = "llama3.1:8b";
    local->air_gap = true;
    ASSERT_TRUE(save_settings(*project, *local).ok());
    auto setup = setup_from_project(*project);
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup->params.allowed_hosts, local_hosts());

    // A damaged setting is a clear error, not a default silently used.
    ASSERT_TRUE(project->set_setting("teacher.json", "yaml").ok());
    auto damaged = load_settings(*project);
    ASSERT_FALSE(damaged.ok());
    EXPECT_NE(damaged.error().message.find("teacher.json"), std::string::npos);
}

TEST(TeacherSettings, MachineDefaultsAllowMoreHostsAndReplaceTheDefaultPrices) {
    test::TempDir dir;
    auto project = test::make_project(dir / "p.smolify", "Sort incoming IT tickets by urgency");
    ASSERT_TRUE(project);
    Settings s;
    s.base_url = "http://gpu-box.lan:8000/v1";
    s.model = "qwen2.5-7b";
    s.air_gap = true;
    // Not on this machine: refused unless the machine's list allows the host.
    Status refused = save_settings(*project, s);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("gpu-box.lan"), std::string::npos) << refused.error().message;
    MachineDefaults machine;
    machine.air_gap_hosts = {"gpu-box.lan"};
    EXPECT_EQ(check_settings(s, machine), "");
    ASSERT_TRUE(save_settings(*project, s, machine).ok());

    // The machine's price table replaces the built-in one; the project's own prices still win.
    PriceTable mine;
    mine.models["qwen2.5-7b"] = {0.5, 0.75};
    mine.models["gpt-4o-mini"] = {9, 9};
    machine.prices = mine;
    auto setup = setup_from_project(*project, {}, machine);
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    auto hosts = setup->params.allowed_hosts;
    EXPECT_NE(std::find(hosts.begin(), hosts.end(), "gpu-box.lan"), hosts.end());
    EXPECT_NE(std::find(hosts.begin(), hosts.end(), "localhost"), hosts.end());
    ASSERT_NE(setup->params.prices.find("qwen2.5-7b"), nullptr);
    EXPECT_DOUBLE_EQ(setup->params.prices.find("qwen2.5-7b")->output_per_mtok, 0.75);
    EXPECT_DOUBLE_EQ(setup->params.prices.find("gpt-4o-mini")->input_per_mtok, 9);
    EXPECT_EQ(setup->params.prices.find("claude-3-5-haiku-latest"), nullptr) << "not merged over the defaults";

    PriceTable project_prices;
    project_prices.models["qwen2.5-7b"] = {0.1, 0.2};
    s.prices = project_prices;
    ASSERT_TRUE(save_settings(*project, s, machine).ok());
    setup = setup_from_project(*project, {}, machine);
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    EXPECT_DOUBLE_EQ(setup->params.prices.find("qwen2.5-7b")->input_per_mtok, 0.1);
    // Without the machine's list, the same project's air-gap teacher is no longer allowed.
    EXPECT_NE(check_settings(s), "");
}

TEST(TeacherSettings, KeyHeldByTheCallerIsSentButNeverStoredOrShown) {
    test::TempDir dir;
    const fs::path path = dir / "p.smolify";
    const std::string canary = "sk-KEYRING-CANARY-0b9d2f71";
    std::vector<std::string> messages;
    {
        auto project = test::make_project(path, "Sort incoming IT tickets by urgency");
        ASSERT_TRUE(project);
        FakeTeacher fake;
        Settings s;
        s.base_url = fake.base_url();
        s.model = "fake-model";
        s.key_env = "SMOLIFY_TEST_UNSET_VARIABLE_FOR_KEY";  // unset: the caller's key wins
        ::unsetenv(s.key_env.c_str());
        ASSERT_TRUE(save_settings(*project, s).ok());
        auto setup = setup_from_project(*project, canary);
        ASSERT_TRUE(setup.ok());
        fake.push(FakeReply::ok("fine"));
        fake.set_handler([](const test::FakeRequest &r) {
            return FakeReply::error(401, "bad key " + r.headers.at("authorization"));
        });
        setup->params = test::test_params();
        Client client(setup->endpoint, setup->params, project.get());
        auto ok = client.chat(test::user_request("a"));
        ASSERT_TRUE(ok.ok()) << ok.error().message;
        auto reqs = fake.requests();
        ASSERT_EQ(reqs.size(), 1u);
        EXPECT_EQ(reqs[0].headers.at("authorization"), "Bearer " + canary);
        auto bad = client.chat(test::user_request("b"));
        ASSERT_FALSE(bad.ok());
        messages.push_back(bad.error().message);
    }
    for (const auto &m : messages) EXPECT_EQ(m.find(canary), std::string::npos) << m;
    for (const auto &entry : fs::directory_iterator(dir.path())) {
        if (entry.is_regular_file()) {
            EXPECT_EQ(test::slurp(entry.path()).find(canary), std::string::npos) << entry.path();
        }
    }
}
