// The expectation operator (stats/) on iid tensors, and the comparison of
// rational functions and the constant π it relies on.
#include <leibniz/leibniz.hpp>
#include <leibniz/stats.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto p = symbol<"p">();
constexpr auto a = symbol<"a">();

// ---- iid tensors: E[x_j x_l] = δ_jl E[x²] + (1 - δ_jl) E[x]² ------------------------------------------
constexpr auto N = extent<"N">();
constexpr auto M = extent<"M">();
constexpr auto j = index<"j">(N);
constexpr auto l = index<"l">(N);
constexpr auto i = index<"i">(M);
constexpr auto k = index<"k">(M);
constexpr auto x = normal<"x">(N);
constexpr auto W = tensor<"W">(M, N);
constexpr auto mv = bernoulli_keep<"mv", "m">(p, M);
static_assert(latex(expectation(x(j) * x(l))) == "\\delta_{jl}");
static_assert(equivalent(expectation(pow<2>(sum(j, x(j)))), N));
static_assert(equivalent(expectation(pow<4>(sum(j, x(j)))), 3_c * N * N));
static_assert(latex(variance(sum(j, W(i, j) * x(j)))) == "\\sum_{j=1}^{N} W_{ij}^{2}");
static_assert(latex(covariance(sum(j, W(i, j) * x(j)), sum(j, W(k, j) * x(j)))) == "\\sum_{j=1}^{N} W_{ij} W_{kj}");
// masks: E[m_i m_k] = δ_ik (1 - p) + (1 - δ_ik) (1 - p)²
static_assert(compare_rational(expectation(mv(i) * mv(k)), delta(i, k) * (1_c - p) + (1_c - delta(i, k)) * pow<2>(1_c - p)) ==
              verdict::equal);
// the number of kept units has mean M (1 - p) and variance M p (1 - p)
static_assert(equivalent(expectation(sum(i, mv(i))), M * (1_c - p)));
static_assert(compare_rational(variance(sum(i, mv(i))), M * p * (1_c - p)) == verdict::equal);

// ---- comparison as rational functions -----------------------------------------------------------------------
static_assert(compare_rational((1_c - p) / (1_c - p) * a, a) == verdict::equal);
static_assert(compare_rational(pow<2>(1_c / (1_c - p)) * (1_c - p), 1_c / (1_c - p)) == verdict::equal);
static_assert(compare_rational(1_c / (2_c - 2_c * p), c<1, 2> / (1_c - p)) == verdict::equal);
static_assert(compare_rational(1_c / (1_c - p), 1_c / (1_c + p)) == verdict::differs);

// ---- π has its value in the numeric witness ---------------------------------------------------------------
constexpr double pi_numeric = [] {
    ir::context c;
    ir::term t = dsl::lower<std::remove_const_t<decltype(pi)>>(c);
    ir::numeric_point at{7, {}, {}};
    return ir::numeric_value(c, t, at);
}();
static_assert(pi_numeric > 3.14159265358 && pi_numeric < 3.14159265360);
static_assert(latex(2_c * pi * a) == "2 \\pi a");
}  // namespace
