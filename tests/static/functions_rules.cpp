// The elementwise functions of the op table (ir/ops.hpp): their spelling,
// the simplifications the table states (f(0), signs of odd and even
// functions, |q x|, max(0, x) = relu(x)), the numeric witness's values
// of them, and the table's own shape.
#include <leibniz/leibniz.hpp>
#include <leibniz/stats/constants.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

// ---- spelling -------------------------------------------------------------------------------------------
static_assert(latex(tanh(x)) == "\\tanh(x)");
static_assert(latex(sigmoid(x + y)) == "\\sigma(x + y)");
static_assert(latex(erf(x / y)) == "\\operatorname{erf}(\\frac{x}{y})");
static_assert(latex(softplus(x)) == "\\operatorname{softplus}(x)");
static_assert(latex(abs(x - y) * y) == "|x - y| y");
static_assert(latex(sign(x)) == "\\operatorname{sign}(x)");
static_assert(latex(sin(x) + cos(y)) == "\\sin(x) + \\cos(y)");
static_assert(latex(max(x, y)) == "\\max(x, y)");
static_assert(latex(min(x, 2_c * y)) == "\\min(x, 2 y)");
static_assert(latex(pow<2>(max(x, y))) == "(\\max(x, y))^{2}");
static_assert(latex(pow<2>(tanh(x))) == "\\tanh(x)^{2}");
// relu and step keep their spellings and styles
static_assert(latex(max(x, 0_c)) == "\\max(x, 0)");
static_assert(latex(max(0_c, x)) == "\\max(x, 0)");
static_assert(latex<latex_options{.relu = relu_style::relu}>(max(x, 0_c)) == "\\operatorname{relu}(x)");
static_assert(latex<latex_options{.step = step_style::sigma_prime}>(d(relu(x), x)) == "\\sigma'(x)");
// canonical order: symbols, then the functions in the table's order
static_assert(latex(simplify(cos(x) * sin(x) * tanh(x) * y * exp(x))) == "y \\exp(x) \\tanh(x) \\sin(x) \\cos(x)");

// ---- simplification -------------------------------------------------------------------------------------
static_assert(latex(simplify(tanh(0_c) + erf(0_c) + sin(0_c))) == "0");
static_assert(latex(simplify(cos(0_c) + sigmoid(0_c))) == "\\frac{3}{2}");
static_assert(latex(simplify(softplus(0_c))) == "\\log(2)");
static_assert(latex(simplify(abs(c<-3, 2>))) == "\\frac{3}{2}");
static_assert(latex(simplify(sign(c<-3, 2>) + sign(0_c) + 2_c * sign(5_c))) == "1");
static_assert(latex(simplify(max(2_c, c<5, 2>) + min(2_c, c<5, 2>))) == "\\frac{9}{2}");
// odd and even functions: the sign comes out
static_assert(latex(simplify(tanh(-x))) == "-\\tanh(x)");
static_assert(latex(simplify(sin(y - x))) == "-\\sin(x - y)");
static_assert(latex(simplify(erf(-2_c * x))) == "-\\operatorname{erf}(2 x)");
static_assert(latex(simplify(sign(-x))) == "-\\operatorname{sign}(x)");
static_assert(latex(simplify(cos(y - x))) == "\\cos(x - y)");
static_assert(equivalent(tanh(y - x) + tanh(x - y), 0_c));
static_assert(equivalent(cos(-x), cos(x)));
// abs: of a number, of a nonnegative function, of a positive multiple, even powers
static_assert(latex(simplify(abs(-3_c * x))) == "3 |x|");
static_assert(latex(simplify(abs(exp(x)) + abs(abs(y)))) == "\\exp(x) + |y|");
static_assert(latex(simplify(abs(y - x))) == "|x - y|");
static_assert(latex(simplify(pow<2>(abs(x)))) == "x^{2}");
static_assert(latex(simplify(sign(3_c * x))) == "\\operatorname{sign}(x)");
// max and min: commutative, max(a, a) = a, max(0, x) = relu(x)
static_assert(equivalent(max(x, y), max(y, x)));
static_assert(equivalent(min(x * y, x), min(x, y * x)));
static_assert(latex(simplify(max(x * y, x * y))) == "x y");
static_assert(latex(simplify(max(x - x, y))) == "\\max(y, 0)");
static_assert(!equivalent(max(x, y), min(x, y)));

// ---- the numeric witness ---------------------------------------------------------------------------------
// identities no rewrite proves are left undecided, not called different:
// the witness's values of the functions agree to 1e-9
static_assert(compare(tanh(x), 2_c * sigmoid(2_c * x) - 1_c) == verdict::undecided);
static_assert(compare(sin(x) * sin(x) + cos(x) * cos(x), 1_c) == verdict::undecided);
static_assert(compare(softplus(x) - softplus(-x), x) == verdict::undecided);
static_assert(compare(sigmoid(-x), 1_c - sigmoid(x)) == verdict::undecided);
static_assert(compare(abs(x - y), max(x, y) - min(x, y)) == verdict::undecided);
static_assert(compare(erf(x), tanh(x)) == verdict::differs);
static_assert(compare(softplus(x), log(1_c + exp(x))) == verdict::undecided);
static_assert(compare(d(erf(x), x), 2_c / sqrt(pi) * exp(-x * x)) == verdict::equal);

/// a equals b to 14 significant digits
constexpr bool close(double a, double b) { return ir::cmath::abs(a - b) <= 1e-14 * ir::cmath::abs(b); }
static_assert(close(ir::cmath::tanh(0.5), 0.46211715726000974));
static_assert(close(ir::cmath::tanh(-3.0), -0.99505475368673045));
static_assert(close(ir::cmath::erf(0.5), 0.52049987781304654));
static_assert(close(ir::cmath::erf(3.0), 0.99997790950300141));
static_assert(close(ir::cmath::sin(2.0), 0.90929742682568170));
static_assert(close(ir::cmath::cos(-7.0), 0.75390225434330471));
static_assert(close(ir::cmath::log1p(1e-10), 9.9999999995000000e-11));
static_assert(close(ir::cmath::sigmoid(-40.0), 4.2483542552915889e-18));
static_assert(close(ir::cmath::softplus(40.0), 40.0));
static_assert(close(ir::cmath::softplus(-1.0), 0.31326168751822286));

// ---- the table ---------------------------------------------------------------------------------------------
static_assert(ir::is_function(ir::op::tanh) && !ir::is_function(ir::op::sum) && !ir::is_function(ir::op::pow));
static_assert(ir::row(ir::op::max).arity == 2 && ir::row(ir::op::erf).arity == 1);
static_assert(ir::row(ir::op::exp).cpp == "std::exp" && ir::row(ir::op::exp).cuda == "exp");
static_assert(ir::row(ir::op::tanh).cuda == "tanh" && ir::row(ir::op::sigmoid).cuda == "sigmoid");
static_assert(ir::row_type<ir::op::relu>::apply(-2.0) == 0.0 && ir::row_type<ir::op::min>::apply(1.0f, 2.0f) == 1.0f);
static_assert(ir::kind_rank(ir::op::delta) < ir::kind_rank(ir::op::step) && ir::kind_rank(ir::op::min) < ir::kind_rank(ir::op::add));

}  // namespace
