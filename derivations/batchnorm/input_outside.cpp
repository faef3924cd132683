// 2.3 Problem 5 under sqrt(v) + ε (Problem 1's Ŷ): ∂ℓ/∂Y_st. Its difference
// from the document is computed in batchnorm_input_outside_difference.cpp:
// the verdict and the difference together take over 1.5 GiB to compile.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

void add_input_outside(std::vector<record>& out) {
    using bn::s, bn::t, bn::Y;
    using R = bn::outside;
    record e = make_apart({"bn.dl-dY.outside", "2.3", "Problem 5: dl/dY_st, eps outside the root",
                                "Problem 5: $\\partial \\ell / \\partial Y_{st}$, " + std::string(reading_info<R>::tex),
                                tex(partial_symbol(R::ell, Y(s, t))), "",
                                "The document's formula is written for $\\sqrt{\\mathbf{v}_t + \\epsilon}$; under "
                                "$\\sqrt{\\mathbf{v}_t} + \\epsilon$ the derivative of the normalizer differs as well.",
                                {by_m}},
                               bn::engine<R>::dY, bn::document<R>::dY, bn::centered);
    if (e.result != verdict::equal) e.difference_latex = input_outside_difference();
    out.push_back(std::move(e));
}

}  // namespace leibniz::derivations::batchnorm::parts
