// Writes the emitted kernels of the PyTorch benchmark: torch_emit <directory>.
#include <exception>
#include <iostream>

#include "torch_emit.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: torch_emit <directory>\n";
        return 2;
    }
    try {
        torch_bench::write_norms(argv[1]);
        torch_bench::write_attention(argv[1]);
    } catch (const std::exception& e) {
        std::cerr << "torch_emit: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
