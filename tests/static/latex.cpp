// The LaTeX printer: signs folded into the operators, minimal parentheses
// by precedence, \frac for negative powers and rational coefficients,
// \sqrt for square roots, and the printing options. Expressions are printed
// as they stand unless wrapped in simplify.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;

namespace {
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();
constexpr auto gam = symbol<"gamma", "\\gamma">();
constexpr auto w = symbol<"w", "\\mathbf{w}">();
}  // namespace

// ---- signs: a - b, never a + -1 b -----------------------------------------------------------------
static_assert(latex(x - y) == "x - y");
static_assert(latex(x + -y) == "x - y");
static_assert(latex(x + (-1_c) * y) == "x - y");
static_assert(latex(x - -y) == "x + y");
static_assert(latex(x - 2_c * y) == "x - 2 y");
static_assert(latex(x + c<-1, 2> * y) == "x - \\frac{1}{2} y");
static_assert(latex(x - c<1, 2>) == "x - \\frac{1}{2}");
static_assert(latex(c<1, 2> - x) == "\\frac{1}{2} - x");
static_assert(latex(x - y / z) == "x - \\frac{y}{z}");
static_assert(latex(-x) == "-x");
static_assert(latex(-(x * y)) == "-x y");
static_assert(latex(x * -y) == "-x y");
static_assert(latex(-x * -y) == "x y");
static_assert(latex(-(x / y)) == "-\\frac{x}{y}");
static_assert(latex(-x / y) == "-\\frac{x}{y}");
static_assert(latex(simplify(x + (-1_c) * y)) == "x - y");
static_assert(latex(simplify(x - 2_c * y + 3_c)) == "x - 2 y + 3");

// ---- a negated sum keeps its parentheses --------------------------------------------------------------
static_assert(latex(-(x + y)) == "-(x + y)");
static_assert(latex(x - (y + z)) == "x - (y + z)");
static_assert(latex(x - (y - z)) == "x - (y - z)");
static_assert(latex(x * (-(y + z))) == "-x (y + z)");
static_assert(latex(simplify(-(x + y))) == "-(x + y)");

// ---- parentheses around sums in products and powers, none elsewhere -------------------------------------
static_assert(latex(x * (y + z)) == "x (y + z)");
static_assert(latex((x + y) * (x - y)) == "(x + y) (x - y)");
static_assert(latex((x + y) * z + 1_c) == "(x + y) z + 1");
static_assert(latex(x * y + z) == "x y + z");
static_assert(latex(x + (y + z)) == "x + y + z");
static_assert(latex(pow<2>(x + y)) == "(x + y)^{2}");
static_assert(latex(pow<2>(x - y)) == "(x - y)^{2}");
static_assert(latex(pow<2>(x * y)) == "(x y)^{2}");
static_assert(latex(pow<2>(-x)) == "(-x)^{2}");
static_assert(latex(pow<2>(-2_c)) == "(-2)^{2}");
static_assert(latex(pow<2>(c<1, 2>)) == "(\\frac{1}{2})^{2}");
static_assert(latex(pow<2>(pow<3>(x))) == "(x^{3})^{2}");
static_assert(latex(pow<2>(sqrt(x))) == "(\\sqrt{x})^{2}");
static_assert(latex(pow<2>(relu(x))) == "(\\max(x, 0))^{2}");
static_assert(latex(pow(x + y, z)) == "(x + y)^{z}");
static_assert(latex(pow(x, y + z)) == "x^{y + z}");
static_assert(latex(pow(x, y * z)) == "x^{y z}");
static_assert(latex(pow(x, -y)) == "x^{-y}");
static_assert(latex(pow<2>(gam)) == "\\gamma^{2}");
static_assert(latex(pow(exp(x), 2_c)) == "\\exp(x)^{2}");
static_assert(latex(pow(log(x), 2_c)) == "\\log(x)^{2}");
// function arguments need no parentheses of their own
static_assert(latex(exp(x + y)) == "\\exp(x + y)");
static_assert(latex(log(x / y)) == "\\log(\\frac{x}{y})");
static_assert(latex(relu(x - y)) == "\\max(x - y, 0)");
static_assert(latex(sqrt(x + y)) == "\\sqrt{x + y}");

