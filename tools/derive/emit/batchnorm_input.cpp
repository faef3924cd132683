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

template <class R>
std::string dl_dY(std::string_view lang) {
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dY">(E::dY, bn::s, bn::t), emit_cuda<"dl_dY">(E::dY, bn::s, bn::t));
}
std::string dl_dY_raw(std::string_view lang) {
    using E = bn::engine<bn::inside>;
    return pick(lang, emit_cpp<"dl_dY">(E::dY_raw, bn::s, bn::t), emit_cuda<"dl_dY">(E::dY_raw, bn::s, bn::t));
}
}  // namespace

const std::vector<emitter_row>& batchnorm_input_emitters() {
    static const std::vector<emitter_row> rows{
        {"bn.dl-dY.inside", dl_dY<bn::inside>},
        {"bn.dl-dY.outside", dl_dY<bn::outside>},
        {"bn.dl-dY.raw.inside", dl_dY_raw},
    };
    return rows;
}

}  // namespace leibniz::derive
