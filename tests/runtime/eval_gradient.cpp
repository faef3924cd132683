// Evaluated tensor derivatives against central differences: perturb one
// element Y_st of the bound data and difference the evaluated function. The
// last case is a batch-norm layer with ReLU, whose gradient dℓ/dY_st goes
// through the mean, the variance and an opaque loss.
#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include <leibniz/leibniz.hpp>

#include "../support/finite_difference.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::literals;
using leibniz::testing::central_difference;
using leibniz::testing::relative_error;

constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(B);
constexpr auto k = index<"k">(B);
constexpr auto s = index<"s">(B);
constexpr auto l = index<"l">(M);
constexpr auto t = index<"t">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto w = tensor<"w">(M);

constexpr std::size_t rows = 3, cols = 4;
const std::vector<double> data0{0.9, -1.2, 0.3, 2.1,  //
                                -0.4, 0.8, 1.7, -0.6,  //
                                1.5, 0.1, -0.9, 0.7};
const std::vector<double> weights{0.5, -1.5, 2.0, 0.25};

/// For each element (s, t): evaluate(grad at s, t) against a central
/// difference of forward(data) in data[s, t].
template <class Grad, class Forward>
void check_gradient(Grad grad, Forward forward) {
    for (std::size_t r = 0; r != rows; ++r)
        for (std::size_t c = 0; c != cols; ++c) {
            std::vector<double> data = data0;
            double& element = data[r * cols + c];
            const double x0 = element;
            const double approx = central_difference(
                [&](double v) {
                    element = v;
                    return forward(data);
                },
                x0, 1e-5);
            element = x0;
            INFO("s = " << r + 1 << ", t = " << c + 1);
            CHECK(relative_error(grad(data, int(r) + 1, int(c) + 1), approx) <= 1e-6);
        }
}

TEST_CASE("d(f, Y(s, t)) matches central differences: a weighted square norm") {
    auto f = sum(k, sum(l, w(l) * Y(k, l) * Y(k, l)));
    auto g = d(f, Y(s, t));  // 2 w_t Y_st
    check_gradient([&](const std::vector<double>& y, int sv,
                       int tv) { return evaluate(g, Y = view(y, rows, cols), w = view(weights, cols), at(s = sv, t = tv)); },
                   [&](const std::vector<double>& y) { return evaluate(f, Y = view(y, rows, cols), w = view(weights, cols)); });
    // and the closed form
    CHECK(evaluate(g, Y = view(data0, rows, cols), w = view(weights, cols), at(s = 2, t = 3)) == Approx(2 * 2.0 * 1.7));
}

TEST_CASE("d(f, Y(s, t)) matches central differences: column means and log-sum-exp") {
    constexpr auto m = intermediate<"m">(sum(i, Y(i, l)) / B, l);
    auto f = sum(l, w(l) * log(sum(k, exp(Y(k, l) - m(l)))));
    auto g = d(f, Y(s, t));
    check_gradient([&](const std::vector<double>& y, int sv,
                       int tv) { return evaluate(g, Y = view(y, rows, cols), w = view(weights, cols), at(s = sv, t = tv)); },
                   [&](const std::vector<double>& y) { return evaluate(f, Y = view(y, rows, cols), w = view(weights, cols)); });
}

TEST_CASE("dl/dY_st of batch norm + ReLU matches central differences") {
    constexpr auto gamma = tensor<"gamma">(M);
    constexpr auto beta = tensor<"beta">(M);
    constexpr auto eps = symbol<"epsilon">();
    constexpr auto G = tensor<"G">(B, M);  // ∂ℓ/∂H: with ℓ = Σ G H it is exact
    constexpr auto m = intermediate<"m">(sum(i, Y(i, l)) / B, l);
    constexpr auto v = intermediate<"v">(sum(i, pow<2>(Y(i, l) - m(l))) / B, l);
    constexpr auto Yhat = intermediate<"Yhat">(gamma(l) * (Y(k, l) - m(l)) / sqrt(v(l) + eps) + beta(l), k, l);
    constexpr auto H = intermediate<"H">(relu(Yhat(k, l)), k, l);
    constexpr auto ell = loss<"ell">(H, G, k, l);
    auto grad = d(ell, Y(s, t), assume_zero(sum(i, Y(i, l) - m(l))));
    auto forward = sum(k, sum(l, G(k, l) * H(k, l)));

    const std::vector<double> gam{1.2, 0.7, -0.9, 1.5}, bet{0.1, -0.2, 0.3, 0.05};
    const std::vector<double> upstream{0.3, -0.7, 1.1, 0.4, -1.3, 0.6, 0.2, -0.5, 0.9, 1.4, -0.8, 0.35};
    auto params = [&](const std::vector<double>& y) {
        return boost::hana::make_map(Y = view(y, rows, cols), G = view(upstream, rows, cols), gamma = view(gam, cols),
                                     beta = view(bet, cols), eps = 1e-3);
    };
    check_gradient([&](const std::vector<double>& y, int sv, int tv) { return evaluate(grad, params(y), at(s = sv, t = tv)); },
                   [&](const std::vector<double>& y) { return evaluate(forward, params(y)); });
}

}  // namespace
