// Reverse mode over named intermediates (backprop, and d through it): the
// adjoints' values, their names, the step-by-step derivation, and agreement
// with differentiation by substitution.
#include <string_view>

#include <derivations/batchnorm.hpp>
#include <derivations/models.hpp>

#define BP_CAT2(a, b) a##b
#define BP_CAT(a, b) BP_CAT2(a, b)
#define CHECK(...) [[maybe_unused]] void BP_CAT(check_, __LINE__)() { static_assert(__VA_ARGS__); }

namespace {
using namespace leibniz;
using namespace leibniz::literals;
namespace bn = leibniz::derivations::batchnorm;
using R = bn::inside;
using bn::beta;
using bn::gamma;
using bn::j;
using bn::s;
using bn::t;
using bn::Y;

constexpr auto P = backprop(R::ell, wrt(Y(s, t), gamma(j), beta(j)));

template <std::size_t N>
constexpr bool has(const fixed_string<N>& text, std::string_view part) {
    return text.view().find(part) != std::string_view::npos;
}

// Each gradient, with its adjoints substituted, is the formula that
// differentiating through every definition gives.
CHECK(equivalent(inline_adjoints(gradient<0>(P)), d(R::ell, Y(s, t), by_substitution)))
CHECK(equivalent(inline_adjoints(gradient<1>(P)), d(R::ell, gamma(j), by_substitution)))
CHECK(equivalent(inline_adjoints(gradient(P, beta(j))), d(R::ell, beta(j), by_substitution)))
// d goes through the program and gives the same single formula
CHECK(latex(d(R::ell, gamma(j))) == latex(d(R::ell, gamma(j), by_substitution)))
CHECK(equivalent(d(R::ell, Y(s, t), bn::centered), d(R::ell, Y(s, t), bn::centered, by_substitution), bn::centered))

// The gradients read in terms of the named adjoints, as a backward pass does.
CHECK(latex(gradient(P, beta(j))) == "\\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial \\hat{Y}_{kj}}")
CHECK(latex(gradient(P, Y(s, t))) ==
      "\\frac{\\frac{\\partial \\ell}{\\partial \\mathbf{m}_{t}}}{B} + "
      "\\frac{2 \\frac{\\partial \\ell}{\\partial \\mathbf{v}_{t}} (Y_{st} - \\mathbf{m}_{t})}{B} + "
      "\\frac{\\frac{\\partial \\ell}{\\partial \\hat{Y}_{st}} \\gamma_{t}}{\\sqrt{\\mathbf{v}_{t} + \\epsilon}}")

// The derivation: definitions, local derivatives, the chain rule per
// adjoint, its value, and the gradients.
constexpr const auto& steps = latex<bn::style>(P);
CHECK(has(steps, "\\mathbf{v}_{l} &= \\frac{1}{B} \\sum_{i=1}^{B} (Y_{il} - \\mathbf{m}_{l})^{2} \\\\"))
CHECK(has(steps, "\\frac{\\partial \\ell}{\\partial \\hat{Y}_{kl}} &= \\sum_{i, t} \\frac{\\partial \\ell}{\\partial H_{it}} "
                 "\\frac{\\partial H_{it}}{\\partial \\hat{Y}_{kl}} \\\\\n"
                 " &= \\frac{\\partial \\ell}{\\partial H_{kl}} f(\\hat{Y}_{kl}) \\\\"))
CHECK(has(steps, "\\frac{\\partial \\ell}{\\partial \\mathbf{v}_{l}} &= \\sum_{k, t} \\frac{\\partial \\ell}{\\partial \\hat{Y}_{kt}} "
                 "\\frac{\\partial \\hat{Y}_{kt}}{\\partial \\mathbf{v}_{l}} \\\\"))
// ∂ℓ/∂ℓ = 1 is not written into the chain rule of what ℓ reads directly
CHECK(!has(steps, "\\frac{\\partial \\ell}{\\partial \\ell}"))
// the adjoint of what the loss reads is its given upstream gradient, spelled
// alike: no line "∂ℓ/∂H = ∂ℓ/∂H", the adjoints start at Ŷ
CHECK(has(steps, "% adjoints, from the loss back: the chain rule over each node's consumers, then its value\n"
                 "\\frac{\\partial \\ell}{\\partial \\hat{Y}_{kl}} &= "))
CHECK(!has(steps, "\\frac{\\partial \\ell}{\\partial H_{kl}} &= \\frac{\\partial \\ell}{\\partial H_{kl}} \\\\"))
CHECK(has(steps, "\\frac{\\partial \\ell}{\\partial \\beta_{j}} &= \\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial \\hat{Y}_{kj}} \\\\"))

// ---- a graph with exponentially many paths: z_n = z_{n-1}^2 + z_{n-1} ---------------------------------
constexpr auto x = symbol<"x">();
constexpr auto z1 = intermediate<"z1">(x * x + x);
constexpr auto z2 = intermediate<"z2">(z1 * z1 + z1);
constexpr auto z3 = intermediate<"z3">(z2 * z2 + z2);
// d/dx through the adjoints: (2 z2 + 1)(2 z1 + 1)(2 x + 1)
CHECK(equivalent(d(z3, x), (2_c * z2 + 1_c) * (2_c * z1 + 1_c) * (2_c * x + 1_c)))
CHECK(equivalent(d(z3, x), d(z3, x, by_substitution)))
// each adjoint is named once and used by its producer
constexpr auto Pz = backprop(z3, wrt(x));
CHECK(latex(gradient<0>(Pz)) == "\\frac{\\partial z3}{\\partial z1} (2 x + 1)")
CHECK(has(latex(Pz), "\\frac{\\partial z3}{\\partial z1} &= \\frac{\\partial z3}{\\partial z2} \\frac{\\partial z2}{\\partial z1} \\\\"))

// f an expression, not a symbol: its adjoints read ∂f/∂Z on both sides of every
// line, and f's definition opens the graph
constexpr auto f_steps = latex(backprop(z2 * z2 - x, wrt(x)));
CHECK(has(f_steps, "% the graph: each intermediate's definition\nf &= z2 z2 - x \\\\\n"))
CHECK(has(f_steps, "\\frac{\\partial f}{\\partial z1} &= \\frac{\\partial f}{\\partial z2} \\frac{\\partial z2}{\\partial z1} \\\\"))
CHECK(!has(f_steps, "\\frac{\\partial -x"))

// σ's local derivative is written with its own value, factored: z (1 - z),
// not z - z^2 (the product is not multiplied out to fold σ inside the sum)
constexpr auto zs = intermediate<"zs", "z">(sigmoid(x * x));
CHECK(latex(d(zs, x, in_terms_of(zs))) == "2 x z (1 - z)")
CHECK(has(latex(backprop(zs * zs, wrt(x))), "\\frac{\\partial z}{\\partial x} &= 2 x z (1 - z) \\\\"))

// held_fixed keeps an intermediate out of the graph: ∂z3/∂z1 with z2 held is 0
CHECK(latex(d(z3 * z1, z1, held_fixed(z2))) == "z3")

// tanh's local derivative is written with its own value: ∂ℓ/∂U = ∂ℓ/∂H (1 − H²)
constexpr std::string_view tanh_steps = latex(leibniz::derivations::models::residual_tanh_mlp::program).view();
CHECK(tanh_steps.find("\\frac{\\partial \\ell}{\\partial U_{sf}} &= \\sum_{") != std::string_view::npos)
CHECK(tanh_steps.find(" &= \\frac{\\partial \\ell}{\\partial H_{sf}} (1 - H_{sf}^{2}) \\\\") != std::string_view::npos)
// X reaches ℓ through the block and through the skip connection: two terms
CHECK(tanh_steps.find("\\frac{\\partial \\ell}{\\partial X_{sb}} &= \\frac{\\partial \\ell}{\\partial O_{sb}} + "
                              "\\sum_{f=1}^{F} \\frac{\\partial \\ell}{\\partial U_{sf}} W^{(1)}_{bf} \\\\") != std::string_view::npos)
}  // namespace
