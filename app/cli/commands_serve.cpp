// smolify-cli serve: an OpenAI-compatible HTTP endpoint for an exported student GGUF. Wiring only,
// over core/serve/server.h: options, the "listening on" line (stdout, so scripts can read the port
// --port 0 picked), one log line per request on stderr (method, path, status, sizes, token counts;
// never request content), and a clean stop on SIGINT/SIGTERM: the handler writes to a pipe that a
// waiter thread reads, which stops the server.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <thread>

#include "common.h"
#include "serve/server.h"

namespace smolify::cli {

namespace {

// The stop pipe: the signal handler writes kStopBySignal to [1]; the waiter thread reads [0].
int g_stop_pipe[2] = {-1, -1};
constexpr char kStopBySignal = 1;

void on_stop_signal(int) {
    const int saved = errno;
    const char c = kStopBySignal;
    [[maybe_unused]] const ssize_t n = ::write(g_stop_pipe[1], &c, 1);
    errno = saved;
}

void log_request(const serve::RequestRecord &r) {
    std::string tokens;
    if (r.prompt_tokens > 0)
        tokens = " prompt=" + std::to_string(r.prompt_tokens) +
                 " completion=" + std::to_string(r.completion_tokens);
    std::fprintf(stderr, "smolify-cli: %s %s %d in=%zuB%s%s%s%s %.3fs\n", r.method.c_str(), r.path.c_str(),
                 r.status, r.request_bytes, tokens.c_str(), r.finish_reason.empty() ? "" : " ",
                 r.finish_reason.c_str(), r.stream ? " stream" : "", r.seconds);
}

int run_serve(const Args &args) {
    serve::ServerParams p;
    p.host = args.value("--host").value_or(p.host);
    p.model_id = args.value("--alias").value_or("");
    int64_t n = p.port;
    if (auto e = int_option(args, "--port", 0, 65535, n)) return usage_error(*e);
    p.port = int(n);
    n = p.threads;
    if (auto e = int_option(args, "--threads", 0, 1024, n)) return usage_error(*e);
    p.threads = int(n);
    n = p.parallel;
    if (auto e = int_option(args, "--parallel", 1, 64, n)) return usage_error(*e);
    p.parallel = int(n);
    n = p.max_waiting;
    if (auto e = int_option(args, "--queue", 0, 4096, n)) return usage_error(*e);
    p.max_waiting = int(n);
    n = p.context;
    if (auto e = int_option(args, "--context", 0, 1 << 20, n)) return usage_error(*e);
    p.context = int(n);
    p.constrain_labels = !args.has("--no-constrain");
    p.on_request = log_request;

    auto server = serve::Server::open(args.positional(0), p);
    if (!server) return report(server.error());

    // SIGINT/SIGTERM write a byte to a pipe; a waiter thread reads it and stops the server. (Masking
    // the signals and sigwait()ing is not enough: OpenBLAS starts its threads when the library
    // loads, before main, with the signals unblocked, and a process signal may go to any of them.)
    if (::pipe2(g_stop_pipe, O_CLOEXEC) != 0) return report(internal_error("cannot create the stop pipe"));
    struct sigaction on_stop = {}, previous_int = {}, previous_term = {};
    on_stop.sa_handler = on_stop_signal;
    sigemptyset(&on_stop.sa_mask);
    ::sigaction(SIGINT, &on_stop, &previous_int);
    ::sigaction(SIGTERM, &on_stop, &previous_term);
    std::atomic<bool> signalled{false};
    std::thread waiter([&] {
        char c = 0;
        while (::read(g_stop_pipe[0], &c, 1) < 0 && errno == EINTR) {
        }
        if (c != kStopBySignal) return;  // run() ended on its own
        signalled.store(true);
        // A second Ctrl+C while in-flight requests wind down ends the process at once.
        ::sigaction(SIGINT, &previous_int, nullptr);
        ::sigaction(SIGTERM, &previous_term, nullptr);
        (*server)->stop();
    });
    std::printf("smolify-cli: serving %s as '%s' on http://%s:%d (Ctrl+C stops)\n",
                args.positional(0).c_str(), (*server)->model_id().c_str(), p.host.c_str(), (*server)->port());
    std::fflush(stdout);
    Status st = (*server)->run();
    if (!signalled.load()) {
        const char wake = 0;
        [[maybe_unused]] const ssize_t written = ::write(g_stop_pipe[1], &wake, 1);
    }
    waiter.join();
    ::sigaction(SIGINT, &previous_int, nullptr);
    ::sigaction(SIGTERM, &previous_term, nullptr);
    ::close(g_stop_pipe[0]);
    ::close(g_stop_pipe[1]);
    g_stop_pipe[0] = g_stop_pipe[1] = -1;
    if (!st) return report(st.error());
    std::fprintf(stderr, "smolify-cli: stopped\n");
    return kExitOk;
}

}  // namespace

std::vector<Command> serve_commands() {
    return {
        {{"serve",
          "Serve a student GGUF over an OpenAI-compatible HTTP API (chat/completions, completions)",
          "MODEL.gguf [--host 127.0.0.1] [--port 8080] [--parallel N] [--threads N] [--queue N] [--context "
          "N] "
          "[--alias ID] [--no-constrain]",
          {"MODEL"},
          {{"--host", "ADDR", "Address to listen on (default 127.0.0.1: this machine only)"},
           {"--port", "PORT", "Port (default 8080; 0 picks a free one and prints it)"},
           {"--parallel", "N", "Requests answered at the same time, each with its own cache (default 1)"},
           {"--threads", "N", "Compute threads per request (default: the cores shared among --parallel)"},
           {"--queue", "N", "Requests that may wait for a free slot before 503 (default 16)"},
           {"--context", "N", "Context tokens per slot (default: the model's)"},
           {"--alias", "ID", "Model id in /v1/models and replies (default: the file name without .gguf)"},
           {"--no-constrain", "",
            "Let a classification model answer freely (by default it answers with one of its labels)"}},
          "Endpoints: POST /v1/chat/completions, POST /v1/completions (stream: true for server-sent\n"
          "events), GET /v1/models, GET /health. The prompt is formatted exactly as in training; the\n"
          "model's own system instruction applies unless the request has a system message. One line\n"
          "per request goes to stderr (sizes and token counts, never content). Ctrl+C or SIGTERM stops.\n"
          "See docs/inference.md (Serving)."},
         run_serve},
    };
}

}  // namespace smolify::cli
