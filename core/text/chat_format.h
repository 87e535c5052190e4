// The prompt format the student is trained on and answers in, ChatML-style, defined once here so
// training, evaluation, inference and the GGUF chat template can never drift apart:
//
//   <s><|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{input}<|im_end|>\n<|im_start|>assistant\n
//   {output}<|im_end|>
//
// <s>, <|im_start|> and <|im_end|> are single control ids (never produced from text); the role
// words are plain text. The segments between control tokens are encoded separately, exactly as
// llama.cpp does when it tokenizes the rendered template with special tokens parsed. The prompt
// ends after "assistant\n"; the model is trained to produce the output and then <|im_end|>.
//
// {system} is the instruction of the project's current task spec, or, without one, the intent
// prefixed with "Task: " (system_prompt()). A training run stores the system prompt it used in its
// config; export and inference take it from there, not from the possibly newer spec.
//
// Who calls it: core/train, inference and evaluation, export (chat_template()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/project.h"
#include "text/tokenizer.h"
#include "util/result.h"

namespace smolify::text {

// "Task: " + the intent, trimmed.
std::string default_system_prompt(std::string_view intent);
// The current spec's instruction if it has one, else default_system_prompt(intent).
Result<std::string> system_prompt(store::Project &project);

// The rendered text of a conversation (control tokens written out), for display and for checking
// against the chat template. Without output it ends after "assistant\n".
std::string chat_text(std::string_view system, std::string_view input,
                      std::optional<std::string_view> output = std::nullopt);

struct ChatTokens {
    std::vector<int32_t> tokens;    // bos, prompt, then output and <|im_end|> when an output was given
    std::size_t prompt_tokens = 0;  // length of the prompt part (everything up to "assistant\n")
    // The user turn: from its "user\n" text to its closing <|im_end|> included, [input_begin, input_end).
    std::size_t input_begin = 0, input_end = 0;
};

// The token sequence of a conversation as training and inference use it.
Result<ChatTokens> encode_chat(const Tokenizer &tokenizer, std::string_view system, std::string_view input,
                               std::optional<std::string_view> output = std::nullopt);

// A Jinja chat template (tokenizer.chat_template in GGUF) that renders chat_text() for one system,
// one user and, with add_generation_prompt, the assistant header.
std::string chat_template();

}  // namespace smolify::text
