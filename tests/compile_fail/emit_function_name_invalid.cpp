// expect: leibniz::emit_cpp: the function's name must be a C++ identifier
// An emitted function named with a C++ keyword.
#include <leibniz/emit.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(N);
constexpr auto X = tensor<"X">(N);

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto& src = emit_cpp<"return">(2_c * X(i), i);
#else
constexpr auto& src = emit_cpp<"twice">(2_c * X(i), i);
static_assert(src.view().size() > 0);
#endif
