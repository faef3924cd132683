// 2.3 Problem 5, the local derivatives of the batch statistics: ∂m_l/∂Y_st
// and ∂v_l/∂Y_st (with and without Σ_i (Y_il − m_l) = 0).
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

void add_local(std::vector<record>& out) {
    using bn::l, bn::s, bn::t, bn::Y, bn::m, bn::v;
    out.push_back(make({"bn.dm-dY", "2.3", "Problem 5, local: dm_l/dY_st",
                              "Problem 5, local: $\\partial \\mathbf{m}_l / \\partial Y_{st}$",
                              tex(partial_symbol(m(l), Y(s, t))), "", ""},
                             bn::dm_dY, bn::doc_dm_dY));
    const std::string dv_dY = tex(partial_symbol(v(l), Y(s, t)));
    out.push_back(make({"bn.dv-dY", "2.3", "Problem 5, local: dv_l/dY_st, with sum_i (Y_il - m_l) = 0",
                              "Problem 5, local: $\\partial \\mathbf{v}_l / \\partial Y_{st}$, with " + std::string(centered_tex),
                              dv_dY, "", "", {by_m}},
                             bn::dv_dY, bn::doc_dv_dY, bn::centered));
    out.push_back(make({"bn.dv-dY.raw", "2.3", "Problem 5, local: dv_l/dY_st, no assumption",
                              "Problem 5, local: $\\partial \\mathbf{v}_l / \\partial Y_{st}$, no assumption", dv_dY, "",
                              "The extra term has $\\sum_i Y_{il} - B \\mathbf{m}_l$ as a factor, zero by the definition "
                              "of $\\mathbf{m}$ (the comparison inlines it)."},
                             bn::dv_dY_raw, bn::doc_dv_dY));
}

}  // namespace leibniz::derivations::batchnorm::parts
