// The loop plans behind evaluate_into and the emitted code, as listed by
// plan_listing: batch-norm backward makes four passes over B x M, whatever
// the number of results asked for; the MLP's gradients are backpropagation
// (one contraction per matrix product, shared between the gradients).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <derivations/batchnorm.hpp>
#include <leibniz/emit.hpp>

#include "array_mlp_network.hpp"
#include "../support/listing_lines.hpp"

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using E = bn::engine<bn::inside>;

using listing_lines::starting, listing_lines::containing, listing_lines::starting_containing;

// The listings are computed at compile time; they are checked at run time
// (string_view searches are not constant expressions under -fsanitize).
constexpr auto& bn_all = plan_listing(result(E::dgamma, over(bn::j)), result(E::dbeta, over(bn::j)), result(E::dY, over(bn::s, bn::t)));
constexpr auto& bn_dY = plan_listing(result(E::dY, over(bn::s, bn::t)));
constexpr auto& bn_dgamma = plan_listing(result(E::dgamma, over(bn::j)));
// the batch statistics given, as a training framework's backward kernel has them
constexpr auto& bn_saved = plan_listing(given<"m", "v">, result(E::dgamma, over(bn::j)), result(E::dbeta, over(bn::j)),
                                        result(E::dY, over(bn::s, bn::t)));

namespace m = array_mlp;
constexpr auto& mlp_all = plan_listing(result(m::dW1, over(m::x1, m::x0)), result(m::db1, over(m::x1)),
                                       result(m::dW2, over(m::x2, m::x1)), result(m::db2, over(m::x2)));

TEST_CASE("plan_listing: batch-norm backward makes four passes over B x M") {
    INFO(std::string(bn_all.view()));
    // mean, variance, the two masked reductions in one pass, the output
    CHECK(starting(bn_all.view(), "B x M  sum") == 3);
    CHECK(starting(bn_all.view(), "B x M") == 4);
    CHECK(starting(bn_dY.view(), "B x M") == 4);
    CHECK(starting(bn_dgamma.view(), "B x M") == 3);
    // ∂ℓ/∂β (result 1) is one of the fused reductions itself, written in place
    CHECK(containing(bn_all.view(), " out1") == 1);
    CHECK(starting_containing(bn_all.view(), "B x M  sum", " out1") == 1);
}

TEST_CASE("plan_listing: from saved batch statistics, two passes over B x M") {
    INFO(std::string(bn_saved.view()));
    CHECK(starting(bn_saved.view(), "B x M  sum") == 1);
    CHECK(starting(bn_saved.view(), "B x M") == 2);
    // m and v are read, not computed
    CHECK(containing(bn_saved.view(), "elementwise m") == 0);
    CHECK(containing(bn_saved.view(), " v ") == 0);
    // one square root per column, shared by every per-column factor
    CHECK(containing(bn_saved.view(), "rsqrt") == 1);
    CHECK(containing(bn_all.view(), "rsqrt") == 1);
}

TEST_CASE("plan_listing: the MLP gradients are backpropagation") {
    INFO(std::string(mlp_all.view()));
    // z1 = W1 X, z2 = W2 h1, ∂z1 = (∂z2 W2) σ', ∂W1 = ∂z1^T X, ∂W2 = ∂z2^T h1
    CHECK(containing(mlp_all.view(), "(contraction)") == 5);
    // the softmax: one maximum and one sum of exponentials per sample
    CHECK(containing(mlp_all.view(), "  max ") == 1);
}

}  // namespace
