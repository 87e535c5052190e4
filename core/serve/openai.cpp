// Parsing of OpenAI-style generation requests and streaming detokenization (openai.h).
#include "serve/openai.h"

#include <algorithm>
#include <cmath>

namespace smolify::serve {

using nlohmann::json;

namespace {

ApiError invalid(std::string param, std::string message, std::string code = {}) {
    return ApiError{400, std::move(message), "invalid_request_error", std::move(param), std::move(code)};
}

// A present, non-null field (OpenAI treats null as "not given").
const json *field(const json &j, const char *name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<ApiError> number_field(const json &j, const char *name, double lo, double hi,
                                     std::optional<double> &out) {
    const json *v = field(j, name);
    if (!v) return std::nullopt;
    if (!v->is_number()) return invalid(name, std::string("'") + name + "' must be a number", "invalid_type");
    const double d = v->get<double>();
    if (!(d >= lo && d <= hi))
        return invalid(name, std::string("'") + name + "' must be between " + json(lo).dump() + " and " +
                                 json(hi).dump() + ", got " + v->dump(),
                       "invalid_value");
    out = d;
    return std::nullopt;
}

std::optional<ApiError> integer_field(const json &j, const char *name, int64_t lo, int64_t hi,
                                      std::optional<int64_t> &out) {
    const json *v = field(j, name);
    if (!v) return std::nullopt;
    if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)))
        return invalid(name, std::string("'") + name + "' must be an integer", "invalid_type");
    const int64_t n = v->get<int64_t>();
    if (n < lo || n > hi)
        return invalid(name, std::string("'") + name + "' must be between " + std::to_string(lo) + " and " +
                                 std::to_string(hi) + ", got " + std::to_string(n),
                       "invalid_value");
    out = n;
    return std::nullopt;
}

std::optional<ApiError> bool_field(const json &j, const char *name, bool &out) {
    const json *v = field(j, name);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) return invalid(name, std::string("'") + name + "' must be true or false", "invalid_type");
    out = v->get<bool>();
    return std::nullopt;
}

ApiResult<json> parse_object(std::string_view body) {
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception &e) {
        return ApiError{400, std::string("the request body is not valid JSON: ") + e.what(),
                        "invalid_request_error", "", "invalid_json"};
    }
    if (!j.is_object()) return invalid("", "the request body must be a JSON object", "invalid_type");
    return j;
}

