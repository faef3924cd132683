// 2.3 Problem 4: ∂ℓ/∂v_j under both placements of ε.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

namespace {

template <class R>
record problem4(const char* note) {
    using I = reading_info<R>;
    using bn::j, bn::k, bn::l;
    using E = bn::engine<R>;
    std::string tag = I::tag;
    record p = make({"bn.dl-dv." + tag, "2.3", std::string("Problem 4: dl/dv_j, ") + I::words,
                          std::string("Problem 4: $\\partial \\ell / \\partial \\mathbf{v}_j$, ") + I::tex,
                          tex(partial_symbol(R::ell, bn::v(j))), "", note},
                         E::dv, bn::document<R>::dv);
    constexpr auto local = d(R::Yhat(k, l), bn::v(j));
    p.steps = chain_steps<R>(bn::v(j), local, E::dv);
    return p;
}

}  // namespace

void add_variance(std::vector<record>& out) {
    out.push_back(problem4<bn::inside>("The reading Problem 4 itself uses."));
    out.push_back(problem4<bn::outside>("Under $\\sqrt{\\mathbf{v}_j} + \\epsilon$ the derivative of the root differs."));
}

}  // namespace leibniz::derivations::batchnorm::parts
