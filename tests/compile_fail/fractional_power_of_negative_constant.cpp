// expect: leibniz::pow: a power with a non-integer exponent (as sqrt) of a negative constant
// sqrt(-2) and (-2)^(1/3) are refused; an integer power of a negative
// constant is fine.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();

double f(double xv) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(x * sqrt(c<1> - c<3>), x = xv);
#else
    return evaluate(x * sqrt(c<3> - c<1>) + pow<3>(c<1> - c<3>), x = xv);
#endif
}
