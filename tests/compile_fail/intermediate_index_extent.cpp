// expect: leibniz: each index of a tensor or intermediate ranges over the extent declared for its slot
// m's parameter l ranges over M, so m may be used with another index over
// M (m(j)), not with k, which ranges over B.
#include "shapes.hpp"

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(d(sum(k, m(k)), Y(k, l))).size() > 0);
#else
static_assert(latex(d(sum(j, m(j)), Y(k, l))).size() > 0);
#endif
