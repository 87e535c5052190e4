// The allocation watch of alloc_watch.h: a global operator new that records the largest request
// while watching.
#include "support/alloc_watch.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<bool> g_watch{false};
std::atomic<std::size_t> g_largest{0};

void note(std::size_t n) {
    if (!g_watch.load(std::memory_order_relaxed)) return;
    std::size_t cur = g_largest.load();
    while (n > cur && !g_largest.compare_exchange_weak(cur, n)) {
    }
}
}  // namespace

namespace smolify::test {
void alloc_watch_begin() {
    g_largest = 0;
    g_watch = true;
}
std::size_t alloc_watch_end() {
    g_watch = false;
    return g_largest.load();
}
}  // namespace smolify::test

// GCC pairs the malloc in our operator new with the free in our operator delete only when it cannot
// see both; here it sees both and warns about a mismatch that is not one.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void *operator new(std::size_t n) {
    note(n);
    if (void *p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop
