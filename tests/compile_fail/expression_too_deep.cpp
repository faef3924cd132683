// expect: nests operators more than LEIBNIZ_MAX_EXPRESSION_DEPTH
// A Horner polynomial of degree 40 nests + and * 80 deep: one message where
// it passes the limit (64), and nothing after it.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto x = symbol<"x">();

template <int N>
constexpr auto horner() {
    if constexpr (N == 0)
        return 1_c;
    else
        return 1_c + x * horner<N - 1>();
}

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(d(horner<40>(), x)).size() > 0);
#else
static_assert(latex(d(horner<8>(), x)).size() > 0);
#endif
