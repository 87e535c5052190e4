// Constrained decoding: restricts the student's next token to those that keep the output inside the
// task's output contract (synth/contract.h), so a label, a section skeleton or a JSON object holds by
// construction instead of by luck.
//
// A Constraint is a byte-level state machine for one contract kind plus the tokenizer's pieces as
// bytes (decoded once: U+2581 as a space, <0xNN> byte-fallback pieces as their byte) in a trie. Each
// step, allowed() walks the trie with the machine's state, so a piece of several characters is allowed
// only when all its bytes are accepted from the current state; the answer is cached per state (most
// steps inside free text or a JSON string repeat a state). advance() feeds the chosen piece's bytes.
// UTF-8 split over byte-fallback tokens is tracked byte by byte, so text is valid UTF-8 at every end.
// <|im_end|> and </s> are allowed exactly when the output may end (can_end()); other control pieces
// never are.
//
//   labels:   exactly one label, spelled as the spec spells it (trimmed), then the end.
//   sections: the spec's section headings in order, each followed by content before the next; a
//             heading is written "Name:", "**Name:**", "**Name**:" or "#... Name" (any case); lines of
//             content may not be headings of a section (contract_check's reading); the output may end
//             once the last section has content.
//   json:     one compact JSON object (no whitespace outside strings) that json_schema_check accepts:
//             types (and lists of types), properties (any order, each once), required,
//             additionalProperties (properties are the only keys whenever "properties" is given), enum,
//             items, minItems/maxItems, minLength/maxLength, minimum/maximum. Numbers are written
//             -?(0|[1-9][0-9]{0,14})(.[0-9]{1,6})? (no exponent; no fraction for "integer"); string
//             escapes are \" \\ \/ \b \f \n \r \t (no \u); objects and arrays nest 12 levels at most.
//   free text: any valid UTF-8 text with a character that is not white space.
//   anything: every token, end at any time (generation exactly as without a constraint).
//
// Token limit: allowed(budget) is told how many tokens (the stop token included) may still be
// generated. When that is only just enough for a short way to close the structure from here (one
// token per byte in the worst case), only pieces along that closing are allowed (closing() is then
// true); before that, fits() refuses a token after which the closing would no longer fit. So a
// constrained generation ends inside the contract whenever the budget covers the closing at all.
//
// Who calls it: infer::generate (GenerateParams::constraint), the complete command's --constrain,
// core/eval, tests/infer. Thread-safety: a Constraint holds the state of one generation; use one per
// thread.
#pragma once

#include <climits>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "synth/spec.h"
#include "text/tokenizer.h"
#include "util/result.h"

namespace smolify::infer {

class Constraint {
public:
    // The constraint of a spec's output contract: classification -> labels, sectioned_text ->
    // sections, json_extraction -> json_schema, free_text -> free text. A user error names what
    // cannot be constrained (no labels, no sections, a schema whose top level is not an object, ...).
    static Result<std::unique_ptr<Constraint>> for_spec(const synth::Spec &spec, const text::Tokenizer &tokenizer);
    static Result<std::unique_ptr<Constraint>> labels(std::span<const std::string> labels,
                                                      const text::Tokenizer &tokenizer);
    static Result<std::unique_ptr<Constraint>> sections(std::span<const std::string> names,
                                                        const text::Tokenizer &tokenizer);
    static Result<std::unique_ptr<Constraint>> json_schema(const nlohmann::json &schema,
                                                           const text::Tokenizer &tokenizer);
    static Result<std::unique_ptr<Constraint>> free_text(const text::Tokenizer &tokenizer);
    static Result<std::unique_ptr<Constraint>> anything(const text::Tokenizer &tokenizer);

    ~Constraint();
    Constraint(const Constraint &) = delete;
    Constraint &operator=(const Constraint &) = delete;

    std::string_view kind() const;  // "labels", "sections", "json", "free_text", "anything"

    // Back to the start of an output (generate() calls it).
    void reset();
    // One flag per vocabulary id: may it come next? budget: tokens that may still be generated,
    // the stop token included. The span stays valid until the next call on this Constraint.
    std::span<const uint8_t> allowed(int budget = INT_MAX);
    // Whether the last allowed() forced the closing because the budget was running out.
    bool closing() const;
    // Whether taking `token` (one allowed() returned) still leaves room to close within `budget`
    // (the same count allowed() was given). generate() draws again without a token that does not.
    bool fits(int32_t token, int budget) const;
    // Takes the chosen token: a user error when it is not allowed here (the state is unchanged then).
    Status advance(int32_t token);
    // Takes raw bytes (tests, and checking a text against the machine): a user error naming the
    // offset of the first byte that is refused (the bytes before it are taken).
    Status feed(std::string_view bytes);
    // Whether the output may end here (the end tokens are allowed).
    bool can_end() const;
    // The bytes taken so far.
    const std::string &text() const;
    // A short byte string that, appended now, lets the output end ("" when it may end already; not
    // always the shortest one).
    std::string closing_text() const;

    struct Impl;

private:
    explicit Constraint(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

}  // namespace smolify::infer
