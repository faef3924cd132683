// Section 3.1, softmax and cross-entropy: the engine's derivatives (index
// and matrix form) and the verdicts on the document's formulas.
#include "../../derivations/softmax.hpp"

namespace {
using namespace leibniz;
using namespace leibniz::derivations::softmax;
constexpr auto O = style;

// ∂ℓ/∂y_j = -ȳ[j] / y[j]
static_assert(latex<O>(dl_dy) == "-\\frac{\\bar{y}[j]}{y[j]}");
static_assert(matrix_latex<O>(dl_dy) == "-\\bar{y} \\oslash y");
static_assert(compare(dl_dy, doc_dl_dy) == verdict::equal);

// ∂y_i/∂h_L[k] = δ_ki y[i] - y[i] y[k], once exp(h_i) / Σ_j exp(h_j) is folded back into y_i
static_assert(latex<O>(dy_dh) == "y[i] \\delta_{ik} - y[i] y[k]");
static_assert(matrix_latex<O>(dy_dh, i, k) == "\\operatorname{diag}(y) - y\\, y^{T}");
static_assert(compare(dy_dh, doc_dy_dh) == verdict::equal);
// as differentiated, before folding: not the same form, but the same formula
// once the document's y is inlined
static_assert(latex<O>(dy_dh_unfolded) ==
              "\\frac{\\delta_{ik} \\exp(h_{L}[i])}{\\sum_{j=1}^{K} \\exp(h_{L}[j])} - "
              "\\frac{\\exp(h_{L}[i] + h_{L}[k])}{(\\sum_{j=1}^{K} \\exp(h_{L}[j]))^{2}}");
static_assert(compare(dy_dh_unfolded, doc_dy_dh) == verdict::equal);

// (∂y/∂h_L)^T ∂ℓ/∂y = [-ȳ[k] + y[k] Σ_j ȳ[j]]_k: right
static_assert(latex<O>(dl_dh) == "y[k] \\sum_{k'=1}^{K} \\bar{y}[k'] - \\bar{y}[k]");
static_assert(matrix_latex<O>(dl_dh) == "(\\sum_{k'=1}^{K} \\bar{y}[k'])\\, y - \\bar{y}");
static_assert(compare(dl_dh, doc_step) == verdict::equal);
// the chain rule from the engine's own local derivatives gives the same
static_assert(latex<O>(composed) == "y[k] \\sum_{i=1}^{K} \\bar{y}[i] - \\bar{y}[k]");
static_assert(compare(composed, dl_dh) == verdict::equal);

// ... = y - ȳ: only when the targets sum to one
static_assert(compare(dl_dh, doc_result) == verdict::differs);
static_assert(latex<O>(difference(dl_dh, doc_result)) == "y[k] (\\sum_{k'=1}^{K} \\bar{y}[k'] - 1)");
static_assert(compare(dl_dh, doc_result, targets_sum_to_one) == verdict::equal);
static_assert(latex<O>(dl_dh_normalized) == "y[k] - \\bar{y}[k]");
static_assert(matrix_latex<O>(dl_dh_normalized) == "y - \\bar{y}");
static_assert(compare(dl_dh_normalized, doc_result) == verdict::equal);
}  // namespace
