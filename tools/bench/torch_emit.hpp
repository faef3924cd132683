// The generator of the PyTorch benchmark's emitted kernels (torch_emit_*.cpp):
// each function writes one header of C++ (namespace torch_bench) into a
// directory, the statistics PyTorch's backward kernels get from the forward
// pass given by name (given<...>) so that both sides start from the same
// saved tensors.
#pragma once
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace torch_bench {

inline void write(const std::string& dir, const std::string& file, std::string_view text) {
    std::ofstream f(dir + "/" + file, std::ios::binary);
    if (!(f << text) || !f.flush()) throw std::runtime_error("cannot write " + dir + "/" + file);
}

void write_norms(const std::string& dir);      ///< bn_saved.hpp, ln_saved.hpp, ce_saved.hpp
void write_attention(const std::string& dir);  ///< attention.hpp

}  // namespace torch_bench
