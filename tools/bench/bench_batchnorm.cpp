// Batch-norm backward (∂ℓ/∂γ, ∂ℓ/∂β and ∂ℓ/∂Y, ε inside the root): leibniz's
// array evaluator against hand-written loops and Eigen array expressions,
// with memcpy of the same traffic as the bandwidth baseline. Every variant is
// checked against leibniz once before it is timed.
//
// Traffic ("bytes" below, reported as bytes_per_second): what the gradients
// must at least read and write once, Y and ∂ℓ/∂H read, ∂ℓ/∂Y written, γ and
// β read, ∂ℓ/∂γ and ∂ℓ/∂β written: (3 B M + 4 M) sizeof(T). The copy
// baseline memcpys half of that, so that it too moves that many bytes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <leibniz/eigen.hpp>

namespace {
namespace bn = leibniz::derivations::batchnorm;
using E = bn::engine<bn::inside>;

template <class T>
struct problem {
    std::size_t B, M;
    std::vector<T> Y, G, gamma, beta, dgamma, dbeta, dY, work;  // work: mean, 1 / sqrt(v + eps)
    T eps = T(1e-3);
    problem(std::size_t b, std::size_t m)
        : B(b), M(m), Y(b * m), G(b * m), gamma(m), beta(m), dgamma(m), dbeta(m), dY(b * m), work(2 * m) {
        std::mt19937 rng(7);
        std::normal_distribution<double> nd;
        for (T& v : Y) v = static_cast<T>(1.5 * nd(rng) + 0.3);
        for (T& v : G) v = static_cast<T>(nd(rng));
        for (T& v : gamma) v = static_cast<T>(1.0 + 0.3 * nd(rng));
        for (T& v : beta) v = static_cast<T>(0.2 * nd(rng));
    }
    double traffic() const { return (3.0 * double(B * M) + 4.0 * double(M)) * sizeof(T); }
};

template <class T>
void leibniz_backward(problem<T>& p) {
    using namespace leibniz;
    evaluate_into(into(output(p.dgamma, p.M), E::dgamma, over(bn::j)), into(output(p.dbeta, p.M), E::dbeta, over(bn::j)),
                  into(output(p.dY, p.B, p.M), E::dY, over(bn::s, bn::t)), bn::Y = view(p.Y, p.B, p.M), bn::gamma = view(p.gamma, p.M),
                  bn::beta = view(p.beta, p.M), bn::dH = view(p.G, p.B, p.M), bn::eps = p.eps);
}

// The hand-written version: the same four passes over B x M (mean, variance,
// the two reductions fused, the output), per-column factors computed once,
// restrict-qualified pointers. Written once, compiled twice: with plain -O2,
// and with the vectorizing options leibniz compiles its own loop nests with
// (GCC's -O2 vectorizes only loops with trip counts known at compile time).
#define LEIBNIZ_BENCH_HAND_KERNEL(NAME)                                                                            \
    template <class T>                                                                                            \
    __attribute__((noinline)) void NAME(std::size_t B, std::size_t M, const T* __restrict Y, const T* __restrict G, \
                                        const T* __restrict gamma, const T* __restrict beta, T eps,               \
                                        T* __restrict dgamma, T* __restrict dbeta, T* __restrict out,             \
                                        T* __restrict mean, T* __restrict rstd) {                                 \
        const T inv_b = T(1) / T(B);                                                                              \
        for (std::size_t l = 0; l < M; ++l) mean[l] = rstd[l] = dgamma[l] = dbeta[l] = T(0);                      \
        for (std::size_t k = 0; k < B; ++k)                                                                       \
            for (std::size_t l = 0; l < M; ++l) mean[l] += Y[k * M + l];                                          \
        for (std::size_t l = 0; l < M; ++l) mean[l] *= inv_b;                                                     \
        for (std::size_t k = 0; k < B; ++k)                                                                       \
            for (std::size_t l = 0; l < M; ++l) {                                                                 \
                const T d = Y[k * M + l] - mean[l];                                                               \
                rstd[l] += d * d;                                                                                 \
            }                                                                                                     \
        for (std::size_t l = 0; l < M; ++l) rstd[l] = T(1) / std::sqrt(rstd[l] * inv_b + eps);                   \
        for (std::size_t k = 0; k < B; ++k)                                                                       \
            for (std::size_t l = 0; l < M; ++l) {                                                                 \
                const T xh = (Y[k * M + l] - mean[l]) * rstd[l];                                                  \
                const T g = G[k * M + l];                                                                         \
                const T kept = gamma[l] * xh + beta[l] > T(0) ? g : T(0);                                         \
                dbeta[l] += kept;                                                                                 \
                dgamma[l] += kept * xh;                                                                           \
            }                                                                                                     \
        for (std::size_t k = 0; k < B; ++k)                                                                       \
            for (std::size_t l = 0; l < M; ++l) {                                                                 \
                const T xh = (Y[k * M + l] - mean[l]) * rstd[l];                                                  \
                const T g = G[k * M + l];                                                                         \
                const T kept = gamma[l] * xh + beta[l] > T(0) ? g : T(0);                                         \
                out[k * M + l] = gamma[l] * rstd[l] * (kept - (dbeta[l] + xh * dgamma[l]) * inv_b);              \
            }                                                                                                     \
    }

LEIBNIZ_BENCH_HAND_KERNEL(hand_kernel)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic", "no-trapping-math")
#endif
LEIBNIZ_BENCH_HAND_KERNEL(hand_kernel_vectorized)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

template <class T>
void hand_backward(problem<T>& p) {
    hand_kernel(p.B, p.M, p.Y.data(), p.G.data(), p.gamma.data(), p.beta.data(), p.eps, p.dgamma.data(), p.dbeta.data(),
                p.dY.data(), p.work.data(), p.work.data() + p.M);
}
template <class T>
void hand_backward_vectorized(problem<T>& p) {
    hand_kernel_vectorized(p.B, p.M, p.Y.data(), p.G.data(), p.gamma.data(), p.beta.data(), p.eps, p.dgamma.data(),
                           p.dbeta.data(), p.dY.data(), p.work.data(), p.work.data() + p.M);
}

// Eigen array expressions, as one would write them with Eigen.
template <class T>
__attribute__((noinline)) void eigen_backward(problem<T>& p) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using R = Eigen::Array<T, 1, Eigen::Dynamic>;
    const Eigen::Index B = Eigen::Index(p.B), M = Eigen::Index(p.M);
    Eigen::Map<const A> Y(p.Y.data(), B, M), G(p.G.data(), B, M);
    Eigen::Map<const R> gamma(p.gamma.data(), M), beta(p.beta.data(), M);
    Eigen::Map<R> dgamma(p.dgamma.data(), M), dbeta(p.dbeta.data(), M);
    Eigen::Map<A> dY(p.dY.data(), B, M);
    const R mean = Y.colwise().mean();
    const R rstd = ((Y.rowwise() - mean).square().colwise().mean() + p.eps).rsqrt();
    const A xh = (Y.rowwise() - mean).rowwise() * rstd;
    const A kept = (((xh.rowwise() * gamma).rowwise() + beta) > T(0)).select(G, T(0));
    dbeta = kept.colwise().sum();
    dgamma = (kept * xh).colwise().sum();
    dY = (kept - ((xh.rowwise() * dgamma).rowwise() + dbeta) / T(p.B)).rowwise() * (gamma * rstd);
}

