// from_latex: formulas written in LaTeX read back as expressions. The
// engine's own output reads back to an equivalent expression (the round
// trip), and every construct of the notation reads as it should (the
// document's formulas as it writes them: from_latex_document.cpp).
#include <derivations/batchnorm.hpp>
#include <derivations/softmax.hpp>
#include <leibniz/from_latex.hpp>
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto eps = symbol<"epsilon", "\\epsilon">();
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(N);
constexpr auto k = index<"k">(N);
constexpr auto w = tensor<"w">(N);
constexpr auto W = tensor<"W">(N, N);
constexpr auto h = intermediate<"h", "\\hat{h}">([] { return w(i) * x; }, i);

// ---- the notation ------------------------------------------------------------------------------------------
static_assert(equivalent(from_latex<"2 x + 3">(x), c<2> * x + c<3>));
static_assert(equivalent(from_latex<"\\frac{1}{2} x - \\frac{x}{y}">(x, y), c<1, 2> * x - x / y));
static_assert(equivalent(from_latex<"x^{2} \\cdot 3 - \\sqrt{y} + y^3">(x, y), c<3> * pow<2>(x) - sqrt(y) + pow<3>(y)));
static_assert(equivalent(from_latex<"0.25 x">(x), c<1, 4> * x));
static_assert(equivalent(from_latex<"-(x + y) (x - y)">(x, y), pow<2>(y) - pow<2>(x)));
static_assert(equivalent(from_latex<"\\left(x + \\epsilon\\right)^{-\\frac{3}{2}}">(x, eps), pow<-3, 2>(x + eps)));
// functions by the op table's spellings, and \ln
static_assert(equivalent(from_latex<"\\exp(x) \\log(y) + \\ln(x)">(x, y), exp(x) * log(y) + log(x)));
static_assert(equivalent(from_latex<"\\max(x, 0) + \\max(x, y) + |x| + \\tanh(y)">(x, y), relu(x) + max(x, y) + abs(x) + tanh(y)));
static_assert(equivalent(from_latex<"\\mathbb{1}[x > 0] + \\sigma(y)">(x, y), step(x) + sigmoid(y)));
// the printing options' spellings: f for the step in the document's batch norm
static_assert(equivalent(from_latex<"f(x) y", derivations::batchnorm::style>(x, y), step(x) * y));
// tensors, subscripts with or without braces, deltas, sums over their extent
static_assert(equivalent(from_latex<"\\sum_{k=1}^{N} W_{ik} w_k">(W, w, i, k, N), sum(k, W(i, k) * w(k))));
static_assert(equivalent(from_latex<"\\sum_{k=1}^N \\delta_{ik} w_{k}">(w, i, k, N), w(i)));
// a sum takes the rest of the product, and + ends it
static_assert(equivalent(from_latex<"x \\sum_{k=1}^{N} w_k w_k + y">(x, y, w, k, N), x * sum(k, w(k) * w(k)) + y));
// an intermediate by its own spelling, and what its definition uses comes with it
static_assert(equivalent(from_latex<"\\hat{h}_{i} - w_i x">(h, i), c<0>));

// ---- the engine's output reads back (round trip) -----------------------------------------------------------
namespace bn = leibniz::derivations::batchnorm;
namespace sm = leibniz::derivations::softmax;
template <class R>
struct round_trip {
    using E = bn::engine<R>;
    static constexpr bool dgamma = equivalent(
        from_latex<latex<bn::style>(E::dgamma), bn::style>(bn::dH, R::Yhat, bn::Y, bn::eps, bn::k, bn::j, bn::B), E::dgamma);
    static constexpr bool dbeta =
        equivalent(from_latex<latex<bn::style>(E::dbeta), bn::style>(bn::dH, R::Yhat, bn::k, bn::j, bn::B), E::dbeta);
};
static_assert(round_trip<bn::inside>::dgamma && round_trip<bn::outside>::dgamma);
static_assert(round_trip<bn::inside>::dbeta);
static_assert(equivalent(from_latex<latex(bn::dm_dY)>(bn::l, bn::t, bn::B), bn::dm_dY));
static_assert(equivalent(from_latex<latex(bn::dv_dY_raw)>(bn::v, bn::Y, bn::s, bn::t, bn::l, bn::B), bn::dv_dY_raw));
static_assert(equivalent(from_latex<latex<sm::style>(sm::dl_dh), sm::style>(sm::y, sm::ybar, sm::k, sm::j, sm::K), sm::dl_dh));

}  // namespace
