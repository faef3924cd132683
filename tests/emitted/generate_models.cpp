// Gradients of the models beyond the document (derivations/models.hpp), from
// their programs of adjoints, as emitted C++ (and CUDA): each named adjoint is
// an array computed once, as a hand-written backward pass does.
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "generate.hpp"

namespace emitted {

void write_models(const std::string& dir) {
    namespace md = leibniz::derivations::models;
    constexpr auto ln = md::layer_norm::program;
    write(dir, "ln_dX.hpp", leibniz::emit_source({"ln_dX"}, leibniz::gradient<0>(ln), md::s, md::b));
    write(dir, "ln_dgamma.hpp", leibniz::emit_source({"ln_dgamma"}, leibniz::gradient<1>(ln), md::b));
    write(dir, "ln_dX.cuh", leibniz::emit_source(cuda("ln_dX"), leibniz::gradient<0>(ln), md::s, md::b));
    constexpr auto res = md::residual_mlp::program;
    write(dir, "res_dX.hpp", leibniz::emit_source({"res_dX"}, leibniz::gradient<0>(res), md::s, md::b));
    write(dir, "res_dW1.hpp", leibniz::emit_source({"res_dW1"}, leibniz::gradient<1>(res), md::a, md::f));
}

}  // namespace emitted
