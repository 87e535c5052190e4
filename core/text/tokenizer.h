// The student's tokenizer: a SentencePiece BPE model trained on the project's own corpus, in memory,
// through SentencePiece's C++ trainer API, with the options of engine-notes.md (byte fallback so no
// text is ever unencodable, identity normalization and no whitespace collapsing so decode(encode(x))
// == x, digits split one by one, full character coverage).
//
// Fixed ids: 0 <unk>, 1 <s> (bos), 2 </s> (eos), 3 <pad>, 4 <|im_start|>, 5 <|im_end|> (control
// tokens of the ChatML-style prompt, chat_format.h), then the 256 byte pieces <0x00>..<0xFF>, then
// the learned merges. Control tokens are never produced by encode(): text that spells
// "<|im_start|>" is encoded as ordinary pieces, so sample text cannot forge the prompt structure.
// No dummy-prefix space is added (add_dummy_prefix=false): the GGUF exporter must write
// tokenizer.ggml.add_space_prefix=false so llama.cpp tokenizes the same way.
//
// Who calls it: core/train (training data), the tokenize command, export (vocabulary for GGUF),
// inference. Thread-safety: a loaded Tokenizer is immutable; encode/decode may run on many threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace smolify::text {

// The same numbers as SentencePiece's piece types and GGUF's tokenizer.ggml.token_type.
enum class PieceType : int32_t {
    normal = 1,
    unknown = 2,
    control = 3,
    user_defined = 4,
    unused = 5,
    byte = 6
};

inline constexpr std::string_view kImStart = "<|im_start|>";
inline constexpr std::string_view kImEnd = "<|im_end|>";
inline constexpr int kUnkId = 0;
inline constexpr int kBosId = 1;
inline constexpr int kEosId = 2;
inline constexpr int kPadId = 3;
inline constexpr int kImStartId = 4;
inline constexpr int kImEndId = 5;
// unk, bos, eos, pad, the two control tokens and the 256 byte pieces.
inline constexpr int kReservedPieces = 6 + 256;

struct TokenizerTrainParams {
    int vocab_size = 0;    // 0: sized to the corpus by auto_vocab_size()
    int min_vocab = 1024;  // bounds of the automatic size
    int max_vocab = 8192;
    int threads = 0;                            // 0: all cores
    const std::atomic<bool> *cancel = nullptr;  // checked before the (uninterruptible) training
};

// The vocabulary the automatic rule asks for: about one piece per 160 bytes of corpus, so each piece
// is seen dozens of times and its embedding can be learned, rounded up to a multiple of 256 and kept
// within [min_vocab, max_vocab], but never below what every distinct character plus the reserved
// pieces needs (character_coverage is 1.0). SentencePiece may return fewer pieces when the corpus
// runs out of merges (hard_vocab_limit=false).
int auto_vocab_size(int64_t corpus_bytes, int64_t distinct_chars, int min_vocab = 1024, int max_vocab = 8192);

class Tokenizer {
public:
    ~Tokenizer();
    Tokenizer(const Tokenizer &) = delete;
    Tokenizer &operator=(const Tokenizer &) = delete;

    // Trains on `corpus` (each string one sentence; newlines inside are kept as characters).
    // Fails with a user error on an empty corpus.
    static Result<std::unique_ptr<Tokenizer>> train(std::span<const std::string> corpus,
                                                    const TokenizerTrainParams &params = {});
    // Loads a serialized model (as stored in the project) and checks it is one of ours: parses,
    // has the fixed ids above with the right types, has all 256 byte pieces. A user error otherwise.
    static Result<std::unique_ptr<Tokenizer>> load(std::string_view serialized);

    int vocab_size() const;
    // Text to ids. Control tokens are never produced. Fails only on internal SentencePiece errors.
    Result<std::vector<int32_t>> encode(std::string_view text) const;
    // Ids to text; control, unknown-id and padding pieces decode to nothing. Out-of-range ids are a
    // user error (they can come from a file).
    Result<std::string> decode(std::span<const int32_t> ids) const;

    // Piece table for export. id must be in [0, vocab_size()).
    const std::string &piece(int id) const;
    float score(int id) const;
    PieceType type(int id) const;
    int piece_to_id(std::string_view piece) const;  // kUnkId when absent

    const std::string &serialized() const { return m_serialized; }
    std::string sha256() const;  // hex, of serialized()
    // The options it was trained with (what the tokenizers table keeps), for the record.
    static nlohmann::json training_options(int vocab_size, int threads);

private:
    Tokenizer();
    std::unique_ptr<sentencepiece::SentencePieceProcessor> m_sp;
    std::string m_serialized;
};

}  // namespace smolify::text
