// One input answered by the teacher as the task spec asks, beside the student's answer (the
// Playground's comparison): the spec's instruction and its contract in words as the system message,
// the input as the user's, temperature 0. The call goes through teacher::Client like every other, so
// it is journaled and priced; it makes no sample.
//
// Who calls it: the GUI's Playground page, tests. Pure.
#pragma once

#include <string_view>

#include "synth/spec.h"
#include "teacher/client.h"

namespace smolify::synth {

teacher::ChatRequest answer_request(const Spec &spec, std::string_view input, int max_tokens = 1024);

}  // namespace smolify::synth
