// Code emission for leibniz-derive, batch norm (2.3): ∂ℓ/∂Y for both
// placements of ε, and without the assumption Σ_i (Y_il - m_l) = 0; and the
// local derivatives of the chain (∂Ŷ/∂γ, ∂Ŷ/∂β, ∂Ŷ/∂Y, ∂m/∂Y, ∂v/∂Y, ∂v/∂m)
// as the tensors they are, one output element per index value.
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
        {"bn.dYhat-dgamma.outside", code<Out::dYhat_dgamma, bn::k, bn::l, bn::j>},
        {"bn.dYhat-dgamma.inside", code<In::dYhat_dgamma, bn::k, bn::l, bn::j>},
        {"bn.dYhat-dbeta", code<In::dYhat_dbeta, bn::k, bn::l, bn::j>},
        {"bn.dYhat-dY.inside", code<In::dYhat_dY, bn::k, bn::l, bn::s, bn::t>},
        {"bn.dm-dY", code<bn::dm_dY, bn::l, bn::s, bn::t>},
        {"bn.dv-dY", code<bn::dv_dY, bn::l, bn::s, bn::t>},
        {"bn.dv-dY.raw", code<bn::dv_dY_raw, bn::l, bn::s, bn::t>},
        {"bn.dv-dm", code<bn::dv_dm, bn::l, bn::j>},
        {"bn.dv-dm.raw", code<bn::dv_dm_raw, bn::l, bn::j>},
    };
    return rows;
}

}  // namespace leibniz::derive
