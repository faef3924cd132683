// expect: leibniz::d: the variable of differentiation must be a symbol
// One can differentiate with respect to a symbol or a tensor element, not
// with respect to an expression.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

double f(double xv, double yv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(d(x * y, x + y), x = xv, y = yv);
#else
    return evaluate(d(x * y, y), x = xv, y = yv);
#endif
}
