// Laws of simplify, the collected normal form: each law is pinned by the
// printed result, checked to be idempotent, and (where the law is not an
// identity of the printer alone) checked to preserve the value.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;

namespace {
constexpr auto a = symbol<"a">();
constexpr auto b = symbol<"b">();
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();
constexpr auto gam = symbol<"gamma", "\\gamma">();

// simplify(e) keeps e's value and is a fixed point of simplify.
template <class E>
constexpr bool law_holds(E e) {
    return numerically_equal(simplify(e), e) && latex(simplify(simplify(e))) == latex(simplify(e));
}
}  // namespace

// ---- like terms ---------------------------------------------------------------------------------
static_assert(latex(simplify(x + x)) == "2 x");
static_assert(latex(simplify(3_c * x - x)) == "2 x");
static_assert(latex(simplify(x * y + y * x)) == "2 x y");
static_assert(latex(simplify(y * x * z + z * y * x)) == "2 x y z");
static_assert(latex(simplify(c<1, 2> * x + c<1, 3> * x)) == "\\frac{5}{6} x");
static_assert(latex(simplify(gam * x + x * gam)) == "2 \\gamma x");
static_assert(latex(simplify(log(x) + log(x))) == "2 \\log(x)");
static_assert(latex(simplify(x + y - x)) == "y");
static_assert(latex(simplify(x * y + 2_c * x * y - 3_c * y * x)) == "0");
// a sum times a number joins the terms around it
static_assert(latex(simplify(2_c * (x + y) + x)) == "3 x + 2 y");
static_assert(latex(simplify(2_c * (x + y) - (x + y))) == "x + y");
static_assert(law_holds(2_c * (x + y) + x));

// ---- cancellation -------------------------------------------------------------------------------
static_assert(latex(simplify(x - x)) == "0");
static_assert(latex(simplify(x / x)) == "1");
static_assert(latex(simplify(x * y / (y * x))) == "1");
static_assert(latex(simplify((x + y) / (x + y))) == "1");
static_assert(latex(simplify((x + y) - (y + x))) == "0");
static_assert(latex(simplify(log(x) - log(x))) == "0");
static_assert(latex(simplify(pow<2>(x + y) - (x + y) * (x + y))) == "0");
static_assert(latex(simplify(x - (x + y))) == "-y");

// ---- neutral and absorbing elements --------------------------------------------------------------
static_assert(latex(simplify(0_c * x)) == "0");
static_assert(latex(simplify(1_c * x)) == "x");
static_assert(latex(simplify(x + 0_c)) == "x");
static_assert(latex(simplify(pow<0>(x))) == "1");
static_assert(latex(simplify(pow<1>(x))) == "x");
static_assert(latex(simplify(pow(x, 0_c))) == "1");
static_assert(latex(simplify(pow(x, 1_c))) == "x");
static_assert(latex(simplify(pow(1_c, x))) == "1");

// ---- like factors and power merging: x^a x^b = x^(a + b) --------------------------------------------
static_assert(latex(simplify(x * x)) == "x^{2}");
static_assert(latex(simplify(x * y * x)) == "x^{2} y");
static_assert(latex(simplify(pow<2>(x) * pow<3>(x))) == "x^{5}");
static_assert(latex(simplify(sqrt(x) * sqrt(x))) == "x");
static_assert(latex(simplify(pow<1, 3>(x) * pow<2, 3>(x))) == "x");
static_assert(latex(simplify(pow<3, 2>(x) / x)) == "\\sqrt{x}");
static_assert(latex(simplify(x * pow<-1, 2>(x))) == "\\sqrt{x}");
static_assert(latex(simplify(sqrt(x) / x)) == "\\frac{1}{\\sqrt{x}}");
static_assert(latex(simplify(x / (x * x * x))) == "\\frac{1}{x^{2}}");
static_assert(latex(simplify(pow(x, y) * pow(x, z))) == "x^{y + z}");
static_assert(latex(simplify(pow(x, y) * x)) == "x^{y + 1}");
static_assert(latex(simplify(pow(x, y) / pow(x, y))) == "1");
static_assert(latex(simplify(pow(x, c<1, 2>) * sqrt(x))) == "x");
static_assert(law_holds(pow(x, y) * pow(x, z) * x));

