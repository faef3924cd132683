// expect: leibniz: each index of a tensor or intermediate ranges over the extent declared for its slot
// Y's first slot is over B; l ranges over M. Extents are told apart by
// their declaration, not by their size. A square W(M, M) takes two indices
// over M.
#include "shapes.hpp"

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(Y(l, k)).size() > 0);
#else
static_assert(latex(sum(j, W(l, j) * Y(k, j))) == "\\sum_{j=1}^{M} W_{lj} Y_{kj}");
#endif
