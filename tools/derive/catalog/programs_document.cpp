// Backpropagation programs of the document's models: batch norm (2.3, with
// ε inside the root) and a two-layer ReLU network with softmax cross-entropy
// (3.1, 3.2), where the adjoint of h_{i-1} is the document's recursion from
// ∂ℓ/∂h_i.
#include <derivations/batchnorm.hpp>
#include <derivations/mlp.hpp>
#include <leibniz/emit.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

namespace {
namespace bn = derivations::batchnorm;
namespace mlp = derivations::mlp;
using R = bn::inside;
using N = mlp::network<2>;
constexpr auto bn_program = backprop(R::ell, wrt(bn::Y(bn::s, bn::t), bn::gamma(bn::j), bn::beta(bn::j)));
constexpr auto mlp_program =
    backprop(N::ell, wrt(N::W<1>(N::x<1>, N::y<0>), N::b<1>(N::x<1>), N::W<2>(N::x<2>, N::y<1>), N::b<2>(N::x<2>)),
             in_terms_of(N::yhat));

std::string bn_code(const emit_options& o) {
    return emit_source(o, result<"dY">(gradient<0>(bn_program), over(bn::s, bn::t)),
                       result<"dgamma">(gradient<1>(bn_program), over(bn::j)), result<"dbeta">(gradient<2>(bn_program), over(bn::j)));
}
std::string mlp_code(const emit_options& o) {
    return emit_source(o, result<"dW1">(gradient<0>(mlp_program), over(N::x<1>, N::y<0>)),
                       result<"db1">(gradient<1>(mlp_program), over(N::x<1>)),
                       result<"dW2">(gradient<2>(mlp_program), over(N::x<2>, N::y<1>)),
                       result<"db2">(gradient<3>(mlp_program), over(N::x<2>)));
}
}  // namespace

std::vector<program_listing> document_programs() {
    return {
        {"bn.program.inside", "Batch normalization (2.3): every gradient in one program",
         "Each intermediate is differentiated once. Substituting the adjoints gives the formulas of Problems 1, 2 "
         "and 5 (checked by \\texttt{static\\_assert} in \\texttt{tests/static/backprop.cpp}).",
         program_steps(latex<bn::style>(bn_program).view()), bn_code},
        {"mlp.program.2", "A two-layer ReLU network with softmax cross-entropy (3.1, 3.2)",
         "The adjoint of $h_1$ is the recursion of 3.1, $\\partial \\ell / \\partial h_{i-1}$ from "
         "$\\partial \\ell / \\partial z_i$ and $W_i$; the gradients of 3.2 read the adjoints of $z_i$.",
         program_steps(latex<mlp::style>(mlp_program).view()), mlp_code},
    };
}

}  // namespace leibniz::derive
