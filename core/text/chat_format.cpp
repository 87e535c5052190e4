// The ChatML-style prompt format (see chat_format.h).
#include "text/chat_format.h"

#include "util/text.h"

namespace smolify::text {

std::string default_system_prompt(std::string_view intent) {
    return "Task: " + std::string(trim(intent));
}

Result<std::string> system_prompt(store::Project &project) {
    auto spec = project.current_spec();
    if (!spec) return spec.error();
    if (*spec && !trim((*spec)->instruction).empty()) return std::string(trim((*spec)->instruction));
    auto info = project.info();
    if (!info) return info.error();
    return default_system_prompt(info->intent);
}

std::string chat_text(std::string_view system, std::string_view input,
                      std::optional<std::string_view> output) {
    std::string s;
    s.append(kImStart).append("system\n").append(system).append(kImEnd).append("\n");
    s.append(kImStart).append("user\n").append(input).append(kImEnd).append("\n");
    s.append(kImStart).append("assistant\n");
    if (output) s.append(*output).append(kImEnd);
    return s;
}

Result<ChatTokens> encode_chat(const Tokenizer &tokenizer, std::string_view system, std::string_view input,
                               std::optional<std::string_view> output) {
    ChatTokens out;
    auto &t = out.tokens;
    auto add = [&](std::string_view text) -> Status {
        auto ids = tokenizer.encode(text);
        if (!ids) return ids.error();
        t.insert(t.end(), ids->begin(), ids->end());
        return {};
    };
    t.push_back(kBosId);
    t.push_back(kImStartId);
    if (auto st = add("system\n" + std::string(system)); !st) return st.error();
    t.push_back(kImEndId);
    if (auto st = add("\n"); !st) return st.error();
    t.push_back(kImStartId);
    out.input_begin = t.size();
    if (auto st = add("user\n" + std::string(input)); !st) return st.error();
    t.push_back(kImEndId);
    out.input_end = t.size();
    if (auto st = add("\n"); !st) return st.error();
    t.push_back(kImStartId);
    if (auto st = add("assistant\n"); !st) return st.error();
    out.prompt_tokens = t.size();
    if (output) {
        if (auto st = add(*output); !st) return st.error();
        t.push_back(kImEndId);
    }
    return out;
}

std::string chat_template() {
    return "{{ bos_token }}{% for message in messages %}"
           "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' }}"
           "{% if message['role'] != 'assistant' %}{{ '\\n' }}{% endif %}{% endfor %}"
           "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}

}  // namespace smolify::text
