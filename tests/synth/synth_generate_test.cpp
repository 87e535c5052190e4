// Generation and drafting through the engine API, against the fake teacher (a real HTTP server on
// 127.0.0.1) and a real project store: spec drafts (tolerant reading, malformed replies), a validated and
// de-duplicated corpus with every reject recorded, a review-guided second round whose prompts carry the
// approved examples, rejection reasons and corrections, the judge, and the budget cap.
#include <gtest/gtest.h>

#include <set>

#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "synth/contract.h"
#include "synth/dedup.h"
#include "synth/draft.h"
#include "synth/generate.h"
#include "synth/plan.h"
#include "synth_fake.h"
#include "teacher/client.h"

namespace smolify::synth {
namespace {

using nlohmann::json;
using test::FakeReply;
using test::FakeRequest;
using test::FakeTeacher;

std::unique_ptr<store::Project> make_project(const test::TempDir &dir, bool with_spec = true) {
    store::CreateParams cp;
    cp.intent = "Sort incoming IT tickets by urgency";
    auto p = store::Project::create(dir / "t.smolify", cp);
    EXPECT_TRUE(p.ok()) << p.error().message;
    if (with_spec) {
        auto spec = spec_from_json(test::triage_spec_json());
        EXPECT_TRUE(spec.ok()) << spec.error().message;
        EXPECT_TRUE((*p)->save_spec(spec_to_store(*spec, "user")).ok());
    }
    return std::move(*p);
}

teacher::Endpoint endpoint(const FakeTeacher &fake) {
    teacher::Endpoint e;
    e.base_url = fake.base_url();
    e.model = "fake-model";
    return e;
}

GenerateParams fast_params(int64_t count) {
    GenerateParams p;
    p.count = count;
    p.concurrency = 8;
    p.client.backoff_base_ms = 10;
    p.client.max_retries = 1;
    return p;
}

int64_t query_int(store::Project &p, const std::string &sql) {
    return p.db().query_int(sql);
}

// --- drafting -----------------------------------------------------------------------------------------

TEST(SynthDraft, TeacherDraftIsReadTolerantlyAndStoredAsAVersion) {
    test::TempDir dir;
    auto project = make_project(dir, false);
    FakeTeacher fake;
    // A draft the way teachers write them: prose and fences around, alternative field names, axes as an
    // object, one seed that breaks the contract, an extraction-style object output where a label belongs.
    json draft = {{"task_kind", "classify"},
                  {"instruction", "Sort the IT ticket by urgency."},
                  {"input_description", "A ticket."},
                  {"output_contract", {{"labels", {"urgent", "normal", "low"}}}},
                  {"diversity_axes", {{"sub-topic", {"printer", "network"}}, {"persona", {"intern", "CFO"}}}},
                  {"examples", json::array({{{"input", "Server room is flooding"}, {"output", "Urgent"}},
                                            {{"input", "Need a new mouse"}, {"output", "whenever"}},
                                            {{"input", "VPN slow"}, {"output", "normal"}}})}};
    fake.push(FakeReply::ok("Sure! Here is the spec:\n```json\n" + draft.dump(2) + "\n```\nLet me know."));
    teacher::Client client(endpoint(fake), {}, project.get());
    auto r = draft_spec(client, "Sort incoming IT tickets by urgency");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->spec.kind, TaskKind::classification);
    ASSERT_EQ(r->spec.axes.size(), 2u);
    ASSERT_EQ(r->spec.seeds.size(), 2u);  // the "whenever" seed was dropped ...
    EXPECT_EQ(r->spec.seeds[0].output, "urgent");
    ASSERT_EQ(r->notes.size(), 1u);  // ... and said so
    EXPECT_NE(r->notes[0].find("dropped seed 1"), std::string::npos) << r->notes[0];
    EXPECT_GT(r->call_id, 0);

