// smolify-cli run EXAMPLE_DIR, driven as a user would: a small example folder written here (a recorded
// teacher session with the failures real teachers send, a recorded review, a few held-out pairs), run
// end to end on a tiny training budget, its JSON checked; the same command again skips every finished
// stage; bad example files are refused with the file and line. An import example (example.json and a
// prepare command that writes the pairs) written here too: imported as approved samples, its failing
// command and bad manifests reported clearly, a rerun repeating nothing. And every bundled example.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_process.h"
#include "support/temp_dir.h"

using namespace smolify;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char *kWords[] = {"amber",  "basil",   "cedar",   "delta",  "ember",   "fjord",  "garnet", "harbor",
                        "indigo", "juniper", "kestrel", "lagoon", "maple",   "nectar", "onyx",   "pepper",
                        "quartz", "raven",   "saffron", "tundra", "umber",   "violet", "willow", "xenon",
                        "yarrow", "zephyr",  "acorn",   "birch",  "cobalt",  "dune",   "elm",    "fennel",
                        "ginger", "hazel",   "iris",    "jasper", "kelp",    "lilac",  "moss",   "nutmeg",
                        "olive",  "pine",    "quill",   "rust",   "sage",    "thyme",  "upland", "vale",
                        "wheat",  "yew",     "zinnia",  "alder",  "bramble", "clover", "dahlia", "egret"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

struct Pair {
    std::string input;
    std::string output;
};

// A note of 12 pseudo-random words and its two-section summary; distinct seeds give unrelated notes.
Pair note(uint64_t seed) {
    uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    std::vector<std::string> w;
    for (int i = 0; i < 12; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        w.push_back(kWords[(x >> 33) % kWordCount]);
    }
    std::string input = "Note:";
    for (const auto &s : w)
        input += " " + s;
    input += ".";
    return {input, "Summary: " + w[0] + " " + w[1] + " " + w[2] + ".\nAction: " + w[10] + " " + w[11] + "."};
}

class RunCli : public ::testing::Test {
protected:
    test::ProcessResult cli(std::vector<std::string> args) {
        args.insert(args.begin(), SMOLIFY_CLI_PATH);
        return test::run_process(args, m_dir.path());
    }

    void write(const fs::path &file, const std::string &text) {
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }

    // The example folder: 8 recorded calls of 5 samples (one malformed item, one that breaks the
    // contract, one exact duplicate, one reply in a code fence after prose), 37 review decisions
    // (30 approve, 4 edit, 3 reject) and 5 held-out pairs.
    fs::path make_example() {
        const fs::path dir = m_dir.path() / "tiny-notes";
        write(dir / "intent.txt", "Summarise short notes into a summary and an action\n");
        json spec = {
            {"kind", "sectioned_text"},
            {"instruction", "Summarise the note in two sections: Summary: and Action:."},
            {"input_description", "A short note of a dozen words."},
            {"output",
             {{"sections", {"Summary", "Action"}}, {"max_output_chars", 400}, {"max_input_chars", 1000}}},
            {"axes", {{{"name", "style"}, {"values", {"plain", "terse"}}}}},
            {"seeds", {{{"input", note(999).input}, {"output", note(999).output}}}}};
        write(dir / "spec.json", spec.dump(2));

        std::string session, review;
        for (int call = 1; call <= 8; ++call) {
            json items = json::array();
            for (int i = 0; i < 5; ++i) {
                Pair p = note(static_cast<uint64_t>(call * 10 + i));
                json item = {{"input", p.input}, {"output", p.output}, {"topic", "style: plain"}};
                bool reviewed = true;
                if (call == 2 && i == 1) {
                    item.erase("output");  // malformed
                    reviewed = false;
                }
                if (call == 3 && i == 4) {
                    item["output"] = "Summary: no action section.";  // breaks the contract
                    reviewed = false;
                }
                if (call == 5 && i == 0) {
                    Pair first = note(10);  // call 1's first sample again
                    item["input"] = first.input;
                    item["output"] = first.output;
                    reviewed = false;
                }
                items.push_back(item);
                if (!reviewed) continue;
                json d = {{"call", call}, {"index", i}, {"decision", "approve"}};
                if ((call == 1 && i == 1) || (call == 2 && i == 2) || (call == 6 && i == 3) ||
                    (call == 7 && i == 0)) {
                    d["decision"] = "edit";
                    d["output"] = "Summary: edited note " + std::to_string(call) + "-" + std::to_string(i) +
                                  ".\nAction: file it.";
                }
                if ((call == 3 && i == 0) || (call == 5 && i == 2) || (call == 8 && i == 4)) {
                    d["decision"] = "reject";
                    d["reason"] = "the action is not in the note";
                }
                review += d.dump() + "\n";
            }
            std::string content = json{{"samples", items}}.dump();
            if (call == 4) content = "Here are the samples:\n```json\n" + content + "\n```";
            session += json{{"call", call}, {"content", content}}.dump() + "\n";
        }
        write(dir / "teacher_session.jsonl", session);
        write(dir / "review.jsonl", review);
        std::string held;
        for (int i = 0; i < 5; ++i) {
            Pair p = note(static_cast<uint64_t>(500 + i));
            held += json{{"input", p.input}, {"output", p.output}}.dump() + "\n";
        }
        write(dir / "held_out.jsonl", held);
        return dir;
    }

    // An import example: example.json runs `/bin/sh prepare.sh {out}`, which notes each run in
    // runs.txt, says what it does on stderr and copies train.src and held.src (12 and 3 pairs) out.
    fs::path make_import_example(const std::string &name = "tiny-import") {
        const fs::path dir = m_dir.path() / name;
        write(dir / "intent.txt", "Summarise short notes into one line\n");
        json spec = {{"kind", "free_text"},
                     {"instruction", "Summarise the note in one line."},
                     {"input_description", "A short note of a dozen words."},
                     {"output", {{"max_output_chars", 400}}},
                     {"axes", json::array()},
                     {"seeds", {{{"input", note(999).input}, {"output", note(999).output}}}}};
        write(dir / "spec.json", spec.dump(2));
        write(dir / "example.json",
              json{{"source", "import"}, {"prepare", {"/bin/sh", "prepare.sh", "{out}"}}}.dump(2));
        write(dir / "prepare.sh",
              "echo run >> runs.txt\n"
              "echo \"prepare: copying the pairs to $1\" >&2\n"
              "cp train.src \"$1/train.jsonl\" && cp held.src \"$1/held_out.jsonl\"\n");
        std::string train, held;
        for (int i = 0; i < 12; ++i) {
            Pair p = note(static_cast<uint64_t>(700 + i));
            train += json{{"input", p.input}, {"output", p.output}}.dump() + "\n";
        }
        for (int i = 0; i < 3; ++i) {
            Pair p = note(static_cast<uint64_t>(800 + i));
            held += json{{"input", p.input}, {"output", p.output}}.dump() + "\n";
        }
        write(dir / "train.src", train);
        write(dir / "held.src", held);
        return dir;
    }

    static int lines_in(const fs::path &file) {
        std::ifstream in(file);
        int n = 0;
        for (std::string line; std::getline(in, line);)
            ++n;
        return n;
    }

    test::TempDir m_dir;
};

// The machine's own man pages (what examples/man-pages reads): any *.gz under man1 .. man8.
bool machine_has_man_pages() {
    for (int i = 1; i <= 8; ++i) {
        std::error_code ec;
        const fs::path dir = "/usr/share/man/man" + std::to_string(i);
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".gz") return true;
    }
    return false;
}

}  // namespace

