// Gradients of a two-layer ReLU network with softmax cross-entropy
// (derivations/mlp.hpp, one sample), fully expanded, as emitted C++.
#include <derivations/mlp.hpp>
#include <leibniz/emit.hpp>

#include "generate.hpp"

namespace emitted {

void write_mlp(const std::string& dir) {
    using N = leibniz::derivations::mlp::network<2, false>;
    write(dir, "mlp_dW1.hpp", leibniz::emit_source({"mlp_dW1"}, N::full_dW<1>, N::x<1>, N::y<0>));
    write(dir, "mlp_db2.hpp", leibniz::emit_source({"mlp_db2"}, N::full_db<2>, N::x<2>));
}

}  // namespace emitted
