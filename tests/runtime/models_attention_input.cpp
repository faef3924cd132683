// Self-attention on a LayerNorm with a residual connection,
// softmax(Q Kᵀ) V + X: the gradient of X from the program of adjoints
// against central differences of an independent forward pass. (The
// parameters' gradients: models_attention_weights.cpp, models_attention_norm.cpp;
// one TU each keeps the compile cost of each in bounds.)
#include <catch2/catch.hpp>

#include <tuple>

#include "../support/models_attention.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("attention block: the gradient of X matches central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 1u}, std::tuple{3, 4, 2u}, std::tuple{6, 5, 3u}}) {
        mf::block b = mf::random_block(nt, nd, 1, seed);
        const std::size_t t = std::size_t(nt), d = std::size_t(nd);
        mf::vec dX(t * d);
        constexpr auto p = md::attention::program;
        mf::evaluate_attention(b, into(output(dX, t, d), gradient(p, md::X(md::s, md::b)), over(md::s, md::b)));
        auto loss = [&b] { return mf::linear_loss(mf::attention(b), b.G); };
        INFO("T = " << b.T << ", D = " << b.D);
        CHECK(mf::worst_relative_error(dX, b.X, loss) <= 1e-6);
    }
}

}  // namespace
