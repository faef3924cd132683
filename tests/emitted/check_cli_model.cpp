// A whole model from `leibniz-derive emit model.layer-norm`: one function
// computing every gradient of LayerNorm (∂ℓ/∂X, ∂ℓ/∂γ, ∂ℓ/∂β) in one call,
// named by --function/--namespace (cli_layer_norm.hpp), and the same with
// extern "C" entry points, compiled as a source file of this program
// (cli_layer_norm_c.cpp), as a foreign-function interface would call it.
// Checked against central differences of the independent forward pass of
// tests/support.
#include <catch2/catch.hpp>

#include <cstddef>
#include <tuple>
#include <vector>

#include "cli_layer_norm.hpp"
#include "support/models_forward.hpp"

extern "C" void c_models_layer_norm_backward_f64(std::size_t D, std::size_t T_, const double* G, const double* X,
                                                 double epsilon, const double* gamma1, double* dX, double* dgamma1,
                                                 double* dbeta1);
extern "C" void c_models_layer_norm_backward_f32(std::size_t D, std::size_t T_, const float* G, const float* X,
                                                 float epsilon, const float* gamma1, float* dX, float* dgamma1,
                                                 float* dbeta1);

namespace {
namespace mf = models_forward;

TEST_CASE("emitted by the CLI: every gradient of LayerNorm in one function, and its C entry points") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 1u}, std::tuple{3, 4, 2u}, std::tuple{6, 5, 3u}}) {
        const int T = nt, D = nd;
        INFO("T = " << T << ", D = " << D);
        mf::block b = mf::random_block(T, D, 1, seed);
        const std::size_t t = std::size_t(T), w = std::size_t(D);
        std::vector<double> dX(t * w, 7.0), dgamma(w, 7.0), dbeta(w, 7.0);  // every element is written
        models::layer_norm_backward<double>(w, t, b.G.data(), b.X.data(), b.eps, b.gamma1.data(), dX.data(), dgamma.data(),
                                            dbeta.data());
        auto f = [&] { return mf::linear_loss(mf::layer_norm(b.X, T, D, b.gamma1, b.beta1, b.eps), b.G); };
        CHECK(mf::worst_relative_error(dX, b.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dgamma, b.gamma1, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dbeta, b.beta1, f) <= 1e-6);

        std::vector<double> cX(t * w), cgamma(w), cbeta(w);
        c_models_layer_norm_backward_f64(w, t, b.G.data(), b.X.data(), b.eps, b.gamma1.data(), cX.data(), cgamma.data(),
                                         cbeta.data());
        CHECK(cX == dX);
        CHECK(cgamma == dgamma);
        CHECK(cbeta == dbeta);

        std::vector<float> G(b.G.begin(), b.G.end()), X(b.X.begin(), b.X.end()), gamma(b.gamma1.begin(), b.gamma1.end());
        std::vector<float> fX(t * w), fgamma(w), fbeta(w);
        c_models_layer_norm_backward_f32(w, t, G.data(), X.data(), float(b.eps), gamma.data(), fX.data(), fgamma.data(),
                                         fbeta.data());
        for (std::size_t i = 0; i != dX.size(); ++i) CHECK(fX[i] == Approx(dX[i]).margin(1e-4).epsilon(1e-4));
        for (std::size_t i = 0; i != w; ++i) {
            CHECK(fgamma[i] == Approx(dgamma[i]).margin(1e-4).epsilon(1e-4));
            CHECK(fbeta[i] == Approx(dbeta[i]).margin(1e-4).epsilon(1e-4));
        }
    }
}

}  // namespace
