// The expectation operator (stats/): each rule on small cases, checked
// against values worked out by hand.
#include <leibniz/leibniz.hpp>
#include <leibniz/stats.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto p = symbol<"p">();
constexpr auto a = symbol<"a">();
constexpr auto sigma = symbol<"sigma", "\\sigma">();
constexpr auto z = normal<"z">();
constexpr auto u = normal<"u">();
constexpr auto m = bernoulli_keep<"m">(p);
constexpr auto phi0 = 1_c / sqrt(2_c * pi);  // φ(0) = 1/√(2π)

// ---- half-normal integrals I_n = (n - 1) I_{n-2}, I_0 = 1/2, I_1 = φ(0) --------------------------
static_assert(equivalent(expectation(relu(z)), phi0));
static_assert(equivalent(expectation(pow<2>(relu(z))), c<1, 2>));
static_assert(equivalent(expectation(pow<3>(relu(z))), 2_c * phi0));
static_assert(equivalent(expectation(pow<4>(relu(z))), c<3, 2>));
static_assert(equivalent(expectation(pow<5>(relu(z))), 8_c * phi0));
static_assert(equivalent(expectation(pow<6>(relu(z))), c<15, 2>));
static_assert(latex(expectation(pow<3>(relu(z)))) == "\\frac{2}{\\sqrt{2} \\sqrt{\\pi}}");
// full-line moments: 0 for odd n, (n - 1)!! for even n
static_assert(equivalent(expectation(z), 0_c));
static_assert(equivalent(expectation(z * z), 1_c));
static_assert(equivalent(expectation(pow<3>(z)), 0_c));
static_assert(equivalent(expectation(pow<4>(z)), 3_c));
static_assert(equivalent(expectation(pow<6>(z)), 15_c));
// products on a half-line, scales and the lower half-line
static_assert(equivalent(expectation(step(z)), c<1, 2>));
static_assert(equivalent(expectation(z * step(z)), phi0));
static_assert(equivalent(expectation(z * relu(z)), c<1, 2>));
static_assert(equivalent(expectation(relu(-z)), phi0));
static_assert(equivalent(expectation(z * relu(-z)), -c<1, 2>));
static_assert(equivalent(expectation(relu(z) * relu(-z)), 0_c));
static_assert(equivalent(expectation(relu(3_c * z)), 3_c * phi0));
static_assert(equivalent(expectation(pow<2>(relu(sqrt(a) * z))), a / 2_c));
static_assert(equivalent(expectation(relu(-sqrt(a) * z) * z), -sqrt(a) / 2_c));
// a scale whose sign is unknown is not pulled out: E[relu(s z)] = |s| / sqrt(2 pi)
static_assert(latex(expectation(relu(sigma * z))) == "\\mathbb{E}[\\max(\\sigma z, 0)]");
static_assert(latex(expectation(relu((a - 1_c) * z))) == "\\mathbb{E}[\\max(a z - z, 0)]");
// Var(relu(z)) = 1/2 - 1/(2π)
static_assert(equivalent(variance(relu(z)), c<1, 2> - 1_c / (2_c * pi)));

// ---- Bernoulli keep-mask: E[g(m)] = p g(0) + (1 - p) g(1) --------------------------------------------
static_assert(equivalent(expectation(m), 1_c - p));
static_assert(equivalent(expectation(m * m), 1_c - p));
static_assert(equivalent(expectation(pow<7>(m)), 1_c - p));
static_assert(equivalent(expectation(1_c - m), p));
static_assert(equivalent(expectation(exp(m)), p + (1_c - p) * exp(1_c)));
static_assert(compare_rational(variance(m), p * (1_c - p)) == verdict::equal);
// 1/m is infinite when the unit is dropped: left as it is
static_assert(latex(expectation(1_c / m)) == "\\mathbb{E}[\\frac{1}{m}]");

// ---- linearity and independence --------------------------------------------------------------------------
static_assert(equivalent(expectation(3_c * z * z + a), 3_c + a));
static_assert(equivalent(expectation(a * relu(z) / (1_c - p)), a * phi0 / (1_c - p)));
// not declared independent: E[m z] cannot be factored
static_assert(latex(expectation(m * z)) == "\\mathbb{E}[m z]");
static_assert(equivalent(expectation(m * z, independent(m, z)), 0_c));
static_assert(equivalent(expectation(m * z * z, independent(m, z)), 1_c - p));
static_assert(equivalent(expectation(m * relu(z), independent(m, z)), (1_c - p) * phi0));
static_assert(equivalent(expectation(pow<2>(z + u), independent(z, u)), 2_c));
static_assert(latex(expectation(pow<2>(z + u))) == "2 \\mathbb{E}[u z] + 2");
// m independent of z alone leaves m, z, u in one group (u depends on z and m)
static_assert(latex(expectation(m * z * u, independent(m, z))) == "\\mathbb{E}[m u z]");
static_assert(latex(expectation(m * z * u, independent(m, z), independent(m, u))) == "\\mathbb{E}[u z] (1 - p)");
// named intermediates are expanded
constexpr auto hh = intermediate<"hh">(relu(z));
static_assert(equivalent(expectation(hh * hh), c<1, 2>));

}  // namespace
