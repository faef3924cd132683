// 2.3 Problem 4: ∂ℓ/∂v_j under both placements of ε.
#include "batchnorm_common.hpp"

namespace leibniz::derive::batchnorm_detail {

namespace {

template <class R>
entry problem4(const char* note) {
    using I = reading_info<R>;
    using bn::j, bn::k, bn::l;
    using E = bn::engine<R>;
    std::string tag = I::tag;
    entry p = make_entry({"bn.dl-dv." + tag, "2.3", std::string("Problem 4: dl/dv_j, ") + I::words,
                          std::string("Problem 4: $\\partial \\ell / \\partial \\mathbf{v}_j$, ") + I::tex,
                          tex(partial_symbol(R::ell, bn::v(j))), "none", note},
                         E::dv, bn::document<R>::dv);
    constexpr auto local = d(R::Yhat(k, l), bn::v(j));
    p.steps = chain_steps<R>(bn::v(j), local, E::dv);
    return p;
}

}  // namespace

void add_variance(std::vector<entry>& out) {
    out.push_back(problem4<bn::inside>("The reading Problem 4 itself uses."));
    out.push_back(problem4<bn::outside>("Under $\\sqrt{\\mathbf{v}_j} + \\epsilon$ the derivative of the root differs."));
}

}  // namespace leibniz::derive::batchnorm_detail
