// SentencePiece BPE training and loading for the student's tokenizer (see tokenizer.h).
#include "text/tokenizer.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <algorithm>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "util/text.h"

namespace smolify::text {

namespace {

// Feeds the corpus to SentencePiece's trainer without writing it to a file.
class CorpusIterator : public sentencepiece::SentenceIterator {
public:
    explicit CorpusIterator(std::span<const std::string> corpus) : m_corpus(corpus) { skip_empty(); }
    bool done() const override { return m_i >= m_corpus.size(); }
    void Next() override {
        ++m_i;
        skip_empty();
    }
    const std::string &value() const override { return m_corpus[m_i]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    void skip_empty() {
        while (m_i < m_corpus.size() && m_corpus[m_i].empty())
            ++m_i;
    }
    std::span<const std::string> m_corpus;
    std::size_t m_i = 0;
};

int resolve_threads(int threads) {
    if (threads > 0) return threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

// Distinct code points; malformed bytes count as themselves (the store only holds valid UTF-8).
int64_t count_distinct_chars(std::span<const std::string> corpus) {
    std::unordered_set<uint32_t> seen;
    for (const std::string &s : corpus) {
        for (std::size_t i = 0; i < s.size();) {
            auto c = static_cast<unsigned char>(s[i]);
            std::size_t n = c < 0x80           ? 1
                            : (c >> 5) == 0x6  ? 2
                            : (c >> 4) == 0xE  ? 3
                            : (c >> 3) == 0x1E ? 4
                                               : 1;
            if (i + n > s.size()) n = 1;
            uint32_t cp = 0;
            for (std::size_t k = 0; k < n; ++k)
                cp = (cp << 8) | static_cast<unsigned char>(s[i + k]);
            seen.insert(cp);
            i += n;
        }
    }
    return static_cast<int64_t>(seen.size());
}

}  // namespace

int auto_vocab_size(int64_t corpus_bytes, int64_t distinct_chars, int min_vocab, int max_vocab) {
    int64_t v = (corpus_bytes / 160 + 255) / 256 * 256;
    v = std::clamp<int64_t>(v, min_vocab, max_vocab);
    // Every distinct character becomes a piece; leave room for some merges beyond them.
    int64_t floor = kReservedPieces + distinct_chars + 256;
    if (v < floor) v = (floor + 255) / 256 * 256;
    return static_cast<int>(std::min<int64_t>(v, 1 << 20));
}

Tokenizer::Tokenizer() : m_sp(std::make_unique<sentencepiece::SentencePieceProcessor>()) {}
Tokenizer::~Tokenizer() = default;

nlohmann::json Tokenizer::training_options(int vocab_size, int threads) {
    return {{"model_type", "bpe"},
            {"vocab_size", std::to_string(vocab_size)},
            {"byte_fallback", "true"},
            {"character_coverage", "1.0"},
            {"normalization_rule_name", "identity"},
            {"remove_extra_whitespaces", "false"},
            {"add_dummy_prefix", "false"},
            {"split_digits", "true"},
            {"hard_vocab_limit", "false"},
            // Sentences are whole samples; SentencePiece silently skips longer ones.
            {"max_sentence_length", "67108864"},
            {"num_threads", std::to_string(threads)},
            {"unk_id", "0"},
            {"bos_id", "1"},
            {"eos_id", "2"},
            {"pad_id", "3"},
            {"control_symbols", std::string(kImStart) + "," + std::string(kImEnd)},
            // Keeps SentencePiece's INFO logging off stderr: core never prints.
            {"minloglevel", "2"}};
}

Result<std::unique_ptr<Tokenizer>> Tokenizer::train(std::span<const std::string> corpus,
                                                    const TokenizerTrainParams &params) {
    int64_t bytes = 0;
    for (const auto &s : corpus)
        bytes += static_cast<int64_t>(s.size());
    if (bytes == 0) return user_error("cannot train a tokenizer on an empty corpus");
    if (params.cancel && params.cancel->load()) return cancelled_error();
    const int threads = resolve_threads(params.threads);
    const int vocab = params.vocab_size > 0 ? params.vocab_size
                                            : auto_vocab_size(bytes, count_distinct_chars(corpus),
                                                              params.min_vocab, params.max_vocab);
    if (vocab <= kReservedPieces)
        return user_error("the vocabulary must hold more than " + std::to_string(kReservedPieces) +
                          " pieces");
    std::unordered_map<std::string, std::string> kwargs;
    const nlohmann::json options = training_options(vocab, threads);
    for (const auto &[k, v] : options.items())
        kwargs[k] = v.get<std::string>();
    CorpusIterator it(corpus);
    std::string serialized;
    sentencepiece::util::Status st;
    try {
        st = sentencepiece::SentencePieceTrainer::Train(kwargs, &it, &serialized);
    } catch (const std::exception &e) {
        return internal_error(std::string("tokenizer training failed: ") + e.what());
    }
    if (!st.ok()) {
        // The only outside-data failure: more distinct characters than the vocabulary can hold.
        if (st.ToString().find("required_chars") != std::string::npos)
            return user_error("the corpus has too many distinct characters for a " + std::to_string(vocab) +
                              "-piece vocabulary; choose a larger vocabulary");
        return internal_error("tokenizer training failed: " + st.ToString());
    }
    return load(serialized);
}

Result<std::unique_ptr<Tokenizer>> Tokenizer::load(std::string_view serialized) {
    constexpr std::size_t kMaxModelBytes = 64u << 20;
    if (serialized.empty()) return user_error("the stored tokenizer is empty; train again");
    if (serialized.size() > kMaxModelBytes)
        return user_error("the stored tokenizer is implausibly large; train again");
    std::unique_ptr<Tokenizer> t(new Tokenizer());
    if (!t->m_sp->LoadFromSerializedProto(serialized).ok())
        return user_error("the stored tokenizer is damaged (not a SentencePiece model); train again");
    const auto &sp = *t->m_sp;
    const int n = sp.GetPieceSize();
    auto fail = [](const std::string &what) {
        return user_error("the stored tokenizer is not a Smolify tokenizer (" + what + "); train again");
    };
    if (n <= kReservedPieces) return fail("only " + std::to_string(n) + " pieces");
    if (!sp.IsUnknown(kUnkId)) return fail("id 0 is not <unk>");
    if (sp.bos_id() != kBosId || sp.eos_id() != kEosId || sp.pad_id() != kPadId)
        return fail("bos/eos/pad ids");
    if (sp.PieceToId(kImStart) != kImStartId || !sp.IsControl(kImStartId))
        return fail("no <|im_start|> control");
    if (sp.PieceToId(kImEnd) != kImEndId || !sp.IsControl(kImEndId)) return fail("no <|im_end|> control");
    for (int b = 0; b < 256; ++b)
        if (!sp.IsByte(6 + b)) return fail("no byte fallback pieces");
    t->m_serialized.assign(serialized);
    return t;
}

int Tokenizer::vocab_size() const {
    return m_sp->GetPieceSize();
}

Result<std::vector<int32_t>> Tokenizer::encode(std::string_view text) const {
    std::vector<int> ids;
    auto st = m_sp->Encode(text, &ids);
    if (!st.ok()) return internal_error("tokenizer: " + st.ToString());
    return std::vector<int32_t>(ids.begin(), ids.end());
}

Result<std::string> Tokenizer::decode(std::span<const int32_t> ids) const {
    const int n = vocab_size();
    std::vector<int> v;
    v.reserve(ids.size());
    for (int32_t id : ids) {
        if (id < 0 || id >= n)
            return user_error("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                              std::to_string(n - 1) + ")");
        v.push_back(id);
    }
    std::string out;
    auto st = m_sp->Decode(v, &out);
    if (!st.ok()) return internal_error("tokenizer: " + st.ToString());
    return out;
}

const std::string &Tokenizer::piece(int id) const {
    return m_sp->IdToPiece(id);
}
float Tokenizer::score(int id) const {
    return m_sp->GetScore(id);
}

PieceType Tokenizer::type(int id) const {
    // SentencePiece 0.1.97 exposes no IsUserDefined; Smolify trains no user-defined symbols.
    if (m_sp->IsUnknown(id)) return PieceType::unknown;
    if (m_sp->IsControl(id)) return PieceType::control;
    if (m_sp->IsUnused(id)) return PieceType::unused;
    if (m_sp->IsByte(id)) return PieceType::byte;
    return PieceType::normal;
}

int Tokenizer::piece_to_id(std::string_view piece) const {
    return m_sp->PieceToId(piece);
}

std::string Tokenizer::sha256() const {
    return sha256_hex(m_serialized);
}

}  // namespace smolify::text
