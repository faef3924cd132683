// evaluate_into on a batched two-layer ReLU network with softmax cross-entropy:
// all four parameter gradients in one plan (forward pass, softmax and the
// backward chain shared), by Eigen and by plain loops, against the point-wise
// evaluator and against central differences of a forward pass written out
// by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <leibniz/eigen.hpp>
#include <leibniz/leibniz.hpp>

#include "array_mlp_network.hpp"

namespace {
using namespace leibniz;
using namespace array_mlp;

struct net {
    std::size_t N = 6, D0 = 5, D1 = 4, D2 = 3;
    std::vector<double> X, W1, b1, W2, b2, T;
    net() {
        std::mt19937 rng(42);
        std::normal_distribution<double> nd;
        auto fill = [&](std::vector<double>& v, std::size_t size, double scale) {
            v.resize(size);
            for (double& e : v) e = scale * nd(rng);
        };
        fill(X, N * D0, 1.0);
        fill(W1, D1 * D0, 0.7);
        fill(b1, D1, 0.3);
        fill(W2, D2 * D1, 0.7);
        fill(b2, D2, 0.3);
        T.assign(N * D2, 0.0);
        for (std::size_t r = 0; r != N; ++r) T[r * D2 + r % D2] = 1.0;
    }
    /// The loss, computed directly.
    double loss() const {
        double l = 0;
        for (std::size_t r = 0; r != N; ++r) {
            std::vector<double> h(D1), z(D2);
            for (std::size_t p = 0; p != D1; ++p) {
                double s = b1[p];
                for (std::size_t q = 0; q != D0; ++q) s += W1[p * D0 + q] * X[r * D0 + q];
                h[p] = std::max(s, 0.0);
            }
            double top = -1e300;
            for (std::size_t p = 0; p != D2; ++p) {
                double s = b2[p];
                for (std::size_t q = 0; q != D1; ++q) s += W2[p * D1 + q] * h[q];
                z[p] = s;
                top = std::max(top, s);
            }
            double se = 0;
            for (double v : z) se += std::exp(v - top);
            for (std::size_t p = 0; p != D2; ++p) l -= T[r * D2 + p] * (z[p] - top - std::log(se));
        }
        return l;
    }
};

struct grads {
    std::vector<double> W1, b1, W2, b2;
};

template <class Backend>
grads all_four(const net& m, Backend backend) {
    grads g{std::vector<double>(m.D1 * m.D0), std::vector<double>(m.D1), std::vector<double>(m.D2 * m.D1), std::vector<double>(m.D2)};
    evaluate_into(into(output(g.W1, m.D1, m.D0), dW1, over(x1, x0)), into(output(g.b1, m.D1), db1, over(x1)),
                  into(output(g.W2, m.D2, m.D1), dW2, over(x2, x1)), into(output(g.b2, m.D2), db2, over(x2)), X = view(m.X, m.N, m.D0),
                  W1 = view(m.W1, m.D1, m.D0), b1 = view(m.b1, m.D1), W2 = view(m.W2, m.D2, m.D1), b2 = view(m.b2, m.D2),
                  Tg = view(m.T, m.N, m.D2), backend);
    return g;
}

double central(net& m, std::vector<double>& v, std::size_t at_) {
    const double keep = v[at_], h = 1e-6;
    v[at_] = keep + h;
    const double up = m.loss();
    v[at_] = keep - h;
    const double down = m.loss();
    v[at_] = keep;
    return (up - down) / (2 * h);
}

TEST_CASE("evaluate_into: MLP gradients match finite differences of the forward pass") {
    net m;
    grads g = all_four(m, eigen_contractions);
    double worst = 0;
    auto check = [&](const std::vector<double>& got, std::vector<double>& param) {
        for (std::size_t q = 0; q != param.size(); ++q) worst = std::max(worst, std::abs(got[q] - central(m, param, q)));
    };
    check(g.W1, m.W1);
    check(g.b1, m.b1);
    check(g.W2, m.W2);
    check(g.b2, m.b2);
    CHECK(worst <= 1e-6);
}

TEST_CASE("evaluate_into: MLP gradients by Eigen equal the loops and the point-wise evaluator") {
    net m;
    grads e = all_four(m, eigen_contractions), l = all_four(m, loops_backend{});
    for (std::size_t q = 0; q != e.W1.size(); ++q) CHECK(e.W1[q] == Approx(l.W1[q]).margin(1e-13));
    for (std::size_t q = 0; q != e.W2.size(); ++q) CHECK(e.W2[q] == Approx(l.W2[q]).margin(1e-13));
    for (std::size_t q = 0; q != e.b1.size(); ++q) CHECK(e.b1[q] == Approx(l.b1[q]).margin(1e-13));
    for (std::size_t q = 0; q != e.b2.size(); ++q) CHECK(e.b2[q] == Approx(l.b2[q]).margin(1e-13));
    auto bind = [&](auto expr, auto... at_) {
        return evaluate(expr, X = view(m.X, m.N, m.D0), W1 = view(m.W1, m.D1, m.D0), b1 = view(m.b1, m.D1), W2 = view(m.W2, m.D2, m.D1),
                        b2 = view(m.b2, m.D2), Tg = view(m.T, m.N, m.D2), at(at_...));
    };
    CHECK(e.W1[1 * m.D0 + 3] == Approx(bind(dW1, x1 = 2, x0 = 4)).margin(1e-13));
    CHECK(e.W2[2 * m.D1 + 0] == Approx(bind(dW2, x2 = 3, x1 = 1)).margin(1e-13));
}

}  // namespace
