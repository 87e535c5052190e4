// Constrained decoding (constrain.h): the piece table and trie, the per-state cache of allowed
// tokens, and the byte machines for labels, section skeletons, JSON schemas and free text.
#include "infer/constrain.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include "synth/contract.h"
#include "util/text.h"

namespace smolify::infer {

namespace {

using nlohmann::json;

bool is_space(uint8_t b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// --- pieces ------------------------------------------------------------------------------------------

// SentencePiece writes a space as U+2581 inside pieces.
std::string space_marker_as_space(std::string_view piece) {
    constexpr std::string_view kMarker = "\xE2\x96\x81";
    std::string out;
    out.reserve(piece.size());
    for (std::size_t i = 0; i < piece.size();) {
        if (piece.substr(i, kMarker.size()) == kMarker) {
            out.push_back(' ');
            i += kMarker.size();
        } else {
            out.push_back(piece[i++]);
        }
    }
    return out;
}

// Every piece's bytes, and a trie over them: walking it with a machine's state visits each byte
// prefix shared by many pieces once.
struct PieceTable {
    struct Node {
        std::vector<std::pair<uint8_t, int32_t>> edges;  // byte -> child node
        std::vector<int32_t> tokens;                     // pieces whose bytes end here
    };
    std::vector<std::string> bytes;  // per id; empty for control, unknown and unused pieces
    std::vector<Node> nodes;         // nodes[0] is the root

    explicit PieceTable(const text::Tokenizer &tok) {
        const int V = tok.vocab_size();
        bytes.resize(std::size_t(V));
        nodes.emplace_back();
        for (int id = 0; id < V; ++id) {
            std::string b;
            switch (tok.type(id)) {
                case text::PieceType::byte:
                    b.push_back(static_cast<char>(id - 6));  // <0xNN> pieces follow the six fixed ids
                    break;
                case text::PieceType::normal:
                case text::PieceType::user_defined:
                    b = space_marker_as_space(tok.piece(id));
                    break;
                default:
                    break;
            }
            if (b.empty()) continue;
            int32_t node = 0;
            for (char c : b) {
                const uint8_t u = static_cast<uint8_t>(c);
                auto &edges = nodes[std::size_t(node)].edges;
                auto it = std::find_if(edges.begin(), edges.end(), [&](const auto &e) { return e.first == u; });
                if (it == edges.end()) {
                    const int32_t child = int32_t(nodes.size());
                    nodes[std::size_t(node)].edges.emplace_back(u, child);
                    nodes.emplace_back();
                    node = child;
                } else {
                    node = it->second;
                }
            }
            nodes[std::size_t(node)].tokens.push_back(id);
            bytes[std::size_t(id)] = std::move(b);
        }
    }
};

// UTF-8 validity across bytes (and so across tokens): how many continuation bytes are still due and
// the range the next one must fall in (which excludes overlong forms and surrogates).
struct Utf8 {
    uint8_t need = 0, lo = 0x80, hi = 0xBF;
    // Returns false for a byte that cannot come next; `lead` tells whether it started a code point.
    bool feed(uint8_t b, bool &lead) {
        lead = false;
        if (need > 0) {
            if (b < lo || b > hi) return false;
            --need;
            lo = 0x80;
            hi = 0xBF;
            return true;
        }
        lead = true;
        if (b < 0x80) return true;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        return true;
    }
    // The bytes that complete the code point in progress.
    std::string completion() const {
        std::string s;
        for (int i = 0; i < need; ++i)
            s.push_back(static_cast<char>(i == 0 ? lo : 0x80));
        return s;
    }
};

template <class T>
void append_raw(std::string &key, const T &v) {
    static_assert(std::has_unique_object_representations_v<T>);
    key.append(reinterpret_cast<const char *>(&v), sizeof v);
}

// --- labels ------------------------------------------------------------------------------------------

// A trie of the labels; the state is the node reached.
class LabelMachine {
public:
    struct State {
        int32_t node = 0;
    };
    static Result<LabelMachine> make(std::span<const std::string> labels) {
        if (labels.empty()) return user_error("a label constraint needs at least one label");
        LabelMachine m;
        m.m_nodes.emplace_back();
        for (const std::string &raw : labels) {
            std::string_view label = trim(raw);
            if (label.empty()) return user_error("a label of the set is empty");
            if (!utf8_valid(label)) return user_error("a label is not valid UTF-8");
            int32_t node = 0;
            for (char c : label) {
                auto &n = m.m_nodes[std::size_t(node)];
                auto it = std::find_if(n.next.begin(), n.next.end(), [&](const auto &e) { return e.first == c; });
                if (it == n.next.end()) {
                    const int32_t child = int32_t(m.m_nodes.size());
                    m.m_nodes[std::size_t(node)].next.emplace_back(c, child);
                    m.m_nodes.emplace_back();
                    node = child;
                } else {
                    node = it->second;
                }
            }
            m.m_nodes[std::size_t(node)].terminal = true;
        }
        // Shortest way to a label's end from each node (children have higher indices).
        for (std::size_t i = m.m_nodes.size(); i-- > 0;) {
            Node &n = m.m_nodes[i];
            if (n.terminal) continue;
            std::optional<std::string> best;
            for (const auto &[c, child] : n.next) {
                std::string s = std::string(1, c) + m.m_nodes[std::size_t(child)].rest;
                if (!best || s.size() < best->size()) best = std::move(s);
            }
            n.rest = best.value_or("");
        }
        return m;
    }
    State initial() const { return {}; }
    bool feed(State &s, uint8_t b) const {
        for (const auto &[c, child] : m_nodes[std::size_t(s.node)].next)
            if (static_cast<uint8_t>(c) == b) {
                s.node = child;
                return true;
            }
        return false;
    }
    bool can_end(const State &s) const { return m_nodes[std::size_t(s.node)].terminal; }
    std::string closing(const State &s) const { return m_nodes[std::size_t(s.node)].rest; }
    void key(const State &s, std::string &k) const { append_raw(k, s.node); }

private:
    struct Node {
        std::vector<std::pair<char, int32_t>> next;
        bool terminal = false;
        std::string rest;
    };
    std::vector<Node> m_nodes;
};

// --- free text ---------------------------------------------------------------------------------------

class FreeTextMachine {
public:
    struct State {
        Utf8 u;
        bool text = false;  // a byte that is not white space was taken
    };
    State initial() const { return {}; }
    bool feed(State &s, uint8_t b) const {
        bool lead;
        if (!s.u.feed(b, lead)) return false;
        if (!is_space(b)) s.text = true;
        return true;
    }
    bool can_end(const State &s) const { return s.text && s.u.need == 0; }
    std::string closing(const State &s) const { return s.u.completion() + (s.text || s.u.need ? "" : "-"); }
    void key(const State &s, std::string &k) const {
        k.push_back(char(s.u.need));
        k.push_back(char(s.u.lo));
        k.push_back(char(s.u.hi));
        k.push_back(char(s.text));
    }
};

// --- sections ----------------------------------------------------------------------------------------

// Lines are read as contract_check reads them. A line stays "undecided" (its bytes kept) while some
// continuation could still make it a heading; a heading is taken when its ':' arrives (or, for a "#"
// heading without colon, at the end of its line), and only if it is the next section and the current
// one has content. A line that can no longer become a heading is content.
class SectionMachine {
public:
    static constexpr std::size_t kLineMax = 240;  // bytes an undecided line may hold

    struct State {
        Utf8 u;
        uint8_t next = 0;         // sections begun; the one expected next
        bool content = false;     // the current section (next - 1) has content
        bool decided = false;     // the current line is content, or a heading already taken
        uint8_t bold_tail = 0;    // after "**Name:": 1 while a "**" may follow, 2 after its first '*'
        uint8_t line_len = 0;     // bytes of the undecided line
        char line[kLineMax] = {};
    };

    static Result<SectionMachine> make(std::span<const std::string> names) {
        if (names.empty()) return user_error("a section constraint needs at least one section");
        if (names.size() > 200) return user_error("too many sections to constrain");
        SectionMachine m;
        for (const std::string &n : names) {
            if (n.empty() || trim(n) != n) return user_error("section names must be non-empty and trimmed");
            if (n.size() > kLineMax - 40) return user_error("section name \"" + ellipsize(n, 40) + "\" is too long");
            if (n.find('\n') != std::string::npos || n.find(':') != std::string::npos)
                return user_error("section name \"" + ellipsize(n, 40) + "\" contains a newline or ':'");
            m.m_names.push_back(n);
        }
        m.m_letters_ok = true;
        for (std::size_t i = 0; i < names.size(); ++i)
            for (std::size_t j = i + 1; j < names.size(); ++j)
                if (lower(names[i][0]) == lower(names[j][0])) m.m_letters_ok = false;
        return m;
    }

    State initial() const { return {}; }

    bool feed(State &s, uint8_t b) const {
        bool lead;
        if (!s.u.feed(b, lead)) return false;
        if (b == '\n') return end_line(s);
        if (s.decided) {
            if (s.bold_tail == 1 && b == '*') {
                s.bold_tail = 2;
                return true;
            }
            if (s.bold_tail == 2 && b == '*') {
                s.bold_tail = 0;
                return true;
            }
            if (s.bold_tail == 2 || !is_space(b)) s.content = s.next > 0;
            s.bold_tail = 0;
            return true;
        }
        // White space, '#' and '*' keep a line undecided without bringing a heading closer: bounded
        // (at most 24 before a name, none near the buffer's end), so the line can always still become
        // the next heading or content.
        if (is_space(b) || b == '#' || b == '*') {
            const std::string_view before(s.line, s.line_len);
            const bool leading = std::all_of(before.begin(), before.end(),
                                          [](char c) { return is_space(uint8_t(c)) || c == '#' || c == '*'; });
            if ((leading && s.line_len >= 24) || std::size_t(s.line_len) + 8 > kLineMax) return false;
        }
        if (s.line_len >= kLineMax) return false;
        s.line[s.line_len++] = static_cast<char>(b);
        const std::string_view line(s.line, s.line_len);
        if (auto h = heading_of(line); h && h->colon) {
            if (!take_heading(s, h->section)) return false;
            s.bold_tail = h->bold && h->rest_empty ? 1 : 0;
            if (!h->rest_empty) s.content = true;
            return true;
        }

        // A partial UTF-8 character is judged as a prefix too: it can only belong to a heading by
        // starting a section name's next character.
        if (!could_become_heading(line, s.next == 0)) {
            if (s.next == 0) return false;  // text before the first heading
            if (!trim(line).empty()) s.content = true;
            s.decided = true;
            s.line_len = 0;
            std::memset(s.line, 0, sizeof s.line);
        }
        return true;
    }

    bool can_end(const State &s) const {
        if (s.u.need != 0 || s.next != m_names.size()) return false;
        if (s.decided) return s.content || s.bold_tail == 2;
        const std::string_view line(s.line, s.line_len);
        if (heading_of(line)) return false;
        return s.content || !trim(line).empty();
    }

    std::string closing(const State &s) const {
        const std::string utf = s.u.completion();
        std::vector<std::string> fixes = {"", "-"};
        if (!s.decided && s.next < m_names.size()) {
            // The undecided line may be the start of the next heading ("## ", "*", "Sub"): finish it.
            const std::string &name = m_names[s.next];
            fixes.push_back(name + ": -");
            fixes.push_back("*" + name + ": -");
            const std::string_view line(s.line, s.line_len);
            for (std::size_t k = std::min(name.size(), line.size()); k > 0; --k)
                if (iequals(line.substr(line.size() - k), std::string_view(name).substr(0, k))) {
                    fixes.push_back(name.substr(k) + ": -");
                    break;
                }
        }
        std::optional<std::string> best;
        for (const std::string &fix : fixes)
            for (const char *sep : {"", "\n"}) {
                State t = s;
                std::string out = utf + fix + sep;
                if (!feed_all(t, out)) continue;
                std::string more;
                if (t.next > 0 && !t.content && !(t.decided && t.bold_tail == 2)) more += " -";
                for (std::size_t i = t.next; i < m_names.size(); ++i)
                    more += (i == 0 && t.line_len == 0 && !t.decided ? "" : "\n") + m_names[i] + ": -";
                if (!feed_all(t, more) || !can_end(t)) continue;
                out += more;
                if (!best || out.size() < best->size()) best = std::move(out);
            }
        return best.value_or("");
    }

    void key(const State &s, std::string &k) const {
        k.push_back(char(s.u.need));
        k.push_back(char(s.u.lo));
        k.push_back(char(s.u.hi));
        k.push_back(char(s.next));
        k.push_back(char(s.content));
        k.push_back(char(s.decided));
        k.push_back(char(s.bold_tail));
        k.append(s.line, s.line_len);
    }

private:
    struct Heading {
        std::size_t section = 0;
        bool colon = false;
        bool bold = false;
        bool rest_empty = true;
    };

    // contract_check's heading reading of one line (the one definition, synth::match_section_heading).
    std::optional<Heading> heading_of(std::string_view line) const {
        auto h = synth::match_section_heading(line, m_names, m_letters_ok);
        if (!h) return std::nullopt;
        return Heading{h->section, h->colon, h->bold, h->rest.empty()};
    }

    // Whether some continuation of `line` (not yet ended) is a heading of any section (of the first
    // one only, before the first heading: nothing else may come there).
    bool could_become_heading(std::string_view line, bool first_only) const {
        std::size_t p = 0;
        while (p < line.size() && is_space(uint8_t(line[p])))
            ++p;
        bool hashes = false;
        while (p < line.size() && line[p] == '#') {
            ++p;
            hashes = true;
        }
        while (p < line.size() && is_space(uint8_t(line[p])))
            ++p;
        std::string_view s = line.substr(p);
        if (s.empty() || s == "*") return true;
        bool bold = false;
        if (s.starts_with("**")) {
            s.remove_prefix(2);
            bold = true;
        }
        if (s.empty()) return true;
        // What may follow the name and still end as a heading (before its ':' arrives).
        auto tail_ok = [&](std::string_view after) {
            if (after.empty()) return true;
            if (bold && (after == "*" || after.starts_with("**"))) {
                after.remove_prefix(after == "*" ? 1 : 2);
            }
            // Only white space left: a "#" heading may still end here, or a ':' may still come
            // directly after the name (only when nothing follows it).
            if (!hashes) return after.empty();
            for (char c : after)
                if (!is_space(uint8_t(c))) return false;
            return true;
        };
        for (std::size_t i = 0; i < (first_only ? 1 : m_names.size()); ++i) {
            const std::string &name = m_names[i];
            if (s.size() <= name.size() && istarts_with(name, s)) return true;
            if (istarts_with(s, name) && tail_ok(s.substr(name.size()))) return true;
            if (m_letters_ok && lower(s[0]) == lower(name[0]) && tail_ok(s.substr(1))) return true;
        }
        return false;
    }

    bool take_heading(State &s, std::size_t section) const {
        if (section != s.next || (s.next > 0 && !s.content)) return false;
        ++s.next;
        s.content = false;
        s.decided = true;
        s.line_len = 0;
        std::memset(s.line, 0, sizeof s.line);
        return true;
    }

    bool end_line(State &s) const {
        if (s.decided) {
            if (s.bold_tail == 2) s.content = true;
        } else {
            const std::string_view line(s.line, s.line_len);
            if (auto h = heading_of(line)) {
                if (!take_heading(s, h->section)) return false;
            } else if (s.next == 0) {
                return false;  // text (or a blank line) before the first heading
            } else if (!trim(line).empty()) {
                s.content = true;
            }
        }
        s.decided = false;
        s.bold_tail = 0;
        s.line_len = 0;
        std::memset(s.line, 0, sizeof s.line);
        return true;
    }

    bool feed_all(State &s, std::string_view bytes) const {
        for (char c : bytes)
            if (!feed(s, static_cast<uint8_t>(c))) return false;
        return true;
    }

    std::vector<std::string> m_names;
    bool m_letters_ok = true;
};

// --- JSON schema -------------------------------------------------------------------------------------

enum TypeBit : uint8_t {
    kObject = 1,
    kArray = 2,
    kString = 4,
    kNumber = 8,
    kInteger = 16,
    kBoolean = 32,
    kNull = 64,
    kAllTypes = 127
};

// A schema node compiled for generation.
struct SchemaNode {
    uint8_t types = kAllTypes;
    bool has_enum = false;
    std::vector<std::string> literals;  // sorted compact texts: the enum, else true/false/null as typed
    bool track_length = false;
    uint32_t min_len = 0, max_len = UINT32_MAX;
    bool has_min = false, has_max = false;
    double minimum = 0, maximum = 0;
    std::vector<std::string> keys;  // sorted JSON-encoded property names (without quotes)
    std::vector<uint16_t> key_node;
    uint64_t required = 0;
    bool free_keys = false;  // any key, any value
    uint16_t items = 0;      // node of the array items
    bool track_count = false;
    uint32_t min_items = 0, max_items = UINT32_MAX;
    std::string shortest;  // the shortest value this node accepts
};

constexpr std::size_t kMaxJsonDepth = 12;
constexpr std::size_t kMaxNumber = 24;

class JsonMachine {
public:
    enum : uint8_t { kTop, kObj, kArr };
    // Object phases: after '{', after ',', in a key, after a key, expecting a value, after a value.
    enum : uint8_t { kObjOpen, kObjComma, kObjKey, kObjColon, kObjValue, kObjNext };
    // Array phases: after '[', after ',', after a value.
    enum : uint8_t { kArrOpen, kArrComma, kArrNext };
    // Scalar kinds.
    enum : uint8_t { kNone, kStr, kKey, kFreeKey, kNum, kLit };

    struct Frame {
        uint16_t node = 0;
        uint8_t kind = kTop;
        uint8_t phase = 0;
        uint8_t prop = 0;  // key of the value being written (objects)
        uint8_t pad = 0;
        uint16_t count = 0;  // items so far (arrays, when counted)
        uint64_t used = 0;   // keys written (objects)
    };
    struct Scalar {
        uint16_t node = 0;
        uint8_t kind = kNone;
        uint8_t esc = 0;  // after a backslash in a string
        Utf8 u;
        uint8_t num_len = 0;
        uint16_t lo = 0, hi = 0, pos = 0;  // candidate range and position (keys, literals)
        uint16_t pad = 0;
        uint32_t count = 0;  // code points of a string (when its node limits lengths)
        char num[kMaxNumber] = {};
    };
    struct State {
        uint8_t depth = 1;
        Frame frames[kMaxJsonDepth + 1];
        Scalar scalar;
    };
    static_assert(std::has_unique_object_representations_v<Frame>);
    static_assert(std::has_unique_object_representations_v<Scalar>);

    static Result<JsonMachine> make(const json &schema) {
        JsonMachine m;
        m.m_nodes.emplace_back();  // node 0: any value
        m.m_nodes[0].free_keys = true;
        m.m_nodes[0].literals = {"false", "null", "true"};
        m.m_nodes[0].shortest = "0";
        const json top = schema.is_null() ? json{{"type", "object"}} : schema;
        if (std::string lint = synth::json_schema_lint(top); !lint.empty())
            return user_error("the schema cannot be constrained: " + lint);
        auto root = m.compile(top, "$", 0);
        if (!root) return root.error();
        if (!(m.m_nodes[*root].types & kObject) || m.m_nodes[*root].has_enum)
            return user_error("the schema cannot be constrained: its top level must be an object");
        m.m_nodes[*root].types = kObject;
        m.m_nodes[*root].literals.clear();
        m.m_nodes[*root].shortest = m.object_shortest(m.m_nodes[*root]);
        m.m_root = *root;
        return m;
    }

    State initial() const {
        State s;
        s.frames[0].node = m_root;
        return s;
    }

    bool feed(State &s, uint8_t b) const {
        if (s.scalar.kind != kNone) {
            switch (feed_scalar(s, b)) {
                case Taken::yes:
                    return true;
                case Taken::no:
                    return false;
                case Taken::ended:
                    value_done(s);
                    return true;
                case Taken::ended_before:
                    value_done(s);
                    break;
            }
        }
        Frame &f = s.frames[s.depth - 1];
        const SchemaNode &n = m_nodes[f.node];
        if (f.kind == kTop) return f.phase == 0 && start_value(s, m_root, b);
        if (f.kind == kObj) {
            switch (f.phase) {
                case kObjOpen:
                case kObjComma:
                    if (b == '}' && f.phase == kObjOpen) return close(s);
                    if (b != '"' || !key_possible(n, f.used)) return false;
                    f.phase = kObjKey;
                    s.scalar = Scalar{};
                    s.scalar.kind = n.free_keys ? kFreeKey : kKey;
                    s.scalar.node = f.node;
                    s.scalar.hi = uint16_t(n.keys.size());
                    return true;
                case kObjColon:
                    if (b != ':') return false;
                    f.phase = kObjValue;
                    return true;
                case kObjValue:
                    return start_value(s, n.free_keys ? 0 : n.key_node[f.prop], b);
                case kObjNext:
                    if (b == '}') return close(s);
                    if (b != ',' || !key_possible(n, f.used)) return false;
                    f.phase = kObjComma;
                    return true;
                default:
                    return false;
            }
        }
        switch (f.phase) {  // array
            case kArrOpen:
                if (b == ']') return n.min_items == 0 && close(s);
                if (n.max_items == 0) return false;
                return start_value(s, n.items, b);
            case kArrComma:
                return start_value(s, n.items, b);
            case kArrNext:
                if (b == ']') return (!n.track_count || f.count >= n.min_items) && close(s);
                if (b != ',' || (n.track_count && f.count >= n.max_items)) return false;
                f.phase = kArrComma;
                return true;
            default:
                return false;
        }
    }

    bool can_end(const State &s) const { return s.depth == 1 && s.frames[0].phase == 1; }

    std::string closing(const State &s0) const {
        State s = s0;
        std::string out;
        for (int guard = 0; guard < 4096 && !can_end(s); ++guard) {
            std::string chunk = next_chunk(s);
            if (chunk.empty()) break;
            for (char c : chunk)
                if (!feed(s, static_cast<uint8_t>(c))) return out;
            out += chunk;
        }
        return out;
    }

    void key(const State &s, std::string &k) const {
        k.push_back(char(s.depth));
        for (std::size_t i = 0; i < s.depth; ++i)
            append_raw(k, s.frames[i]);
        append_raw(k, s.scalar);
    }

private:
    enum class Taken { yes, no, ended, ended_before };

    Result<uint16_t> compile(const json &schema, const std::string &path, int depth) {
        if (depth > int(kMaxJsonDepth))
            return user_error("the schema cannot be constrained: " + path + " nests deeper than " +
                              std::to_string(kMaxJsonDepth) + " levels");
        if (m_nodes.size() >= 4000) return user_error("the schema cannot be constrained: it is too large");
        SchemaNode n;
        if (auto t = schema.find("type"); t != schema.end()) {
            n.types = 0;
            auto add = [&](const std::string &name) {
                static const std::pair<const char *, uint8_t> kNames[] = {
                    {"object", kObject}, {"array", kArray},     {"string", kString}, {"number", kNumber},
                    {"integer", kInteger}, {"boolean", kBoolean}, {"null", kNull}};
                for (const auto &[nm, bit] : kNames)
                    if (name == nm) n.types |= bit;
            };
            if (t->is_string()) add(t->get<std::string>());
            for (const auto &x : t->is_array() ? *t : json::array())
                add(x.get<std::string>());
            if (n.types & kNumber) n.types &= uint8_t(~kInteger);
        }
        auto num = [&](const char *k, double &v) {
            auto it = schema.find(k);
            if (it == schema.end() || !it->is_number()) return false;
            v = it->get<double>();
            return true;
        };
        auto count = [&](const char *k, uint32_t &v) {
            auto it = schema.find(k);
            if (it == schema.end() || !it->is_number_unsigned()) return false;
            v = uint32_t(std::min<uint64_t>(it->get<uint64_t>(), 60000));
            return true;
        };
        n.has_min = num("minimum", n.minimum);
        n.has_max = num("maximum", n.maximum);
        if ((n.has_min && std::fabs(n.minimum) > 1e14) || (n.has_max && std::fabs(n.maximum) > 1e14))
            return user_error("the schema cannot be constrained: " + path + ": minimum/maximum beyond 1e14");
        // Both of each pair are read (each fills its bound), then either one turns tracking on.
        const bool min_len = count("minLength", n.min_len);
        const bool max_len = count("maxLength", n.max_len);
        const bool min_items = count("minItems", n.min_items);
        const bool max_items = count("maxItems", n.max_items);
        n.track_length = min_len || max_len;
        n.track_count = min_items || max_items;
        if (n.min_len > n.max_len || n.min_items > n.max_items)
            return user_error("the schema cannot be constrained: " + path + ": a minimum above its maximum");

        if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
            n.has_enum = true;
            for (const auto &v : *e)
                if (synth::json_schema_check(schema, v).empty()) n.literals.push_back(v.dump());
            if (n.literals.empty())
                return user_error("the schema cannot be constrained: " + path + ": no enum value fits the schema");
        } else {
            if (n.types & kBoolean) n.literals.insert(n.literals.end(), {"true", "false"});
            if (n.types & kNull) n.literals.push_back("null");
        }
        std::sort(n.literals.begin(), n.literals.end());
        n.literals.erase(std::unique(n.literals.begin(), n.literals.end()), n.literals.end());

        const uint16_t index = uint16_t(m_nodes.size());
        m_nodes.push_back(SchemaNode{});  // placed now so children get higher indices

        if (n.types & kObject) {
            const json *props = nullptr;
            if (auto p = schema.find("properties"); p != schema.end() && p->is_object()) props = &*p;
            bool closed = false;
            if (auto a = schema.find("additionalProperties"); a != schema.end() && a->is_boolean())
                closed = !a->get<bool>();
            std::vector<std::pair<std::string, const json *>> keys;  // encoded name, schema (null: any)
            if (props)
                for (auto it = props->begin(); it != props->end(); ++it)
                    keys.emplace_back(json(it.key()).dump(), &it.value());
            std::vector<std::string> required;
            if (auto r = schema.find("required"); r != schema.end() && r->is_array())
                for (const auto &x : *r)
                    required.push_back(json(x.get<std::string>()).dump());
            for (const std::string &r : required)
                if (std::none_of(keys.begin(), keys.end(), [&](const auto &k) { return k.first == r; })) {
                    if (closed)
                        return user_error("the schema cannot be constrained: " + path + ": required field " + r +
                                          " is not among the properties");
                    keys.emplace_back(r, nullptr);
                }
            n.free_keys = keys.empty() && !closed;
            if (keys.size() > 64)
                return user_error("the schema cannot be constrained: " + path + " has more than 64 properties");
            std::sort(keys.begin(), keys.end(),
                      [](const auto &a, const auto &b) { return a.first < b.first; });
            for (std::size_t i = 0; i < keys.size(); ++i) {
                const std::string &enc = keys[i].first;
                n.keys.push_back(enc.substr(1, enc.size() - 2));
                uint16_t child = 0;
                if (keys[i].second) {
                    auto c = compile(*keys[i].second, path + "." + json::parse(enc).get<std::string>(), depth + 1);
                    if (!c) return c.error();
                    child = *c;
                }
                n.key_node.push_back(child);
                if (std::find(required.begin(), required.end(), enc) != required.end()) n.required |= uint64_t(1) << i;
            }
        }
        if (n.types & kArray) {
            if (auto it = schema.find("items"); it != schema.end() && it->is_object()) {
                auto c = compile(*it, path + "[]", depth + 1);
                if (!c) return c.error();
                n.items = *c;
            }
        }
        // The shortest value: an enum's shortest literal, else the shortest of each allowed type.
        std::vector<std::string> options;
        if (n.has_enum) {
            options = n.literals;
        } else {
            if (n.types & (kNumber | kInteger))
                if (auto v = number_text(n)) options.push_back(*v);
            if (n.types & kString) options.push_back("\"" + std::string(n.min_len, 'a') + "\"");
            options.insert(options.end(), n.literals.begin(), n.literals.end());
            if (n.types & kObject) options.push_back(object_shortest(n));
            if (n.types & kArray) {
                std::string a = "[";
                for (uint32_t i = 0; i < n.min_items; ++i)
                    a += (i ? "," : "") + m_nodes[n.items].shortest;
                options.push_back(a + "]");
            }
        }
        if (options.empty())
            return user_error("the schema cannot be constrained: " + path + " accepts no value it can write");
        n.shortest = *std::min_element(options.begin(), options.end(),
                                       [](const auto &a, const auto &b) { return a.size() < b.size(); });
        m_nodes[index] = std::move(n);
        return index;
    }

    std::string object_shortest(const SchemaNode &n) const {
        std::string o = "{";
        bool first = true;
        for (std::size_t i = 0; i < n.keys.size(); ++i)
            if (n.required >> i & 1) {
                o += (first ? "\"" : ",\"") + n.keys[i] + "\":" + m_nodes[n.key_node[i]].shortest;
                first = false;
            }
        return o + "}";
    }

    // A short number in the node's range that the number grammar writes, if there is one.
    static std::optional<std::string> number_text(const SchemaNode &n) {
        double lo = n.has_min ? n.minimum : -1e14, hi = n.has_max ? n.maximum : 1e14;
        if (lo > hi) return std::nullopt;
        double v = (lo <= 0 && hi >= 0) ? 0 : (lo > 0 ? std::ceil(lo) : std::floor(hi));
        if (v >= lo && v <= hi) return std::to_string(int64_t(v));
        if (n.types & kInteger && !(n.types & kNumber)) return std::nullopt;
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, lo, std::chars_format::fixed, 6);
        std::string s(buf, r.ptr);
        while (s.back() == '0')
            s.pop_back();
        double back = 0;
        std::from_chars(s.data(), s.data() + s.size(), back);
        if (back < lo) return std::nullopt;
        return s;
    }

