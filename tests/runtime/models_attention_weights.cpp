// Self-attention on a LayerNorm with a residual connection: the gradients of
// W^Q, W^K and W^V from the program of adjoints, in one evaluate_into,
// against central differences of an independent forward pass.
#include <catch2/catch.hpp>

#include <tuple>

#include "../support/models_attention.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
namespace mf = models_forward;

TEST_CASE("attention block: the gradients of Wq, Wk and Wv match central differences") {
    for (auto [nt, nd, seed] : {std::tuple{1, 2, 4u}, std::tuple{3, 4, 5u}, std::tuple{6, 5, 6u}}) {
        mf::block b = mf::random_block(nt, nd, 1, seed);
        const std::size_t d = std::size_t(nd);
        mf::vec dWq(d * d), dWk(d * d), dWv(d * d);
        constexpr auto p = md::attention::program;
        mf::evaluate_attention(b, into(output(dWq, d, d), gradient(p, md::Wq(md::a, md::b)), over(md::a, md::b)),
                               into(output(dWk, d, d), gradient(p, md::Wk(md::a, md::b)), over(md::a, md::b)),
                               into(output(dWv, d, d), gradient(p, md::Wv(md::a, md::b)), over(md::a, md::b)));
        auto loss = [&b] { return mf::linear_loss(mf::attention(b), b.G); };
        INFO("T = " << b.T << ", D = " << b.D);
        CHECK(mf::worst_relative_error(dWq, b.Wq, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dWk, b.Wk, loss) <= 1e-6);
        CHECK(mf::worst_relative_error(dWv, b.Wv, loss) <= 1e-6);
    }
}

}  // namespace
