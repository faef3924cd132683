// Monte Carlo check of section 1.2: every moment the engine derives is
// compared with a seeded simulation of 10^6 draws, to within 4 standard
// errors. The engine's formulas are evaluated with leibniz::evaluate.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include <leibniz/evaluate.hpp>

#include "../../derivations/dropout.hpp"

namespace {
using namespace leibniz::derivations::dropout;
using leibniz::at;
using leibniz::evaluate;
using leibniz::pi;

constexpr int draws = 1000000;
constexpr double pi_value = std::numbers::pi;

/// Running sums of v, v², v³, v⁴ and the estimates (with standard errors) they give.
struct sample {
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    int n = 0;
    void add(double v) {
        double v2 = v * v;
        s1 += v;
        s2 += v2;
        s3 += v2 * v;
        s4 += v2 * v2;
        ++n;
    }
    double mean() const { return s1 / n; }
    double raw2() const { return s2 / n; }
    double raw3() const { return s3 / n; }
    double raw4() const { return s4 / n; }
    double var() const { return raw2() - mean() * mean(); }
    double se_mean() const { return std::sqrt(var() / n); }
    double se_raw2() const { return std::sqrt((raw4() - raw2() * raw2()) / n); }
    double central4() const {
        double m = mean();
        return raw4() - 4 * m * raw3() + 6 * m * m * raw2() - 3 * m * m * m * m;
    }
    double se_var() const { return std::sqrt((central4() - var() * var()) / n); }
};

/// |estimate - exact| within 4 standard errors (and the error is not zero: the check has teeth).
void check_within(const char* what, double estimate, double se, double exact) {
    INFO(what << ": simulated " << estimate << " +- " << se << ", engine " << exact);
    CHECK(se > 0);
    CHECK(std::abs(estimate - exact) <= 4 * se);
}
}  // namespace

TEST_CASE("1.2: moments of h = max(z, 0) for z ~ N(0, 1)") {
    std::mt19937_64 rng(20250119);
    std::normal_distribution<double> normal01(0.0, 1.0);
    sample h;
    for (int n = 0; n < draws; ++n) h.add(std::max(normal01(rng), 0.0));
    double E_h = evaluate(engine::E_h, pi = pi_value);
    double E_h2 = evaluate(engine::E_h2);
    double Var_h = evaluate(engine::Var_h, pi = pi_value);
    CHECK(E_h == Approx(1 / std::sqrt(2 * pi_value)));
    check_within("E[h]", h.mean(), h.se_mean(), E_h);
    check_within("E[h^2]", h.raw2(), h.se_raw2(), E_h2);
    check_within("Var(h)", h.var(), h.se_var(), Var_h);
    // the simulation can tell the engine's values from nearby wrong ones
    CHECK(std::abs(h.mean() - 0.5) > 4 * h.se_mean());
    CHECK(std::abs(h.var() - 0.5) > 4 * h.se_var());
}

TEST_CASE("1.2: moments of the dropout output h~ = m / (1 - p) h") {
    for (double drop : {0.3, 0.5, 0.8}) {
        std::mt19937_64 rng(7 + static_cast<unsigned long long>(drop * 100));
        std::normal_distribution<double> normal01(0.0, 1.0);
        std::bernoulli_distribution keep(1 - drop);
        sample ht;
        for (int n = 0; n < draws; ++n) {
            double hv = std::max(normal01(rng), 0.0);
            double mv = keep(rng) ? 1.0 : 0.0;
            ht.add(mv / (1 - drop) * hv);
        }
        INFO("p = " << drop);
        double E_ht = evaluate(engine::E_h_tilde, pi = pi_value);
        double Var_ht = evaluate(engine::Var_h_tilde, p = drop, pi = pi_value);
        CHECK(Var_ht == Approx(0.5 / (1 - drop) - 1 / (2 * pi_value)));
        check_within("E[h~]", ht.mean(), ht.se_mean(), E_ht);
        check_within("Var(h~)", ht.var(), ht.se_var(), Var_ht);
        // E[h~^2] = Var + E^2
        check_within("E[h~^2]", ht.raw2(), ht.se_raw2(), Var_ht + E_ht * E_ht);
        // dropout inflates the variance: the undropped value is far outside the error bars
        CHECK(std::abs(ht.var() - evaluate(engine::Var_h, pi = pi_value)) > 4 * ht.se_var());
    }
}

