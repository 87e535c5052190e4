// The chat-completions protocol without I/O (see protocol.h).
#include "teacher/protocol.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "util/text.h"

namespace smolify::teacher {

namespace {

bool looks_like_html(std::string_view body, std::string_view content_type) {
    if (content_type.find("html") != std::string_view::npos) return true;
    std::string_view t = trim(body);
    return !t.empty() && t[0] == '<';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The assistant text of a message: a string, or (some providers) an array of {"type":"text","text":...}.
std::optional<std::string> message_text(const nlohmann::json &content) {
    if (content.is_string()) return content.get<std::string>();
    if (!content.is_array()) return std::nullopt;
    std::string out;
    for (const auto &part : content)
        if (part.is_object() && part.contains("text") && part["text"].is_string())
            out += part["text"].get_ref<const std::string &>();
    return out;
}

}  // namespace

std::string safe_excerpt(std::string_view text, std::size_t max_bytes, std::string_view secret) {
    std::string s(text.substr(0, std::min(text.size(), max_bytes * 4 + secret.size())));
    if (!secret.empty())
        for (std::size_t p = s.find(secret); p != std::string::npos; p = s.find(secret, p))
            s.replace(p, secret.size(), "[redacted]");
    // Control characters out; broken UTF-8 to '?', one byte at a time.
    std::string clean;
    clean.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            clean.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
            ++i;
            continue;
        }
        std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (len > 1 && i + len <= s.size() && utf8_valid(std::string_view(s).substr(i, len))) {
            clean.append(s, i, len);
            i += len;
        } else {
            clean.push_back('?');
            ++i;
        }
    }
    // Collapse runs of spaces so an HTML page reads as one line.
    std::string out;
    for (char c : clean)
        if (!(c == ' ' && !out.empty() && out.back() == ' ')) out.push_back(c);
    return ellipsize(trim(out), max_bytes);
}

std::string server_message(std::string_view body, std::string_view content_type, std::string_view secret) {
    if (body.empty()) return {};
    if (looks_like_html(body, content_type))
        return "an HTML page: \"" + safe_excerpt(body, 160, secret) + "\"";
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
        const nlohmann::json *e = &j;
        if (auto it = j.find("error"); it != j.end()) {
            if (it->is_string()) return safe_excerpt(it->get_ref<const std::string &>(), 300, secret);
            if (it->is_object()) e = &*it;
        }
        if (auto m = e->find("message"); m != e->end() && m->is_string())
            return safe_excerpt(m->get_ref<const std::string &>(), 300, secret);
        if (auto m = e->find("detail"); m != e->end() && m->is_string())
            return safe_excerpt(m->get_ref<const std::string &>(), 300, secret);
    }
    return "\"" + safe_excerpt(body, 160, secret) + "\"";
}

Result<Completion> parse_completion(std::string_view body, std::string_view content_type) {
    if (looks_like_html(body, content_type))
        return user_error(
            "the teacher answered with an HTML page instead of JSON (is the base URL right? it "
            "should end in /v1): \"" +
            safe_excerpt(body) + "\"");
    if (trim(body).empty()) return user_error("the teacher answered with an empty body");
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        return user_error("the teacher's reply is not valid JSON (cut short or not JSON at all, " +
                          std::to_string(body.size()) + " bytes): \"" + safe_excerpt(body) + "\"");
    if (!j.is_object())
        return user_error("the teacher's reply is JSON but not an object: \"" + safe_excerpt(body) + "\"");
    if (j.contains("error"))
        return user_error("the teacher answered with an error: " + server_message(body, content_type, {}));
    auto choices = j.find("choices");
    if (choices == j.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
        return user_error("the teacher's reply has no choices: \"" + safe_excerpt(body) + "\"");
    const auto &choice = (*choices)[0];
    auto msg = choice.find("message");
    if (msg == choice.end() || !msg->is_object())
        return user_error("the teacher's reply has no message: \"" + safe_excerpt(body) + "\"");
    Completion c;
    auto content = msg->find("content");
    std::optional<std::string> text = content == msg->end() ? std::nullopt : message_text(*content);
    if (!text) {
        std::string refusal;
        if (auto r = msg->find("refusal"); r != msg->end() && r->is_string()) refusal = r->get<std::string>();
        return user_error(refusal.empty() ? "the teacher's reply has no text"
                                          : "the teacher refused: \"" + safe_excerpt(refusal, 300) + "\"");
    }
    c.text = std::move(*text);
    if (auto f = choice.find("finish_reason"); f != choice.end() && f->is_string())
        c.finish_reason = f->get<std::string>();
    if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
        if (auto p = u->find("prompt_tokens"); p != u->end() && p->is_number_integer())
            c.prompt_tokens = p->get<int>();
        if (auto p = u->find("completion_tokens"); p != u->end() && p->is_number_integer())
            c.completion_tokens = p->get<int>();
    }
    return c;
}

