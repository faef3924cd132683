// The network with softmax and cross-entropy (sections 3.1, 3.2):
// derivations/softmax.hpp's records() (the softmax layer) and
// derivations/mlp.hpp's records<L>() for a two-layer network, the smallest
// where every per-layer formula of the document occurs (a deeper network
// repeats them, at a higher compile cost), compiled here.
#include <derivations/mlp.hpp>
#include <derivations/softmax.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

std::vector<entry> softmax_records() { return derivations::softmax::records(); }

std::vector<entry> mlp_records() { return derivations::mlp::records<2>(); }

}  // namespace leibniz::derive
