// A residual ReLU MLP block, relu(X W1 + b1) W2 + b2 + X: every gradient from
// the program of adjoints against central differences of an independent
// forward pass, and ∂ℓ/∂X against the single formula d gives.
#include <catch2/catch.hpp>

#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("residual MLP: gradients of X, W1, b1, W2, b2 match central differences") {
    for (auto [nt, nd, nf, seed] : {std::tuple{1, 2, 3, 1u}, std::tuple{4, 3, 5, 2u}}) {
        const int T = nt, D = nd, F = nf;  // not the bindings themselves: clang 14 cannot capture those
        mf::block b = mf::random_block(T, D, F, seed);
        const std::size_t t = std::size_t(T), w = std::size_t(D), f = std::size_t(F);
        mf::vec dX(t * w), dW1(w * f), db1(f), dW2(f * w), db2(w), dX_single(t * w);
        constexpr auto p = md::residual_mlp::program;
        auto inputs = [&](auto... outs) {
            evaluate_into(outs..., md::X = view(b.X, t, w), md::G = view(b.G, t, w), md::W1 = view(b.W1, w, f),
                          md::b1 = view(b.b1, f), md::W2 = view(b.W2, f, w), md::b2 = view(b.b2, w));
        };
        inputs(into(output(dX, t, w), gradient<0>(p), over(md::s, md::b)), into(output(dW1, w, f), gradient<1>(p), over(md::a, md::f)),
               into(output(db1, f), gradient<2>(p), over(md::f)), into(output(dW2, f, w), gradient<3>(p), over(md::f, md::b)),
               into(output(db2, w), gradient<4>(p), over(md::b)));
        inputs(into(output(dX_single, t, w), d(md::residual_mlp::ell, md::X(md::s, md::b)), over(md::s, md::b)));
        auto loss = [&] { return mf::linear_loss(mf::mlp(b, b.X, b.X), b.G); };
        INFO("T = " << T << ", D = " << D << ", F = " << F);
        CHECK(mf::worst_relative_error(dX, b.X, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dW1, b.W1, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(db1, b.b1, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dW2, b.W2, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(db2, b.b2, loss) <= 1e-6);
        for (std::size_t i = 0; i != dX.size(); ++i) CHECK(dX[i] == Approx(dX_single[i]).epsilon(1e-12).margin(1e-12));
    }
}

TEST_CASE("residual tanh MLP: gradients of X, W1, b1, W2, b2 match central differences") {
    mf::block b = mf::random_block(3, 4, 5, 3u);
    const std::size_t t = 3, w = 4, f = 5;
    mf::vec dX(t * w), dW1(w * f), db1(f), dW2(f * w), db2(w);
    constexpr auto p = md::residual_tanh_mlp::program;
    evaluate_into(into(output(dX, t, w), gradient<0>(p), over(md::s, md::b)), into(output(dW1, w, f), gradient<1>(p), over(md::a, md::f)),
                  into(output(db1, f), gradient<2>(p), over(md::f)), into(output(dW2, f, w), gradient<3>(p), over(md::f, md::b)),
                  into(output(db2, w), gradient<4>(p), over(md::b)), md::X = view(b.X, t, w), md::G = view(b.G, t, w),
                  md::W1 = view(b.W1, w, f), md::b1 = view(b.b1, f), md::W2 = view(b.W2, f, w), md::b2 = view(b.b2, w));
    auto loss = [&b] { return mf::linear_loss(mf::mlp(b, b.X, b.X, true), b.G); };
    CHECK(mf::worst_relative_error(dX, b.X, loss) <= 1e-6);
    CHECK(mf::worst_relative_error(dW1, b.W1, loss) <= 1e-6);
    CHECK(mf::worst_relative_error(db1, b.b1, loss) <= 1e-6);
    CHECK(mf::worst_relative_error(dW2, b.W2, loss) <= 1e-6);
    CHECK(mf::worst_relative_error(db2, b.b2, loss) <= 1e-6);
}

}  // namespace
