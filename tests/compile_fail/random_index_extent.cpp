// expect: leibniz: each index of a tensor or intermediate ranges over the extent declared for its slot
// A tensor of random variables is indexed like any tensor.
#include <leibniz/leibniz.hpp>
#include <leibniz/stats.hpp>

using namespace leibniz;
constexpr auto N = extent<"N">();
constexpr auto K = extent<"K">();
constexpr auto j = index<"j">(N);
constexpr auto i = index<"i">(K);
constexpr auto z = normal<"z">(N);

#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(latex(z(i)).size() > 0);
#else
static_assert(latex(z(j)) == "z_{j}");
#endif