    bool key_possible(const SchemaNode &n, uint64_t used) const {
        if (n.free_keys) return true;
        for (std::size_t i = 0; i < n.keys.size(); ++i)
            if (!(used >> i & 1)) return true;
        return false;
    }

    bool start_value(State &s, uint16_t node, uint8_t b) const {
        const SchemaNode &n = m_nodes[node];
        Scalar &sc = s.scalar;
        if (n.has_enum || b == 't' || b == 'f' || b == 'n') {
            if (n.literals.empty()) return false;
            sc = Scalar{};
            sc.kind = kLit;
            sc.node = node;
            sc.hi = uint16_t(n.literals.size());
            return feed_scalar(s, b) == Taken::yes;
        }
        if (b == '{' || b == '[') {
            if (!(n.types & (b == '{' ? kObject : kArray)) || s.depth > kMaxJsonDepth) return false;
            Frame &f = s.frames[s.depth++];
            f = Frame{};
            f.node = node;
            f.kind = b == '{' ? kObj : kArr;
            return true;
        }
        if (b == '"') {
            if (!(n.types & kString)) return false;
            sc = Scalar{};
            sc.kind = kStr;
            sc.node = node;
            return true;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            if (!(n.types & (kNumber | kInteger))) return false;
            sc = Scalar{};
            sc.kind = kNum;
            sc.node = node;
            return feed_scalar(s, b) == Taken::yes;
        }
        return false;
    }

