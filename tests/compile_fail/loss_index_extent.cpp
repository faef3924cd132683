// expect: leibniz::loss: each summation index ranges over the extent of the matching slot
// The summation indices of a loss of H (over B, M) follow H's extents in order.
#include "shapes.hpp"

constexpr auto G = tensor<"G">(B, M);
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto ell = loss<"ell">(H, G, l, k);
#else
constexpr auto ell = loss<"ell">(H, G, k, l);
#endif
static_assert(latex(d(ell, H(k, l))).size() > 0);
