// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing layer_norm_program() {
    namespace md = derivations::models;
    return {"model.layer-norm", "LayerNorm", "Row statistics $\\mu$, $\\nu$ feed every output of their row.",
            program_steps(latex(md::layer_norm::program).view())};
}

}  // namespace leibniz::derive