    // A value (or key) ended: the frame moves on.
    void value_done(State &s) const {
        const Scalar sc = s.scalar;
        s.scalar = Scalar{};
        Frame &f = s.frames[s.depth - 1];
        if (f.kind == kTop) {
            f.phase = 1;
        } else if (f.kind == kObj) {
            if (f.phase == kObjKey) {
                f.phase = kObjColon;
                if (sc.kind == kKey) {
                    f.prop = uint8_t(sc.lo);
                    f.used |= uint64_t(1) << sc.lo;
                }
            } else {
                f.phase = kObjNext;
                f.prop = 0;
            }
        } else {
            f.phase = kArrNext;
            if (m_nodes[f.node].track_count && f.count < UINT16_MAX) ++f.count;
        }
    }

    bool close(State &s) const {
        const Frame &f = s.frames[s.depth - 1];
        if (f.kind == kObj && (f.used & m_nodes[f.node].required) != m_nodes[f.node].required) return false;
        s.frames[--s.depth] = Frame{};
        value_done(s);
        return true;
    }

    Taken feed_scalar(State &s, uint8_t b) const {
        Scalar &sc = s.scalar;
        const SchemaNode &n = m_nodes[sc.node];
        switch (sc.kind) {
            case kStr:
            case kFreeKey: {
                const bool limits = sc.kind == kStr && n.track_length;
                if (sc.esc) {
                    if (!std::strchr("\"\\/bfnrt", b) || b == 0) return Taken::no;
                    sc.esc = 0;
                    return Taken::yes;
                }
                if (sc.u.need == 0) {
                    if (b == '"') return !limits || sc.count >= n.min_len ? Taken::ended : Taken::no;
                    if (b < 0x20) return Taken::no;
                }
                bool lead;
                if (!sc.u.feed(b, lead)) return Taken::no;
                if (lead && limits) {
                    if (sc.count >= n.max_len) return Taken::no;
                    ++sc.count;
                }
                if (b == '\\') sc.esc = 1;
                return Taken::yes;
            }
            case kKey:
                return feed_candidates(sc, n.keys, s.frames[s.depth - 1].used, b, true);
            case kLit:
                return feed_candidates(sc, n.literals, 0, b, false);
            case kNum:
                return feed_number(sc, n, b);
            default:
                return Taken::no;
        }
    }

