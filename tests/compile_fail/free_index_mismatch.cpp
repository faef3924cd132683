// expect: leibniz: the two sides of + have different free indices
// Adding tensor elements with different free indices is rejected where the
// expression is written.
#include "shapes.hpp"

constexpr auto s = index<"s">(M);
constexpr auto eps = symbol<"epsilon", "\\epsilon">();

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto bad = Y(k, l) + Y(k, s);
#else
constexpr auto good = Y(k, l) + Y(k, l) + eps;  // a scalar may be added to every element
static_assert(latex(simplify(good)) == "2 Y_{kl} + \\epsilon");
#endif