    // What was asked: the intent, in JSON mode with a schema, purpose "spec".
    auto reqs = fake.requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_NE(reqs[0].last_user_message().find("Sort incoming IT tickets by urgency"), std::string::npos);
    EXPECT_TRUE(reqs[0].json.contains("response_format")) << reqs[0].body;

    auto v1 = project->save_spec(spec_to_store(r->spec, "teacher"));
    ASSERT_TRUE(v1.ok());
    auto v2 = project->save_spec(spec_to_store(r->spec, "user"));
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(*v2, *v1 + 1);
    auto history = project->spec_history();
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].author, "teacher");
    auto back = spec_from_store((*history)[0]);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(spec_to_json(*back), spec_to_json(r->spec));
}

TEST(SynthDraft, MalformedDraftsAreClearUserErrors) {
    struct Case {
        std::string reply;
        std::string message;
    } cases[] = {
        {"I am sorry, I cannot do that.", "the teacher's draft is not JSON"},
        {"[1, 2, 3]", "not a JSON object"},
        {R"({"kind": "poem", "instruction": "x", "output": {}, "seeds": []})",
         "kind: \"poem\" is not a task kind"},
        {R"({"kind": "classification", "instruction": "x", "output": {"labels": ["a", "b"]},
             "seeds": [{"input": "q", "output": "c"}]})",
         "seeds: at least one seed example"},
        {R"({"kind": "sectioned_text", "instruction": "x", "output": {},
             "seeds": [{"input": "q", "output": "A: 1"}]})",
         "output.sections"},
        {R"({"kind": "json_extraction", "instruction": "x", "output": {"schema": {"type": "object",
             "properties": {"a": {"type": "money"}}}}, "seeds": [{"input": "q", "output": {"a": 1}}]})",
         "output.schema: $.properties.a.type: unknown type"},
        {R"({"kind": "classification", "instruction": "x", "output": {"labels": ["a", "b"]}, "seeds": [
            {"input": "q", "output": "a"}], "axes": [{"name": "", "values": ["v"]}]})",
         "axes[0].name"},
    };
    for (const auto &c : cases) {
        std::vector<std::string> notes;
        auto spec = spec_from_teacher_reply(c.reply, &notes);
        ASSERT_FALSE(spec.ok()) << c.reply;
        EXPECT_EQ(spec.error().kind, ErrorKind::user);
        EXPECT_NE(spec.error().message.find(c.message), std::string::npos)
            << c.reply << "\n -> " << spec.error().message;
    }
    // Through the client: an HTTP error and a non-JSON body never produce a spec, and nothing is saved.
    test::TempDir dir;
    auto project = make_project(dir, false);
    FakeTeacher fake;
    fake.push(FakeReply::ok("no json here at all"));
    teacher::Client client(endpoint(fake), {}, project.get());
    auto r = draft_spec(client, "Sort tickets");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    auto current = project->current_spec();
    ASSERT_TRUE(current.ok());
    EXPECT_FALSE(current->has_value());
}

// --- planning -------------------------------------------------------------------------------------------

TEST(SynthPlan, SlicesAreBalancedAndUnderCoveredOnesComeFirst) {
    auto spec = spec_from_json(test::triage_spec_json());
    ASSERT_TRUE(spec.ok());
    std::map<std::string, int> per;
    for (const Slice &s : plan_slices(*spec, 45, 5, 1, {}))
        ++per[slice_label(s)];
    ASSERT_EQ(per.size(), 15u);  // 5 sub-topics x 3 personas
    for (const auto &[label, n] : per)
        EXPECT_EQ(n, 3) << label;
    // A project rich in printer tickets: the next requests go elsewhere first.
    auto covered = [](const std::string &label) {
        return label.find("printer") != std::string::npos ? 100 : 0;
    };
    for (const Slice &s : plan_slices(*spec, 12, 5, 1, covered))
        EXPECT_EQ(slice_label(s).find("printer"), std::string::npos) << slice_label(s);
}

// --- generation --------------------------------------------------------------------------------------------

