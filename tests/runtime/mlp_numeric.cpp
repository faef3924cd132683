// The engine's fully expanded gradients of a 3-layer ReLU network with a
// softmax cross-entropy on top (widths 4 -> 5 -> 3 -> 5), evaluated, against
// central differences of an independent forward pass: every element of
// every W_i, b_i and h_i.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include <leibniz/leibniz.hpp>

#include "../../derivations/mlp.hpp"
#include "../support/finite_difference.hpp"

namespace {
using namespace leibniz;
using leibniz::testing::central_difference;
using leibniz::testing::relative_error;
using N = derivations::mlp::network<3>;

constexpr std::size_t widths[4] = {4, 5, 3, 5};
constexpr double step = 1e-5;
constexpr double tolerance = 1e-6;

/// Parameters and input, row-major as the engine's views read them.
struct net_data {
    std::vector<double> x, W[4], b[4], ybar;
};

net_data random_data(unsigned seed, bool normalized_targets) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.1, 1.0);
    net_data d;
    for (std::size_t k = 0; k != widths[0]; ++k) d.x.push_back(normal(gen));
    for (int n = 1; n <= 3; ++n) {
        for (std::size_t k = 0; k != widths[n] * widths[n - 1]; ++k) d.W[n].push_back(normal(gen));
        for (std::size_t k = 0; k != widths[n]; ++k) d.b[n].push_back(0.5 * normal(gen));
    }
    double total = 0;
    for (std::size_t k = 0; k != widths[3]; ++k) {
        d.ybar.push_back(uniform(gen));
        total += d.ybar.back();
    }
    if (normalized_targets)
        for (double& v : d.ybar) v /= total;
    return d;
}

/// The forward pass, written out: z_n = W_n h_{n-1} + b_n, h_n = max(z_n, 0),
/// y = softmax(h_3), ℓ = -Σ ȳ log y. `from` > 0 starts at layer `from` with
/// the given activations h_from instead of computing them.
struct forward_pass {
    std::vector<double> h[4], z[4];
    double loss = 0;
};

forward_pass forward(const net_data& d, int from = 0, const std::vector<double>* h_from = nullptr) {
    forward_pass f;
    f.h[0] = d.x;
    if (from > 0) f.h[from] = *h_from;
    for (int n = from + 1; n <= 3; ++n) {
        f.z[n].assign(widths[n], 0.0);
        f.h[n].assign(widths[n], 0.0);
        for (std::size_t r = 0; r != widths[n]; ++r) {
            double s = d.b[n][r];
            for (std::size_t c = 0; c != widths[n - 1]; ++c) s += d.W[n][r * widths[n - 1] + c] * f.h[n - 1][c];
            f.z[n][r] = s;
            f.h[n][r] = s > 0 ? s : 0;
        }
    }
    double norm = 0;
    for (double v : f.h[3]) norm += std::exp(v);
    for (std::size_t k = 0; k != widths[3]; ++k) f.loss -= d.ybar[k] * std::log(std::exp(f.h[3][k]) / norm);
    return f;
}

/// Every pre-activation is away from ReLU's kink by more than the step (so
/// central differences see one side only).
bool clear_of_kinks(const net_data& d) {
    forward_pass f = forward(d);
    for (int n = 1; n <= 3; ++n)
        for (double v : f.z[n])
            if (std::abs(v) < 1e3 * step) return false;
    return true;
}

auto bindings(const net_data& d) {
    return boost::hana::make_map(N::h<0> = view(d.x, widths[0]),                          //
                                 N::W<1> = view(d.W[1], widths[1], widths[0]), N::b<1> = view(d.b[1], widths[1]),
                                 N::W<2> = view(d.W[2], widths[2], widths[1]), N::b<2> = view(d.b[2], widths[2]),
                                 N::W<3> = view(d.W[3], widths[3], widths[2]), N::b<3> = view(d.b[3], widths[3]),
                                 N::ybar = view(d.ybar, widths[3]));
}