    // Narrows the candidate range [lo, hi) of sorted `cands` by the byte at `pos`. Keys end at their
    // closing quote (and take the unused key they spell: its index is left in lo); literals end before
    // the first byte that continues none of them.
    static Taken feed_candidates(Scalar &sc, const std::vector<std::string> &cands, uint64_t used, uint8_t b,
                                 bool key) {
        auto live = [&](std::size_t i) { return !key || !(used >> i & 1); };
        if (key && b == '"')
            for (std::size_t i = sc.lo; i < sc.hi; ++i)
                if (cands[i].size() == sc.pos && live(i)) {
                    sc.lo = uint16_t(i);
                    sc.hi = uint16_t(i + 1);
                    return Taken::ended;
                }
        // Candidates sharing the first pos bytes are sorted by their byte at pos: those with b are
        // contiguous.
        std::size_t lo = sc.lo;
        while (lo < sc.hi && !(cands[lo].size() > sc.pos && uint8_t(cands[lo][sc.pos]) == b))
            ++lo;
        std::size_t hi = lo;
        bool any = false;
        for (; hi < sc.hi && cands[hi].size() > sc.pos && uint8_t(cands[hi][sc.pos]) == b; ++hi)
            any = any || live(hi);
        if (any) {
            sc.lo = uint16_t(lo);
            sc.hi = uint16_t(hi);
            ++sc.pos;
            return Taken::yes;
        }
        if (!key)
            for (std::size_t i = sc.lo; i < sc.hi; ++i)
                if (cands[i].size() == sc.pos) return Taken::ended_before;
        return Taken::no;
    }