nlohmann::json completion_to_json(const Completion &c) {
    nlohmann::json j = {
        {"object", "chat.completion"},
        {"choices", nlohmann::json::array({{{"index", 0},
                                            {"message", {{"role", "assistant"}, {"content", c.text}}},
                                            {"finish_reason", c.finish_reason}}})},
    };
    if (c.prompt_tokens || c.completion_tokens)
        j["usage"] = {{"prompt_tokens", c.prompt_tokens.value_or(0)},
                      {"completion_tokens", c.completion_tokens.value_or(0)}};
    return j;
}

std::optional<int64_t> parse_retry_after(std::string_view value, int64_t unix_now_s) {
    std::string v(trim(value));
    if (v.empty()) return std::nullopt;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (v.size() > 9) return int64_t{999'999'999};  // absurdly long: still "too long", never overflow
        return std::stoll(v);
    }
    // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); curl_getdate reads all three RFC 9110 forms.
    time_t t = curl_getdate(v.c_str(), nullptr);
    if (t == -1) return std::nullopt;
    return std::max<int64_t>(0, static_cast<int64_t>(t) - unix_now_s);
}

bool is_retryable_status(long s) {
    return s == 408 || s == 409 || s == 425 || s == 429 || (s >= 500 && s <= 599);
}

Error http_error(long status, const Endpoint &ep, std::string_view body, std::string_view content_type,
                 std::string_view secret) {
    std::string said = server_message(body, content_type, secret);
    std::string tail = said.empty() ? "" : " The server said: " + said;
    std::string code = " (HTTP " + std::to_string(status) + ")";
    if (status == 401 || status == 403) {
        std::string fix =
            ep.key_env.empty()
                ? "no key was sent: name the environment variable that holds it in the teacher settings"
                : "the key in environment variable " + ep.key_env +
                      " is missing, wrong or lacks access to this model; set it and run again";
        return user_error("the teacher refused the key" + code + ": " + fix + "." + tail);
    }
    if (status == 404)
        return user_error("the teacher does not know model \"" + ep.model + "\" or the base URL " +
                          sanitize_url(ep.base_url) + " is wrong" + code +
                          ": check the model name and that the URL ends in /v1." + tail);
    if (status == 400 || status == 422)
        return user_error("the teacher rejected the request" + code +
                          ": check that the model supports these options (JSON mode or schema, max_tokens, "
                          "temperature)." +
                          tail);
    if (status == 402) return user_error("the teacher account is out of credit" + code + "." + tail);
    if (status == 413) return user_error("the request is too large for the teacher" + code + "." + tail);
    if (status == 429) return user_error("the teacher kept rate-limiting the requests" + code + "." + tail);
    if (status >= 500) return user_error("the teacher had a server error" + code + "." + tail);
    return user_error("the teacher answered with an unexpected status" + code + "." + tail);
}

Result<std::string> url_host(std::string_view url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    if (!u) return internal_error("out of memory");
    std::string s(url);
    if (curl_url_set(u.get(), CURLUPART_URL, s.c_str(), 0) != CURLUE_OK)
        return user_error("the teacher URL \"" + safe_excerpt(sanitize_url(url), 200) +
                          "\" is not a valid URL");
    char *scheme = nullptr;
    char *host = nullptr;
    std::string sch, h;
    if (curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) sch = lower(scheme);
    if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK) h = lower(host);
    curl_free(scheme);
    curl_free(host);
    if (sch != "http" && sch != "https")
        return user_error("the teacher URL must start with http:// or https://, not \"" + sch + "://\"");
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);  // IPv6 literal
    if (h.empty()) return user_error("the teacher URL has no host");
    return h;
}

std::string sanitize_url(std::string_view url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    std::string s(url);
    if (!u || curl_url_set(u.get(), CURLUPART_URL, s.c_str(), 0) != CURLUE_OK) {
        // Not a URL curl understands: keep only what cannot hold a secret (up to '?', after '@').
        std::string_view v = url.substr(0, url.find_first_of("?#"));
        if (auto at = v.rfind('@'); at != std::string_view::npos) v = v.substr(at + 1);
        return safe_excerpt(v, 200);
    }
    curl_url_set(u.get(), CURLUPART_USER, nullptr, 0);
    curl_url_set(u.get(), CURLUPART_PASSWORD, nullptr, 0);
    curl_url_set(u.get(), CURLUPART_OPTIONS, nullptr, 0);
    curl_url_set(u.get(), CURLUPART_QUERY, nullptr, 0);
    curl_url_set(u.get(), CURLUPART_FRAGMENT, nullptr, 0);
    char *out = nullptr;
    std::string r;
    if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) == CURLUE_OK && out) r = out;
    curl_free(out);
    while (!r.empty() && r.back() == '/')
        r.pop_back();
    return r;
}

std::string dump_json(const nlohmann::json &j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int64_t estimate_tokens(std::string_view text) {
    return static_cast<int64_t>((text.size() + 3) / 4);
}

}  // namespace smolify::teacher
