// Code emission for leibniz-derive, batch norm (2.3): the gradients of ℓ
// with respect to γ, β and the intermediates m and v, for both placements
// of ε, as standalone C++ (--lang cpp) or CUDA (--lang cuda); ∂ℓ/∂Y is in
// batchnorm_input.cpp (each is a few seconds of compile-time work).
// The families' tables are joined by emitter_for (emit/emitters.hpp).
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

const std::vector<emitter_row>& batchnorm_emitters() {
    static const std::vector<emitter_row> rows{
        {"bn.dl-dgamma.inside", code<In::dgamma, bn::j>},
        {"bn.dl-dgamma.outside", code<Out::dgamma, bn::j>},
        {"bn.dl-dbeta.inside", code<In::dbeta, bn::j>},
        {"bn.dl-dbeta.outside", code<Out::dbeta, bn::j>},
        {"bn.dl-dm.inside", code<In::dm_partial, bn::j>},  // v held fixed
        {"bn.dl-dm.outside", code<Out::dm_partial, bn::j>},
        {"bn.dl-dm.total.inside", code<In::dm_total_centered, bn::j>},
        {"bn.dl-dv.inside", code<In::dv, bn::j>},
        {"bn.dl-dv.outside", code<Out::dv, bn::j>},
    };
    return rows;
}

}  // namespace leibniz::derive
