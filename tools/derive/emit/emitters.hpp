// The code emitters of leibniz-derive's `emit` command, one table per
// family of results (each in a translation unit of its own: the emission is
// compile-time work), joined by emitter_for.
#pragma once
#include <string>
#include <string_view>
#include <vector>

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

/// C++ or CUDA source as a std::string; "" for another language.
template <class Cpp, class Cuda>
std::string pick(std::string_view lang, const Cpp& cpp, const Cuda& cuda) {
    if (lang == "cpp") return std::string(cpp.view());
    if (lang == "cuda") return std::string(cuda.view());
    return {};
}

}  // namespace leibniz::derive
