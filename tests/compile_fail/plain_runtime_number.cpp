// expect: leibniz: an operand is a plain run-time number
// A run-time number cannot be part of an expression's type: constants are
// written 2_c; run-time values are bound when evaluating.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();

double f(double xv, [[maybe_unused]] int n) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(x * n, x = xv);
#else
    return evaluate(x * 2_c, x = xv);
#endif
}
