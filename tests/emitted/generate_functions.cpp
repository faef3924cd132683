// A layer that uses every function of the op table
// (tests/support/function_layer.hpp): its loss and gradients as emitted C++.
#include <string>

#include <leibniz/emit.hpp>

#include "generate.hpp"
#include "support/function_layer.hpp"

namespace emitted {

namespace {
// relu, step (as the mask of a product), max and min elementwise, for the
// emitted code's NaN checks
constexpr auto M = leibniz::extent<"M">();
constexpr auto i = leibniz::index<"i">(M);
constexpr auto w = leibniz::tensor<"w">(M);
constexpr auto v = leibniz::tensor<"v">(M);
}  // namespace

void write_functions(const std::string& dir) {
    namespace fl = function_layer;
    write(dir, "fn_dW.hpp", leibniz::emit_source({"fn_dW"}, fl::dW, fl::s, fl::t));
    write(dir, "fn_db.hpp", leibniz::emit_source({"fn_db"}, fl::db, fl::s));
    write(dir, "fn_loss.hpp", leibniz::emit_source({"fn_loss"}, fl::loss));
    std::string nan_code = leibniz::emit_source({"fn_relu"}, relu(w(i)), i);
    nan_code += leibniz::emit_source({"fn_step_mask"}, step(w(i)) * v(i), i);
    nan_code += leibniz::emit_source({"fn_max"}, max(w(i), v(i)), i);
    nan_code += leibniz::emit_source({"fn_min"}, min(w(i), v(i)), i);
    write(dir, "fn_nan.hpp", nan_code);
}

}  // namespace emitted
