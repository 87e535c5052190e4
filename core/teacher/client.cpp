// The teacher client's engine (see client.h): one curl multi handle on the calling thread, a queue of
// jobs (one per distinct request), each job going pending -> active -> (waiting -> active)* -> done.
//
// Time: waits between retries use the injected Clock (so tests check them without sleeping); network
// timeouts (first byte, stall) use the real monotonic clock, because they measure the network.
#include "teacher/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <queue>
#include <random>
#include <thread>
#include <unordered_map>

#include "store/project.h"
#include "teacher/journal.h"
#include "teacher/protocol.h"
#include "teacher/sse.h"
#include "util/text.h"

namespace smolify::teacher {

namespace {

int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;  // enough for any error message worth quoting

// One HTTP attempt. Lives at a stable address (unique_ptr) because curl holds a pointer to it.
struct Transfer {
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    std::string url;
    std::string body;
    std::string raw;  // the body, unless it is a stream
    std::size_t bytes = 0;
    std::size_t max_bytes = 0;
    bool decided = false;  // looked at status and content type yet
    bool sse = false;
    bool collect = true;
    ChatStream stream;
    std::optional<Error> stream_error;
    bool too_big = false;
    bool stalled = false;
    bool got_byte = false;
    int64_t start_ms = 0;
    int64_t last_byte_ms = 0;
    char errbuf[CURL_ERROR_SIZE] = {};

    ~Transfer() {
        if (easy) curl_easy_cleanup(easy);
        curl_slist_free_all(headers);
    }

    void decide() {
        if (decided) return;
        decided = true;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        char *ct = nullptr;
        curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &ct);
        sse = status >= 200 && status < 300 && ct &&
              std::string_view(ct).find("text/event-stream") != std::string_view::npos;
        if (status < 200 || status >= 300) max_bytes = std::min(max_bytes, kMaxErrorBodyBytes);
    }

    static size_t on_write(char *data, size_t size, size_t n, void *self_) {
        auto *self = static_cast<Transfer *>(self_);
        std::size_t len = size * n;
        self->got_byte = true;
        self->last_byte_ms = steady_ms();
        self->decide();
        self->bytes += len;
        if (self->bytes > self->max_bytes) {
            long status = 0;
            curl_easy_getinfo(self->easy, CURLINFO_RESPONSE_CODE, &status);
            if (status >= 200 && status < 300) {
                self->too_big = true;
                return 0;  // abort the transfer: never hold more than the cap
            }
            return len;  // an error body: keep its start for the message, drop the rest
        }
        if (self->sse) {
            Status st = self->stream.feed(std::string_view(data, len));
            if (!st) {
                self->stream_error = st.error();
                return 0;
            }
        } else {
            self->raw.append(data, len);
        }
        return len;
    }

    static size_t on_header(char *, size_t size, size_t n, void *self_) {
        auto *self = static_cast<Transfer *>(self_);
        self->got_byte = true;
        self->last_byte_ms = steady_ms();
        return size * n;
    }
};

enum class JobState { pending, active, waiting, done };

struct Job {
    std::vector<std::size_t> indices;  // requests answered by this job; the first is the one sent
    const ChatRequest *request = nullptr;
    std::string body;  // JSON text sent
    std::string hash;
    int64_t call_id = 0;
    int attempts = 0;
    int64_t not_before_ms = 0;
    int64_t first_start_ms = -1;  // when its first attempt began (the call's deadline counts from here)
    double reserved_usd = 0;
    bool journal_begun = false;
    JobState state = JobState::pending;
    std::unique_ptr<Transfer> xfer;
};

// How an attempt ended.
struct Outcome {
    enum Kind { ok, retry, fail, stop_run } kind = fail;
    Completion completion;
    Error error;
    std::optional<int64_t> retry_after_s;
    long http_status = 0;
};

bool retryable_curl(CURLcode rc) {
    switch (rc) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_SSL_CONNECT_ERROR:
            return true;
        default:
            return false;
    }
}

}  // namespace

struct Client::Impl {
    Endpoint ep;
    ClientParams p;
    store::Project *project = nullptr;
    std::optional<Journal> journal;
    double spent = 0;
    double reserved = 0;
    std::mt19937_64 rng;

