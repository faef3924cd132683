// Evaluated derivatives against central differences of the evaluated
// function: d(f, x) at several points, for several f, in double (relative
// error <= 1e-6), and a coarser check in float.
#include <catch2/catch.hpp>

#include <cmath>

#include <leibniz/leibniz.hpp>

#include "../support/finite_difference.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::literals;
using leibniz::testing::central_difference;
using leibniz::testing::relative_error;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

constexpr double h = 1e-5;

/// |evaluate(d(f, var)) - central difference of evaluate(f)| at var = v0,
/// the other symbols bound by `rest`.
template <class F, class Var, class... Rest>
double fd_error(F f, Var var, double v0, Rest... rest) {
    const double exact = evaluate(d(f, var), var = v0, rest...);
    const double approx = central_difference([&](double v) { return evaluate(f, var = v, rest...); }, v0, h);
    return relative_error(exact, approx);
}

/// Both partial derivatives of f(x, y) at every point of a small grid.
template <class F>
void check_grid(F f, std::initializer_list<double> xs, std::initializer_list<double> ys) {
    for (double xv : xs)
        for (double yv : ys) {
            INFO("x = " << xv << ", y = " << yv);
            CHECK(fd_error(f, x, xv, y = yv) <= 1e-6);
            CHECK(fd_error(f, y, yv, x = xv) <= 1e-6);
        }
}

TEST_CASE("d(f, x) matches central differences: polynomials and roots") {
    check_grid(x * x * y + sqrt(x), {0.3, 1.0, 2.7}, {-1.5, 0.4, 3.0});
    check_grid(pow<5>(x) - 3_c * pow<3>(x) * y + pow<2>(y), {-1.2, 0.5, 1.9}, {-0.7, 2.2});
    check_grid(pow<3, 2>(x + y) + pow<-1, 2>(x * y), {0.4, 1.3, 2.0}, {0.6, 1.7});
}

TEST_CASE("d(f, x) matches central differences: quotients") {
    check_grid(x / y - y / (x * x), {0.5, 1.5, -2.0}, {0.8, -1.1});
    check_grid((x * x + 1_c) / (y * y + x * y + 2_c), {-1.0, 0.25, 3.0}, {0.5, 1.5});
}

TEST_CASE("d(f, x) matches central differences: exp, log, general powers") {
    check_grid(exp(x * y) / (1_c + x * x), {-0.8, 0.3, 1.4}, {-1.0, 0.5, 1.2});
    check_grid(log(x + y * y) * pow<3, 2>(x), {0.4, 1.1, 2.5}, {-0.9, 0.3});
    check_grid(pow(x, y), {0.6, 1.3, 2.2}, {-1.5, 0.5, 2.5});
    check_grid(pow<1, 3>(x * y + 2_c), {0.2, 1.7}, {0.3, 1.8});
    check_grid(exp(-x * x / 2_c) * log(y), {-1.1, 0.2, 0.9}, {0.5, 2.5});
}

TEST_CASE("d(f, x) matches central differences: relu away from its kink") {
    check_grid(relu(x - y) * x + max(x * y, 0_c), {-2.0, 0.7, 1.8}, {-1.3, 0.4, 2.5});
}

TEST_CASE("d(f, x) matches central differences: second derivatives") {
    auto f = exp(x) * sqrt(y) + x * x * x * y;
    auto fx = d(f, x);
    for (double xv : {-0.5, 0.5, 1.5})
        for (double yv : {0.5, 2.0}) {
            INFO("x = " << xv << ", y = " << yv);
            CHECK(fd_error(fx, x, xv, y = yv) <= 1e-6);
            CHECK(fd_error(fx, y, yv, x = xv) <= 1e-6);
            // and the closed form: d2f/dx2 = exp(x) sqrt(y) + 6 x y
            CHECK(evaluate(d(fx, x), x = xv, y = yv) == Approx(std::exp(xv) * std::sqrt(yv) + 6 * xv * yv).epsilon(1e-13));
        }
}

TEST_CASE("d(f, x) in float agrees with a central difference to float accuracy") {
    auto f = x * x * y + sqrt(x);
    for (float xv : {0.5f, 1.25f, 3.0f}) {
        const float yv = 0.75f;
        const float exact = evaluate(d(f, x), x = xv, y = yv);
        const double approx = central_difference([&](double v) { return evaluate(f, x = v, y = double(yv)); }, xv, h);
        CHECK(relative_error(exact, approx) <= 1e-6);
        CHECK(std::is_same_v<decltype(evaluate(d(f, x), x = xv, y = yv)), float>);
    }
}

}  // namespace
