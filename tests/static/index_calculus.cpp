// Index calculus: derivatives of tensor elements give Kronecker deltas, sums
// contract them, constant factors leave sums, sums split over +, a sum of
// a body free of its index is a product with the extent, bound indices can
// be renamed, and an assumption sum(...) = 0 is used as a rewrite rule.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;

namespace {
constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(B);
constexpr auto k = index<"k">(B);
constexpr auto s = index<"s">(B);
constexpr auto j = index<"j">(M);
constexpr auto l = index<"l">(M);
constexpr auto t = index<"t">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto W = tensor<"W">(M, M);
constexpr auto g = tensor<"g", "\\gamma">(M);
constexpr auto x = symbol<"x">();
constexpr auto m = intermediate<"m", "\\mathbf{m}">(c<1> / B * sum(i, Y(i, l)), l);
constexpr auto centered = assume_zero(sum(i, Y(i, l) - m(l)));
}  // namespace

// ---- d Y_kl / d Y_st = δ_ks δ_lt, contracted by sums -----------------------------------------------------
static_assert(latex(d(Y(k, l), Y(s, t))) == "\\delta_{ks} \\delta_{lt}");
static_assert(equivalent(d(Y(k, l), Y(s, t)), delta(k, s) * delta(l, t)));
static_assert(latex(d(Y(k, l), Y(k, t))) == "\\delta_{lt}");
static_assert(latex(d(Y(k, l), Y(k, l))) == "1");
static_assert(latex(d(Y(k, l), x)) == "0");
static_assert(latex(d(sum(k, Y(k, l)), Y(s, t))) == "\\delta_{lt}");
static_assert(equivalent(d(sum(k, Y(k, l)), Y(s, t)), delta(l, t)));
static_assert(latex(d(sum(k, Y(k, l) * Y(k, l)), Y(s, t))) == "2 Y_{sl} \\delta_{lt}");
static_assert(equivalent(d(sum(k, Y(k, l) * Y(k, l)), Y(s, t)), 2_c * delta(l, t) * Y(s, l)));
static_assert(latex(d(sum(k, exp(Y(k, l))), Y(s, l))) == "\\exp(Y_{sl})");
// Σ_k Σ_j W_jl Y_kj, by Y_st: the deltas pick k = s and j = t
static_assert(latex(d(sum(k, sum(j, W(j, l) * Y(k, j))), Y(s, t))) == "W_{tl}");
static_assert(latex(simplify(sum(k, delta(k, s) * Y(k, l)))) == "Y_{sl}");

// ---- constant factors leave a sum; sums split over + ------------------------------------------------------
static_assert(latex(simplify(sum(k, x * Y(k, l)))) == "x \\sum_{k=1}^{B} Y_{kl}");
static_assert(latex(simplify(sum(k, g(l) * Y(k, l)))) == "\\gamma_{l} \\sum_{k=1}^{B} Y_{kl}");
static_assert(latex(simplify(sum(k, Y(k, l) + x * Y(k, l) * Y(k, l)))) ==
              "x \\sum_{k=1}^{B} Y_{kl}^{2} + \\sum_{k=1}^{B} Y_{kl}");
static_assert(equivalent(sum(k, x * Y(k, l) + g(l) * Y(k, l)), (x + g(l)) * sum(k, Y(k, l))));

// ---- a body free of the summation index: B times it -----------------------------------------------------------
static_assert(latex(simplify(sum(k, x))) == "B x");
static_assert(latex(simplify(sum(k, g(l)))) == "B \\gamma_{l}");
static_assert(latex(simplify(sum(k, Y(k, l) + g(l)))) == "B \\gamma_{l} + \\sum_{k=1}^{B} Y_{kl}");
static_assert(latex(simplify(sum(k, 2_c * Y(k, l) - 3_c))) == "2 \\sum_{k=1}^{B} Y_{kl} - 3 B");
static_assert(latex(simplify(sum(k, sum(i, Y(k, l))))) == "B \\sum_{k=1}^{B} Y_{kl}");
static_assert(equivalent(sum(k, x), B * x));

// ---- bound indices can be renamed; free ones cannot -------------------------------------------------------------
static_assert(equivalent(sum(k, Y(k, l)), sum(i, Y(i, l))));
static_assert(equivalent(sum(k, Y(k, l)) - sum(i, Y(i, l)), 0_c));
static_assert(equivalent(sum(k, Y(k, l)) * sum(i, Y(i, l)), sum(i, sum(k, Y(i, l) * Y(k, l)))));
static_assert(compare(sum(k, Y(k, l)), sum(k, Y(k, t))) == verdict::differs);
static_assert(!equivalent(sum(k, Y(k, l)), sum(j, Y(k, j))));

// ---- intermediates and an assumption used as a rewrite rule -------------------------------------------------------
static_assert(latex(m(l)) == "\\mathbf{m}_{l}");
static_assert(latex(simplify(unfold(m(l), m))) == "\\frac{1}{B} \\sum_{i=1}^{B} Y_{il}");
static_assert(latex(d(m(l), Y(s, t))) == "\\frac{\\delta_{lt}}{B}");
// without the assumption, Σ_i (Y_il - m_l) is only collected ...
static_assert(latex(simplify(sum(i, Y(i, l) - m(l)))) == "\\sum_{i=1}^{B} Y_{il} - B \\mathbf{m}_{l}");
// ... with it, the sum is rewritten to B m_l and the whole vanishes, under any
// name of the bound index and with factors pulled out first
static_assert(latex(simplify(sum(i, Y(i, l) - m(l)), centered)) == "0");
static_assert(latex(simplify(sum(k, Y(k, l)) - B * m(l), centered)) == "0");
static_assert(latex(simplify(sum(k, x * (Y(k, l) - m(l))), centered)) == "0");
static_assert(latex(simplify(sum(k, Y(k, t)), centered)) == "B \\mathbf{m}_{t}");
// the derivative of Σ_k (Y_kl - m_l)^2 has a term that is zero only by the assumption
static_assert(latex(d(sum(k, pow<2>(Y(k, l) - m(l))), Y(s, t), centered)) ==
              "2 \\delta_{lt} (Y_{sl} - \\mathbf{m}_{l})");
static_assert(compare(d(sum(k, pow<2>(Y(k, l) - m(l))), Y(s, t)), 2_c * delta(l, t) * (Y(s, l) - m(l))) !=
              verdict::differs);
static_assert(compare(d(sum(k, pow<2>(Y(k, l) - m(l))), Y(s, t)), 2_c * delta(l, t) * (Y(s, l) - m(l)), centered) ==
              verdict::equal);
// an intermediate and its definition spelled out are the same formula: the
// forms differ (m_l is a name), the values agree, and inlining the definition
// proves it; a wrong spelling still differs
static_assert(equivalent(B * m(l) * x, x * sum(i, Y(i, l))));
static_assert(equivalent(pow<2>(Y(k, l) - m(l)), pow<2>(Y(k, l) - c<1> / B * sum(s, Y(s, l)))));
static_assert(compare(B * m(l), sum(i, Y(i, l)) + c<1>) == verdict::differs);
