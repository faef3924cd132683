// Scalar derivative cases with hand-derived results, shared by the static
// tests (tests/static/derivatives_*.cpp: symbolic equivalence and exact
// LaTeX) and by run-time tests (finite differences).
//
// A case holds f, the variables (d is applied to f once per variable, in
// order), the expected derivative written by hand, and the LaTeX the
// simplified derivative is expected to print as. The groups below are
// hana::tuples of cases; `all_cases` concatenates them.
//
// The symbols are x, y, z and gam (gamma) below. Every f and expected result
// is defined, and smooth (no relu kink, no pole, no log of a non-positive
// number), at sample_point, so a run-time test can bind x = sample_point::x,
// ... and compare finite differences of f with the expected value there
// (for order 2, differences of d(f, first variable) by the second).
#pragma once
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/concat.hpp>
#include <boost/hana/size.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <leibniz/leibniz.hpp>

namespace leibniz_test {

namespace hana = boost::hana;
using leibniz::fixed_string;

inline constexpr auto x = leibniz::symbol<"x">();
inline constexpr auto y = leibniz::symbol<"y">();
inline constexpr auto z = leibniz::symbol<"z">();
inline constexpr auto gam = leibniz::symbol<"gamma", "\\gamma">();

/// A point where every case is smooth.
struct sample_point {
    static constexpr double x = 1.7, y = 1.3, z = 0.6, gamma = 0.8;
};

/// d(...d(d(f, X0), X1)..., Xn) should equal Expected and print as Tex.
template <fixed_string Tex, class F, class Expected, class... X>
struct derivative_case {
    using function_type = F;
    using expected_type = Expected;
    using variables_type = hana::tuple<X...>;
    static constexpr auto tex = Tex;
    static constexpr std::size_t order = sizeof...(X);

