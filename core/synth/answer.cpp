#include "synth/answer.h"

namespace smolify::synth {

teacher::ChatRequest answer_request(const Spec &spec, std::string_view input, int max_tokens) {
    teacher::ChatRequest r;
    std::string system = spec.instruction;
    const std::string contract = spec_contract_text(spec);
    if (!contract.empty()) system += (system.empty() ? "" : "\n\n") + contract;
    system += (system.empty() ? "" : "\n\n") + std::string("Answer with the output only.");
    r.messages = {{"system", system}, {"user", std::string(input)}};
    r.temperature = 0;
    r.max_tokens = max_tokens;
    r.purpose = "playground";
    return r;
}

}  // namespace smolify::synth
