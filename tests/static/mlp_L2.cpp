// Sections 3.1 and 3.2 for a network of 2 layers, fully expanded through the
// softmax: ∂ℓ/∂h_i, ∂ℓ/∂W_i and ∂ℓ/∂b_i for every layer i, and the document's general product.
#include "../../derivations/mlp.hpp"

// One check per function: the compiler releases the memory of a constant
// evaluation at the end of a function, so checks do not pile up.
#define MLP_CAT2(a, b) a##b
#define MLP_CAT(a, b) MLP_CAT2(a, b)
#define CHECK(...) [[maybe_unused]] void MLP_CAT(check_, __LINE__)() { static_assert(__VA_ARGS__); }

namespace {
using namespace leibniz;
using namespace leibniz::derivations::mlp;
using N = network<2>;
using C = checks<2>;
constexpr auto O = style;

// ∂ℓ/∂h_1: the engine equals the chain rule written out, (diag(σ'(z_2)) W_2)^T ⋯ (y - ȳ)
CHECK(C::dh_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dh<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})")
// the document's product for ∂ℓ/∂h_1
CHECK(matrix_latex<O>(N::doc_dh<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (y - \\bar{y})")
// wrong: it has the factors of layer 1, the chain rule those of layer 2;
// with widths of their own not even the shape fits
CHECK(!C::product_shape_fits<1>)
// with all widths equal, the difference (engine - document)
CHECK(C::product<1> == verdict::differs)
CHECK(matrix_latex<O>(C::product_difference<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y}) - "
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (y - \\bar{y})")

// ∂ℓ/∂h_2 = y - ȳ (the targets summing to one)
CHECK(C::dh_is_chain<2>)
CHECK(matrix_latex<O>(N::full_dh<2>) ==
      "y - \\bar{y}")
// the document's product for ∂ℓ/∂h_2
CHECK(matrix_latex<O>(N::doc_dh<2>) ==
      "y - \\bar{y}")
// the empty product: y - ȳ, right (with Σ ȳ = 1)
CHECK(C::product_shape_fits<2>)
CHECK(C::product<2> == verdict::equal)

// ∂ℓ/∂W_1 = (σ'(z_1) ⊙ ∂ℓ/∂h_1) h_0^T with ∂ℓ/∂h_1 written out
CHECK(C::dW_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dW<1>, N::x<1>, N::y<0>) ==
      "(\\sigma'(z_{1}) \\odot ((\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})))\\, h_{0}^{T}")
// ∂ℓ/∂b_1 = σ'(z_1) ⊙ ∂ℓ/∂h_1 with ∂ℓ/∂h_1 written out
CHECK(C::db_is_chain<1>)
CHECK(matrix_latex<O>(N::full_db<1>) ==
      "\\sigma'(z_{1}) \\odot ((\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y}))")

// ∂ℓ/∂W_2 = (σ'(z_2) ⊙ ∂ℓ/∂h_2) h_1^T with ∂ℓ/∂h_2 written out
CHECK(C::dW_is_chain<2>)
CHECK(matrix_latex<O>(N::full_dW<2>, N::x<2>, N::y<1>) ==
      "(\\sigma'(z_{2}) \\odot (y - \\bar{y}))\\, h_{1}^{T}")
// ∂ℓ/∂b_2 = σ'(z_2) ⊙ ∂ℓ/∂h_2 with ∂ℓ/∂h_2 written out
CHECK(C::db_is_chain<2>)
CHECK(matrix_latex<O>(N::full_db<2>) ==
      "\\sigma'(z_{2}) \\odot (y - \\bar{y})")

// the index forms
CHECK(latex<O>(N::full_dh<1>) ==
      "\\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},k] y[a_{2}] \\sigma'(z_{2}[a_{2}]) - "
      "\\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},k] \\bar{y}[a_{2}] \\sigma'(z_{2}[a_{2}])")
CHECK(latex<O>(N::doc_dh<1>) ==
      "\\sum_{a_{1}=1}^{D_{1}} \\sigma'(z_{1}[a_{1}]) W_{1}[a_{1},k] (y[a_{1}] - \\bar{y}[a_{1}])")
CHECK(latex<O>(N::full_dW<1>) ==
      "h_{0}[y] \\sigma'(z_{1}[x]) \\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},x] y[a_{2}] \\sigma'(z_{2}[a_{2}]) - "
      "h_{0}[y] \\sigma'(z_{1}[x]) \\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},x] \\bar{y}[a_{2}] \\sigma'(z_{2}[a_{2}])")
CHECK(latex<O>(N::full_db<1>) ==
      "\\sigma'(z_{1}[x]) \\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},x] y[a_{2}] \\sigma'(z_{2}[a_{2}]) - "
      "\\sigma'(z_{1}[x]) \\sum_{a_{2}=1}^{D_{2}} W_{2}[a_{2},x] \\bar{y}[a_{2}] \\sigma'(z_{2}[a_{2}])")
CHECK(latex<O>(N::full_dh<2>) == "y[k] - \\bar{y}[k]")
CHECK(latex<O>(N::full_dW<2>) ==
      "h_{1}[y] y[x] \\sigma'(z_{2}[x]) - h_{1}[y] \\bar{y}[x] \\sigma'(z_{2}[x])")
CHECK(latex<O>(N::full_db<2>) == "y[x] \\sigma'(z_{2}[x]) - \\bar{y}[x] \\sigma'(z_{2}[x])")

// without Σ ȳ = 1, (y - ȳ) does not appear: the sum of the targets stays
CHECK(matrix_latex<O>(N::full_dh_raw<1>) ==
      "(\\sum_{a_{2}=1}^{D_{2}} \\bar{y}[a_{2}])\\, (\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} y - "
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} \\bar{y}")
CHECK(compare(N::full_dh_raw<1>, N::chain<1>(N::k<1>)) == verdict::differs)

// ∂ℓ/∂W_1 and ∂ℓ/∂b_1 with the document's product in place of ∂ℓ/∂h_1 (all widths equal): wrong
// too; for the last layer, where the product is empty, right
CHECK(C::product_dW<1> == verdict::differs)
CHECK(C::product_db<1> == verdict::differs)
CHECK(C::product_dW<2> == verdict::equal)
}  // namespace
