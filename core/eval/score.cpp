// Per-sample scores, aggregates per system and baselines (score.h).
#include "eval/score.h"

#include <cmath>
#include <map>

#include "eval/baselines.h"
#include "synth/contract.h"
#include "util/text.h"

namespace smolify::eval {

namespace {

bool is_text_kind(synth::TaskKind k) {
    return k == synth::TaskKind::sectioned_text || k == synth::TaskKind::free_text;
}

}  // namespace

std::string normalised_output(const TaskProfile &profile, const std::string &input,
                              const std::string &output) {
    synth::ContractResult c = synth::contract_check(profile.spec, input, output);
    return c.ok ? c.output : std::string(trim(output));
}

SampleResult score_sample(const TaskProfile &profile, int64_t sample_id, const std::string &input,
                          const std::string &reference, const std::string &output) {
    SampleResult r;
    r.sample_id = sample_id;
    r.input = input;
    r.reference = reference;
    r.output = output;
    synth::ContractResult c = synth::contract_check(profile.spec, input, output);
    r.contract_ok = c.ok;
    r.contract_reason = c.reason;
    const std::string got = c.ok ? c.output : std::string(trim(output));
    const std::string want = normalised_output(profile, input, reference);
    r.exact = got == want;
    switch (profile.spec.kind) {
        case synth::TaskKind::classification:
            r.score = r.exact ? 1.0 : 0.0;
            break;
        case synth::TaskKind::json_extraction:
            r.score = extraction_f1(parse_json_output(want), parse_json_output(got));
            break;
        case synth::TaskKind::sectioned_text:
        case synth::TaskKind::free_text:
            r.rouge_l = rouge_l(want, got);
            r.chrf = chrf(want, got);
            r.score = r.rouge_l;
            break;
    }
    return r;
}

SystemScores aggregate_scores(const TaskProfile &profile, std::string name, std::string role,
                              const std::vector<SampleResult> &results) {
    SystemScores s;
    s.name = std::move(name);
    s.role = std::move(role);
    s.samples = int64_t(results.size());
    if (results.empty()) return s;
    const double n = double(results.size());
    int64_t ok = 0, exact = 0, out_chars = 0, ref_chars = 0, tokens = 0, loss_tokens = 0;
    double score = 0, rl = 0, cf = 0, loss_sum = 0, latency = 0;
    int64_t timed = 0;
    for (const auto &r : results) {
        ok += r.contract_ok;
        exact += r.exact;
        out_chars += char_length(r.output);
        ref_chars += char_length(r.reference);
        score += r.score;
        rl += r.rouge_l;
        cf += r.chrf;
        if (r.loss >= 0 && r.loss_tokens > 0) {
            loss_sum += r.loss * double(r.loss_tokens);
            loss_tokens += r.loss_tokens;
        }
        if (r.latency_s >= 0) {
            latency += r.latency_s;
            tokens += r.tokens;
            ++timed;
        }
    }
    s.contract_share = double(ok) / n;
    s.exact_match = double(exact) / n;
    s.length_ratio = ref_chars ? double(out_chars) / double(ref_chars) : 0.0;
    s.score = score / n;
    if (is_text_kind(profile.spec.kind)) {
        s.rouge_l = rl / n;
        s.chrf = cf / n;
    }
    if (profile.spec.kind == synth::TaskKind::classification) {
        std::vector<std::string> refs, preds;
        for (const auto &r : results) {
            refs.push_back(normalised_output(profile, r.input, r.reference));
            preds.push_back(normalised_output(profile, r.input, r.output));
        }
        s.classification = classification_scores(profile.spec.output.labels, refs, preds);
    }
    if (profile.spec.kind == synth::TaskKind::json_extraction) {
        ExtractionTally t;
        for (const auto &r : results)
            t.add(parse_json_output(r.reference), parse_json_output(r.output));
        s.extraction = t.scores();
    }
    if (profile.spec.kind != synth::TaskKind::classification) {
        std::vector<FactRow> rows;
        rows.reserve(results.size());
        for (const auto &r : results)
            rows.push_back({r.input, r.reference, r.output});
        s.facts = fact_scores(rows);
    }
    if (loss_tokens > 0) {
        s.loss_tokens = loss_tokens;
        s.loss = loss_sum / double(loss_tokens);
        s.perplexity = std::exp(s.loss);
    }
    if (timed > 0) {
        s.latency_s = latency / double(timed);
        s.tokens_per_s = latency > 0 ? double(tokens) / latency : 0.0;
        s.seconds_per_1000 = 1000.0 * s.latency_s;
    }
    return s;
}

namespace {

Baseline nearest_neighbour(const std::vector<std::string> &inputs, const std::vector<TrainExample> &train) {
    std::vector<std::string> texts;
    std::vector<int64_t> ids;
    texts.reserve(train.size());
    ids.reserve(train.size());
    for (const auto &t : train) {
        texts.push_back(t.input);
        ids.push_back(t.id);
    }
    NearestNeighbour nn;
    nn.fit(texts, ids);
    Baseline b{"nearest neighbour", {}};
    b.outputs.reserve(inputs.size());
    for (const auto &in : inputs) {
        const int64_t i = nn.best(in);
        b.outputs.push_back(i >= 0 ? train[std::size_t(i)].output : std::string());
    }
    return b;
}

}  // namespace

std::vector<Baseline> make_baselines(const TaskProfile &profile, const std::vector<std::string> &inputs,
                                     const std::vector<std::string> &references,
                                     const std::vector<TrainExample> &train) {
    std::vector<Baseline> out;
    switch (profile.spec.kind) {
        case synth::TaskKind::classification: {
            const auto &labels = profile.spec.output.labels;
            std::map<std::string, int> index;
            for (std::size_t i = 0; i < labels.size(); ++i)
                index.emplace(labels[i], int(i));
            // The training labels as the contract normalises them; -1 for an output outside the set.
            std::vector<int> y;
            std::vector<std::string> texts;
            int64_t labelled = 0;
            for (const auto &t : train) {
                auto it = index.find(normalised_output(profile, t.input, t.output));
                y.push_back(it == index.end() ? -1 : it->second);
                texts.push_back(t.input);
                labelled += it != index.end();
            }
            // Majority: counted in label order, so a tie goes to the label listed first.
            std::vector<int64_t> count(labels.size(), 0);
            if (!train.empty()) {
                for (int k : y)
                    if (k >= 0) ++count[std::size_t(k)];
            } else {
                for (std::size_t i = 0; i < references.size(); ++i) {
                    auto it = index.find(
                        normalised_output(profile, i < inputs.size() ? inputs[i] : "", references[i]));
                    if (it != index.end()) ++count[std::size_t(it->second)];
                }
            }
            std::string best;
            int64_t best_n = -1;
            for (std::size_t k = 0; k < labels.size(); ++k)
                if (count[k] > best_n) {
                    best = labels[k];
                    best_n = count[k];
                }
            out.push_back({"majority label", std::vector<std::string>(inputs.size(), best)});
            if (labelled == 0 || labels.empty()) break;
            std::vector<HashedCounts> train_docs, test_docs;
            train_docs.reserve(texts.size());
            for (const auto &t : texts)
                train_docs.push_back(text_features(t, classifier_features()));
            test_docs.reserve(inputs.size());
            for (const auto &in : inputs)
                test_docs.push_back(text_features(in, classifier_features()));
            const int K = int(labels.size());
            NaiveBayes nb;
            nb.fit(train_docs, y, K);
            Baseline nbb{"naive Bayes", {}};
            for (const auto &d : test_docs)
                nbb.outputs.push_back(labels[std::size_t(nb.predict(d))]);
            out.push_back(std::move(nbb));
            LogisticRegression lr;
            lr.fit(train_docs, y, K);
            Baseline lrb{"logistic regression", {}};
            for (const auto &d : test_docs)
                lrb.outputs.push_back(labels[std::size_t(lr.predict(d))]);
            out.push_back(std::move(lrb));
            break;
        }
        case synth::TaskKind::sectioned_text:
        case synth::TaskKind::free_text: {
            Baseline copy{"copy input", inputs}, first{"first sentence", {}};
            for (const auto &in : inputs)
                first.outputs.push_back(first_sentence(in));
            out.push_back(std::move(copy));
            out.push_back(std::move(first));
            if (!train.empty()) out.push_back(nearest_neighbour(inputs, train));
            break;
        }
        case synth::TaskKind::json_extraction:
            if (!train.empty()) out.push_back(nearest_neighbour(inputs, train));
            break;
    }
    return out;
}

}  // namespace smolify::eval
