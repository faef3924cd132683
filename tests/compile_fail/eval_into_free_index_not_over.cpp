// expect: leibniz::evaluate_into: a free index of the result is not among its output indices
// evaluate_into fills an array over the output indices it is given; a free
// index of the result left out of over(...) is named in the diagnostic
// (free_index_not_in_over<'j'>).
#include <vector>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(B);
constexpr auto j = index<"j">(M);
constexpr auto Y = tensor<"Y">(B, M);

void f(const std::vector<double>& y, std::vector<double>& out) {
#ifdef LEIBNIZ_COMPILE_FAIL
    evaluate_into(Y(i, j) * Y(i, j), output(out, 2), over(i), Y = view(y, 2, 3));
#else
    evaluate_into(Y(i, j) * Y(i, j), output(out, 2, 3), over(i, j), Y = view(y, 2, 3));
#endif
}
