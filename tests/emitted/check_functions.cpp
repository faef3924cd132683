// The emitted gradients of a layer that uses every function of the op table
// (tests/support/function_layer.hpp): in float and double equal to the
// in-library evaluator, and in double to central differences of the
// layer's plain C++ forward pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <leibniz/evaluate.hpp>

#include "fn_dW.hpp"
#include "fn_db.hpp"
#include "fn_loss.hpp"
#include "fn_nan.hpp"
#include "support/function_layer.hpp"

namespace {
using namespace leibniz;
namespace fl = function_layer;

template <class T>
std::vector<T> as(const std::vector<double>& v) {
    return std::vector<T>(v.begin(), v.end());
}

template <class T>
struct gradients {
    std::vector<T> dW, db;
};

template <class T>
gradients<T> emitted(const fl::sample& s) {
    const std::vector<T> W = as<T>(s.W), b = as<T>(s.b), v = as<T>(s.v), x = as<T>(s.x);
    gradients<T> g{std::vector<T>(s.H * s.N), std::vector<T>(s.H)};
    leibniz_generated::fn_dW<T>(s.H, s.N, W.data(), b.data(), v.data(), x.data(), g.dW.data());
    leibniz_generated::fn_db<T>(s.H, s.N, W.data(), b.data(), v.data(), x.data(), g.db.data());
    return g;
}

template <class T>
gradients<T> in_library(const fl::sample& s) {
    const std::vector<T> W = as<T>(s.W), b = as<T>(s.b), v = as<T>(s.v), x = as<T>(s.x);
    gradients<T> g{std::vector<T>(s.H * s.N), std::vector<T>(s.H)};
    evaluate_into(into(output(g.dW, s.H, s.N), fl::dW, over(fl::s, fl::t)), into(output(g.db, s.H), fl::db, over(fl::s)),
                  fl::W = view(W, s.H, s.N), fl::b = view(b, s.H), fl::v = view(v, s.H), fl::x = view(x, s.N));
    return g;
}

/// The largest difference, relative to the larger magnitude (absolute below 1).
template <class A, class B>
double worst(const std::vector<A>& a, const std::vector<B>& b) {
    double w = 0;
    for (std::size_t q = 0; q != a.size(); ++q) {
        const double p = double(a[q]), r = double(b[q]);
        w = std::max(w, std::abs(p - r) / std::max({1.0, std::abs(p), std::abs(r)}));
    }
    return w;
}

TEMPLATE_TEST_CASE("emitted gradients of a layer with every table function equal the in-library evaluator", "", double, float) {
    const double tol = sizeof(TestType) == 4 ? 1e-5 : 1e-13;
    for (unsigned seed : {1u, 2u, 3u}) {
        const fl::sample s(seed);
        const gradients<TestType> e = emitted<TestType>(s), l = in_library<TestType>(s);
        INFO("seed " << seed);
        CHECK(worst(e.dW, l.dW) <= tol);
        CHECK(worst(e.db, l.db) <= tol);
    }
}

TEST_CASE("the emitted loss of a layer with every table function equals its forward pass") {
    for (unsigned seed : {1u, 2u, 3u}) {
        const fl::sample s(seed);
        double loss = 0;
        leibniz_generated::fn_loss<double>(s.H, s.N, s.W.data(), s.b.data(), s.v.data(), s.x.data(), &loss);
        INFO("seed " << seed);
        CHECK(loss == Approx(s.loss()).epsilon(1e-13));
    }
}

TEST_CASE("emitted gradients of a layer with every table function match finite differences") {
    int used = 0;
    for (unsigned seed = 1; used != 3; ++seed) {
        const fl::sample s(seed);
        if (s.margin() < 0.01) continue;  // central differences straddle a kink
        ++used;
        const gradients<double> e = emitted<double>(s);
        INFO("seed " << seed);
        CHECK(worst(e.dW, s.central(&fl::sample::W)) <= 1e-6);
        CHECK(worst(e.db, s.central(&fl::sample::b)) <= 1e-6);
    }
}

TEMPLATE_TEST_CASE("emitted relu, step, max and min keep a NaN argument", "", double, float) {
    using T = TestType;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    const std::vector<T> w{nan, T(-1), T(2), T(1)}, v{T(1), nan, T(0.5), T(3)};
    std::vector<T> out(4);
    leibniz_generated::fn_relu<T>(4, w.data(), out.data());
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == T(0));
    CHECK(out[2] == T(2));
    leibniz_generated::fn_step_mask<T>(4, v.data(), w.data(), out.data());
    CHECK(std::isnan(out[0]));  // step(NaN) 1
    CHECK(std::isnan(out[1]));  // step(-1) NaN = 0 NaN
    CHECK(out[2] == T(0.5));
    CHECK(out[3] == T(3));
    leibniz_generated::fn_max<T>(4, v.data(), w.data(), out.data());
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == T(2));
    CHECK(out[3] == T(3));
    leibniz_generated::fn_min<T>(4, v.data(), w.data(), out.data());
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == T(0.5));
    CHECK(out[3] == T(1));
}

}  // namespace
