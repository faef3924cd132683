// 2.3 Problems 1 and 2: ∂ℓ/∂γ_j and ∂ℓ/∂β_j, and the local derivatives
// ∂Ŷ_kl/∂γ_j and ∂Ŷ_kl/∂β_j, under both placements of ε.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

namespace {

template <class R>
void add_problem1(std::vector<record>& out, const char* note) {
    using I = reading_info<R>;
    using E = bn::engine<R>;
    using D = bn::document<R>;
    using bn::j, bn::k, bn::l;
    std::string tag = I::tag;
    record p = make({"bn.dl-dgamma." + tag, "2.3", std::string("Problem 1: dl/dgamma_j, ") + I::words,
                          std::string("Problem 1: $\\partial \\ell / \\partial \\gamma_j$, ") + I::tex,
                          tex(partial_symbol(R::ell, bn::gamma(j))), "", note},
                         E::dgamma, D::dgamma);
    p.steps = chain_steps<R>(bn::gamma(j), E::dYhat_dgamma, E::dgamma);
    out.push_back(std::move(p));
    out.push_back(make({"bn.dYhat-dgamma." + tag, "2.3", std::string("Problem 1, local: dYhat_kl/dgamma_j, ") + I::words,
                              std::string("Problem 1, local: $\\partial \\hat{Y}_{kl} / \\partial \\gamma_j$, ") + I::tex,
                              tex(partial_symbol(R::Yhat(k, l), bn::gamma(j))), "", note},
                             E::dYhat_dgamma, D::dYhat_dgamma));
}

template <class R>
void add_problem2(std::vector<record>& out, const char* note) {
    using I = reading_info<R>;
    using E = bn::engine<R>;
    using D = bn::document<R>;
    using bn::j;
    std::string tag = I::tag;
    record p = make({"bn.dl-dbeta." + tag, "2.3", std::string("Problem 2: dl/dbeta_j, ") + I::words,
                          std::string("Problem 2: $\\partial \\ell / \\partial \\beta_j$, ") + I::tex,
                          tex(partial_symbol(R::ell, bn::beta(j))), "", note},
                         E::dbeta, D::dbeta);
    p.steps = chain_steps<R>(bn::beta(j), E::dYhat_dbeta, E::dbeta);
    out.push_back(std::move(p));
}

}  // namespace

void add_gamma_beta(std::vector<record>& out) {
    using bn::j, bn::k, bn::l;
    add_problem1<bn::outside>(out, "The reading Problem 1 itself uses: its $\\hat{Y}$ has $\\sqrt{\\mathbf{v}_l} + \\epsilon$.");
    add_problem1<bn::inside>(out,
                             "Under the $\\sqrt{\\mathbf{v}_l + \\epsilon}$ of Problems 3--5 the document's final line has the "
                             "wrong denominator.");
    add_problem2<bn::inside>(out, "$\\beta$ enters $\\hat{Y}$ additively: the placement of $\\epsilon$ does not matter.");
    add_problem2<bn::outside>(out, "$\\beta$ enters $\\hat{Y}$ additively: the placement of $\\epsilon$ does not matter.");
    out.push_back(make({"bn.dYhat-dbeta", "2.3", "Problem 2, local: dYhat_kl/dbeta_j",
                              "Problem 2, local: $\\partial \\hat{Y}_{kl} / \\partial \\beta_j$ (either reading)",
                              tex(partial_symbol(bn::inside::Yhat(k, l), bn::beta(j))), "", ""},
                             bn::engine<bn::inside>::dYhat_dbeta, bn::document<bn::inside>::dYhat_dbeta));
}

}  // namespace leibniz::derivations::batchnorm::parts
