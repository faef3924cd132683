// A batched three-layer ReLU network with softmax cross-entropy, at index
// level, for the MLP benchmark:
//   z_n[x] = Σ_a W_n[x, a] h_{n-1}[b, a] + b_n[x],  h_n = relu(z_n) (n = 1, 2),
//   z_3 = W_3 h_2 + b_3,  y = softmax(z_3),  ℓ = -Σ_b Σ_k T[b, k] log y[b, k],
// and the six parameter gradients as the engine derives them (in terms of y,
// with Σ_k T[b, k] = 1).
#pragma once
#include <leibniz/leibniz.hpp>

namespace bench_mlp {

using namespace leibniz;
using namespace leibniz::literals;

inline constexpr auto N = extent<"N">();
inline constexpr auto D0 = extent<"D0">();
inline constexpr auto D1 = extent<"D1">();
inline constexpr auto D2 = extent<"D2">();
inline constexpr auto D3 = extent<"D3">();
inline constexpr auto n = index<"n">(N);
inline constexpr auto x0 = index<"x0">(D0);
inline constexpr auto x1 = index<"x1">(D1);
inline constexpr auto x2 = index<"x2">(D2);
inline constexpr auto x3 = index<"x3">(D3);
inline constexpr auto a0 = index<"a0">(D0);
inline constexpr auto a1 = index<"a1">(D1);
inline constexpr auto a2 = index<"a2">(D2);
inline constexpr auto a3 = index<"a3">(D3);

inline constexpr auto X = tensor<"X">(N, D0);
inline constexpr auto W1 = tensor<"W1">(D1, D0);
inline constexpr auto b1 = tensor<"b1">(D1);
inline constexpr auto W2 = tensor<"W2">(D2, D1);
inline constexpr auto b2 = tensor<"b2">(D2);
inline constexpr auto W3 = tensor<"W3">(D3, D2);
inline constexpr auto b3 = tensor<"b3">(D3);
inline constexpr auto T = tensor<"T">(N, D3);

inline constexpr auto z1 = intermediate<"z1">([] { return sum(a0, W1(x1, a0) * X(n, a0)) + b1(x1); }, n, x1);
inline constexpr auto h1 = intermediate<"h1">([] { return relu(z1(n, x1)); }, n, x1);
inline constexpr auto z2 = intermediate<"z2">([] { return sum(a1, W2(x2, a1) * h1(n, a1)) + b2(x2); }, n, x2);
inline constexpr auto h2 = intermediate<"h2">([] { return relu(z2(n, x2)); }, n, x2);
inline constexpr auto z3 = intermediate<"z3">([] { return sum(a2, W3(x3, a2) * h2(n, a2)) + b3(x3); }, n, x3);
inline constexpr auto y = intermediate<"y">([] { return exp(z3(n, x3)) / sum(a3, exp(z3(n, a3))); }, n, x3);
inline constexpr auto ell = intermediate<"ell">([] { return -sum(n, sum(a3, T(n, a3) * log(y(n, a3)))); });
inline constexpr auto one_hot = assume_zero(sum(a3, T(n, a3)) - 1_c);

inline constexpr auto dW1 = d(ell, W1(x1, x0), in_terms_of(y), one_hot);
inline constexpr auto dW2 = d(ell, W2(x2, x1), in_terms_of(y), one_hot);
inline constexpr auto dW3 = d(ell, W3(x3, x2), in_terms_of(y), one_hot);
inline constexpr auto db1 = d(ell, b1(x1), in_terms_of(y), one_hot);
inline constexpr auto db2 = d(ell, b2(x2), in_terms_of(y), one_hot);
inline constexpr auto db3 = d(ell, b3(x3), in_terms_of(y), one_hot);

}  // namespace bench_mlp