TEST_F(RunCli, RunsAnExampleEndToEndAndARerunSkipsFinishedStages) {
    const fs::path example = make_example();
    const std::string out = (m_dir.path() / "runs").string();
    const std::vector<std::string> args = {"run",   example.string(),      "--out", out,     "--preset",
                                           "micro", "--max-train-minutes", "0.2",   "--json"};
    auto r = cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not one JSON object: " << r.out;

    const json &s = j["samples"];
    EXPECT_EQ(s["generated"], 37);
    EXPECT_EQ(s["approved"], 30);
    EXPECT_EQ(s["edited"], 4);
    EXPECT_EQ(s["rejected"], 3);
    EXPECT_EQ(s["rejected_before_review"], 2);  // the malformed item and the contract break
    EXPECT_EQ(s["duplicates"], 1);
    EXPECT_EQ(s["held_out"], 5);
    for (const char *key : {"structural_fidelity", "structural_fidelity_constrained", "rouge_l"}) {
        ASSERT_TRUE(j[key].is_number()) << key << ": " << j.dump();
        EXPECT_GE(j[key].get<double>(), 0.0) << key;
        EXPECT_LE(j[key].get<double>(), 1.0) << key;
    }
    EXPECT_FALSE(j.contains("accuracy")) << "no labels in a sectioned task";
    ASSERT_TRUE(j["train_seconds"].is_number());
    EXPECT_GT(j["train_seconds"].get<double>(), 0.0);
    EXPECT_GT(j["train_steps"].get<int64_t>(), 0);
    EXPECT_TRUE(j["train_loss"].is_number());
    EXPECT_EQ(j["test_samples"], 5);
    ASSERT_TRUE(j["students"].contains("f32"));
    ASSERT_TRUE(j["students"].contains("q8_0"));
    EXPECT_TRUE(j["copy_input_rouge_l"].is_number());

    const fs::path gguf = j["gguf"].get<std::string>();
    EXPECT_EQ(gguf.filename().string(), "tiny-notes.q8_0.gguf");
    ASSERT_TRUE(fs::exists(gguf));
    EXPECT_EQ(static_cast<int64_t>(fs::file_size(gguf)), j["gguf_bytes"].get<int64_t>());
    EXPECT_TRUE(fs::exists(gguf.parent_path() / "README.md"));
    EXPECT_TRUE(fs::exists(gguf.parent_path() / "Modelfile"));
    EXPECT_TRUE(fs::exists(fs::path(out) / "tiny-notes.smolify"));
    EXPECT_NE(j["commands"]["llama_cpp"].get<std::string>().find("llama-cli -m " + gguf.string()),
              std::string::npos);
    EXPECT_NE(j["commands"]["ollama_create"].get<std::string>().find("ollama create tiny-notes -f Modelfile"),
              std::string::npos);
    EXPECT_TRUE(j["completion"]["output"].is_string());
    for (const auto &el : j["stages"].items())
        EXPECT_EQ(el.value(), "done") << el.key();
    EXPECT_EQ(j["stages"].size(), 8u);

    // The edit of call 2's sample at index 2 (after the malformed item at index 1) landed on that sample.
    auto samples =
        cli({"samples", (fs::path(out) / "tiny-notes.smolify").string(), "--status", "approved", "--json"});
    ASSERT_EQ(samples.exit_code, 0) << samples.err;
    json listed = json::parse(samples.out);
    bool found = false;
    for (const auto &row : listed["samples"])
        if (row["output"] == "Summary: edited note 2-2.\nAction: file it.") {
            found = true;
            EXPECT_EQ(row["input"], note(22).input);
            EXPECT_EQ(row["revisions"], 2);
        }
    EXPECT_TRUE(found);

    // The same command again: every stage was finished, none runs twice, the figures are the same.
    auto again = cli(args);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    json k = json::parse(again.out, nullptr, false);
    ASSERT_FALSE(k.is_discarded()) << again.out;
    for (const auto &el : k["stages"].items())
        EXPECT_EQ(el.value(), "skipped") << el.key();
    EXPECT_EQ(k["samples"], j["samples"]);
    EXPECT_EQ(k["gguf"], j["gguf"]);
    EXPECT_EQ(k["structural_fidelity"], j["structural_fidelity"]);
    EXPECT_EQ(k["train_steps"], j["train_steps"]);
    EXPECT_NE(again.err.find("done before"), std::string::npos) << again.err;
}

