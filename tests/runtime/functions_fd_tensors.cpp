// The derivatives of the op table's functions over tensor elements, against
// central differences of forward code written in plain C++: sums of each
// function over a tensor through `evaluate_into` (and `evaluate` at single
// elements), and a tanh/sigmoid layer with sums over tensor elements
// (tests/support/function_layer.hpp's shapes and values) through both.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <leibniz/leibniz.hpp>

#include "../support/finite_difference.hpp"
#include "../support/function_layer.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::literals;
using leibniz::testing::central_difference;
using leibniz::testing::relative_error;

constexpr double h = 1e-6;

double sigmoid_plain(double a) { return 1 / (1 + std::exp(-a)); }

// ---- elementwise over a tensor: evaluate_into --------------------------------------------------------
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(N);
constexpr auto s = index<"s">(N);
constexpr auto X = tensor<"X">(N);
constexpr auto w = symbol<"w">();

const std::vector<double> xs{0.95, -1.4, 0.35, 2.2, -0.6, 1.1, -2.5};

/// ∂/∂X_s of Σ_i f(X_i, w) for every s (evaluate_into, and evaluate at two
/// elements), against central differences of Σ_i plain(x_i, w).
template <class F, class Plain>
void check_elementwise(F f, Plain plain) {
    const auto total = sum(i, f);
    const auto g = d(total, X(s));
    const double wv = 0.8;
    std::vector<double> out(xs.size());
    evaluate_into(g, output(out, xs.size()), X = view(xs, xs.size()), w = wv, over(s));
    auto forward = [&](std::vector<double> v) {
        double t = 0;
        for (double e : v) t += plain(e, wv);
        return t;
    };
    for (std::size_t q = 0; q != xs.size(); ++q) {
        const double fd = central_difference(
            [&](double v) {
                std::vector<double> moved = xs;
                moved[q] = v;
                return forward(moved);
            },
            xs[q], h);
        INFO("element " << q);
        CHECK(relative_error(out[q], fd) <= 1e-7);
    }
    for (int at_s : {2, 6})
        CHECK(evaluate(g, X = view(xs, xs.size()), w = wv, at(s = at_s)) == Approx(out[std::size_t(at_s - 1)]).epsilon(1e-14));
}

TEST_CASE("derivatives of sums of each function over a tensor match finite differences (evaluate_into)") {
    check_elementwise(tanh(w * X(i)), [](double a, double b) { return std::tanh(b * a); });
    check_elementwise(sigmoid(w * X(i) - 1_c), [](double a, double b) { return sigmoid_plain(b * a - 1); });
    check_elementwise(erf(w * X(i)), [](double a, double b) { return std::erf(b * a); });
    check_elementwise(softplus(X(i) * X(i) - w), [](double a, double b) { return std::log1p(std::exp(a * a - b)); });
    check_elementwise(abs(X(i) - w) * X(i), [](double a, double b) { return std::abs(a - b) * a; });
    check_elementwise(sign(X(i)) * X(i) * X(i), [](double a, double) { return std::abs(a) * a; });
    check_elementwise(sin(w * X(i)) * cos(X(i)), [](double a, double b) { return std::sin(b * a) * std::cos(a); });
    check_elementwise(max(X(i), w) + min(X(i) * X(i), w), [](double a, double b) { return std::max(a, b) + std::min(a * a, b); });
    check_elementwise(X(i) * c<1, 2> * (1_c + erf(X(i) / sqrt(2_c))),
                      [](double a, double) { return a / 2 * (1 + std::erf(a / std::sqrt(2.0))); });
    check_elementwise(X(i) * sigmoid(X(i)), [](double a, double) { return a * sigmoid_plain(a); });
}

// ---- a tanh / sigmoid layer ---------------------------------------------------------------------------------
// z_j = Σ_k W_jk x_k + b_j (function_layer.hpp), ℓ = Σ_j v_j σ(tanh z_j)
namespace fl = function_layer;
constexpr auto loss = sum(fl::j, fl::v(fl::j) * sigmoid(tanh(fl::z(fl::j))));

double forward(const fl::sample& at) {
    double l = 0;
    const std::vector<double> zs = at.pre_activations();
    for (std::size_t r = 0; r != at.H; ++r) l += at.v[r] * sigmoid_plain(std::tanh(zs[r]));
    return l;
}

TEST_CASE("the gradients of a tanh/sigmoid layer match finite differences (evaluate_into and evaluate)") {
    const auto dW = d(loss, fl::W(fl::s, fl::t));
    const auto dx = d(loss, fl::x(fl::t));
    for (unsigned seed : {1u, 2u}) {
        const fl::sample L(seed);
        std::vector<double> gW(L.H * L.N), gx(L.N);
        const auto W = view(L.W, L.H, L.N);
        const auto b = view(L.b, L.H), v = view(L.v, L.H), x = view(L.x, L.N);
        evaluate_into(into(output(gW, L.H, L.N), dW, over(fl::s, fl::t)), into(output(gx, L.N), dx, over(fl::t)), fl::W = W, fl::b = b,
                      fl::v = v, fl::x = x);
        const std::vector<double> fW = L.central(&fl::sample::W, forward), fx = L.central(&fl::sample::x, forward);
        INFO("seed " << seed);
        for (std::size_t r = 0; r != L.H; ++r)
            for (std::size_t c = 0; c != L.N; ++c) {
                CHECK(relative_error(gW[r * L.N + c], fW[r * L.N + c]) <= 1e-7);
                const double one = evaluate(dW, fl::W = W, fl::b = b, fl::v = v, fl::x = x, at(fl::s = int(r + 1), fl::t = int(c + 1)));
                CHECK(relative_error(one, fW[r * L.N + c]) <= 1e-7);
            }
        for (std::size_t c = 0; c != L.N; ++c) CHECK(relative_error(gx[c], fx[c]) <= 1e-7);
    }
}

}  // namespace