    Taken feed_number(Scalar &sc, const SchemaNode &n, uint8_t b) const {
        const bool integer = !(n.types & kNumber);
        const std::string_view t(sc.num, sc.num_len);
        const std::size_t sign = t.starts_with("-") ? 1 : 0;
        const std::size_t dot = t.find('.');
        const std::size_t int_digits = (dot == std::string_view::npos ? t.size() : dot) - sign;
        bool ok = false;
        if (b == '-') {
            ok = t.empty();
        } else if (b >= '0' && b <= '9') {
            if (dot == std::string_view::npos)
                ok = !(int_digits == 1 && t[sign] == '0') && int_digits < 15;
            else
                ok = t.size() - dot - 1 < 6;
        } else if (b == '.') {
            ok = !integer && dot == std::string_view::npos && int_digits > 0;
        } else {
            return number_complete(t, n) ? Taken::ended_before : Taken::no;
        }
        if (!ok || sc.num_len >= kMaxNumber) return Taken::no;
        sc.num[sc.num_len++] = static_cast<char>(b);
        if ((n.has_min || n.has_max) && !number_feasible(std::string_view(sc.num, sc.num_len), n)) {
            sc.num[--sc.num_len] = 0;
            return Taken::no;
        }
        return Taken::yes;
    }

    static bool number_complete(std::string_view t, const SchemaNode &n) {
        if (t.empty() || t.back() == '-' || t.back() == '.') return false;
        double v = 0;
        std::from_chars(t.data(), t.data() + t.size(), v);
        return (!n.has_min || v >= n.minimum) && (!n.has_max || v <= n.maximum);
    }

