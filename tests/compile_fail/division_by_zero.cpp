// expect: leibniz: division by the constant zero
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();

double f(double xv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(x / 0_c, x = xv);
#else
    return evaluate(x / 2_c, x = xv);
#endif
}
