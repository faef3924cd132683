// What the PyTorch benchmarks (bench_torch_*.cpp) share: random inputs,
// tensors over the benchmark's own arrays (the same inputs on both sides, no
// copy), the agreement check run before anything is timed, and the
// registration of one timed variant.
#pragma once
#include <benchmark/benchmark.h>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace torch_bench {

template <class T>
constexpr at::ScalarType scalar_type = sizeof(T) == 8 ? at::kDouble : at::kFloat;

template <class T>
std::vector<T> random(std::size_t n, double scale, double shift, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> nd;
    std::vector<T> v(n);
    for (T& x : v) x = static_cast<T>(scale * nd(rng) + shift);
    return v;
}

/// A tensor over v's memory (no copy), shape sizes.
template <class T>
at::Tensor tensor(std::vector<T>& v, at::IntArrayRef sizes) {
    return at::from_blob(v.data(), sizes, at::TensorOptions().dtype(scalar_type<T>));
}

/// Stops the run when leibniz's result differs from PyTorch's: max |a - b| /
/// max |b| above 1e-4 in float, 1e-9 in double (a benchmark of a wrong answer
/// is worthless).
template <class T>
void agree(const char* what, const std::vector<T>& ours, const at::Tensor& theirs) {
    at::Tensor t = theirs.contiguous().to(at::kDouble);
    const double* b = t.data_ptr<double>();
    if (std::size_t(t.numel()) != ours.size()) {
        std::fprintf(stderr, "bench_torch: %s: %zu values, PyTorch has %lld\n", what, ours.size(), (long long)t.numel());
        std::exit(1);
    }
    double worst = 0, scale = 0;
    for (std::size_t q = 0; q != ours.size(); ++q) {
        worst = std::max(worst, std::abs(double(ours[q]) - b[q]));
        scale = std::max(scale, std::abs(b[q]));
    }
    if (!(worst <= (sizeof(T) == 4 ? 1e-4 : 1e-9) * std::max(scale, 1e-30)) || scale == 0) {
        std::fprintf(stderr, "bench_torch: %s differs from PyTorch's (max |diff| %g, max |value| %g)\n", what, worst, scale);
        std::exit(1);
    }
}

/// Runs each kernel on a fresh Problem(r, c) and stops the run unless every
/// one of its results (p.results()) agrees with PyTorch's (torch(p), in the
/// same order).
template <class Problem, class Torch>
void check(const char* model, std::size_t r, std::size_t c, std::initializer_list<void (*)(Problem&)> kernels, Torch torch) {
    for (auto kernel : kernels) {
        Problem p(r, c);
        kernel(p);
        const std::vector<at::Tensor> theirs = torch(p);
        const auto ours = p.results();
        for (std::size_t q = 0; q != ours.size(); ++q) {
            const std::string what = std::string(model) + " " + ours[q].first;
            agree(what.c_str(), *ours[q].second, theirs.at(q));
        }
    }
}

template <class T>
inline const char* type_name = sizeof(T) == 8 ? "double" : "float";

/// Registers the benchmark NAME<T>/r/c for each (r, c) of sizes: f timed on
/// one Problem(r, c) built first; with Problem::traffic() (bytes one call
/// moves at least), the rate as bytes_per_second.
template <class Problem, class F>
void add(const char* name, F f, std::initializer_list<std::pair<int64_t, int64_t>> sizes) {
    using T = typename Problem::value_type;
    const std::string full = std::string(name) + "<" + type_name<T> + ">";
    auto* b = benchmark::RegisterBenchmark(full.c_str(), [f](benchmark::State& state) {
        Problem p(std::size_t(state.range(0)), std::size_t(state.range(1)));
        for (auto _ : state) {
            f(p);
            benchmark::ClobberMemory();
        }
        if constexpr (requires { p.traffic(); }) state.SetBytesProcessed(int64_t(double(state.iterations()) * p.traffic()));
    });
    for (auto [r, c] : sizes) b->Args({r, c});
}

/// Runs each registration (checks, then add()s) with PyTorch on one thread.
inline bool register_all(std::initializer_list<void (*)()> registrations) {
    at::set_num_threads(1);
    for (auto r : registrations) r();
    return true;
}

}  // namespace torch_bench
