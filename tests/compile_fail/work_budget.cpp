// expect: ran past its work budget (LEIBNIZ_WORK_BUDGET) and stopped
// Multiplying out (x + y + z + w)^10 makes 4^10 products: canonical stops at
// its work budget with one message instead of running for minutes.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();
constexpr auto w = symbol<"w">();

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(canonical(pow<10>(x + y + z + w))).size() > 0);
#else
static_assert(latex(canonical(pow<2>(x + y + z + w))).size() > 0);
#endif
