// The training recipe (issue 11): the context sized to the corpus, the language-modelling loss on the
// inputs beside the output's, the auto preset fitted to a time budget, and the best checkpoint chosen
// on label accuracy for classification, all on real (tiny) training runs.
#include <gtest/gtest.h>

#include <cmath>

#include "infer/runner.h"
#include "model/model.h"
#include "model/ops.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "text/chat_format.h"
#include "text/tokenizer.h"
#include "train/checkpoint.h"
#include "train/dataset.h"
#include "train/runs.h"
#include "train/soft_labels.h"
#include "synth/spec.h"
#include "train/trainer.h"
#include "train_util.h"

using namespace smolify;
using namespace smolify::train;

namespace {

// Three labels told apart by their words, inputs of uneven length.
// noisy_every > 0: every noisy_every-th sample carries the next label instead (a wrong one).
std::unique_ptr<store::Project> make_label_project(const std::filesystem::path &path, int n,
                                                   int long_every = 0, int noisy_every = 0) {
    store::CreateParams cp;
    cp.intent = "Sort IT tickets by urgency";
    auto p = store::Project::create(path, cp);
    EXPECT_TRUE(p.ok());
    if (!p) return nullptr;
    static const char *kWords[3][3] = {{"server down", "outage now", "production broken"},
                                       {"new mouse", "wallpaper", "font size"},
                                       {"password reset", "vpn slow", "printer queue"}};
    static const char *kLabel[3] = {"urgent", "low", "normal"};
    std::vector<store::NewSample> samples;
    for (int i = 0; i < n; ++i) {
        store::NewSample s;
        const int k = i % 3;
        s.input = std::string(kWords[k][i / 3 % 3]) + ", ticket " + std::to_string(i);
        if (long_every > 0 && i % long_every == 0)
            for (int r = 0; r < 30; ++r)
                s.input += " and more details about it";
        s.output = kLabel[noisy_every > 0 && i % noisy_every == 0 ? (k + 1) % 3 : k];
        s.status = store::SampleStatus::approved;
        samples.push_back(s);
    }
    EXPECT_TRUE((*p)->insert_samples(samples).ok());
    return std::move(p).value();
}

}  // namespace

TEST(Recipe, LengthStatsAndContextFollowTheCorpus) {
    std::vector<int> lengths;
    for (int i = 1; i <= 100; ++i)
        lengths.push_back(i * 3);  // 3 .. 300
    const LengthStats s = length_stats(lengths);
    EXPECT_EQ(s.samples, 100);
    EXPECT_EQ(s.p50, 150);
    EXPECT_EQ(s.p99, 297);
    EXPECT_EQ(s.max, 300);
    // The longest sequence's positions and a quarter more, rounded up to a multiple of 32, within the
    // cap.
    EXPECT_EQ(context_for(s, 1024), 384);  // 299 positions for the longest, + 74 = 373
    EXPECT_EQ(context_for(s, 128), 128);
    EXPECT_EQ(context_for(length_stats({5, 6, 7}), 1024), 64);  // never below 64
    EXPECT_EQ(length_stats({}).samples, 0);
}

TEST(Recipe, FitExamplesCutsAndDropsAsEncodingDoes) {
    std::vector<Example> ex(3);
    ex[0].tokens.assign(10, 7);
    ex[0].prompt_tokens = 4;
    ex[1].tokens.assign(40, 7);
    ex[1].prompt_tokens = 10;
    ex[2].tokens.assign(40, 7);
    ex[2].prompt_tokens = 30;  // the prompt alone fills a context of 16 + 1
    ex[1].sample_id = 11;
    const EncodeStats st = fit_examples(ex, 16);
    EXPECT_EQ(st.samples, 2);
    EXPECT_EQ(st.truncated, 1);
    EXPECT_EQ(st.dropped, 1);
    ASSERT_EQ(ex.size(), 2u);
    EXPECT_EQ(ex[1].sample_id, 11);
    EXPECT_EQ(ex[1].tokens.size(), 17u);
    EXPECT_TRUE(ex[1].truncated);
    EXPECT_FALSE(ex[0].truncated);
}

TEST(Recipe, InputWeightCountsTheUserTurnOnly) {
    Example e;
    // bos, im_start, "system" x3, im_end, im_start, user text x5 [7, 12), im_end at 12, im_start,
    // "assistant" x2, then output x3 and im_end.
    e.tokens.assign(20, 9);
    e.input_begin = 7;
    e.input_end = 13;
    e.prompt_tokens = 16;
    std::vector<Example> v{e};
    const std::vector<int32_t> rows{0};
    Batch plain, weighted;
    fill_batch(v, rows, plain);
    fill_batch(v, rows, weighted, 0.25f);
    EXPECT_TRUE(plain.weights.empty());
    EXPECT_EQ(plain.target_count, 4);  // positions 15..18 predict the output and its im_end
    EXPECT_EQ(weighted.target_count, 4);
    EXPECT_EQ(weighted.input_target_count, 6);  // positions 6..11 predict tokens 7..12
    ASSERT_EQ(weighted.weights.size(), 19u);
    for (int t = 0; t < 19; ++t) {
        // The input's mean counts a quarter of the output's: 0.25 x 4 output / 6 input targets each.
        const float want = t >= 15 ? 1.0f : (t >= 6 && t <= 11) ? 0.25f * 4.0f / 6.0f : 0.0f;
        EXPECT_FLOAT_EQ(weighted.weights[t], want) << t;
        EXPECT_EQ(weighted.is_output[t], t >= 15 ? 1 : 0) << t;
        EXPECT_EQ(weighted.targets[t] >= 0, want > 0) << t;
    }
}

