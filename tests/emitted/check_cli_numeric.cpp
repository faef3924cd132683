// `leibniz-derive emit` end to end: the C++ it printed for four gradients
// (written to files at build time, tests/report/CMakeLists.txt), compiled here and
// checked against finite differences of forward passes written by hand and,
// for batch norm, against the in-library evaluator. The two placements of ε
// of ∂ℓ/∂Y share this translation unit under their default names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <leibniz/evaluate.hpp>

#include "cli_bn_dY_inside.hpp"    // bn_dl_dY_inside(B, M, Y, beta, dl_dH, epsilon, gamma, out), ε inside the root
#include "cli_bn_dY_outside.hpp"   // bn_dl_dY_outside(...), the same parameters, ε outside the root
#include "cli_mlp_dW1.hpp"         // mlp_3_2_03_dl_dw_1_sigma_z_1_odot(D0, D1, W1, b1, dl_dh1, x, out)
#include "cli_softmax_dl_dh.hpp"   // softmax_3_1_05_dy_dh_l_t_dl_dy_y_bar_y(K, hL, ybar, out)
#include "support/batchnorm_forward.hpp"

namespace {

template <class R, class Kernel>
void check_batchnorm_dY(Kernel kernel, bool inside) {
    using namespace leibniz;
    namespace bn = leibniz::derivations::batchnorm;
    for (auto [B, M, seed] : {std::tuple{6, 5, 17u}, std::tuple{3, 1, 4u}}) {
        INFO("B = " << B << ", M = " << M << (inside ? ", eps inside" : ", eps outside"));
        bn_forward::batch b = bn_forward::random_batch(B, M, seed, inside);
        const std::size_t nb = std::size_t(B), nm = std::size_t(M);
        std::vector<double> got(nb * nm), lib(nb * nm);
        kernel(nb, nm, b.Y.data(), b.beta.data(), b.G.data(), b.eps, b.gamma.data(), got.data());
        evaluate_into(bn::engine<R>::dY, output(lib, nb, nm), bn::Y = view(b.Y, nb, nm), bn::gamma = view(b.gamma, nm),
                      bn::beta = view(b.beta, nm), bn::dH = view(b.G, nb, nm), bn::eps = b.eps, over(bn::s, bn::t));
        auto full = [&] { return bn_forward::loss(b); };
        double to_fd = 0, to_lib = 0;
        for (std::size_t q = 0; q != got.size(); ++q) {
            to_fd = std::max(to_fd, bn_forward::relative_error(got[q], bn_forward::central(b.Y, q, full)));
            to_lib = std::max(to_lib, std::abs(got[q] - lib[q]));
        }
        CHECK(to_fd <= 1e-6);
        CHECK(to_lib <= 1e-12);
    }
}

TEST_CASE("emitted by the CLI: batch-norm dl/dY, both placements of eps in one translation unit") {
    namespace bn = leibniz::derivations::batchnorm;
    check_batchnorm_dY<bn::outside>(leibniz_generated::bn_dl_dY_outside<double>, false);
    check_batchnorm_dY<bn::inside>(leibniz_generated::bn_dl_dY_inside<double>, true);
}

/// ℓ = -Σ ȳ log softmax(h), computed with the max shift.
double cross_entropy(const std::vector<double>& h, const std::vector<double>& ybar) {
    const double top = *std::max_element(h.begin(), h.end());
    double s = 0;
    for (double x : h) s += std::exp(x - top);
    double l = 0;
    for (std::size_t k = 0; k != h.size(); ++k) l -= ybar[k] * (h[k] - top - std::log(s));
    return l;
}

TEST_CASE("emitted by the CLI: softmax cross-entropy dl/dh, finite with logits of +-1000") {
    std::vector<double> ybar{0.1, 0.2, 0.3, 0.4};
    std::vector<double> h{0.3, -1.2, 2.0, 0.7}, g(4);
    leibniz_generated::softmax_3_1_05_dy_dh_l_t_dl_dy_y_bar_y<double>(4, h.data(), ybar.data(), g.data());
    for (std::size_t k = 0; k != 4; ++k) {
        std::vector<double> hp = h, hm = h;
        hp[k] += 1e-6;
        hm[k] -= 1e-6;
        CHECK(g[k] == Approx((cross_entropy(hp, ybar) - cross_entropy(hm, ybar)) / 2e-6).epsilon(1e-6));
    }
    // y = softmax(h) = (e/(1+e), 0, 1/(1+e), 0) for h = (1000, -1000, 999, 0)
    std::vector<double> big{1000.0, -1000.0, 999.0, 0.0}, onehot{0.0, 0.0, 1.0, 0.0};
    std::vector<float> bigf(big.begin(), big.end()), onehotf(onehot.begin(), onehot.end()), gf(4);
    leibniz_generated::softmax_3_1_05_dy_dh_l_t_dl_dy_y_bar_y<double>(4, big.data(), onehot.data(), g.data());
    leibniz_generated::softmax_3_1_05_dy_dh_l_t_dl_dy_y_bar_y<float>(4, bigf.data(), onehotf.data(), gf.data());
    const double e = std::exp(1.0), y0 = e / (1 + e), y2 = 1 / (1 + e);
    const double want[4] = {y0, 0.0, y2 - 1, 0.0};
    for (std::size_t k = 0; k != 4; ++k) {
        INFO("k = " << k);
        CHECK(std::isfinite(g[k]));
        CHECK(std::isfinite(gf[k]));
        CHECK(g[k] == Approx(want[k]).margin(1e-15));
        CHECK(gf[k] == Approx(want[k]).margin(1e-6));
    }
}

TEST_CASE("emitted by the CLI: dl/dW1 of a ReLU layer") {
    const std::size_t D0 = 5, D1 = 4;
    std::mt19937 rng(11);
    std::normal_distribution<double> n;
    std::vector<double> W(D1 * D0), b(D1), G(D1), x(D0), got(D1 * D0);
    for (double& v : W) v = n(rng);
    for (double& v : b) v = 0.5 * n(rng);
    for (double& v : G) v = n(rng);
    for (double& v : x) v = n(rng);
    leibniz_generated::mlp_3_2_03_dl_dw_1_sigma_z_1_odot<double>(D0, D1, W.data(), b.data(), G.data(), x.data(), got.data());
    // ℓ = Σ_i G_i relu((W x + b)_i): ∂ℓ/∂h1 = G
    auto loss = [&] {
        double l = 0;
        for (std::size_t i = 0; i != D1; ++i) {
            double z = b[i];
            for (std::size_t j = 0; j != D0; ++j) z += W[i * D0 + j] * x[j];
            l += G[i] * std::max(z, 0.0);
        }
        return l;
    };
    int active = 0;
    for (std::size_t q = 0; q != W.size(); ++q) {
        const double keep = W[q];
        W[q] = keep + 1e-6;
        const double up = loss();
        W[q] = keep - 1e-6;
        const double down = loss();
        W[q] = keep;
        CHECK(got[q] == Approx((up - down) / 2e-6).margin(1e-7));
        active += got[q] != 0.0;
    }
    CHECK(active > 0);                // some units are on
    CHECK(active < int(W.size()));    // and some off: the mask is exercised
}

}  // namespace
