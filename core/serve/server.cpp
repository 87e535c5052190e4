// The OpenAI-compatible HTTP server over cpp-httplib (server.h). Handlers run on httplib's worker
// threads; a generation holds a slot lease for its whole run, streamed replies inside httplib's
// chunked content provider (which runs on the same worker thread after the handler returns).
#include "serve/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

#include "infer/constrain.h"
#include "infer/runner.h"
#include "serve/openai.h"
#include "serve/slots.h"
#include "text/chat_format.h"
#include "util/text.h"

namespace smolify::serve {

using nlohmann::json;

namespace {

// What this worker thread's current request has done, for the log line (filled by the handler and
// the stream provider, read by httplib's logger once the reply is written; all on one thread).
thread_local RequestRecord t_record;
thread_local std::chrono::steady_clock::time_point t_start;

std::string dump(const json &j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void send_json(httplib::Response &res, int status, const json &body) {
    res.status = status;
    res.set_content(dump(body), "application/json");
}

void send_error(httplib::Response &res, const ApiError &e) {
    send_json(res, e.status, error_body(e));
}

void method_not_allowed(httplib::Response &res, const char *allow) {
    res.set_header("Allow", allow);
    send_error(res, ApiError{405, std::string("method not allowed here; use ") + allow,
                             "invalid_request_error", "", "method_not_allowed"});
}

// OpenAI's finish_reason for how a generation ended.
std::string finish_reason(const infer::Generation &g, bool stop_string) {
    if (stop_string || g.stop_reason == "stop") return "stop";
    if (g.stop_reason == "length" || g.stop_reason == "context") return "length";
    if (g.stop_reason == "cancelled") return "shutdown";
    return "disconnected";  // the token callback gave up: the client is gone
}

json usage_json(int prompt, int completion) {
    return {
        {"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", prompt + completion}};
}

}  // namespace

struct Server::Impl {
    ServerParams params;
    infer::Runner runner;  // tokenizer, system instruction and the mapped file; models live in slots
    std::unique_ptr<SlotQueue> slots;
    httplib::Server http;
    int port = 0;
    int context = 0;
    std::string model_id;
    std::string fingerprint;
    int64_t created = 0;
    std::atomic<bool> stopping{false};
    std::mutex rng_mutex;
    std::mt19937_64 rng{std::random_device{}()};