// Input dropout leaves out tokens of the user turn only, the same ones for the same seed, others for
// another, never the whole turn, and shifts the output's targets with the row.
TEST(Recipe, InputDropoutLeavesOutInputTokensOnly) {
    Example e;
    e.sample_id = 42;
    e.tokens.resize(60);
    for (int i = 0; i < 60; ++i)
        e.tokens[static_cast<std::size_t>(i)] = 100 + i;  // distinct, so what is left out is visible
    e.input_begin = 7;  // "user\n" at 7, 8; the text 9..48; the turn's <|im_end|> at 49
    e.input_end = 50;
    e.prompt_tokens = 54;
    std::vector<Example> v{e};
    const std::vector<int32_t> rows{0};
    Batch full, a, a2, b, none, all;
    fill_batch(v, rows, full);
    fill_batch(v, rows, a, 0.0f, InputDrop{0.3, 7});
    fill_batch(v, rows, a2, 0.0f, InputDrop{0.3, 7});
    fill_batch(v, rows, b, 0.0f, InputDrop{0.3, 8});
    fill_batch(v, rows, none, 0.0f, InputDrop{0.0, 7});
    fill_batch(v, rows, all, 0.0f, InputDrop{0.9, 7});
    EXPECT_EQ(none.tokens, full.tokens);
    EXPECT_EQ(a.tokens, a2.tokens);
    EXPECT_NE(a.tokens, b.tokens);
    const int dropped = full.T - a.T;
    EXPECT_GT(dropped, 40 / 10);  // about 12 of 40 at 0.3
    EXPECT_LT(dropped, 40 * 6 / 10);
    // Everything outside the user's text is kept, in order; the output's targets are the same tokens.
    for (int t = 0; t < 9; ++t)
        EXPECT_EQ(a.tokens[static_cast<std::size_t>(t)], 100 + t);
    for (int t = 0; t < 11; ++t)
        EXPECT_EQ(a.tokens[static_cast<std::size_t>(a.T - 1 - t)], 100 + 58 - t) << t;
    EXPECT_EQ(a.target_count, full.target_count);
    std::vector<int32_t> out_a, out_full;
    for (std::size_t i = 0; i < a.targets.size(); ++i)
        if (a.is_output[i]) out_a.push_back(a.targets[i]);
    for (std::size_t i = 0; i < full.targets.size(); ++i)
        if (full.is_output[i]) out_full.push_back(full.targets[i]);
    EXPECT_EQ(out_a, out_full);
    // At the highest rate the turn still keeps a token.
    EXPECT_GE(all.T, full.T - 39);
    EXPECT_LT(all.T, a.T);
}

// Copy rows: the chosen inputs again, answered with their first kCopyWords words under their own
// system turn, never thinned by input dropout; none at share 0, every input at share 1, about half at
// 0.5, the same ones every time.
TEST(Recipe, CopyRowsRepeatTheStartOfTheInputAndKeepItWhole) {
    std::vector<store::Sample> samples;
    std::vector<std::string> corpus;
    for (int i = 0; i < 80; ++i) {
        store::Sample s;
        s.id = 500 + i;
        s.input = "  patient " + std::to_string(i) + " reports\tcough and fever for three days,";
        for (int w = 0; w < 30; ++w)
            s.input += " word" + std::to_string(w);
        s.output = "S: cough";
        samples.push_back(s);
        corpus.push_back(s.input);
    }
    auto tok = text::Tokenizer::train(corpus, {.vocab_size = 300, .threads = 2});
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    auto none = make_copy_examples(**tok, samples, 0.0, 512);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    auto all = make_copy_examples(**tok, samples, 1.0, 512);
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_EQ(all->size(), samples.size());
    for (std::size_t i = 0; i < all->size(); ++i) {
        const Example &e = (*all)[i];
        EXPECT_EQ(e.sample_id, -samples[i].id);
        EXPECT_TRUE(e.keep_input);
        // The answer: the first 24 words, white space made single.
        std::string want = "patient " + std::to_string(i) + " reports cough and fever for three days,";
        for (int w = 0; w < 15; ++w)
            want += " word" + std::to_string(w);
        const std::vector<int32_t> answer(e.tokens.begin() + e.prompt_tokens, e.tokens.end());
        auto text = (**tok).decode(answer);
        ASSERT_TRUE(text.ok());
        EXPECT_NE(text->find(want), std::string::npos) << *text;
        EXPECT_EQ(text->find("word15"), std::string::npos) << *text;
    }
    auto half = make_copy_examples(**tok, samples, 0.5, 512);
    auto again = make_copy_examples(**tok, samples, 0.5, 512);
    ASSERT_TRUE(half.ok() && again.ok());
    EXPECT_GT(half->size(), 20u);
    EXPECT_LT(half->size(), 60u);
    ASSERT_EQ(half->size(), again->size());
    for (std::size_t i = 0; i < half->size(); ++i)
        EXPECT_EQ((*half)[i].sample_id, (*again)[i].sample_id);
    // Input dropout leaves a copy row whole, and thins the task's own row.
    auto task = encode_examples(**tok, "Task: notes", samples, 512);
    ASSERT_TRUE(task.ok());
    std::vector<Example> v{(*all)[0], (*task)[0]};
    Batch kept, copy_alone, task_alone;
    fill_batch(v, std::vector<int32_t>{0, 1}, kept, 0.0f, InputDrop{0.5, 3});
    fill_batch(v, std::vector<int32_t>{0}, copy_alone);
    fill_batch(v, std::vector<int32_t>{1}, task_alone);
    int copy_len = 0, task_len = 0;
    for (int t = 0; t < kept.T; ++t) {
        copy_len += kept.tokens[static_cast<std::size_t>(t)] != text::kPadId;
        task_len += kept.tokens[static_cast<std::size_t>(kept.T + t)] != text::kPadId;
    }
    EXPECT_EQ(copy_len, copy_alone.T);
    EXPECT_LT(task_len, task_alone.T);
}

