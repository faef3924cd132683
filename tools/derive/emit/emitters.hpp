// The code emitters of leibniz-derive's `emit` command, one table per
// family of results (each in a translation unit of its own: the emission is
// compile-time work), joined by emitter_for.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <leibniz/emit.hpp>

#include "derive/catalog/catalog.hpp"

namespace leibniz::derive {

struct emitter_row {
    std::string_view name;  ///< the catalog entry
    emitter emit;
};

const std::vector<emitter_row>& batchnorm_emitters();        ///< emit/batchnorm.cpp
const std::vector<emitter_row>& batchnorm_input_emitters();  ///< emit/batchnorm_input.cpp
const std::vector<emitter_row>& network_emitters();          ///< emit/network.cpp

/// The emitter of a catalog entry, or null when it has none.
emitter emitter_for(std::string_view entry_name);

/// The code of e over the output indices I..., named as the options say:
/// emitted at run time, so that names can be chosen on the command line.
template <auto& E, auto&... I>
std::string code(const emit_options& o) {
    return emit_source(o, E, I...);
}

}  // namespace leibniz::derive
