// Two emitted variants of one gradient in one program: ∂ℓ/∂Y of batch norm
// with ε outside the root (variant::outside::dl_dY, here) and inside it
// (variant::inside::dl_dY, in check_cli_variant_inside.cpp), both emitted by
// `leibniz-derive emit --function dl_dY --namespace ...`. Each must give its
// own numbers: the in-library evaluator of its own placement of ε, and not
// the other's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <leibniz/evaluate.hpp>

#include "cli_variant_outside.hpp"
#include "support/batchnorm_forward.hpp"

namespace emitted_variants {
void inside_dl_dY(std::size_t B, std::size_t M, const double* Y, const double* beta, const double* G, double eps,
                  const double* gamma, double* out);
}

namespace {

template <class R>
std::vector<double> library_dY(const bn_forward::batch& b) {
    using namespace leibniz;
    namespace bn = leibniz::derivations::batchnorm;
    const std::size_t nb = std::size_t(b.B), nm = std::size_t(b.M);
    std::vector<double> out(nb * nm);
    evaluate_into(bn::engine<R>::dY, output(out, nb, nm), bn::Y = view(b.Y, nb, nm), bn::gamma = view(b.gamma, nm),
                  bn::beta = view(b.beta, nm), bn::dH = view(b.G, nb, nm), bn::eps = b.eps, over(bn::s, bn::t));
    return out;
}

double max_difference(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0;
    for (std::size_t q = 0; q != a.size(); ++q) d = std::max(d, std::abs(a[q] - b[q]));
    return d;
}

TEST_CASE("two emitted variants of one gradient, both named dl_dY, each give their own numbers") {
    namespace bn = leibniz::derivations::batchnorm;
    // a large ε, so that the two placements differ clearly
    bn_forward::batch b = bn_forward::random_batch(5, 4, 23u, true);
    b.eps = 0.5;
    const std::size_t nb = std::size_t(b.B), nm = std::size_t(b.M);
    std::vector<double> outside(nb * nm), inside(nb * nm);
    variant::outside::dl_dY<double>(nb, nm, b.Y.data(), b.beta.data(), b.G.data(), b.eps, b.gamma.data(), outside.data());
    emitted_variants::inside_dl_dY(nb, nm, b.Y.data(), b.beta.data(), b.G.data(), b.eps, b.gamma.data(), inside.data());
    const std::vector<double> want_outside = library_dY<bn::outside>(b), want_inside = library_dY<bn::inside>(b);
    CHECK(max_difference(outside, want_outside) <= 1e-12);
    CHECK(max_difference(inside, want_inside) <= 1e-12);
    CHECK(max_difference(want_outside, want_inside) > 1e-3);  // the variants compute different things
    CHECK(max_difference(outside, inside) > 1e-3);
}

}  // namespace
