// An Ollama Modelfile for an exported student GGUF: FROM the file beside it, a TEMPLATE in Ollama's
// Go template syntax that renders exactly the prompt the student was trained on (the BOS piece, then
// text::chat_text(system, input); the "<s>" text becomes the BOS token because Ollama tokenizes the
// rendered prompt with special tokens parsed), SYSTEM with the run's system prompt, PARAMETER stop
// "<|im_end|>", a low temperature and the trained context length.
//
// Ollama's Modelfile parser has no escape sequences: a value in """...""" ends at the first """
// followed by whitespace, and it drops control characters. A system prompt that cannot survive that
// (it contains """ or a control character other than tab, CR and LF) is not written as SYSTEM;
// the TEMPLATE then carries it as a Go string literal, which can hold any text, so the rendering
// stays exact.
//
// Who calls it: the export command and the GUI's export page. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace smolify::card {

struct ModelfileParams {
    std::string gguf_name;      // file name of the GGUF beside the Modelfile
    std::string system_prompt;  // the run's system prompt
    std::string bos_piece = "<s>";
    int context_length = 0;     // num_ctx; 0 leaves Ollama's default
    double temperature = 0.2;
};

// True when `text` can be written as a """-quoted Modelfile value and read back unchanged.
bool modelfile_safe(std::string_view text);

// The Modelfile's text (with the kSmolifyMarker comment line first).
std::string render_modelfile(const ModelfileParams &p);

}  // namespace smolify::card
