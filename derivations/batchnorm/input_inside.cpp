// 2.3 Problem 5 under sqrt(v + ε) (the document's reading): ∂ℓ/∂Y_st with
// Σ_i (Y_il − m_l) = 0, its derivation, and the document's formula with its
// last sign corrected.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

void add_input_inside(std::vector<record>& out) {
    using bn::k, bn::l, bn::s, bn::t, bn::B, bn::Y, bn::m, bn::v, bn::eps, bn::dH;
    using R = bn::inside;
    using In = bn::engine<R>;
    using Doc = bn::document<R>;
    const std::string q = tex(partial_symbol(R::ell, Y(s, t)));

    record p = make({"bn.dl-dY.inside", "2.3", "Problem 5: dl/dY_st, eps inside the root",
                          "Problem 5: $\\partial \\ell / \\partial Y_{st}$, " + std::string(reading_info<R>::tex), q,
                          "",
                          "The last term's sign is wrong: the chain rule gives $+ (Y_{kt} - \\mathbf{m}_t) "
                          "(\\mathbf{v}_t + \\epsilon)^{-3/2} (Y_{st} - \\mathbf{m}_t)$ inside the braces.",
                          {by_m}},
                         In::dY, Doc::dY, bn::centered);
    p.steps = chain_steps<R>(Y(s, t), In::dYhat_dY, In::dY, bn::centered);
    out.push_back(std::move(p));

    // The document's line with that one sign flipped: transcribed here, not stated by the document.
    constexpr auto mended = dH(s, t) * step(R::Yhat(s, t)) * bn::gamma(t) * pow<-1, 2>(v(t) + eps) -
                            c<1> / B *
                                sum(k, dH(k, t) * step(R::Yhat(k, t)) * bn::gamma(t) *
                                           (pow<-1, 2>(v(t) + eps) + (Y(k, t) - m(t)) * pow<-3, 2>(v(t) + eps) * (Y(s, t) - m(t))));
    out.push_back(make({"bn.dl-dY.sign-corrected.inside", "2.3",
                              "Problem 5: dl/dY_st, the document's formula with the last sign corrected",
                              "Problem 5: $\\partial \\ell / \\partial Y_{st}$, the document's formula with its last sign corrected",
                              q, "",
                              "Not the document's formula: its final line with $-$ turned into $+$ before "
                              "$(Y_{kt} - \\mathbf{m}_t)$, which then matches.",
                              {by_m}},
                             In::dY, mended, bn::centered));

}

}  // namespace leibniz::derivations::batchnorm::parts
