// The training data pipeline: approved train-split samples -> token sequences with a loss mask ->
// length-bucketed batches.
//
// Each sample becomes one row (text/chat_format.h): inputs are the sequence without its last token,
// targets the sequence shifted by one, with -1 (no loss) wherever the next token is still part of
// the prompt, so the loss covers exactly the output tokens and the closing <|im_end|>. A sequence
// longer than the context (seq_len + 1 tokens) is cut at the end and counted; one whose prompt alone
// fills the context has no target left and is dropped and counted.
//
// Batching is length bucketing, not packing: rows of similar length go together and a batch is as
// long as its longest row, so padding stays small while every row starts at position 0 and sees only
// its own prompt, exactly as at inference (packing would let samples attend to each other). Each
// epoch: a seeded shuffle, then within windows of 16 batches the rows are sorted by length and cut
// into batches, then the batch order is shuffled again.
//
// Who calls it: core/train/trainer.cpp, tests/train. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/types.h"
#include "text/tokenizer.h"
#include "util/result.h"

namespace smolify::train {

struct Example {
    int64_t sample_id = 0;
    std::vector<int32_t> tokens;  // bos + prompt + output + <|im_end|>, at most seq_len + 1
    int32_t prompt_tokens = 0;    // first token position that is output
    int32_t input_begin = 0;      // the user turn's tokens: [input_begin, input_end) (chat_format.h)
    int32_t input_end = 0;
    bool truncated = false;  // the end of the output was cut
    bool input_cut = false;  // the end of the input was cut so that the output fits whole
    bool keep_input = false;  // never loses input tokens to input dropout (its output copies them)
};

struct EncodeStats {
    int64_t samples = 0;    // encoded and kept
    int64_t truncated = 0;  // kept but the output cut to the context
    int64_t input_cut = 0;  // kept whole but for the end of the input, cut so the output fits
    int64_t dropped = 0;    // prompt alone fills the context: nothing to learn
    int64_t tokens = 0;     // kept tokens in all sequences
};

// Cuts encoded examples to a context of seq_len tokens, as encode_examples does. A sequence longer
// than seq_len + 1 tokens loses the end of its input (the tokens before the user turn's <|im_end|>)
// so that the output stays whole (input_cut); when even an almost empty input leaves no room, the
// output is cut at the end (truncated); one whose fixed prompt alone fills the context is dropped.
EncodeStats fit_examples(std::vector<Example> &examples, int seq_len);

// Encodes the samples (order kept) for a context of seq_len tokens.
Result<std::vector<Example>> encode_examples(const text::Tokenizer &tokenizer, const std::string &system,
                                             std::span<const store::Sample> samples, int seq_len,
                                             EncodeStats *stats = nullptr);

// Copy rows: for the samples a hash of their id picks with probability `share`, a row whose system
// turn is kCopySystem, whose user turn is the sample's input and whose answer is the input's first
// kCopyWords words (split at white space, joined by one space). Their sample ids are the negated ids;
// they are marked keep_input, so input dropout never removes a word their answer repeats.
inline constexpr int kCopyWords = 24;
inline constexpr const char *kCopySystem = "Task: repeat the start of the text.";
Result<std::vector<Example>> make_copy_examples(const text::Tokenizer &tokenizer,
                                                std::span<const store::Sample> samples, double share,
                                                int seq_len);

// Deterministic 64-bit generator (splitmix64): the same sequence on every platform and library,
// unlike std::shuffle, so a seed means the same data order everywhere.
struct Rng {
    uint64_t state = 0;
    uint64_t next();
    uint64_t below(uint64_t n);  // uniform in [0, n)
};

template <class T>
void shuffle(std::vector<T> &v, Rng &rng) {
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[rng.below(i)]);
}

// Splits sample ids (any order) into train and validation: a seeded shuffle of the sorted ids,
// the first round(n x val_fraction) (at least 1 when val_fraction > 0 and n >= 2, at most n / 2)
// go to validation. Both results are sorted.
void split_train_val(std::vector<int64_t> ids, double val_fraction, uint64_t seed,
                     std::vector<int64_t> &train, std::vector<int64_t> &val);

// One epoch's batches: indices into `examples`, each batch at most `batch` rows.
std::vector<std::vector<int32_t>> plan_epoch(const std::vector<Example> &examples, int batch, uint64_t seed,
                                             int64_t epoch);
// Validation batches: sorted by length, fixed.
std::vector<std::vector<int32_t>> plan_eval(const std::vector<Example> &examples, int batch);

struct Batch {
    int B = 0;
    int T = 0;
    std::vector<int32_t> tokens;   // B x T, padded with <pad>
    std::vector<int32_t> targets;  // B x T, -1 where not counted
    // B x T, only with an input weight w > 0: 1 where the target is output, w x (output targets /
    // input targets of the batch) where it is a token of the user turn, 0 elsewhere (the fixed system
    // text and padding teach nothing): the loss is (mean output loss + w x mean input loss) / (1 + w).
    std::vector<float> weights;
    std::vector<uint8_t> is_output;  // B x T: the target is an output token (the task's loss)
    int64_t real_tokens = 0;         // non-padding positions
    int64_t target_count = 0;        // output positions (the task's loss)
    int64_t input_target_count = 0;  // user-turn positions counted at input_weight
};

// input_weight > 0 also counts the user turn's tokens (the language-modelling loss on the inputs),
// their mean at input_weight relative to the output's mean: targets then cover them too, and
// `weights` says how much each counts.
// Input dropout, a regulariser for training batches: each token of a row's user text (the user turn
// without its "user\n" start and its <|im_end|>) is left out with probability `rate` (at most 0.9;
// the text keeps at least one token), decided by a hash of `seed`, the
// sample and the position, so the same seed gives the same rows. The model then cannot lean on any
// one word of the input, and a small corpus is seen in a new form every epoch.
struct InputDrop {
    double rate = 0.0;
    uint64_t seed = 0;
};

void fill_batch(const std::vector<Example> &examples, std::span<const int32_t> rows, Batch &batch,
                float input_weight = 0.0f, const InputDrop &drop = {});

// Token lengths (prompt + output + <|im_end|>) of the samples, for sizing the context.
struct LengthStats {
    int64_t samples = 0;
    int p50 = 0, p90 = 0, p99 = 0, max = 0;
};
LengthStats length_stats(const std::vector<int> &lengths);
// The context a corpus needs: its longest sequence and a quarter more (headroom for longer inputs
// at inference) rounded up to a multiple of 32, at least 64 and at most `cap` (a batch is only as
// long as its longest row, so a long context costs only the rows that use it). Every sample up to
// the 99th percentile is whole whenever that fits the cap.
int context_for(const LengthStats &s, int cap);

// Fraction of batch positions that are padding over a plan.
double padding_waste(const std::vector<Example> &examples, const std::vector<std::vector<int32_t>> &plan);

}  // namespace smolify::train
