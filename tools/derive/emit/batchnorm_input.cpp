// Code emission for leibniz-derive, batch norm (2.3): ∂ℓ/∂Y for both
// placements of ε, and without the assumption Σ_i (Y_il - m_l) = 0.
#include <string>
#include <string_view>

#include <derivations/batchnorm.hpp>
#include <leibniz/emit.hpp>

#include "derive/catalog/catalog.hpp"
#include "emitters.hpp"

namespace leibniz::derive {

namespace {
namespace bn = leibniz::derivations::batchnorm;

using In = bn::engine<bn::inside>;
using Out = bn::engine<bn::outside>;
}  // namespace

const std::vector<emitter_row>& batchnorm_input_emitters() {
    static const std::vector<emitter_row> rows{
        {"bn.dl-dY.inside", code<In::dY, bn::s, bn::t>},
        {"bn.dl-dY.outside", code<Out::dY, bn::s, bn::t>},
        {"bn.dl-dY.raw.inside", code<In::dY_raw, bn::s, bn::t>},
    };
    return rows;
}

}  // namespace leibniz::derive