// The options chat and completions share: limits, sampling, stop strings, streaming, and the
// features a student does not have.
std::optional<ApiError> parse_options(const json &j, GenerationRequest &r) {
    if (const json *m = field(j, "model"); m && !m->is_string())
        return invalid("model", "'model' must be a string", "invalid_type");

    std::optional<int64_t> n;
    if (auto e = integer_field(j, "max_tokens", 1, 1 << 24, n)) return e;
    if (auto e = integer_field(j, "max_completion_tokens", 1, 1 << 24, n)) return e;  // wins over max_tokens
    if (n) r.max_tokens = int(*n);

    std::optional<double> d;
    if (auto e = number_field(j, "temperature", 0, 2, d)) return e;
    if (d) r.sampling.temperature = float(*d);
    d.reset();
    if (auto e = number_field(j, "top_p", 0, 1, d)) return e;
    if (d) r.sampling.top_p = float(*d);
    d.reset();
    if (auto e = number_field(j, "min_p", 0, 1, d)) return e;
    if (d) r.sampling.min_p = float(*d);
    n.reset();
    if (auto e = integer_field(j, "top_k", 0, 1 << 24, n)) return e;
    if (n) r.sampling.top_k = int(*n);
    n.reset();
    if (auto e = integer_field(j, "repeat_last_n", 0, 1 << 24, n)) return e;
    if (n) r.sampling.repeat_last_n = int(*n);
    n.reset();
    if (auto e = integer_field(j, "seed", INT64_MIN, INT64_MAX, n)) return e;
    if (n) {
        r.sampling.seed = uint64_t(*n);
        r.seed_given = true;
    }

    // The sampler has llama.cpp's multiplicative repetition penalty; OpenAI's frequency_penalty
    // (0..2) maps onto it as repeat_penalty = 1 + frequency_penalty. repeat_penalty itself wins.
    d.reset();
    if (auto e = number_field(j, "frequency_penalty", -2, 2, d)) return e;
    if (d && *d < 0)
        return invalid("frequency_penalty",
                       "a negative frequency_penalty (favouring repeats) is not supported; use 0 to 2",
                       "unsupported_value");
    if (d) r.sampling.repeat_penalty = float(1.0 + *d);
    d.reset();
    if (auto e = number_field(j, "repeat_penalty", 0.01, 100, d)) return e;
    if (d) r.sampling.repeat_penalty = float(*d);
    d.reset();
    if (auto e = number_field(j, "presence_penalty", -2, 2, d)) return e;
    if (d && *d != 0)
        return invalid("presence_penalty",
                       "presence_penalty is not supported; use frequency_penalty or repeat_penalty",
                       "unsupported_parameter");

    if (const json *s = field(j, "stop")) {
        if (s->is_string()) {
            r.stop.push_back(s->get<std::string>());
        } else if (s->is_array()) {
            if (s->size() > kMaxStopStrings)
                return invalid("stop", "at most " + std::to_string(kMaxStopStrings) + " stop strings",
                               "invalid_value");
            for (const auto &x : *s) {
                if (!x.is_string())
                    return invalid("stop", "'stop' must be a string or a list of strings", "invalid_type");
                r.stop.push_back(x.get<std::string>());
            }
        } else {
            return invalid("stop", "'stop' must be a string or a list of strings", "invalid_type");
        }
        for (const auto &x : r.stop)
            if (x.empty()) return invalid("stop", "stop strings must not be empty", "invalid_value");
    }

    n.reset();
    if (auto e = integer_field(j, "n", 1, 128, n)) return e;
    if (n && *n != 1)
        return invalid("n", "n=" + std::to_string(*n) + ": this server returns one choice per request; send " +
                                std::to_string(*n) + " requests (with different seeds) instead",
                       "unsupported_value");

    if (auto e = bool_field(j, "stream", r.stream)) return e;
    if (const json *so = field(j, "stream_options")) {
        if (!so->is_object())
            return invalid("stream_options", "'stream_options' must be an object", "invalid_type");
        if (auto e = bool_field(*so, "include_usage", r.include_usage)) {
            e->param = "stream_options.include_usage";
            return e;
        }
    }

    if (const json *rf = field(j, "response_format")) {
        const json *type = rf->is_object() ? field(*rf, "type") : nullptr;
        if (!type || !type->is_string())
            return invalid("response_format", "'response_format' must be an object with a string 'type'",
                           "invalid_type");
        const auto t = type->get<std::string>();
        if (t == "json_schema") {
            const json *js = field(*rf, "json_schema");
            const json *schema = js && js->is_object() ? field(*js, "schema") : nullptr;
            if (!schema || !schema->is_object())
                return invalid("response_format",
                               "response_format json_schema needs {\"json_schema\": {\"name\": ..., \"schema\": "
                               "{...}}} with the schema as an object",
                               "invalid_value");
            r.json_schema = *schema;
        } else if (t != "text" && t != "json_object") {
            return invalid("response_format", "response_format type '" + t + "' is unknown (use 'text', 'json_object' or 'json_schema')",
                           "invalid_value");
        }
    }
    bool logprobs = false;
    if (const json *lp = field(j, "logprobs"); lp && lp->is_number()) {
        logprobs = lp->get<double>() > 0;  // the completions endpoint takes a count
    } else if (auto e = bool_field(j, "logprobs", logprobs)) {
        return e;
    }
    if (logprobs) return invalid("logprobs", "logprobs are not supported", "unsupported_parameter");
    for (const char *name : {"tools", "functions"}) {
        const json *t = field(j, name);
        if (t && (!t->is_array() || !t->empty()))
            return invalid(name, "the student cannot call tools; send the request without '" + std::string(name) + "'",
                           "unsupported_parameter");
    }
    return std::nullopt;
}