/// Over all elements: the largest relative error of the engine's gradient
/// against central differences, and the largest gradient (so that a
/// vanishing gradient cannot pass unnoticed).
struct comparison {
    double worst = 0, largest = 0;
    void add(double engine, double fd) {
        worst = std::max(worst, relative_error(engine, fd));
        largest = std::max(largest, std::abs(fd));
    }
};

template <int n, class Grad>
comparison compare_dW(net_data d, Grad grad) {
    comparison out;
    for (std::size_t r = 0; r != widths[n]; ++r)
        for (std::size_t c = 0; c != widths[n - 1]; ++c) {
            double& w = d.W[n][r * widths[n - 1] + c];
            const double w0 = w;
            double fd = central_difference(
                [&](double v) {
                    w = v;
                    return forward(d).loss;
                },
                w0, step);
            w = w0;
            out.add(evaluate(grad, bindings(d), at(N::x<n> = int(r) + 1, N::y<n - 1> = int(c) + 1)), fd);
        }
    return out;
}

template <int n, class Grad>
comparison compare_db(net_data d, Grad grad) {
    comparison out;
    for (std::size_t r = 0; r != widths[n]; ++r) {
        double& b = d.b[n][r];
        const double b0 = b;
        double fd = central_difference(
            [&](double v) {
                b = v;
                return forward(d).loss;
            },
            b0, step);
        b = b0;
        out.add(evaluate(grad, bindings(d), at(N::x<n> = int(r) + 1)), fd);
    }
    return out;
}

/// ∂ℓ/∂h_n: h_n perturbed, the layers above it recomputed.
template <int n, class Grad>
comparison compare_dh(const net_data& d, Grad grad) {
    std::vector<double> h = forward(d).h[n];
    comparison out;
    for (std::size_t r = 0; r != widths[n]; ++r) {
        const double h0 = h[r];
        double fd = central_difference(
            [&](double v) {
                h[r] = v;
                return forward(d, n, &h).loss;
            },
            h0, step);
        h[r] = h0;
        out.add(evaluate(grad, bindings(d), at(N::k<n> = int(r) + 1)), fd);
    }
    return out;
}

void check(const comparison& c) {
    CHECK(c.worst <= tolerance);
    CHECK(c.largest > 1e-3);
}

TEST_CASE("the independent forward pass agrees with the engine's ℓ") {
    net_data d = random_data(3u, true);
    CHECK(evaluate(N::ell, bindings(d)) == Approx(forward(d).loss).epsilon(1e-12));
}

TEST_CASE("3-layer network 4-5-3-5: every gradient of W_i, b_i, h_i matches central differences") {
    // seeds whose pre-activations are all clear of 0 and most units active
    for (unsigned seed : {3u, 6u, 14u}) {
        net_data d = random_data(seed, true);
        REQUIRE(clear_of_kinks(d));
        INFO("seed " << seed);
        check(compare_dW<1>(d, N::full_dW<1>));
        check(compare_dW<2>(d, N::full_dW<2>));
        check(compare_dW<3>(d, N::full_dW<3>));
        check(compare_db<1>(d, N::full_db<1>));
        check(compare_db<2>(d, N::full_db<2>));
        check(compare_db<3>(d, N::full_db<3>));
        check(compare_dh<1>(d, N::full_dh<1>));
        check(compare_dh<2>(d, N::full_dh<2>));
        check(compare_dh<3>(d, N::full_dh<3>));
    }
}

TEST_CASE("targets that do not sum to one: y - ȳ is wrong, y Σ ȳ - ȳ is right") {
    net_data d = random_data(8u, false);
    REQUIRE(clear_of_kinks(d));
    check(compare_dh<3>(d, N::full_dh_raw<3>));
    check(compare_dh<1>(d, N::full_dh_raw<1>));
    // the formula derived under Σ ȳ = 1 is off when it does not hold
    CHECK(compare_dh<3>(d, N::full_dh<3>).worst > 1e-3);
}

}  // namespace
