// evaluate over scalars: values against hand computation, float and double,
// hana::map bindings, intermediates, and constant evaluation.
#include <catch2/catch.hpp>

#include <cmath>
#include <type_traits>

#include <boost/hana/map.hpp>
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;
namespace hana = boost::hana;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();
constexpr auto gamma = symbol<"gamma", "\\gamma">();

// Pure arithmetic evaluates during constant evaluation too: a cheap guard
// that the generated code is plain arithmetic (no calls, no interpretation).
static_assert(evaluate(x * x, x = 3.0) == 9.0);
static_assert(evaluate(x * y - y / x, x = 2.0, y = 3.0) == 4.5);
static_assert(evaluate(d(x * x * x + 2_c * x, x), x = 2.0) == 14.0);  // 3 x^2 + 2
static_assert(evaluate(pow<-2>(x) + pow<5>(x), x = 2.0) == 32.25);
static_assert(evaluate(c<1, 4> * x, x = 2.0f) == 0.5f);
static_assert(evaluate(x - 2_c, x = 5) == 3.0);

// The result type follows the values bound.
static_assert(std::is_same_v<decltype(evaluate(x * y, x = 1.0, y = 2.0)), double>);
static_assert(std::is_same_v<decltype(evaluate(x * y, x = 1.0f, y = 2.0f)), float>);
static_assert(std::is_same_v<decltype(evaluate(x * y, x = 1.0f, y = 2.0)), double>);
static_assert(std::is_same_v<decltype(evaluate(x * y, x = 1, y = 2)), double>);
static_assert(std::is_same_v<decltype(evaluate<float>(x * y, x = 1.0, y = 2)), float>);

// x = 1.5 is a hana pair keyed by the symbol's tag type.
static_assert(hana::second(x = 1.5) == 1.5);
static_assert(std::is_same_v<decltype(hana::first(x = 1.5)), const hana::type<dsl::terminal_tag_t<decltype(x)>>&> ||
              std::is_same_v<std::remove_cvref_t<decltype(hana::first(x = 1.5))>, hana::type<dsl::terminal_tag_t<decltype(x)>>>);

template <class T>
void check_basic_values() {
    const T xv = T(1.25), yv = T(-0.75), zv = T(2.5);
    const T eps = std::is_same_v<T, float> ? T(2e-6) : T(1e-14);
    auto close = [&](T got, T want) { return std::abs(got - want) <= eps * std::max(T(1), std::abs(want)); };

    CHECK(close(evaluate(x + y * z, x = xv, y = yv, z = zv), xv + yv * zv));
    CHECK(close(evaluate((x + y) * (x - y), x = xv, y = yv), (xv + yv) * (xv - yv)));
    CHECK(close(evaluate(x / (y * z), x = xv, y = yv, z = zv), xv / (yv * zv)));
    CHECK(close(evaluate(-x + 3_c / 4_c, x = xv), -xv + T(0.75)));
    CHECK(close(evaluate(pow<3>(x) - pow<-3>(z), x = xv, z = zv), xv * xv * xv - 1 / (zv * zv * zv)));
    CHECK(close(evaluate(sqrt(z), z = zv), std::sqrt(zv)));
    CHECK(close(evaluate(pow<-1, 2>(z), z = zv), 1 / std::sqrt(zv)));
    CHECK(close(evaluate(pow<3, 2>(z), z = zv), zv * std::sqrt(zv)));
    CHECK(close(evaluate(pow<-5, 2>(z), z = zv), 1 / (zv * zv * std::sqrt(zv))));
    CHECK(close(evaluate(pow<1, 3>(z), z = zv), std::pow(zv, T(1) / T(3))));
    CHECK(close(evaluate(pow(z, x), z = zv, x = xv), std::pow(zv, xv)));
    CHECK(close(evaluate(exp(x * y), x = xv, y = yv), std::exp(xv * yv)));
    CHECK(close(evaluate(log(z) + log(x), z = zv, x = xv), std::log(zv) + std::log(xv)));
    CHECK(close(evaluate(gamma * x, gamma = zv, x = xv), zv * xv));
}

TEST_CASE("evaluate: scalar expressions in double match hand computation") { check_basic_values<double>(); }
TEST_CASE("evaluate: scalar expressions in float match hand computation") { check_basic_values<float>(); }