TEST_F(RunCli, BadExampleFilesNameTheFileAndLine) {
    const fs::path example = make_example();
    const std::string out = (m_dir.path() / "runs").string();
    {
        std::ofstream f(example / "teacher_session.jsonl", std::ios::app);
        f << "{\"call\": 9, \"content\": \"{}\"}\nnot json at all\n";
    }
    auto r = cli({"run", example.string(), "--out", out});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("teacher_session.jsonl:10: not valid JSON"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(fs::path(out) / "tiny-notes.smolify")) << "nothing is written for a bad example";

    fs::remove(example / "teacher_session.jsonl");
    r = cli({"run", example.string(), "--out", out});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("teacher_session.jsonl: there is no such file"), std::string::npos) << r.err;

    const fs::path other = make_example();
    {
        std::ofstream f(other / "review.jsonl", std::ios::app);
        f << "{\"call\": 1, \"index\": 0, \"decision\": \"maybe\"}\n";
    }
    r = cli({"run", other.string(), "--out", out});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("review.jsonl:38: unknown decision \"maybe\""), std::string::npos) << r.err;

    make_example();
    {
        std::ofstream f(other / "held_out.jsonl", std::ios::app);
        f << "{\"input\": \"only an input\"}\n";
    }
    r = cli({"run", other.string(), "--out", out});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("held_out.jsonl:6: \"output\" must be non-empty text"), std::string::npos) << r.err;

    r = cli({"run", (m_dir.path() / "nope").string(), "--out", out});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("is not a folder"), std::string::npos) << r.err;
}

