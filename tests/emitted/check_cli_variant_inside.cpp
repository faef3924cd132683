// One of two translation units of a program that links two emitted variants
// of one gradient, both called dl_dY: this one holds ∂ℓ/∂Y with ε inside the
// root, emitted as variant::inside::dl_dY (check_cli_variants.cpp has the other).
#include <cstddef>

#include "cli_variant_inside.hpp"

namespace emitted_variants {

void inside_dl_dY(std::size_t B, std::size_t M, const double* Y, const double* beta, const double* G, double eps,
                  const double* gamma, double* out) {
    variant::inside::dl_dY<double>(B, M, Y, beta, G, eps, gamma, out);
}

}  // namespace emitted_variants
