// expect: leibniz::loss: one summation index for each extent of the tensor the loss is a function of
// The chain rule of a loss of H (over B, M) sums over one index per extent
// of H.
#include "shapes.hpp"

constexpr auto G = tensor<"G">(B, M);
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto ell = loss<"ell">(H, G, k);
#else
constexpr auto ell = loss<"ell">(H, G, k, l);
#endif
static_assert(latex(d(ell, H(k, l))).size() > 0);
