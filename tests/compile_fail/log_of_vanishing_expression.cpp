// expect: leibniz::log: the argument simplifies to a constant that is zero or negative
// log(y - y) is log 0 written without a constant: simplified where log is written.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(x * log(y - y - 1_c)).size() > 0);
#else
static_assert(latex(x * log(y - x + 1_c)).size() > 0);
#endif
