// Self-attention on a LayerNorm with a residual connection: the gradients of
// the LayerNorm's γ and β from the program of adjoints, in one
// evaluate_into, against central differences of an independent forward pass.
#include <catch2/catch.hpp>

#include <tuple>

#include "../support/models_attention.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("attention block: the gradients of gamma and beta match central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 7u}, std::tuple{3, 4, 8u}, std::tuple{6, 5, 9u}}) {
        mf::block b = mf::random_block(nt, nd, 1, seed);
        const std::size_t d = std::size_t(nd);
        mf::vec dgamma(d), dbeta(d);
        constexpr auto p = md::attention::program;
        mf::evaluate_attention(b, into(output(dgamma, d), gradient(p, md::gamma1(md::b)), over(md::b)),
                               into(output(dbeta, d), gradient(p, md::beta1(md::b)), over(md::b)));
        auto loss = [&b] { return mf::linear_loss(mf::attention(b), b.G); };
        INFO("T = " << b.T << ", D = " << b.D);
        CHECK(mf::worst_relative_error(dgamma, b.gamma1, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dbeta, b.beta1, loss) <= 1e-6);
    }
}

}  // namespace
