// expect: leibniz::evaluate_into: an output view must have one extent per output index
// The output's shape must match the result's indices: a rank-1 view for a
// result over (i, j) is refused at compile time (a flat output, with no
// extents, is accepted and filled in row-major order).
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
    evaluate_into(into(output(out, 6), Y(i, j) * Y(i, j), over(i, j)), Y = view(y, 2, 3));
#else
    evaluate_into(into(output(out, 2, 3), Y(i, j) * Y(i, j), over(i, j)), Y = view(y, 2, 3));
#endif
}