TEST(Recipe, LabelDistillationDrawsAnswersFromOutOfFoldScores) {
    // Three labels told apart by their words; sample 7 has an edited answer that is not a label.
    const std::vector<std::string> labels{"urgent", "low", "normal"};
    static const char *kWords[3] = {"server down outage", "new mouse wallpaper", "password reset vpn"};
    std::vector<store::Sample> samples;
    std::vector<std::string> corpus;
    for (int i = 0; i < 60; ++i) {
        store::Sample s;
        s.id = 100 + i;
        s.input = std::string(kWords[i % 3]) + " ticket " + std::to_string(i);
        s.output = i == 7 ? std::string("low, but call them") : labels[static_cast<std::size_t>(i % 3)];
        samples.push_back(s);
        corpus.push_back(s.input);
        corpus.push_back(s.output);
    }
    auto tok = text::Tokenizer::train(corpus, {.vocab_size = 300, .threads = 2});
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    const std::string system = "Sort tickets";
    auto ex = encode_examples(**tok, system, samples, 128);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    ex->erase(ex->begin() + 3);  // a training row set that is a subset of the samples, matched by id

    auto soft = make_soft_labels(**tok, system, samples, *ex, labels, 0.5);
    ASSERT_TRUE(soft.ok()) << soft.error().message;
    ASSERT_EQ(soft->own.size(), ex->size());
    ASSERT_EQ(soft->label_tokens.size(), 3u);
    // The words give the label away: out of fold the n-gram classifier is right on every row.
    EXPECT_DOUBLE_EQ(soft->oof_accuracy, 1.0);
    for (std::size_t e = 0; e < ex->size(); ++e) {
        const int64_t id = (*ex)[e].sample_id;
        if (id == 107) {
            EXPECT_EQ(soft->own[e], -1) << "an answer that is not a label is never changed";
            continue;
        }
        EXPECT_EQ(soft->own[e], static_cast<int>((id - 100) % 3));
        ASSERT_EQ(soft->cumulative[e].size(), 3u);
        EXPECT_NEAR(soft->cumulative[e].back(), 1.0, 1e-9);
        // q keeps at least (1 - weight) on the own label, and more since the classifier agrees.
        const auto &c = soft->cumulative[e];
        const int own = soft->own[e];
        EXPECT_GT(c[static_cast<std::size_t>(own)] - (own > 0 ? c[static_cast<std::size_t>(own - 1)] : 0.0), 0.5);
    }

    // A row's answer is drawn per epoch: the prompt is kept, the answer is exactly a label's tokens,
    // the draw follows the seed, and over many epochs the own label comes up about as often as q says.
    const auto a = draw_labels(*soft, *ex, 9, 0, 129), a2 = draw_labels(*soft, *ex, 9, 0, 129);
    ASSERT_EQ(a.size(), ex->size());
    for (std::size_t e = 0; e < a.size(); ++e)
        EXPECT_EQ(a[e].tokens, a2[e].tokens);
    std::vector<int> kept(ex->size(), 0);
    const int epochs = 400;
    bool any_changed = false;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        const auto d = draw_labels(*soft, *ex, 9, epoch, 129);
        for (std::size_t e = 0; e < d.size(); ++e) {
            const Example &x = (*ex)[e], &y = d[e];
            ASSERT_EQ(y.prompt_tokens, x.prompt_tokens);
            ASSERT_TRUE(std::equal(x.tokens.begin(), x.tokens.begin() + x.prompt_tokens, y.tokens.begin()));
            const std::vector<int32_t> tail(y.tokens.begin() + y.prompt_tokens, y.tokens.end());
            if (soft->own[e] < 0) {
                EXPECT_EQ(y.tokens, x.tokens);
                continue;
            }
            int which = -1;
            for (std::size_t k = 0; k < 3; ++k)
                if (tail == soft->label_tokens[k]) which = static_cast<int>(k);
            ASSERT_GE(which, 0) << "the drawn answer is a label";
            kept[e] += which == soft->own[e];
            any_changed |= which != soft->own[e];
        }
    }
    EXPECT_TRUE(any_changed);
    for (std::size_t e = 0; e < ex->size(); ++e) {
        if (soft->own[e] < 0) continue;
        const auto &c = soft->cumulative[e];
        const std::size_t own = static_cast<std::size_t>(soft->own[e]);
        const double q = c[own] - (own > 0 ? c[own - 1] : 0.0);
        EXPECT_NEAR(static_cast<double>(kept[e]) / epochs, q, 0.08) << "row " << e;
    }
    // Weight 0 changes nothing; an answer that would not fit the context is not drawn.
    SoftLabels off = *soft;
    off.weight = 0;
    const auto same = draw_labels(off, *ex, 9, 3, 129);
    for (std::size_t e = 0; e < same.size(); ++e)
        EXPECT_EQ(same[e].tokens, (*ex)[e].tokens);
    for (int epoch = 0; epoch < 50; ++epoch) {
        const auto d = draw_labels(*soft, *ex, 9, epoch, 0);
        for (std::size_t e = 0; e < d.size(); ++e)
            EXPECT_EQ(d[e].tokens, (*ex)[e].tokens);
    }
}

