// Code emission for leibniz-derive: the batch-norm gradients of 2.3 (both
// placements of ε) as standalone C++ (--lang cpp) or CUDA (--lang cuda).
//
//   leibniz::derive::emitter leibniz::derive::emitter_for(std::string_view entry_name);
//
// returns the emitter of a catalog entry, or null when it has none; the
// emitter returns "" for a language it does not know.
#include <string>
#include <string_view>

#include <derivations/batchnorm.hpp>
#include <leibniz/emit.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

emitter emitter_for(std::string_view entry_name);

namespace {
namespace bn = leibniz::derivations::batchnorm;

template <class Cpp, class Cuda>
std::string pick(std::string_view lang, const Cpp& cpp, const Cuda& cuda) {
    if (lang == "cpp") return std::string(cpp.view());
    if (lang == "cuda") return std::string(cuda.view());
    return {};
}

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
std::string dl_dY(std::string_view lang) {
    using E = bn::engine<R>;
    return pick(lang, emit_cpp<"dl_dY">(E::dY, bn::s, bn::t), emit_cuda<"dl_dY">(E::dY, bn::s, bn::t));
}

struct row {
    std::string_view name;
    emitter emit;
};
const row rows[] = {
    {"bn.dl-dgamma.inside", dl_dgamma<bn::inside>}, {"bn.dl-dgamma.outside", dl_dgamma<bn::outside>},
    {"bn.dl-dbeta.inside", dl_dbeta<bn::inside>},   {"bn.dl-dbeta.outside", dl_dbeta<bn::outside>},
    {"bn.dl-dY.inside", dl_dY<bn::inside>},         {"bn.dl-dY.outside", dl_dY<bn::outside>},
};

}  // namespace

emitter emitter_for(std::string_view entry_name) {
    for (const row& r : rows)
        if (r.name == entry_name) return r.emit;
    return nullptr;
}

}  // namespace leibniz::derive
