// expect: leibniz::evaluate_into: the first argument must be an expression (then the output, over(...) and the bindings)
// The expression comes first and the output second (or both inside
// into(...)); the other order is one message, not a cascade of overloads.
#include <vector>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto i = index<"i">(B);
constexpr auto y = tensor<"y">(B);

void f(const std::vector<double>& v, std::vector<double>& out) {
#ifdef LEIBNIZ_COMPILE_FAIL
    evaluate_into(output(out, 3), exp(y(i)), over(i), y = view(v, 3));
#else
    evaluate_into(exp(y(i)), output(out, 3), over(i), y = view(v, 3));
#endif
}