    F f;
    Expected expected;
    variables_type variables;
};

/// A first derivative d(f, x).
template <fixed_string Tex, class F, class X, class E>
constexpr auto dcase(F f, X x, E expected) {
    return derivative_case<Tex, F, E, X>{f, expected, hana::make_tuple(x)};
}
/// A second derivative d(d(f, x1), x2).
template <fixed_string Tex, class F, class X1, class X2, class E>
constexpr auto dcase2(F f, X1 x1, X2 x2, E expected) {
    return derivative_case<Tex, F, E, X1, X2>{f, expected, hana::make_tuple(x1, x2)};
}

namespace detail {
template <class F>
constexpr auto derive_all(F f) {
    return f;
}
template <class F, class X, class... Rest>
constexpr auto derive_all(F f, X x, Rest... rest) {
    return derive_all(leibniz::d(f, x), rest...);
}
}  // namespace detail

/// The engine's derivative for a case (all its variables, in order).
template <class Case>
constexpr auto derive(const Case&) {
    return hana::unpack(typename Case::variables_type{},
                        [](auto... xs) { return detail::derive_all(typename Case::function_type{}, xs...); });
}

/// The static checks of one case: the engine's derivative has the same
/// canonical form as the hand-derived one, and prints exactly as Tex. On
/// failure the compiler names the case by its group position I.
template <class Case, std::size_t I>
constexpr bool check_case() {
    using result = decltype(derive(Case{}));
    static_assert(leibniz::equivalent(result{}, typename Case::expected_type{}),
                  "the derivative is not equivalent to the hand-derived result");
    static_assert(leibniz::latex(result{}) == std::string_view(Case::tex),
                  "the derivative does not print as expected");
    return true;
}
template <class Cases, std::size_t... I>
constexpr bool check_cases(std::index_sequence<I...>) {
    return (check_case<std::remove_cvref_t<decltype(hana::at_c<I>(std::declval<Cases>()))>, I>() && ...);
}
/// Check every case of a group (a hana::tuple of cases).
template <auto& Cases>
constexpr bool check_group() {
    using group = std::remove_cvref_t<decltype(Cases)>;
    return check_cases<group>(std::make_index_sequence<decltype(hana::size(Cases))::value>{});
}

using namespace leibniz::literals;
using leibniz::c;

// ---- constants, sums, products, polynomials ------------------------------------------------
inline constexpr auto polynomial_cases = hana::make_tuple(
    dcase<"0">(5_c, x, 0_c),
    dcase<"0">(c<3, 4>, x, 0_c),
    dcase<"1">(x, x, 1_c),
    dcase<"0">(y, x, 0_c),
    dcase<"1">(x + y, x, 1_c),
    dcase<"-1">(x - y, y, -1_c),
    dcase<"3">(3_c * x, x, 3_c),
    dcase<R"(\frac{3}{4})">(x * c<3, 4>, x, c<3, 4>),
    dcase<R"(\frac{1}{3})">(x / 3_c, x, c<1, 3>),
    dcase<"3 x^{2} + 2">(x * x * x + 2_c * x, x, 3_c * x * x + 2_c),
    dcase<"4 x^{3} - 6 x">(x * x * x * x - 3_c * x * x + 7_c, x, 4_c * x * x * x - 6_c * x),
    dcase<"-2 x">(-(x * x), x, -2_c * x),
    dcase<"x">(c<1, 2> * x * x, x, x),
    dcase<R"(-\frac{4}{5} x)">(c<-2, 5> * x * x, x, c<-4, 5> * x),
    dcase<"2 x^{2}">(c<2, 3> * x * x * x, x, 2_c * x * x),
    dcase<"2 x">((x + 1_c) * (x - 1_c), x, (x - 1_c) + (x + 1_c)),
    dcase<"2 x + 2 y">((x + y) * (x + y), x, 2_c * (x + y)),
    dcase<"y">(x * y, x, y),
    dcase<"x">(x * y, y, x),
    dcase<"2 x y">(x * x * y, x, 2_c * x * y),
    dcase<"x y">(x * y * z, z, y * x),
    dcase<"5 x^{4}">(leibniz::pow<5>(x), x, 5_c * x * x * x * x),
    dcase<"3 (x + y)^{2}">(leibniz::pow<3>(x + y), x, 3_c * (x + y) * (x + y)));

// ---- quotients and negative powers --------------------------------------------------------------
inline constexpr auto quotient_cases = hana::make_tuple(
    dcase<R"(-\frac{1}{x^{2}})">(1_c / x, x, -1_c / (x * x)),
    dcase<R"(\frac{1}{y})">(x / y, x, 1_c / y),
    dcase<R"(-\frac{x}{y^{2}})">(x / y, y, -x / (y * y)),
    dcase<R"(-\frac{2}{x^{3}})">(leibniz::pow<-2>(x), x, -2_c / (x * x * x)),
    // quotient rule, left as u'/v - u v'/v^2 (not brought to one denominator)
    dcase<R"(\frac{1}{x + 1} - \frac{x}{(x + 1)^{2}})">(x / (1_c + x), x,
                                                          1_c / (1_c + x) - x * leibniz::pow<-2>(1_c + x)),
    dcase<R"(\frac{1}{x - 1} - \frac{x + 1}{(x - 1)^{2}})">((x + 1_c) / (x - 1_c), x,
                                                             1_c / (x - 1_c) - (x + 1_c) * leibniz::pow<-2>(x - 1_c)),
    dcase<R"(-\frac{2 x}{(x^{2} + 1)^{2}})">(1_c / (x * x + 1_c), x, -2_c * x * leibniz::pow<-2>(x * x + 1_c)),
    dcase<R"(-\frac{2 y}{(x^{2} + y^{2})^{2}})">(leibniz::pow<-1>(x * x + y * y), y,
                                                 -2_c * y * leibniz::pow<-2>(x * x + y * y)),
    // nested quotients: x / (y / x) = x^2 / y; x / (x y) = 1 / y
    dcase<R"(\frac{2 x}{y})">(x / (y / x), x, 2_c * x / y),
    dcase<"0">(x / (x * y), x, 0_c),
    // 1 / (1/x + 1/y): chain rule through the outer reciprocal
    dcase<R"(\frac{1}{x^{2} (\frac{1}{x} + \frac{1}{y})^{2}})">(
        1_c / (1_c / x + 1_c / y), x, leibniz::pow<-2>(1_c / x + 1_c / y) / (x * x)));

// ---- square roots and other rational exponents -----------------------------------------------------
inline constexpr auto root_cases = hana::make_tuple(
    dcase<R"(\frac{3}{2} \sqrt{x})">(leibniz::pow<3, 2>(x), x, c<3, 2> * leibniz::sqrt(x)),
    dcase<R"(\frac{1}{2 \sqrt{x}})">(leibniz::sqrt(x), x, c<1, 2> / leibniz::sqrt(x)),
    dcase<R"(\frac{1}{3 x^{\frac{2}{3}}})">(leibniz::pow<1, 3>(x), x, c<1, 3> * leibniz::pow<-2, 3>(x)),
    dcase<R"(-\frac{1}{2 x^{\frac{3}{2}}})">(leibniz::pow<-1, 2>(x), x, c<-1, 2> / (x * leibniz::sqrt(x))),
    dcase<R"(3 x \sqrt{x^{2} + y})">(leibniz::pow<3, 2>(x * x + y), x, 3_c * x * leibniz::sqrt(x * x + y)),
    dcase<R"(\frac{x}{\sqrt{x^{2} + y}})">(leibniz::sqrt(x * x + y), x, x * leibniz::pow<-1, 2>(x * x + y)),
    dcase<R"(\frac{1}{2 \sqrt{x^{2} + y}})">(leibniz::sqrt(x * x + y), y, c<1, 2> * leibniz::pow<-1, 2>(x * x + y)),
    // sqrt(x y) stays whole: sqrt(x) sqrt(y) is not defined where x, y < 0
    dcase<R"(\frac{y}{2 \sqrt{x y}})">(leibniz::sqrt(x * y), x, c<1, 2> * y / leibniz::sqrt(x * y)),
    // (x^2)^(1/2) = |x|, whose derivative is sign(x); (x^(1/2))^2 = x where it is defined
    dcase<R"(\operatorname{sign}(x))">(leibniz::sqrt(x * x), x, leibniz::sign(x)),
    dcase<"1">(leibniz::pow<2>(leibniz::sqrt(x)), x, 1_c));

// ---- exp ------------------------------------------------------------------------------------------------
inline constexpr auto exp_cases = hana::make_tuple(
    dcase<R"(\exp(x))">(leibniz::exp(x), x, leibniz::exp(x)),
    dcase<R"(2 x \exp(x^{2}))">(leibniz::exp(x * x), x, 2_c * x * leibniz::exp(x * x)),
    dcase<R"(3 \exp(3 x))">(leibniz::exp(3_c * x), x, 3_c * leibniz::exp(3_c * x)),
    dcase<R"(-\exp(-x))">(leibniz::exp(-x), x, -leibniz::exp(-x)),
    dcase<R"(x \exp(x y))">(leibniz::exp(x * y), y, x * leibniz::exp(x * y)),
    dcase<R"(x y \exp(x y z))">(leibniz::exp(x * y * z), z, x * y * leibniz::exp(x * y * z)),
    dcase<R"(x \exp(x) + \exp(x))">(x * leibniz::exp(x), x, leibniz::exp(x) * (1_c + x)),
    dcase<R"(\frac{\exp(\sqrt{x})}{2 \sqrt{x}})">(leibniz::exp(leibniz::sqrt(x)), x,
                                                  leibniz::exp(leibniz::sqrt(x)) / (2_c * leibniz::sqrt(x))),
    // exp(a) exp(b) = exp(a + b), (e^x)^y = e^(x y)
    dcase<"0">(leibniz::exp(x) / leibniz::exp(x), x, 0_c),
    dcase<R"(y \exp(x y))">(leibniz::pow(leibniz::exp(x), y), x, y * leibniz::exp(x * y)));

// ---- log --------------------------------------------------------------------------------------------------
inline constexpr auto log_cases = hana::make_tuple(
    dcase<R"(\frac{1}{x})">(leibniz::log(x), x, 1_c / x),
    dcase<R"(\frac{2 x}{x^{2} + 1})">(leibniz::log(1_c + x * x), x, 2_c * x / (1_c + x * x)),
    dcase<R"(\frac{2 x}{x^{2} + y})">(leibniz::log(x * x + y), x, 2_c * x * leibniz::pow<-1>(x * x + y)),
    dcase<R"(\frac{1}{x})">(leibniz::log(x * y), x, 1_c / x),
    dcase<R"(\frac{1}{2 x})">(leibniz::log(leibniz::sqrt(x)), x, c<1, 2> / x),
    dcase<R"(\frac{1}{x \log(x)})">(leibniz::log(leibniz::log(x)), x, 1_c / (x * leibniz::log(x))),
    dcase<R"(\frac{\exp(x)}{x} + \exp(x) \log(x))">(leibniz::exp(x) * leibniz::log(x), x,
                                                     leibniz::exp(x) * leibniz::log(x) + leibniz::exp(x) / x),
    // exp(y log x) is x^y written by hand
    dcase<R"(\frac{y \exp(y \log(x))}{x})">(leibniz::exp(leibniz::log(x) * y), x,
                                             y / x * leibniz::exp(y * leibniz::log(x))),
    // exp(log u) = u, log(exp u) = u
    dcase<"1">(leibniz::exp(leibniz::log(x)), x, 1_c),
    dcase<"2 x">(leibniz::log(leibniz::exp(x * x)), x, 2_c * x));

// ---- general powers b^e with a symbolic exponent: d = b^e (e' log b + e b'/b) -------------------
inline constexpr auto general_power_cases = hana::make_tuple(
    dcase<"x^{y - 1} y">(leibniz::pow(x, y), x, leibniz::pow(x, y) * y / x),
    dcase<R"(x^{y} \log(x))">(leibniz::pow(x, y), y, leibniz::pow(x, y) * leibniz::log(x)),
    dcase<R"(x^{x} (\log(x) + 1))">(leibniz::pow(x, x), x, leibniz::pow(x, x) * leibniz::log(x) + leibniz::pow(x, x)),
    dcase<R"(2^{x} \log(2))">(leibniz::pow(2_c, x), x, leibniz::pow(2_c, x) * leibniz::log(2_c)),
    dcase<R"(\frac{1}{2 \sqrt{x}})">(leibniz::pow(x, c<1, 2>), x, c<1, 2> * leibniz::pow<-1, 2>(x)),
    dcase<R"(\log(x^{2} + 1) (x^{2} + 1)^{y})">(leibniz::pow(x * x + 1_c, y), y,
                                                 leibniz::pow(x * x + 1_c, y) * leibniz::log(x * x + 1_c)),
    dcase<R"(\gamma^{x y} y \log(\gamma))">(leibniz::pow(gam, x * y), x,
                                             y * leibniz::log(gam) * leibniz::pow(gam, x * y)),
    // both base and exponent depend on x: d x^(x^2) = x^(x^2) (2 x log x + x^2 / x)
    dcase<R"(x^{x^{2}} (x + 2 x \log(x)))">(leibniz::pow(x, x * x), x,
                                             leibniz::pow(x, x * x) * (2_c * x * leibniz::log(x) + x * x / x)));

// ---- relu, max(u, 0) and step: d relu(u) = step(u) u' ------------------------------------------------------
inline constexpr auto relu_cases = hana::make_tuple(
    dcase<R"(\mathbb{1}[x > 0])">(leibniz::relu(x), x, leibniz::step(x)),
    dcase<R"(\mathbb{1}[x > 0])">(leibniz::max(x, 0_c), x, leibniz::step(x)),
    dcase<R"(y \mathbb{1}[x y > 0])">(leibniz::relu(x * y), x, y * leibniz::step(x * y)),
    dcase<R"(2 x \mathbb{1}[x^{2} - y > 0])">(leibniz::relu(x * x - y), x, 2_c * x * leibniz::step(x * x - y)),
    dcase<R"(3 \mathbb{1}[3 x + y > 0])">(leibniz::relu(3_c * x + y), x, 3_c * leibniz::step(3_c * x + y)),
    dcase<R"(x \mathbb{1}[x y - 1 > 0])">(leibniz::max(x * y - 1_c, 0_c), y, x * leibniz::step(x * y - 1_c)),
    dcase<R"(2 \mathbb{1}[x > 0] \max(x, 0))">(leibniz::relu(x) * leibniz::relu(x), x,
                                               2_c * leibniz::relu(x) * leibniz::step(x)),
    dcase<R"(-\mathbb{1}[-x > 0])">(leibniz::relu(-x), x, -leibniz::step(-x)),
    dcase<R"(\mathbb{1}[x > 0] \exp(\max(x, 0)))">(leibniz::exp(leibniz::relu(x)), x,
                                                  leibniz::step(x) * leibniz::exp(leibniz::relu(x))),
    // step is flat wherever it is differentiable
    dcase<"0">(leibniz::step(x), x, 0_c),
    dcase<"0">(leibniz::step(x * y) * y, x, 0_c));

// ---- symbols with LaTeX spellings, and partial derivatives w.r.t. each symbol ----------------------------
inline constexpr auto symbol_cases = hana::make_tuple(
    dcase<R"(2 \gamma x)">(gam * x * x, x, 2_c * gam * x),
    dcase<"x^{2}">(gam * x * x, gam, x * x),
    dcase<R"(x \exp(\gamma x))">(leibniz::exp(gam * x), gam, x * leibniz::exp(x * gam)),
    dcase<R"(\frac{1}{\gamma})">(leibniz::log(gam), gam, 1_c / gam),
    dcase<R"(\frac{1}{2 \sqrt{\gamma}})">(leibniz::sqrt(gam), gam, c<1, 2> * leibniz::pow<-1, 2>(gam)),
    dcase<R"(2 (\gamma - x))">(leibniz::pow<2>(gam - x), gam, 2_c * gam - 2_c * x),
    dcase<R"(-2 (\gamma - x))">(leibniz::pow<2>(gam - x), x, 2_c * x - 2_c * gam),
    // f = x^2 y + y^2 z + z x, by each variable
    dcase<"2 x y + z">(x * x * y + y * y * z + z * x, x, 2_c * x * y + z),
    dcase<"x^{2} + 2 y z">(x * x * y + y * y * z + z * x, y, x * x + 2_c * y * z),
    dcase<"x + y^{2}">(x * x * y + y * y * z + z * x, z, y * y + x),
    dcase<R"(\frac{1}{\gamma})">(leibniz::log(gam * x * y), gam, 1_c / gam));

// ---- second derivatives -------------------------------------------------------------------------------
inline constexpr auto second_order_cases = hana::make_tuple(
    dcase2<"12 x^{2}">(leibniz::pow<4>(x), x, x, 12_c * x * x),
    dcase2<"2 x">(x * x * y, x, y, 2_c * x),
    dcase2<"2 x">(x * x * y, y, x, 2_c * x),
    dcase2<R"(-\frac{1}{x^{2}})">(leibniz::log(x), x, x, -1_c / (x * x)),
    dcase2<R"(-\frac{1}{4 x^{\frac{3}{2}}})">(leibniz::sqrt(x), x, x, c<-1, 4> * leibniz::pow<-3, 2>(x)),
    dcase2<R"(x \exp(x) + 2 \exp(x))">(x * leibniz::exp(x), x, x, (x + 2_c) * leibniz::exp(x)),
    dcase2<R"(4 x^{2} \exp(x^{2}) + 2 \exp(x^{2}))">(leibniz::exp(x * x), x, x,
                                                    (2_c + 4_c * x * x) * leibniz::exp(x * x)),
    dcase2<R"(x^{y} \log(x)^{2})">(leibniz::pow(x, y), y, y,
                                   leibniz::pow(x, y) * leibniz::log(x) * leibniz::log(x)),
    dcase2<R"(\frac{2}{x^{3}})">(1_c / x, x, x, 2_c * leibniz::pow<-3>(x)),
    dcase2<"0">(leibniz::relu(x), x, x, 0_c),
    dcase2<R"(2 \log(\gamma x) + 3)">(gam * gam * leibniz::log(x * gam), gam, gam,
                                  2_c * leibniz::log(x * gam) + 3_c));

inline constexpr auto all_cases = hana::concat(
    hana::concat(hana::concat(polynomial_cases, quotient_cases), hana::concat(root_cases, exp_cases)),
    hana::concat(hana::concat(log_cases, general_power_cases),
                 hana::concat(hana::concat(relu_cases, symbol_cases), second_order_cases)));

}  // namespace leibniz_test