    // Whether some continuation of the number text `t` lands in [minimum, maximum].
    static bool number_feasible(std::string_view t, const SchemaNode &n) {
        const bool integer = !(n.types & kNumber);
        const bool neg = t.starts_with("-");
        if (neg) t.remove_prefix(1);
        const double lo = n.has_min ? n.minimum : -1e300, hi = n.has_max ? n.maximum : 1e300;
        const double frac_top = integer ? 0 : 1 - 1e-6;  // the most a fraction still to come can add
        auto meets = [&](double a, double b) {  // magnitudes [a, b]
            double x = neg ? -b : a, y = neg ? -a : b;
            x = std::max(x, lo);
            y = std::min(y, hi);
            if (x > y) return false;
            return !integer || std::ceil(x) <= y;
        };
        const std::size_t dot = t.find('.');
        if (t.empty()) return meets(0, 1e15);
        if (dot != std::string_view::npos) {
            double v = 0;
            std::from_chars(t.data(), t.data() + t.size(), v);
            const std::size_t frac = t.size() - dot - 1;
            return meets(v, v + std::pow(10.0, -double(frac)) - 1e-6);
        }
        double v = 0;
        std::from_chars(t.data(), t.data() + t.size(), v);
        if (t == "0") return meets(0, frac_top);
        for (std::size_t k = 0; t.size() + k <= 15; ++k) {
            const double scale = std::pow(10.0, double(k));
            if (meets(v * scale, (v + 1) * scale - 1 + frac_top)) return true;
        }
        return false;
    }

