// expect: leibniz: a tensor or intermediate is indexed with as many indices as it has extents
// m has one parameter (l), so m(k, l) is refused rather than evaluated at
// the wrong place; the message's context names m, 1 and 2.
#include "shapes.hpp"

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(d(sum(k, sum(l, m(k, l))), Y(k, l))).size() > 0);
#else
static_assert(latex(d(sum(k, sum(l, m(l))), Y(k, l))).size() > 0);
#endif
