// Intermediates defined by a captureless lambda. The lambda's type names the
// definition instead of spelling it out, so an intermediate built on a chain
// of others has a type (and symbol names in the compiler) of constant size,
// where the expression form's type contains every definition below it. Both
// forms mean the same: same lowering, same derivatives, same printed program.
#include <string_view>
#include <type_traits>

#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;

inline constexpr auto N = extent<"N">();
inline constexpr auto i = index<"i">(N);
inline constexpr auto j = index<"j">(N);
inline constexpr auto W = tensor<"W">(N, N);
inline constexpr auto x = tensor<"x">(N);
inline constexpr auto v = tensor<"v">(N);

/// The length of a type's name as the compiler spells it.
template <class T>
constexpr std::size_t type_name_length() {
    return std::string_view(__PRETTY_FUNCTION__).size();
}

// Six layers h_n(i) = tanh(Σ_j W(i, j) h_{n-1}(j)), once with definitions given
// as expressions, once as lambdas (same names: the two chains never meet).
namespace by_expression {
inline constexpr auto h1 = intermediate<"h1">(tanh(sum(j, W(i, j) * x(j))), i);
inline constexpr auto h2 = intermediate<"h2">(tanh(sum(j, W(i, j) * h1(j))), i);
inline constexpr auto h3 = intermediate<"h3">(tanh(sum(j, W(i, j) * h2(j))), i);
inline constexpr auto h4 = intermediate<"h4">(tanh(sum(j, W(i, j) * h3(j))), i);
inline constexpr auto h5 = intermediate<"h5">(tanh(sum(j, W(i, j) * h4(j))), i);
inline constexpr auto h6 = intermediate<"h6">(tanh(sum(j, W(i, j) * h5(j))), i);
inline constexpr auto ell = intermediate<"ell">(sum(i, v(i) * h6(i)));
}  // namespace by_expression

namespace by_lambda {
inline constexpr auto h1 = intermediate<"h1">([] { return tanh(sum(j, W(i, j) * x(j))); }, i);
inline constexpr auto h2 = intermediate<"h2">([] { return tanh(sum(j, W(i, j) * h1(j))); }, i);
inline constexpr auto h3 = intermediate<"h3">([] { return tanh(sum(j, W(i, j) * h2(j))); }, i);
inline constexpr auto h4 = intermediate<"h4">([] { return tanh(sum(j, W(i, j) * h3(j))); }, i);
inline constexpr auto h5 = intermediate<"h5">([] { return tanh(sum(j, W(i, j) * h4(j))); }, i);
inline constexpr auto h6 = intermediate<"h6">([] { return tanh(sum(j, W(i, j) * h5(j))); }, i);
inline constexpr auto ell = intermediate<"ell">([] { return sum(i, v(i) * h6(i)); });
}  // namespace by_lambda

// The expression form's type grows with every layer; the lambda form's does not.
constexpr std::size_t expression_h1 = type_name_length<decltype(by_expression::h1)>();
constexpr std::size_t expression_h6 = type_name_length<decltype(by_expression::h6)>();
constexpr std::size_t lambda_h1 = type_name_length<decltype(by_lambda::h1)>();
constexpr std::size_t lambda_h6 = type_name_length<decltype(by_lambda::h6)>();
static_assert(expression_h6 > 4 * expression_h1);
static_assert(lambda_h6 < lambda_h1 + 64);
static_assert(4 * lambda_h6 < expression_h6);

// Same meaning: the derivatives and the printed programs agree character for character.
static_assert(latex(d(by_lambda::h3(i), x(j))).view() == latex(d(by_expression::h3(i), x(j))).view());
static_assert(latex(backprop(by_lambda::ell, wrt(x(j)))).view() == latex(backprop(by_expression::ell, wrt(x(j)))).view());
static_assert(latex(unfold(by_lambda::h2(i), by_lambda::h2)).view() == latex(unfold(by_expression::h2(i), by_expression::h2)).view());

// A scalar (an intermediate without parameters, a symbol) may be written with
// empty parentheses, as in a lambda that uses it: ell() is ell.
static_assert(std::is_same_v<decltype(by_lambda::ell()), std::remove_cvref_t<decltype(by_lambda::ell)>>);
inline constexpr auto y = symbol<"y">();
static_assert(std::is_same_v<decltype(y()), std::remove_cvref_t<decltype(y)>>);
static_assert(latex(d(by_lambda::ell() * y(), y)) == "ell");
}  // namespace
