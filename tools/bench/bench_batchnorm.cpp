// Batch-norm backward (∂ℓ/∂γ, ∂ℓ/∂β and ∂ℓ/∂Y, ε inside the root): leibniz's
// array evaluator against hand-written loops and Eigen array expressions,
// with memcpy of the same traffic as the bandwidth baseline. Every variant is
// checked against leibniz once before it is timed.
//
// Two forms of the same gradients:
//   saved    the batch statistics m and v saved by the forward pass are
//            inputs (what a training framework's backward kernel gets): in
//            leibniz, binding the intermediates m and v by name. Two passes
//            over B x M, for leibniz and for the hand-written fused loop.
//   scratch  only Y, γ, β and ∂ℓ/∂H are given; m and v are recomputed
//            (two-pass variance): four passes over B x M.
//
// Traffic ("bytes" below, reported as bytes_per_second): what the gradients
// must at least read and write once, Y and ∂ℓ/∂H read, ∂ℓ/∂Y written, γ and
// β (and m, v where saved) read, ∂ℓ/∂γ and ∂ℓ/∂β written. The copy baseline
// memcpys half of that, so that it too moves that many bytes.
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
    std::vector<T> Y, G, gamma, beta, mean, var, dgamma, dbeta, dY, work;  // work: the hand-written loops' scratch (6 M)
    T eps = T(1e-3);
    problem(std::size_t b, std::size_t m)
        : B(b), M(m), Y(b * m), G(b * m), gamma(m), beta(m), mean(m), var(m), dgamma(m), dbeta(m), dY(b * m), work(6 * m) {
        std::mt19937 rng(7);
        std::normal_distribution<double> nd;
        for (T& v : Y) v = static_cast<T>(1.5 * nd(rng) + 0.3);
        for (T& v : G) v = static_cast<T>(nd(rng));
        for (T& v : gamma) v = static_cast<T>(1.0 + 0.3 * nd(rng));
        for (T& v : beta) v = static_cast<T>(0.2 * nd(rng));
        // what the forward pass saves: the batch mean and the (biased) batch variance
        for (std::size_t l = 0; l != M; ++l) {
            double s = 0, q = 0;
            for (std::size_t k = 0; k != B; ++k) s += double(Y[k * M + l]);
            s /= double(B);
            for (std::size_t k = 0; k != B; ++k) q += (double(Y[k * M + l]) - s) * (double(Y[k * M + l]) - s);
            mean[l] = static_cast<T>(s);
            var[l] = static_cast<T>(q / double(B));
        }
    }
    double traffic(bool saved) const { return (3.0 * double(B * M) + (saved ? 6.0 : 4.0) * double(M)) * sizeof(T); }
};

// ---- leibniz ------------------------------------------------------------------------------------
template <class T>
void leibniz_saved(problem<T>& p) {
    using namespace leibniz;
    evaluate_into(into(output(p.dgamma, p.M), E::dgamma, over(bn::j)), into(output(p.dbeta, p.M), E::dbeta, over(bn::j)),
                  into(output(p.dY, p.B, p.M), E::dY, over(bn::s, bn::t)), bn::Y = view(p.Y, p.B, p.M),
                  bn::gamma = view(p.gamma, p.M), bn::beta = view(p.beta, p.M), bn::dH = view(p.G, p.B, p.M),
                  bn::m = view(p.mean, p.M), bn::v = view(p.var, p.M), bn::eps = p.eps);
}
template <class T>
void leibniz_scratch(problem<T>& p) {
    using namespace leibniz;
    evaluate_into(into(output(p.dgamma, p.M), E::dgamma, over(bn::j)), into(output(p.dbeta, p.M), E::dbeta, over(bn::j)),
                  into(output(p.dY, p.B, p.M), E::dY, over(bn::s, bn::t)), bn::Y = view(p.Y, p.B, p.M),
                  bn::gamma = view(p.gamma, p.M), bn::beta = view(p.beta, p.M), bn::dH = view(p.G, p.B, p.M), bn::eps = p.eps);
}

