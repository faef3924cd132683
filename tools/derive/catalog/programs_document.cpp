// Backpropagation programs of the document's models: batch norm (2.3, with
// ε inside the root) and a two-layer ReLU network with softmax cross-entropy
// (3.1, 3.2), where the adjoint of h_{i-1} is the document's recursion from
// ∂ℓ/∂h_i.
#include <derivations/batchnorm.hpp>
#include <derivations/mlp.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

std::vector<program_listing> document_programs() {
    namespace bn = derivations::batchnorm;
    namespace mlp = derivations::mlp;
    using R = bn::inside;
    using N = mlp::network<2>;
    constexpr auto bn_program = backprop(R::ell, wrt(bn::Y(bn::s, bn::t), bn::gamma(bn::j), bn::beta(bn::j)));
    constexpr auto mlp_program =
        backprop(N::ell, wrt(N::W<1>(N::x<1>, N::y<0>), N::b<1>(N::x<1>), N::W<2>(N::x<2>, N::y<1>), N::b<2>(N::x<2>)),
                 in_terms_of(N::yhat));
    return {
        {"bn.program.inside", "Batch normalization (2.3): every gradient in one program",
         "Each intermediate is differentiated once. Substituting the adjoints gives the formulas of Problems 1, 2 "
         "and 5 (checked by \\texttt{static\\_assert} in \\texttt{tests/static/backprop.cpp}).",
         program_steps(latex<bn::style>(bn_program).view())},
        {"mlp.program.2", "A two-layer ReLU network with softmax cross-entropy (3.1, 3.2)",
         "The adjoint of $h_1$ is the recursion of 3.1, $\\partial \\ell / \\partial h_{i-1}$ from "
         "$\\partial \\ell / \\partial z_i$ and $W_i$; the gradients of 3.2 read the adjoints of $z_i$.",
         program_steps(latex<mlp::style>(mlp_program).view())},
    };
}

}  // namespace leibniz::derive
