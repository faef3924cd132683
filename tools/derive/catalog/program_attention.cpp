// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing attention_program() {
    namespace md = derivations::models;
    return {"model.attention", "Self-attention on a LayerNorm, with a residual connection",
            "$Z^{(1)}$ feeds $Q$, $K$ and $V$; its adjoint is the sum over the three consumers. The softmax's "
            "local derivative is written in terms of $P$.",
            program_steps(latex(md::attention::program).view()),
            [](const emit_options& o) {
                constexpr auto& p = md::attention::program;
                return emit_source(o, result<"dX">(gradient<0>(p), over(md::s, md::b)),
                                   result<"dWq">(gradient<1>(p), over(md::a, md::b)),
                                   result<"dWk">(gradient<2>(p), over(md::a, md::b)),
                                   result<"dWv">(gradient<3>(p), over(md::a, md::b)),
                                   result<"dgamma1">(gradient<4>(p), over(md::b)), result<"dbeta1">(gradient<5>(p), over(md::b)));
            }};
}

}  // namespace leibniz::derive