// Every bundled example (a recorded session, or an import through example.json) runs through `run`
// on a shortened budget, as CI runs it: the JSON the README and bench/RESULTS.md quote has its fields,
// the recorded review (or the import) landed, the exported file exists. The full-budget figures are in
// bench/RESULTS.md, not here. man-pages needs the machine's own man pages: without them it is skipped,
// saying so.
TEST_F(RunCli, EveryBundledExampleRunsOnAShortBudget) {
    const fs::path examples = fs::path(SMOLIFY_SOURCE_DIR) / "examples";
    int ran = 0;
    std::string skipped;
    std::vector<fs::path> folders;
    for (const auto &entry : fs::directory_iterator(examples))
        folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    for (const fs::path &folder : folders) {
        const bool recorded = fs::exists(folder / "teacher_session.jsonl");
        const bool imported = fs::exists(folder / "example.json");
        if (!recorded && !imported) continue;  // not a `run` example
        const std::string name = folder.filename().string();
        if (name == "man-pages" && !machine_has_man_pages()) {
            skipped +=
                "man-pages skipped: this machine has no man pages under /usr/share/man/man1..man8 "
                "(install man-db and manpages to run it). ";
            continue;
        }
        SCOPED_TRACE(name);
        const std::string out = (m_dir.path() / ("bundled-" + name)).string();
        auto r = cli({"run", folder.string(), "--out", out, "--preset", "micro", "--max-train-minutes",
                      "0.25", "--eval-limit", "6", "--json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        json j = json::parse(r.out, nullptr, false);
        ASSERT_FALSE(j.is_discarded()) << "not one JSON object: " << r.out;
        const json &s = j["samples"];
        if (imported) {
            EXPECT_EQ(j["source"], "import");
            EXPECT_GT(s["imported"].get<int64_t>(), 0);
            EXPECT_EQ(s["approved"], s["imported"]) << "imported pairs are approved as they are";
            EXPECT_EQ(s["generated"], 0);
            EXPECT_EQ(s["review"], "not applicable");
            EXPECT_EQ(j["stages"]["review"], "not applicable");
        } else {
            EXPECT_EQ(j["source"], "recorded");
            EXPECT_GT(s["generated"].get<int64_t>(), 0);
            EXPECT_GT(s["approved"].get<int64_t>(), 0);
            EXPECT_GT(s["rejected"].get<int64_t>(), 0) << "a realistic review rejects some";
        }
        EXPECT_GT(s["held_out"].get<int64_t>(), 0);
        for (const char *key : {"structural_fidelity", "structural_fidelity_constrained"}) {
            ASSERT_TRUE(j[key].is_number()) << key << ": " << j.dump();
            EXPECT_GE(j[key].get<double>(), 0.0) << key;
            EXPECT_LE(j[key].get<double>(), 1.0) << key;
        }
        // The task kind's own measure: ROUGE-L for free text, accuracy for labels, field F1 for JSON.
        EXPECT_TRUE(j["rouge_l"].is_number() || j["accuracy"].is_number() || j["field_f1"].is_number())
            << j.dump();
        ASSERT_TRUE(j["baseline_comparison"].is_object()) << j.dump();
        EXPECT_TRUE(j["baseline_comparison"]["student_score"].is_number()) << j.dump();
        EXPECT_EQ(j["test_samples"], 6);
        EXPECT_GT(j["train_steps"].get<int64_t>(), 0);
        ASSERT_TRUE(j["gguf"].is_string());
        EXPECT_TRUE(fs::exists(j["gguf"].get<std::string>()));
        for (const auto &el : j["stages"].items())
            EXPECT_EQ(el.value(), imported && el.key() == "review" ? "not applicable" : "done") << el.key();
        ++ran;
    }
    EXPECT_GE(ran, 1) << "no runnable example under " << examples;
    if (!skipped.empty()) GTEST_SKIP() << skipped;
}

// An import example: the prepare command runs in the example folder with {out} = OUT/NAME-data, its
// stderr reaches the user, the training pairs are imported as approved samples (no review), the
// held-out pairs as test samples; the same command again runs nothing, the command included.
TEST_F(RunCli, ImportExampleRunsItsPrepareCommandOnceAndImportsApprovedPairs) {
    const fs::path example = make_import_example();
    const std::string out = (m_dir.path() / "runs").string();
    const std::vector<std::string> args = {"run",   example.string(),      "--out", out,     "--preset",
                                           "micro", "--max-train-minutes", "0.1",   "--json"};
    auto r = cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_EQ(j["source"], "import");
    EXPECT_EQ(j["samples"]["imported"], 12);
    EXPECT_EQ(j["samples"]["approved"], 12);
    EXPECT_EQ(j["samples"]["generated"], 0);
    EXPECT_EQ(j["samples"]["rejected"], 0);
    EXPECT_EQ(j["samples"]["held_out"], 3);
    EXPECT_EQ(j["samples"]["review"], "not applicable");
    EXPECT_EQ(j["stages"].size(), 9u);
    EXPECT_EQ(j["stages"]["prepare"], "done");
    EXPECT_EQ(j["stages"]["import"], "done");
    EXPECT_EQ(j["stages"]["review"], "not applicable");
    EXPECT_EQ(j["test_samples"], 3);
    EXPECT_TRUE(fs::exists(j["gguf"].get<std::string>()));
    const fs::path data = fs::path(out) / "tiny-import-data";
    EXPECT_EQ(lines_in(data / "train.jsonl"), 12);
    EXPECT_EQ(lines_in(example / "runs.txt"), 1) << "the command runs in the example folder, once";
    EXPECT_NE(r.err.find("| prepare: copying the pairs to " + data.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("review: not applicable"), std::string::npos) << r.err;

    auto samples =
        cli({"samples", (fs::path(out) / "tiny-import.smolify").string(), "--status", "approved", "--json"});
    ASSERT_EQ(samples.exit_code, 0) << samples.err;
    EXPECT_EQ(json::parse(samples.out)["samples"].size(), 15u) << "12 training and 3 test samples, approved";

    auto again = cli(args);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    json k = json::parse(again.out, nullptr, false);
    ASSERT_FALSE(k.is_discarded()) << again.out;
    for (const auto &el : k["stages"].items())
        EXPECT_EQ(el.value(), el.key() == "review" ? "not applicable" : "skipped") << el.key();
    EXPECT_EQ(k["samples"], j["samples"]);
    EXPECT_EQ(lines_in(example / "runs.txt"), 1) << "a finished prepare is not repeated";
}

// A prepare command that fails, or that writes nothing, stops `run` with what it said; nothing is
// recorded as done, and once the command is fixed the same command continues. Bad manifests are
// refused before anything runs.
TEST_F(RunCli, ImportExampleFailuresAreClear) {
    const fs::path example = make_import_example();
    const std::string out = (m_dir.path() / "runs").string();
    const std::vector<std::string> args = {"run",   example.string(),      "--out", out,     "--preset",
                                           "micro", "--max-train-minutes", "0.05",  "--json"};
    write(example / "prepare.sh", "echo 'parse: no manual pages under /nowhere' >&2\nexit 3\n");
    auto r = cli(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("prepare: the prepare command of " + (example / "example.json").string()),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("failed with exit status 3:\nparse: no manual pages under /nowhere"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << "no summary for a run that stopped";

    write(example / "prepare.sh", "echo done\n");  // exits 0, writes nothing
    r = cli(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(
        r.err.find("finished but wrote no " + (fs::path(out) / "tiny-import-data" / "train.jsonl").string()),
        std::string::npos)
        << r.err;

    write(example / "prepare.sh",
          "printf '{\"input\": \"x\"}\\n' > \"$1/train.jsonl\"; cp held.src \"$1/held_out.jsonl\"\n");
    r = cli(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("train.jsonl:1: \"output\" must be non-empty text"), std::string::npos) << r.err;

    // Fixed: the run continues from the prepare stage (spec was recorded by the first try).
    write(example / "prepare.sh", "cp train.src \"$1/train.jsonl\" && cp held.src \"$1/held_out.jsonl\"\n");
    r = cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_EQ(j["stages"]["spec"], "skipped");
    EXPECT_EQ(j["stages"]["prepare"], "done");
    EXPECT_EQ(j["samples"]["imported"], 12);

    // Manifests that cannot work are refused before anything is written.
    const fs::path bad = make_import_example("bad-import");
    const std::string bad_out = (m_dir.path() / "bad-runs").string();
    struct Case {
        std::string manifest;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"{\"source\": \"import\"}", "example.json: \"prepare\" must be a non-empty list of strings"},
        {"{\"source\": \"import\", \"prepare\": \"sh prepare.sh\"}", "\"prepare\" must be a non-empty list"},
        {"{\"source\": \"teacher\", \"prepare\": [\"sh\"]}", "\"source\" must be \"import\" or \"recorded\""},
        {"{\"source\": \"import\", \"prepare\": [\"sh\"], \"train\": \"../x.jsonl\"}",
         "\"train\" must be a file name inside {out}"},
        {"{\"source\": \"import\", \"prepare\": [\"sh\"], \"trian\": \"t.jsonl\"}",
         "unknown field \"trian\""},
        {"[1, 2]", "example.json: expected a JSON object"},
        {"{not json", "example.json: not valid JSON"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.manifest);
        write(bad / "example.json", c.manifest);
        auto b = cli({"run", bad.string(), "--out", bad_out});
        EXPECT_EQ(b.exit_code, 1);
        EXPECT_NE(b.err.find(c.message), std::string::npos) << b.err;
        EXPECT_FALSE(fs::exists(fs::path(bad_out) / "bad-import.smolify"));
    }
    write(bad / "example.json", json{{"source", "import"}, {"prepare", {"no-such-program-here"}}}.dump());
    auto b = cli({"run", bad.string(), "--out", bad_out});
    EXPECT_EQ(b.exit_code, 1);
    EXPECT_NE(b.err.find("cannot start no-such-program-here: No such file or directory"), std::string::npos)
        << b.err;
}