// ---- \frac, \sqrt and rational exponents --------------------------------------------------------------------
static_assert(latex(x / y) == "\\frac{x}{y}");
static_assert(latex(x / (y + z)) == "\\frac{x}{y + z}");
static_assert(latex((x + y) / z) == "\\frac{x + y}{z}");
static_assert(latex(1_c / (x * y)) == "\\frac{1}{x y}");
static_assert(latex(gam * pow<-1>(x + y)) == "\\frac{\\gamma}{x + y}");
static_assert(latex(log(x) / log(y)) == "\\frac{\\log(x)}{\\log(y)}");
static_assert(latex(1_c / (x + y) + 1_c / (x - y)) == "\\frac{1}{x + y} + \\frac{1}{x - y}");
static_assert(latex(x / 2_c) == "\\frac{x}{2}");
static_assert(latex(c<3, 2> / x) == "\\frac{3}{2 x}");
static_assert(latex(c<1, 2> * x) == "\\frac{1}{2} x");
static_assert(latex(c<-3, 4> * x * y) == "-\\frac{3}{4} x y");
static_assert(latex(sqrt(x)) == "\\sqrt{x}");
static_assert(latex(pow(x, c<1, 2>)) == "\\sqrt{x}");
static_assert(latex(sqrt(x) * y) == "\\sqrt{x} y");
static_assert(latex(2_c * sqrt(x)) == "2 \\sqrt{x}");
static_assert(latex(pow<3, 2>(x)) == "x^{\\frac{3}{2}}");
static_assert(latex(pow<-1, 2>(x)) == "\\frac{1}{\\sqrt{x}}");
static_assert(latex(x * pow<-1, 2>(y)) == "\\frac{x}{\\sqrt{y}}");
static_assert(latex(pow<-3, 2>(x)) == "\\frac{1}{x^{\\frac{3}{2}}}");
static_assert(latex(5_c * pow<-3, 2>(x)) == "\\frac{5}{x^{\\frac{3}{2}}}");
// negative powers go to the denominator, with their sign dropped
static_assert(latex(pow<-1>(x)) == "\\frac{1}{x}");
static_assert(latex(pow<-2>(x + y)) == "\\frac{1}{(x + y)^{2}}");
static_assert(latex(x * sqrt(y) / (z * sqrt(x))) == "\\frac{x \\sqrt{y}}{z \\sqrt{x}}");
static_assert(latex(simplify(x / (y * y))) == "\\frac{x}{y^{2}}");
static_assert(latex(simplify(x / y / z)) == "\\frac{x}{y z}");
static_assert(latex(simplify(2_c / (3_c * x))) == "\\frac{2}{3 x}");
static_assert(latex(simplify(c<-2, 3> / (x + y))) == "-\\frac{2}{3 (x + y)}");
static_assert(latex(simplify(y / (x * pow<2>(x + 1_c)))) == "\\frac{y}{x (x + 1)^{2}}");

// ---- numbers: folded, and kept apart by \cdot where two would run together ------------------------------
static_assert(latex(2_c * 3_c) == "6");
static_assert(latex(2_c * c<1, 2>) == "1");
static_assert(latex(x * 2_c) == "2 x");
static_assert(latex(x * 3_c * y) == "3 x y");
static_assert(latex(2_c * pow(3_c, x)) == "2 \\cdot 3^{x}");
static_assert(latex(pow(2_c, x) * pow(3_c, y)) == "2^{x} \\cdot 3^{y}");

// ---- symbols with their own spelling ------------------------------------------------------------------------------
static_assert(latex(gam * x) == "\\gamma x");
static_assert(latex(simplify(x * w * gam)) == "\\gamma \\mathbf{w} x");

// ---- options ---------------------------------------------------------------------------------------------------------
static_assert(latex<latex_options{.fractions = false}>(simplify(x / y)) == "x y^{-1}");
static_assert(latex<latex_options{.fractions = false}>(simplify(2_c * x / (y * y))) == "2 x y^{-2}");
static_assert(latex<latex_options{.fractions = false}>(simplify(pow<-3, 2>(x))) == "x^{-\\frac{3}{2}}");
static_assert(latex(step(x) * y) == "\\mathbb{1}[x > 0] y");
static_assert(latex(simplify(step(x) * y)) == "y \\mathbb{1}[x > 0]");
static_assert(latex<latex_options{.step = step_style::f}>(simplify(step(x) * y)) == "y f(x)");
static_assert(latex<latex_options{.step = step_style::sigma_prime}>(step(x - y)) == "\\sigma'(x - y)");
static_assert(latex(relu(x)) == "\\max(x, 0)");
static_assert(latex<latex_options{.relu = relu_style::relu}>(relu(x)) == "\\operatorname{relu}(x)");
static_assert(latex<latex_options{.relu = relu_style::sigma}>(relu(x * y)) == "\\sigma(x y)");
