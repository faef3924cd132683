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
}  // namespace

const std::vector<emitter_row>& network_emitters() {
    static const std::vector<emitter_row> rows{
        {"softmax.3.1.01-dl-dy-j", code<sm::dl_dy, sm::j>},
        {"softmax.3.1.02-dy-i-dh-l-k", code<sm::dy_dh, sm::i, sm::k>},
        {"softmax.3.1.03-dy-dh-l-t-dl-dy", code<sm::dl_dh, sm::k>},
        {"softmax.3.1.04-dy-dh-l-t-dl-dy-y-bar-y", code<sm::dl_dh, sm::k>},
        {"softmax.3.1.05-dy-dh-l-t-dl-dy-y-bar-y", code<sm::dl_dh_normalized, sm::k>},
        {"mlp.3.1.01-dh-1-dh-0-l-2", code<N::jacobian<1>, N::x<1>, N::y<0>>},
        {"mlp.3.1.02-dl-dh-0-dh-1-dh-0-t-dl", code<N::dh_prev<1>, N::k<0>>},
        {"mlp.3.1.03-dh-2-dh-1-l-2", code<N::jacobian<2>, N::x<2>, N::y<1>>},
        {"mlp.3.1.04-dl-dh-1-dh-2-dh-1-t-dl", code<N::dh_prev<2>, N::k<1>>},
        {"mlp.3.2.01-dl-dz-1-sigma-z-1-odot", code<N::dz<1>, N::x<1>>},
        {"mlp.3.2.02-dl-dw-1-x-y-dl-dz-1-x-h", code<N::dW<1>, N::x<1>, N::y<0>>},
        {"mlp.3.2.03-dl-dw-1-sigma-z-1-odot", code<N::dW<1>, N::x<1>, N::y<0>>},
        {"mlp.3.2.04-dl-dw-1-as-drawn-first", code<N::dW<1>, N::x<1>, N::y<0>>},
        {"mlp.3.2.05-dl-db-1-sigma-z-1-odot", code<N::db<1>, N::x<1>>},
        {"mlp.3.2.06-dl-dz-2-sigma-z-2-odot", code<N::dz<2>, N::x<2>>},
        {"mlp.3.2.07-dl-dw-2-x-y-dl-dz-2-x-h", code<N::dW<2>, N::x<2>, N::y<1>>},
        {"mlp.3.2.08-dl-dw-2-sigma-z-2-odot", code<N::dW<2>, N::x<2>, N::y<1>>},
        {"mlp.3.2.09-dl-dw-2-as-drawn-first", code<N::dW<2>, N::x<2>, N::y<1>>},
        {"mlp.3.2.10-dl-db-2-sigma-z-2-odot", code<N::db<2>, N::x<2>>},
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
