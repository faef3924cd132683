// A layer that uses every function of the op table
// (tests/support/function_layer.hpp): its loss and gradients as emitted C++.
#include <leibniz/emit.hpp>

#include "generate.hpp"
#include "support/function_layer.hpp"

namespace emitted {

void write_functions(const std::string& dir) {
    namespace fl = function_layer;
    write(dir, "fn_dW.hpp", leibniz::emit_cpp<"fn_dW">(fl::dW, fl::s, fl::t).view());
    write(dir, "fn_db.hpp", leibniz::emit_cpp<"fn_db">(fl::db, fl::s).view());
    write(dir, "fn_loss.hpp", leibniz::emit_cpp<"fn_loss">(fl::loss).view());
}

}  // namespace emitted
