// The student against an independent PyTorch implementation (torch_reference_model.py, float64):
// the same weights and batch must give the same logits, loss and gradients. Tolerances, relative
// to each tensor's largest magnitude: logits 1e-4, loss 1e-5, gradients 1e-3 (float32 against float64
// over a few layers). Skips only when torch cannot be imported; the test command installs it.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gradcheck.h"
#include "model/model.h"

namespace smolify::model {
namespace {

namespace fs = std::filesystem;

template <class T>
void write_raw(const fs::path &p, const T *data, std::size_t n) {
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char *>(data), std::streamsize(n * sizeof(T)));
    ASSERT_TRUE(f.good()) << p;
}

// max |a - b| / max(|b|, tiny) over one tensor.
double relative_error(const float *a, const double *b, std::size_t n) {
    double diff = 0.0, scale = 1e-12;
    for (std::size_t i = 0; i < n; ++i) {
        diff = std::max(diff, std::fabs(double(a[i]) - b[i]));
        scale = std::max(scale, std::fabs(b[i]));
    }
    return diff / scale;
}

void compare_with_torch(bool tied) {
    Config c;
    c.vocab = 50;
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    c.kv_heads = 2;
    c.ffn = 96;
    c.max_seq = 80;
    c.rope_theta = 500.0f;  // large rotations within 70 positions: a wrong pairing shows
    c.tied = tied;
    const int B = 2, T = 70, N = B * T;
    auto made = Model::create(c, B, T);
    ASSERT_TRUE(made.ok());
    Model &m = **made;
    m.set_threads(2);
    m.init_weights(11);
    std::vector<float> noise(m.params().size());
    testing::fill_uniform(noise, 5, 0.3f);
    for (const auto &t : m.tensors())
        for (std::size_t i = 0; i < t.size; ++i)
            m.params()[t.offset + i] = t.is_norm ? 1.0f + noise[t.offset + i] : 5.0f * m.params()[t.offset + i];
    std::vector<int32_t> tokens(N), targets(N);
    for (int i = 0; i < N; ++i) {
        tokens[i] = (i * 31 + 7) % c.vocab;
        targets[i] = i % 7 == 3 ? -1 : (i * 17 + 1) % c.vocab;
    }
    m.zero_grad();
    const float loss = m.forward(tokens.data(), targets.data(), B, T);
    m.backward();

    const fs::path dir = fs::temp_directory_path() / ("smolify_model_torch_" + std::to_string(::getpid()) +
                                                      (tied ? "_tied" : "_untied"));
    fs::create_directories(dir);
    nlohmann::json meta = {{"config", c.to_json()}, {"batch", B}, {"seq", T}, {"tensors", nlohmann::json::array()}};
    for (const auto &t : m.tensors())
        meta["tensors"].push_back({{"name", t.name}, {"offset", t.offset}, {"size", t.size}, {"shape", t.shape}});
    std::ofstream(dir / "meta.json") << meta.dump();
    write_raw(dir / "params.f32", m.params().data(), m.params().size());
    write_raw(dir / "tokens.i32", tokens.data(), tokens.size());
    write_raw(dir / "targets.i32", targets.data(), targets.size());

    const std::string cmd = std::string(SMOLIFY_PYTHON) + " " + SMOLIFY_SOURCE_DIR +
                            "/tests/model/torch_reference_model.py " + dir.string();
    const int status = std::system(cmd.c_str());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
        fs::remove_all(dir);
        GTEST_SKIP() << "torch is not importable by " << SMOLIFY_PYTHON;
    }
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;

    const std::size_t V = std::size_t(c.vocab), P = m.params().size();
    std::vector<double> ref(1 + std::size_t(N) * V + P);
    std::ifstream f(dir / "out.f64", std::ios::binary);
    f.read(reinterpret_cast<char *>(ref.data()), std::streamsize(ref.size() * sizeof(double)));
    ASSERT_TRUE(f.good()) << "short reference output";
    fs::remove_all(dir);

    EXPECT_NEAR(loss, ref[0], 1e-5 * std::fabs(ref[0]));
    EXPECT_GT(ref[0], 1.0);
    EXPECT_LT(relative_error(m.logits().data(), ref.data() + 1, std::size_t(N) * V), 1e-4);
    const double *rg = ref.data() + 1 + std::size_t(N) * V;
    for (const auto &t : m.tensors()) {
        const double err = relative_error(m.grads().data() + t.offset, rg + t.offset, t.size);
        EXPECT_LT(err, 1e-3) << t.name;
    }
}

TEST(ModelTorch, TiedMatchesPyTorch) { compare_with_torch(true); }
TEST(ModelTorch, UntiedMatchesPyTorch) { compare_with_torch(false); }

}  // namespace
}  // namespace smolify::model
