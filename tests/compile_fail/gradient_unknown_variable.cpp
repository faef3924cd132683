// expect: leibniz::gradient: this variable is not among the program's wrt(...)
// gradient(p, x) picks a gradient of the program by its variable; asking for
// one the program was not built for is an error, not a zero.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto q = intermediate<"q">(x * y);
constexpr auto p = backprop(q * q, wrt(x));

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(gradient(p, y)).size() > 0);
#else
static_assert(latex(gradient(p, x)).size() > 0);
#endif
