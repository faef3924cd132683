// Run at build time: writes the C++ of the batched softmax cross-entropy's
// gradient (softmax_ce.hpp) to the file named by its argument, as
// torch_kernels::softmax_ce_backward with C entry points.
#include <exception>
#include <fstream>
#include <iostream>
#include <string>

#include <leibniz/emit.hpp>

#include "softmax_ce.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: emit_softmax_ce OUTPUT\n";
        return 2;
    }
    try {
        using namespace leibniz;
        const std::string code = emit_source({.function = "softmax_ce_backward", .ns = "torch_kernels", .c_entry = true},
                                             result<"dH">(softmax_ce::dH, over(softmax_ce::s, softmax_ce::j)));
        std::ofstream out(argv[1], std::ios::binary);
        if (!(out << code) || !out.flush()) {
            std::cerr << "emit_softmax_ce: cannot write " << argv[1] << '\n';
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "emit_softmax_ce: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
