// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing attention_program() {
    namespace md = derivations::models;
    return {"model.attention", "Self-attention on a LayerNorm, with a residual connection",
            "$Z^{(1)}$ feeds $Q$, $K$ and $V$; its adjoint is the sum over the three consumers. The softmax's "
            "local derivative is written in terms of $P$.",
            program_steps(latex(md::attention::program).view())};
}

}  // namespace leibniz::derive
