// The generator of tests/emitted: each function writes the emitted sources
// of one family into a directory.
#pragma once
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace emitted {

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
