// A user's program against the installed package. Its derivations are
// checked by the compiler, so it only builds when the exported target carries
// the C++20 mode and the constant-evaluation limits the engine needs (clang's
// default step limit stops the LayerNorm program below).
#include <array>
#include <cmath>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

#include "softmax_ce.hpp"  // emitted at build time: consumer::softmax_ce_grad(N, y, z, dz)

using namespace leibniz;

// ∂/∂z_j of the cross-entropy of softmax(z) against y: softmax_j Σ_k y_k − y_j
constexpr auto N = extent<"N">();
constexpr auto j = index<"j">(N);
constexpr auto k = index<"k">(N);
constexpr auto m = index<"m">(N);
constexpr auto z = tensor<"z">(N);
constexpr auto y = tensor<"y">(N);
constexpr auto softmax_of = [](auto i) { return exp(z(i)) / sum(m, exp(z(m))); };
constexpr auto cross_entropy = -sum(k, y(k) * log(softmax_of(k)));
static_assert(equivalent(d(cross_entropy, z(j)), softmax_of(j) * sum(k, y(k)) - y(j)));
static_assert(!equivalent(d(cross_entropy, z(j)), softmax_of(j) - c<2> * y(j)));

// LayerNorm without parameters: the program of adjoints agrees with the
// single substituted formula, and holding the mean fixed gives another one.
constexpr auto T = extent<"T">();
constexpr auto D = extent<"D">();
constexpr auto s = index<"s">(T);
constexpr auto a = index<"a">(D);
constexpr auto b = index<"b">(D);
constexpr auto e = index<"e">(D);
constexpr auto eps = symbol<"epsilon", "\\epsilon">();
constexpr auto X = tensor<"X">(T, D);
constexpr auto G = tensor<"G">(T, D);
constexpr auto mu = intermediate<"mu">(c<1> / D * sum(e, X(s, e)), s);
constexpr auto var = intermediate<"var">(c<1> / D * sum(e, pow<2>(X(s, e) - mu(s))), s);
constexpr auto Z = intermediate<"Z">((X(s, a) - mu(s)) / sqrt(var(s) + eps), s, a);
constexpr auto ell = loss<"ell">(Z, G, s, a);
constexpr auto program = backprop(ell, wrt(X(s, b)));
static_assert(numerically_equal(gradient<0>(program), d(ell, X(s, b), by_substitution)));
static_assert(!numerically_equal(gradient<0>(program), d(ell, X(s, b), held_fixed(mu))));

/// The cross-entropy itself, written out, for finite differences.
double cross_entropy_of(const std::array<double, 3>& zs, const std::array<double, 3>& ys) {
    double total = 0, l = 0;
    for (double v : zs) total += std::exp(v);
    for (std::size_t q = 0; q != 3; ++q) l -= ys[q] * std::log(std::exp(zs[q]) / total);
    return l;
}

int main() {
    const std::array<double, 3> zs{0.5, -1.0, 2.0}, ys{0.2, 0.3, 0.5};
    const double g = evaluate(d(cross_entropy, z(j)), z = view(zs, 3), y = view(ys, 3), j = 1);
    if (!(g < 0.0)) return 1;  // softmax_1 − y_1 = 0.0629 − 0.2 < 0
    // the emitted kernel: every component against central differences
    std::array<double, 3> dz{};
    consumer::softmax_ce_grad<double>(3, ys.data(), zs.data(), dz.data());
    for (std::size_t q = 0; q != 3; ++q) {
        std::array<double, 3> up = zs, down = zs;
        up[q] += 1e-6;
        down[q] -= 1e-6;
        const double fd = (cross_entropy_of(up, ys) - cross_entropy_of(down, ys)) / 2e-6;
        if (!(std::abs(dz[q] - fd) <= 1e-7)) return 2;
    }
    return 0;
}