// ---- hand-written loops -------------------------------------------------------------------------
// Restrict-qualified pointers, per-column factors computed once, the mask
// as a select: the loops as one writes them for the compiler to vectorize,
// compiled with the flags of the benchmark build (tools/bench.sh), the same
// for every variant.

/// The two passes from saved statistics: the two reductions fused, then ∂ℓ/∂Y.
template <class T>
__attribute__((noinline)) void hand_saved_kernel(std::size_t B, std::size_t M, const T* __restrict Y, const T* __restrict G,
                                                 const T* __restrict gamma, const T* __restrict beta,
                                                 const T* __restrict mean, const T* __restrict var, T eps,
                                                 T* __restrict dgamma, T* __restrict dbeta, T* __restrict out,
                                                 T* __restrict rstd) {
    const T inv_b = T(1) / T(B);
    for (std::size_t l = 0; l < M; ++l) {
        rstd[l] = T(1) / std::sqrt(var[l] + eps);
        dgamma[l] = dbeta[l] = T(0);
    }
    // two rows per pass over the accumulators (as leibniz's evaluator does)
    std::size_t k = 0;
    for (; k + 1 < B; k += 2)
        for (std::size_t l = 0; l < M; ++l) {
            const T xa = (Y[k * M + l] - mean[l]) * rstd[l], xb = (Y[(k + 1) * M + l] - mean[l]) * rstd[l];
            const T ka = gamma[l] * xa + beta[l] > T(0) ? G[k * M + l] : T(0);
            const T kb = gamma[l] * xb + beta[l] > T(0) ? G[(k + 1) * M + l] : T(0);
            dbeta[l] += ka + kb;
            dgamma[l] += ka * xa + kb * xb;
        }
    for (; k < B; ++k)
        for (std::size_t l = 0; l < M; ++l) {
            const T xh = (Y[k * M + l] - mean[l]) * rstd[l];
            const T kept = gamma[l] * xh + beta[l] > T(0) ? G[k * M + l] : T(0);
            dbeta[l] += kept;
            dgamma[l] += kept * xh;
        }
    // ∂ℓ/∂Y = γ r (kept - (∂ℓ/∂β + x̂ ∂ℓ/∂γ) / B) with x̂ = (Y - m) r, as
    // (Y - m) c2 + kept c1 + c3 with per-column factors
    T* __restrict c1 = rstd + M;
    T* __restrict c2 = rstd + 2 * M;
    T* __restrict c3 = rstd + 3 * M;
    for (std::size_t l = 0; l < M; ++l) {
        c1[l] = gamma[l] * rstd[l];
        c2[l] = -c1[l] * rstd[l] * dgamma[l] * inv_b;
        c3[l] = -c1[l] * dbeta[l] * inv_b;
    }
    for (std::size_t k = 0; k < B; ++k)
        for (std::size_t l = 0; l < M; ++l) {
            const T d = Y[k * M + l] - mean[l];
            const T kept = d * c1[l] + beta[l] > T(0) ? G[k * M + l] * c1[l] : T(0);
            out[k * M + l] = d * c2[l] + kept + c3[l];
        }
}

/// From scratch: mean and variance first (two passes), then the same two.
template <class T>
__attribute__((noinline)) void hand_scratch_kernel(std::size_t B, std::size_t M, const T* __restrict Y, const T* __restrict G,
                                                   const T* __restrict gamma, const T* __restrict beta, T eps,
                                                   T* __restrict dgamma, T* __restrict dbeta, T* __restrict out,
                                                   T* __restrict mean, T* __restrict var, T* __restrict rstd) {
    const T inv_b = T(1) / T(B);
    for (std::size_t l = 0; l < M; ++l) mean[l] = var[l] = T(0);
    std::size_t k = 0;
    for (; k + 1 < B; k += 2)
        for (std::size_t l = 0; l < M; ++l) mean[l] += Y[k * M + l] + Y[(k + 1) * M + l];
    for (; k < B; ++k)
        for (std::size_t l = 0; l < M; ++l) mean[l] += Y[k * M + l];
    for (std::size_t l = 0; l < M; ++l) mean[l] *= inv_b;
    for (k = 0; k + 1 < B; k += 2)
        for (std::size_t l = 0; l < M; ++l) {
            const T d = Y[k * M + l] - mean[l], e = Y[(k + 1) * M + l] - mean[l];
            var[l] += d * d + e * e;
        }
    for (; k < B; ++k)
        for (std::size_t l = 0; l < M; ++l) {
            const T d = Y[k * M + l] - mean[l];
            var[l] += d * d;
        }
    for (std::size_t l = 0; l < M; ++l) var[l] *= inv_b;
    hand_saved_kernel(B, M, Y, G, gamma, beta, mean, var, eps, dgamma, dbeta, out, rstd);
}

