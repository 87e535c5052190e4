// Quantization loss before export (quant_compare.h).
#include "infer/quant_compare.h"

#include <unistd.h>

#include <cmath>
#include <limits>

#include "infer/infer.h"
#include "infer/runner.h"
#include "text/chat_format.h"
#include "train/checkpoint.h"
#include "train/dataset.h"
#include "train/trainer.h"

namespace smolify::infer {

namespace {

// Removes the temporary file however the comparison ends.
struct TempFile {
    std::filesystem::path path;
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

Result<std::vector<store::Sample>> held_out_samples(store::Project &project, const nlohmann::json &header,
                                                    HeldOutSplit split) {
    if (split == HeldOutSplit::test) {
        store::SampleQuery q;
        q.filter.status = store::SampleStatus::approved;
        q.filter.split = store::Split::test;
        return project.samples(q);
    }
    std::vector<int64_t> ids;
    try {
        ids = header.at("val_ids").get<std::vector<int64_t>>();
    } catch (const nlohmann::json::exception &) {
        return user_error("the run's checkpoint does not record its validation samples");
    }
    std::vector<store::Sample> out;
    for (std::size_t i = 0; i < ids.size(); i += 500) {
        auto page =
            project.samples_by_ids(std::span(ids).subspan(i, std::min<std::size_t>(500, ids.size() - i)));
        if (!page) return page.error();
        for (auto &s : *page)
            out.push_back(std::move(s));
    }
    if (out.size() != ids.size())
        return user_error("samples of the run's validation slice were deleted since it trained");
    return out;
}

}  // namespace

Result<QuantCompareReport> compare_export_types(store::Project &project, const QuantCompareParams &p) {
    auto student = load_project_student(project);
    if (!student) return student.error();
    auto info = train::read_checkpoint_info(student->checkpoint);
    if (!info) return info.error();
    auto tp = train::TrainParams::from_json(info->header.value("params", nlohmann::json::object()));
    if (!tp) return tp.error();

    auto samples = held_out_samples(project, info->header, p.split);
    if (!samples) return samples.error();
    auto examples =
        train::encode_examples(*student->tokenizer, student->system_prompt, *samples, tp->seq_len);
    if (!examples) return examples.error();
    QuantCompareReport report;
    report.run_id = student->run_id;
    report.split = p.split == HeldOutSplit::test ? "test" : "validation";
    report.samples = int64_t(examples->size());
    if (examples->empty())
        return user_error(p.split == HeldOutSplit::test
                              ? "the project has no approved test-split sample to score"
                              : "training run " + std::to_string(student->run_id) +
                                    " held out no validation samples; score the test split instead");

    // The export's file, as export_project_gguf writes it.
    const auto tensors = tensor_layout(student->config);
    const gguf::Vocabulary vocab = vocabulary_of(*student->tokenizer);
    gguf::StudentExportParams ep;
    ep.hooks.cancel = p.hooks.cancel;
    ep.metadata = student_metadata(project, *student);
    const std::filesystem::path dir = p.temp_dir.empty() ? project.artifacts_dir() : p.temp_dir;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);

    train::Batch batch;
    for (std::size_t ti = 0; ti < p.types.size(); ++ti) {
        const gguf::ExportType type = p.types[ti];
        if (p.hooks.cancelled()) return job::cancelled();
        TempFile tmp{dir / (".compare-" + std::to_string(::getpid()) + "-" +
                            std::string(gguf::export_type_name(type)) + ".gguf")};
        ep.type = type;
        if (Status st =
                gguf::export_student_gguf(tmp.path, student->config, student->params, tensors, vocab, ep);
            !st)
            return st.error();
        QuantCompareRow row;
        row.type = type;
        row.file_bytes = int64_t(std::filesystem::file_size(tmp.path, ec));
        if (ec) return internal_error("reading the size of " + tmp.path.string() + ": " + ec.message());
        LoadParams lp;
        lp.threads = p.threads;
        auto model = Model::from_gguf(tmp.path, lp);
        if (!model) return model.error();
        const int V = (*model)->config().vocab;

        double sum = 0;
        int64_t count = 0;
        for (std::size_t e = 0; e < examples->size(); ++e) {
            if (p.hooks.cancelled()) return job::cancelled();
            const int32_t one = int32_t(e);
            train::fill_batch(*examples, std::span(&one, 1), batch);
            (*model)->reset();
            if (Status st = (*model)->eval(batch.tokens, true); !st) return st.error();
            const auto logits = (*model)->logits();
            for (int t = 0; t < batch.T; ++t) {
                const int32_t target = batch.targets[std::size_t(t)];
                if (target < 0) continue;
                const float *z = logits.data() + std::size_t(t) * V;
                double mx = -std::numeric_limits<double>::infinity();
                for (int i = 0; i < V; ++i)
                    mx = std::max(mx, double(z[i]));
                double se = 0;
                for (int i = 0; i < V; ++i)
                    se += std::exp(double(z[i]) - mx);
                sum += mx + std::log(se) - double(z[target]);
                ++count;
            }
            QuantCompareProgress pr;
            pr.stage = std::string(gguf::export_type_name(type));
            pr.unit = "samples";
            pr.done = int64_t(e) + 1;
            pr.total = report.samples;
            pr.type_index = int(ti);
            pr.types = int(p.types.size());
            if (!p.hooks.report(pr)) return job::cancelled();
        }
        report.target_tokens = count;
        row.loss = count > 0 ? sum / double(count) : 0.0;
        row.perplexity = std::exp(row.loss);
        report.rows.push_back(row);
    }
    for (const auto &r : report.rows)
        if (r.type == gguf::ExportType::f32)
            for (auto &o : report.rows)
                o.delta_loss = o.loss - r.loss;
    return report;
}

}  // namespace smolify::infer
