// smolify-cli train, tokenize. Wiring only, over core/.
#include "common.h"

namespace smolify::cli {

std::vector<Command> train_commands() {
    return {};
}

}  // namespace smolify::cli
