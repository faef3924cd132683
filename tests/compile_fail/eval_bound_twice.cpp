// expect: leibniz::evaluate: a symbol is bound twice
// One analysis of the bindings serves evaluate and evaluate_into; here
// evaluate: two values for x are refused, naming x.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

double f(double xv, double yv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(x * y, x = xv, y = yv, x = yv);
#else
    return evaluate(x * y, x = xv, y = yv);
#endif
}