TEST_CASE("evaluate: relu, max(x, 0) and step") {
    CHECK(evaluate(relu(x - 1_c), x = 3.0) == 2.0);
    CHECK(evaluate(relu(x - 1_c), x = 0.5) == 0.0);
    CHECK(evaluate(max(x * y, 0_c), x = -2.0, y = 3.0) == 0.0);
    CHECK(evaluate(max(x * y, 0_c), x = 2.0, y = 3.0) == 6.0);
    CHECK(evaluate(step(x), x = 0.25f) == 1.0f);
    CHECK(evaluate(step(x), x = 0.0f) == 0.0f);
    CHECK(evaluate(step(x), x = -1.0) == 0.0);
    // relu' = step, through d
    CHECK(evaluate(d(relu(x * y), x), x = 1.0, y = 4.0) == 4.0);
    CHECK(evaluate(d(relu(x * y), x), x = -1.0, y = 4.0) == 0.0);
}

TEST_CASE("evaluate: bindings as a hana::map, in any order, with extras") {
    auto e = x * x * y + z;
    auto point = hana::make_map(z = 0.5, y = 3.0, x = 2.0, gamma = 7.0);
    CHECK(evaluate(e, point) == 12.5);
    CHECK(evaluate(e, point) == evaluate(e, x = 2.0, y = 3.0, z = 0.5));
    // a map and loose pairs together
    CHECK(evaluate(e, hana::make_map(x = 1.0, y = 1.0), z = -1.0) == 0.0);
    // the map's values decide the result type
    CHECK(std::is_same_v<decltype(evaluate(e, hana::make_map(x = 1.0f, y = 1.0f, z = 1.0f))), float>);
}

TEST_CASE("evaluate: derivatives evaluate to their closed forms") {
    const double xv = 1.7, yv = -0.3;
    // d(x^2 y + sqrt(x), x) = 2 x y + 1 / (2 sqrt(x))
    CHECK(evaluate(d(x * x * y + sqrt(x), x), x = xv, y = yv) == Approx(2 * xv * yv + 0.5 / std::sqrt(xv)).epsilon(1e-14));
    // d(x / y, y) = -x / y^2
    CHECK(evaluate(d(x / y, y), x = xv, y = yv) == Approx(-xv / (yv * yv)).epsilon(1e-14));
    // d(exp(x y), x) = y exp(x y)
    CHECK(evaluate(d(exp(x * y), x), x = xv, y = yv) == Approx(yv * std::exp(xv * yv)).epsilon(1e-14));
    // d(log(x) x, x) = log(x) + 1
    CHECK(evaluate(d(log(x) * x, x), x = xv) == Approx(std::log(xv) + 1).epsilon(1e-14));
    // a derivative that vanishes needs no values at all
    CHECK(evaluate(d(y * y, x)) == 0.0);
}

TEST_CASE("evaluate: scalar intermediates use their definition unless bound") {
    constexpr auto u = intermediate<"u">(x * x + 1_c);
    CHECK(evaluate(u * y, x = 3.0, y = 2.0) == 20.0);
    CHECK(evaluate(u * y, u = 5.0, y = 2.0) == 10.0);  // bound: the definition is not used
    // the total derivative goes through the definition; holding u fixed does not
    CHECK(evaluate(d(u * y, x), x = 3.0, y = 2.0) == 12.0);
    CHECK(evaluate(partial(u * x, x, u), x = 3.0, u = 4.0) == 4.0);
}

TEST_CASE("evaluate: constants alone, and an opaque loss bound to its value") {
    CHECK(evaluate(c<3> / 4_c - 1_c) == -0.25);
    CHECK(evaluate<float>(2_c * c<1, 3>) == 2.0f / 3.0f);
    constexpr auto B = extent<"B">();
    constexpr auto k = index<"k">(B);
    constexpr auto H = tensor<"H">(B);
    constexpr auto G = tensor<"G">(B);
    constexpr auto ell = loss<"ell", "\\ell">(H, G, k);
    CHECK(evaluate(ell * x, ell = 0.5, x = 4.0) == 2.0);
}

TEST_CASE("evaluate: a composed expression containing a computed result") {
    auto g = d(x * x * x, x);  // 3 x^2
    CHECK(evaluate(g * y + 1_c, x = 2.0, y = 0.5) == 7.0);
}

}  // namespace
