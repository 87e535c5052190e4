// No allocation inside a training step: this executable replaces the global operator new (all its
// forms route through the two below) and counts calls while forward() and backward() run.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "model/model.h"

namespace {
std::atomic<long> g_news{0};
}

void *operator new(std::size_t n) {
    g_news.fetch_add(1, std::memory_order_relaxed);
    if (void *p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void *operator new(std::size_t n, std::align_val_t a) {
    g_news.fetch_add(1, std::memory_order_relaxed);
    const std::size_t al = static_cast<std::size_t>(a);
    if (void *p = std::aligned_alloc(al, (n + al - 1) / al * al)) return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace smolify::model {
namespace {

TEST(ModelAllocation, NoneInsideForwardAndBackward) {
    Config c;
    c.vocab = 300;
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 160;
    c.max_seq = 32;
    const long before_create = g_news.load();
    auto m = Model::create(c, 4, 32);
    ASSERT_TRUE(m.ok());
    EXPECT_GT(g_news.load(), before_create);  // the counter does see the model's own allocations
    (*m)->set_threads(2);
    std::vector<int32_t> tok(4 * 32), tgt(4 * 32);
    for (std::size_t i = 0; i < tok.size(); ++i) {
        tok[i] = int32_t(i * 7 % 300);
        tgt[i] = i % 9 == 0 ? -1 : int32_t(i * 5 % 300);
    }
    // A first step warms up OpenMP's and OpenBLAS's thread pools, which is not the model's doing.
    (*m)->forward(tok.data(), tgt.data(), 4, 32);
    (*m)->backward();
    const long before = g_news.load();
    for (int step = 0; step < 3; ++step) {
        (*m)->zero_grad();
        (*m)->forward(tok.data(), tgt.data(), 4 - step % 2, 32 - step);  // smaller shapes reuse the block too
        (*m)->backward();
        (*m)->forward(tok.data(), nullptr, 2, 16);
    }
    EXPECT_EQ(g_news.load() - before, 0);
}

}  // namespace
}  // namespace smolify::model