TEST(Recipe, ClassificationDistilsLabelsAndResumesExactly) {
    test::TempDir dir;
    // One label in five is wrong, so the n-gram classifier disagrees with some rows' own labels and
    // the drawn answers differ from them.
    auto a = make_label_project(dir / "a.smolify", 90, 0, 5);
    auto b = make_label_project(dir / "b.smolify", 90, 0, 5);
    ASSERT_TRUE(a && b);
    TrainParams p = test::tiny_train_params();
    p.max_steps = 40;
    p.label_distill = 0.5;
    auto full = train::train(*a, p);
    ASSERT_TRUE(full.ok()) << full.error().message;
    EXPECT_DOUBLE_EQ(full->plan.label_distill, 0.5);
    // Out of fold, against the rows' own (partly wrong) labels: above chance, below certain.
    EXPECT_GT(full->plan.distill_accuracy, 1.0 / 3);
    EXPECT_LT(full->plan.distill_accuracy, 1.0);

    TrainParams q = test::tiny_train_params();
    q.max_steps = 40;
    q.label_distill = 0.5;
    q.hooks.on_progress = [](const TrainProgress &pr) { return pr.done < 23; };
    auto first = train::train(*b, q);
    ASSERT_FALSE(first.ok());
    ASSERT_EQ(first.error().kind, ErrorKind::cancelled) << first.error().message;
    auto second = train::resume(*b, {});
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->steps, 40);
    const auto la = test::train_losses(*a, full->run_id), lb = test::train_losses(*b, second->run_id);
    ASSERT_EQ(la.size(), 40u);
    ASSERT_EQ(lb.size(), 40u);
    for (std::size_t i = 0; i < la.size(); ++i)
        EXPECT_NEAR(la[i], lb[i], 1e-6) << "step " << i + 1;

    // Off (the default), the same run learns from its own labels only: another loss curve.
    auto c = make_label_project(dir / "c.smolify", 90, 0, 5);
    ASSERT_TRUE(c);
    TrainParams r = test::tiny_train_params();
    r.max_steps = 40;
    auto plain = train::train(*c, r);
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(plain->plan.label_distill, 0);
    EXPECT_LT(plain->plan.distill_accuracy, 0);
    const auto lc = test::train_losses(*c, plain->run_id);
    ASSERT_EQ(lc.size(), 40u);
    double diff = 0;
    for (std::size_t i = 0; i < la.size(); ++i)
        diff = std::max(diff, std::abs(la[i] - lc[i]));
    EXPECT_GT(diff, 1e-4);
}

TEST(Recipe, WeightedCrossEntropyIsTheWeightedMeanAndItsGradient) {
    const int N = 4, V = 5;
    std::vector<float> logits(N * V);
    for (int i = 0; i < N * V; ++i)
        logits[i] = std::sin(0.7f * float(i)) * 2.0f;
    const std::vector<int32_t> targets{1, 3, -1, 0};
    const std::vector<float> weights{1.0f, 0.25f, 1.0f, 0.0f};  // row 2 no target, row 3 weight 0
    std::vector<float> probs(N * V), row(N);
    double wsum = 0;
    const float loss = model::ops::crossentropy_forward_weighted(
        probs.data(), row.data(), &wsum, logits.data(), targets.data(), weights.data(), N, V, 1);
    EXPECT_DOUBLE_EQ(wsum, 1.25);
    EXPECT_NEAR(loss, (row[0] + 0.25 * row[1]) / 1.25, 1e-6);
    // Numerical gradient of the weighted loss against the analytic one.
    std::vector<float> d = probs;
    model::ops::crossentropy_backward_weighted(d.data(), targets.data(), weights.data(), wsum, N, V, 1);
    for (int i = 0; i < N * V; ++i) {
        auto at = [&](float x) {
            std::vector<float> l = logits, p(N * V), r(N);
            l[i] = x;
            double ws = 0;
            return double(model::ops::crossentropy_forward_weighted(p.data(), r.data(), &ws, l.data(),
                                                                    targets.data(), weights.data(), N, V, 1));
        };
        const double h = 1e-2;
        const double num = (at(logits[i] + float(h)) - at(logits[i] - float(h))) / (2 * h);
        EXPECT_NEAR(d[i], num, 2e-3) << i;
    }
    // All weights 1 equals the unweighted mean.
    const std::vector<float> ones(N, 1.0f);
    int count = 0;
    const float plain = model::ops::crossentropy_forward(probs.data(), row.data(), &count, logits.data(),
                                                         targets.data(), N, V, 1);
    const float w1 = model::ops::crossentropy_forward_weighted(probs.data(), row.data(), &wsum, logits.data(),
                                                               targets.data(), ones.data(), N, V, 1);
    EXPECT_FLOAT_EQ(plain, w1);
}