// A message's text: a string, or a list of {"type": "text", "text": ...} parts joined by newlines.
ApiResult<std::string> message_text(const json &content, const std::string &param) {
    if (content.is_string()) return content.get<std::string>();
    if (!content.is_array())
        return invalid(param, "'" + param + "' must be a string or a list of text parts", "invalid_type");
    std::string text;
    for (std::size_t k = 0; k < content.size(); ++k) {
        const json &part = content[k];
        const std::string p = param + "[" + std::to_string(k) + "]";
        const json *type = part.is_object() ? field(part, "type") : nullptr;
        if (!type || !type->is_string())
            return invalid(p, "'" + p + "' must be an object with a 'type'", "invalid_type");
        if (type->get<std::string>() != "text")
            return invalid(p, "'" + p + "' is of type " + type->dump() + ": the student reads text only",
                           "unsupported_value");
        const json *t = field(part, "text");
        if (!t || !t->is_string()) return invalid(p + ".text", "'" + p + ".text' must be a string", "invalid_type");
        if (k) text += '\n';
        text += t->get<std::string>();
    }
    return text;
}

}  // namespace

json error_body(const ApiError &e) {
    return {{"error",
             {{"message", e.message},
              {"type", e.type},
              {"param", e.param.empty() ? json(nullptr) : json(e.param)},
              {"code", e.code.empty() ? json(nullptr) : json(e.code)}}}};
}

ApiResult<GenerationRequest> parse_chat_request(std::string_view body) {
    auto parsed = parse_object(body);
    if (auto *e = std::get_if<ApiError>(&parsed)) return *e;
    const json &j = std::get<json>(parsed);
    GenerationRequest r;
    if (auto e = parse_options(j, r)) return *e;

    const json *messages = field(j, "messages");
    if (!messages) return invalid("messages", "'messages' is required", "missing_required_parameter");
    if (!messages->is_array()) return invalid("messages", "'messages' must be a list", "invalid_type");
    if (messages->empty()) return invalid("messages", "'messages' must not be empty", "invalid_value");
    for (std::size_t i = 0; i < messages->size(); ++i) {
        const json &m = (*messages)[i];
        const std::string p = "messages[" + std::to_string(i) + "]";
        if (!m.is_object()) return invalid(p, "'" + p + "' must be an object", "invalid_type");
        const json *role = field(m, "role");
        if (!role || !role->is_string())
            return invalid(p + ".role", "'" + p + ".role' must be a string", "invalid_type");
        const auto name = role->get<std::string>();
        const bool is_system = name == "system" || name == "developer";
        if (!is_system && name != "user" && name != "assistant")
            return invalid(p + ".role",
                           "role '" + name + "' is not supported: the student knows system, user and assistant",
                           "unsupported_value");
        const json *content = field(m, "content");
        if (!content) {
            if (name == "assistant") continue;  // an assistant turn with only tool calls; not shown anyway
            return invalid(p + ".content", "'" + p + ".content' is required", "missing_required_parameter");
        }
        auto text = message_text(*content, p + ".content");
        if (auto *e = std::get_if<ApiError>(&text)) return *e;
        if (is_system) {
            if (r.system)
                return invalid(p, "only one system message is supported: the student was trained with one "
                                  "instruction", "unsupported_value");
            r.system = std::move(std::get<std::string>(text));
        } else if (i + 1 == messages->size() && name == "user") {
            r.input = std::move(std::get<std::string>(text));
        }
    }
    // Every role was checked to be a string above.
    if (messages->back()["role"].get<std::string>() != "user")
        return invalid("messages", "the last message must be the user's input (the student answers one input)",
                       "invalid_value");
    return r;
}