/// Stop if a variant disagrees with leibniz (a benchmark of a wrong answer is worthless).
template <class T, class F>
void agree(std::size_t B, std::size_t M, F variant, const char* name) {
    problem<T> a(B, M), b(B, M);
    leibniz_backward(a);
    variant(b);
    double worst = 0, scale = 1;
    for (T v : a.dY) scale = std::max(scale, double(std::abs(v)));
    for (std::size_t q = 0; q != a.dY.size(); ++q) worst = std::max(worst, double(std::abs(a.dY[q] - b.dY[q])) / scale);
    for (std::size_t q = 0; q != a.dgamma.size(); ++q) {
        worst = std::max(worst, double(std::abs(a.dgamma[q] - b.dgamma[q])) / std::max(1.0, double(std::abs(a.dgamma[q]))));
        worst = std::max(worst, double(std::abs(a.dbeta[q] - b.dbeta[q])) / std::max(1.0, double(std::abs(a.dbeta[q]))));
    }
    if (worst > (sizeof(T) == 4 ? 1e-4 : 1e-10)) {
        std::fprintf(stderr, "bench_batchnorm: %s disagrees with leibniz (%g)\n", name, worst);
        std::exit(1);
    }
}

template <class T, void (*F)(problem<T>&)>
void run(benchmark::State& state) {
    problem<T> p(std::size_t(state.range(0)), std::size_t(state.range(1)));
    for (auto _ : state) {
        F(p);
        benchmark::DoNotOptimize(p.dY.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(double(state.iterations()) * p.traffic()));
}

template <class T>
void bn_leibniz(benchmark::State& s) {
    run<T, leibniz_backward<T>>(s);
}
template <class T>
void bn_hand(benchmark::State& s) {
    run<T, hand_backward<T>>(s);
}
template <class T>
void bn_hand_vectorized(benchmark::State& s) {
    run<T, hand_backward_vectorized<T>>(s);
}
template <class T>
void bn_eigen(benchmark::State& s) {
    run<T, eigen_backward<T>>(s);
}
template <class T>
void bn_copy(benchmark::State& state) {
    problem<T> p(std::size_t(state.range(0)), std::size_t(state.range(1)));
    const std::size_t half = std::size_t(p.traffic() / 2);
    std::vector<char> src(half, 1), dst(half);
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), half);
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(double(state.iterations()) * p.traffic()));
}

[[maybe_unused]] const bool checked = [] {
    for (auto [B, M] : {std::pair<std::size_t, std::size_t>{256, 1024}, {32, 64}, {5, 3}}) {
        agree<double>(B, M, hand_backward<double>, "hand-written loops (double)");
        agree<double>(B, M, hand_backward_vectorized<double>, "hand-written loops, vectorized (double)");
        agree<double>(B, M, eigen_backward<double>, "Eigen (double)");
        agree<float>(B, M, hand_backward<float>, "hand-written loops (float)");
        agree<float>(B, M, hand_backward_vectorized<float>, "hand-written loops, vectorized (float)");
        agree<float>(B, M, eigen_backward<float>, "Eigen (float)");
    }
    return true;
}();

#define LEIBNIZ_BENCH_SIZES ->Args({256, 1024})->Args({32, 64})
BENCHMARK_TEMPLATE(bn_leibniz, double) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_hand, double) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_hand_vectorized, double) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_eigen, double) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_copy, double) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_leibniz, float) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_hand, float) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_hand_vectorized, float) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_eigen, float) LEIBNIZ_BENCH_SIZES;
BENCHMARK_TEMPLATE(bn_copy, float) LEIBNIZ_BENCH_SIZES;

}  // namespace