    Impl(Endpoint e, ClientParams params, store::Project *proj)
        : ep(std::move(e)), p(std::move(params)), project(proj) {
        if (project) journal.emplace(*project);
        rng.seed(p.jitter_seed ? p.jitter_seed : std::random_device{}());
        p.concurrency = std::clamp(p.concurrency, 1, 1024);
        p.max_retries = std::max(0, p.max_retries);
    }

    int64_t now_ms() const { return p.clock.now_ms ? p.clock.now_ms() : steady_ms(); }
    int64_t unix_now_s() const {
        return p.clock.unix_now_s ? p.clock.unix_now_s() : unix_now();
    }
    void sleep_ms(int64_t ms) const {
        if (ms <= 0) return;
        if (p.clock.sleep_ms)
            p.clock.sleep_ms(ms);
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    }

    // Worst case for one request: every prompt byte a token (no tokenizer does worse), and the whole
    // max_tokens written.
    struct Worst {
        double usd = 0;
        int64_t prompt_tokens = 0;
        bool price_unknown = false;
    };
    Worst worst_case(const ChatRequest &r) const {
        Worst w;
        for (const ChatMessage &m : r.messages)
            w.prompt_tokens += static_cast<int64_t>(m.content.size()) + 4;
        const ModelPrice *price = p.prices.find(ep.model);
        if (!price) {
            w.price_unknown = true;
            return w;
        }
        w.usd = (static_cast<double>(w.prompt_tokens) * price->input_per_mtok +
                 static_cast<double>(std::max(0, r.max_tokens)) * price->output_per_mtok) /
                1e6;
        return w;
    }

    std::optional<Error> preflight(const std::string &key) const {
        auto host = url_host(ep.base_url);
        if (!host) return host.error();
        if (!p.allowed_hosts.empty()) {
            bool ok = std::any_of(p.allowed_hosts.begin(), p.allowed_hosts.end(), [&](const std::string &h) {
                std::string a = h;
                for (char &c : a)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                return a == *host;
            });
            if (!ok) {
                std::string list;
                for (const auto &h : p.allowed_hosts)
                    list += (list.empty() ? "" : ", ") + h;
                return user_error(
                    "the teacher host \"" + *host + "\" is not in the allowed hosts (" + list +
                    "); in air-gap mode only a local teacher may be used: change the teacher or the "
                    "allow-list");
            }
        }
        if (!ep.key_env.empty() && key.empty())
            return user_error("environment variable " + ep.key_env +
                              " is not set or empty: it should hold the teacher's API key");
        if (ep.model.empty()) return user_error("no teacher model is set");
        return std::nullopt;
    }

