// Sections 3.1 and 3.2 for a network of 3 layers, fully expanded through the
// softmax: ∂ℓ/∂h_i for every layer i, and the document's general product.
#include "../../derivations/mlp.hpp"

// One check per function: the compiler releases the memory of a constant
// evaluation at the end of a function, so checks do not pile up.
#define MLP_CAT2(a, b) a##b
#define MLP_CAT(a, b) MLP_CAT2(a, b)
#define CHECK(...) [[maybe_unused]] void MLP_CAT(check_, __LINE__)() { static_assert(__VA_ARGS__); }

namespace {
using namespace leibniz;
using namespace leibniz::derivations::mlp;
using N = network<3>;
using C = checks<3>;
constexpr auto O = style;

// ∂ℓ/∂h_1: the engine equals the chain rule written out, (diag(σ'(z_2)) W_2)^T ⋯ (y - ȳ)
CHECK(C::dh_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dh<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y})")
// the document's product for ∂ℓ/∂h_1
CHECK(matrix_latex<O>(N::doc_dh<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})")
// wrong: it has the factors of layers 1..2, the chain rule those of layers 2..3;
// with widths of their own not even the shape fits
CHECK(!C::product_shape_fits<1>)
// with all widths equal, the difference (engine - document)
CHECK(C::product<1> == verdict::differs)
CHECK(matrix_latex<O>(C::product_difference<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y}) - "
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})")

// ∂ℓ/∂h_2: the engine equals the chain rule written out, (diag(σ'(z_3)) W_3)^T ⋯ (y - ȳ)
CHECK(C::dh_is_chain<2>)
CHECK(matrix_latex<O>(N::full_dh<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y})")
// the document's product for ∂ℓ/∂h_2
CHECK(matrix_latex<O>(N::doc_dh<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})")
// wrong: it has the factors of layer 2, the chain rule those of layer 3;
// with widths of their own not even the shape fits
CHECK(!C::product_shape_fits<2>)
// with all widths equal, the difference (engine - document)
CHECK(C::product<2> == verdict::differs)
CHECK(matrix_latex<O>(C::product_difference<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y}) - "
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})")

// ∂ℓ/∂h_3 = y - ȳ (the targets summing to one)
CHECK(C::dh_is_chain<3>)
CHECK(matrix_latex<O>(N::full_dh<3>) ==
      "y - \\bar{y}")
// the document's product for ∂ℓ/∂h_3
CHECK(matrix_latex<O>(N::doc_dh<3>) ==
      "y - \\bar{y}")
// the empty product: y - ȳ, right (with Σ ȳ = 1)
CHECK(C::product_shape_fits<3>)
CHECK(C::product<3> == verdict::equal)
}  // namespace
