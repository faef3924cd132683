// The emitted source documents its parameters and never lets a symbol's name
// capture one of its own: an extent named T (the scalar type), a tensor named
// out (the result) or a scalar named int (a keyword) get a trailing underscore.
#include <string_view>

#include <leibniz/emit.hpp>
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
constexpr auto T = extent<"T">();
constexpr auto D = extent<"D">();
constexpr auto s = index<"s">(T);
constexpr auto a = index<"a">(D);
constexpr auto out = tensor<"out">(T, D);
constexpr auto w = tensor<"w">(D);
constexpr auto k = symbol<"int">();

constexpr std::string_view src = emit_cpp<"scale">(k * out(s, a) * w(a), s, a).view();
constexpr bool has(std::string_view what) { return src.find(what) != std::string_view::npos; }

static_assert(has("template <class T>\nvoid scale(std::size_t D, std::size_t T_, T int_, const T* out_, const T* w, T* out) {"));
static_assert(has("// Parameters, in order (T is the scalar type, float or double):\n"
                  "//   D: std::size_t, the extent D\n"
                  "//   T_: std::size_t, the extent T\n"
                  "//   int_: T, the scalar int\n"
                  "//   out_: const T*, the tensor out [T_ x D]\n"
                  "//   w: const T*, the tensor w [D]\n"
                  "//   out: T*, result over (s, a) [T_ x D], every element written\n"));
// the reserved names themselves
static_assert(emit::reserved_identifier("T") && emit::reserved_identifier("out") && emit::reserved_identifier("out12"));
static_assert(emit::reserved_identifier("scratch") && emit::reserved_identifier("while"));
static_assert(!emit::reserved_identifier("outer") && !emit::reserved_identifier("x") && !emit::reserved_identifier("W1"));
static_assert(emit::emitted_identifier("0x").view() == "0x_" && emit::emitted_identifier("h'").view() == "h_p");
}  // namespace
