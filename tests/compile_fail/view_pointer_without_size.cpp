// expect: leibniz::view: a pointer carries no size
// A bare pointer says nothing of how many elements it points to, so it
// cannot be viewed (the evaluator could read past its end); a span of the
// pointer and a count can.
#include <span>
#include <vector>

#include <leibniz/evaluate.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto i = index<"i">(B);
constexpr auto w = tensor<"w">(B);

double f(const std::vector<double>& v) {
#ifdef LEIBNIZ_COMPILE_FAIL
    return evaluate(sum(i, w(i)), w = view(v.data(), 3));
#else
    return evaluate(sum(i, w(i)), w = view(std::span(v.data(), v.size()), 3));
#endif
}
