// tools/derive/emit.cpp: the emitters leibniz-derive's `emit` command calls.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "catalog.hpp"

namespace leibniz::derive {
emitter emitter_for(std::string_view entry_name);
}

namespace {
using leibniz::derive::emitter_for;

TEST_CASE("leibniz-derive emitters: C++ and CUDA for the batch-norm gradients") {
    for (const char* name : {"bn.dl-dgamma.inside", "bn.dl-dgamma.outside", "bn.dl-dbeta.inside", "bn.dl-dbeta.outside",
                             "bn.dl-dY.inside", "bn.dl-dY.outside"}) {
        INFO(name);
        auto e = emitter_for(name);
        REQUIRE(e != nullptr);
        std::string cpp = e("cpp"), cuda = e("cuda");
        CHECK(cpp.find("namespace leibniz_generated") != std::string::npos);
        CHECK(cpp.find("template <class T>\nvoid dl_d") != std::string::npos);
        CHECK(cpp.find("__global__") == std::string::npos);
        CHECK(cuda.find("__global__ void dl_d") != std::string::npos);
        CHECK(e("fortran").empty());
    }
    // the two placements of ε: sqrt(v) + ε and sqrt(v + ε)
    CHECK(emitter_for("bn.dl-dY.outside")("cpp").find("(std::sqrt(v[t]) + epsilon)") != std::string::npos);
    CHECK(emitter_for("bn.dl-dY.outside")("cpp").find("std::sqrt((v[t] + epsilon))") == std::string::npos);
    CHECK(emitter_for("bn.dl-dY.inside")("cpp").find("std::sqrt((v[t] + epsilon))") != std::string::npos);
    CHECK(emitter_for("bn.mean") == nullptr);
    CHECK(emitter_for("no.such.entry") == nullptr);
}

}  // namespace
