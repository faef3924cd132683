// expect: leibniz::from_latex: the formula cannot be read
// An undeclared symbol (z) in a formula: one static_assert whose line above
// names the position (8), the text there ("z") and the problem
// (unknown_symbol).
#include <leibniz/from_latex.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto f = from_latex<"x + y + z">(x, y);
#else
constexpr auto f = from_latex<"x + y + y">(x, y);
static_assert(equivalent(f, x + c<2> * y));
#endif
