// Provider presets, the default price table, request bodies and their journal identity, and the
// tolerant JSON reader for replies (the parts of client.h that need no network).
#include <algorithm>
#include <array>
#include <cctype>

#include "teacher/client.h"
#include "teacher/protocol.h"
#include "util/text.h"

namespace smolify::teacher {

namespace {

// Local servers need no key. Anthropic's compatibility layer ignores response_format, so the caller's
// prompt carries the contract and parse_json_reply() finds the JSON; Groq takes json_object only.
constexpr std::array kPresets = {
    Preset{"openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY", JsonSupport::json_schema,
           false},
    Preset{"anthropic", "Anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", JsonSupport::none,
           false},
    Preset{"gemini", "Google Gemini", "https://generativelanguage.googleapis.com/v1beta/openai",
           "GEMINI_API_KEY", JsonSupport::json_schema, false},
    Preset{"openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
           JsonSupport::json_schema, false},
    Preset{"together", "Together AI", "https://api.together.xyz/v1", "TOGETHER_API_KEY",
           JsonSupport::json_schema, false},
    Preset{"groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", JsonSupport::json_object, false},
    Preset{"ollama", "Ollama", "http://localhost:11434/v1", "", JsonSupport::json_schema, true},
    Preset{"llamacpp", "llama.cpp server", "http://localhost:8080/v1", "", JsonSupport::json_schema, true},
    Preset{"vllm", "vLLM", "http://localhost:8000/v1", "", JsonSupport::json_schema, true},
    Preset{"lmstudio", "LM Studio", "http://localhost:1234/v1", "", JsonSupport::json_schema, true},
};

}  // namespace

std::span<const Preset> presets() {
    return kPresets;
}

const Preset *find_preset(std::string_view name) {
    for (const Preset &p : kPresets)
        if (p.name == name) return &p;
    return nullptr;
}

Endpoint endpoint_from_preset(const Preset &preset, std::string model) {
    return Endpoint{std::string(preset.base_url), std::move(model), std::string(preset.key_env), preset.json};
}

std::vector<std::string> local_hosts() {
    return {"localhost", "127.0.0.1", "::1"};
}

// List prices in dollars per million tokens when this was written; they change, so the table is
// editable (settings, --prices FILE) and a model missing from it costs 0 with a flag, never a guess.
PriceTable PriceTable::defaults() {
    PriceTable t;
    t.models = {
        {"gpt-4o-mini", {0.15, 0.60}},
        {"gpt-4o", {2.50, 10.00}},
        {"gpt-4.1", {2.00, 8.00}},
        {"gpt-4.1-mini", {0.40, 1.60}},
        {"gpt-4.1-nano", {0.10, 0.40}},
        {"claude-3-5-haiku-latest", {0.80, 4.00}},
        {"claude-sonnet-4-0", {3.00, 15.00}},
        {"gemini-2.0-flash", {0.10, 0.40}},
        {"gemini-2.5-flash", {0.30, 2.50}},
    };
    return t;
}

const ModelPrice *PriceTable::find(std::string_view model) const {
    auto it = models.find(model);
    return it == models.end() ? nullptr : &it->second;
}

Result<PriceTable> PriceTable::from_json(const nlohmann::json &j) {
    if (!j.is_object())
        return user_error("a price table is a JSON object: {\"model\": {\"input\": 0.15, \"output\": 0.6}}");
    PriceTable t;
    for (const auto &[model, p] : j.items()) {
        if (!p.is_object() || !p.contains("input") || !p.contains("output") || !p["input"].is_number() ||
            !p["output"].is_number())
            return user_error("price for \"" + safe_excerpt(model, 80) +
                              "\" needs numbers \"input\" and \"output\"");
        double in = p["input"].get<double>(), out = p["output"].get<double>();
        if (!(in >= 0) || !(out >= 0) || in > 1e6 || out > 1e6)
            return user_error("price for \"" + safe_excerpt(model, 80) +
                              "\" must be between 0 and 1000000 $/M tokens");
        t.models[model] = ModelPrice{in, out};
    }
    return t;
}

nlohmann::json PriceTable::to_json() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto &[model, p] : models)
        j[model] = {{"input", p.input_per_mtok}, {"output", p.output_per_mtok}};
    return j;
}

nlohmann::json request_body(const Endpoint &ep, const ChatRequest &req) {
    nlohmann::json messages = nlohmann::json::array();
    for (const ChatMessage &m : req.messages)
        messages.push_back({{"role", m.role}, {"content", m.content}});
    nlohmann::json body = {
        {"model", ep.model},
        {"messages", std::move(messages)},
        {"temperature", req.temperature},
        {"max_tokens", req.max_tokens},
    };
    if (req.json_schema && ep.json == JsonSupport::json_schema)
        body["response_format"] = {{"type", "json_schema"},
                                   {"json_schema", {{"name", "reply"}, {"schema", *req.json_schema}}}};
    else if ((req.json_schema || req.json_mode) && ep.json != JsonSupport::none)
        body["response_format"] = {{"type", "json_object"}};
    if (req.stream) {
        body["stream"] = true;
        body["stream_options"] = {{"include_usage", true}};  // usage in the last chunk, where supported
    }
    return body;
}

std::string request_hash(const Endpoint &ep, const ChatRequest &req) {
    nlohmann::json body = request_body(ep, req);
    body.erase("stream");  // streamed or not, the answer is the same call
    body.erase("stream_options");
    // nlohmann::json keeps object keys sorted, so dump() is canonical for the same content.
    nlohmann::json identity = {{"endpoint", sanitize_url(ep.base_url)}, {"body", std::move(body)}};
    return sha256_hex(dump_json(identity));
}

namespace {

// The end of a balanced JSON value starting at text[start] ('{' or '['), or npos.
std::size_t balanced_end(std::string_view text, std::size_t start) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

std::optional<nlohmann::json> try_parse(std::string_view s) {
    auto j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

}  // namespace

Result<nlohmann::json> parse_json_reply(std::string_view text) {
    std::string_view t = trim(text);
    if (auto j = try_parse(t)) return *j;
    // ```json ... ``` (or plain ```) fences, as chatty models write them.
    if (auto open = t.find("```"); open != std::string_view::npos) {
        std::size_t body = t.find('\n', open);
        std::size_t close = body == std::string_view::npos ? body : t.find("```", body);
        if (close != std::string_view::npos)
            if (auto j = try_parse(trim(t.substr(body + 1, close - body - 1)))) return *j;
    }
    // The first balanced object or array that parses, e.g. after "Here is the JSON:".
    for (std::size_t i = t.find_first_of("{["); i != std::string_view::npos;
         i = t.find_first_of("{[", i + 1)) {
        std::size_t end = balanced_end(t, i);
        if (end == std::string_view::npos) break;
        if (auto j = try_parse(t.substr(i, end - i))) return *j;
    }
    return user_error("the teacher's reply holds no JSON: \"" + safe_excerpt(text) + "\"");
}

}  // namespace smolify::teacher
