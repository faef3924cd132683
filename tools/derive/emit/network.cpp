// Code emission for leibniz-derive, the network of 3.1 and 3.2: the softmax
// layer's gradients (with the max shift that keeps large logits finite) and
// the per-layer gradients of the two-layer ReLU network (with ∂ℓ/∂h of the
// layer above as an input, as the document writes them).
#include <string>
#include <string_view>

#include <derivations/mlp.hpp>
#include <derivations/softmax.hpp>
#include <leibniz/emit.hpp>

#include "derive/catalog/catalog.hpp"
#include "emitters.hpp"

namespace leibniz::derive {

namespace {
namespace sm = leibniz::derivations::softmax;
using N = leibniz::derivations::mlp::network<2, false>;

std::string dl_dy(std::string_view lang) {
    return pick(lang, emit_cpp<"dl_dy">(sm::dl_dy, sm::j), emit_cuda<"dl_dy">(sm::dl_dy, sm::j));
}
std::string dy_dh(std::string_view lang) {
    return pick(lang, emit_cpp<"dy_dh">(sm::dy_dh, sm::i, sm::k), emit_cuda<"dy_dh">(sm::dy_dh, sm::i, sm::k));
}
std::string dl_dh(std::string_view lang) {
    return pick(lang, emit_cpp<"dl_dh">(sm::dl_dh, sm::k), emit_cuda<"dl_dh">(sm::dl_dh, sm::k));
}
std::string dl_dh_normalized(std::string_view lang) {
    return pick(lang, emit_cpp<"dl_dh">(sm::dl_dh_normalized, sm::k), emit_cuda<"dl_dh">(sm::dl_dh_normalized, sm::k));
}
template <int n>
std::string jacobian(std::string_view lang) {
    constexpr auto x = N::x<n>;
    constexpr auto y = N::y<n - 1>;
    return pick(lang, emit_cpp<"dh_dh">(N::jacobian<n>, x, y), emit_cuda<"dh_dh">(N::jacobian<n>, x, y));
}
template <int n>
std::string dh_prev(std::string_view lang) {
    constexpr auto k = N::k<n - 1>;
    return pick(lang, emit_cpp<"dl_dh">(N::dh_prev<n>, k), emit_cuda<"dl_dh">(N::dh_prev<n>, k));
}
template <int n>
std::string dz(std::string_view lang) {
    constexpr auto x = N::x<n>;
    return pick(lang, emit_cpp<"dl_dz">(N::dz<n>, x), emit_cuda<"dl_dz">(N::dz<n>, x));
}
template <int n>
std::string dW(std::string_view lang) {
    constexpr auto x = N::x<n>;
    constexpr auto y = N::y<n - 1>;
    return pick(lang, emit_cpp<"dl_dW">(N::dW<n>, x, y), emit_cuda<"dl_dW">(N::dW<n>, x, y));
}
template <int n>
std::string db(std::string_view lang) {
    constexpr auto x = N::x<n>;
    return pick(lang, emit_cpp<"dl_db">(N::db<n>, x), emit_cuda<"dl_db">(N::db<n>, x));
}

}  // namespace

const std::vector<emitter_row>& network_emitters() {
    static const std::vector<emitter_row> rows{
        {"softmax.3.1.01-dl-dy-j", dl_dy},
        {"softmax.3.1.02-dy-i-dh-l-k", dy_dh},
        {"softmax.3.1.03-dy-dh-l-t-dl-dy", dl_dh},
        {"softmax.3.1.04-dy-dh-l-t-dl-dy-y-bar-y", dl_dh},
        {"softmax.3.1.05-dy-dh-l-t-dl-dy-y-bar-y", dl_dh_normalized},
        {"mlp.3.1.01-dh-1-dh-0-l-2", jacobian<1>},
        {"mlp.3.1.02-dl-dh-0-dh-1-dh-0-t-dl", dh_prev<1>},
        {"mlp.3.1.03-dh-2-dh-1-l-2", jacobian<2>},
        {"mlp.3.1.04-dl-dh-1-dh-2-dh-1-t-dl", dh_prev<2>},
        {"mlp.3.2.01-dl-dz-1-sigma-z-1-odot", dz<1>},
        {"mlp.3.2.02-dl-dw-1-x-y-dl-dz-1-x-h", dW<1>},
        {"mlp.3.2.03-dl-dw-1-sigma-z-1-odot", dW<1>},
        {"mlp.3.2.04-dl-dw-1-as-drawn-first", dW<1>},
        {"mlp.3.2.05-dl-db-1-sigma-z-1-odot", db<1>},
        {"mlp.3.2.06-dl-dz-2-sigma-z-2-odot", dz<2>},
        {"mlp.3.2.07-dl-dw-2-x-y-dl-dz-2-x-h", dW<2>},
        {"mlp.3.2.08-dl-dw-2-sigma-z-2-odot", dW<2>},
        {"mlp.3.2.09-dl-dw-2-as-drawn-first", dW<2>},
        {"mlp.3.2.10-dl-db-2-sigma-z-2-odot", db<2>},
    };
    return rows;
}

emitter emitter_for(std::string_view entry_name) {
    for (const auto* table : {&batchnorm_emitters(), &batchnorm_input_emitters(), &network_emitters()})
        for (const emitter_row& r : *table)
            if (r.name == entry_name) return r.emit;
    return nullptr;
}

}  // namespace leibniz::derive
