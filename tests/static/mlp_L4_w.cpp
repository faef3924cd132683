// Sections 3.1 and 3.2 for a network of 4 layers, fully expanded through the
// softmax: ∂ℓ/∂W_i for every layer i.
#include "../../derivations/mlp.hpp"

// One check per function: the compiler releases the memory of a constant
// evaluation at the end of a function, so checks do not pile up.
#define MLP_CAT2(a, b) a##b
#define MLP_CAT(a, b) MLP_CAT2(a, b)
#define CHECK(...) [[maybe_unused]] void MLP_CAT(check_, __LINE__)() { static_assert(__VA_ARGS__); }

namespace {
using namespace leibniz;
using namespace leibniz::derivations::mlp;
using N = network<4>;
using C = checks<4>;
constexpr auto O = style;

// ∂ℓ/∂W_1 = (σ'(z_1) ⊙ ∂ℓ/∂h_1) h_0^T with ∂ℓ/∂h_1 written out
CHECK(C::dW_is_chain<1>)
CHECK(matrix_latex<O>(N::full_dW<1>, N::x<1>, N::y<0>) ==
      "(\\sigma'(z_{1}) \\odot ((\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y})))\\, h_{0}^{T}")

// ∂ℓ/∂W_2 = (σ'(z_2) ⊙ ∂ℓ/∂h_2) h_1^T with ∂ℓ/∂h_2 written out
CHECK(C::dW_is_chain<2>)
CHECK(matrix_latex<O>(N::full_dW<2>, N::x<2>, N::y<1>) ==
      "(\\sigma'(z_{2}) \\odot ((\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y})))\\, h_{1}^{T}")

// ∂ℓ/∂W_3 = (σ'(z_3) ⊙ ∂ℓ/∂h_3) h_2^T with ∂ℓ/∂h_3 written out
CHECK(C::dW_is_chain<3>)
CHECK(matrix_latex<O>(N::full_dW<3>, N::x<3>, N::y<2>) ==
      "(\\sigma'(z_{3}) \\odot ((\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y})))\\, h_{2}^{T}")

// ∂ℓ/∂W_4 = (σ'(z_4) ⊙ ∂ℓ/∂h_4) h_3^T with ∂ℓ/∂h_4 written out
CHECK(C::dW_is_chain<4>)
CHECK(matrix_latex<O>(N::full_dW<4>, N::x<4>, N::y<3>) ==
      "(\\sigma'(z_{4}) \\odot (y - \\bar{y}))\\, h_{3}^{T}")
}  // namespace
