// A layer that uses every elementwise function of the op table, for the
// emitted-code tests (tests/emitted/*functions*): pre-activations
// z_j = Σ_k W_jk x_k + b_j and
//   ℓ = Σ_j v_j σ(tanh z_j) + softplus(z_j) erf(z_j / 2) + |z_j| cos z_j
//       + sin(b_j z_j) + max(z_j, b_j) - min(z_j, v_j) + sign(z_j) z_j,
// its gradients with respect to W and b, and an independent forward pass in
// plain C++ whose central differences check them. The values (and central
// differences of any other forward pass) serve other layers of these
// shapes too (tests/runtime/functions_fd_tensors.cpp).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include <leibniz/leibniz.hpp>

namespace function_layer {
using namespace leibniz;
using namespace leibniz::literals;

inline constexpr auto N = extent<"N">();
inline constexpr auto H = extent<"H">();
inline constexpr auto j = index<"j">(H);
inline constexpr auto k = index<"k">(N);
inline constexpr auto s = index<"s">(H);
inline constexpr auto t = index<"t">(N);
inline constexpr auto W = tensor<"W">(H, N);
inline constexpr auto b = tensor<"b">(H);
inline constexpr auto v = tensor<"v">(H);
inline constexpr auto x = tensor<"x">(N);

inline constexpr auto z = intermediate<"z">(sum(k, W(j, k) * x(k)) + b(j), j);
inline constexpr auto loss = sum(j, v(j) * sigmoid(tanh(z(j))) + softplus(z(j)) * erf(c<1, 2> * z(j)) + abs(z(j)) * cos(z(j)) +
                                        sin(b(j) * z(j)) + max(z(j), b(j)) - min(z(j), v(j)) + sign(z(j)) * z(j));
inline constexpr auto dW = d(loss, W(s, t));
inline constexpr auto db = d(loss, b(s));

/// Values of W, b, v, x, and the forward pass.
struct sample {
    std::size_t N = 4, H = 5;
    std::vector<double> W, b, v, x;

    explicit sample(unsigned seed) {
        std::mt19937 rng(seed);
        std::normal_distribution<double> nd;
        auto fill = [&](std::vector<double>& a, std::size_t n, double scale) {
            a.resize(n);
            for (double& e : a) e = scale * nd(rng);
        };
        fill(W, H * N, 0.7);
        fill(b, H, 0.5);
        fill(v, H, 1.0);
        fill(x, N, 1.0);
    }
    std::vector<double> pre_activations() const {
        std::vector<double> zs(H);
        for (std::size_t p = 0; p != H; ++p) {
            double a = b[p];
            for (std::size_t q = 0; q != N; ++q) a += W[p * N + q] * x[q];
            zs[p] = a;
        }
        return zs;
    }
    /// The distance of the sample to the nearest kink (|z|, max, min, sign).
    double margin() const {
        double m = 1e300;
        const std::vector<double> zs = pre_activations();
        for (std::size_t p = 0; p != H; ++p) m = std::min({m, std::abs(zs[p]), std::abs(zs[p] - b[p]), std::abs(zs[p] - v[p])});
        return m;
    }
    double loss() const {
        const std::vector<double> zs = pre_activations();
        double l = 0;
        for (std::size_t p = 0; p != H; ++p) {
            const double a = zs[p], sg = 1 / (1 + std::exp(-std::tanh(a)));
            l += v[p] * sg + std::log1p(std::exp(a)) * std::erf(a / 2) + std::abs(a) * std::cos(a) + std::sin(b[p] * a) +
                 std::max(a, b[p]) - std::min(a, v[p]) + (a > 0 ? a : -a);
        }
        return l;
    }
    /// ∂f/∂q for each element q of `of` (one of the members), by central
    /// differences of f(sample); f is the loss above unless given.
    template <class F>
    std::vector<double> central(std::vector<double> sample::*of, F f) const {
        sample copy = *this;
        std::vector<double>& a = copy.*of;
        std::vector<double> g(a.size());
        for (std::size_t q = 0; q != a.size(); ++q) {
            const double keep = a[q], h = 1e-6 * std::max(1.0, std::abs(keep));
            a[q] = keep + h;
            const double up = f(copy);
            a[q] = keep - h;
            const double down = f(copy);
            a[q] = keep;
            g[q] = (up - down) / (2 * h);
        }
        return g;
    }
    std::vector<double> central(std::vector<double> sample::*of) const {
        return central(of, [](const sample& at) { return at.loss(); });
    }
};

}  // namespace function_layer
