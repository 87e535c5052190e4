// Example folders in core (synth/example.h) and the program runner under them (util/process.h): the
// bundled examples listed with their kind and source, a recorded example taken to each step, an
// import example's prepare command run in its folder (its output line by line, a failure with what it
// said, a cancel that stops it), and the runner's exit codes, cancel and unknown programs.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "support/temp_dir.h"
#include "synth/example.h"
#include "util/process.h"

using namespace smolify;
using namespace smolify::synth;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write(const fs::path &file, const std::string &text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string pairs(int from, int count) {
    std::string out;
    for (int i = from; i < from + count; ++i)
        out += json{{"input", "note number " + std::to_string(i) + " about the printer on floor " +
                                  std::to_string(i % 7)},
                    {"output", "printer note " + std::to_string(i)}}
                   .dump() +
               "\n";
    return out;
}

// An import example whose prepare command is `/bin/sh prepare.sh {out}`.
fs::path import_example(const fs::path &root, const std::string &script) {
    const fs::path dir = root / "tiny-import";
    write(dir / "intent.txt", "Summarise printer notes\n");
    write(dir / "spec.json", json{{"kind", "free_text"},
                                  {"instruction", "Summarise the note."},
                                  {"input_description", "A note."},
                                  {"output", json::object()},
                                  {"axes", json::array()},
                                  {"seeds", {{{"input", "a note"}, {"output", "a summary"}}}}}
                                 .dump());
    write(dir / "example.json", R"({"source": "import", "prepare": ["/bin/sh", "prepare.sh", "{out}"]})");
    write(dir / "prepare.sh", script);
    write(dir / "train.src", pairs(0, 12));
    write(dir / "held.src", pairs(100, 4));
    return dir;
}

std::unique_ptr<store::Project> new_project(const fs::path &file) {
    store::CreateParams cp;
    cp.intent = "example";
    auto p = store::Project::create(file, cp);
    EXPECT_TRUE(p) << p.error().message;
    return p ? std::move(*p) : nullptr;
}

const fs::path kExamples = fs::path(SMOLIFY_SOURCE_DIR) / "examples";

}  // namespace

TEST(Example, ListsTheBundledExamplesWithKindAndSource) {
    const auto list = list_examples(kExamples);
    bool soap = false, man = false;
    for (const auto &e : list) {
        SCOPED_TRACE(e.name);
        if (e.name == "soap-notes") {
            soap = true;
            EXPECT_EQ(e.kind, "sectioned_text");
            EXPECT_EQ(e.source, ExampleSource::recorded);
            EXPECT_NE(e.intent.find("SOAP"), std::string::npos);
            EXPECT_TRUE(e.problem.empty()) << e.problem;
        }
        if (e.name == "man-pages") {
            man = true;
            EXPECT_EQ(e.kind, "free_text");
            EXPECT_EQ(e.source, ExampleSource::import);
            EXPECT_TRUE(e.problem.empty()) << e.problem;
        }
    }
    EXPECT_TRUE(soap);
    EXPECT_TRUE(man);

    test::TempDir dir;
    write(dir / "broken" / "intent.txt", "x\n");
    write(dir / "broken" / "spec.json", "{}");
    write(dir / "broken" / "example.json", "{}");
    write(dir / "not-an-example" / "notes.txt", "x\n");
    const auto other = list_examples(dir.path());
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0].name, "broken");
    EXPECT_NE(other[0].problem.find("spec.json"), std::string::npos) << other[0].problem;
    EXPECT_TRUE(list_examples(dir / "nowhere").empty());
}

TEST(Example, RunsARecordedExampleToEachStep) {
    auto ex = read_example(kExamples / "soap-notes");
    ASSERT_TRUE(ex) << ex.error().message;
    EXPECT_EQ(example_stages(*ex), (std::vector<std::string>{"spec", "replay", "review", "held_out"}));
    test::TempDir dir;
    for (ExampleStep step : {ExampleStep::fresh, ExampleStep::generated, ExampleStep::reviewed}) {
        SCOPED_TRACE(static_cast<int>(step));
        auto project = new_project(dir / ("p" + std::to_string(static_cast<int>(step)) + ".smolify"));
        ASSERT_TRUE(project);
        ExampleStagesParams p;
        p.step = step;
        int calls = 0;
        p.hooks.on_progress = [&](const ExampleStagesProgress &) { return ++calls > 0; };
        auto r = run_example_stages(*project, *ex, p);
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_GT(calls, 0);
        auto counts = project->counts();
        ASSERT_TRUE(counts);
        EXPECT_EQ(r->spec_version, 1);
        if (step == ExampleStep::fresh) {
            EXPECT_EQ(counts->total, 0);
            EXPECT_EQ(r->stages.size(), 1u);
        } else if (step == ExampleStep::generated) {
            EXPECT_GT(r->generated, 3000);
            EXPECT_EQ(counts->pending, r->generated);
            EXPECT_EQ(counts->approved, 0);
        } else {
            EXPECT_GT(r->approved, 2000);
            EXPECT_GT(r->rejected, 0);
            EXPECT_EQ(r->held_out, 300);
            EXPECT_EQ(counts->approved, r->approved + r->held_out);
            EXPECT_EQ(counts->test, 300);
        }
    }
}

