// Self-attention on a LayerNorm with a residual connection,
// softmax(Q Kᵀ) V + X: the gradients of X, γ and β from the program of
// adjoints, in one evaluate_into, against central differences of an
// independent forward pass. (The weights' gradients: models_attention_weights.cpp.)
#include <catch2/catch.hpp>

#include <tuple>

#include "../support/models_attention.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("attention block: the gradients of X, gamma and beta match central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 1u}, std::tuple{3, 4, 2u}, std::tuple{6, 5, 3u}}) {
        mf::block b = mf::random_block(nt, nd, 1, seed);
        const std::size_t t = std::size_t(nt), d = std::size_t(nd);
        mf::vec dX(t * d), dgamma(d), dbeta(d);
        constexpr auto p = md::attention::program;
        mf::evaluate_attention(b, into(output(dX, t, d), gradient(p, md::X(md::s, md::b)), over(md::s, md::b)),
                               into(output(dgamma, d), gradient(p, md::gamma1(md::b)), over(md::b)),
                               into(output(dbeta, d), gradient(p, md::beta1(md::b)), over(md::b)));
        auto loss = [&b] { return mf::linear_loss(mf::attention(b), b.G); };
        INFO("T = " << b.T << ", D = " << b.D);
        CHECK(mf::worst_relative_error(dX, b.X, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dgamma, b.gamma1, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dbeta, b.beta1, loss) <= 1e-6);
    }
}

}  // namespace
