// Scores of one output against its reference (the teacher's output), and their aggregates per task
// kind: ROUGE-L and chrF for text, exact match, length, per-field precision/recall/F1 for JSON
// extraction, accuracy, macro-F1 and the confusion matrix for classification. docs/eval.md gives
// every formula; tests/eval checks each against values computed by hand.
//
// Who calls it: eval/evaluate.cpp (the student, the teacher and the baselines), tests/eval.
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace smolify::eval {

// Words for ROUGE-L: maximal runs of ASCII letters and digits (lower-cased) or of non-ASCII bytes;
// everything else separates.
std::vector<std::string> rouge_words(std::string_view text);

// ROUGE-L F1 over words: LCS / |candidate| is the precision, LCS / |reference| the recall, F1 their
// harmonic mean. Both empty: 1; one empty: 0.
double rouge_l(std::string_view reference, std::string_view candidate);

// chrF (beta 2): character n-grams of orders 1..6 over the text with whitespace removed, counted
// with clipping; precision and recall are each averaged over the orders the reference has n-grams
// of, then F = (1 + b^2) P R / (b^2 P + R). In [0, 1]. Both empty: 1; one empty: 0.
double chrf(std::string_view reference, std::string_view candidate);

// Equal after trimming spaces at both ends.
bool exact_match(std::string_view reference, std::string_view candidate);

// Characters (code points) of the trimmed text.
int64_t char_length(std::string_view text);

struct Prf {
    int64_t tp = 0, fp = 0, fn = 0;
    double precision = 0, recall = 0, f1 = 0;  // 0 when undefined (nothing predicted / nothing to find)
};
Prf make_prf(int64_t tp, int64_t fp, int64_t fn);

// Classification over a label set. A prediction outside the set counts in the confusion matrix's
// last column, "(other)", and is wrong.
struct ClassificationScores {
    std::vector<std::string> labels;              // rows (references) and columns (predictions)
    std::vector<std::vector<int64_t>> confusion;  // [reference][prediction]; one more column: (other)
    std::vector<Prf> per_label;                   // in label order
    int64_t samples = 0;
    double accuracy = 0;
    // Mean F1 over the labels that occur among the references or the predictions.
    double macro_f1 = 0;
};
// references[i] must be one of `labels` (a reference outside the set is added to it).
ClassificationScores classification_scores(std::vector<std::string> labels,
                                           const std::vector<std::string> &references,
                                           const std::vector<std::string> &predictions);

// JSON extraction, per top-level field. A field whose value is null counts as absent. Values are
// equal when their JSON is equal, strings compared after trimming and ASCII case folding. For each
// field: tp = both have it with equal values; fp = the candidate has it and the reference lacks it
// or differs; fn = the reference has it and the candidate lacks it or differs.
struct FieldScores {
    std::string field;
    Prf prf;
};
struct ExtractionScores {
    std::vector<FieldScores> fields;  // sorted by name
    Prf micro;                        // the counts of every field added up
    double macro_f1 = 0;              // mean F1 over the fields
};
class ExtractionTally {
public:
    // `candidate` that is not an object (not JSON, an array, ...) finds nothing: every reference
    // field is a miss.
    void add(const nlohmann::json &reference, const nlohmann::json &candidate);
    ExtractionScores scores() const;

private:
    struct Counts {
        int64_t tp = 0, fp = 0, fn = 0;
    };
    std::vector<std::pair<std::string, Counts>> m_fields;  // sorted by name
    Counts &counts(const std::string &field);
};
// The micro F1 of one sample's fields (both without fields: 1).
double extraction_f1(const nlohmann::json &reference, const nlohmann::json &candidate);
// Parses an extraction output as the contract check reads it (code fences removed); a discarded
// value when it is not JSON.
nlohmann::json parse_json_output(std::string_view text);

// Facts: whether an answer states the facts of its reference, and whether the facts it states come
// from its input or reference or are made up. ROUGE-L rewards the words a task always uses (section
// names, set phrases); facts are the words that only some references use. A "term" is a word of
// rouge_words of at least two bytes, or a number of any length (a run of digits). Over a test set of n
// references, a term is a fact when at most max(1, n / 10) of the references contain it; a term of an
// answer that no reference contains (an invented name, a sum that is nowhere) is a fact too. Per sample
// every term counts once. Summed over the samples:
//   recall    = reference facts the answer contains / reference facts
//   precision = answer facts the reference contains / answer facts
//   invented  = answer facts found in neither the reference nor the input / answer facts
// Each is -1 when its denominator is 0.
struct FactScores {
    int64_t reference_facts = 0, answer_facts = 0;
    int64_t recalled = 0, supported = 0, invented = 0;
    double recall = -1, precision = -1, f1 = -1, invented_share = -1;
};
struct FactRow {
    std::string_view input, reference, answer;
};
FactScores fact_scores(const std::vector<FactRow> &rows);

// The first sentence of a text: up to and including the first ".", "!" or "?" that ends the text or
// is followed by a space or line break, else up to the first line break, else the whole text; trimmed.
std::string first_sentence(std::string_view text);

}  // namespace smolify::eval
