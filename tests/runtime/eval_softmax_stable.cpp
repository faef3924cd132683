// evaluate (one value at a point) computes softmax shapes shifted by their
// maximum too: exp(a) ... / (Σ_j exp(b_j))^k and log Σ_j exp(b_j) give
// finite, correct values for logits of ±1000, where exp(1000) overflows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <derivations/softmax.hpp>
#include <leibniz/evaluate.hpp>

namespace {
using namespace leibniz;
namespace sm = leibniz::derivations::softmax;

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

const std::vector<double> targets = {0.1, 0.2, 0.3, 0.4};

TEST_CASE("evaluate: softmax, its gradients and the cross-entropy at logits of +-1000") {
    for (const std::vector<double>& h : std::vector<std::vector<double>>{
             {1000, -1000, 0, 999}, {-1000, -1001, -999.5, -1000}, {1000, 1000, 1000, 1000}, {0.5, -0.25, 2, 1}}) {
        reference r(h);
        INFO("h = " << h[0] << ", " << h[1] << ", " << h[2] << ", " << h[3]);
        double want_loss = 0;
        for (std::size_t k = 0; k != 4; ++k) want_loss -= targets[k] * r.log_y[k];
        const double loss = evaluate(sm::ell, sm::h = view(h, 4), sm::ybar = view(targets, 4));
        CHECK(std::isfinite(loss));
        CHECK(loss == Approx(want_loss).epsilon(1e-12));
        for (long long k = 1; k <= 4; ++k) {
            const std::size_t q = std::size_t(k - 1);
            const double y = evaluate(sm::y(sm::i), sm::h = view(h, 4), at(sm::i = k));
            const double g = evaluate(sm::dl_dh_normalized, sm::h = view(h, 4), sm::ybar = view(targets, 4), at(sm::k = k));
            const double g_raw = evaluate(sm::dl_dh, sm::h = view(h, 4), sm::ybar = view(targets, 4), at(sm::k = k));
            CHECK(y == Approx(r.y[q]).margin(1e-15));
            CHECK(g == Approx(r.y[q] - targets[q]).margin(1e-15));
            CHECK(g_raw == Approx(r.y[q] - targets[q]).margin(1e-12));  // Σ ȳ = 1 here
            for (long long i = 1; i <= 4; ++i) {
                // exp(h_i) δ_ik / Σ exp - exp(h_i) exp(h_k) / (Σ exp)^2, as differentiated
                const double jac = evaluate(sm::dy_dh_unfolded, sm::h = view(h, 4), at(sm::i = i, sm::k = k));
                const std::size_t p = std::size_t(i - 1);
                CHECK(jac == Approx((p == q ? r.y[p] : 0.0) - r.y[p] * r.y[q]).margin(1e-15));
            }
        }
    }
}

TEST_CASE("evaluate: a quotient of exponentials whose powers do not cancel keeps its scale") {
    // exp(h_1) / (Σ exp)^2 = y_1 / Σ exp: for h of order 1 the shift changes nothing
    const std::vector<double> h{0.5, -0.25, 2, 1};
    double s = 0;
    for (double x : h) s += std::exp(x);
    const double got = evaluate(exp(sm::h(sm::i)) / pow<2>(sum(sm::j, exp(sm::h(sm::j)))), sm::h = view(h, 4), at(sm::i = 1));
    CHECK(got == Approx(std::exp(0.5) / (s * s)).epsilon(1e-14));
}

}  // namespace
