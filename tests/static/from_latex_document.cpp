// from_latex on the document's formulas as it writes them (kept verbatim in
// derivations/document/formulas.hpp): they read back to what derivations/
// transcribes by hand, with the verdicts the report gives; and derivatives a
// formula writes are the engine's.
#include <derivations/batchnorm.hpp>
#include <derivations/document/formulas.hpp>
#include <leibniz/from_latex.hpp>
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;

// ---- the document's formulas as it writes them (2.3, Problems 1, 2 and 4) ----------------------------------
// derivations/document/formulas.hpp holds them verbatim (a test finds each in the project's copy of the
// document); what derivations/batchnorm.hpp transcribes by hand is what the text says
namespace doc = leibniz::derivations::document;
using Out = bn::outside;
using In = bn::inside;
constexpr auto doc_dgamma = from_latex<doc::dgamma, bn::style>(bn::dH, Out::Yhat, bn::Y, bn::eps, bn::k, bn::j, bn::B);
static_assert(equivalent(doc_dgamma, bn::document<Out>::dgamma));
// and its verdict: the engine agrees with ε outside the root, not inside it
static_assert(equivalent(doc_dgamma, bn::engine<Out>::dgamma));
static_assert(!equivalent(doc_dgamma, bn::engine<bn::inside>::dgamma));
constexpr auto doc_dYhat_dgamma = from_latex<doc::dYhat_dgamma>(bn::Y, bn::m, bn::v, bn::eps, bn::k, bn::l, bn::j);
static_assert(equivalent(doc_dYhat_dgamma, bn::document<Out>::dYhat_dgamma));
// a derivative the formula writes is the engine's: ∂Ŷ_kl/∂γ_j as a factor, and as an operator on the definition
static_assert(equivalent(from_latex<"\\frac{\\partial \\hat{Y}_{kl}}{\\partial \\gamma_j}">(Out::Yhat, bn::gamma, bn::k, bn::l, bn::j),
                         doc_dYhat_dgamma));
static_assert(equivalent(from_latex<"\\frac{\\partial}{\\partial \\gamma_j} \\left(\\gamma_l \\cdot \\frac{Y_{kl} - \\mathbf{m}_l}"
                                    "{\\sqrt{\\mathbf{v}_l} + \\epsilon} + \\beta_j \\right)">(
                             bn::Y, bn::m, bn::v, bn::eps, bn::gamma, bn::beta, bn::k, bn::l, bn::j),
                         doc_dYhat_dgamma));
static_assert(equivalent(from_latex<doc::dbeta, bn::style>(bn::dH, Out::Yhat, bn::k, bn::j, bn::B), bn::engine<Out>::dbeta));
// Problem 4 as written is the hand transcription (the verdict against the engine is the report's)
static_assert(equivalent(from_latex<doc::dv, bn::style>(bn::dH, In::Yhat, bn::Y, bn::gamma, bn::eps, bn::k, bn::j, bn::B),
                         bn::document<In>::dv));
}  // namespace
