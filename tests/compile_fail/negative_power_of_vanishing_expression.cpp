// expect: leibniz::pow: a negative power of an expression that simplifies to zero
// pow<-1>(y - y) is 1 / 0 written as a power: the same check as x / (y - y).
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(x * pow<-1>(y - y)).size() > 0);
#else
static_assert(latex(x * pow<-1>(y - x)) == "\\frac{x}{y - x}");
#endif
