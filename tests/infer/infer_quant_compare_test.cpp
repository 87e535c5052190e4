// Quantization loss before export (infer/quant_compare.h) on a project trained for a few steps: the
// sizes are those of really exported files, the F32 loss is the trainer's validation loss of the
// checkpoint, F16 and Q8_0 stay close to F32, the test split and cancellation work, and nothing is
// left behind or recorded as an export.
#include <gtest/gtest.h>

#include <cmath>

#include "infer/quant_compare.h"
#include "infer/runner.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"
#include "train/train_util.h"

using namespace smolify;

namespace {

struct Trained {
    test::TempDir dir;
    std::unique_ptr<store::Project> project;
    train::TrainReport report;
};

Trained &trained() {
    static Trained t;
    static const bool done = [] {
        t.project = test::make_training_project(t.dir / "tickets.smolify", 60, 12);
        if (!t.project) return false;
        auto p = test::tiny_train_params();
        p.max_steps = 40;  // a multiple of eval_interval: every checkpoint that can be the best was validated
        auto r = train::train(*t.project, p);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        if (!r) return false;
        t.report = *r;
        return true;
    }();
    if (!done) t.project.reset();
    return t;
}

int64_t export_rows(store::Project &p) {
    return p.db().query_int("SELECT COUNT(*) FROM exports");
}

bool has_leftovers(const std::filesystem::path &dir) {
    for (const auto &e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().filename().string().rfind(".compare-", 0) == 0) return true;
    return false;
}

}  // namespace

TEST(InferQuantCompare, SizesAreTheExportedFilesAndF32LossIsTheTrainersValidationLoss) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    ASSERT_GT(t.report.val_loss, 0);
    const int64_t exports_before = export_rows(*t.project);
    auto r = infer::compare_export_types(*t.project);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(export_rows(*t.project), exports_before) << "comparing must not record an export";
    EXPECT_FALSE(has_leftovers(t.project->artifacts_dir()));
    EXPECT_EQ(r->split, "validation");
    EXPECT_EQ(r->samples, t.report.val_samples);
    EXPECT_GT(r->target_tokens, 0);
    ASSERT_EQ(r->rows.size(), 4u);

    const double f32 = r->rows[0].loss;
    EXPECT_EQ(r->rows[0].type, gguf::ExportType::f32);
    // The project's model is the best checkpoint (chosen on the decoded validation score), and
    // best_val_loss is the validation loss that checkpoint had.
    EXPECT_NEAR(f32, t.report.best_val_loss, 1e-4 * t.report.best_val_loss);
    for (const auto &row : r->rows) {
        const std::string name(gguf::export_type_name(row.type));
        SCOPED_TRACE(name);
        auto ex = infer::export_project_gguf(*t.project, t.dir / (name + ".gguf"), row.type);
        ASSERT_TRUE(ex.ok()) << ex.error().message;
        EXPECT_EQ(row.file_bytes, ex->bytes);
        EXPECT_EQ(row.file_bytes, int64_t(std::filesystem::file_size(t.dir / (name + ".gguf"))));
        EXPECT_DOUBLE_EQ(row.perplexity, std::exp(row.loss));
        EXPECT_DOUBLE_EQ(row.delta_loss, row.loss - f32);
        EXPECT_TRUE(std::isfinite(row.loss));
    }
    // Smaller types, smaller files.
    EXPECT_GT(r->rows[0].file_bytes, r->rows[1].file_bytes);
    EXPECT_GT(r->rows[1].file_bytes, r->rows[2].file_bytes);
    EXPECT_GT(r->rows[2].file_bytes, r->rows[3].file_bytes);
    // F16 and Q8_0 are near-lossless on a trained model (a loose bound; Q4_0 is not bounded here:
    // its loss can even come out below F32's on a small held-out set).
    EXPECT_LT(std::fabs(r->rows[1].loss - f32), 0.002 * f32);
    EXPECT_LT(std::fabs(r->rows[2].loss - f32), 0.02 * f32);
    EXPECT_NE(r->rows[2].loss, f32) << "Q8_0 weights were not quantized";
}

TEST(InferQuantCompare, ScoresTheTestSplitAndCancels) {
    Trained &t = trained();
    ASSERT_TRUE(t.project);
    infer::QuantCompareParams p;
    p.types = {gguf::ExportType::q8_0};
    p.split = infer::HeldOutSplit::test;
    int64_t last_done = 0, calls = 0;
    p.hooks.on_progress = [&](const infer::QuantCompareProgress &pr) {
        EXPECT_EQ(pr.done, last_done + 1);
        EXPECT_EQ(pr.stage, "q8_0");
        last_done = pr.done;
        ++calls;
        return true;
    };
    auto r = infer::compare_export_types(*t.project, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->split, "test");
    EXPECT_EQ(r->samples, 12);
    EXPECT_EQ(calls, 12);
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0].delta_loss, 0.0);  // no F32 row to compare with

    p.types = {gguf::ExportType::f32, gguf::ExportType::q4_0};
    p.split = infer::HeldOutSplit::validation;
    p.hooks.on_progress = [&](const infer::QuantCompareProgress &pr) { return pr.type_index == 0; };
    auto c = infer::compare_export_types(*t.project, p);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().kind, ErrorKind::cancelled);
    EXPECT_FALSE(has_leftovers(t.project->artifacts_dir()));

    std::atomic<bool> stop{true};
    p.hooks.on_progress = {};
    p.hooks.cancel = &stop;
    auto c2 = infer::compare_export_types(*t.project, p);
    ASSERT_FALSE(c2.ok());
    EXPECT_EQ(c2.error().kind, ErrorKind::cancelled);
}

TEST(InferQuantCompare, RefusesAnUntrainedProject) {
    test::TempDir dir;
    auto project = test::make_training_project(dir / "p.smolify", 20);
    ASSERT_TRUE(project);
    auto r = infer::compare_export_types(*project);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::user);
}
