// What the derivation steps need from the engine: unevaluated partial
// derivatives, products printed as built, and nested sums without brackets.
#include <catch2/catch.hpp>

#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;
constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto k = index<"k">(B);
constexpr auto l = index<"l">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto H = intermediate<"H">(relu(Y(k, l)), k, l);

// ∂f/∂x unevaluated, spelled from f and x
static_assert(latex(partial_symbol(H(k, l), Y(k, l))) == "\\frac{\\partial H_{kl}}{\\partial Y_{kl}}");
static_assert(latex(partial_symbol(pow<2>(x), x)) == "\\frac{\\partial x^{2}}{\\partial x}");
// one symbol however often it occurs; a constant to the calculus
static_assert(latex(simplify(partial_symbol(x, y) + partial_symbol(x, y))) == "2 \\frac{\\partial x}{\\partial y}");
static_assert(latex(d(partial_symbol(x, y) * x, x)) == "\\frac{\\partial x}{\\partial y}");
static_assert(!equivalent(partial_symbol(x, y), partial_symbol(y, x)));

// Σ_k Σ_l needs no brackets
static_assert(latex(sum(k, sum(l, Y(k, l)))) == "\\sum_{k=1}^{B} \\sum_{l=1}^{M} Y_{kl}");
static_assert(latex(sum(k, sum(l, Y(k, l)) + x)) == "\\sum_{k=1}^{B} (\\sum_{l=1}^{M} Y_{kl} + x)");

// a product nested in a product: one fraction, or kept as built
constexpr latex_options as_built{.merge_products = false};
static_assert(latex(x * (y / (x + 1_c))) == "\\frac{x y}{x + 1}");
static_assert(latex<as_built>(x * (y / (x + 1_c))) == "x \\frac{y}{x + 1}");
static_assert(latex<as_built>(x * -(y / (x + 1_c))) == "x (-\\frac{y}{x + 1})");
// simplified results print the same either way
static_assert(latex<as_built>(simplify(x * (y / (x + 1_c)))) == latex(simplify(x * (y / (x + 1_c)))));
}  // namespace

TEST_CASE("engine additions: checked at compile time") { SUCCEED(); }
