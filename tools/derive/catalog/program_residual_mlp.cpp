// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing residual_mlp_program() {
    namespace md = derivations::models;
    return {"model.residual-mlp",
            "A residual ReLU MLP block, $O = \\max(X W^{(1)} + b^{(1)}, 0) W^{(2)} + b^{(2)} + X$",
            "$X$ reaches $\\ell$ twice: through the block and through the skip connection.",
            program_steps(latex(md::residual_mlp::program).view()),
            [](const emit_options& o) {
                constexpr auto& p = md::residual_mlp::program;
                return emit_source(o, result<"dX">(gradient<0>(p), over(md::s, md::b)),
                                   result<"dW1">(gradient<1>(p), over(md::a, md::f)), result<"db1">(gradient<2>(p), over(md::f)),
                                   result<"dW2">(gradient<3>(p), over(md::f, md::b)), result<"db2">(gradient<4>(p), over(md::b)));
            }};
}

}  // namespace leibniz::derive
