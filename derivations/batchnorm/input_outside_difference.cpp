// 2.3 Problem 5 under sqrt(v) + ε: engine − document (see batchnorm_input_outside.cpp).
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

std::string input_outside_difference() {
    using R = bn::outside;
    return tex(difference(bn::engine<R>::dY, bn::document<R>::dY, bn::centered));
}

}  // namespace leibniz::derivations::batchnorm::parts
