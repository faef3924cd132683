// Folding back into intermediates (in_terms_of) is not specific to the
// softmax: any intermediate whose definition is a product is recognized,
// to a power, with its indices matched.
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto x = symbol<"x">();
constexpr auto u = symbol<"u">();
constexpr auto v = symbol<"v">();

// the logistic function: s' = exp(-x) / (1 + exp(-x))^2 = s^2 exp(-x)
constexpr auto s = intermediate<"s">(c<1> / (1_c + exp(-x)));
static_assert(latex(d(s, x)) == "\\frac{\\exp(-x)}{(\\exp(-x) + 1)^{2}}");
static_assert(latex(d(s, x, in_terms_of(s))) == "s^{2} \\exp(-x)");
static_assert(equivalent(d(s, x, in_terms_of(s)), s * s * exp(-x)));

// a reciprocal: u v w / (u v)^2 = w / r
constexpr auto r = intermediate<"r">(u * v);
constexpr auto w = symbol<"w">();
static_assert(latex(simplify(u * v * w / pow<2>(u * v), in_terms_of(r))) == "\\frac{w}{r}");
// nothing to fold: left as it is
static_assert(latex(simplify(u * w, in_terms_of(r))) == "u w");

// an indexed intermediate with a coefficient and a sum: 2/B Σ_i Y_il = 2 m_l
constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(B);
constexpr auto l = index<"l">(M);
constexpr auto t = index<"t">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto m = intermediate<"m", "\\mathbf{m}">(c<1> / B * sum(i, Y(i, l)), l);
static_assert(latex(simplify(c<2> / B * sum(i, Y(i, t)), in_terms_of(m))) == "2 \\mathbf{m}_{t}");
// ... but not without the 1/B of its definition
static_assert(latex(simplify(sum(i, Y(i, t)), in_terms_of(m))) == "\\sum_{i=1}^{B} Y_{it}");
}  // namespace