TEST(Recipe, ContextIsSizedToTheCorpusAndNothingIsDropped) {
    test::TempDir dir;
    auto project = make_label_project(dir / "p.smolify", 60, 10);  // every 10th input is long
    ASSERT_TRUE(project);
    TrainParams p = test::tiny_train_params();
    p.seq_len = 0;
    p.max_steps = 4;
    TrainPlan seen;
    bool announced = false;
    p.on_plan = [&](const TrainPlan &plan) {
        seen = plan;
        announced = true;
    };
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(announced);
    EXPECT_TRUE(seen.seq_auto);
    EXPECT_EQ(seen.seq_len % 32, 0);
    EXPECT_GE(seen.seq_len + 1, seen.length_max);  // the longest sample fits whole
    // ... with a quarter more for longer inputs at inference (the cap, 1024, is far away here)
    EXPECT_GE(seen.seq_len, (seen.length_max - 1) + (seen.length_max - 1) / 4);
    EXPECT_NE(seen.fit_why.find("a quarter more"), std::string::npos) << seen.fit_why;
    EXPECT_GT(seen.length_max, seen.length_p50);
    EXPECT_EQ(seen.dropped, 0);
    EXPECT_EQ(r->dropped, 0);
    EXPECT_EQ(r->plan.seq_len, seen.seq_len);
    EXPECT_NE(seen.fit_why.find("no sample is cut or dropped"), std::string::npos) << seen.fit_why;
    // The run records the context it trained with, and its model is that long.
    auto info = read_checkpoint_info(r->checkpoint);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->config.max_seq, seen.seq_len);

    // A cap below the long inputs cuts them, and the plan says how many.
    auto other = make_label_project(dir / "q.smolify", 60, 10);
    p.max_seq_len = 64;
    p.on_plan = [&](const TrainPlan &plan) { seen = plan; };
    auto capped = train::train(*other, p);
    ASSERT_TRUE(capped.ok()) << capped.error().message;
    EXPECT_EQ(seen.seq_len, 64);
    EXPECT_GT(seen.input_cut, 0);  // the long inputs lose their end, their label is kept
    EXPECT_EQ(seen.dropped, 0);
    EXPECT_EQ(seen.truncated, 0);
    EXPECT_NE(seen.fit_why.find("end of the input cut"), std::string::npos) << seen.fit_why;
}

TEST(Recipe, ClassificationPicksTheBestCheckpointOnLabelAccuracy) {
    test::TempDir dir;
    auto project = make_label_project(dir / "p.smolify", 90);
    ASSERT_TRUE(project);
    TrainParams p = test::tiny_train_params();
    p.max_steps = 300;
    p.eval_interval = 30;
    p.val_fraction = 0.2;
    std::vector<double> accuracies;
    p.hooks.on_progress = [&](const TrainProgress &pr) {
        if (pr.evaluated) accuracies.push_back(pr.val_accuracy);
        return true;
    };
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->plan.select_metric, "label accuracy");
    EXPECT_DOUBLE_EQ(r->plan.input_loss_weight, kInputLossWeight);  // the inputs count for labels too
    EXPECT_DOUBLE_EQ(r->plan.input_dropout, kInputDropoutLabels);
    EXPECT_DOUBLE_EQ(r->plan.dropout, kDropout);
    ASSERT_EQ(accuracies.size(), 10u);
    for (double a : accuracies) {
        EXPECT_GE(a, 0.0);
        EXPECT_LE(a, 1.0);
    }
    // The words give the label away: the model learns it within 300 steps.
    EXPECT_GE(r->best_val_accuracy, 0.9) << ::testing::PrintToString(accuracies) << " val loss "
                                         << r->val_loss << " train loss " << r->train_loss;
    EXPECT_DOUBLE_EQ(r->best_val_accuracy, *std::max_element(accuracies.begin(), accuracies.end()));
    ASSERT_FALSE(r->best_checkpoint.empty());
    // The project's model is the best checkpoint, and a classification model knows its labels.
    auto student = infer::load_project_student(*project);
    ASSERT_TRUE(student.ok()) << student.error().message;
    EXPECT_EQ(student->checkpoint, std::filesystem::path(r->best_checkpoint));
    auto runner = infer::open_project(*project, {.threads = 2});
    ASSERT_TRUE(runner.ok()) << runner.error().message;
    EXPECT_EQ(runner->labels.size(), 3u);
}