ApiResult<GenerationRequest> parse_completion_request(std::string_view body) {
    auto parsed = parse_object(body);
    if (auto *e = std::get_if<ApiError>(&parsed)) return *e;
    const json &j = std::get<json>(parsed);
    GenerationRequest r;
    if (auto e = parse_options(j, r)) return *e;
    const json *prompt = field(j, "prompt");
    if (!prompt) return invalid("prompt", "'prompt' is required", "missing_required_parameter");
    if (prompt->is_array() && prompt->size() == 1 && (*prompt)[0].is_string()) {
        r.input = (*prompt)[0].get<std::string>();
    } else if (prompt->is_string()) {
        r.input = prompt->get<std::string>();
    } else if (prompt->is_array() && !prompt->empty() && ((*prompt)[0].is_number() || (*prompt)[0].is_array())) {
        return invalid("prompt", "token-id prompts are not supported; send the prompt as text", "unsupported_value");
    } else if (prompt->is_array()) {
        return invalid("prompt", "send exactly one prompt per request (a string or a list of one string)",
                       "unsupported_value");
    } else {
        return invalid("prompt", "'prompt' must be a string or a list of one string", "invalid_type");
    }
    bool echo = false;
    if (auto e = bool_field(j, "echo", echo)) return *e;
    if (echo) return invalid("echo", "echo is not supported", "unsupported_parameter");
    std::optional<int64_t> best_of;
    if (auto e = integer_field(j, "best_of", 1, 128, best_of)) return *e;
    if (best_of && *best_of != 1)
        return invalid("best_of", "best_of above 1 is not supported", "unsupported_value");
    return r;
}

DeltaDecoder::DeltaDecoder(const text::Tokenizer &tokenizer, std::vector<std::string> stop)
    : m_tokenizer(tokenizer), m_stop(std::move(stop)) {}

Result<std::string> DeltaDecoder::push(int32_t token) {
    m_ids.push_back(token);
    auto decoded = m_tokenizer.decode(m_ids);
    if (!decoded) return decoded.error();
    std::string &full = *decoded;
    // Only text after what was already sent can change; a decode that rewrote it is left alone.
    if (!full.starts_with(m_sent)) return std::string();
    std::size_t end = full.size();
    std::size_t stop_at = std::string::npos;
    for (const auto &s : m_stop) {
        const std::size_t from = m_sent.size() >= s.size() ? m_sent.size() - s.size() + 1 : 0;
        const std::size_t at = full.find(s, from);
        if (at != std::string::npos) stop_at = std::min(stop_at, at);
    }
    if (stop_at != std::string::npos) {
        m_stopped = true;
        end = std::max(stop_at, m_sent.size());
    } else {
        static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD: maybe an unfinished character
        while (end >= m_sent.size() + kReplacement.size() &&
               std::string_view(full).substr(0, end).ends_with(kReplacement))
            end -= kReplacement.size();
        // Hold back a tail that is the start of a stop string.
        std::size_t hold = 0;
        for (const auto &s : m_stop)
            for (std::size_t k = std::min(s.size() - 1, end - m_sent.size()); k > hold; --k)
                if (std::string_view(full).substr(end - k, k) == std::string_view(s).substr(0, k)) {
                    hold = k;
                    break;
                }
        end -= hold;
    }
    std::string delta = full.substr(m_sent.size(), end - m_sent.size());
    m_sent += delta;
    return delta;
}

Result<std::string> DeltaDecoder::finish() {
    if (m_stopped) return std::string();
    auto decoded = m_tokenizer.decode(m_ids);
    if (!decoded) return decoded.error();
    if (!decoded->starts_with(m_sent)) return std::string();
    std::string rest = decoded->substr(m_sent.size());
    m_sent += rest;
    return rest;
}

}  // namespace smolify::serve
