// Batch normalization (sections 2.2 and 2.3): the parts in report order.
#include "batchnorm_common.hpp"

namespace leibniz::derive {

std::vector<entry> batchnorm_entries() {
    using namespace batchnorm_detail;
    std::vector<entry> out;
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

}  // namespace leibniz::derive
