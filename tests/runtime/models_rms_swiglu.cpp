// RMSNorm and a SwiGLU feed-forward with a residual connection: every
// gradient (input, gain, the three weights) from one program of adjoints,
// evaluated in one evaluate_into, against central differences of the
// independent forward pass of tests/support; ∂ℓ/∂X also against d's formula.
#include <catch2/catch.hpp>

#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("RMSNorm + SwiGLU block: gradients of X, g, W1, W3, W2 match central differences") {
    for (auto [nt, nd, nf, seed] : {std::tuple{1, 2, 1, 11u}, std::tuple{3, 4, 5, 12u}, std::tuple{4, 3, 6, 13u}}) {
        const int T = nt, D = nd, F = nf;  // not the bindings themselves: clang 14 cannot capture those
        mf::block b = mf::random_block(T, D, F, seed);
        mf::block extra = mf::random_block(T, D, F, seed + 100);
        mf::vec g = extra.gamma1, W3 = extra.W1;  // the gain and the third weight
        const std::size_t t = std::size_t(T), w = std::size_t(D), h = std::size_t(F);
        mf::vec dX(t * w), dg(w), dW1(w * h), dW3(w * h), dW2(h * w), dX_single(t * w);
        constexpr auto p = md::rms_swiglu::program;
        auto inputs = [&](auto... outs) {
            evaluate_into(outs..., md::X = view(b.X, t, w), md::G = view(b.G, t, w), md::g_rms = view(g, w),
                          md::W1 = view(b.W1, w, h), md::W3 = view(W3, w, h), md::W2 = view(b.W2, h, w), md::eps = b.eps);
        };
        inputs(into(output(dX, t, w), gradient<0>(p), over(md::s, md::b)), into(output(dg, w), gradient<1>(p), over(md::b)),
               into(output(dW1, w, h), gradient<2>(p), over(md::a, md::f)),
               into(output(dW3, w, h), gradient<3>(p), over(md::a, md::f)),
               into(output(dW2, h, w), gradient<4>(p), over(md::f, md::b)));
        inputs(into(output(dX_single, t, w), d(md::rms_swiglu::ell, md::X(md::s, md::b)), over(md::s, md::b)));
        auto f = [&] { return mf::linear_loss(mf::rms_swiglu(b, g, W3), b.G); };
        INFO("T = " << T << ", D = " << D << ", F = " << F);
        CHECK(mf::worst_relative_error(dX, b.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dg, g, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dW1, b.W1, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dW3, W3, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dW2, b.W2, f) <= 1e-6);
        for (std::size_t i = 0; i != dX.size(); ++i) CHECK(dX[i] == Approx(dX_single[i]).epsilon(1e-10).margin(1e-10));
    }
}

}  // namespace