    std::unique_ptr<Transfer> make_transfer(const Job &job, const std::string &key) {
        auto t = std::make_unique<Transfer>();
        t->easy = curl_easy_init();
        if (!t->easy) return nullptr;
        std::string base = ep.base_url;
        while (!base.empty() && base.back() == '/')
            base.pop_back();
        t->url = base + "/chat/completions";
        t->body = job.body;
        t->max_bytes = p.max_response_bytes;
        t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
        t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
        if (job.request->stream) t->headers = curl_slist_append(t->headers, "Accept: text/event-stream");
        if (!key.empty())
            t->headers = curl_slist_append(t->headers, ("Authorization: Bearer " + key).c_str());
        CURL *e = t->easy;
        curl_easy_setopt(e, CURLOPT_URL, t->url.c_str());
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body.c_str());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body.size()));
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
        curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(p.connect_timeout_ms));
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(p.total_timeout_ms));
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not lead past the allow-list
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        if (!p.allowed_hosts.empty()) curl_easy_setopt(e, CURLOPT_PROXY, "");  // no proxy in air-gap mode
        curl_easy_setopt(e, CURLOPT_USERAGENT, "smolify/" SMOLIFY_VERSION);
        t->start_ms = steady_ms();
        t->last_byte_ms = t->start_ms;
        return t;
    }

    Outcome finish_transfer(Transfer &t, CURLcode rc, const std::string &key) {
        Outcome o;
        long status = 0;
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
        o.http_status = status;
        std::string where = sanitize_url(ep.base_url);
        if (t.too_big) {
            o.error = user_error(
                "the teacher's reply is larger than the " + std::to_string(p.max_response_bytes >> 10) +
                " KiB cap, so it was cut off and dropped (raise max_response_bytes if this is "
                "expected)");
            return o;
        }
        if (t.stalled) {
            o.kind = Outcome::retry;
            char buf[160];
            if (t.got_byte)
                std::snprintf(
                    buf, sizeof buf,
                    "the teacher stopped sending for %.1f s in the middle of a reply (stall timeout)",
                    static_cast<double>(p.stall_timeout_ms) / 1000.0);
            else
                std::snprintf(buf, sizeof buf, "the teacher did not answer within %.1f s",
                              static_cast<double>(p.first_byte_timeout_ms) / 1000.0);
            o.error = user_error(buf);
            return o;
        }
        if (t.stream_error) {
            o.kind = Outcome::retry;
            o.error = *t.stream_error;
            return o;
        }
        if (rc != CURLE_OK) {
            std::string detail = t.errbuf[0] ? std::string(t.errbuf) : std::string(curl_easy_strerror(rc));
            detail = safe_excerpt(detail, 200, key);
            o.kind = retryable_curl(rc) ? Outcome::retry : Outcome::fail;
            if (rc == CURLE_COULDNT_CONNECT)
                o.error = user_error("could not connect to the teacher at " + where +
                                     " (is the server running?): " + detail);
            else if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING)
                o.error = user_error("the connection to the teacher broke before the reply ended: " + detail);
            else if (rc == CURLE_OPERATION_TIMEDOUT)
                o.error = user_error("the teacher call timed out: " + detail);
            else
                o.error = user_error("the teacher call at " + where + " failed: " + detail);
            return o;
        }
        char *ct_raw = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &ct_raw);
        std::string ct = ct_raw ? ct_raw : "";
        if (status >= 200 && status < 300) {
            if (t.sse) {
                Status st = t.stream.finish();
                if (!st) {
                    o.kind = Outcome::retry;
                    o.error = st.error();
                    return o;
                }
                o.completion = Completion{t.stream.text(), t.stream.finish_reason(), t.stream.prompt_tokens(),
                                          t.stream.completion_tokens()};
                o.kind = Outcome::ok;
                return o;
            }
            auto c = parse_completion(t.raw, ct);
            if (!c) {
                o.error = c.error();
                return o;
            }
            o.completion = std::move(*c);
            o.kind = Outcome::ok;
            return o;
        }
        o.error = http_error(status, ep, t.raw, ct, key);
        if (is_retryable_status(status)) {
            o.kind = Outcome::retry;
            curl_header *h = nullptr;
            if (curl_easy_header(t.easy, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h &&
                h->value)
                o.retry_after_s = parse_retry_after(h->value, unix_now_s());
        } else if (status == 401 || status == 403 || status == 404 || status == 402) {
            o.kind = Outcome::stop_run;  // every other call would fail the same way
        } else {
            o.kind = Outcome::fail;
        }
        return o;
    }

    ChatReply make_reply(const Completion &c, const Job &job, bool from_journal) const {
        ChatReply r;
        r.text = c.text;
        r.finish_reason = c.finish_reason;
        r.usage_estimated = !c.prompt_tokens || !c.completion_tokens;
        int64_t prompt_bytes = 0;
        for (const ChatMessage &m : job.request->messages)
            prompt_bytes += static_cast<int64_t>(m.content.size());
        r.prompt_tokens = c.prompt_tokens.value_or(static_cast<int>((prompt_bytes + 3) / 4));
        r.completion_tokens = c.completion_tokens.value_or(static_cast<int>(estimate_tokens(c.text)));
        const ModelPrice *price = p.prices.find(ep.model);
        r.price_unknown = price == nullptr;
        if (price && !from_journal)
            r.cost_usd =
                (r.prompt_tokens * price->input_per_mtok + r.completion_tokens * price->output_per_mtok) /
                1e6;
        r.from_journal = from_journal;
        r.call_id = job.call_id;
        return r;
    }
};

Client::Client(Endpoint endpoint, ClientParams params, store::Project *journal)
    : m_impl(std::make_unique<Impl>(std::move(endpoint), std::move(params), journal)) {
    global_init();
}

