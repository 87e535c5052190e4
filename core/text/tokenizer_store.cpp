// Tokenizer rows in the project store (see tokenizer_store.h).
#include "text/tokenizer_store.h"

#include <openssl/evp.h>

#include "store/guard.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::text {

using store::detail::guard;

Result<int64_t> save_tokenizer(store::Project &project, const Tokenizer &tokenizer,
                               const nlohmann::json &options, int64_t corpus_samples, int64_t corpus_bytes) {
    return guard([&]() -> Result<int64_t> {
        auto &db = project.db();
        auto s = db.prepare(
            "INSERT INTO tokenizers (model, sha256, vocab_size, options, corpus_samples, corpus_bytes, "
            "created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        s.bind_blob(1, tokenizer.serialized())
            .bind(2, tokenizer.sha256())
            .bind(3, tokenizer.vocab_size())
            .bind(4, options.dump())
            .bind(5, corpus_samples)
            .bind(6, corpus_bytes)
            .bind(7, unix_now());
        s.exec();
        return db.last_insert_id();
    });
}

namespace {

Result<StoredTokenizer> read_row(store::Stmt &s) {
    StoredTokenizer t;
    t.id = s.col_int(0);
    std::string blob = s.col_text(1);
    if (sha256_hex(blob) != s.col_text(2))
        return user_error("tokenizer " + std::to_string(t.id) +
                          " in the project is damaged (checksum mismatch); "
                          "start a new training run to train a fresh one");
    auto tok = Tokenizer::load(blob);
    if (!tok) return tok.error();
    t.tokenizer = std::move(tok).value();
    t.options = nlohmann::json::parse(s.col_text(3), nullptr, false);
    if (t.options.is_discarded()) t.options = nlohmann::json::object();
    t.corpus_samples = s.col_int(4);
    t.corpus_bytes = s.col_int(5);
    t.created_at = s.col_int(6);
    return t;
}

constexpr const char *kColumns =
    "SELECT id, model, sha256, options, corpus_samples, corpus_bytes, created_at FROM tokenizers ";

}  // namespace

Result<StoredTokenizer> load_tokenizer(store::Project &project, int64_t id) {
    return guard([&]() -> Result<StoredTokenizer> {
        auto s = project.db().prepare(std::string(kColumns) + "WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return user_error("the project has no tokenizer " + std::to_string(id));
        return read_row(s);
    });
}

Result<std::optional<StoredTokenizer>> latest_tokenizer(store::Project &project) {
    return guard([&]() -> Result<std::optional<StoredTokenizer>> {
        auto s = project.db().prepare(std::string(kColumns) + "ORDER BY id DESC LIMIT 1");
        if (!s.step()) return std::optional<StoredTokenizer>();
        auto t = read_row(s);
        if (!t) return t.error();
        return std::optional<StoredTokenizer>(std::move(t).value());
    });
}

std::string corpus_sha256(std::span<const std::string> corpus) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    for (const auto &s : corpus) {
        uint64_t n = s.size();
        unsigned char len[8];
        for (int i = 0; i < 8; ++i)
            len[i] = static_cast<unsigned char>(n >> (8 * i));
        EVP_DigestUpdate(ctx, len, 8);
        EVP_DigestUpdate(ctx, s.data(), s.size());
    }
    unsigned char md[32];
    unsigned int md_len = 0;
    EVP_DigestFinal_ex(ctx, md, &md_len);
    EVP_MD_CTX_free(ctx);
    static const char *kHex = "0123456789abcdef";
    std::string hex;
    for (unsigned i = 0; i < md_len; ++i) {
        hex += kHex[md[i] >> 4];
        hex += kHex[md[i] & 15];
    }
    return hex;
}

}  // namespace smolify::text