template <class T>
void hand_saved(problem<T>& p) {
    hand_saved_kernel(p.B, p.M, p.Y.data(), p.G.data(), p.gamma.data(), p.beta.data(), p.mean.data(), p.var.data(), p.eps,
                      p.dgamma.data(), p.dbeta.data(), p.dY.data(), p.work.data());
}
template <class T>
void hand_scratch(problem<T>& p) {
    hand_scratch_kernel(p.B, p.M, p.Y.data(), p.G.data(), p.gamma.data(), p.beta.data(), p.eps, p.dgamma.data(),
                        p.dbeta.data(), p.dY.data(), p.work.data(), p.work.data() + p.M, p.work.data() + 2 * p.M);  // 2M + 4M
}

// ---- Eigen array expressions, as one would write them with Eigen --------------------------------
template <class T>
__attribute__((noinline)) void eigen_kernel(problem<T>& p, bool saved) {
    using A = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using R = Eigen::Array<T, 1, Eigen::Dynamic>;
    const Eigen::Index B = Eigen::Index(p.B), M = Eigen::Index(p.M);
    Eigen::Map<const A> Y(p.Y.data(), B, M), G(p.G.data(), B, M);
    Eigen::Map<const R> gamma(p.gamma.data(), M), beta(p.beta.data(), M);
    Eigen::Map<R> dgamma(p.dgamma.data(), M), dbeta(p.dbeta.data(), M);
    Eigen::Map<A> dY(p.dY.data(), B, M);
    const R mean = saved ? R(Eigen::Map<const R>(p.mean.data(), M)) : R(Y.colwise().mean());
    const R var = saved ? R(Eigen::Map<const R>(p.var.data(), M)) : R((Y.rowwise() - mean).square().colwise().mean());
    const R rstd = (var + p.eps).rsqrt();
    const A xh = (Y.rowwise() - mean).rowwise() * rstd;
    const A kept = (((xh.rowwise() * gamma).rowwise() + beta) > T(0)).select(G, T(0));
    dbeta = kept.colwise().sum();
    dgamma = (kept * xh).colwise().sum();
    dY = (kept - ((xh.rowwise() * dgamma).rowwise() + dbeta) / T(p.B)).rowwise() * (gamma * rstd);
}
template <class T>
void eigen_saved(problem<T>& p) {
    eigen_kernel(p, true);
}
template <class T>
void eigen_scratch(problem<T>& p) {
    eigen_kernel(p, false);
}