TEST(Recipe, FreeTextSelectsOnTheScoreOfGreedyAnswersOrOnValidationLoss) {
    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "Summarise tickets";
    std::vector<store::NewSample> samples;
    for (int i = 0; i < 40; ++i) {
        store::NewSample s;
        s.input = "Ticket " + std::to_string(i) + ": the printer on floor " + std::to_string(i % 5) + " jams";
        s.output = "Printer jam on floor " + std::to_string(i % 5) + ", ticket " + std::to_string(i) + ".";
        s.status = store::SampleStatus::approved;
        samples.push_back(s);
    }
    auto make = [&](const char *name) {
        auto created = store::Project::create(dir / name, cp);
        EXPECT_TRUE(created.ok());
        auto project = std::move(created).value();
        EXPECT_TRUE(project->insert_samples(samples).ok());
        return project;
    };
    // By default the best checkpoint is the one whose greedy answers to the validation rows score best
    // on the task's metric (ROUGE-L here), as eval will score them.
    auto a = make("a.smolify");
    TrainParams p = test::tiny_train_params();
    p.max_steps = 30;
    p.eval_interval = 3;
    std::vector<double> scores;
    int undecoded = 0;
    p.hooks.on_progress = [&](const TrainProgress &pr) {
        if (pr.evaluated) {
            EXPECT_LT(pr.val_accuracy, 0);  // no labels
            // Answers are decoded from the second half of the schedule on; before it, the loss alone.
            if (2 * pr.done < pr.total) {
                EXPECT_LT(pr.val_score, 0) << "step " << pr.done;
                ++undecoded;
            } else {
                scores.push_back(pr.val_score);
            }
        }
        return true;
    };
    auto r = train::train(*a, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->plan.select_metric, "ROUGE-L of greedy answers to 7 validation samples");
    EXPECT_EQ(r->plan.copy_examples, 0);  // asked for none
    EXPECT_LT(r->best_val_accuracy, 0);
    EXPECT_DOUBLE_EQ(r->plan.input_loss_weight, kInputLossWeight);  // generation counts the inputs by default
    EXPECT_DOUBLE_EQ(r->plan.input_dropout, kInputDropout);
    EXPECT_EQ(undecoded, 4);  // steps 3, 6, 9, 12 of 30
    ASSERT_EQ(scores.size(), 6u);  // steps 15 .. 30
    for (double v : scores) {
        EXPECT_GE(v, 0.0);
        EXPECT_LE(v, 1.0);
    }
    EXPECT_DOUBLE_EQ(r->best_val_score, *std::max_element(scores.begin(), scores.end()));
    // The model has learned the pattern by then (an untrained one scores about 0).
    EXPECT_GT(r->best_val_score, 0.5) << ::testing::PrintToString(scores);
    EXPECT_DOUBLE_EQ(r->val_score, scores.back());

    // Off, the validation loss alone decides.
    auto b = make("b.smolify");
    TrainParams q = test::tiny_train_params();
    q.max_steps = 10;
    q.decode_val_rows = 0;
    auto o = train::train(*b, q);
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o->plan.select_metric, "validation loss");
    EXPECT_LT(o->best_val_score, 0);
    EXPECT_LT(o->best_val_accuracy, 0);

    {
        // With copy rows asked for half the inputs; the report counts the task's rows only.
        // (By default they are off: kCopyRows.)
        auto c = make("c.smolify");
        TrainParams with_copies = test::tiny_train_params();
        with_copies.copy_rows = 0.5;
        with_copies.max_steps = 4;
        auto rc = train::train(*c, with_copies);
        ASSERT_TRUE(rc.ok()) << rc.error().message;
        EXPECT_EQ(rc->plan.copy_rows, 0.5);
        EXPECT_GT(rc->plan.copy_examples, 5);
        EXPECT_LT(rc->plan.copy_examples, 30);
        EXPECT_LE(rc->train_samples + rc->val_samples, 40);  // copy rows are not samples
    }
}

TEST(Recipe, InputLossChangesTrainingButNotTheReportedTaskLoss) {
    // The same run with and without the input loss: different weights (the inputs taught something),
    // while the logged loss stays the output's (comparable with validation).
    test::TempDir dir;
    auto a = test::make_training_project(dir / "a.smolify", 40);
    auto b = test::make_training_project(dir / "b.smolify", 40);
    ASSERT_TRUE(a && b);
    TrainParams p = test::tiny_train_params();
    p.max_steps = 6;
    p.input_loss_weight = 0;
    auto ra = train::train(*a, p);
    p.input_loss_weight = 0.5;
    auto rb = train::train(*b, p);
    ASSERT_TRUE(ra.ok() && rb.ok());
    const auto la = test::train_losses(*a, ra->run_id), lb = test::train_losses(*b, rb->run_id);
    ASSERT_EQ(la.size(), 6u);
    ASSERT_EQ(lb.size(), 6u);
    EXPECT_NEAR(la[0], lb[0], 1e-6);  // step 1 reports the output loss of the same initial weights
    EXPECT_NE(la[5], lb[5]);
}

// Early stopping waits for the second half of the schedule: on labels that cannot be learned (the
// validation loss only rises once the model memorises the training rows) a patience of one
// evaluation stops the run at the first evaluation past half, not at the second evaluation.
TEST(Recipe, EarlyStoppingWaitsForTheSecondHalfOfTheSchedule) {
    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "Guess a coin";
    auto created = store::Project::create(dir / "p.smolify", cp);
    ASSERT_TRUE(created.ok());
    auto project = std::move(created).value();
    std::vector<store::NewSample> samples;
    uint64_t h = 99;
    for (int i = 0; i < 60; ++i) {
        store::NewSample s;
        s.input = "Toss number " + std::to_string(i) + " of the afternoon";
        h = h * 6364136223846793005ull + 1442695040888963407ull;
        s.output = (h >> 62) & 1 ? "heads" : "tails";
        s.status = store::SampleStatus::approved;
        samples.push_back(s);
    }
    ASSERT_TRUE(project->insert_samples(samples).ok());
    TrainParams p = test::tiny_train_params();
    p.lr = 1e-2;
    p.max_steps = 60;
    p.eval_interval = 2;
    p.patience = 1;
    std::vector<int64_t> evals;
    p.hooks.on_progress = [&](const TrainProgress &pr) {
        if (pr.evaluated) evals.push_back(pr.done);
        return true;
    };
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->stop_reason, "early_stopping") << ::testing::PrintToString(evals);
    EXPECT_GE(r->steps, 30);
    EXPECT_LT(r->steps, 60);
}

