// Dropout (sections 1.2 to 1.5): derivations/dropout_records.hpp's records(),
// compiled here (the symbolic results are fixed at compile time).
#include <derivations/dropout_records.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

std::vector<entry> dropout_records() { return derivations::dropout::records(); }

}  // namespace leibniz::derive
