// First come, first served slot hand-out for the serve endpoint (slots.h).
#include "serve/slots.h"

namespace smolify::serve {

SlotQueue::SlotQueue(std::vector<std::unique_ptr<infer::Model>> models, int max_waiting)
    : m_models(std::move(models)), m_max_waiting(max_waiting) {
    for (int i = int(m_models.size()) - 1; i >= 0; --i) m_free.push_back(i);
}

SlotQueue::Lease::Lease(Lease &&other) noexcept : m_queue(other.m_queue), m_slot(other.m_slot) {
    other.m_queue = nullptr;
}

SlotQueue::Lease::~Lease() {
    if (m_queue) m_queue->release(m_slot);
}

infer::Model &SlotQueue::Lease::model() const {
    return *m_queue->m_models[std::size_t(m_slot)];
}

std::variant<SlotQueue::Lease, SlotQueue::Refusal> SlotQueue::acquire() {
    std::unique_lock lock(m_mutex);
    if (m_stopped) return Refusal::stopped;
    const bool must_wait = m_free.empty() || m_waiting > 0;
    if (must_wait && m_waiting >= m_max_waiting) return Refusal::busy;
    const uint64_t ticket = m_next_ticket++;
    ++m_waiting;
    m_cv.wait(lock, [&] { return m_stopped || (ticket == m_serving && !m_free.empty()); });
    --m_waiting;
    if (m_stopped) return Refusal::stopped;
    const int slot = m_free.back();
    m_free.pop_back();
    ++m_serving;
    lock.unlock();
    m_cv.notify_all();  // the next in line may find another free slot
    return Lease(this, slot);
}

void SlotQueue::release(int slot) {
    {
        std::lock_guard lock(m_mutex);
        m_free.push_back(slot);
    }
    m_cv.notify_all();
}

void SlotQueue::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_cv.notify_all();
}

SlotQueue::Counts SlotQueue::counts() const {
    std::lock_guard lock(m_mutex);
    return {int(m_free.size()), int(m_models.size() - m_free.size()), m_waiting};
}

}  // namespace smolify::serve
