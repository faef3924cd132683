// Reference document, 2.3 Problem 5: the local derivatives it states.
#include <derivations/batchnorm.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using In = bn::engine<bn::inside>;
using Doc = bn::document<bn::inside>;

// dm_l/dY_st = δ_lt / B
static_assert(latex(bn::dm_dY) == "\\frac{\\delta_{lt}}{B}");
static_assert(compare(bn::dm_dY, bn::doc_dm_dY) == verdict::equal);
// dv_l/dY_st = 2/B δ_lt (Y_sl − m_l), which needs Σ_i (Y_il − m_l) = 0
static_assert(latex(bn::dv_dY) == "\\frac{2 \\delta_{lt} (Y_{sl} - \\mathbf{m}_{l})}{B}");
static_assert(compare(bn::dv_dY, bn::doc_dv_dY, bn::centered) == verdict::equal);
static_assert(latex(bn::dv_dY_raw) ==
              "\\frac{2 \\delta_{lt} (Y_{sl} - \\mathbf{m}_{l})}{B} - \\frac{2 \\delta_{lt} (\\sum_{i=1}^{B} "
              "Y_{il} - B \\mathbf{m}_{l})}{B^{2}}");
// its extra term has Σ_i Y_il − B m_l as a factor: 0 once m is inlined
static_assert(compare(bn::dv_dY_raw, bn::doc_dv_dY) == verdict::equal);
// dŶ_kl/dY_st as the document writes it (before summing)
static_assert(compare(In::dYhat_dY, Doc::dYhat_dY, bn::centered) == verdict::equal);
}  // namespace
