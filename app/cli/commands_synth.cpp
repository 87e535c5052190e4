// smolify-cli spec, generate. Wiring only, over core/.
#include "common.h"

namespace smolify::cli {

std::vector<Command> synth_commands() {
    return {};
}

}  // namespace smolify::cli