    uint64_t random() {
        std::lock_guard lock(rng_mutex);
        return rng();
    }
    std::string new_id(const char *prefix) {
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
        return prefix + std::string(hex);
    }
    void add_routes();
    void generation(const httplib::Request &req, httplib::Response &res, bool chat);
};

void Server::Impl::generation(const httplib::Request &req, httplib::Response &res, bool chat) {
    auto parsed = chat ? parse_chat_request(req.body) : parse_completion_request(req.body);
    if (auto *e = std::get_if<ApiError>(&parsed)) return send_error(res, *e);
    auto r = std::make_shared<GenerationRequest>(std::move(std::get<GenerationRequest>(parsed)));
    t_record.stream = r->stream;

    auto enc = text::encode_chat(*runner.tokenizer, r->system ? *r->system : runner.system_prompt, r->input);
    if (!enc)
        return send_error(
            res, ApiError{500, "tokenizing the prompt failed: " + enc.error().message, "server_error"});
    auto prompt = std::make_shared<const std::vector<int32_t>>(std::move(enc->tokens));
    const int n_prompt = int(prompt->size());
    t_record.prompt_tokens = n_prompt;
    if (n_prompt >= context)
        return send_error(
            res, ApiError{400,
                          "the prompt is " + std::to_string(n_prompt) +
                              " tokens and the model's context is " + std::to_string(context) +
                              " tokens; shorten the input (or the system message) "
                              "to leave room for the answer",
                          "invalid_request_error", chat ? "messages" : "prompt", "context_length_exceeded"});

    infer::GenerateParams gp;
    gp.sampling = r->sampling;
    if (!r->seed_given) gp.sampling.seed = random();
    gp.max_tokens = std::min(r->max_tokens.value_or(context), context - n_prompt);
    gp.stop_tokens = {text::kImEndId, text::kEosId};
    gp.cancel = &stopping;
    // A json_schema response format decodes under the schema (constrained decoding): the answer is
    // JSON that keeps it. The constraint lives as long as the request (the stream outlives this call).
    std::shared_ptr<infer::Constraint> constraint;
    if (r->json_schema) {
        auto c = infer::Constraint::json_schema(*r->json_schema, *runner.tokenizer);
        if (!c)
            return send_error(res, ApiError{400, "response_format.json_schema: " + c.error().message,
                                            "invalid_request_error", "response_format", "unsupported_value"});
        constraint = std::move(*c);
        gp.constraint = constraint.get();
    } else if (params.constrain_labels && !runner.labels.empty()) {
        auto c = infer::Constraint::labels(runner.labels, *runner.tokenizer);
        if (!c)
            return send_error(res,
                              ApiError{500, "the model's label set: " + c.error().message, "server_error"});
        constraint = std::move(*c);
        gp.constraint = constraint.get();
    }

    auto acquired = slots->acquire();
    if (auto *refusal = std::get_if<SlotQueue::Refusal>(&acquired)) {
        res.set_header("Retry-After", "1");
        if (*refusal == SlotQueue::Refusal::stopped)
            return send_error(
                res, ApiError{503, "the server is shutting down", "server_error", "", "shutting_down"});
        const auto c = slots->counts();
        return send_error(res, ApiError{503,
                                        "all " + std::to_string(slots->slots()) + " slots are busy and " +
                                            std::to_string(c.waiting) +
                                            " requests are waiting; retry after a second (the server "
                                            "answers --parallel requests at a time)",
                                        "server_error", "", "server_busy"});
    }
    auto lease = std::make_shared<SlotQueue::Lease>(std::move(std::get<SlotQueue::Lease>(acquired)));
    const json base = {{"id", new_id(chat ? "chatcmpl-" : "cmpl-")},
                       {"object", chat ? "chat.completion" : "text_completion"},
                       {"created", unix_now()},
                       {"model", model_id},
                       {"system_fingerprint", fingerprint}};

    if (!r->stream) {
        DeltaDecoder dec(*runner.tokenizer, r->stop);
        Status decoded;
        int generated = 0;
        gp.on_token = [&](int32_t token) {
            auto d = dec.push(token);
            if (!d) decoded = d.error();
            if (params.on_token) params.on_token(lease->slot(), ++generated);
            return d.ok() && !dec.stopped();
        };
        auto g = infer::generate(lease->model(), *prompt, gp);
        lease.reset();  // the slot is free before the reply is written
        if (!g)
            return send_error(res, ApiError{500, "generation failed: " + g.error().message, "server_error"});
        if (!decoded)
            return send_error(res,
                              ApiError{500, "decoding failed: " + decoded.error().message, "server_error"});
        if (auto rest = dec.finish(); !rest)
            return send_error(res, ApiError{500, "decoding failed: " + rest.error().message, "server_error"});
        const std::string reason = finish_reason(*g, dec.stopped());
        t_record.completion_tokens = int(g->tokens.size());
        t_record.finish_reason = reason;
        if (reason == "shutdown")
            return send_error(
                res, ApiError{503, "the server is shutting down", "server_error", "", "shutting_down"});
        json body = base;
        json choice = {{"index", 0}, {"logprobs", nullptr}, {"finish_reason", reason}};
        if (chat)
            choice["message"] = {{"role", "assistant"}, {"content", dec.text()}, {"refusal", nullptr}};
        else
            choice["text"] = dec.text();
        body["choices"] = json::array({choice});
        body["usage"] = usage_json(n_prompt, int(g->tokens.size()));
        return send_json(res, 200, body);
    }

    // Streamed: the provider runs after this handler returns, on the same worker thread.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream", [this, r, prompt, lease, gp, constraint, base, chat, n_prompt](
                                 size_t, httplib::DataSink &sink) mutable {
            json chunk_base = base;
            chunk_base["object"] = chat ? "chat.completion.chunk" : "text_completion";
            if (r->include_usage) chunk_base["usage"] = nullptr;
            auto write = [&](const json &event) {
                const std::string line = "data: " + dump(event) + "\n\n";
                return sink.write(line.data(), line.size());
            };
            auto chunk = [&](const std::string &text, bool first, const json &reason) {
                json c = chunk_base;
                json choice = {{"index", 0}, {"logprobs", nullptr}, {"finish_reason", reason}};
                if (!chat)
                    choice["text"] = text;
                else if (first)
                    choice["delta"] = {{"role", "assistant"}, {"content", ""}};
                else if (reason.is_null())
                    choice["delta"] = {{"content", text}};
                else
                    choice["delta"] = json::object();
                c["choices"] = json::array({choice});
                return c;
            };
            bool gone = chat && !write(chunk({}, true, nullptr));
            DeltaDecoder dec(*runner.tokenizer, r->stop);
            Status decoded;
            int generated = 0;
            gp.on_token = [&](int32_t token) {
                auto d = dec.push(token);
                if (!d) {
                    decoded = d.error();
                    return false;
                }
                if (!d->empty() && !write(chunk(*d, false, nullptr))) {
                    gone = true;
                    return false;
                }
                if (params.on_token) params.on_token(lease->slot(), ++generated);
                return !dec.stopped();
            };
            Result<infer::Generation> g = gone ? Result<infer::Generation>(cancelled_error())
                                               : infer::generate(lease->model(), *prompt, gp);
            lease.reset();  // the slot is free before the tail of the stream is written
            if (g) t_record.completion_tokens = int(g->tokens.size());
            if (gone) {
                t_record.finish_reason = "disconnected";
                return false;  // httplib closes the connection
            }
            auto rest = decoded ? dec.finish() : Result<std::string>(decoded.error());
            if (!g || !rest) {
                const auto &e = !g ? g.error() : rest.error();
                write(error_body(ApiError{500, "generation failed: " + e.message, "server_error"}));
            } else {
                const std::string reason = finish_reason(*g, dec.stopped());
                t_record.finish_reason = reason;
                if (!rest->empty()) write(chunk(*rest, false, nullptr));
                write(chunk({}, false, reason));
                if (r->include_usage) {
                    json u = chunk_base;
                    u["choices"] = json::array();
                    u["usage"] = usage_json(n_prompt, int(g->tokens.size()));
                    write(u);
                }
            }
            static constexpr std::string_view kDone = "data: [DONE]\n\n";
            if (!sink.write(kDone.data(), kDone.size())) return false;
            sink.done();
            return true;
        });
}

