// Sections 3.1 and 3.2 for a network of 1 layer, fully expanded through the
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
using N = network<1>;
using C = checks<1>;
constexpr auto O = style;

// ∂ℓ/∂h_1 = y - ȳ (the targets summing to one)
CHECK(C::dh_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dh<1>) ==
      "y - \\bar{y}")
// the document's product for ∂ℓ/∂h_1
CHECK(matrix_latex<O>(N::doc_dh<1>) ==
      "y - \\bar{y}")
// the empty product: y - ȳ, right (with Σ ȳ = 1)
CHECK(C::product_shape_fits<1>)
CHECK(C::product<1> == verdict::equal)

// ∂ℓ/∂W_1 = (σ'(z_1) ⊙ ∂ℓ/∂h_1) h_0^T with ∂ℓ/∂h_1 written out
CHECK(C::dW_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dW<1>, N::x<1>, N::y<0>) ==
      "(\\sigma'(z_{1}) \\odot (y - \\bar{y}))\\, h_{0}^{T}")
// ∂ℓ/∂b_1 = σ'(z_1) ⊙ ∂ℓ/∂h_1 with ∂ℓ/∂h_1 written out
CHECK(C::db_is_chain<1>)
CHECK(matrix_latex<O>(N::full_db<1>) ==
      "\\sigma'(z_{1}) \\odot (y - \\bar{y})")

// the index forms
CHECK(latex<O>(N::full_dh<1>) == "y[k] - \\bar{y}[k]")
CHECK(latex<O>(N::full_dW<1>) ==
      "h_{0}[y] y[x] \\sigma'(z_{1}[x]) - h_{0}[y] \\bar{y}[x] \\sigma'(z_{1}[x])")
CHECK(latex<O>(N::full_db<1>) == "y[x] \\sigma'(z_{1}[x]) - \\bar{y}[x] \\sigma'(z_{1}[x])")
// without Σ ȳ = 1 the softmax's gradient keeps the sum
CHECK(latex<O>(N::full_dh_raw<1>) == "y[k] \\sum_{a_{1}=1}^{D_{1}} \\bar{y}[a_{1}] - \\bar{y}[k]")
CHECK(matrix_latex<O>(N::full_dh_raw<1>) == "(\\sum_{a_{1}=1}^{D_{1}} \\bar{y}[a_{1}])\\, y - \\bar{y}")
}  // namespace
