// expect: leibniz::evaluate: a symbol of the expression has no value bound
// evaluate needs a value for every symbol the expression uses; the missing
// one is named in the diagnostic (no_binding_for<'y'>).
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

double f(double xv, [[maybe_unused]] double yv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(d(x * x * y, x), x = xv);
#else
    return evaluate(d(x * x * y, x), x = xv, y = yv);
#endif
}