TEST(SynthGenerate, ProducesAValidatedDeduplicatedPendingCorpusWithRejectsRecorded) {
    test::TempDir dir;
    auto project = make_project(dir);
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    int progress_calls = 0;
    GenerateParams params = fast_params(200);
    params.hooks.on_progress = [&](const GenerateProgress &p) {
        EXPECT_EQ(p.total, 200);
        EXPECT_EQ(p.done, p.accepted);
        return ++progress_calls > 0;
    };
    auto r = generate(*project, endpoint(fake), params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->completed) << r->stopped;
    EXPECT_GE(r->totals.accepted, 200);
    EXPECT_GT(progress_calls, 10);

    store::Project &p = *project;
    const int64_t samples = query_int(p, "SELECT count(*) FROM samples");
    EXPECT_EQ(samples, r->totals.accepted);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples WHERE status = 'pending' AND source = 'teacher'"),
              samples);
    // Every sample keeps the contract, records the spec version, its call and slice.
    auto spec = spec_from_json(test::triage_spec_json());
    std::set<std::string> normalized;
    auto st =
        p.db().prepare("SELECT input, output, spec_version, teacher_call_id, topic, provenance FROM samples");
    while (st.step()) {
        EXPECT_TRUE(contract_check(*spec, st.col_text(0), st.col_text(1)).ok) << st.col_text(1);
        EXPECT_EQ(st.col_int(2), 1);
        EXPECT_FALSE(st.col_null(3));
        EXPECT_NE(st.col_text(4).find("sub-topic: "), std::string::npos);
        json prov = json::parse(st.col_text(5));
        EXPECT_EQ(prov["teacher_model"], "fake-model");
        EXPECT_EQ(prov["call_id"], st.col_int(3));
        EXPECT_TRUE(normalized.insert(dedup_normalize(st.col_text(0))).second)
            << "duplicate input stored: " << st.col_text(0);
    }
    // The fake's scripted faults all show up as recorded rejects, none silently lost.
    for (const char *kind : {"contract", "malformed", "duplicate", "near_duplicate"})
        EXPECT_GT(query_int(p, std::string("SELECT count(*) FROM synth_rejects WHERE kind = '") + kind + "'"),
                  0)
            << kind;
    EXPECT_EQ(query_int(p,
                        "SELECT count(*) FROM synth_rejects WHERE kind = 'contract' AND reason LIKE "
                        "'label \"critical\" is not one of%'"),
              query_int(p, "SELECT count(*) FROM synth_rejects WHERE kind = 'contract'"));
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM synth_rejects WHERE kind IN ('contract', 'malformed')"),
              r->totals.rejected);
    EXPECT_EQ(
        query_int(p, "SELECT count(*) FROM synth_rejects WHERE kind IN ('duplicate', 'near_duplicate')"),
        r->totals.duplicates);
    EXPECT_EQ(
        query_int(
            p, "SELECT count(*) FROM synth_rejects WHERE kind = 'near_duplicate' AND duplicate_of IS NULL"),
        0);
    // Bookkeeping agrees with the store: run counters, requests and the journal.
    EXPECT_EQ(query_int(p, "SELECT accepted FROM synth_runs"), samples);
    EXPECT_EQ(query_int(p, "SELECT sum(accepted) FROM synth_requests"), samples);
    EXPECT_EQ(query_int(p, "SELECT status = 'completed' FROM synth_runs"), 1);
    EXPECT_EQ(static_cast<int64_t>(fake.request_count()), query_int(p, "SELECT count(*) FROM teacher_calls"));
    // Requests are spread over all 15 slices.
    EXPECT_EQ(query_int(p, "SELECT count(DISTINCT slice) FROM synth_requests"), 15);
}

