// Writes the emitted sources that emitted_check compiles: generate <dir>.
#include <exception>
#include <iostream>

#include "generate.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: emitted_generate <directory>\n";
        return 2;
    }
    try {
        emitted::write_batchnorm(argv[1]);
        emitted::write_mlp(argv[1]);
        emitted::write_functions(argv[1]);
        emitted::write_functions_cuda(argv[1]);
        emitted::write_models(argv[1]);
    } catch (const std::exception& e) {
        std::cerr << "emitted_generate: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
