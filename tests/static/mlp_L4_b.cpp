// Sections 3.1 and 3.2 for a network of 4 layers, fully expanded through the
// softmax: ∂ℓ/∂b_i for every layer i.
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

// ∂ℓ/∂b_1 = σ'(z_1) ⊙ ∂ℓ/∂h_1 with ∂ℓ/∂h_1 written out
CHECK(C::db_is_chain<1>)
CHECK(matrix_latex<O>(N::full_db<1>) ==
      "\\sigma'(z_{1}) \\odot ((\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y}))")

// ∂ℓ/∂b_2 = σ'(z_2) ⊙ ∂ℓ/∂h_2 with ∂ℓ/∂h_2 written out
CHECK(C::db_is_chain<2>)
CHECK(matrix_latex<O>(N::full_db<2>) ==
      "\\sigma'(z_{2}) \\odot ((\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y}))")

// ∂ℓ/∂b_3 = σ'(z_3) ⊙ ∂ℓ/∂h_3 with ∂ℓ/∂h_3 written out
CHECK(C::db_is_chain<3>)
CHECK(matrix_latex<O>(N::full_db<3>) ==
      "\\sigma'(z_{3}) \\odot ((\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y}))")

// ∂ℓ/∂b_4 = σ'(z_4) ⊙ ∂ℓ/∂h_4 with ∂ℓ/∂h_4 written out
CHECK(C::db_is_chain<4>)
CHECK(matrix_latex<O>(N::full_db<4>) ==
      "\\sigma'(z_{4}) \\odot (y - \\bar{y})")
}  // namespace