TEST(Recipe, PlanTrainingShowsTheRunWithoutStartingIt) {
    test::TempDir dir;
    auto project = make_label_project(dir / "p.smolify", 60);
    ASSERT_TRUE(project);
    TrainParams p = test::tiny_train_params();
    p.max_steps = 40;
    auto plan = plan_training(*project, p);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_GT(plan->parameters, 0);
    EXPECT_GT(plan->seq_len, 0);
    EXPECT_EQ(plan->total_steps, 40);
    EXPECT_GT(plan->steps_per_epoch, 0);
    EXPECT_GT(plan->measured_tokens_per_s, 0);
    EXPECT_GT(plan->seconds_per_epoch, 0);
    EXPECT_EQ(plan->dropped, 0);
    EXPECT_FALSE(plan->fit_why.empty());
    // Nothing was started; the test split was made, as a first run makes it.
    auto runs = list_runs(*project);
    ASSERT_TRUE(runs.ok());
    EXPECT_TRUE(runs->empty());
    const int64_t test = project->db().query_int("SELECT count(*) FROM samples WHERE split = 'test'");
    EXPECT_GT(test, 0);
    const int64_t tokenizers = project->db().query_int("SELECT count(*) FROM tokenizers");
    // The run that follows trains what was planned, on the tokenizer the plan stored.
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->plan.parameters, plan->parameters);
    EXPECT_EQ(r->plan.seq_len, plan->seq_len);
    EXPECT_EQ(r->total_steps, plan->total_steps);
    EXPECT_EQ(r->plan.samples, plan->samples);
    EXPECT_EQ(project->db().query_int("SELECT count(*) FROM samples WHERE split = 'test'"), test);
    EXPECT_EQ(project->db().query_int("SELECT count(*) FROM tokenizers"), tokenizers) << "the plan's is reused";

    // No approved samples: the same error train() gives.
    test::TempDir empty_dir;
    store::CreateParams cp;
    cp.intent = "Sort tickets";
    auto empty = store::Project::create(empty_dir / "e.smolify", cp);
    ASSERT_TRUE(empty.ok());
    auto none = plan_training(**empty, p);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().kind, ErrorKind::user);
}

TEST(Recipe, AutoPresetFitsTheScheduleToTheTimeBudget) {
    test::TempDir dir;
    auto project = make_label_project(dir / "p.smolify", 60);
    ASSERT_TRUE(project);
    TrainParams p;  // the defaults: preset auto, context sized to the corpus
    p.threads = 2;
    p.tokenizer_vocab = 400;
    p.max_minutes = 0.25;
    p.patience = 0;
    TrainPlan seen;
    p.on_plan = [&](const TrainPlan &plan) { seen = plan; };
    auto r = train::train(*project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(seen.preset, "auto");
    EXPECT_FALSE(seen.model.empty());
    EXPECT_GT(seen.measured_tokens_per_s, 0);
    EXPECT_GT(seen.total_steps, 0);
    EXPECT_LE(seen.epochs, kAutoMaxEpochs + 1e-9);
    EXPECT_NE(seen.model_why.find("tokens/s measured"), std::string::npos) << seen.model_why;
    // Labels: a larger model only when it gets kAutoMinEpochsLabels passes, and the plan says which
    // rule chose: the 20 passes, or (on a machine too loaded for micro to get them in 15 seconds) that
    // micro is the smallest model there is.
    const bool passes_rule = seen.model_why.find("at least 20 times") != std::string::npos;
    const bool smallest = seen.model == "micro" && seen.model_why.find("the smallest model") != std::string::npos;
    EXPECT_TRUE(passes_rule || smallest) << seen.model_why;
    EXPECT_EQ(seen.copy_rows, 0.0);  // labels have no words to carry over
    EXPECT_EQ(seen.copy_examples, 0);
    // The schedule is a step count (fitted once, recorded), so the run is reproducible and resumable;
    // whether this machine's pace held is the benchmark's business, not a test's.
    // (The schedule is fitted once more after the first validation pass; the report has the final one.)
    EXPECT_EQ(r->total_steps, r->plan.total_steps);
    EXPECT_GT(r->total_steps, 0);
    EXPECT_LE(r->steps, r->total_steps);
    EXPECT_EQ(r->plan.model, seen.model);
    auto run = find_run(*project, r->run_id);
    ASSERT_TRUE(run.ok() && *run);
    EXPECT_EQ((**run).config["plan"]["model"], seen.model);
}

// The student's system turn is the project's one-line intent by default, the spec's whole instruction
// on request; the run records the one it used and inference (so export and serve) answers with it.
TEST(Recipe, SystemPromptIsTheIntentUnlessTheInstructionIsAsked) {
    test::TempDir dir;
    const std::string instruction =
        "Sort each ticket into urgent, normal or low. Urgent means many people cannot work; low means a "
        "wish or a cosmetic fault; everything else is normal. Answer with the label alone.";
    for (const std::string which : {"intent", "instruction"}) {
        SCOPED_TRACE(which);
        auto project = make_label_project(dir / (which + ".smolify"), 30);
        ASSERT_TRUE(project);
        nlohmann::json j = {{"kind", "classification"},
                            {"instruction", instruction},
                            {"input_description", "A support ticket as an employee writes it."},
                            {"output", {{"labels", {"urgent", "low", "normal"}}}},
                            {"axes", {{{"name", "system"}, {"values", {"printer", "network"}}}}},
                            {"seeds", {{{"input", "server down, ticket 0"}, {"output", "urgent"}}}}};
        auto spec = synth::spec_from_json(j);
        ASSERT_TRUE(spec.ok()) << spec.error().message;
        ASSERT_TRUE(project->save_spec(synth::spec_to_store(*spec, "user")).ok());
        TrainParams p = test::tiny_train_params();
        p.max_steps = 2;
        p.eval_interval = 2;
        if (which == "instruction") p.system_prompt = which;
        auto r = train::train(*project, p);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const std::string expected =
            which == "intent" ? text::default_system_prompt("Sort IT tickets by urgency") : instruction;
        auto student = infer::load_project_student(*project);
        ASSERT_TRUE(student.ok()) << student.error().message;
        EXPECT_EQ(student->system_prompt, expected);
        auto runner = infer::open_project(*project);
        ASSERT_TRUE(runner.ok()) << runner.error().message;
        EXPECT_EQ(runner->system_prompt, expected);
    }
    // Anything else is refused before a run starts.
    auto project = make_label_project(dir / "bad.smolify", 30);
    ASSERT_TRUE(project);
    TrainParams p = test::tiny_train_params();
    p.system_prompt = "spec";
    auto r = train::train(*project, p);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("system prompt"), std::string::npos) << r.error().message;
}

