// Reference document, 2.3 Problems 1 and 2: dl/dgamma and dl/dbeta.
#include <derivations/batchnorm.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using bn::dH, bn::Y, bn::m, bn::v, bn::eps, bn::j, bn::k;
using In = bn::engine<bn::inside>;
using Out = bn::engine<bn::outside>;
using DocIn = bn::document<bn::inside>;
using DocOut = bn::document<bn::outside>;

// Problem 1. The document's Ŷ here has sqrt(v) + ε.
static_assert(latex<bn::style>(In::dgamma) ==
              "\\frac{1}{\\sqrt{\\mathbf{v}_{j} + \\epsilon}} \\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kj}} "
              "f(\\hat{Y}_{kj}) (Y_{kj} - \\mathbf{m}_{j})");
static_assert(latex<bn::style>(Out::dgamma) ==
              "\\frac{1}{\\sqrt{\\mathbf{v}_{j}} + \\epsilon} \\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kj}} "
              "f(\\hat{Y}_{kj}) (Y_{kj} - \\mathbf{m}_{j})");
static_assert(compare(Out::dgamma, DocOut::dgamma) == verdict::equal);   // its own reading: matches
static_assert(compare(In::dgamma, DocIn::dgamma) == verdict::differs);   // the sqrt(v + ε) reading: differs
static_assert(equivalent(difference(In::dgamma, DocIn::dgamma),
                         (c<1> / sqrt(v(j) + eps) - c<1> / (sqrt(v(j)) + eps)) *
                             sum(k, dH(k, j) * step(bn::inside::Yhat(k, j)) * (Y(k, j) - m(j)))));
// its local derivative dŶ_kl/dγ_j = δ_lj (Y_kl − m_l) / (sqrt(v_l) + ε)
static_assert(latex<bn::style>(Out::dYhat_dgamma) ==
              "\\frac{\\delta_{jl} (Y_{kl} - \\mathbf{m}_{l})}{\\sqrt{\\mathbf{v}_{l}} + \\epsilon}");
static_assert(compare(Out::dYhat_dgamma, DocOut::dYhat_dgamma) == verdict::equal);
static_assert(compare(In::dYhat_dgamma, DocIn::dYhat_dgamma) == verdict::differs);

// Problem 2: the same under both readings.
static_assert(latex<bn::style>(In::dbeta) ==
              "\\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj})");
static_assert(compare(In::dbeta, DocIn::dbeta) == verdict::equal);
static_assert(compare(Out::dbeta, DocOut::dbeta) == verdict::equal);
static_assert(latex<bn::style>(In::dYhat_dbeta) == "\\delta_{jl}");
static_assert(compare(In::dYhat_dbeta, DocIn::dYhat_dbeta) == verdict::equal);
}  // namespace