void Server::Impl::add_routes() {
    http.Get("/health", [this](const httplib::Request &, httplib::Response &res) {
        const auto c = slots->counts();
        send_json(res, 200,
                  {{"status", "ok"},
                   {"slots_idle", c.idle},
                   {"slots_processing", c.busy},
                   {"requests_waiting", c.waiting}});
    });
    http.Get("/v1/models", [this](const httplib::Request &, httplib::Response &res) {
        send_json(res, 200,
                  {{"object", "list"},
                   {"data", json::array({{{"id", model_id},
                                          {"object", "model"},
                                          {"created", created},
                                          {"owned_by", "smolify"},
                                          {"context_length", context}}})}});
    });
    http.Post("/v1/chat/completions",
              [this](const httplib::Request &req, httplib::Response &res) { generation(req, res, true); });
    http.Post("/v1/completions",
              [this](const httplib::Request &req, httplib::Response &res) { generation(req, res, false); });

    auto not_get = [](const httplib::Request &, httplib::Response &res) { method_not_allowed(res, "GET"); };
    auto not_post = [](const httplib::Request &, httplib::Response &res) { method_not_allowed(res, "POST"); };
    for (const char *path : {"/health", "/v1/models"}) {
        http.Post(path, not_get);
        http.Put(path, not_get);
        http.Patch(path, not_get);
        http.Delete(path, not_get);
    }
    for (const char *path : {"/v1/chat/completions", "/v1/completions"}) {
        http.Get(path, not_post);
        http.Put(path, not_post);
        http.Patch(path, not_post);
        http.Delete(path, not_post);
    }

    // Replies httplib makes itself (no route, body too large, unreadable request) as OpenAI errors.
    http.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request &req,
                                                                       httplib::Response &res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ApiError e{res.status, "", "invalid_request_error", "", ""};
        if (res.status == 404) {
            e.message = "unknown route " + req.method + " " + req.path +
                        "; this server has GET /health, GET /v1/models, POST /v1/chat/completions and POST "
                        "/v1/completions";
            e.code = "not_found";
        } else if (res.status == 413) {
            e.message =
                "the request body is over the limit of " + std::to_string(params.max_body_bytes) + " bytes";
            e.code = "request_too_large";
        } else {
            e.message = "the request could not be handled (HTTP " + std::to_string(res.status) + ")";
            if (res.status >= 500) e.type = "server_error";
        }
        send_error(res, e);
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception &x) {
            what = x.what();
        } catch (...) {
        }
        send_error(res, ApiError{500, "internal error: " + what, "server_error"});
    });
    http.set_pre_routing_handler([](const httplib::Request &, httplib::Response &) {
        t_record = {};
        t_start = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger([this](const httplib::Request &req, const httplib::Response &res) {
        RequestRecord rec = std::move(t_record);
        t_record = {};
        rec.method = req.method;
        rec.path = req.path;
        rec.status = res.status;
        rec.request_bytes = req.body.size();
        if (req.has_header("Content-Length"))
            rec.request_bytes =
                std::max<std::size_t>(rec.request_bytes, req.get_header_value<uint64_t>("Content-Length"));
        if (t_start != std::chrono::steady_clock::time_point{})
            rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
        t_start = {};
        if (params.on_request) params.on_request(rec);
    });
}

Server::Server() : m(std::make_unique<Impl>()) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::open(const std::filesystem::path &model, const ServerParams &p) {
    if (p.parallel < 1 || p.parallel > 64) return user_error("--parallel must be between 1 and 64");
    if (p.threads < 0 || p.threads > 1024)
        return user_error("--threads must be between 0 (automatic) and 1024");
    if (p.port < 0 || p.port > 65535) return user_error("--port must be between 0 (any free port) and 65535");
    if (p.max_waiting < 0) return user_error("the waiting line of the server must not be negative");
    if (p.context < 0) return user_error("--context must not be negative");
    std::unique_ptr<Server> s(new Server());
    Impl &m = *s->m;
    m.params = p;
    infer::LoadParams lp;
    lp.threads =
        p.threads > 0 ? p.threads : std::max(1, int(std::thread::hardware_concurrency()) / p.parallel);
    lp.context = p.context;
    auto runner = infer::open_gguf(model, lp);
    if (!runner) return runner.error();
    m.runner = std::move(*runner);
    std::vector<std::unique_ptr<infer::Model>> models;
    models.push_back(std::move(m.runner.model));
    for (int i = 1; i < p.parallel; ++i) {
        auto extra = infer::Model::from_gguf_file(m.runner.file, lp);  // the same mapping: no copy
        if (!extra) return extra.error();
        models.push_back(std::move(*extra));
    }
    m.context = models.front()->context();
    m.fingerprint = std::string("smolify-") + SMOLIFY_VERSION + "-" +
                    infer::weight_type_name(models.front()->weight_type());
    m.slots = std::make_unique<SlotQueue>(std::move(models), p.max_waiting);
    m.model_id = p.model_id.empty() ? model.stem().string() : p.model_id;
    m.created = unix_now();

    // Enough workers for every slot, every waiting request and a few quick ones (health, errors);
    // connections beyond that wait for a worker in httplib's queue.
    const std::size_t workers = std::size_t(p.parallel + p.max_waiting + 4);
    m.http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    m.http.set_payload_max_length(p.max_body_bytes);
    m.add_routes();
    if (p.port == 0) {
        m.port = m.http.bind_to_any_port(p.host);
    } else {
        m.port = m.http.bind_to_port(p.host, p.port) ? p.port : -1;
    }
    if (m.port <= 0)
        return user_error(
            "cannot listen on " + p.host + ":" + std::to_string(p.port) +
            ": the address is in use or not available here; choose another --port (0 picks a free "
            "one) or --host");
    return s;
}

int Server::port() const {
    return m->port;
}

const std::string &Server::model_id() const {
    return m->model_id;
}

Status Server::run() {
    if (m->http.listen_after_bind() || m->stopping.load()) return {};
    return internal_error("the HTTP server stopped unexpectedly");
}

void Server::stop() {
    m->stopping.store(true);
    m->slots->stop();
    m->http.stop();
}

}  // namespace smolify::serve
