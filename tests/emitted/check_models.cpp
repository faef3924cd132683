// The emitted gradients of models beyond the document, from their programs of
// adjoints (derivations/models.hpp): LayerNorm's ∂ℓ/∂X and ∂ℓ/∂γ, the
// residual ReLU block's ∂ℓ/∂X and ∂ℓ/∂W1. Checked in double against central
// differences of the independent forward passes of tests/support, and in
// float against the double result. The extent T of these models is also the
// name of the emitted scalar type: it has to come out renamed (T_) to compile.
#include <catch2/catch.hpp>

#include <tuple>
#include <vector>

#include "ln_dX.hpp"
#include "ln_dgamma.hpp"
#include "res_dW1.hpp"
#include "res_dX.hpp"
#include "support/models_forward.hpp"

namespace {
namespace mf = models_forward;

template <class T>
std::vector<T> as(const mf::vec& v) {
    return std::vector<T>(v.begin(), v.end());
}

template <class T>
struct layer_norm_grads {
    std::vector<T> dX, dgamma;
    explicit layer_norm_grads(const mf::block& b) {
        const std::size_t t = std::size_t(b.T), w = std::size_t(b.D);
        std::vector<T> G = as<T>(b.G), X = as<T>(b.X), gamma = as<T>(b.gamma1);
        dX.assign(t * w, T(7));  // every element is written, whatever was there
        dgamma.assign(w, T(7));
        leibniz_generated::ln_dX<T>(w, t, G.data(), X.data(), T(b.eps), gamma.data(), dX.data());
        leibniz_generated::ln_dgamma<T>(w, t, G.data(), X.data(), T(b.eps), dgamma.data());
    }
};

template <class T>
struct residual_grads {
    std::vector<T> dX, dW1;
    explicit residual_grads(const mf::block& b) {
        const std::size_t t = std::size_t(b.T), w = std::size_t(b.D), f = std::size_t(b.F);
        std::vector<T> G = as<T>(b.G), X = as<T>(b.X), W1 = as<T>(b.W1), W2 = as<T>(b.W2), b1 = as<T>(b.b1);
        dX.assign(t * w, T(7));
        dW1.assign(w * f, T(7));
        leibniz_generated::res_dX<T>(w, f, t, G.data(), W1.data(), W2.data(), X.data(), b1.data(), dX.data());
        leibniz_generated::res_dW1<T>(w, f, t, G.data(), W1.data(), W2.data(), X.data(), b1.data(), dW1.data());
    }
};

template <class T>
double worst_gap(const std::vector<T>& low, const mf::vec& high) {
    double worst = 0;
    for (std::size_t i = 0; i != high.size(); ++i)
        worst = std::max(worst, std::abs(double(low[i]) - high[i]) / std::max(1.0, std::abs(high[i])));
    return worst;
}

TEST_CASE("emitted LayerNorm gradients (program of adjoints) match central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 1u}, std::tuple{3, 4, 2u}, std::tuple{6, 5, 3u}}) {
        const int T = nt, D = nd;
        mf::block b = mf::random_block(T, D, 1, seed);
        layer_norm_grads<double> g(b);
        layer_norm_grads<float> gf(b);
        auto f = [&] { return mf::linear_loss(mf::layer_norm(b.X, T, D, b.gamma1, b.beta1, b.eps), b.G); };
        INFO("T = " << T << ", D = " << D);
        CHECK(mf::worst_relative_error(g.dX, b.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(g.dgamma, b.gamma1, f) <= 1e-6);
        CHECK(worst_gap(gf.dX, g.dX) <= 1e-4);
        CHECK(worst_gap(gf.dgamma, g.dgamma) <= 1e-4);
    }
}

TEST_CASE("emitted residual ReLU block gradients (program of adjoints) match central differences") {
    for (auto [nt, nd, nf, seed] : {std::tuple{1, 2, 3, 4u}, std::tuple{4, 3, 5, 5u}}) {
        const int T = nt, D = nd, F = nf;
        mf::block b = mf::random_block(T, D, F, seed);
        residual_grads<double> g(b);
        residual_grads<float> gf(b);
        auto f = [&] { return mf::linear_loss(mf::mlp(b, b.X, b.X), b.G); };
        INFO("T = " << T << ", D = " << D << ", F = " << F);
        CHECK(mf::worst_relative_error(g.dX, b.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(g.dW1, b.W1, f) <= 1e-6);
        CHECK(worst_gap(gf.dX, g.dX) <= 1e-4);
        CHECK(worst_gap(gf.dW1, g.dW1) <= 1e-4);
    }
}

}  // namespace