// ---- powers of powers and of products: (x^p)^q = x^(p q), (x y)^r = x^r y^r --------------------------
static_assert(latex(simplify(pow<2>(pow<3>(x)))) == "x^{6}");
static_assert(latex(simplify(pow<1, 2>(pow<4>(x)))) == "x^{2}");
static_assert(latex(simplify(pow<2>(pow<1, 2>(x * y)))) == "x y");
static_assert(latex(simplify(pow<2>(x * y))) == "x^{2} y^{2}");
static_assert(latex(simplify((a * b) * (a * b) * (a * b))) == "a^{3} b^{3}");
static_assert(latex(simplify(pow<2>(2_c * x))) == "4 x^{2}");
static_assert(latex(simplify(pow<2>(-x))) == "x^{2}");
static_assert(latex(simplify(pow<-2>(x * y))) == "\\frac{1}{x^{2} y^{2}}");
static_assert(latex(simplify(sqrt(x * y))) == "\\sqrt{x y}");
static_assert(latex(simplify(pow<3, 2>(4_c * x))) == "8 x^{\\frac{3}{2}}");
static_assert(latex(simplify(pow<2>(x * y) / (x * x))) == "y^{2}");
static_assert(law_holds(pow<3, 2>(4_c * x * y)));

// ---- rational folding --------------------------------------------------------------------------------
static_assert(latex(simplify(2_c * 3_c)) == "6");
static_assert(latex(simplify(c<1, 2> + c<1, 3>)) == "\\frac{5}{6}");
static_assert(latex(simplify(c<-1, 2> * c<-1, 2>)) == "\\frac{1}{4}");
static_assert(latex(simplify(2_c * x * c<1, 2>)) == "x");
static_assert(latex(simplify(x / 4_c * 2_c)) == "\\frac{1}{2} x");
static_assert(latex(simplify(3_c * x / (6_c * y))) == "\\frac{x}{2 y}");
static_assert(latex(simplify(pow<3>(c<2, 3>))) == "\\frac{8}{27}");
static_assert(latex(simplify(pow<-1>(c<2, 3>))) == "\\frac{3}{2}");
static_assert(latex(simplify(pow<1, 2>(4_c))) == "2");
static_assert(latex(simplify(pow<1, 2>(c<1, 4>))) == "\\frac{1}{2}");
static_assert(latex(simplify(pow<-1, 2>(9_c))) == "\\frac{1}{3}");
static_assert(latex(simplify(pow<1, 3>(c<8, 27>))) == "\\frac{2}{3}");
// an irrational root stays a root
static_assert(latex(simplify(pow<1, 2>(2_c))) == "\\sqrt{2}");
static_assert(latex(simplify(x - 2_c * y + 3_c)) == "x - 2 y + 3");

// ---- exp and log ----------------------------------------------------------------------------------------
static_assert(latex(simplify(exp(log(x)))) == "x");
static_assert(latex(simplify(log(exp(x)))) == "x");
static_assert(latex(simplify(exp(log(x * y)))) == "x y");
static_assert(latex(simplify(log(exp(x + y)))) == "x + y");
static_assert(latex(simplify(exp(0_c))) == "1");
static_assert(latex(simplify(log(1_c))) == "0");
static_assert(latex(simplify(exp(x) * exp(y))) == "\\exp(x + y)");
static_assert(latex(simplify(exp(x) * exp(-x))) == "1");
static_assert(latex(simplify(exp(x) * exp(x))) == "\\exp(2 x)");
static_assert(latex(simplify(pow<2>(exp(x)))) == "\\exp(2 x)");
static_assert(law_holds(exp(x) * exp(y) * pow<3>(exp(y))));

// ---- relu and step of numbers ------------------------------------------------------------------------------
static_assert(latex(simplify(relu(-2_c))) == "0");
static_assert(latex(simplify(relu(3_c))) == "3");
static_assert(latex(simplify(step(c<1, 2>))) == "1");
static_assert(latex(simplify(step(-1_c))) == "0");
static_assert(latex(simplify(step(0_c))) == "0");

// ---- order, and what simplify does not do ----------------------------------------------------------------
static_assert(latex(simplify(y + x)) == "x + y");
static_assert(latex(simplify(b + a)) == "a + b");
// products of sums are collected, not multiplied out (that is canonical's job)
static_assert(latex(simplify((x + y) * (x + y))) == "(x + y)^{2}");
static_assert(latex(simplify(pow<2>(x + y) * (x + y))) == "(x + y)^{3}");
static_assert(latex(simplify(2_c * (x + y))) == "2 (x + y)");
static_assert(latex(simplify(x * (y + z))) == "x (y + z)");
static_assert(latex(simplify(-(x + y))) == "-(x + y)");
static_assert(latex(canonical(2_c * (x + y))) == "2 x + 2 y");
static_assert(latex(canonical((x + y) * (x - y))) == "x^{2} - y^{2}");
static_assert(latex(canonical(x * (y + z) - x * y)) == "x z");
static_assert(latex(canonical(pow<3>(x + y))) == "3 x y^{2} + 3 x^{2} y + x^{3} + y^{3}");
// exp(2 log x) is not rewritten to x^2
static_assert(latex(simplify(exp(2_c * log(x)))) == "\\exp(2 \\log(x))");
static_assert(law_holds(x * (y + z) + pow<2>(x + y) * (x + y)));

