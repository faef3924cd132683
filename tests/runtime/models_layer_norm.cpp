// LayerNorm: every gradient from the program of adjoints, evaluated in one
// evaluate_into, against central differences of an independent forward pass
// and against the single formula that d gives (the substitution path).
#include <catch2/catch.hpp>

#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("LayerNorm: gradients of X, gamma, beta match central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 1u}, std::tuple{3, 4, 2u}, std::tuple{5, 7, 3u}}) {
        const int T = nt, D = nd;  // not the bindings themselves: clang 14 cannot capture those
        mf::block b = mf::random_block(T, D, 1, seed);
        const std::size_t t = std::size_t(T), w = std::size_t(D);
        mf::vec dX(t * w), dgamma(w), dbeta(w), dX_single(t * w);
        constexpr auto p = md::layer_norm::program;
        auto inputs = [&](auto... outs) {
            evaluate_into(outs..., md::X = view(b.X, t, w), md::G = view(b.G, t, w), md::gamma1 = view(b.gamma1, w),
                          md::beta1 = view(b.beta1, w), md::eps = b.eps);
        };
        inputs(into(output(dX, t, w), gradient<0>(p), over(md::s, md::b)), into(output(dgamma, w), gradient<1>(p), over(md::b)),
               into(output(dbeta, w), gradient<2>(p), over(md::b)));
        inputs(into(output(dX_single, t, w), d(md::layer_norm::ell, md::X(md::s, md::b)), over(md::s, md::b)));
        auto f = [&] { return mf::linear_loss(mf::layer_norm(b.X, T, D, b.gamma1, b.beta1, b.eps), b.G); };
        INFO("T = " << T << ", D = " << D);
        CHECK(mf::worst_relative_error(dX, b.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dgamma, b.gamma1, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dbeta, b.beta1, f) <= 1e-6);
        for (std::size_t i = 0; i != dX.size(); ++i) CHECK(dX[i] == Approx(dX_single[i]).epsilon(1e-12).margin(1e-12));
    }
}

}  // namespace
