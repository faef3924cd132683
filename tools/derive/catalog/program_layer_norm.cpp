// Backpropagation programs of models beyond the document (derivations/models.hpp),
// one TU per model: their symbolic work is compile-time.
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

program_listing layer_norm_program() {
    namespace md = derivations::models;
    return {"model.layer-norm", "LayerNorm", "Row statistics $\\mu$, $\\nu$ feed every output of their row.",
            program_steps(latex(md::layer_norm::program).view()),
            [](const emit_options& o) {
                constexpr auto& p = md::layer_norm::program;
                return emit_source(o, result<"dX">(gradient<0>(p), over(md::s, md::b)),
                                   result<"dgamma1">(gradient<1>(p), over(md::b)), result<"dbeta1">(gradient<2>(p), over(md::b)));
            }};
}

}  // namespace leibniz::derive
