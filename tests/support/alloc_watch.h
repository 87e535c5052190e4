// The largest single allocation while a piece of code runs: the hostile-file tests use it to prove
// that no size read from an untrusted file drives a large allocation. alloc_watch.cpp replaces the
// global operator new, so add it to the SOURCES of exactly the test executables that use this.
//
//   test::alloc_watch_begin();
//   auto r = parse(bytes);
//   const std::size_t largest = test::alloc_watch_end();
#pragma once

#include <cstddef>

namespace smolify::test {

void alloc_watch_begin();       // resets the high-water mark and starts watching
std::size_t alloc_watch_end();  // stops watching; the largest single allocation seen

}  // namespace smolify::test
