// The derivatives of the op table's functions, evaluated, against central
// differences of forward code written here in plain C++ (std::tanh, ...):
// each function of an inner expression, and GELU and SiLU, through
// `evaluate`. functions_fd_tensors.cpp does the same over tensors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include <leibniz/leibniz.hpp>
#include <leibniz/stats/constants.hpp>

#include "../support/finite_difference.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::literals;
using leibniz::testing::central_difference;
using leibniz::testing::relative_error;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr double h = 1e-6;

/// Points where u = x y - x and x y - (x + y) keep away from 0 (the kinks of
/// abs, sign, max and min), with u of both signs.
const std::pair<double, double> points[] = {{0.7, -1.2}, {1.3, 0.4}, {-0.9, 2.1}, {2.0, -0.5}, {1.5, 2.0}, {-1.1, -0.3}};

double sigmoid_plain(double a) { return 1 / (1 + std::exp(-a)); }

/// d(f, x) and d(f, y) evaluated, against central differences of plain(x, y).
template <class F, class Plain>
void check_scalar(F f, Plain plain) {
    const auto dx = d(f, x);
    const auto dy = d(f, y);
    for (const auto& pt : points) {
        const double xv = pt.first, yv = pt.second;  // (clang 14 cannot capture structured bindings)
        INFO("x = " << xv << ", y = " << yv);
        const double fx = central_difference([&](double v) { return plain(v, yv); }, xv, h);
        const double fy = central_difference([&](double v) { return plain(xv, v); }, yv, h);
        CHECK(relative_error(evaluate(dx, x = xv, y = yv), fx) <= 1e-7);
        CHECK(relative_error(evaluate(dy, x = xv, y = yv), fy) <= 1e-7);
        CHECK(relative_error(evaluate(f, x = xv, y = yv), plain(xv, yv)) <= 1e-14);
    }
}

TEST_CASE("the derivatives of tanh, sigmoid, erf and softplus match finite differences (evaluate)") {
    check_scalar(tanh(x * y - x), [](double a, double b) { return std::tanh(a * b - a); });
    check_scalar(sigmoid(x * y - x), [](double a, double b) { return sigmoid_plain(a * b - a); });
    check_scalar(erf(x * y - x), [](double a, double b) { return std::erf(a * b - a); });
    check_scalar(softplus(x * y - x), [](double a, double b) { return std::log(1 + std::exp(a * b - a)); });
}

TEST_CASE("the derivatives of abs, sign, sin and cos match finite differences (evaluate)") {
    check_scalar(abs(x * y - x), [](double a, double b) { return std::abs(a * b - a); });
    check_scalar(sign(x * y - x) * y, [](double a, double b) { return (a * b - a > 0 ? 1.0 : -1.0) * b; });
    check_scalar(sin(x * y - x), [](double a, double b) { return std::sin(a * b - a); });
    check_scalar(cos(x * y - x), [](double a, double b) { return std::cos(a * b - a); });
}

TEST_CASE("the derivatives of max and min of two expressions match finite differences (evaluate)") {
    check_scalar(max(x * y, x + y), [](double a, double b) { return std::max(a * b, a + b); });
    check_scalar(min(x * y, x + y), [](double a, double b) { return std::min(a * b, a + b); });
    check_scalar(max(x * y, 0_c), [](double a, double b) { return std::max(a * b, 0.0); });
}

TEST_CASE("an unbound pi (in erf's derivative, say) evaluates to π; a bound one to its binding") {
    CHECK(evaluate(pi * x, x = 2.0) == Approx(2 * 3.14159265358979323846).epsilon(1e-15));
    CHECK(evaluate(pi * x, x = 2.0, pi = 3.0) == 6.0);
}

TEST_CASE("GELU and SiLU derivatives match finite differences (evaluate)") {
    const auto u = x * y - x;
    check_scalar(u * c<1, 2> * (1_c + erf(u / sqrt(2_c))), [](double a, double b) {
        const double v = a * b - a;
        return v / 2 * (1 + std::erf(v / std::sqrt(2.0)));
    });
    check_scalar(u * sigmoid(u), [](double a, double b) { return (a * b - a) * sigmoid_plain(a * b - a); });
}

}  // namespace
