// The network with softmax and cross-entropy (sections 3.1, 3.2), as
// entries: derivations/softmax.hpp's records() (the softmax layer) and
// derivations/mlp.hpp's records<L>() for a two-layer network, the smallest
// where every per-layer formula of the document occurs (a deeper network
// repeats them, at a higher compile cost).
#include <derivations/mlp.hpp>
#include <derivations/softmax.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

namespace {

void add(std::vector<entry>& out, std::string_view family, derivations::matrix_record r) {
    entry e;
    e.name = numbered_name(family, r.section, r.title, out);
    e.engine_matrix = std::move(r.engine_matrix_latex);
    e.rec = std::move(static_cast<derivations::record&>(r));
    out.push_back(std::move(e));
}

}  // namespace

std::vector<entry> mlp_entries() {
    std::vector<entry> out;
    for (derivations::matrix_record& r : derivations::softmax::records()) add(out, "softmax", std::move(r));
    for (derivations::matrix_record& r : derivations::mlp::records<2>()) add(out, "mlp", std::move(r));
    return out;
}

}  // namespace leibniz::derive
