// Compile-time scaling: every gradient (W_n and b_n of each layer) of an
// L-layer ReLU network with softmax cross-entropy, derived in one backprop
// program and printed as one derivation (-DLAYERS=L). With -DEACH_GRADIENT
// each gradient is also taken out of the program as an expression of its
// own and printed. Built by tools/bench/compile_scaling.sh for L = 1 ... 16,
// which records wall time and peak memory.
#include <cstdio>
#include <utility>

#include <derivations/mlp.hpp>

#ifndef LAYERS
#define LAYERS 4
#endif

namespace {
using namespace leibniz;
using N = leibniz::derivations::mlp::network<LAYERS>;

template <std::size_t... n>
constexpr auto parameters(std::index_sequence<n...>) {
    return wrt(N::W<int(n) + 1>(N::x<int(n) + 1>, N::y<int(n)>)..., N::b<int(n) + 1>(N::x<int(n) + 1>)...);
}
constexpr auto program = backprop(N::ell, parameters(std::make_index_sequence<LAYERS>{}), in_terms_of(N::yhat));

template <std::size_t... i>
std::size_t total_size(std::index_sequence<i...>) {
#ifdef EACH_GRADIENT
    return (latex(gradient<i>(program)).size() + ...);
#else
    return 0;
#endif
}
}  // namespace

int main() {
    std::printf("%d layers: %zu characters of gradients, %zu of derivation\n", LAYERS,
                total_size(std::make_index_sequence<2 * LAYERS>{}), latex(program).size());
}
