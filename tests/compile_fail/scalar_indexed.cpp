// expect: leibniz: only a tensor (or an indexed intermediate) can be indexed
// A scalar intermediate (no parameters) used with an index: one message, and
// nothing after it (the expression goes on with the scalar itself).
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto N = extent<"N">();
constexpr auto k = index<"k">(N);
constexpr auto X = tensor<"X">(N);
constexpr auto r = intermediate<"r">([] { return sum(k, X(k) * X(k)); });

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto f = sum(k, X(k) / r(k));
#else
constexpr auto f = sum(k, X(k) / r);
#endif
static_assert(latex(f).size() > 0);
