// An OpenAI-compatible HTTP server for one exported student GGUF (cpp-httplib): POST
// /v1/chat/completions and /v1/completions (streamed as server-sent events or not), GET /v1/models
// and /health. Request shapes, parameters and errors: openai.h and docs/inference.md ("Serving").
//
// Concurrency: `parallel` slots, each an infer::Model with its own KV cache over the one mapped file
// (weights are not copied), handed out first come, first served (slots.h); a request that would wait
// behind max_waiting others gets 503 with Retry-After. A streaming client that disconnects stops its
// generation at the next token and frees its slot. Bodies over max_body_bytes get 413.
//
//   auto s = serve::Server::open("student.gguf", {.port = 0});   // binds; s->port() is known now
//   std::thread t([&] { (void)s->run(); });                      // serves until stop()
//   s->stop(); t.join();
//
// core never prints: on_request reports each finished request (sizes and counts, never content) and
// the caller logs it. Who calls it: the serve command, tests/serve. Thread-safety: run() on one
// thread; stop(), port() and model_id() from any thread; on_request is called from many threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "util/result.h"

namespace smolify::serve {

// One finished request, for the caller's log.
struct RequestRecord {
    std::string method;
    std::string path;
    int status = 0;
    std::size_t request_bytes = 0;
    bool stream = false;
    int prompt_tokens = 0;      // generation endpoints only
    int completion_tokens = 0;  // tokens generated
    // "stop", "length", "disconnected" (the client left mid-stream), "shutdown", or empty.
    std::string finish_reason;
    double seconds = 0;  // from the request line to the last byte written
};

struct ServerParams {
    std::string host = "127.0.0.1";  // loopback unless told otherwise
    int port = 8080;                 // 0: a free port (Server::port() says which)
    int parallel = 1;                // slots: requests generating at the same time
    int threads = 0;                 // compute threads per slot; 0: the cores shared out among the slots
    int max_waiting = 16;            // requests waiting for a slot before 503
    int context = 0;                 // KV cache tokens per slot; 0: the model's context length
    std::string model_id;            // the id /v1/models lists and replies carry; empty: the file's stem
    std::size_t max_body_bytes = std::size_t(1) << 20;
    // A model with a label set (smolify.task.labels, a classification task) answers with one of its
    // labels, the one it scores highest, unless the request asks for a json_schema response format.
    bool constrain_labels = true;
    std::function<void(const RequestRecord &)> on_request;
    // Called on the generating thread after each generated token has been handled (for a stream:
    // after its delta was written), with the slot and the tokens generated so far. The generation
    // waits for it, so it must be quick; tests use it to hold a generation at a known point.
    std::function<void(int slot, int tokens)> on_token;
};

class Server {
public:
    // Loads the GGUF (with Smolify's embedded tokenizer), creates the slots and binds the socket.
    // User errors: a file that is not a Smolify student, bad parameters, an address in use.
    static Result<std::unique_ptr<Server>> open(const std::filesystem::path &model, const ServerParams &p);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    int port() const;
    const std::string &model_id() const;
    // Serves until stop(); returns once in-flight requests have ended (a stop cancels generations).
    Status run();
    void stop();

    struct Impl;

private:
    Server();
    std::unique_ptr<Impl> m;
};

}  // namespace smolify::serve
