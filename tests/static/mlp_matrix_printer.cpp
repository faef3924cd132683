// The matrix-notation printer on small index expressions: each pattern it
// recognizes, and the index form where none applies.
#include <leibniz/leibniz.hpp>
#include <leibniz/matrix.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto M = extent<"M">();
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(M);
constexpr auto j = index<"j">(N);
constexpr auto l = index<"l">(M);
constexpr auto A = tensor<"A">(M, N);
constexpr auto g = tensor<"g">(N);
constexpr auto u = tensor<"u">(M);
constexpr auto v = tensor<"v">(M);
constexpr auto w = tensor<"w", "w[#]">(N);
constexpr auto z = tensor<"z", "z_{2}[#]">(M);
constexpr auto s = symbol<"s">();
constexpr latex_options O{.step = step_style::sigma_prime};

// Σ_j A_ij g_j = (A g)_i and Σ_i A_ij u_i = (A^T u)_j
static_assert(matrix_latex<O>(sum(j, A(i, j) * g(j))) == "A g");
static_assert(matrix_latex<O>(sum(i, A(i, j) * u(i))) == "A^{T} u");
// a diagonal factor on the summed side: Σ_i σ'(z_i) A_ij u_i = (diag(σ'(z)) A)^T u
static_assert(matrix_latex<O>(sum(i, step(z(i)) * A(i, j) * u(i))) ==
              "(\\operatorname{diag}(\\sigma'(z_{2}))\\, A)^{T} u");
// elementwise products and quotients, functions first
static_assert(matrix_latex<O>(u(i) * step(z(i))) == "\\sigma'(z_{2}) \\odot u");
static_assert(matrix_latex<O>(u(i) / v(i)) == "u \\oslash v");
// outer products; rows and columns as named
static_assert(matrix_latex<O>(u(i) * w(j), i, j) == "u\\, w^{T}");
static_assert(matrix_latex<O>(u(i) * w(j), j, i) == "w\\, u^{T}");
static_assert(matrix_latex<O>(step(z(i)) * u(i) * w(j), i, j) == "(\\sigma'(z_{2}) \\odot u)\\, w^{T}");
// a matrix with diagonal factors, and the identity
static_assert(matrix_latex<O>(step(z(i)) * A(i, j), i, j) == "\\operatorname{diag}(\\sigma'(z_{2}))\\, A");
static_assert(matrix_latex<O>(delta(i, l) * u(i), i, l) == "\\operatorname{diag}(u)");
static_assert(matrix_latex<O>(delta(i, l) * u(i) - u(i) * u(l), i, l) == "\\operatorname{diag}(u) - u\\, u^{T}");
// scalars stay in index form, in front; coefficients too
static_assert(matrix_latex<O>(s * u(i)) == "s\\, u");
static_assert(matrix_latex<O>(2_c * sum(l, v(l)) * u(i)) == "2 (\\sum_{l=1}^{M} v_{l})\\, u");
// two terms that differ in one vector: printed once, around the difference
static_assert(matrix_latex<O>(simplify(sum(i, A(i, j) * u(i)) - sum(i, A(i, j) * v(i)))) == "A^{T} (u - v)");
static_assert(matrix_latex<O>(simplify(sum(l, A(l, j) * u(l)) - sum(i, A(i, j) * v(i)))) == "A^{T} (u - v)");
// what fits no pattern: the index form
static_assert(matrix_latex<O>(sum(i, A(i, j) * A(i, j))) == "\\sum_{i=1}^{M} A_{ij} A_{ij}");
static_assert(matrix_latex<O>(u(i) * w(j), i, j) != matrix_latex<O>(u(i) * w(j), j, i));
}  // namespace
