// Backpropagation programs of models beyond the document (derivations/models.hpp).
#include <derivations/models.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

std::vector<program_listing> model_programs() {
    namespace md = derivations::models;
    return {
        {"model.layer-norm", "LayerNorm", "Row statistics $\\mu$, $\\nu$ feed every output of their row.",
         program_steps(latex(md::layer_norm::program).view())},
        {"model.residual-mlp", "A residual ReLU MLP block, $O = \\max(X W^{(1)} + b^{(1)}, 0) W^{(2)} + b^{(2)} + X$",
         "$X$ reaches $\\ell$ twice: through the block and through the skip connection.",
         program_steps(latex(md::residual_mlp::program).view())},
        {"model.attention", "Self-attention on a LayerNorm, with a residual connection",
         "$Z^{(1)}$ feeds $Q$, $K$ and $V$; its adjoint is the sum over the three consumers. The softmax's "
         "local derivative is written in terms of $P$.",
         program_steps(latex(md::attention::program).view())},
    };
}

}  // namespace leibniz::derive
