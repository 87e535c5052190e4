// smolify-cli bench train, bench infer. Wiring only, over core/.
#include "common.h"

namespace smolify::cli {

std::vector<Command> bench_commands() {
    return {};
}

}  // namespace smolify::cli
