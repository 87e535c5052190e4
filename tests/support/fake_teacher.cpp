// The scripted fake teacher (see fake_teacher.h): cpp-httplib server on its own thread, replies taken
// from a queue or a handler, every request logged.
#include "support/fake_teacher.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace smolify::test {

namespace {

std::string lower(std::string s) {
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

FakeReply FakeReply::ok(const std::string &text, int prompt_tokens, int completion_tokens,
                        const std::string &finish_reason) {
    nlohmann::json j = {
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion"},
        {"model", "fake"},
        {"choices",
         {{{"index", 0},
           {"message", {{"role", "assistant"}, {"content", text}}},
           {"finish_reason", finish_reason}}}},
        {"usage",
         {{"prompt_tokens", prompt_tokens},
          {"completion_tokens", completion_tokens},
          {"total_tokens", prompt_tokens + completion_tokens}}},
    };
    FakeReply r;
    r.body = j.dump();
    return r;
}

FakeReply FakeReply::error(int status, const std::string &message) {
    FakeReply r;
    r.status = status;
    r.body = nlohmann::json{{"error", {{"message", message}, {"type", "fake_error"}}}}.dump();
    return r;
}

FakeReply FakeReply::rate_limited(const std::string &retry_after) {
    FakeReply r = error(429, "Rate limit reached, slow down");
    r.headers.emplace_back("Retry-After", retry_after);
    return r;
}

FakeReply FakeReply::html(int status) {
    FakeReply r;
    r.status = status;
    r.content_type = "text/html";
    r.body =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad "
        "Gateway</h1></center><hr><center>nginx</center></body></html>\n";
    return r;
}

FakeReply FakeReply::sse(std::vector<std::string> chunks, int chunk_delay_ms) {
    FakeReply r;
    r.content_type = "text/event-stream";
    r.chunks = std::move(chunks);
    r.chunk_delay_ms = chunk_delay_ms;
    return r;
}

std::string FakeReply::sse_text(const std::string &text, std::size_t piece, const std::string &eol,
                                bool done) {
    std::string out;
    auto event = [&](const nlohmann::json &delta, const nlohmann::json &finish) {
        nlohmann::json choice = {{"index", 0}, {"delta", delta}, {"finish_reason", finish}};
        nlohmann::json chunk = {{"object", "chat.completion.chunk"},
                                {"choices", nlohmann::json::array({choice})}};
        out += "data: " + chunk.dump() + eol + eol;
    };
    piece = std::max<std::size_t>(piece, 1);
    event({{"role", "assistant"}, {"content", ""}}, nullptr);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = std::min(text.size(), i + piece);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            ++end;  // whole chars
        event({{"content", text.substr(i, end - i)}}, nullptr);
        i = end;
    }
    event(nlohmann::json::object(), "stop");
    nlohmann::json usage = {
        {"object", "chat.completion.chunk"},
        {"choices", nlohmann::json::array()},
        {"usage", {{"prompt_tokens", 7}, {"completion_tokens", 3}, {"total_tokens", 10}}}};
    out += "data: " + usage.dump() + eol + eol;
    if (done) out += "data: [DONE]" + eol + eol;
    return out;
}

std::string FakeRequest::last_user_message() const {
    if (!json.is_object() || !json.contains("messages") || !json["messages"].is_array()) return {};
    std::string last;
    for (const auto &m : json["messages"])
        if (m.is_object() && m.value("role", "") == "user" && m.contains("content") &&
            m["content"].is_string())
            last = m["content"].get<std::string>();
    return last;
}

struct FakeTeacher::Impl {
    httplib::Server server;
    std::thread thread;
    int port = 0;

    mutable std::mutex mutex;
    std::condition_variable stop_cv;
    bool stopping = false;
    std::deque<FakeReply> queue;
    std::function<FakeReply(const FakeRequest &)> handler;
    std::function<int64_t()> stamp;
    std::vector<FakeRequest> log;

