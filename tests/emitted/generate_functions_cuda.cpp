// The same layer's loss and weight gradient as emitted CUDA (compiled by
// emitted.cuda_compiles where nvcc is there).
#include <leibniz/emit.hpp>

#include "generate.hpp"
#include "support/function_layer.hpp"

namespace emitted {

void write_functions_cuda(const std::string& dir) {
    namespace fl = function_layer;
    write(dir, "fn_dW.cuh", leibniz::emit_source(cuda("fn_dW"), fl::dW, fl::s, fl::t));
    write(dir, "fn_loss.cuh", leibniz::emit_source(cuda("fn_loss"), fl::loss));
}

}  // namespace emitted
