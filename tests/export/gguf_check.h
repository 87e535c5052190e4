// Locating ../shared/tools/gguf-check's install (llama.cpp from npm) for the export tests, and
// loading its ggml library to compare quantizer bytes and to let ggml's own GGUF parser read our files.
//
// The install is found at $SMOLIFY_GGUF_CHECK (the path of check.mjs that install.sh prints) or at
// install.sh's default, $XDG_CACHE_HOME (or ~/.cache)/smolify/gguf-check/check.mjs. Tests that need it
// skip only when it is not installed, saying how to install it.
#pragma once

#include <dlfcn.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace smolify::test {

inline std::filesystem::path gguf_check_script() {
    if (const char *p = std::getenv("SMOLIFY_GGUF_CHECK"); p && *p) return p;
    std::filesystem::path cache;
    if (const char *x = std::getenv("XDG_CACHE_HOME"); x && *x) cache = x;
    else if (const char *h = std::getenv("HOME"); h && *h) cache = std::filesystem::path(h) / ".cache";
    return cache / "smolify" / "gguf-check" / "check.mjs";
}

inline bool gguf_check_installed() {
    std::error_code ec;
    const auto dir = gguf_check_script().parent_path();
    return std::filesystem::is_regular_file(gguf_check_script(), ec) &&
           std::filesystem::is_regular_file(dir / "node_modules/@node-llama-cpp/linux-x64/package.json", ec);
}

inline const char *gguf_check_missing_message() {
    return "llama.cpp (gguf-check) is not installed: run ../shared/tools/gguf-check/install.sh "
           "(or set SMOLIFY_GGUF_CHECK to the check.mjs it prints)";
}

// ggml's base library as shipped with gguf-check (the same build llama.cpp runs with).
struct Ggml {
    void *handle = nullptr;
    uint16_t (*fp32_to_fp16)(float) = nullptr;
    void (*quantize_row_q8_0_ref)(const float *, void *, int64_t) = nullptr;
    void (*quantize_row_q4_0_ref)(const float *, void *, int64_t) = nullptr;
    struct InitParams {
        bool no_alloc;
        void **ctx;
    };
    void *(*gguf_init_from_file)(const char *, InitParams) = nullptr;
    int64_t (*gguf_get_n_tensors)(const void *) = nullptr;
    int64_t (*gguf_get_n_kv)(const void *) = nullptr;
    void (*gguf_free)(void *) = nullptr;

    static std::filesystem::path library_path() {
        return gguf_check_script().parent_path() / "node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so";
    }
    // nullptr when gguf-check is not installed or the library lacks a symbol.
    static const Ggml *get() {
        static Ggml g = load();
        return g.handle ? &g : nullptr;
    }

private:
    template <class F>
    static bool sym(void *h, const char *name, F &out) {
        out = reinterpret_cast<F>(dlsym(h, name));
        return out != nullptr;
    }
    static Ggml load() {
        Ggml g;
        void *h = dlopen(library_path().c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!h) return g;
        if (sym(h, "ggml_fp32_to_fp16", g.fp32_to_fp16) && sym(h, "quantize_row_q8_0_ref", g.quantize_row_q8_0_ref) &&
            sym(h, "quantize_row_q4_0_ref", g.quantize_row_q4_0_ref) &&
            sym(h, "gguf_init_from_file", g.gguf_init_from_file) && sym(h, "gguf_get_n_tensors", g.gguf_get_n_tensors) &&
            sym(h, "gguf_get_n_kv", g.gguf_get_n_kv) && sym(h, "gguf_free", g.gguf_free))
            g.handle = h;
        return g;
    }
};

}  // namespace smolify::test
