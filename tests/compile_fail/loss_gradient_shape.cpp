// expect: leibniz::loss: the gradient tensor has the extents of the tensor the loss is a function of
// The gradient of a loss of H (over B, M) is a tensor over (B, M) too, not
// over M alone.
#include "shapes.hpp"

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto G = tensor<"G">(M);
#else
constexpr auto G = tensor<"G">(B, M);
#endif
constexpr auto ell = loss<"ell">(H, G, k, l);
static_assert(latex(d(ell, H(k, l))).size() > 0);
