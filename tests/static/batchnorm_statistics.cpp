// Reference document, 2.2: batch statistics of Ŷ.
#include <derivations/batchnorm.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using S = bn::statistics;
using D = bn::stated_statistics;

// E[Ŷ_ij] = β_j: derived with Σ_i (Y_ij − m_j) = 0.
static_assert(latex(S::mean) == "\\beta_{j}");
static_assert(compare(S::mean, D::mean) == verdict::equal);
// Var(Ŷ_ij) = γ_j²: derived with Σ_i (Y_ij − m_j)² = B v_j as well.
static_assert(latex(S::var) == "\\gamma_{j}^{2}");
static_assert(compare(S::var, D::var) == verdict::equal);
// Without the assumptions the comparison still reaches β_j: with m's
// definition inlined, Σ_i (Y_ij − m_j) is 0.
static_assert(equivalent(bn::batch_mean(bn::Yhat0(bn::i, bn::j)), D::mean));
static_assert(compare(bn::batch_mean(bn::Yhat0(bn::i, bn::j)), D::mean + bn::gamma(bn::j)) == verdict::differs);
// and Var(Ŷ_ij) = γ_j² needs Σ_i (Y_ij − m_j)² = B v_j, which is v's definition
static_assert(compare(bn::batch_mean(pow<2>(bn::Yhat0(bn::i, bn::j) - bn::batch_mean(bn::Yhat0(bn::i, bn::j)))), D::var) ==
              verdict::equal);

// With ε inside the root (Problems 3-5's Ŷ) the mean is unchanged but the
// variance is γ² v / (v + ε): the document's γ² holds only for ε = 0.
static_assert(compare(S::mean_eps, D::mean) == verdict::equal);
static_assert(latex(S::var_eps) == "\\frac{\\gamma_{j}^{2} \\mathbf{v}_{j}}{\\mathbf{v}_{j} + \\epsilon}");
static_assert(compare(S::var_eps, D::var) == verdict::differs);
static_assert(equivalent(difference(S::var_eps, D::var),
                         pow<2>(bn::gamma(bn::j)) * bn::v(bn::j) / (bn::v(bn::j) + bn::eps) - pow<2>(bn::gamma(bn::j))));
// which is −γ² ε / (v + ε) over a common denominator
static_assert(compare(difference(S::var_eps, D::var),
                      -(pow<2>(bn::gamma(bn::j)) * bn::eps / (bn::v(bn::j) + bn::eps))) == verdict::equal);

// The document's second line writes γ/v where γ/sqrt(v) belongs; the line
// still equals β_j because the factor multiplies E[Y] − E[m] = 0.
static_assert(compare(D::mean_line2, D::mean) == verdict::equal);
}  // namespace
