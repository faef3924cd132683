// Multi-head causal self-attention with a residual and a squared-error loss
// written as an expression: rank-3 weights, a 1/sqrt(E) scale and an additive
// mask. Every gradient from the program of adjoints against central
// differences of an independent forward pass.
#include <catch2/catch.hpp>

#include <string_view>
#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace ca = leibniz::derivations::models::causal_attention;
namespace mf = models_forward;

TEST_CASE("causal multi-head attention: the printed program") {
    // computed at compile time, read here (under ASan, g++ cannot search
    // a static string in a constant expression)
    const std::string_view steps = latex(ca::program).view();
    // f is an expression, not a loss symbol: the program names it f throughout
    CHECK(steps.find("f &= \\frac{1}{2} \\sum_{s=1}^{T} \\sum_{a=1}^{D} (O_{sa} - Y_{sa})^{2} \\\\") != std::string_view::npos);
    CHECK(steps.find("\\frac{\\partial f}{\\partial O_{sa}} &= O_{sa} - Y_{sa} \\\\") != std::string_view::npos);
    CHECK(steps.find("\\frac{\\partial \\frac{1}{2}") == std::string_view::npos);
}

TEST_CASE("causal multi-head attention: gradients of X and every weight match central differences") {
    for (auto [nt, nd, nh, ne, seed] : {std::tuple{1, 2, 1, 1, 1u}, std::tuple{3, 4, 2, 2, 2u}, std::tuple{4, 3, 3, 2, 3u}}) {
        std::mt19937 gen(seed);
        mf::causal_block c;
        c.T = nt;
        c.D = nd;
        c.NH = nh;
        c.E = ne;
        const std::size_t T = std::size_t(nt), D = std::size_t(nd), NH = std::size_t(nh), E = std::size_t(ne);
        c.X = mf::random_vec(T * D, gen);
        c.Y = mf::random_vec(T * D, gen);
        c.M.assign(T * T, 0.0);
        for (std::size_t s = 0; s != T; ++s)
            for (std::size_t t = s + 1; t < T; ++t) c.M[s * T + t] = -1e4;  // exp(-1e4) is 0 in double
        for (mf::vec* w : {&c.Wq, &c.Wk, &c.Wv, &c.Wo}) *w = mf::random_vec(NH * D * E, gen, 0.8);
        mf::vec dX(T * D), dWq(NH * D * E), dWk(NH * D * E), dWv(NH * D * E), dWo(NH * E * D);
        constexpr auto p = ca::program;
        evaluate_into(into(output(dX, T, D), gradient<0>(p), over(ca::s, ca::b)),
                      into(output(dWq, NH, D, E), gradient<1>(p), over(ca::n, ca::b, ca::e)),
                      into(output(dWk, NH, D, E), gradient<2>(p), over(ca::n, ca::b, ca::e)),
                      into(output(dWv, NH, D, E), gradient<3>(p), over(ca::n, ca::b, ca::e)),
                      into(output(dWo, NH, E, D), gradient<4>(p), over(ca::n, ca::e, ca::b)), ca::X = view(c.X, T, D),
                      ca::Y = view(c.Y, T, D), ca::M = view(c.M, T, T), ca::Wq = view(c.Wq, NH, D, E), ca::Wk = view(c.Wk, NH, D, E),
                      ca::Wv = view(c.Wv, NH, D, E), ca::Wo = view(c.Wo, NH, E, D));
        auto f = [&] { return mf::squared_error(mf::causal_attention(c), c.Y); };
        INFO("T = " << T << ", D = " << D << ", heads = " << NH << ", E = " << E);
        CHECK(mf::worst_relative_error(dX, c.X, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWq, c.Wq, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWk, c.Wk, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWv, c.Wv, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWo, c.Wo, f) <= 1e-6);
    }
}

}  // namespace