TEST(Example, RunsAnImportExamplesPrepareCommandInItsFolder) {
    test::TempDir dir;
    const fs::path folder =
        import_example(dir.path(),
                       "echo \"writing to $1\" >&2\necho from-stdout\ncp train.src \"$1/train.jsonl\"\n"
                       "cp held.src \"$1/held_out.jsonl\"\n");
    auto ex = read_example(folder);
    ASSERT_TRUE(ex) << ex.error().message;
    EXPECT_EQ(ex->source, ExampleSource::import);
    EXPECT_EQ(example_stages(*ex), (std::vector<std::string>{"spec", "prepare", "import", "held_out"}));
    auto project = new_project(dir / "p.smolify");
    ASSERT_TRUE(project);
    ExampleStagesParams p;
    p.step = ExampleStep::reviewed;
    p.data_dir = dir / "data";
    std::vector<std::string> lines;
    p.hooks.on_progress = [&](const ExampleStagesProgress &pr) {
        if (pr.stage == "prepare" && pr.stage_fraction < 0) lines.push_back(pr.text);
        return true;
    };
    auto r = run_example_stages(*project, *ex, p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->imported, 12);
    EXPECT_EQ(r->approved, 12);
    EXPECT_EQ(r->held_out, 4);
    EXPECT_EQ(r->generated, 0);
    EXPECT_EQ(lines, (std::vector<std::string>{"writing to " + (dir / "data").string(), "from-stdout"}));
    auto counts = project->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->approved, 16);
    EXPECT_EQ(counts->test, 4);
    EXPECT_EQ(counts->pending, 0);

    // A failing command: its output is in the message; stale files from the last run do not count.
    write(folder / "prepare.sh", "echo 'no pages here' >&2\nexit 4\n");
    PrepareParams pp;
    pp.out_dir = dir / "data";
    auto failed = example_prepare(*ex, pp);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().kind, ErrorKind::user);
    EXPECT_NE(failed.error().message.find("failed with exit status 4:\nno pages here"), std::string::npos)
        << failed.error().message;
    EXPECT_FALSE(fs::exists(dir / "data" / "train.jsonl")) << "the earlier file was removed first";

    // Cancelled while it runs: stopped, not waited for.
    write(folder / "prepare.sh", "sleep 30\n");
    std::atomic<bool> stop{false};
    pp.cancel = &stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        stop.store(true);
    });
    const auto started = std::chrono::steady_clock::now();
    auto cancelled = example_prepare(*ex, pp);
    stopper.join();
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().kind, ErrorKind::cancelled);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 10.0);
}

TEST(Process, RunsAProgramAndReportsHowItEnded) {
    test::TempDir dir;
    ProcessParams p;
    p.argv = {"/bin/sh", "-c", "pwd; echo err >&2; printf 'last'; exit 7"};
    p.cwd = dir.path();
    std::vector<std::string> lines;
    p.on_line = [&](const std::string &l) { lines.push_back(l); };
    auto r = run_program(p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->exit_code, 7);
    EXPECT_EQ(lines, (std::vector<std::string>{fs::canonical(dir.path()).string(), "err", "last"}));
    EXPECT_NE(r->tail.find("err\nlast"), std::string::npos) << r->tail;

    p.argv = {"sh", "-c", "exit 0"};  // found in PATH
    p.on_line = nullptr;
    r = run_program(p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->exit_code, 0);

    p.argv = {"/bin/sh", "-c", "sleep 30"};
    p.timeout_s = 0.3;
    r = run_program(p);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_EQ(r->signal, SIGTERM);

    p.argv = {"./no-such-program"};
    r = run_program(p);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("cannot start ./no-such-program: No such file or directory"),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(command_line_text({"a b", "c", "it's"}), "'a b' c 'it'\\''s'");
}