TEST(SynthGenerate, SecondRoundIsGuidedByReviews) {
    test::TempDir dir;
    auto project = make_project(dir);
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    auto first = generate(*project, endpoint(fake), fast_params(40));
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_TRUE(first->completed);

    // The reviewer approves four, rejects two with reasons, and corrects one.
    auto ids = project->sample_ids({});
    ASSERT_TRUE(ids.ok());
    ASSERT_GE(ids->size(), 8u);
    const int64_t approve[] = {(*ids)[0], (*ids)[1], (*ids)[5], (*ids)[6]};
    ASSERT_TRUE(project->review(approve, store::SampleStatus::approved).ok());
    const int64_t reject1[] = {(*ids)[2]};
    const int64_t reject2[] = {(*ids)[3]};
    ASSERT_TRUE(
        project->review(reject1, store::SampleStatus::rejected, "printer jams are never urgent").ok());
    ASSERT_TRUE(
        project->review(reject2, store::SampleStatus::rejected, "tickets must mention a device").ok());
    auto edited = project->sample((*ids)[4]);
    ASSERT_TRUE(edited.ok() && edited->has_value());
    const std::string corrected = (*edited)->output == "low" ? "normal" : "low";
    ASSERT_TRUE(project->edit_sample((*ids)[4], (*edited)->input, corrected).ok());
    auto approved0 = project->sample((*ids)[0]);

    const std::size_t before = fake.request_count();
    auto second = generate(*project, endpoint(fake), fast_params(30));
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_TRUE(second->completed) << second->stopped;
    EXPECT_NE(second->totals.run_id, first->totals.run_id);

    auto reqs = fake.requests();
    ASSERT_GT(reqs.size(), before);
    int with_example = 0, with_avoid = 0, with_correction = 0;
    for (std::size_t i = before; i < reqs.size(); ++i) {
        const std::string u = reqs[i].last_user_message();
        if (u.find("A reviewer approved these samples") != std::string::npos &&
            u.find("INPUT: " + (*approved0)->input) != std::string::npos)
            ++with_example;
        if (u.find("- printer jams are never urgent") != std::string::npos &&
            u.find("- tickets must mention a device") != std::string::npos)
            ++with_avoid;
        if (u.find("WRITTEN: " + (*edited)->output + "\nCORRECTED: " + corrected) != std::string::npos)
            ++with_correction;
    }
    const int n = static_cast<int>(reqs.size() - before);
    EXPECT_GT(with_example, 0) << "no request showed the approved sample";
    EXPECT_LT(with_example, n) << "the few-shot examples do not rotate";  // four approved, three shown each
    EXPECT_EQ(with_avoid, n);
    EXPECT_EQ(with_correction, n);
    // Both runs' requests are distinct, so none was answered from the journal.
    EXPECT_EQ(second->totals.from_journal, 0);
}

TEST(SynthGenerate, MoreLikeTheseShowsOnlyTheChosenSamples) {
    test::TempDir dir;
    auto project = make_project(dir);
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    auto first = generate(*project, endpoint(fake), fast_params(40));
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto ids = project->sample_ids({});
    ASSERT_TRUE(ids.ok());
    ASSERT_GE(ids->size(), 8u);
    const int64_t approve[] = {(*ids)[0], (*ids)[1], (*ids)[2], (*ids)[3]};
    ASSERT_TRUE(project->review(approve, store::SampleStatus::approved).ok());
    auto chosen = project->sample((*ids)[2]);
    auto other = project->sample((*ids)[0]);
    ASSERT_TRUE(chosen.ok() && *chosen && other.ok() && *other);

    // Samples that are not approved steer nothing: refused before any run or call.
    GenerateParams bad = fast_params(20);
    bad.like_samples = {(*ids)[6], 999999};
    const std::size_t calls = fake.request_count();
    auto refused = generate(*project, endpoint(fake), bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::user);
    EXPECT_NE(refused.error().message.find("approved"), std::string::npos) << refused.error().message;
    EXPECT_EQ(fake.request_count(), calls);

    GenerateParams like = fast_params(20);
    like.like_samples = {(*ids)[2], (*ids)[6]};  // the second is pending: left out
    const std::size_t before = fake.request_count();
    auto r = generate(*project, endpoint(fake), like);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->completed) << r->stopped;
    EXPECT_FALSE(r->resumed);
    auto reqs = fake.requests();
    ASSERT_GT(reqs.size(), before);
    for (std::size_t i = before; i < reqs.size(); ++i) {
        const std::string u = reqs[i].last_user_message();
        EXPECT_NE(u.find("want more of"), std::string::npos) << u;
        EXPECT_NE(u.find("INPUT: " + (*chosen)->input), std::string::npos) << u;
        EXPECT_EQ(u.find("INPUT: " + (*other)->input + "\n"), std::string::npos) << "only the chosen sample is shown";
    }
}

