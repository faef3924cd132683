// evaluate_into on the batch-norm gradients (sqrt(v + ε)): ∂ℓ/∂γ, ∂ℓ/∂β and
// ∂ℓ/∂Y in one plan, against the point-wise evaluator and against central
// differences of an independent forward pass; float and double; one result
// at a time gives the same numbers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <leibniz/evaluate.hpp>

#include "../support/batchnorm_forward.hpp"

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using E = bn::engine<bn::inside>;

template <class T>
struct gradients {
    std::vector<T> dgamma, dbeta, dY;
};

template <class T>
std::vector<T> as(const std::vector<double>& v) {
    return std::vector<T>(v.begin(), v.end());
}

/// All three gradients in one call, in T.
template <class T>
gradients<T> all_three(const bn_forward::batch& b) {
    const std::size_t B = static_cast<std::size_t>(b.B), M = static_cast<std::size_t>(b.M);
    std::vector<T> Y = as<T>(b.Y), gamma = as<T>(b.gamma), beta = as<T>(b.beta), G = as<T>(b.G);
    gradients<T> g{std::vector<T>(M), std::vector<T>(M), std::vector<T>(B * M)};
    evaluate_into(into(output(g.dgamma, M), E::dgamma, over(bn::j)), into(output(g.dbeta, M), E::dbeta, over(bn::j)),
                  into(output(g.dY, B, M), E::dY, over(bn::s, bn::t)), bn::Y = view(Y, B, M), bn::gamma = view(gamma, M),
                  bn::beta = view(beta, M), bn::dH = view(G, B, M), bn::eps = static_cast<T>(b.eps));
    return g;
}

double scale_of(const std::vector<double>& v) {
    double s = 1;
    for (double x : v) s = std::max(s, std::abs(x));
    return s;
}

TEST_CASE("evaluate_into: batch-norm gradients equal the point-wise evaluator") {
    for (auto [nb, nm, seed] : {std::tuple{1, 1, 1u}, std::tuple{2, 3, 2u}, std::tuple{5, 4, 3u}, std::tuple{8, 8, 4u}, std::tuple{33, 17, 5u}}) {
        const int B = nb, M = nm;  // not the bindings themselves: clang 14 cannot capture those
        bn_forward::batch b = bn_forward::random_batch(B, M, seed, true);
        gradients<double> g = all_three<double>(b);
        auto bind = [&](auto e, auto... at_) {
            return evaluate(e, bn::Y = view(b.Y, B, M), bn::gamma = view(b.gamma, M), bn::beta = view(b.beta, M),
                            bn::dH = view(b.G, B, M), bn::eps = b.eps, at(at_...));
        };
        double worst = 0;
        for (int j = 1; j <= M; ++j) {
            worst = std::max(worst, std::abs(g.dgamma[std::size_t(j - 1)] - bind(E::dgamma, bn::j = j)));
            worst = std::max(worst, std::abs(g.dbeta[std::size_t(j - 1)] - bind(E::dbeta, bn::j = j)));
        }
        for (int s = 1; s <= B; ++s)
            for (int t = 1; t <= M; ++t)
                worst = std::max(worst, std::abs(g.dY[std::size_t((s - 1) * M + t - 1)] - bind(E::dY, bn::s = s, bn::t = t)));
        INFO("B = " << B << ", M = " << M);
        CHECK(worst <= 1e-12 * std::max({scale_of(g.dY), scale_of(g.dgamma), scale_of(g.dbeta)}));
    }
}

TEST_CASE("evaluate_into: batch-norm gradients match finite differences of the forward pass") {
    const int B = 6, M = 5;
    bn_forward::batch b = bn_forward::random_batch(B, M, 11u, true);
    gradients<double> g = all_three<double>(b);
    auto full = [&] { return bn_forward::loss(b); };
    double worst = 0;
    for (int j = 0; j < M; ++j) {
        worst = std::max(worst, bn_forward::relative_error(g.dgamma[std::size_t(j)], bn_forward::central(b.gamma, std::size_t(j), full)));
        worst = std::max(worst, bn_forward::relative_error(g.dbeta[std::size_t(j)], bn_forward::central(b.beta, std::size_t(j), full)));
    }
    for (std::size_t at_ = 0; at_ != b.Y.size(); ++at_)
        worst = std::max(worst, bn_forward::relative_error(g.dY[at_], bn_forward::central(b.Y, at_, full)));
    CHECK(worst <= 1e-6);
}

TEST_CASE("evaluate_into: batch-norm gradients in float agree with double") {
    bn_forward::batch b = bn_forward::random_batch(16, 12, 7u, true);
    gradients<double> d = all_three<double>(b);
    gradients<float> f = all_three<float>(b);
    auto close = [](const std::vector<float>& x, const std::vector<double>& y) {
        double worst = 0, s = scale_of(y);
        for (std::size_t j = 0; j != y.size(); ++j) worst = std::max(worst, std::abs(double(x[j]) - y[j]) / s);
        return worst;
    };
    CHECK(close(f.dgamma, d.dgamma) <= 1e-4);
    CHECK(close(f.dbeta, d.dbeta) <= 1e-4);
    CHECK(close(f.dY, d.dY) <= 1e-4);
}

TEST_CASE("evaluate_into: one result at a time gives the same numbers as all three at once") {
    const int B = 7, M = 3;
    bn_forward::batch b = bn_forward::random_batch(B, M, 9u, true);
    gradients<double> g = all_three<double>(b);
    std::vector<double> dY(std::size_t(B * M));
    evaluate_into(E::dY, dY, bn::Y = view(b.Y, B, M), bn::gamma = view(b.gamma, M), bn::beta = view(b.beta, M),
                  bn::dH = view(b.G, B, M), bn::eps = b.eps, over(bn::s, bn::t));
    for (std::size_t j = 0; j != dY.size(); ++j) CHECK(dY[j] == Approx(g.dY[j]).epsilon(1e-13).margin(1e-13));
}

}  // namespace
