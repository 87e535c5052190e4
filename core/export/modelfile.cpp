// The Ollama Modelfile (see modelfile.h).
#include "export/modelfile.h"

#include <cstdio>

#include "export/model_card.h"

namespace smolify::card {

namespace {

// A Go template action printing `s` as a string literal: {{ "..." }} with Go's escapes.
std::string go_literal(std::string_view s) {
    std::string out = "{{ \"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\" }}";
}

// Text placed verbatim in a Go template: "{{" would open an action, so it is printed as a literal.
std::string go_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
            out += go_literal("{{");
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

bool modelfile_safe(std::string_view text) {
    if (text.find("\"\"\"") != std::string_view::npos) return false;
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
    // The parser trims the whole value, quotes included, so inner edge spaces survive; a value ending
    // in '"' becomes """x"""" which still reads back as x" (the suffix """ is matched last).
    return true;
}

std::string render_modelfile(const ModelfileParams &p) {
    const bool system_ok = modelfile_safe(p.system_prompt);
    std::string s;
    s += "# " + std::string(kSmolifyMarker) + ": Ollama Modelfile written by Smolify's export; Smolify replaces it\n";
    s += "# on the next export (remove this line to keep your edits). Use: ollama create NAME -f Modelfile\n";
    s += "FROM ./" + p.gguf_name + "\n\n";
    // The training prompt (text/chat_format.h): BOS, then ChatML for one system and one user turn,
    // ending after "assistant\n".
    const std::string system = system_ok ? std::string("{{ .System }}") : go_literal(p.system_prompt);
    s += "TEMPLATE \"\"\"" + go_text(p.bos_piece) + "<|im_start|>system\n" + system +
         "<|im_end|>\n<|im_start|>user\n{{ .Prompt }}<|im_end|>\n<|im_start|>assistant\n{{ .Response }}\"\"\"\n\n";
    if (system_ok) s += "SYSTEM \"\"\"" + p.system_prompt + "\"\"\"\n\n";
    s += "PARAMETER stop \"<|im_end|>\"\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2g", p.temperature);
    s += "PARAMETER temperature " + std::string(buf) + "\n";
    if (p.context_length > 0) s += "PARAMETER num_ctx " + std::to_string(p.context_length) + "\n";
    return s;
}

}  // namespace smolify::card
