// Softmax shapes are evaluated shifted by their maximum: logits of ±1000
// give finite, correct probabilities, gradients and cross-entropy (computed
// as is, exp(1000) overflows and the results are NaN).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <derivations/softmax.hpp>
#include <leibniz/evaluate.hpp>

namespace {
using namespace leibniz;
namespace sm = leibniz::derivations::softmax;

/// Softmax and log-softmax written out stably by hand.
struct reference {
    std::vector<double> y, log_y;
    explicit reference(const std::vector<double>& h) {
        double top = *std::max_element(h.begin(), h.end()), s = 0;
        for (double v : h) s += std::exp(v - top);
        for (double v : h) {
            log_y.push_back(v - top - std::log(s));
            y.push_back(std::exp(log_y.back()));
        }
    }
};

const std::vector<std::vector<double>> logits = {
    {1000, -1000, 0, 999}, {-1000, -1001, -999.5, -1000}, {1000, 1000, 1000, 1000}, {0.5, -0.25, 2, 1}};
const std::vector<double> targets = {0.1, 0.2, 0.3, 0.4};

TEST_CASE("evaluate_into: softmax of large logits") {
    for (const std::vector<double>& h : logits) {
        reference r(h);
        std::vector<double> y(4), g(4), g_raw(4), loss(1), jac(16);
        evaluate_into(sm::y(sm::i), y, sm::h = view(h, 4), over(sm::i));
        evaluate_into(sm::dl_dh_normalized, g, sm::h = view(h, 4), sm::ybar = view(targets, 4), over(sm::k));
        evaluate_into(sm::dl_dh, g_raw, sm::h = view(h, 4), sm::ybar = view(targets, 4), over(sm::k));
        evaluate_into(sm::ell, loss, sm::h = view(h, 4), sm::ybar = view(targets, 4), over());
        // ∂y_i/∂h_k as differentiated: exp(h_i) δ_ik / Σ exp - exp(h_i) exp(h_k) / (Σ exp)^2
        evaluate_into(sm::dy_dh_unfolded, output(jac, 4, 4), sm::h = view(h, 4), over(sm::i, sm::k));
        double want_loss = 0;
        for (std::size_t k = 0; k != 4; ++k) want_loss -= targets[k] * r.log_y[k];
        INFO("h = " << h[0] << ", " << h[1] << ", " << h[2] << ", " << h[3]);
        for (std::size_t k = 0; k != 4; ++k) {
            CHECK(y[k] == Approx(r.y[k]).margin(1e-15));
            CHECK(g[k] == Approx(r.y[k] - targets[k]).margin(1e-15));
            CHECK(g_raw[k] == Approx(r.y[k] * 1.0 - targets[k]).margin(1e-12));  // Σ ȳ = 1 here
            for (std::size_t i = 0; i != 4; ++i)
                CHECK(jac[i * 4 + k] == Approx((i == k ? r.y[i] : 0.0) - r.y[i] * r.y[k]).margin(1e-15));
        }
        CHECK(std::isfinite(loss[0]));
        CHECK(loss[0] == Approx(want_loss).epsilon(1e-12));
    }
}

TEST_CASE("evaluate_into: softmax in float does not overflow either") {
    std::vector<float> h{88.0f, -88.0f, 0.0f, 87.0f}, y(4), loss(1);  // exp(89) overflows a float
    std::vector<float> t(targets.begin(), targets.end());
    evaluate_into(sm::y(sm::i), y, sm::h = view(h, 4), over(sm::i));
    evaluate_into(sm::ell, loss, sm::h = view(h, 4), sm::ybar = view(t, 4), over());
    reference r({88, -88, 0, 87});
    for (std::size_t k = 0; k != 4; ++k) CHECK(y[k] == Approx(r.y[k]).margin(1e-6));
    double want = 0;
    for (std::size_t k = 0; k != 4; ++k) want -= targets[k] * r.log_y[k];
    CHECK(loss[0] == Approx(want).epsilon(1e-5));
}

}  // namespace
