// The batch-norm gradients (sqrt(v + ε)) as emitted C++ (and the input
// gradient as CUDA, compiled when nvcc is there).
#include <derivations/batchnorm.hpp>
#include <leibniz/emit.hpp>

#include "generate.hpp"

namespace emitted {

void write_batchnorm(const std::string& dir) {
    namespace bn = leibniz::derivations::batchnorm;
    using E = bn::engine<bn::inside>;
    write(dir, "bn_dgamma.hpp", leibniz::emit_source({"bn_dgamma"}, E::dgamma, bn::j));
    write(dir, "bn_dbeta.hpp", leibniz::emit_source({"bn_dbeta"}, E::dbeta, bn::j));
    write(dir, "bn_dY.hpp", leibniz::emit_source({"bn_dY"}, E::dY, bn::s, bn::t));
    write(dir, "bn_dY.cuh", leibniz::emit_source(cuda("bn_dY"), E::dY, bn::s, bn::t));
}

}  // namespace emitted
