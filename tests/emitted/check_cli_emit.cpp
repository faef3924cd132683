// The emitters behind `leibniz-derive emit` (tools/derive/emit/*.cpp): every
// one names an entry of the catalog and gives C++ and CUDA for it.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "derive/catalog/catalog.hpp"
#include "derive/emit/emitters.hpp"

namespace {
using namespace leibniz::derive;

TEST_CASE("leibniz-derive emitters: each names a catalog entry and gives C++ and CUDA") {
    const std::vector<entry> all = all_entries();
    std::set<std::string> seen;
    for (const auto* table : {&batchnorm_emitters(), &batchnorm_input_emitters(), &network_emitters()})
        for (const emitter_row& r : *table) {
            INFO(r.name);
            CHECK(seen.insert(std::string(r.name)).second);
            const entry* e = find_entry(all, r.name);
            REQUIRE(e != nullptr);
            CHECK(e->emit == r.emit);
            CHECK(emitter_for(r.name) == r.emit);
            std::string cpp = r.emit("cpp"), cuda = r.emit("cuda");
            CHECK(cpp.find("namespace leibniz_generated") != std::string::npos);
            CHECK(cpp.find("template <class T>\nvoid d") != std::string::npos);
            CHECK(cpp.find("__global__") == std::string::npos);
            CHECK(cuda.find("__global__ void d") != std::string::npos);
            CHECK(r.emit("fortran").empty());
        }
    // every gradient of ℓ in 2.3 and 3.2 has code
    for (const entry& e : all) {
        INFO(e.name);
        const bool gradient = (e.name.rfind("bn.dl-d", 0) == 0 && e.name.find("sign-corrected") == std::string::npos &&
                               e.name.find("total-raw") == std::string::npos) ||
                              e.name.rfind("mlp.3.2.", 0) == 0;
        if (gradient) CHECK(e.emit != nullptr);
    }
    // the two placements of ε: sqrt(v) + ε and sqrt(v + ε)
    for (const char* name : {"bn.dl-dY.outside", "bn.dl-dgamma.outside", "bn.dl-dv.outside"}) {
        INFO(name);
        CHECK(emitter_for(name)("cpp").find("std::sqrt(v[") != std::string::npos);
        CHECK(emitter_for(name)("cpp").find("std::sqrt((v[") == std::string::npos);
    }
    for (const char* name : {"bn.dl-dY.inside", "bn.dl-dgamma.inside", "bn.dl-dv.inside"}) {
        INFO(name);
        CHECK(emitter_for(name)("cpp").find("std::sqrt((v[") != std::string::npos);
        CHECK(emitter_for(name)("cpp").find("std::sqrt(v[") == std::string::npos);
    }
    CHECK(emitter_for("bn.mean") == nullptr);
    CHECK(emitter_for("no.such.entry") == nullptr);
}

}  // namespace
