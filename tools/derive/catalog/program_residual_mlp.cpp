// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing residual_mlp_program() {
    namespace md = derivations::models;
    return {"model.residual-mlp",
            "A residual ReLU MLP block, $O = \\max(X W^{(1)} + b^{(1)}, 0) W^{(2)} + b^{(2)} + X$",
            "$X$ reaches $\\ell$ twice: through the block and through the skip connection.",
            program_steps(latex(md::residual_mlp::program).view())};
}

}  // namespace leibniz::derive
