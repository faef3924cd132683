// Batch norm with sqrt(v + ε): engine gradients vs finite differences, and
// the document's Problem 5 formula failing the same check.
#include "../support/batchnorm_check.hpp"

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using bn_forward::central;
using bn_forward::relative_error;

TEST_CASE("batch norm: engine gradients match finite differences, sqrt(v + eps)") {
    bn_check::check_reading<bn::inside>(true);
}
TEST_CASE("batch norm: the document's Problem 5 formula fails the same check") {
    // the verdict 'differs' is not an artefact of the canonical form
    using D = bn::document<bn::inside>;
    bn_forward::batch b = bn_forward::random_batch(6, 3, 7u, true);
    double worst = 0;
    for (int s = 1; s <= 6; ++s)
        for (int t = 1; t <= 3; ++t) {
            const std::size_t at_ = std::size_t((s - 1) * 3 + (t - 1));
            double doc = evaluate(D::dY, bn::Y = view(b.Y, 6, 3), bn::gamma = view(b.gamma, 3),
                                  bn::beta = view(b.beta, 3), bn::dH = view(b.G, 6, 3), bn::eps = b.eps,
                                  at(bn::s = s, bn::t = t));
            worst = std::max(worst, relative_error(doc, central(b.Y, at_, [&] { return bn_forward::loss(b); })));
        }
    CHECK(worst > 1e-3);
}
}  // namespace
