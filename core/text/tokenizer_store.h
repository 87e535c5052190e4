// Tokenizers kept in the project (the tokenizers table, schema v2): the serialized SentencePiece
// model itself, so a project file alone is enough to train, resume and export.
//
// Who calls it: core/train (a new run trains or reuses one), the tokenize command, export.
// Thread-safety: as Project (one thread per Project).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "store/project.h"
#include "text/tokenizer.h"
#include "util/result.h"

namespace smolify::text {

struct StoredTokenizer {
    int64_t id = 0;
    std::unique_ptr<Tokenizer> tokenizer;
    nlohmann::json options;  // training options plus "corpus_sha256"
    int64_t corpus_samples = 0;
    int64_t corpus_bytes = 0;
    int64_t created_at = 0;
};

Result<int64_t> save_tokenizer(store::Project &project, const Tokenizer &tokenizer,
                               const nlohmann::json &options, int64_t corpus_samples, int64_t corpus_bytes);
// A user error when the id does not exist or the stored blob is damaged (sha256 or parse).
Result<StoredTokenizer> load_tokenizer(store::Project &project, int64_t id);
// The newest tokenizer, or nullopt when none has been trained.
Result<std::optional<StoredTokenizer>> latest_tokenizer(store::Project &project);

// SHA-256 (hex) identifying a corpus: the length-prefixed strings in order.
std::string corpus_sha256(std::span<const std::string> corpus);

}  // namespace smolify::text
