// The serve endpoint's generation slots: N inference models (each with its own KV cache, all over
// the one mapped GGUF) handed out to requests first come, first served. A request that finds every
// slot taken waits in line; when max_waiting requests already wait, it is refused at once (the
// server answers 503 with Retry-After) so a flood of clients costs no unbounded memory or time.
//
// Who calls it: serve/server.cpp, tests/serve. Thread-safety: acquire/stop from any thread; a Lease
// is used by one thread and gives its slot back when destroyed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <variant>
#include <vector>

#include "infer/infer.h"

namespace smolify::serve {

class SlotQueue {
public:
    SlotQueue(std::vector<std::unique_ptr<infer::Model>> models, int max_waiting);
    SlotQueue(const SlotQueue &) = delete;
    SlotQueue &operator=(const SlotQueue &) = delete;

    class Lease {
    public:
        Lease(Lease &&other) noexcept;
        Lease &operator=(Lease &&) = delete;
        Lease(const Lease &) = delete;
        ~Lease();
        infer::Model &model() const;
        int slot() const { return m_slot; }

    private:
        friend class SlotQueue;
        Lease(SlotQueue *queue, int slot) : m_queue(queue), m_slot(slot) {}
        SlotQueue *m_queue;
        int m_slot;
    };

    enum class Refusal { busy, stopped };
    // Blocks until a slot is free and every earlier caller has been served; busy when max_waiting
    // callers already wait, stopped after stop().
    std::variant<Lease, Refusal> acquire();
    // Refuses new callers and wakes those waiting (they get Refusal::stopped). Leases stay valid.
    void stop();

    int slots() const { return int(m_models.size()); }
    struct Counts {
        int idle = 0, busy = 0, waiting = 0;
    };
    Counts counts() const;

private:
    void release(int slot);

    std::vector<std::unique_ptr<infer::Model>> m_models;
    const int m_max_waiting;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<int> m_free;  // slot indices
    uint64_t m_next_ticket = 0;
    uint64_t m_serving = 0;  // the ticket whose turn it is
    int m_waiting = 0;
    bool m_stopped = false;
};

}  // namespace smolify::serve
