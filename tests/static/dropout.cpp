// Section 1.2 of the reference document: the verdicts on each stated
// result, and the engine's results as LaTeX.
#include "../../derivations/dropout.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::derivations::dropout;
using E = engine;
using V = verdicts;

// ---- verdicts ------------------------------------------------------------------------------------
static_assert(V::E_z == verdict::equal);
static_assert(V::Var_z == verdict::equal);
// "W W^T = I" is not implied by anything given ...
static_assert(V::Var_z_identity == verdict::differs);
// ... and is exactly what the step needs.
static_assert(V::Var_z_identity_assumed == verdict::equal);
static_assert(V::E_h == verdict::equal);
// without the assumption E[h_i] scales with the row norm of W
static_assert(V::E_h_unscaled == verdict::differs);
static_assert(V::E_h2 == verdict::equal);
static_assert(V::Var_h == verdict::equal);
static_assert(V::Cov_h == verdict::equal);
static_assert(V::E_h_tilde_1 == verdict::equal);
static_assert(V::E_h_tilde_2 == verdict::equal);
static_assert(V::E_h_tilde_3 == verdict::equal);
static_assert(V::Var_h_tilde_1 == verdict::equal);
static_assert(V::Var_h_tilde_2 == verdict::equal);
static_assert(V::Var_h_tilde_3 == verdict::equal);
static_assert(V::Var_h_tilde_4 == verdict::equal);
static_assert(V::Cov_h_tilde == verdict::equal);
static_assert(V::E_m == verdict::equal);
static_assert(V::E_kept == verdict::equal);

// ---- the engine's results --------------------------------------------------------------------------
static_assert(latex(E::E_z) == "0");
static_assert(latex(E::Cov_z) == "\\sum_{j=1}^{N} W_{ij} W_{kj}");
static_assert(latex(E::Cov_z_orthonormal) == "\\delta_{ik}");
static_assert(latex(E::Var_z_i) == "\\sum_{j=1}^{N} W_{ij}^{2}");
static_assert(latex(E::E_h) == "\\frac{1}{\\sqrt{2} \\sqrt{\\pi}}");
static_assert(latex(E::E_h_unscaled) == "\\frac{\\sqrt{\\sum_{j=1}^{N} W_{ij}^{2}}}{\\sqrt{2} \\sqrt{\\pi}}");
static_assert(latex(E::E_h2) == "\\frac{1}{2}");
static_assert(latex(E::Var_h) == "\\frac{1}{2} - \\frac{1}{2 \\pi}");
static_assert(latex(E::Cov_h) == "\\frac{1}{2} \\delta_{ik} - \\frac{\\delta_{ik}}{2 \\pi}");
static_assert(latex(E::E_m) == "1 - p");
static_assert(latex(E::E_m2) == "1 - p");
static_assert(latex(E::E_h_tilde) == "\\frac{1}{\\sqrt{2} \\sqrt{\\pi}}");
static_assert(latex(E::E_h_tilde_no_independence) == "\\frac{\\mathbb{E}[m \\max(z, 0)]}{1 - p}");
static_assert(latex(E::Var_h_tilde) == "\\frac{1}{2 (1 - p)} - \\frac{1}{2 \\pi}");
static_assert(latex(E::Cov_h_tilde) == "\\frac{\\delta_{ik}}{2 (1 - p)} - \\frac{\\delta_{ik}}{2 \\pi}");
static_assert(latex(E::E_kept) == "M (1 - p)");

// ---- differences ----------------------------------------------------------------------------------
static_assert(latex(differences::Var_z_identity) == "\\sum_{j=1}^{N} W_{ij} W_{kj} - \\delta_{ik}");
static_assert(latex(differences::E_h_unscaled) == "\\frac{\\sqrt{\\sum_{j=1}^{N} W_{ij}^{2}} - 1}{\\sqrt{2} \\sqrt{\\pi}}");

// ---- the records -----------------------------------------------------------------------------------
constexpr bool records_consistent() {
    for (const symbolic_result& r : symbolic_results) {
        if (r.section.empty() || r.title.empty() || r.document_latex.empty() || r.engine_latex.empty()) return false;
        // a difference is given exactly where the verdict is "differs" (or a note explains it)
        if (r.result == verdict::differs && r.difference_latex.empty() && r.note.empty()) return false;
        if (r.result == verdict::equal && !r.difference_latex.empty()) return false;
    }
    return true;
}
static_assert(records_consistent());
static_assert(symbolic_results.size() == 19);
constexpr int count(verdict v) {
    int n = 0;
    for (const symbolic_result& r : symbolic_results) n += r.result == v;
    return n;
}
static_assert(count(verdict::differs) == 2 && count(verdict::undecided) == 0);
}  // namespace