    // The next piece of the shortest closing from `s`.
    std::string next_chunk(State &s) const {
        Scalar &sc = s.scalar;
        const Frame &f = s.frames[s.depth - 1];
        const SchemaNode &fn = m_nodes[f.node];
        switch (sc.kind) {
            case kStr:
            case kFreeKey: {
                std::string c = sc.esc ? "n" : sc.u.completion();
                const SchemaNode &n = m_nodes[sc.node];
                if (sc.kind == kStr && n.track_length && sc.count < n.min_len)
                    c += std::string(n.min_len - sc.count, 'a');
                return c + "\"";
            }
            case kKey:
            case kLit: {
                const auto &cands = sc.kind == kKey ? fn.keys : m_nodes[sc.node].literals;
                // A key: the first missing required one that fits what is written (as the closing
                // after ',' picks it), else the shortest unused one. A literal: the shortest.
                std::optional<std::size_t> best;
                if (sc.kind == kKey)
                    for (std::size_t i = sc.lo; i < sc.hi && !best; ++i)
                        if ((fn.required >> i & 1) && !(f.used >> i & 1)) best = i;
                auto cost = [&](std::size_t i) {  // the bytes this choice adds to the closing
                    return cands[i].size() + (sc.kind == kKey ? m_nodes[fn.key_node[i]].shortest.size() : 0);
                };
                for (std::size_t i = sc.lo; i < sc.hi && !(sc.kind == kKey && best && (fn.required >> *best & 1));
                     ++i) {
                    if (sc.kind == kKey && (f.used >> i & 1)) continue;
                    if (!best || cost(i) < cost(*best)) best = i;
                }
                if (!best) return {};
                if (sc.kind == kKey) return cands[*best].substr(sc.pos) + "\"";
                if (cands[*best].size() == sc.pos) {
                    value_done(s);
                    return next_chunk(s);
                }
                return cands[*best].substr(sc.pos);
            }
            case kNum: {
                const SchemaNode &n = m_nodes[sc.node];
                if (number_complete(std::string_view(sc.num, sc.num_len), n)) {
                    value_done(s);
                    return next_chunk(s);
                }
                for (char c : std::string_view("0123456789.")) {
                    Scalar t = sc;
                    if (feed_number(t, n, uint8_t(c)) == Taken::yes) return std::string(1, c);
                }
                return {};
            }
            default:
                break;
        }
        auto member = [&](std::size_t i) {
            return "\"" + fn.keys[i] + "\":" + m_nodes[fn.key_node[i]].shortest;
        };
        auto first_key = [&]() -> std::optional<std::size_t> {
            for (std::size_t i = 0; i < fn.keys.size(); ++i)
                if ((fn.required >> i & 1) && !(f.used >> i & 1)) return i;
            return std::nullopt;
        };
        if (f.kind == kTop) return f.phase == 0 ? m_nodes[m_root].shortest : "";
        if (f.kind == kObj) {
            switch (f.phase) {
                case kObjOpen:
                case kObjNext:
                    if (auto k = first_key()) return (f.phase == kObjNext ? "," : "") + member(*k);
                    return "}";
                case kObjComma: {
                    if (auto k = first_key()) return member(*k);
                    if (fn.free_keys) return "\"\":0";
                    std::optional<std::size_t> best;
                    for (std::size_t i = 0; i < fn.keys.size(); ++i)
                        if (!(f.used >> i & 1) && (!best || member(i).size() < member(*best).size())) best = i;
                    return best ? member(*best) : "";
                }
                case kObjColon:
                    return ":" + m_nodes[fn.free_keys ? 0 : fn.key_node[f.prop]].shortest;
                case kObjValue:
                    return m_nodes[fn.free_keys ? 0 : fn.key_node[f.prop]].shortest;
                default:
                    return {};
            }
        }
        const std::string item = m_nodes[fn.items].shortest;
        switch (f.phase) {
            case kArrOpen:
                return fn.min_items > 0 ? item : "]";
            case kArrComma:
                return item;
            default:
                return fn.track_count && f.count < fn.min_items ? "," + item : "]";
        }
    }

    std::vector<SchemaNode> m_nodes;
    uint16_t m_root = 0;
};

// Allows every token and any end: generation exactly as without a constraint.
class AnythingMachine {
public:
    struct State {};
    State initial() const { return {}; }
    bool feed(State &, uint8_t) const { return true; }
    bool can_end(const State &) const { return true; }
    std::string closing(const State &) const { return {}; }
    void key(const State &, std::string &) const {}
};

constexpr std::size_t kCacheStates = 4096;  // allowed-token lists kept (cleared when full)

}  // namespace

// What every kind shares: the pieces, the mask, the text so far. The machine's part is virtual.
struct Constraint::Impl {
    std::string kind;
    std::shared_ptr<const PieceTable> pieces;
    std::vector<uint8_t> mask;
    std::string text;
    bool closing = false;

    virtual ~Impl() = default;
    virtual void reset_state() = 0;
    virtual bool feed_byte(uint8_t b) = 0;  // false: refused, state unchanged
    virtual bool accepts(std::string_view bytes) const = 0;
    virtual bool can_end() const = 0;
    virtual std::string closing_text() const = 0;
    // The closing's length after taking `bytes` (which the machine accepts).
    virtual std::size_t closing_after(std::string_view bytes) const = 0;
    // The tokens (by their bytes; not the end tokens) allowed from the current state.
    virtual const std::vector<int32_t> &byte_tokens() = 0;
};

namespace {

template <class M>
struct MachineImpl final : Constraint::Impl {
    M machine;
    typename M::State state;
    std::unordered_map<std::string, std::vector<int32_t>> cache;  // state key -> allowed tokens
    std::string key;

    MachineImpl(std::string_view kind_name, std::shared_ptr<const PieceTable> table, M m)
        : machine(std::move(m)), state(machine.initial()) {
        kind = kind_name;
        pieces = std::move(table);
    }
    void reset_state() override { state = machine.initial(); }
    bool feed_byte(uint8_t b) override {
        typename M::State t = state;
        if (!machine.feed(t, b)) return false;
        state = t;
        return true;
    }
    bool accepts(std::string_view bytes) const override {
        typename M::State t = state;
        for (char c : bytes)
            if (!machine.feed(t, static_cast<uint8_t>(c))) return false;
        return true;
    }
    bool can_end() const override { return machine.can_end(state); }
    std::string closing_text() const override { return machine.closing(state); }
    std::size_t closing_after(std::string_view bytes) const override {
        typename M::State t = state;
        for (char c : bytes)
            (void)machine.feed(t, static_cast<uint8_t>(c));
        return machine.closing(t).size();
    }
    const std::vector<int32_t> &byte_tokens() override {
        key.clear();
        machine.key(state, key);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
        if (cache.size() >= kCacheStates) cache.clear();
        std::vector<int32_t> ids;
        walk(0, state, ids);
        return cache.emplace(key, std::move(ids)).first->second;
    }
    // Every piece below `node` whose bytes the machine takes from `s`.
    void walk(int32_t node, const typename M::State &s, std::vector<int32_t> &out) const {
        for (const auto &[b, child] : pieces->nodes[std::size_t(node)].edges) {
            typename M::State t = s;
            if (!machine.feed(t, b)) continue;
            const auto &tokens = pieces->nodes[std::size_t(child)].tokens;
            out.insert(out.end(), tokens.begin(), tokens.end());
            walk(child, t, out);
        }
    }
};

template <class M>
std::unique_ptr<Constraint::Impl> make_impl(std::string_view kind, const text::Tokenizer &tokenizer, M machine) {
    return std::make_unique<MachineImpl<M>>(kind, std::make_shared<const PieceTable>(tokenizer),
                                            std::move(machine));
}

bool is_end_token(int32_t id) {
    return id == text::kImEndId || id == text::kEosId;
}

}  // namespace

