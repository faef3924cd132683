// expect: leibniz::log: the argument must not be a constant that is zero or negative
// log(c<-1>), log(-c<2>) and log(0_c) are refused where they are written.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();

double f(double xv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(x * log(-c<2>), x = xv);
#else
    return evaluate(x * log(c<2>), x = xv);
#endif
}
