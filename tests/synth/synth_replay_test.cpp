// Replaying a recorded teacher session and its recorded review (synth/replay.h): the same checks a
// live reply gets (contract, malformed items, duplicates, a reply with no envelope), each call
// journaled at cost 0, a rerun storing nothing twice, a grown session adding only its new calls, and
// the review applied by (call, index) with edits held to the contract.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "synth/replay.h"
#include "synth/spec.h"
#include "synth_fake.h"
#include "teacher/journal.h"

using namespace smolify;
using namespace smolify::synth;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int64_t query_int(store::Project &p, const std::string &sql) {
    return p.db().query_int(sql);
}

json item(const std::string &input, const std::string &output) {
    return {{"input", input}, {"output", output}, {"topic", "sub-topic: printer"}};
}

std::string call_line(int call, const std::string &content) {
    return json{{"call", call}, {"content", content}}.dump() + "\n";
}

class Replay : public ::testing::Test {
protected:
    void SetUp() override {
        store::CreateParams cp;
        cp.intent = "Sort IT tickets by urgency";
        auto p = store::Project::create(m_dir / "p.smolify", cp);
        ASSERT_TRUE(p) << p.error().message;
        m_project = std::move(*p);
        auto spec = spec_from_json(test::triage_spec_json());
        ASSERT_TRUE(spec) << spec.error().message;
        ASSERT_TRUE(m_project->save_spec(spec_to_store(*spec, "user")));
    }

    fs::path write(const std::string &name, const std::string &text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
        return m_dir / name;
    }

    // Four calls: three good samples; a malformed item, a label outside the set and two good ones; a
    // fenced reply after prose repeating call 1's first sample; a reply that is no envelope at all.
    std::string session() {
        std::string s;
        s += call_line(1, json{{"samples",
                                {item("The whole second floor has no network since nine", "urgent"),
                                 item("Please order a new keyboard for the intern desk", "low"),
                                 item("Outlook keeps asking for my password every hour", "normal")}}}
                              .dump());
        s += call_line(2, json{{"samples",
                                {json{{"input", "only an input, no output"}},
                                 item("Payroll server disk is full and salaries are due today", "urgent"),
                                 item("The coffee machine printer label is smudged a bit", "critical"),
                                 item("Can the meeting room screen get a longer cable", "low")}}}
                              .dump());
        s += call_line(3, "Here you go:\n```json\n" +
                              json{{"samples",
                                    {item("The whole second floor has no network since nine", "urgent"),
                                     item("My laptop battery drains within an hour now", "normal"),
                                     item("Add the new hire to the sales mailing list", "low")}}}
                                  .dump() +
                              "\n```");
        s += call_line(4, "Sorry, I cannot help with that.");
        return s;
    }

    ReplayReport replay(const fs::path &file) {
        ReplayParams rp;
        auto r = replay_session(*m_project, file, rp);
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        return r ? *r : ReplayReport{};
    }

    test::TempDir m_dir;
    std::unique_ptr<store::Project> m_project;
};

}  // namespace

TEST_F(Replay, StoresEachCallOnceThroughTheLivePath) {
    const fs::path file = write("session.jsonl", session());
    ReplayReport r = replay(file);
    EXPECT_TRUE(r.completed);
    EXPECT_FALSE(r.resumed);
    EXPECT_EQ(r.totals.calls_total, 4);
    EXPECT_EQ(r.totals.accepted, 7);
    EXPECT_EQ(r.totals.rejected, 3);  // the malformed item, the label "critical", the reply with no envelope
    EXPECT_EQ(r.totals.duplicates, 1);
    store::Project &p = *m_project;
    EXPECT_EQ(query_int(p,
                        "SELECT count(*) FROM samples WHERE status = 'pending' AND source = 'teacher' AND "
                        "spec_version = 1 AND topic = 'sub-topic: printer'"),
              7);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM synth_rejects"), 4);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM synth_rejects WHERE kind = 'duplicate'"), 1);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM synth_rejects WHERE kind = 'contract'"), 1);
    teacher::Journal journal(p);
    auto entries = journal.entries();
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 4u);
    for (const auto &e : *entries) {
        EXPECT_EQ(e.endpoint, "recorded:session.jsonl");
        EXPECT_EQ(e.purpose, "generate");
        EXPECT_EQ(e.status, "ok");
        EXPECT_EQ(e.cost_usd, 0);
    }
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples WHERE teacher_call_id IS NULL"), 0);

    // Again: every call was stored, nothing is stored twice.
    ReplayReport again = replay(file);
    EXPECT_TRUE(again.completed);
    EXPECT_TRUE(again.resumed);
    EXPECT_EQ(again.totals.calls_skipped, 4);
    EXPECT_EQ(again.totals.accepted, 7);
    EXPECT_EQ(again.totals.run_id, r.totals.run_id);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples"), 7);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM synth_rejects"), 4);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM teacher_calls"), 4);

    // A session that grew: only its new call is replayed.
    const fs::path grown = write(
        "session.jsonl",
        session() +
            call_line(
                5,
                json{{"samples", {item("The badge reader at the loading dock is dead", "urgent")}}}.dump()));
    ReplayReport more = replay(grown);
    EXPECT_EQ(more.totals.calls_skipped, 4);
    EXPECT_EQ(more.totals.accepted, 8);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples"), 8);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM teacher_calls"), 5);
}

