// expect: leibniz::backprop: f must be a scalar
// Reverse mode starts from one scalar (a loss); a tensor element Y(k, l) with
// free indices has no single gradient.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto N = extent<"N">();
constexpr auto k = index<"k">(N);
constexpr auto s = index<"s">(N);
constexpr auto Y = tensor<"Y">(N);
constexpr auto z = intermediate<"z">(Y(k) * Y(k), k);

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto p = backprop(z(k), wrt(Y(s)));
#else
constexpr auto p = backprop(sum(k, z(k)), wrt(Y(s)));
#endif
static_assert(latex(gradient<0>(p)).size() > 0);
