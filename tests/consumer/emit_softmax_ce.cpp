// Run at build time by leibniz_emit_code (CMakeLists.txt): writes the C++ of
// ∂/∂z_j of the cross-entropy of softmax(z) against y to the file named by
// its first argument, as the function consumer::softmax_ce_grad.
#include <exception>
#include <iostream>

#include <leibniz/emit.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz;

constexpr auto N = extent<"N">();
constexpr auto j = index<"j">(N);
constexpr auto k = index<"k">(N);
constexpr auto m = index<"m">(N);
constexpr auto z = tensor<"z">(N);
constexpr auto y = tensor<"y">(N);
constexpr auto cross_entropy = -sum(k, y(k) * log(exp(z(k)) / sum(m, exp(z(m)))));

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: emit_softmax_ce OUTPUT\n";
        return 1;
    }
    try {
        write_file(argv[1], emit_source({.function = "softmax_ce_grad", .ns = "consumer"},
                                        result<"dz">(d(cross_entropy, z(j)), over(j))));
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
