// expect: leibniz::positive / leibniz::nonnegative: declare a symbol or a tensor
// A sign is declared for a symbol or a tensor, not for an expression (what
// is known of an expression's sign follows from its parts).
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto s = positive(x + y);
#else
constexpr auto s = positive(x) + positive(y);
static_assert(latex(simplify(sqrt(s * s))) == "x + y");
#endif
