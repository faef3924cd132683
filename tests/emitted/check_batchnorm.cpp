// The emitted batch-norm gradients, compiled: in float and double they must
// equal the in-library evaluator, and in double the central differences of
// an independent forward pass (tests/support/batchnorm_forward.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <leibniz/evaluate.hpp>

#include "bn_dY.hpp"
#include "bn_dbeta.hpp"
#include "bn_dgamma.hpp"
#include "support/batchnorm_forward.hpp"

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

/// The emitted functions: extents, then the inputs in alphabetical order.
template <class T>
gradients<T> emitted(const bn_forward::batch& b) {
    const std::size_t B = std::size_t(b.B), M = std::size_t(b.M);
    std::vector<T> Y = as<T>(b.Y), beta = as<T>(b.beta), G = as<T>(b.G), gamma = as<T>(b.gamma);
    gradients<T> g{std::vector<T>(M), std::vector<T>(M), std::vector<T>(B * M)};
    const T eps = static_cast<T>(b.eps);
    leibniz_generated::bn_dgamma<T>(B, M, Y.data(), beta.data(), G.data(), eps, gamma.data(), g.dgamma.data());
    leibniz_generated::bn_dbeta<T>(B, M, Y.data(), beta.data(), G.data(), eps, gamma.data(), g.dbeta.data());
    leibniz_generated::bn_dY<T>(B, M, Y.data(), beta.data(), G.data(), eps, gamma.data(), g.dY.data());
    return g;
}

template <class T>
gradients<T> in_library(const bn_forward::batch& b) {
    const std::size_t B = std::size_t(b.B), M = std::size_t(b.M);
    std::vector<T> Y = as<T>(b.Y), beta = as<T>(b.beta), G = as<T>(b.G), gamma = as<T>(b.gamma);
    gradients<T> g{std::vector<T>(M), std::vector<T>(M), std::vector<T>(B * M)};
    evaluate_into(into(output(g.dgamma, M), E::dgamma, over(bn::j)), into(output(g.dbeta, M), E::dbeta, over(bn::j)),
                  into(output(g.dY, B, M), E::dY, over(bn::s, bn::t)), bn::Y = view(Y, B, M), bn::gamma = view(gamma, M),
                  bn::beta = view(beta, M), bn::dH = view(G, B, M), bn::eps = static_cast<T>(b.eps));
    return g;
}

template <class T>
double worst(const std::vector<T>& a, const std::vector<T>& b) {
    double w = 0, s = 1;
    for (T x : b) s = std::max(s, std::abs(double(x)));
    for (std::size_t q = 0; q != a.size(); ++q) w = std::max(w, std::abs(double(a[q]) - double(b[q])) / s);
    return w;
}

TEMPLATE_TEST_CASE("emitted batch-norm gradients equal the in-library evaluator", "", double, float) {
    const double tol = sizeof(TestType) == 4 ? 1e-5 : 1e-13;
    for (auto [B, M, seed] : {std::tuple{1, 1, 1u}, std::tuple{4, 3, 2u}, std::tuple{32, 64, 3u}}) {
        bn_forward::batch b = bn_forward::random_batch(B, M, seed, true);
        gradients<TestType> e = emitted<TestType>(b), l = in_library<TestType>(b);
        INFO("B = " << B << ", M = " << M);
        CHECK(worst(e.dgamma, l.dgamma) <= tol);
        CHECK(worst(e.dbeta, l.dbeta) <= tol);
        CHECK(worst(e.dY, l.dY) <= tol);
    }
}

TEST_CASE("emitted batch-norm gradients match finite differences of the forward pass") {
    bn_forward::batch b = bn_forward::random_batch(6, 5, 17u, true);
    gradients<double> g = emitted<double>(b);
    auto full = [&] { return bn_forward::loss(b); };
    double w = 0;
    for (std::size_t j = 0; j != b.gamma.size(); ++j) {
        w = std::max(w, bn_forward::relative_error(g.dgamma[j], bn_forward::central(b.gamma, j, full)));
        w = std::max(w, bn_forward::relative_error(g.dbeta[j], bn_forward::central(b.beta, j, full)));
    }
    for (std::size_t q = 0; q != b.Y.size(); ++q) w = std::max(w, bn_forward::relative_error(g.dY[q], bn_forward::central(b.Y, q, full)));
    CHECK(w <= 1e-6);
}

}  // namespace
