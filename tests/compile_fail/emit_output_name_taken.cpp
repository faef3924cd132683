// expect: leibniz::emit_cpp: each output's name must be a C++ identifier of its own
// An output of emitted code named like one of its inputs (X) would hide it.
#include <leibniz/emit.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(N);
constexpr auto X = tensor<"X">(N);

#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto& src = emit_cpp<"twice">(result<"X">(2_c * X(i), over(i)));
#else
constexpr auto& src = emit_cpp<"twice">(result<"dX">(2_c * X(i), over(i)));
static_assert(src.view().size() > 0);
#endif
