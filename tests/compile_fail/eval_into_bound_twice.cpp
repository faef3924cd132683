// expect: leibniz::evaluate: a symbol is bound twice
// The same analysis of the bindings as evaluate's, from evaluate_into: two
// views for Y are refused, naming Y.
#include <vector>

#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto N = extent<"N">();
constexpr auto k = index<"k">(N);
constexpr auto Y = tensor<"Y">(N);

void f(std::vector<double>& out, std::vector<double>& y) {
#ifdef LEIBNIZ_COMPILE_FAIL
    evaluate_into(into(output(out, y.size()), Y(k) * Y(k), over(k)), Y = view(y, y.size()), Y = view(y, y.size()));
#else
    evaluate_into(into(output(out, y.size()), Y(k) * Y(k), over(k)), Y = view(y, y.size()));
#endif
}
