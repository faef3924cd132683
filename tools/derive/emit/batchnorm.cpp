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

template <class R>
std::string dl_dgamma(std::string_view lang) {
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dgamma">(E::dgamma, bn::j), emit_cuda<"dl_dgamma">(E::dgamma, bn::j));
}
template <class R>
std::string dl_dbeta(std::string_view lang) {
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dbeta">(E::dbeta, bn::j), emit_cuda<"dl_dbeta">(E::dbeta, bn::j));
}
template <class R>
std::string dl_dm(std::string_view lang) {  // v held fixed
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dm">(E::dm_partial, bn::j), emit_cuda<"dl_dm">(E::dm_partial, bn::j));
}
std::string dl_dm_total(std::string_view lang) {
    using E = bn::engine<bn::inside>;
    return pick(lang, emit_cpp<"dl_dm">(E::dm_total_centered, bn::j), emit_cuda<"dl_dm">(E::dm_total_centered, bn::j));
}
template <class R>
std::string dl_dv(std::string_view lang) {
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dv">(E::dv, bn::j), emit_cuda<"dl_dv">(E::dv, bn::j));
}

}  // namespace

const std::vector<emitter_row>& batchnorm_emitters() {
    static const std::vector<emitter_row> rows{
        {"bn.dl-dgamma.inside", dl_dgamma<bn::inside>},
        {"bn.dl-dgamma.outside", dl_dgamma<bn::outside>},
        {"bn.dl-dbeta.inside", dl_dbeta<bn::inside>},
        {"bn.dl-dbeta.outside", dl_dbeta<bn::outside>},
        {"bn.dl-dm.inside", dl_dm<bn::inside>},
        {"bn.dl-dm.outside", dl_dm<bn::outside>},
        {"bn.dl-dm.total.inside", dl_dm_total},
        {"bn.dl-dv.inside", dl_dv<bn::inside>},
        {"bn.dl-dv.outside", dl_dv<bn::outside>},
    };
    return rows;
}

}  // namespace leibniz::derive
