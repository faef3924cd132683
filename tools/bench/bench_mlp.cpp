// MLP backward, 784 -> 256 -> 128 -> 10, batch 64 (tools/bench/mlp_network.hpp):
// all six parameter gradients by leibniz's array evaluator (contractions to
// Eigen's GEMM), against backpropagation written by hand with Eigen. The
// leibniz plan recomputes the forward pass from the inputs (its results are
// functions of X, W, b and T), so both sides compute forward and backward.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include <leibniz/eigen.hpp>

#include "mlp_network.hpp"

namespace {
namespace m = bench_mlp;

template <class T>
struct problem {
    std::size_t N = 64, D0 = 784, D1 = 256, D2 = 128, D3 = 10;
    std::vector<T> X, W1, b1, W2, b2, W3, b3, Tg;
    std::vector<T> gW1, gb1, gW2, gb2, gW3, gb3;
    problem() {
        std::mt19937 rng(3);
        std::normal_distribution<double> nd;
        auto fill = [&](std::vector<T>& v, std::size_t size, double scale) {
            v.resize(size);
            for (T& e : v) e = static_cast<T>(scale * nd(rng));
        };
        fill(X, N * D0, 1.0);
        fill(W1, D1 * D0, 0.05);
        fill(b1, D1, 0.1);
        fill(W2, D2 * D1, 0.1);
        fill(b2, D2, 0.1);
        fill(W3, D3 * D2, 0.1);
        fill(b3, D3, 0.1);
        Tg.assign(N * D3, T(0));
        for (std::size_t r = 0; r != N; ++r) Tg[r * D3 + r % D3] = T(1);
        gW1.resize(W1.size());
        gb1.resize(b1.size());
        gW2.resize(W2.size());
        gb2.resize(b2.size());
        gW3.resize(W3.size());
        gb3.resize(b3.size());
    }
};

template <class T, class Backend>
void leibniz_backward(problem<T>& p, Backend backend) {
    using namespace leibniz;
    evaluate_into(into(output(p.gW1, p.D1, p.D0), m::dW1, over(m::x1, m::x0)), into(output(p.gb1, p.D1), m::db1, over(m::x1)),
                  into(output(p.gW2, p.D2, p.D1), m::dW2, over(m::x2, m::x1)), into(output(p.gb2, p.D2), m::db2, over(m::x2)),
                  into(output(p.gW3, p.D3, p.D2), m::dW3, over(m::x3, m::x2)), into(output(p.gb3, p.D3), m::db3, over(m::x3)),
                  m::X = view(p.X, p.N, p.D0), m::W1 = view(p.W1, p.D1, p.D0), m::b1 = view(p.b1, p.D1), m::W2 = view(p.W2, p.D2, p.D1),
                  m::b2 = view(p.b2, p.D2), m::W3 = view(p.W3, p.D3, p.D2), m::b3 = view(p.b3, p.D3), m::T = view(p.Tg, p.N, p.D3),
                  backend);
}

/// Backpropagation by hand: forward, softmax, then the deltas layer by layer.
template <class T>
__attribute__((noinline)) void hand_backward(problem<T>& p) {
    using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using V = Eigen::Matrix<T, Eigen::Dynamic, 1>;
    auto mat = [](const std::vector<T>& v, std::size_t r, std::size_t c) {
        return Eigen::Map<const M>(v.data(), Eigen::Index(r), Eigen::Index(c));
    };
    auto vec = [](const std::vector<T>& v) { return Eigen::Map<const V>(v.data(), Eigen::Index(v.size())); };
    const auto X = mat(p.X, p.N, p.D0);
    const auto W1 = mat(p.W1, p.D1, p.D0), W2 = mat(p.W2, p.D2, p.D1), W3 = mat(p.W3, p.D3, p.D2);
    const auto Tg = mat(p.Tg, p.N, p.D3);
    M Z1 = X * W1.transpose();
    Z1.rowwise() += vec(p.b1).transpose();
    const M H1 = Z1.cwiseMax(T(0));
    M Z2 = H1 * W2.transpose();
    Z2.rowwise() += vec(p.b2).transpose();
    const M H2 = Z2.cwiseMax(T(0));
    M Z3 = H2 * W3.transpose();
    Z3.rowwise() += vec(p.b3).transpose();
    const V top = Z3.rowwise().maxCoeff();
    M E = (Z3.colwise() - top).array().exp().matrix();
    const V total = E.rowwise().sum();
    const M D3 = (E.array().colwise() / total.array()).matrix() - Tg;
    Eigen::Map<M>(p.gW3.data(), Eigen::Index(p.D3), Eigen::Index(p.D2)).noalias() = D3.transpose() * H2;
    Eigen::Map<V>(p.gb3.data(), Eigen::Index(p.D3)) = D3.colwise().sum().transpose();
    const M D2 = ((D3 * W3).array() * (Z2.array() > T(0)).template cast<T>()).matrix();
    Eigen::Map<M>(p.gW2.data(), Eigen::Index(p.D2), Eigen::Index(p.D1)).noalias() = D2.transpose() * H1;
    Eigen::Map<V>(p.gb2.data(), Eigen::Index(p.D2)) = D2.colwise().sum().transpose();
    const M D1 = ((D2 * W2).array() * (Z1.array() > T(0)).template cast<T>()).matrix();
    Eigen::Map<M>(p.gW1.data(), Eigen::Index(p.D1), Eigen::Index(p.D0)).noalias() = D1.transpose() * X;
    Eigen::Map<V>(p.gb1.data(), Eigen::Index(p.D1)) = D1.colwise().sum().transpose();
}

template <class T>
void agree() {
    problem<T> a, b;
    leibniz_backward(a, leibniz::eigen_contractions);
    hand_backward(b);
    double worst = 0;
    auto cmp = [&](const std::vector<T>& x, const std::vector<T>& y) {
        for (std::size_t q = 0; q != x.size(); ++q) worst = std::max(worst, double(std::abs(x[q] - y[q])));
    };
    cmp(a.gW1, b.gW1);
    cmp(a.gb1, b.gb1);
    cmp(a.gW2, b.gW2);
    cmp(a.gb2, b.gb2);
    cmp(a.gW3, b.gW3);
    cmp(a.gb3, b.gb3);
    if (worst > (sizeof(T) == 4 ? 1e-3 : 1e-10)) {
        std::fprintf(stderr, "bench_mlp: hand-written backprop disagrees with leibniz (%g)\n", worst);
        std::exit(1);
    }
}
[[maybe_unused]] const bool checked = [] {
    agree<double>();
    agree<float>();
    return true;
}();

template <class T>
void mlp_leibniz(benchmark::State& state) {
    problem<T> p;
    for (auto _ : state) {
        leibniz_backward(p, leibniz::eigen_contractions);
        benchmark::DoNotOptimize(p.gW1.data());
        benchmark::ClobberMemory();
    }
}
template <class T>
void mlp_leibniz_loops(benchmark::State& state) {
    problem<T> p;
    for (auto _ : state) {
        leibniz_backward(p, leibniz::loops_backend{});
        benchmark::DoNotOptimize(p.gW1.data());
        benchmark::ClobberMemory();
    }
}
template <class T>
void mlp_hand(benchmark::State& state) {
    problem<T> p;
    for (auto _ : state) {
        hand_backward(p);
        benchmark::DoNotOptimize(p.gW1.data());
        benchmark::ClobberMemory();
    }
}

BENCHMARK_TEMPLATE(mlp_leibniz, double)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(mlp_hand, double)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(mlp_leibniz_loops, double)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(mlp_leibniz, float)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(mlp_hand, float)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(mlp_leibniz_loops, float)->Unit(benchmark::kMicrosecond);

}  // namespace