TEST_CASE("1.2: covariance of z = W x and of h = max(W x, 0), for a W without orthonormal rows") {
    // M = 2 units, N = 3 inputs
    const std::vector<double> w = {0.9, -0.4, 0.3, 0.2, 0.7, -1.1};
    auto Wv = leibniz::view(w, 2, 3);
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal01(0.0, 1.0);
    sample z1, z2, z12, h1;
    for (int n = 0; n < draws; ++n) {
        double x[3] = {normal01(rng), normal01(rng), normal01(rng)};
        double a = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
        double b = w[3] * x[0] + w[4] * x[1] + w[5] * x[2];
        z1.add(a);
        z2.add(b);
        z12.add(a * b);  // E[z] = 0, so E[z1 z2] is the covariance
        h1.add(std::max(a, 0.0));
    }
    check_within("E[z_1]", z1.mean(), z1.se_mean(), evaluate(engine::E_z, W = Wv, at(i = 1)));
    check_within("Var(z_1)", z1.raw2(), z1.se_raw2(), evaluate(engine::Cov_z, W = Wv, at(i = 1, k = 1)));
    check_within("Var(z_2)", z2.raw2(), z2.se_raw2(), evaluate(engine::Cov_z, W = Wv, at(i = 2, k = 2)));
    check_within("Cov(z_1, z_2)", z12.mean(), z12.se_mean(), evaluate(engine::Cov_z, W = Wv, at(i = 1, k = 2)));
    // W W^T != I here, so the document's Var(z) = I fails visibly
    CHECK(std::abs(z12.mean()) > 4 * z12.se_mean());
    CHECK(std::abs(z1.raw2() - 1) > 4 * z1.se_raw2());
    // E[h_1] = s_1 / sqrt(2 pi) with s_1^2 = (W W^T)_11, not 1 / sqrt(2 pi)
    double E_h1 = evaluate(engine::E_h_unscaled, W = Wv, pi = pi_value, at(i = 1));
    check_within("E[h_1]", h1.mean(), h1.se_mean(), E_h1);
    CHECK(std::abs(h1.mean() - evaluate(document::E_h, pi = pi_value)) > 4 * h1.se_mean());
}

TEST_CASE("1.2: independent units: Cov(h_i, h_k) and Cov(h~_i, h~_k) vanish off the diagonal") {
    const double drop = 0.4;
    std::mt19937_64 rng(99);
    std::normal_distribution<double> normal01(0.0, 1.0);
    std::bernoulli_distribution keep(1 - drop);
    sample a, b, ab, ta, tb, tab;
    for (int n = 0; n < draws; ++n) {
        double h1 = std::max(normal01(rng), 0.0), h2 = std::max(normal01(rng), 0.0);
        double t1 = (keep(rng) ? h1 : 0.0) / (1 - drop), t2 = (keep(rng) ? h2 : 0.0) / (1 - drop);
        a.add(h1);
        b.add(h2);
        ab.add(h1 * h2);
        ta.add(t1);
        tb.add(t2);
        tab.add(t1 * t2);
    }
    double off = evaluate(engine::Cov_h, pi = pi_value, M = 2, at(i = 1, k = 2));
    double diag = evaluate(engine::Cov_h, pi = pi_value, M = 2, at(i = 2, k = 2));
    CHECK(off == 0.0);
    CHECK(diag == Approx(0.5 - 1 / (2 * pi_value)));
    // for independent units the sample covariance has standard error sqrt(Var(h_1) Var(h_2) / n)
    check_within("Cov(h_1, h_2)", ab.mean() - a.mean() * b.mean(), std::sqrt(a.var() * b.var() / draws), off);
    double toff = evaluate(engine::Cov_h_tilde, pi = pi_value, p = drop, M = 2, at(i = 1, k = 2));
    CHECK(toff == 0.0);
    check_within("Cov(h~_1, h~_2)", tab.mean() - ta.mean() * tb.mean(), std::sqrt(ta.var() * tb.var() / draws), toff);
    check_within("Var(h~_2)", tb.var(), tb.se_var(), evaluate(engine::Cov_h_tilde, pi = pi_value, p = drop, M = 2, at(i = 2, k = 2)));
}
