// The declarations the compile-fail tests of shapes share (indexing of
// tensors and intermediates, losses): Y and H over (B, M), a square W over
// (M, M), and m(l), an intermediate with one parameter over M.
#pragma once
#include <leibniz/leibniz.hpp>

using namespace leibniz;
constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto k = index<"k">(B);
constexpr auto l = index<"l">(M);
constexpr auto j = index<"j">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto H = tensor<"H">(B, M);
constexpr auto W = tensor<"W">(M, M);
constexpr auto m = intermediate<"m">(sum(k, Y(k, l)) / B, l);