Client::~Client() = default;

double Client::spent_usd() const {
    return m_impl->spent;
}
const Endpoint &Client::endpoint() const {
    return m_impl->ep;
}

Result<ChatReply> Client::chat(const ChatRequest &request, const std::atomic<bool> *cancel,
                               const std::function<void(const ClientProgress &)> &progress) {
    std::optional<Result<ChatReply>> out;
    Status st = chat_many(
        std::span<const ChatRequest>(&request, 1),
        [&](std::size_t, Result<ChatReply> r) { out.emplace(std::move(r)); }, progress, cancel);
    if (out) return std::move(*out);
    if (!st) return st.error();
    return internal_error("teacher client: the call ended without a result");
}

Result<Client::Estimate> Client::estimate_cost(std::span<const ChatRequest> requests) {
    Impl &d = *m_impl;
    Estimate est;
    std::unordered_map<std::string, bool> seen;
    for (const ChatRequest &r : requests) {
        std::string hash = request_hash(d.ep, r);
        if (!seen.emplace(hash, true).second) continue;
        if (d.journal) {
            auto found = d.journal->find_ok(hash);
            if (!found) return found.error();
            if (*found) {
                ++est.from_journal;
                continue;
            }
        }
        Impl::Worst w = d.worst_case(r);
        est.worst_usd += w.usd;
        est.prompt_tokens += w.prompt_tokens;
        est.max_completion_tokens += std::max(0, r.max_tokens);
        est.price_unknown = est.price_unknown || w.price_unknown;
    }
    return est;
}

