// The emitted gradients of a two-layer ReLU network with softmax
// cross-entropy (one sample, derivations/mlp.hpp): equal to the in-library
// evaluator in float and double, and to central differences of a forward
// pass written out here; logits of ±1000 stay finite.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <derivations/mlp.hpp>
#include <leibniz/evaluate.hpp>

#include "mlp_dW1.hpp"
#include "mlp_db2.hpp"

namespace {
using namespace leibniz;
using N = leibniz::derivations::mlp::network<2, false>;

struct sample {
    std::size_t D0 = 4, D1 = 5, D2 = 3;
    std::vector<double> x, W1, b1, W2, b2, ybar;
    explicit sample(unsigned seed, double scale = 1.0) {
        std::mt19937 rng(seed);
        std::normal_distribution<double> nd;
        auto fill = [&](std::vector<double>& v, std::size_t n, double s) {
            v.resize(n);
            for (double& e : v) e = s * nd(rng);
        };
        fill(x, D0, 1.0);
        fill(W1, D1 * D0, 0.8);
        fill(b1, D1, 0.3);
        fill(W2, D2 * D1, 0.8 * scale);
        fill(b2, D2, 0.3 * scale);
        ybar = {0.2, 0.5, 0.3};
    }
    /// ℓ = -Σ ȳ log softmax(relu(W2 relu(W1 x + b1) + b2)), stably.
    double loss() const {
        std::vector<double> h1(D1), h2(D2);
        for (std::size_t p = 0; p != D1; ++p) {
            double s = b1[p];
            for (std::size_t q = 0; q != D0; ++q) s += W1[p * D0 + q] * x[q];
            h1[p] = std::max(s, 0.0);
        }
        for (std::size_t p = 0; p != D2; ++p) {
            double s = b2[p];
            for (std::size_t q = 0; q != D1; ++q) s += W2[p * D1 + q] * h1[q];
            h2[p] = std::max(s, 0.0);
        }
        double top = *std::max_element(h2.begin(), h2.end()), se = 0;
        for (double v : h2) se += std::exp(v - top);
        double l = 0;
        for (std::size_t p = 0; p != D2; ++p) l -= ybar[p] * (h2[p] - top - std::log(se));
        return l;
    }
};

template <class T>
std::vector<T> as(const std::vector<double>& v) {
    return std::vector<T>(v.begin(), v.end());
}

template <class T>
void both(const sample& s, std::vector<T>& dW1, std::vector<T>& db2, std::vector<T>& lW1, std::vector<T>& lb2) {
    std::vector<T> x = as<T>(s.x), W1 = as<T>(s.W1), b1 = as<T>(s.b1), W2 = as<T>(s.W2), b2 = as<T>(s.b2), yb = as<T>(s.ybar);
    dW1.assign(s.D1 * s.D0, T(0));
    db2.assign(s.D2, T(0));
    lW1 = dW1;
    lb2 = db2;
    leibniz_generated::mlp_dW1<T>(s.D0, s.D1, s.D2, W1.data(), W2.data(), b1.data(), b2.data(), x.data(), yb.data(), dW1.data());
    leibniz_generated::mlp_db2<T>(s.D0, s.D1, s.D2, W1.data(), W2.data(), b1.data(), b2.data(), x.data(), yb.data(), db2.data());
    evaluate_into(into(output(lW1, s.D1, s.D0), N::full_dW<1>, over(N::x<1>, N::y<0>)), into(output(lb2, s.D2), N::full_db<2>, over(N::x<2>)),
                  N::h<0> = view(x, s.D0), N::W<1> = view(W1, s.D1, s.D0), N::b<1> = view(b1, s.D1), N::W<2> = view(W2, s.D2, s.D1),
                  N::b<2> = view(b2, s.D2), N::ybar = view(yb, s.D2));
}

TEMPLATE_TEST_CASE("emitted MLP gradients equal the in-library evaluator", "", double, float) {
    const double tol = sizeof(TestType) == 4 ? 1e-5 : 1e-13;
    for (unsigned seed : {1u, 2u, 3u}) {
        sample s(seed);
        std::vector<TestType> dW1, db2, lW1, lb2;
        both(s, dW1, db2, lW1, lb2);
        for (std::size_t q = 0; q != dW1.size(); ++q) CHECK(double(dW1[q]) == Approx(double(lW1[q])).margin(tol));
        for (std::size_t q = 0; q != db2.size(); ++q) CHECK(double(db2[q]) == Approx(double(lb2[q])).margin(tol));
    }
}

TEST_CASE("emitted MLP gradients match finite differences, and large logits stay finite") {
    for (double scale : {1.0, 1000.0}) {
        sample s(7, scale);
        std::vector<double> dW1, db2, lW1, lb2;
        both(s, dW1, db2, lW1, lb2);
        auto central = [&](std::vector<double>& v, std::size_t at_) {
            const double keep = v[at_], h = 1e-6 * std::max(1.0, std::abs(keep));
            v[at_] = keep + h;
            const double up = s.loss();
            v[at_] = keep - h;
            const double down = s.loss();
            v[at_] = keep;
            return (up - down) / (2 * h);
        };
        double w = 0;
        for (std::size_t q = 0; q != dW1.size(); ++q) {
            CHECK(std::isfinite(dW1[q]));
            w = std::max(w, std::abs(dW1[q] - central(s.W1, q)) / std::max(1.0, std::abs(dW1[q])));
        }
        for (std::size_t q = 0; q != db2.size(); ++q) {
            CHECK(std::isfinite(db2[q]));
            w = std::max(w, std::abs(db2[q] - central(s.b2, q)) / std::max(1.0, std::abs(db2[q])));
        }
        INFO("scale " << scale);
        CHECK(w <= 1e-5);
    }
}

}  // namespace
