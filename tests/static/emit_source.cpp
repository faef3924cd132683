// The emitted source documents its parameters and never lets a symbol's name
// capture one of its own: an extent named T (the scalar type), a tensor named
// out (the result) or a scalar named int (a keyword) get a trailing underscore.
// Its function and helpers live in the namespace given, the helpers in one of
// the function's own, with no macro; several results are one function with
// one named output each.
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
constexpr bool has_in(std::string_view text, std::string_view what) { return text.find(what) != std::string_view::npos; }

static_assert(has("namespace leibniz_generated {\n\nnamespace scale_helpers {\n"));
static_assert(has("  using namespace scale_helpers;\n"));
static_assert(has("//   leibniz_generated::scale<T>(D, T_, int_, out_, w, out)\n"));
static_assert(!has("#define") && !has("#ifndef"));  // nothing shared through macros

constexpr std::string_view nested = emit_cpp<"scale", "nn::layers">(k * out(s, a) * w(a), s, a).view();
static_assert(has_in(nested, "namespace nn::layers {\n") && has_in(nested, "}  // namespace nn::layers\n"));
static_assert(has_in(nested, "//   nn::layers::scale<T>(D, T_, int_, out_, w, out)\n"));

// two results in one function: the sum over a is done once, each output named
constexpr std::string_view both =
    emit_cpp<"both", "nn">(result<"y">(k * out(s, a) * w(a), over(s, a)), result<"z">(sum(a, out(s, a) * w(a)), over(s))).view();
static_assert(has_in(both, "void both(std::size_t D, std::size_t T_, T int_, const T* out_, const T* w, T* y, T* z) {"));
static_assert(has_in(both, "//   y: T*, result 0 over (s, a) [T_ x D], every element written\n"
                           "//   z: T*, result 1 over (s) [T_], every element written\n"));
static_assert(has_in(both, "namespace both_helpers {"));

// the run-time spelling gives the same text
static_assert(emit::is_free_name("dX") && !emit::is_free_name("while") && !emit::is_free_name("out") && !emit::is_free_name("2x"));
static_assert(emit::is_namespace_name("a::b_1") && !emit::is_namespace_name("a::") && !emit::is_namespace_name("::a") &&
              !emit::is_namespace_name("a:b") && !emit::is_namespace_name("std"));

// the reserved names themselves
static_assert(emit::reserved_identifier("T") && emit::reserved_identifier("out") && emit::reserved_identifier("out12"));
static_assert(emit::reserved_identifier("scratch") && emit::reserved_identifier("while"));
static_assert(!emit::reserved_identifier("outer") && !emit::reserved_identifier("x") && !emit::reserved_identifier("W1"));
static_assert(emit::emitted_identifier("0x").view() == "0x_" && emit::emitted_identifier("h'").view() == "h_p");
}  // namespace
