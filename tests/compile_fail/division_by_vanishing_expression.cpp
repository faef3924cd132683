// expect: leibniz: division by an expression that simplifies to zero
// A denominator that may vanish (it has a subtraction, a negation or a
// constant) is simplified where the division is written; y - y is zero.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(x / (y - y)).size() > 0);
#else
static_assert(latex(x / (y - x)) == "\\frac{x}{y - x}");
#endif