TEST_F(Replay, ACancelledReplayContinuesWhereItStopped) {
    const fs::path file = write("session.jsonl", session());
    ReplayParams rp;
    rp.hooks.on_progress = [](const ReplayProgress &pr) { return pr.calls_done < 2; };  // stops after call 2
    auto first = replay_session(*m_project, file, rp);
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().kind, ErrorKind::cancelled);
    EXPECT_NE(first.error().message.find("2 of "), std::string::npos) << first.error().message;
    EXPECT_EQ(query_int(*m_project, "SELECT count(*) FROM samples"), 5);

    ReplayReport rest = replay(file);
    EXPECT_TRUE(rest.completed);
    EXPECT_TRUE(rest.resumed);
    EXPECT_EQ(rest.totals.calls_skipped, 2);
    EXPECT_EQ(rest.totals.accepted, 7);
    EXPECT_EQ(rest.totals.rejected, 3);
    EXPECT_EQ(rest.totals.duplicates, 1);
    EXPECT_EQ(query_int(*m_project, "SELECT count(*) FROM samples"), 7);
    EXPECT_EQ(query_int(*m_project, "SELECT count(*) FROM synth_rejects"), 4);
    EXPECT_EQ(query_int(*m_project, "SELECT count(*) FROM teacher_calls"), 4);
    EXPECT_EQ(query_int(*m_project, "SELECT accepted FROM synth_runs"), 7);
}

TEST_F(Replay, AppliesTheRecordedReviewByCallAndIndex) {
    ReplayReport r = replay(write("session.jsonl", session()));
    const std::string review =
        json{{"call", 1}, {"index", 0}, {"decision", "approve"}}.dump() + "\n" +
        json{{"call", 1}, {"index", 1}, {"decision", "edit"}, {"output", "Normal."}}.dump() + "\n" +
        json{{"call", 1}, {"index", 2}, {"decision", "reject"}, {"reason", "not a ticket"}}.dump() + "\n" +
        // Index 1 of call 2 is its first good sample: item 0 was malformed.
        json{{"call", 2}, {"index", 1}, {"decision", "approve"}}.dump() + "\n" +
        json{{"call", 9}, {"index", 0}, {"decision", "approve"}}.dump() + "\n";
    auto decisions = read_recorded_review(write("review.jsonl", review));
    ASSERT_TRUE(decisions) << decisions.error().message;
    ApplyReviewParams ap;
    ap.name = "review.jsonl";
    auto a = apply_review(*m_project, r.totals.run_id, *decisions, ap);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->approved, 2);
    EXPECT_EQ(a->edited, 1);
    EXPECT_EQ(a->rejected, 1);
    EXPECT_EQ(a->unmatched, 1);
    EXPECT_EQ(a->already, 0);
    EXPECT_EQ(a->pending, 3);
    ASSERT_EQ(a->notes.size(), 1u);
    EXPECT_NE(a->notes[0].find("review.jsonl:5: call 9 has no stored sample at index 0"), std::string::npos)
        << a->notes[0];

    store::Project &p = *m_project;
    // The edit: the label as the spec spells it, the teacher's text kept as revision 1, approved.
    int64_t edited_id = 0;
    {
        auto edited = p.db().prepare(
            "SELECT id, output, status FROM samples WHERE input = 'Please order a new keyboard for the "
            "intern "
            "desk'");
        ASSERT_TRUE(edited.step());
        edited_id = edited.col_int(0);
        EXPECT_EQ(edited.col_text(1), "normal");
        EXPECT_EQ(edited.col_text(2), "approved");
    }
    auto revisions = p.revisions(edited_id);
    ASSERT_TRUE(revisions);
    ASSERT_EQ(revisions->size(), 2u);
    EXPECT_EQ((*revisions)[0].output, "low");
    EXPECT_EQ(query_int(p,
                        "SELECT count(*) FROM samples WHERE status = 'approved' AND input = 'Payroll server "
                        "disk is full and salaries are due today'"),
              1);
    EXPECT_EQ(query_int(p,
                        "SELECT count(*) FROM samples WHERE status = 'rejected' AND reject_reason = 'not a "
                        "ticket'"),
              1);

    // Again: everything was reviewed; nothing changes.
    auto b = apply_review(*m_project, r.totals.run_id, *decisions, ap);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->already, 4);
    EXPECT_EQ(b->approved, 2);
    EXPECT_EQ(b->edited, 1);
    EXPECT_EQ(b->rejected, 1);
    auto again = p.revisions(edited_id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->size(), 2u);
}

