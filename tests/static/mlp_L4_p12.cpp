// Sections 3.1 and 3.2 for a network of 4 layers, fully expanded through the
// softmax: the document's general product against ∂ℓ/∂h_i for layers i = 1..2, all widths equal.
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

// the document's product for ∂ℓ/∂h_1
// wrong: it has the factors of layers 1..3, the chain rule those of layers 2..4;
// with all widths equal, the difference (engine - document)
CHECK(C::product<1> == verdict::differs)
CHECK(matrix_latex<O>(C::product_difference<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y}) - "
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y})")

// the document's product for ∂ℓ/∂h_2
// wrong: it has the factors of layers 2..3, the chain rule those of layers 3..4;
// with all widths equal, the difference (engine - document)
CHECK(C::product<2> == verdict::differs)
CHECK(matrix_latex<O>(C::product_difference<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} (y - \\bar{y}) - "
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} (y - \\bar{y})")
}  // namespace
