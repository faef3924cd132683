// A GRU cell: every gradient (input, state and the six weight matrices) from
// the program of adjoints, evaluated in one evaluate_into, against central
// differences of an independent forward pass; the printed program reads the
// gates' derivatives as σ (1 - σ) and tanh's as 1 - tanh², in the names z, r, n.
#include <catch2/catch.hpp>

#include <string_view>
#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace g = leibniz::derivations::models::gru;
namespace mf = models_forward;

TEST_CASE("GRU cell: the printed program") {
    // computed at compile time, read here (under ASan, g++ cannot search
    // a static string in a constant expression)
    const std::string_view steps = latex(g::program).view();
    CHECK(steps.find("\\frac{\\partial z_{j}}{\\partial x_{i}} &= W^{z}_{ji} z_{j} (1 - z_{j}) \\\\") != std::string_view::npos);
    CHECK(steps.find("\\frac{\\partial n_{j}}{\\partial x_{i}} &= W^{n}_{ji} (1 - n_{j}^{2}) \\\\") != std::string_view::npos);
    // h reaches h' four ways (both gates, the candidate through r ⊙ h, the blend): one adjoint each, summed
    CHECK(steps.find("\\frac{\\partial \\ell}{\\partial h_{k}} &= ") != std::string_view::npos);
}

TEST_CASE("GRU cell: gradients of x, h and every weight match central differences") {
    for (auto [nn, nh, seed] : {std::tuple{1, 1, 1u}, std::tuple{3, 4, 2u}, std::tuple{5, 3, 3u}}) {
        std::mt19937 gen(seed);
        mf::gru_cell c;
        c.N = nn;
        c.H = nh;
        const std::size_t N = std::size_t(nn), H = std::size_t(nh);
        c.x = mf::random_vec(N, gen);
        c.h = mf::random_vec(H, gen);
        for (mf::vec* w : {&c.Wz, &c.Wr, &c.Wn}) *w = mf::random_vec(H * N, gen, 0.8);
        for (mf::vec* w : {&c.Uz, &c.Ur, &c.Un}) *w = mf::random_vec(H * H, gen, 0.8);
        c.G = mf::random_vec(H, gen);
        mf::vec dx(N), dh(H), dWz(H * N), dUz(H * H), dWr(H * N), dUr(H * H), dWn(H * N), dUn(H * H), dh_single(H);
        constexpr auto p = g::program;
        auto inputs = [&](auto... outs) {
            evaluate_into(outs..., g::x = view(c.x, N), g::h = view(c.h, H), g::Wz = view(c.Wz, H, N), g::Uz = view(c.Uz, H, H),
                          g::Wr = view(c.Wr, H, N), g::Ur = view(c.Ur, H, H), g::Wn = view(c.Wn, H, N), g::Un = view(c.Un, H, H),
                          g::G = view(c.G, H));
        };
        inputs(into(output(dx, N), gradient<0>(p), over(g::i)), into(output(dh, H), gradient<1>(p), over(g::k)),
               into(output(dWz, H, N), gradient<2>(p), over(g::j, g::i)), into(output(dUz, H, H), gradient<3>(p), over(g::j, g::k)),
               into(output(dWr, H, N), gradient<4>(p), over(g::j, g::i)), into(output(dUr, H, H), gradient<5>(p), over(g::j, g::k)),
               into(output(dWn, H, N), gradient<6>(p), over(g::j, g::i)), into(output(dUn, H, H), gradient<7>(p), over(g::j, g::k)));
        // the substitution path: the single formula d gives
        inputs(into(output(dh_single, H), d(g::ell, g::h(g::k)), over(g::k)));
        auto f = [&] { return mf::linear_loss(mf::gru(c), c.G); };
        INFO("N = " << N << ", H = " << H);
        CHECK(mf::worst_relative_error(dx, c.x, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dh, c.h, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWz, c.Wz, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dUz, c.Uz, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWr, c.Wr, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dUr, c.Ur, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dWn, c.Wn, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dUn, c.Un, f) <= 1e-6);
        for (std::size_t q = 0; q != H; ++q) CHECK(dh[q] == Approx(dh_single[q]).epsilon(1e-12).margin(1e-12));
    }
}

}  // namespace
