// A batched two-layer ReLU network with softmax cross-entropy, for the
// array evaluator's tests (array_mlp.cpp, array_plan.cpp).
#pragma once
#include <leibniz/leibniz.hpp>

namespace array_mlp {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto N = extent<"N">();
constexpr auto D0 = extent<"D0">();
constexpr auto D1 = extent<"D1">();
constexpr auto D2 = extent<"D2">();
constexpr auto n = index<"n">(N);
constexpr auto x0 = index<"x0">(D0);
constexpr auto x1 = index<"x1">(D1);
constexpr auto x2 = index<"x2">(D2);
constexpr auto a0 = index<"a0">(D0);
constexpr auto a1 = index<"a1">(D1);
constexpr auto a2 = index<"a2">(D2);
constexpr auto X = tensor<"X">(N, D0);
constexpr auto W1 = tensor<"W1">(D1, D0);
constexpr auto b1 = tensor<"b1">(D1);
constexpr auto W2 = tensor<"W2">(D2, D1);
constexpr auto b2 = tensor<"b2">(D2);
constexpr auto Tg = tensor<"T">(N, D2);
constexpr auto z1 = intermediate<"z1">([] { return sum(a0, W1(x1, a0) * X(n, a0)) + b1(x1); }, n, x1);
constexpr auto h1 = intermediate<"h1">([] { return relu(z1(n, x1)); }, n, x1);
constexpr auto z2 = intermediate<"z2">([] { return sum(a1, W2(x2, a1) * h1(n, a1)) + b2(x2); }, n, x2);
constexpr auto y = intermediate<"y">([] { return exp(z2(n, x2)) / sum(a2, exp(z2(n, a2))); }, n, x2);
constexpr auto ell = intermediate<"ell">([] { return -sum(n, sum(a2, Tg(n, a2) * log(y(n, a2)))); });
constexpr auto one_hot = assume_zero(sum(a2, Tg(n, a2)) - 1_c);
constexpr auto dW1 = d(ell, W1(x1, x0), in_terms_of(y), one_hot);
constexpr auto db1 = d(ell, b1(x1), in_terms_of(y), one_hot);
constexpr auto dW2 = d(ell, W2(x2, x1), in_terms_of(y), one_hot);
constexpr auto db2 = d(ell, b2(x2), in_terms_of(y), one_hot);

}  // namespace array_mlp