// ---- bound indices ---------------------------------------------------------------------------------------
// Terms equal up to the names of their bound indices are one term: differentiating
// a product of two copies of one sum gives the sum twice, with the indices the
// derivative made fresh (j', j''); they are spelled alike and collect.
namespace bound {
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(N);
constexpr auto j = index<"j">(N);
constexpr auto W = tensor<"W">(N, N);
constexpr auto v = tensor<"v">(N);
constexpr auto layer = tanh(sum(j, W(i, j) * v(j)));
static_assert(latex(d(sum(i, layer * layer), W(i, j))) ==
              "2 v_{j} \\tanh(\\sum_{j'=1}^{N} W_{i,j'} v_{j'}) (1 - \\tanh(\\sum_{j'=1}^{N} W_{i,j'} v_{j'})^{2})");
// a bound index that shadows a free one is renamed apart from it (its plain
// name is taken); where nothing is free, the plain names stay
static_assert(latex(simplify(sum(j, W(i, j) * v(j)) + sum(i, W(i, i) * v(i)) + sum(j, W(i, j) * v(j)))) ==
              "2 \\sum_{j=1}^{N} W_{ij} v_{j} + \\sum_{i'=1}^{N} W_{i',i'} v_{i'}");
static_assert(latex(simplify(sum(i, sum(j, W(i, j) * v(j))))) == "\\sum_{i=1}^{N} \\sum_{j=1}^{N} W_{ij} v_{j}");
static_assert(law_holds(sum(j, W(i, j) * v(j)) + sum(i, W(i, i) * v(i))));
}  // namespace bound

// ---- signs: rewrites true wherever the original is defined -----------------------------------------
namespace signs {
constexpr auto v = symbol<"v">();
constexpr auto u = symbol<"u">();
constexpr auto p = positive(symbol<"p">());
constexpr auto q = nonnegative(symbol<"q">());
// nothing is assumed of a plain symbol: sqrt(u^2) = |u|, not u
static_assert(latex(simplify(sqrt(u * u))) == "|u|");
static_assert(!equivalent(sqrt(u * u), u));
static_assert(compare(sqrt(u * u), u) == verdict::differs);  // u < 0 at a witness point
static_assert(latex(simplify(pow<3, 2>(u * u))) == "|u|^{3}");
static_assert(latex(simplify(pow<1, 2>(pow<4>(u)))) == "u^{2}");  // |u|^2 = u^2
static_assert(latex(simplify(pow<2>(sqrt(u)))) == "u");          // integer outer power: always true
static_assert(latex(simplify(pow<2>(sqrt(u * v)))) == "u v");
static_assert(latex(simplify(sqrt(4_c * u * u * v))) == "2 \\sqrt{v} |u|");
// derivatives through them: d sqrt(u^2) = sign(u), d (u^2)^(3/2) = 3 u |u|
static_assert(latex(d(sqrt(u * u), u)) == "\\operatorname{sign}(u)");
static_assert(latex(d(pow<3, 2>(u * u), u)) == "3 u |u|");
// declared signs: positive and nonnegative symbols come out of |.| and roots
static_assert(latex(simplify(sqrt(p * p))) == "p");
static_assert(latex(simplify(abs(q * u * u))) == "q u^{2}");
static_assert(latex(simplify(sqrt(p * q * u))) == "\\sqrt{p} \\sqrt{q} \\sqrt{u}");
static_assert(equivalent(sqrt(p * p), p));
// ... and so do the entries of a tensor declared so
constexpr auto N = extent<"N">();
constexpr auto n = index<"n">(N);
constexpr auto P = positive(tensor<"P">(N));
constexpr auto Q = tensor<"Q">(N);
static_assert(latex(simplify(sqrt(P(n) * P(n)))) == "P_{n}");
static_assert(latex(simplify(sqrt(Q(n) * Q(n)))) == "|Q_{n}|");
static_assert(latex(simplify(sqrt(sum(n, Q(n) * Q(n)) * sum(n, Q(n) * Q(n))))) == "\\sum_{n=1}^{N} Q_{n}^{2}");
// known nonnegative by form: exp, even powers, extents, sums of squares
static_assert(latex(simplify(sqrt(exp(u) * v * v))) == "\\exp(\\frac{1}{2} u) |v|");
static_assert(law_holds(sqrt(u * u * v * v)));
}  // namespace signs