Constraint::Constraint(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Constraint::~Constraint() = default;

Result<std::unique_ptr<Constraint>> Constraint::for_spec(const synth::Spec &spec, const text::Tokenizer &tokenizer) {
    switch (spec.kind) {
        case synth::TaskKind::classification:
            return labels(spec.output.labels, tokenizer);
        case synth::TaskKind::sectioned_text:
            return sections(spec.output.sections, tokenizer);
        case synth::TaskKind::json_extraction:
            return json_schema(spec.output.schema, tokenizer);
        case synth::TaskKind::free_text:
            break;
    }
    return free_text(tokenizer);
}

Result<std::unique_ptr<Constraint>> Constraint::labels(std::span<const std::string> labels,
                                                       const text::Tokenizer &tokenizer) {
    auto m = LabelMachine::make(labels);
    if (!m) return m.error();
    return std::unique_ptr<Constraint>(new Constraint(make_impl("labels", tokenizer, std::move(*m))));
}

Result<std::unique_ptr<Constraint>> Constraint::sections(std::span<const std::string> names,
                                                         const text::Tokenizer &tokenizer) {
    auto m = SectionMachine::make(names);
    if (!m) return m.error();
    return std::unique_ptr<Constraint>(new Constraint(make_impl("sections", tokenizer, std::move(*m))));
}

Result<std::unique_ptr<Constraint>> Constraint::json_schema(const nlohmann::json &schema,
                                                            const text::Tokenizer &tokenizer) {
    auto m = JsonMachine::make(schema);
    if (!m) return m.error();
    return std::unique_ptr<Constraint>(new Constraint(make_impl("json", tokenizer, std::move(*m))));
}

Result<std::unique_ptr<Constraint>> Constraint::free_text(const text::Tokenizer &tokenizer) {
    return std::unique_ptr<Constraint>(new Constraint(make_impl("free_text", tokenizer, FreeTextMachine{})));
}

Result<std::unique_ptr<Constraint>> Constraint::anything(const text::Tokenizer &tokenizer) {
    return std::unique_ptr<Constraint>(new Constraint(make_impl("anything", tokenizer, AnythingMachine{})));
}

std::string_view Constraint::kind() const {
    return m->kind;
}

void Constraint::reset() {
    m->reset_state();
    m->text.clear();
    m->closing = false;
}

std::span<const uint8_t> Constraint::allowed(int budget) {
    const std::size_t V = m->pieces->bytes.size();
    m->closing = false;
    if (m->kind == "anything") {
        m->mask.assign(V, 1);
        return m->mask;
    }
    m->mask.assign(V, 0);
    if (budget != INT_MAX) {
        const std::string close = m->closing_text();
        if (int64_t(close.size()) + 1 >= int64_t(budget)) {
            // Only pieces along the closing: each takes at least one of its bytes.
            m->closing = true;
            int32_t node = 0;
            for (char c : close) {
                const auto &edges = m->pieces->nodes[std::size_t(node)].edges;
                auto it = std::find_if(edges.begin(), edges.end(),
                                       [&](const auto &e) { return e.first == static_cast<uint8_t>(c); });
                if (it == edges.end()) break;
                node = it->second;
                for (int32_t id : m->pieces->nodes[std::size_t(node)].tokens)
                    m->mask[std::size_t(id)] = 1;
            }
            if (close.empty() && m->can_end()) m->mask[text::kImEndId] = m->mask[text::kEosId] = 1;
            return m->mask;
        }
    }
    for (int32_t id : m->byte_tokens())
        m->mask[std::size_t(id)] = 1;
    if (m->can_end()) m->mask[text::kImEndId] = m->mask[text::kEosId] = 1;
    return m->mask;
}

bool Constraint::closing() const {
    return m->closing;
}

bool Constraint::fits(int32_t token, int budget) const {
    if (m->closing || m->kind == "anything" || budget == INT_MAX || is_end_token(token)) return true;
    if (token < 0 || std::size_t(token) >= m->pieces->bytes.size()) return false;
    // After the token, budget - 1 tokens remain: the closing and then the stop token.
    return int64_t(m->closing_after(m->pieces->bytes[std::size_t(token)])) + 1 <= int64_t(budget) - 1;
}

Status Constraint::advance(int32_t token) {
    if (token < 0 || std::size_t(token) >= m->pieces->bytes.size())
        return user_error("token " + std::to_string(token) + " is outside the vocabulary");
    const std::string &bytes = m->pieces->bytes[std::size_t(token)];
    if (m->kind == "anything") {
        m->text += bytes;
        return {};
    }
    if (is_end_token(token)) {
        if (m->can_end()) return {};
        return user_error("the output cannot end here under the " + m->kind + " constraint");
    }
    if (bytes.empty() || !m->accepts(bytes))
        return user_error("token " + std::to_string(token) + " is not allowed here by the " + m->kind +
                          " constraint");
    for (char c : bytes)
        (void)m->feed_byte(static_cast<uint8_t>(c));
    m->text += bytes;
    return {};
}

Status Constraint::feed(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (!m->feed_byte(static_cast<uint8_t>(bytes[i])))
            return user_error("byte " + std::to_string(i) + " is refused by the " + m->kind + " constraint");
        m->text.push_back(bytes[i]);
    }
    return {};
}

bool Constraint::can_end() const {
    return m->can_end();
}

const std::string &Constraint::text() const {
    return m->text;
}

std::string Constraint::closing_text() const {
    return m->closing_text();
}

}  // namespace smolify::infer
