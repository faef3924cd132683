// expect: leibniz: a tensor or intermediate is indexed with as many indices as it has extents
// Y is declared over (B, M), so Y(k) lacks an index; the message's context
// names Y, 2 and 1.
#include "shapes.hpp"

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(d(Y(k) * Y(k) + Y(k, l), Y(k, l))).size() > 0);
#else
static_assert(latex(d(Y(k, l) * Y(k, l) + Y(k, l), Y(k, l))) == "2 Y_{kl} + 1");
#endif
