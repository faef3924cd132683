// expect: leibniz::intermediate: the definition must be a leibniz expression, or a captureless lambda returning one
// A definition given by a lambda must be captureless: the intermediate's type
// names the lambda, and the engine rebuilds the definition from that type
// alone. A lambda that captures (here a local symbol, by reference) cannot be.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto N = extent<"N">();
constexpr auto k = index<"k">(N);
constexpr auto Y = tensor<"Y">(N);

int main() {
    constexpr auto local = tensor<"local">(N);
#ifdef LEIBNIZ_COMPILE_FAIL
    constexpr auto z = intermediate<"z">([&] { return local(k) * Y(k); }, k);
#else
    constexpr auto z = intermediate<"z">([] { return Y(k) * Y(k); }, k);
#endif
    static_assert(latex(d(sum(k, z(k)), Y(k))).size() > 0);
    (void)local;
}
