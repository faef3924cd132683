// 2.3 Problem 5 under sqrt(v + ε): ∂ℓ/∂Y_st without Σ_i (Y_il − m_l) = 0,
// and the local derivative ∂Ŷ_kl/∂Y_st with and without it.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

void add_input_raw(std::vector<record>& out) {
    using bn::k, bn::l, bn::s, bn::t, bn::Y;
    using R = bn::inside;
    using In = bn::engine<R>;
    using Doc = bn::document<R>;
    const std::string q = tex(partial_symbol(R::ell, Y(s, t)));

    out.push_back(make({"bn.dl-dY.raw.inside", "2.3", "Problem 5: dl/dY_st, eps inside the root, no assumption",
                              "Problem 5: $\\partial \\ell / \\partial Y_{st}$, " + std::string(reading_info<R>::tex) +
                                  ", no assumption",
                              q, "",
                              "Without $\\sum_i (Y_{il} - \\mathbf{m}_l) = 0$ the engine keeps the sums "
                              "$\\sum_i Y_{il}$ (equal to $B \\mathbf{m}_l$ by the definition of $\\mathbf{m}$)."},
                             In::dY_raw, Doc::dY));

    const std::string dYhat_dY = tex(partial_symbol(R::Yhat(k, l), Y(s, t)));
    out.push_back(make({"bn.dYhat-dY.inside", "2.3", "Problem 5, local: dYhat_kl/dY_st, with sum_i (Y_il - m_l) = 0",
                              "Problem 5, local: $\\partial \\hat{Y}_{kl} / \\partial Y_{st}$, with " + std::string(centered_tex),
                              dYhat_dY, "", "The document's form before the sum over $k$ and $l$.", {by_m}},
                             In::dYhat_dY, Doc::dYhat_dY, bn::centered));
    constexpr auto dYhat_dY_raw = d(R::Yhat(k, l), Y(s, t));
    out.push_back(make({"bn.dYhat-dY.raw.inside", "2.3", "Problem 5, local: dYhat_kl/dY_st, no assumption",
                              "Problem 5, local: $\\partial \\hat{Y}_{kl} / \\partial Y_{st}$, no assumption", dYhat_dY,
                              "", ""},
                             dYhat_dY_raw, Doc::dYhat_dY));
}

}  // namespace leibniz::derivations::batchnorm::parts