TEST(SynthGenerate, JudgeRejectsWeakSamplesWithItsReason) {
    test::TempDir dir;
    auto project = make_project(dir);
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    GenerateParams params = fast_params(80);
    params.judge = true;
    auto r = generate(*project, endpoint(fake), params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->completed) << r->stopped;
    store::Project &p = *project;
    EXPECT_GT(query_int(p,
                        "SELECT count(*) FROM synth_rejects WHERE kind = 'judge' AND reason LIKE "
                        "'the judge scored it 2/5: too vague to triage%'"),
              0);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples WHERE input LIKE '%kazuzu%'"), 0);
    EXPECT_EQ(
        query_int(p, "SELECT count(*) FROM samples WHERE json_extract(provenance, '$.judge.score') = 5"),
        query_int(p, "SELECT count(*) FROM samples"));
    EXPECT_GT(query_int(p, "SELECT count(*) FROM teacher_calls WHERE purpose = 'judge'"), 0);
}

TEST(SynthGenerate, BudgetCapStopsBeforeItIsExceededAndKeepsWhatWasPaidFor) {
    test::TempDir dir;
    auto project = make_project(dir);
    FakeTeacher fake;
    test::SynthFakeOptions opt;
    opt.faults = false;
    fake.set_handler([&](const FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    GenerateParams params = fast_params(2000);
    params.max_tokens = 1000;
    // $100 per million tokens both ways: a call costs $0.07 (400 + 300 tokens) and may cost up to about
    // $0.15 (its prompt plus max_tokens), so a $2 budget pays for a few dozen calls, not 400.
    params.client.prices.models["fake-model"] = {100.0, 100.0};
    params.budget_usd = 2.0;
    auto r = generate(*project, endpoint(fake), params);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->completed);
    EXPECT_NE(r->stopped.find("budget"), std::string::npos) << r->stopped;
    store::Project &p = *project;
    double spent = 0;
    {
        auto st = p.db().prepare("SELECT coalesce(sum(cost_usd), 0) FROM teacher_calls WHERE status = 'ok'");
        ASSERT_TRUE(st.step());
        spent = st.col_double(0);
    }
    EXPECT_LE(spent, 2.0);
    EXPECT_GT(spent, 1.0);  // it did spend most of it
    EXPECT_LE(r->totals.cost_usd, 2.0);
    EXPECT_LT(fake.request_count(), 40u);
    // What was paid for is stored, and the run stays resumable.
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples"), r->totals.accepted);
    EXPECT_EQ(query_int(p, "SELECT count(*) FROM samples"),
              5 * query_int(p, "SELECT count(*) FROM synth_requests WHERE status = 'done'"));
    EXPECT_EQ(query_int(p, "SELECT status = 'running' FROM synth_runs"), 1);
}

TEST(SynthGenerate, NeedsASpecAndATeacher) {
    test::TempDir dir;
    auto project = make_project(dir, false);
    FakeTeacher fake;
    auto r = generate(*project, endpoint(fake), fast_params(10));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
    EXPECT_NE(r.error().message.find("--draft"), std::string::npos) << r.error().message;
    EXPECT_EQ(fake.request_count(), 0u);
}

}  // namespace
}  // namespace smolify::synth