// The peak learning rate by default: 1e-3 for labels; for the kinds that write text it grows with the
// square root of the tokens in a step, capped by the model's width and floored at 1e-3; a given one is
// kept. The plan shows the one used.
TEST(Recipe, DefaultLearningRateFollowsTheKindTheTokensAndTheWidth) {
    auto micro = model::preset("micro", 2048);
    auto tiny = model::preset("tiny", 2048);
    ASSERT_TRUE(micro.ok() && tiny.ok());
    EXPECT_NEAR(default_lr(*micro, false, 6400), 6e-3, 1e-12);      // soap-notes' steps
    EXPECT_NEAR(default_lr(*micro, false, 1600), 3e-3, 1e-12);      // a quarter of the tokens: half
    EXPECT_NEAR(default_lr(*micro, false, 1e6), 6e-3, 1e-12);       // the width's cap
    EXPECT_NEAR(default_lr(*tiny, false, 1e6), 3.6e-3, 1e-12);
    EXPECT_DOUBLE_EQ(default_lr(*micro, false, 10), kLrLabels);     // the floor
    EXPECT_DOUBLE_EQ(default_lr(*micro, true, 6400), kLrLabels);    // labels

    test::TempDir dir;
    auto labels = make_label_project(dir / "labels.smolify", 30);
    ASSERT_TRUE(labels);
    TrainParams p = test::tiny_train_params();  // 64 wide, batch 8, context 128
    p.lr = -1;
    p.max_steps = 2;
    auto r = train::train(*labels, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_DOUBLE_EQ(r->plan.lr, kLrLabels);

    // Text rows of two lengths: the longer rows' steps carry more tokens and get the larger rate.
    auto text_lr = [&](const char *name, int words) {
        store::CreateParams cp;
        cp.intent = "Summarise tickets";
        auto project = store::Project::create(dir / name, cp);
        EXPECT_TRUE(project.ok());
        if (!project) return -1.0;
        std::vector<store::NewSample> samples;
        for (int i = 0; i < 30; ++i) {
            store::NewSample s;
            s.input = "Ticket " + std::to_string(i) + ":";
            for (int w = 0; w < words; ++w)
                s.input += " the printer on floor " + std::to_string((i + w) % 5) + " jams";
            s.output = "Printer jam, ticket " + std::to_string(i) + ".";
            s.status = store::SampleStatus::approved;
            samples.push_back(s);
        }
        EXPECT_TRUE((*project)->insert_samples(samples).ok());
        auto t = train::train(**project, p);
        EXPECT_TRUE(t.ok()) << t.error().message;
        return t ? t->plan.lr : -1.0;
    };
    const double short_rows = text_lr("short.smolify", 1), long_rows = text_lr("long.smolify", 12);
    EXPECT_GT(long_rows, short_rows);
    EXPECT_GT(long_rows, kLrLabels);
    EXPECT_LE(long_rows, kLrWidth / 64.0);
    EXPECT_GE(short_rows, kLrLabels);

    p.lr = 2e-3;  // given: kept
    auto g = train::train(*labels, p);
    ASSERT_TRUE(g.ok()) << g.error().message;
    EXPECT_DOUBLE_EQ(g->plan.lr, 2e-3);
}
