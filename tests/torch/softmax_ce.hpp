// A batched softmax cross-entropy, mean over the batch and scaled by the
// upstream gradient g (a scalar: the loss is one):
//   P[n,k] = exp(H[n,k]) / Σ_q exp(H[n,q]),   ℓ = g · (−1/N) Σ_n Σ_k Ybar[n,k] log P[n,k],
// and its gradient ∂ℓ/∂H[s,j] written in terms of P, for targets Ybar that
// are one distribution per row (one-hot for class labels): with Σ_k Ybar[n,k]
// = 1 it is g/N (P − Ybar), the document's y − ȳ (section 3.1) row by row.
// Used by tests/torch and by the PyTorch benchmark (tools/bench).
#pragma once
#include <leibniz/leibniz.hpp>

namespace softmax_ce {

using namespace leibniz;

inline constexpr auto N = extent<"N">();  // samples
inline constexpr auto K = extent<"K">();  // classes
inline constexpr auto n = index<"n">(N);
inline constexpr auto s = index<"s">(N);
inline constexpr auto j = index<"j">(K);
inline constexpr auto k = index<"k">(K);
inline constexpr auto q = index<"q">(K);
inline constexpr auto H = tensor<"H">(N, K);
inline constexpr auto Ybar = tensor<"Ybar">(N, K);
inline constexpr auto g = symbol<"g">();
inline constexpr auto P = intermediate<"P">([] { return exp(H(n, k)) / sum(q, exp(H(n, q))); }, n, k);
inline constexpr auto ell = intermediate<"ell">([] { return -g / N * sum(n, sum(k, Ybar(n, k) * log(P(n, k)))); });
/// Σ_k Ybar[n,k] = 1 for every row n.
inline constexpr auto rows_sum_to_one = assume_zero(sum(k, Ybar(n, k)) - c<1>);
inline constexpr auto dH = d(ell, H(s, j), in_terms_of(P), rows_sum_to_one);

}  // namespace softmax_ce
