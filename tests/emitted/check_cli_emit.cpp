// The emitters behind `leibniz-derive emit` (tools/derive/emit/*.cpp and the
// programs of tools/derive/catalog): every one names an entry of the catalog
// (or a program) and gives C++ and CUDA for it, under the names it is given.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "derive/catalog/catalog.hpp"
#include "derive/emit/emitters.hpp"

#include <leibniz/emit.hpp>

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
            const leibniz::emit_options cpp_opts{"dl_dq", "nn::grads"};
            leibniz::emit_options cuda_opts = cpp_opts;
            cuda_opts.lang = leibniz::emit::target_language::cuda;
            std::string cpp = r.emit(cpp_opts), cuda = r.emit(cuda_opts);
            CHECK(cpp.find("namespace nn::grads {") != std::string::npos);
            CHECK(cpp.find("namespace dl_dq_helpers {") != std::string::npos);
            CHECK(cpp.find("template <class T>\nvoid dl_dq(") != std::string::npos);
            CHECK(cpp.find("#define") == std::string::npos);  // nothing shared through macros
            CHECK(cpp.find("__global__") == std::string::npos);
            CHECK(cpp.find("extern \"C\"") == std::string::npos);
            CHECK(cuda.find("__global__ void dl_dq_kernel0") != std::string::npos);
            CHECK(cuda.find("namespace nn::grads {") != std::string::npos);
            leibniz::emit_options c_opts = cpp_opts;
            c_opts.c_entry = true;
            std::string c = r.emit(c_opts);
            CHECK(c.find("extern \"C\" void nn_grads_dl_dq_f64(") != std::string::npos);
            CHECK(c.find("extern \"C\" void nn_grads_dl_dq_f32(") != std::string::npos);
            CHECK(c.find("#pragma once") == std::string::npos);  // a source file
        }
    // every gradient of ℓ in 2.3 and 3.2 has code
    for (const entry& e : all) {
        INFO(e.name);
        const bool gradient = (e.name.rfind("bn.dl-d", 0) == 0 && e.name.find("sign-corrected") == std::string::npos &&
                               e.name.find("total-raw") == std::string::npos) ||
                              e.name.rfind("mlp.3.2.", 0) == 0;
        if (gradient) CHECK(e.emit != nullptr);
        // and every local derivative of the batch-norm chain
        const bool local = (e.name.rfind("bn.dYhat-d", 0) == 0 && e.name.find(".raw") == std::string::npos) ||
                           e.name.rfind("bn.dm-dY", 0) == 0 || e.name.rfind("bn.dv-d", 0) == 0;
        if (local) CHECK(e.emit != nullptr);
    }
    // the two placements of ε: sqrt(v) + ε and sqrt(v + ε)
    const leibniz::emit_options cpp{"f"};
    for (const char* name : {"bn.dl-dY.outside", "bn.dl-dgamma.outside", "bn.dl-dv.outside"}) {
        INFO(name);
        CHECK(emitter_for(name)(cpp).find("std::sqrt(v[") != std::string::npos);
        CHECK(emitter_for(name)(cpp).find("std::sqrt((v[") == std::string::npos);
    }
    for (const char* name : {"bn.dl-dY.inside", "bn.dl-dgamma.inside", "bn.dl-dv.inside"}) {
        INFO(name);
        CHECK(emitter_for(name)(cpp).find("std::sqrt((v[") != std::string::npos);
        CHECK(emitter_for(name)(cpp).find("std::sqrt(v[") == std::string::npos);
    }
    CHECK(emitter_for("bn.mean") == nullptr);
    // names that are not free identifiers are refused with the reason
    CHECK_THROWS_WITH(emitter_for("bn.dl-dY.inside")(leibniz::emit_options{"while"}),
                      Catch::Contains("leibniz_error_emitted_function_name_invalid"));
    CHECK_THROWS_WITH(emitter_for("bn.dl-dY.inside")(leibniz::emit_options{"f", "a::::b"}),
                      Catch::Contains("leibniz_error_emitted_namespace_invalid"));
    CHECK(emitter_for("no.such.entry") == nullptr);
}

TEST_CASE("leibniz-derive programs: every gradient of a model in one function, each output named after its variable") {
    struct expected {
        const char* program;
        const char* outputs;  // the output parameters, in order, at the end of the signature
    };
    for (expected x : {expected{"bn.program.inside", "T* dY, T* dgamma, T* dbeta)"},
                       expected{"mlp.program.2", "T* dW1, T* db1, T* dW2, T* db2)"},
                       expected{"model.layer-norm", "T* dX, T* dgamma1, T* dbeta1)"},
                       expected{"model.residual-mlp", "T* dX, T* dW1, T* db1, T* dW2, T* db2)"},
                       expected{"model.attention", "T* dX, T* dWq, T* dWk, T* dWv, T* dgamma1, T* dbeta1)"}}) {
        INFO(x.program);
        const program_listing* found = nullptr;
        std::vector<program_listing> all = all_programs();
        for (const program_listing& p : all)
            if (p.name == x.program) found = &p;
        REQUIRE(found != nullptr);
        REQUIRE(found->emit != nullptr);
        std::string cpp = found->emit(leibniz::emit_options{"backward"});
        CHECK(cpp.find("template <class T>\nvoid backward(") != std::string::npos);
        CHECK(cpp.find(x.outputs) != std::string::npos);
    }
    std::size_t with_code = 0;
    for (const program_listing& p : all_programs()) with_code += p.emit != nullptr;
    CHECK(with_code == all_programs().size());
}

TEST_CASE("emit_source at run time gives the text emit_cpp gives at compile time") {
    using namespace leibniz;
    constexpr auto N = extent<"N">();
    constexpr auto K = extent<"K">();
    constexpr auto i = index<"i">(N);
    constexpr auto j = index<"j">(K);
    constexpr auto X = tensor<"X">(N, K);
    constexpr auto w = tensor<"w">(K);
    constexpr auto e = exp(X(i, j) * w(j));
    CHECK(emit_source({"f", "nn::x"}, e, i, j) == std::string(emit_cpp<"f", "nn::x">(e, i, j).view()));
    emit_options cuda{"f"};
    cuda.lang = emit::target_language::cuda;
    CHECK(emit_source(cuda, e, i, j) == std::string(emit_cuda<"f">(e, i, j).view()));
    CHECK(emit_source({"g", "nn"}, result<"y">(e, over(i, j)), result<"z">(sum(j, e), over(i))) ==
          std::string(emit_cpp<"g", "nn">(result<"y">(e, over(i, j)), result<"z">(sum(j, e), over(i))).view()));
    CHECK_THROWS_WITH(emit_source({"g"}, result<"w">(e, over(i, j))), Catch::Contains("leibniz_error_emitted_output_name_taken"));
}

}  // namespace
