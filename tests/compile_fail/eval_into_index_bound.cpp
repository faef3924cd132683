// expect: do not bind an index (k = 1), name the output indices with over(s, t)
// evaluate_into computes a whole array: binding an output index to one value
// (as evaluate does with i = 1) is refused with what to write instead.
#include <vector>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto i = index<"i">(B);
constexpr auto y = tensor<"y">(B);

void f(const std::vector<double>& v, std::vector<double>& out) {
#ifdef LEIBNIZ_COMPILE_FAIL
    evaluate_into(exp(y(i)), output(out, 3), over(i), y = view(v, 3), i = 1);
#else
    evaluate_into(exp(y(i)), output(out, 3), over(i), y = view(v, 3));
#endif
}