TEST_F(Replay, AnEditThatBreaksTheContractChangesNothing) {
    ReplayReport r = replay(write("session.jsonl", session()));
    const std::string review =
        json{{"call", 2}, {"index", 3}, {"decision", "approve"}}.dump() + "\n" +
        json{{"call", 3}, {"index", 1}, {"decision", "edit"}, {"output", "critical"}}.dump() + "\n";
    auto decisions = read_recorded_review(write("review.jsonl", review));
    ASSERT_TRUE(decisions);
    ApplyReviewParams ap;
    ap.name = "review.jsonl";
    auto a = apply_review(*m_project, r.totals.run_id, *decisions, ap);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().kind, ErrorKind::user);
    EXPECT_NE(a.error().message.find("review.jsonl:2: the edited output does not keep the contract"),
              std::string::npos)
        << a.error().message;
    EXPECT_EQ(query_int(*m_project, "SELECT count(*) FROM samples WHERE status <> 'pending'"), 0);
}

TEST_F(Replay, BadFilesNameTheFileAndLine) {
    auto bad = [&](const std::string &text) {
        auto r = read_recorded_session(write("s.jsonl", text));
        return r ? std::string("accepted") : r.error().message;
    };
    EXPECT_NE(bad(call_line(1, "{}") + "{\"call\": 0, \"content\": \"x\"}\n")
                  .find("s.jsonl:2: \"call\" must be a whole number from 1"),
              std::string::npos);
    EXPECT_NE(
        bad(call_line(2, "{}") + "\n" + call_line(1, "{}")).find("s.jsonl:3: call 1 comes after call 2"),
        std::string::npos);
    EXPECT_NE(bad("{\"call\": 1}\n").find("s.jsonl:1: missing \"content\""), std::string::npos);
    EXPECT_NE(bad("[1, 2]\n").find("s.jsonl:1: expected a JSON object"), std::string::npos);
    EXPECT_NE(bad("").find("holds no recorded call"), std::string::npos);
    auto missing = read_recorded_session(m_dir / "nope.jsonl");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("nope.jsonl: there is no such file"), std::string::npos);

    auto review = [&](const std::string &text) {
        auto r = read_recorded_review(write("r.jsonl", text));
        return r ? std::string("accepted") : r.error().message;
    };
    EXPECT_NE(
        review("{\"call\": 1, \"index\": 0, \"decision\": \"reject\"}\n").find("r.jsonl:1: a reject needs"),
        std::string::npos);
    EXPECT_NE(
        review("{\"call\": 1, \"index\": 0, \"decision\": \"edit\"}\n").find("r.jsonl:1: an edit needs"),
        std::string::npos);
    EXPECT_NE(review("{\"call\": 1, \"decision\": \"approve\"}\n").find("r.jsonl:1: missing \"index\""),
              std::string::npos);
    EXPECT_NE(review("{\"call\": 1, \"index\": 0, \"decision\": \"approve\"}\n{\"call\": 1, \"index\": 0, "
                     "\"decision\": \"approve\"}\n")
                  .find("r.jsonl:2: call 1 index 0 was already decided on line 1"),
              std::string::npos);
}
