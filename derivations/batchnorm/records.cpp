// Batch normalization (sections 2.2 and 2.3): the parts in report order.
#include "../batchnorm_records.hpp"
#include "parts.hpp"

namespace leibniz::derivations::batchnorm {

std::vector<record> records() {
    using namespace parts;
    std::vector<record> out;
    add_statistics(out);
    add_gamma_beta(out);
    add_mean(out);
    add_variance(out);
    add_input_inside(out);
    add_input_raw(out);
    add_input_outside(out);
    add_local(out);
    return out;
}

}  // namespace leibniz::derivations::batchnorm
