// Synthesis benchmark (issue 5): generation end to end against the fake teacher answering each request
// after a fixed latency (1 s by default) with 32 requests in flight, into a project that already holds
// 100,000 samples. Reports accepted samples per second (wall clock) and Smolify's own CPU per accepted
// sample: the CPU time of the thread that runs generate() — HTTP client, JSON parsing, contract check,
// de-duplication, SQLite — measured with RUSAGE_THREAD, so the fake teacher's threads are not counted.
// Also times the duplicate index alone at 100,000 samples.
//
//   synth_bench [--existing 100000] [--count 2000] [--latency-ms 1000] [--concurrency 32] [--faults]
//
// Prints one JSON object. Who runs it: people, before writing bench/RESULTS.md (not part of ctest).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "store/project.h"
#include "support/temp_dir.h"
#include "synth/dedup.h"
#include "synth/generate.h"
#include "synth/spec.h"
#include "synth_fake.h"

using namespace smolify;

namespace {

double thread_cpu_s() {
    struct rusage ru {};
    getrusage(RUSAGE_THREAD, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long arg_long(int argc, char **argv, const char *name, long def) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return std::strtol(argv[i + 1], nullptr, 10);
    return def;
}

bool arg_flag(int argc, char **argv, const char *name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

}  // namespace

int main(int argc, char **argv) {
    const long existing = arg_long(argc, argv, "--existing", 100000);
    const long count = arg_long(argc, argv, "--count", 2000);
    const long latency = arg_long(argc, argv, "--latency-ms", 1000);
    const long concurrency = arg_long(argc, argv, "--concurrency", 32);
    const bool faults = arg_flag(argc, argv, "--faults");

    test::TempDir dir;
    store::CreateParams cp;
    cp.intent = "Sort incoming IT tickets by urgency";
    auto project = store::Project::create(dir / "bench.smolify", cp);
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message.c_str());
        return 2;
    }
    auto spec = synth::spec_from_json(test::triage_spec_json());
    if (!spec || !(*project)->save_spec(synth::spec_to_store(*spec, "user"))) return 2;

    // The project's existing corpus: distinct tickets of the same shape as generated ones.
    double t0 = now_s();
    std::vector<store::NewSample> batch;
    for (long i = 0; i < existing; ++i) {
        auto [input, label] = test::fake_sample("existing." + std::to_string(i), 0);
        store::NewSample s;
        s.input = std::move(input);
        s.output = label;
        batch.push_back(std::move(s));
        if (batch.size() == 5000 || i + 1 == existing) {
            auto r = (*project)->insert_samples(batch);
            if (!r) {
                std::fprintf(stderr, "%s\n", r.error().message.c_str());
                return 2;
            }
            batch.clear();
        }
    }
    const double fill_s = now_s() - t0;

    // The duplicate index alone: build over the existing corpus, then look up fresh samples.
    double c0 = thread_cpu_s();
    synth::DedupIndex index;
    for (long i = 0; i < existing; ++i) {
        auto [input, label] = test::fake_sample("existing." + std::to_string(i), 0);
        index.add(i, input, label);
    }
    const double index_build_cpu = thread_cpu_s() - c0;
    c0 = thread_cpu_s();
    long hits = 0;
    const long lookups = 20000;
    for (long i = 0; i < lookups; ++i) {
        auto [input, label] = test::fake_sample("fresh." + std::to_string(i), 0);
        hits += index.find(input, label).kind != synth::DedupHit::Kind::none;
    }
    const double lookup_cpu = thread_cpu_s() - c0;

    // Generation end to end.
    test::FakeTeacher fake;
    test::SynthFakeOptions opt;
    opt.delay_ms = static_cast<int>(latency);
    opt.faults = faults;
    fake.set_handler([&](const test::FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    teacher::Endpoint ep;
    ep.base_url = fake.base_url();
    ep.model = "fake-model";
    synth::GenerateParams params;
    params.count = count;
    params.concurrency = static_cast<int>(concurrency);
    double setup_cpu = -1;
    double loop_cpu_start = 0, loop_wall_start = 0;
    bool first = true;
    params.hooks.on_progress = [&](const synth::GenerateProgress &) {
        if (first) {  // the first report comes after the run is opened and the index loaded
            first = false;
            loop_cpu_start = thread_cpu_s();
            loop_wall_start = now_s();
        }
        return true;
    };
    const double g_wall0 = now_s();
    const double g_cpu0 = thread_cpu_s();
    auto r = synth::generate(**project, ep, params);
    const double g_wall = now_s() - g_wall0;
    const double g_cpu = thread_cpu_s() - g_cpu0;
    if (!r) {
        std::fprintf(stderr, "generate: %s\n", r.error().message.c_str());
        return 2;
    }
    setup_cpu = loop_cpu_start - g_cpu0;
    const double loop_cpu = g_cpu - setup_cpu;
    const double loop_wall = now_s() - loop_wall_start;
    const auto accepted = static_cast<double>(r->totals.accepted);

    nlohmann::json out = {
        {"existing_samples", existing},
        {"fill_s", fill_s},
        {"dedup_index_build_us_per_sample", index_build_cpu / static_cast<double>(existing) * 1e6},
        {"dedup_lookup_us", lookup_cpu / lookups * 1e6},
        {"dedup_false_hits", hits},
        {"latency_ms", latency},
        {"concurrency", concurrency},
        {"faults", faults},
        {"target", count},
        {"accepted", r->totals.accepted},
        {"rejected", r->totals.rejected},
        {"duplicates", r->totals.duplicates},
        {"teacher_requests", fake.request_count()},
        {"wall_s", g_wall},
        {"samples_per_s_end_to_end", accepted / g_wall},
        {"samples_per_s_after_setup", accepted / loop_wall},
        {"setup_cpu_s", setup_cpu},
        {"cpu_ms_per_sample", loop_cpu / accepted * 1e3},
        {"cpu_ms_per_sample_incl_setup", g_cpu / accepted * 1e3},
        {"completed", r->completed},
    };
    std::printf("%s\n", out.dump(2).c_str());
    return r->completed ? 0 : 1;
}
