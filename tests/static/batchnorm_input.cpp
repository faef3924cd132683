// Reference document, 2.3 Problem 5: dl/dY, under sqrt(v + ε).
#include <derivations/batchnorm.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using bn::dH, bn::Y, bn::m, bn::v, bn::eps, bn::gamma, bn::B, bn::k, bn::s, bn::t;
using In = bn::engine<bn::inside>;
using Doc = bn::document<bn::inside>;

static_assert(latex<bn::style>(In::dY) ==
              "\\frac{\\frac{\\partial \\ell}{\\partial H_{st}} \\gamma_{t} "
              "f(\\hat{Y}_{st})}{\\sqrt{\\mathbf{v}_{t} + \\epsilon}} - \\frac{\\gamma_{t} (Y_{st} - "
              "\\mathbf{m}_{t})}{B (\\mathbf{v}_{t} + \\epsilon)^{\\frac{3}{2}}} \\sum_{k=1}^{B} \\frac{\\partial "
              "\\ell}{\\partial H_{kt}} f(\\hat{Y}_{kt}) (Y_{kt} - \\mathbf{m}_{t}) - \\frac{\\gamma_{t}}{B "
              "\\sqrt{\\mathbf{v}_{t} + \\epsilon}} \\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kt}} "
              "f(\\hat{Y}_{kt})");
// The document's final line has − (Y_kt − m_t)(v_t + ε)^(−3/2)(Y_st − m_t)
// inside the braces; the chain rule gives +: the last term's sign is wrong.
static_assert(compare(In::dY, Doc::dY, bn::centered) == verdict::differs);
static_assert(equivalent(difference(In::dY, Doc::dY, bn::centered),
                         -(c<2> / B) * gamma(t) * (Y(s, t) - m(t)) * pow<-3, 2>(v(t) + eps) *
                             sum(k, dH(k, t) * step(bn::inside::Yhat(k, t)) * (Y(k, t) - m(t))),
                         bn::centered));
// With the sign mended, the document's formula would match.
static_assert(compare(In::dY,
                      dH(s, t) * step(bn::inside::Yhat(s, t)) * gamma(t) * pow<-1, 2>(v(t) + eps) -
                          c<1> / B *
                              sum(k, dH(k, t) * step(bn::inside::Yhat(k, t)) * gamma(t) *
                                         (pow<-1, 2>(v(t) + eps) +
                                          (Y(k, t) - m(t)) * pow<-3, 2>(v(t) + eps) * (Y(s, t) - m(t)))),
                      bn::centered) == verdict::equal);
}  // namespace
