// The attention block of derivations/models.hpp with its inputs bound: the
// evaluate_into call the attention tests share.
#pragma once
#include <derivations/models.hpp>

#include "models_forward.hpp"

namespace models_forward {

/// evaluate_into(targets..., every input of the attention block from b).
template <class... Targets>
void evaluate_attention(block& b, Targets... targets) {
    namespace md = leibniz::derivations::models;
    using leibniz::view;
    const std::size_t t = std::size_t(b.T), d = std::size_t(b.D);
    leibniz::evaluate_into(targets..., md::X = view(b.X, t, d), md::G = view(b.G, t, d), md::gamma1 = view(b.gamma1, d),
                           md::beta1 = view(b.beta1, d), md::eps = b.eps, md::Wq = view(b.Wq, d, d),
                           md::Wk = view(b.Wk, d, d), md::Wv = view(b.Wv, d, d));
}

}  // namespace models_forward