/// Stop if a variant disagrees with leibniz (a benchmark of a wrong answer is worthless).
template <class T, class F>
void agree(std::size_t B, std::size_t M, F reference, F variant, const char* name) {
    problem<T> a(B, M), b(B, M);
    reference(a);
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

template <class T, void (*F)(problem<T>&), bool Saved>
void run(benchmark::State& state) {
    problem<T> p(std::size_t(state.range(0)), std::size_t(state.range(1)));
    for (auto _ : state) {
        F(p);
        benchmark::DoNotOptimize(p.dY.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(double(state.iterations()) * p.traffic(Saved)));
}

template <class T>
void bn_saved_leibniz(benchmark::State& s) {
    run<T, leibniz_saved<T>, true>(s);
}
template <class T>
void bn_saved_hand(benchmark::State& s) {
    run<T, hand_saved<T>, true>(s);
}
template <class T>
void bn_saved_eigen(benchmark::State& s) {
    run<T, eigen_saved<T>, true>(s);
}
template <class T>
void bn_scratch_leibniz(benchmark::State& s) {
    run<T, leibniz_scratch<T>, false>(s);
}
template <class T>
void bn_scratch_hand(benchmark::State& s) {
    run<T, hand_scratch<T>, false>(s);
}
template <class T>
void bn_scratch_eigen(benchmark::State& s) {
    run<T, eigen_scratch<T>, false>(s);
}
/// A loop with the same traffic as the gradients and no arithmetic to
/// speak of: ∂ℓ/∂Y = Y + ∂ℓ/∂H (reads two arrays of B x M, writes one). What
/// a compiled loop over these arrays reaches when memory is the limit.
template <class T>
__attribute__((noinline)) void stream_kernel(std::size_t n, const T* __restrict a, const T* __restrict b, T* __restrict c) {
    for (std::size_t q = 0; q < n; ++q) c[q] = a[q] + b[q];
}
template <class T>
void bn_stream(benchmark::State& state) {
    problem<T> p(std::size_t(state.range(0)), std::size_t(state.range(1)));
    for (auto _ : state) {
        stream_kernel(p.B * p.M, p.Y.data(), p.G.data(), p.dY.data());
        benchmark::DoNotOptimize(p.dY.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(double(state.iterations()) * 3.0 * double(p.B * p.M) * sizeof(T)));
}
/// memcpy of half the traffic of the saved form (the larger of the two).
template <class T>
void bn_copy(benchmark::State& state) {
    problem<T> p(std::size_t(state.range(0)), std::size_t(state.range(1)));
    const std::size_t half = std::size_t(p.traffic(true) / 2);
    std::vector<char> src(half, 1), dst(half);
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), half);
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(double(state.iterations()) * p.traffic(true)));
}

template <class T>
void check_all() {
    for (auto [B, M] : {std::pair<std::size_t, std::size_t>{256, 1024}, {32, 64}, {5, 3}}) {
        agree<T>(B, M, leibniz_scratch<T>, leibniz_saved<T>, "leibniz from saved statistics");
        agree<T>(B, M, leibniz_saved<T>, hand_saved<T>, "hand-written loops, saved statistics");
        agree<T>(B, M, leibniz_saved<T>, eigen_saved<T>, "Eigen, saved statistics");
        agree<T>(B, M, leibniz_scratch<T>, hand_scratch<T>, "hand-written loops, from scratch");
        agree<T>(B, M, leibniz_scratch<T>, eigen_scratch<T>, "Eigen, from scratch");
    }
}
[[maybe_unused]] const bool checked = [] {
    check_all<double>();
    check_all<float>();
    return true;
}();

// the sizes of the task (in cache), and one that is not (96 MiB in double)
#define LEIBNIZ_BENCH_SIZES ->Args({256, 1024})->Args({32, 64})->Args({4096, 1024})
#define LEIBNIZ_BENCH_ALL(T)                                       \
    BENCHMARK_TEMPLATE(bn_saved_leibniz, T) LEIBNIZ_BENCH_SIZES;   \
    BENCHMARK_TEMPLATE(bn_saved_hand, T) LEIBNIZ_BENCH_SIZES;      \
    BENCHMARK_TEMPLATE(bn_saved_eigen, T) LEIBNIZ_BENCH_SIZES;     \
    BENCHMARK_TEMPLATE(bn_scratch_leibniz, T) LEIBNIZ_BENCH_SIZES; \
    BENCHMARK_TEMPLATE(bn_scratch_hand, T) LEIBNIZ_BENCH_SIZES;    \
    BENCHMARK_TEMPLATE(bn_scratch_eigen, T) LEIBNIZ_BENCH_SIZES;   \
    BENCHMARK_TEMPLATE(bn_stream, T) LEIBNIZ_BENCH_SIZES;          \
    BENCHMARK_TEMPLATE(bn_copy, T) LEIBNIZ_BENCH_SIZES
LEIBNIZ_BENCH_ALL(double);
LEIBNIZ_BENCH_ALL(float);

}  // namespace
