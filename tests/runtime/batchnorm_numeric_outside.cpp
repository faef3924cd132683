// Batch norm with sqrt(v) + ε: engine gradients vs finite differences.
#include "../support/batchnorm_check.hpp"

namespace {
namespace bn = leibniz::derivations::batchnorm;

TEST_CASE("batch norm: engine gradients match finite differences, sqrt(v) + eps") {
    bn_check::check_reading<bn::outside>(false);
}
}  // namespace