    // Sleeps up to `ms`, ending early when the server stops. Returns false if it is stopping.
    bool pause(int ms) {
        std::unique_lock lock(mutex);
        stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping; });
        return !stopping;
    }

    void handle(const httplib::Request &req, httplib::Response &res) {
        FakeRequest fr;
        fr.method = req.method;
        fr.path = req.path;
        for (const auto &[k, v] : req.headers)
            fr.headers[lower(k)] = v;
        fr.body = req.body;
        fr.json = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        if (fr.json.is_discarded()) fr.json = nullptr;

        std::optional<FakeReply> scripted;
        std::function<FakeReply(const FakeRequest &)> fn;
        {
            std::lock_guard lock(mutex);
            fr.stamp = stamp ? stamp() : 0;
            fr.index = log.size();
            log.push_back(fr);
            if (!queue.empty()) {
                scripted = std::move(queue.front());
                queue.pop_front();
            } else {
                fn = handler;
            }
        }
        // The handler runs unlocked: it may look at requests() itself.
        FakeReply reply = scripted ? std::move(*scripted)
                          : fn     ? fn(fr)
                                   : FakeReply::ok("echo: " + fr.last_user_message());
        if (reply.delay_ms > 0 && !pause(reply.delay_ms)) return;
        send(std::move(reply), res);
    }

    void send(FakeReply reply, httplib::Response &res) {
        res.status = reply.status;
        for (const auto &[k, v] : reply.headers)
            res.set_header(k, v);
        auto r = std::make_shared<FakeReply>(std::move(reply));

        if (!r->chunks.empty()) {
            res.set_chunked_content_provider(
                r->content_type, [this, r, i = std::size_t{0}](std::size_t, httplib::DataSink &sink) mutable {
                    if (i < r->chunks.size()) {
                        if (i > 0 && r->chunk_delay_ms > 0 && !pause(r->chunk_delay_ms)) return false;
                        const std::string &c = r->chunks[i++];
                        return sink.write(c.data(), c.size());
                    }
                    if (r->stall_ms > 0 && !pause(r->stall_ms)) return false;
                    sink.done();
                    return true;
                });
            return;
        }
        if (r->huge_bytes > 0) {
            if (r->body.empty()) r->body = "x";
            res.set_content_provider(r->huge_bytes, r->content_type,
                                     [r](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                                         std::string piece;
                                         std::size_t n = std::min<std::size_t>(length, 64 * 1024);
                                         piece.reserve(n);
                                         for (std::size_t k = 0; k < n; ++k)
                                             piece.push_back(r->body[(offset + k) % r->body.size()]);
                                         return sink.write(piece.data(), piece.size());
                                     });
            return;
        }
        if (r->declared_length >= 0 || r->stall_ms > 0) {
            // Send the body, stall if asked, then close before the declared length: a truncated reply.
            std::size_t declared = std::max<std::size_t>(
                r->declared_length >= 0 ? static_cast<std::size_t>(r->declared_length) : 0,
                r->body.size() + 1);
            res.set_content_provider(declared, r->content_type,
                                     [this, r](std::size_t offset, std::size_t, httplib::DataSink &sink) {
                                         if (offset < r->body.size())
                                             return sink.write(r->body.data() + offset,
                                                               r->body.size() - offset);
                                         if (r->stall_ms > 0) pause(r->stall_ms);
                                         return false;
                                     });
            return;
        }
        res.set_content(r->body, r->content_type);
    }
};

FakeTeacher::FakeTeacher() : m_impl(std::make_unique<Impl>()) {
    Impl &d = *m_impl;
    // Enough workers for many requests in flight and stalled connections at once.
    d.server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    d.server.set_keep_alive_timeout(2);
    auto handle = [&d](const httplib::Request &req, httplib::Response &res) { d.handle(req, res); };
    d.server.Post(R"(/.*)", handle);
    d.server.Get(R"(/.*)", handle);
    d.port = d.server.bind_to_any_port("127.0.0.1");
    if (d.port <= 0) throw std::runtime_error("fake teacher: cannot bind to 127.0.0.1");
    d.thread = std::thread([&d] { d.server.listen_after_bind(); });
    // listen_after_bind may not have entered its loop yet; connections queue on the bound socket
    // meanwhile, so nothing is lost, but stop() must not race with it.
    while (!d.server.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeTeacher::~FakeTeacher() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopping = true;
    }
    m_impl->stop_cv.notify_all();
    m_impl->server.stop();
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

int FakeTeacher::port() const {
    return m_impl->port;
}

std::string FakeTeacher::base_url() const {
    return "http://127.0.0.1:" + std::to_string(m_impl->port) + "/v1";
}

void FakeTeacher::push(FakeReply reply) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->queue.push_back(std::move(reply));
}

void FakeTeacher::push(FakeReply reply, std::size_t times) {
    std::lock_guard lock(m_impl->mutex);
    for (std::size_t i = 0; i < times; ++i)
        m_impl->queue.push_back(reply);
}

void FakeTeacher::set_handler(std::function<FakeReply(const FakeRequest &)> handler) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->handler = std::move(handler);
}

void FakeTeacher::set_stamp(std::function<int64_t()> stamp) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stamp = std::move(stamp);
}

std::vector<FakeRequest> FakeTeacher::requests() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->log;
}

std::size_t FakeTeacher::request_count() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->log.size();
}

std::size_t FakeTeacher::queued() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->queue.size();
}

}  // namespace smolify::test