Status Client::chat_many(std::span<const ChatRequest> requests,
                         const std::function<void(std::size_t, Result<ChatReply>)> &on_done,
                         const std::function<void(const ClientProgress &)> &progress,
                         const std::atomic<bool> *cancel) {
    Impl &d = *m_impl;
    ClientProgress prog;
    prog.total = requests.size();
    bool dirty = true;
    auto report = [&] {
        if (progress && dirty) progress(prog);
        dirty = false;
    };

    // One job per distinct request: identical requests in a batch are sent once.
    std::vector<Job> jobs;
    {
        std::unordered_map<std::string, std::size_t> by_hash;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            std::string hash = request_hash(d.ep, requests[i]);
            auto [it, fresh] = by_hash.emplace(hash, jobs.size());
            if (!fresh) {
                jobs[it->second].indices.push_back(i);
                continue;
            }
            Job job;
            job.indices.push_back(i);
            job.request = &requests[i];
            job.hash = std::move(hash);
            jobs.push_back(std::move(job));
        }
    }
    std::size_t unfinished = jobs.size();

    auto deliver = [&](Job &job, Result<ChatReply> r) {
        job.state = JobState::done;
        job.xfer.reset();
        --unfinished;
        d.reserved -= job.reserved_usd;
        job.reserved_usd = 0;
        for (std::size_t k = 0; k < job.indices.size(); ++k) {
            if (r.ok()) {
                ChatReply copy = *r;
                if (k > 0) {  // answered by the first one's call: nothing more was paid
                    copy.from_journal = true;
                    copy.cost_usd = 0;
                    copy.latency_ms = 0;
                    copy.attempts = 0;
                }
                if (copy.from_journal) ++prog.from_journal;
                ++prog.done;
                on_done(job.indices[k], std::move(copy));
            } else {
                ++prog.failed;
                on_done(job.indices[k], r.error());
            }
        }
        dirty = true;
    };
    auto finish_all = [&](const Error &e) {
        for (Job &job : jobs)
            if (job.state != JobState::done) deliver(job, e);
    };

    // 0. Text that is not UTF-8 cannot be sent as JSON: refuse that request, not the run.
    for (Job &job : jobs) {
        for (std::size_t m = 0; m < job.request->messages.size(); ++m) {
            const ChatMessage &msg = job.request->messages[m];
            if (!utf8_valid(msg.content) || !utf8_valid(msg.role)) {
                deliver(job, user_error("message " + std::to_string(m + 1) +
                                        " of this request is not valid UTF-8 text, so it cannot be sent"));
                break;
            }
        }
    }

    // 1. What the journal already holds is answered without the network.
    if (d.journal) {
        for (Job &job : jobs) {
            if (job.state == JobState::done) continue;
            auto found = d.journal->find_ok(job.hash);
            if (!found) {
                finish_all(found.error());
                report();
                return found.error();
            }
            if (!*found) continue;
            auto c = parse_completion((*found)->response, "application/json");
            if (!c) continue;  // an unreadable old row: ask again
            job.call_id = (*found)->id;
            ChatReply reply = d.make_reply(*c, job, /*from_journal=*/true);
            reply.prompt_tokens = static_cast<int>((*found)->prompt_tokens);
            reply.completion_tokens = static_cast<int>((*found)->completion_tokens);
            deliver(job, std::move(reply));
        }
    }
    report();
    if (unfinished == 0) return Status::success();

    if (d.p.offline) {
        Error e =
            user_error(d.journal ? "offline: this request is not in the project's journal of teacher calls, "
                                   "so it cannot be answered without the network"
                                 : "offline: there is no journal to answer from");
        finish_all(e);
        report();
        return Status::success();
    }

    // 2. Checks that need no connection: the allow-list, the key, the model.
    std::string key = d.ep.key;
    if (key.empty() && !d.ep.key_env.empty())
        if (const char *k = std::getenv(d.ep.key_env.c_str())) key = k;
    if (auto e = d.preflight(key)) {
        finish_all(*e);
        report();
        return *e;
    }

    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), curl_multi_cleanup);
    if (!multi) return internal_error("teacher client: cannot start libcurl");

    std::deque<std::size_t> pending;
    for (std::size_t j = 0; j < jobs.size(); ++j)
        if (jobs[j].state == JobState::pending) pending.push_back(j);
    using Wait = std::pair<int64_t, std::size_t>;  // (not before, job)
    std::priority_queue<Wait, std::vector<Wait>, std::greater<>> waiting;
    std::unordered_map<CURL *, std::size_t> active;
    std::optional<Error> stop;

    auto detach = [&](Job &job) {
        if (job.xfer && job.xfer->easy) {
            curl_multi_remove_handle(multi.get(), job.xfer->easy);
            active.erase(job.xfer->easy);
        }
    };
    auto journal_fail = [&](Job &job, std::optional<int64_t> http, const std::string &msg) -> Status {
        if (!d.journal || !job.journal_begun) return Status::success();
        int64_t latency = job.xfer ? steady_ms() - job.xfer->start_ms : 0;
        return d.journal->complete_failed(job.call_id, http, msg, latency);
    };

    // Starts the next attempt of a job; false when it could not (and the job or run was ended).
    auto start = [&](std::size_t j) -> bool {
        Job &job = jobs[j];
        if (job.attempts == 0) {
            Impl::Worst w = d.worst_case(*job.request);
            if (d.p.budget_usd) {
                if (w.price_unknown) {
                    stop = user_error(
                        "a budget is set but the price table has no price for model \"" + d.ep.model +
                        "\", so the cost cannot be bounded: add its price or remove the budget");
                    return false;
                }
                if (d.spent + d.reserved + w.usd > *d.p.budget_usd) {
                    if (!active.empty()) return false;  // calls in flight may cost less than reserved: wait
                    char buf[256];
                    std::snprintf(
                        buf, sizeof buf,
                        "the budget of $%.4f would be exceeded: $%.4f spent, and the next call could cost "
                        "up to $%.4f; raise the budget or lower max_tokens",
                        *d.p.budget_usd, d.spent, w.usd);
                    stop = user_error(buf);
                    return false;
                }
            }
            job.reserved_usd = w.usd;
            d.reserved += w.usd;
            job.body = dump_json(request_body(d.ep, *job.request));
            if (d.journal) {
                auto id = d.journal->begin(job.hash, job.request->purpose, sanitize_url(d.ep.base_url),
                                           d.ep.model, job.body);
                if (!id) {
                    stop = id.error();
                    return false;
                }
                job.call_id = *id;
                job.journal_begun = true;
            }
        }
        if (job.first_start_ms < 0) job.first_start_ms = d.now_ms();
        ++job.attempts;
        job.xfer = d.make_transfer(job, key);
        if (!job.xfer) {
            stop = internal_error("teacher client: cannot create a libcurl handle");
            return false;
        }
        if (curl_multi_add_handle(multi.get(), job.xfer->easy) != CURLM_OK) {
            stop = internal_error("teacher client: libcurl refused a transfer");
            return false;
        }
        active.emplace(job.xfer->easy, j);
        job.state = JobState::active;
        return true;
    };

    auto handle_outcome = [&](std::size_t j, Outcome o) {
        Job &job = jobs[j];
        if (o.kind == Outcome::ok) {
            ChatReply reply = d.make_reply(o.completion, job, false);
            reply.latency_ms = steady_ms() - job.xfer->start_ms;
            reply.attempts = job.attempts;
            d.spent += reply.cost_usd;
            prog.spent_usd = d.spent;
            if (d.journal) {
                Status st = d.journal->complete_ok(job.call_id, dump_json(completion_to_json(o.completion)),
                                                   o.http_status, reply.prompt_tokens,
                                                   reply.completion_tokens, reply.cost_usd, reply.latency_ms);
                if (!st) {
                    stop = st.error();
                    deliver(job, st.error());
                    return;
                }
            }
            deliver(job, std::move(reply));
            return;
        }
        if (o.kind == Outcome::retry) {
            if (job.attempts > d.p.max_retries) {
                Error e = user_error("gave up after " + std::to_string(job.attempts) +
                                     " attempts: " + o.error.message +
                                     "; check that the teacher's server is up and answering, then run again "
                                     "(completed calls are kept and will not be paid for again)");
                (void)journal_fail(job, o.http_status ? std::optional<int64_t>(o.http_status) : std::nullopt,
                                   e.message);
                deliver(job, e);
                return;
            }
            if (o.retry_after_s && *o.retry_after_s > d.p.max_retry_after_s) {
                Error e = user_error(
                    "the teacher is rate limiting this key for " + std::to_string(*o.retry_after_s) +
                    " s (Retry-After), longer than this run waits (" + std::to_string(d.p.max_retry_after_s) +
                    " s): run again later; completed calls are kept and will not be paid for again");
                (void)journal_fail(job, o.http_status, e.message);
                deliver(job, e);
                stop = e;
                return;
            }
            // Jittered exponential backoff: base*2^(n-1) .. twice that, capped; never less than the hint.
            int64_t backoff = d.p.backoff_base_ms << std::min(job.attempts - 1, 20);
            backoff = std::min(backoff, d.p.backoff_cap_ms);
            std::uniform_int_distribution<int64_t> jitter(0, std::max<int64_t>(backoff, 0));
            int64_t delay = std::min(backoff + jitter(d.rng), d.p.backoff_cap_ms);
            if (o.retry_after_s)
                delay = std::max(delay, *o.retry_after_s * 1000 + std::uniform_int_distribution<int64_t>(
                                                                      0, d.p.backoff_base_ms)(d.rng));
            // The call's own deadline: no retry that would start after it.
            const int64_t used_ms = d.now_ms() - job.first_start_ms;
            if (d.p.call_deadline_ms > 0 && used_ms + delay >= d.p.call_deadline_ms) {
                char buf[200];
                std::snprintf(buf, sizeof buf, "no complete reply from the teacher in %.0f s over %d attempt%s",
                              static_cast<double>(used_ms) / 1000.0, job.attempts, job.attempts == 1 ? "" : "s");
                Error e = user_error(std::string(buf) + " (the last: " + o.error.message +
                                     "); check that the teacher's server is up and answering, then run again "
                                     "(completed calls are kept and will not be paid for again)");
                (void)journal_fail(job, o.http_status ? std::optional<int64_t>(o.http_status) : std::nullopt,
                                   e.message);
                deliver(job, e);
                return;
            }
            job.not_before_ms = d.now_ms() + delay;
            job.state = JobState::waiting;
            job.xfer.reset();
            waiting.emplace(job.not_before_ms, j);
            ++prog.retries;
            prog.retry_in_s = (delay + 999) / 1000;
            prog.note = (o.http_status == 429 ? "rate limited, retrying in " : "teacher error, retrying in ") +
                        std::to_string(prog.retry_in_s) + " s (retry " + std::to_string(job.attempts) + " of " +
                        std::to_string(d.p.max_retries) + "): " + o.error.message;
            dirty = true;
            return;
        }
        (void)journal_fail(job, o.http_status ? std::optional<int64_t>(o.http_status) : std::nullopt,
                           o.error.message);
        deliver(job, o.error);
        if (o.kind == Outcome::stop_run) stop = o.error;
    };

    while (unfinished > 0) {
        if (cancel && cancel->load()) {
            Error e =
                cancelled_error("cancelled; calls in flight were abandoned and will be sent again next run");
            for (Job &job : jobs) {
                if (job.state == JobState::active) detach(job);
                if (job.state == JobState::active || job.state == JobState::waiting)
                    (void)journal_fail(job, std::nullopt, "cancelled");
            }
            finish_all(e);
            report();
            return e;
        }
        if (stop && active.empty()) {
            Error e = *stop;
            for (Job &job : jobs)
                if (job.state == JobState::waiting) (void)journal_fail(job, std::nullopt, e.message);
            finish_all(e);
            report();
            return e;
        }

        // Start what may start: retries that are due first, then new requests.
        int64_t now = d.now_ms();
        while (!stop && active.size() < static_cast<std::size_t>(d.p.concurrency) && !waiting.empty() &&
               waiting.top().first <= now) {
            std::size_t j = waiting.top().second;
            waiting.pop();
            if (!start(j)) {
                waiting.emplace(jobs[j].not_before_ms, j);
                break;
            }
        }
        while (!stop && active.size() < static_cast<std::size_t>(d.p.concurrency) && !pending.empty()) {
            if (!start(pending.front())) break;
            pending.pop_front();
        }
        if (prog.in_flight != active.size() || prog.waiting != waiting.size()) dirty = true;
        prog.in_flight = active.size();
        prog.waiting = waiting.size();
        if (waiting.empty()) prog.retry_in_s = 0;
        report();

        if (!active.empty()) {
            int timeout = 50;
            if (!waiting.empty())
                timeout = static_cast<int>(std::clamp<int64_t>(waiting.top().first - now, 0, 50));
            curl_multi_poll(multi.get(), nullptr, 0, timeout, nullptr);
            int running = 0;
            curl_multi_perform(multi.get(), &running);
            int left = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi.get(), &left)) {
                if (msg->msg != CURLMSG_DONE) continue;
                auto it = active.find(msg->easy_handle);
                if (it == active.end()) continue;
                std::size_t j = it->second;
                CURLcode rc = msg->data.result;
                detach(jobs[j]);
                Outcome o = d.finish_transfer(*jobs[j].xfer, rc, key);
                handle_outcome(j, std::move(o));
            }
            // Network timeouts curl does not know about: no first byte, or a stall mid-reply.
            int64_t real_now = steady_ms();
            std::vector<std::size_t> stalled;
            for (auto &[easy, j] : active) {
                Transfer &t = *jobs[j].xfer;
                int64_t limit = t.got_byte ? d.p.stall_timeout_ms : d.p.first_byte_timeout_ms;
                if (real_now - t.last_byte_ms > limit) stalled.push_back(j);
            }
            for (std::size_t j : stalled) {
                detach(jobs[j]);
                jobs[j].xfer->stalled = true;
                Outcome o = d.finish_transfer(*jobs[j].xfer, CURLE_OPERATION_TIMEDOUT, key);
                handle_outcome(j, std::move(o));
            }
        } else if (!waiting.empty()) {
            int64_t wait = waiting.top().first - d.now_ms();
            int64_t in_s = std::max<int64_t>(0, (wait + 999) / 1000);
            if (in_s != prog.retry_in_s) {  // a countdown for the UI, once a second
                prog.retry_in_s = in_s;
                dirty = true;
            }
            d.sleep_ms(std::clamp<int64_t>(wait, 0, 100));
        } else if (pending.empty() && !stop) {
            break;  // nothing can make progress (should not happen)
        }
    }
    report();
    if (unfinished > 0) {
        Error e = internal_error("teacher client: the run ended with calls unanswered");
        finish_all(e);
        return e;
    }
    return stop ? Status(*stop) : Status::success();
}

}  // namespace smolify::teacher
