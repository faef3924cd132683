// expect: leibniz::output: a pointer carries no size
// A bare pointer as an output could be written past its end; a span of the
// pointer and a count is checked against the result's extents.
#include <span>
#include <vector>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto i = index<"i">(B);
constexpr auto w = tensor<"w">(B);

void f(const std::vector<double>& v, std::vector<double>& out) {
#ifdef LEIBNIZ_COMPILE_FAIL
    evaluate_into(w(i) * w(i), output(out.data(), 3), w = view(v, 3), over(i));
#else
    evaluate_into(w(i) * w(i), output(std::span(out.data(), out.size()), 3), w = view(v, 3), over(i));
#endif
}
