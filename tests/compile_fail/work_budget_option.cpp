// expect: ran past its work budget (LEIBNIZ_WORK_BUDGET) and stopped
// work_budget<N> sets one operation's budget: a comparison that needs more
// than 20 steps stops with the budget's message.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(equivalent(pow<3>(x + y), pow<3>(y + x), work_budget<20>));
#else
static_assert(equivalent(pow<3>(x + y), pow<3>(y + x), work_budget<100000>));
#endif
