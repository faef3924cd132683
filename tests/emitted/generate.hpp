// The generator of tests/emitted: each function writes the emitted sources
// of one family into a directory.
#pragma once
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <leibniz/emit.hpp>

namespace emitted {

/// Options for CUDA source of the function `name` (the sources are emitted at
/// run time: leibniz::emit_source gives the text emit_cpp/emit_cuda give at
/// compile time, tests/emitted/check_cli_emit.cpp checks that it does).
inline leibniz::emit_options cuda(std::string_view name) {
    leibniz::emit_options o{name};
    o.lang = leibniz::emit::target_language::cuda;
    return o;
}

inline void write(const std::string& dir, const std::string& file, std::string_view text) {
    std::ofstream f(dir + "/" + file, std::ios::binary);
    if (!(f << text) || !f.flush()) throw std::runtime_error("cannot write " + dir + "/" + file);
}

void write_batchnorm(const std::string& dir);       ///< bn_dgamma.hpp, bn_dbeta.hpp, bn_dY.hpp, bn_dY.cuh
void write_mlp(const std::string& dir);             ///< mlp_dW1.hpp, mlp_db2.hpp
void write_functions(const std::string& dir);       ///< fn_dW.hpp, fn_db.hpp, fn_loss.hpp
void write_functions_cuda(const std::string& dir);  ///< fn_dW.cuh, fn_loss.cuh
void write_models(const std::string& dir);          ///< ln_dX.hpp, ln_dgamma.hpp, ln_dX.cuh, res_dX.hpp, res_dW1.hpp

}  // namespace emitted
