// Derivative cases for the elementwise functions of the op table (tanh,
// sigmoid, erf, softplus, abs, sign, sin, cos, max, min) and for GELU and
// SiLU written with them, in the form of derivative_cases.hpp: the
// hand-derived result, and the LaTeX the engine's derivative prints as.
// Every case is smooth near sample_point (x = 1.7, y = 1.3, z = 0.6,
// gamma = 0.8): no kink of abs, max or min lies within a few percent of it.
#pragma once
#include <leibniz/stats/constants.hpp>

#include "derivative_cases.hpp"

namespace leibniz_test {

using leibniz::abs;
using leibniz::cos;
using leibniz::erf;
using leibniz::exp;
using leibniz::log;
using leibniz::max;
using leibniz::min;
using leibniz::pi;
using leibniz::pow;
using leibniz::sigmoid;
using leibniz::sign;
using leibniz::sin;
using leibniz::softplus;
using leibniz::sqrt;
using leibniz::step;
using leibniz::tanh;

/// GELU(u) = u/2 (1 + erf(u/√2)) and SiLU(u) = u σ(u), as a user writes them.
template <class U>
constexpr auto gelu(U u) {
    return u * c<1, 2> * (1_c + erf(u / sqrt(2_c)));
}
template <class U>
constexpr auto silu(U u) {
    return u * sigmoid(u);
}

inline constexpr auto function_cases = hana::make_tuple(
    dcase<R"(1 - \tanh(x)^{2})">(tanh(x), x, 1_c - tanh(x) * tanh(x)),
    dcase<R"(y (1 - \tanh(x y)^{2}))">(tanh(x * y), x, y * (1_c - pow<2>(tanh(x * y)))),
    dcase<R"(\sigma(x) (1 - \sigma(x)))">(sigmoid(x), x, sigmoid(x) * (1_c - sigmoid(x))),
    dcase<R"(2 x \sigma(x^{2} - y) (1 - \sigma(x^{2} - y)))">(sigmoid(x * x - y), x,
                                                               2_c * x * sigmoid(x * x - y) * (1_c - sigmoid(x * x - y))),
    dcase<R"(\frac{2 \exp(-x^{2})}{\sqrt{\pi}})">(erf(x), x, 2_c / sqrt(pi) * exp(-x * x)),
    dcase<R"(\frac{2 \gamma \exp(-\gamma^{2} x^{2})}{\sqrt{\pi}})">(erf(gam * x), x, 2_c * gam / sqrt(pi) * exp(-gam * gam * x * x)),
    dcase<R"(\sigma(x))">(softplus(x), x, sigmoid(x)),
    dcase<R"(x \sigma(\gamma x))">(softplus(gam * x), gam, x * sigmoid(gam * x)),
    dcase<R"(\operatorname{sign}(x - y))">(abs(x - y), x, sign(x - y)),
    dcase<R"(\operatorname{sign}(x - y))">(abs(y - x), x, sign(x - y)),
    dcase<R"(-3 \operatorname{sign}(3 x - 3 y))">(abs(3_c * y - 3_c * x), y, -3_c * sign(3_c * x - 3_c * y)),
    dcase<"0">(sign(x - y), x, 0_c),
    dcase<R"(\cos(x))">(sin(x), x, cos(x)),
    dcase<R"(-\sin(x))">(cos(x), x, -sin(x)),
    dcase<R"(2 x \cos(x^{2}))">(sin(x * x), x, 2_c * x * cos(x * x)),
    dcase<R"(\sin(x - y))">(cos(y - x), y, -sin(y - x)),
    dcase<R"(\mathbb{1}[x - y > 0])">(max(x, y), x, step(x - y)),
    dcase<R"(\mathbb{1}[y - x > 0])">(max(x, y), y, step(y - x)),
    dcase<R"(\mathbb{1}[y - x > 0])">(min(x, y), x, step(y - x)),
    dcase<R"(y \mathbb{1}[x y - z > 0])">(max(x * y, z), x, y * step(x * y - z)),
    dcase<R"(\mathbb{1}[x y - z > 0])">(min(x * y, z), z, step(x * y - z)),
    // chain rule through several functions
    dcase<R"(\frac{\sigma(x)}{\operatorname{softplus}(x)})">(log(softplus(x)), x, sigmoid(x) / softplus(x)),
    dcase<R"(\sigma(x) (1 - \sigma(x)) (1 - \tanh(\sigma(x))^{2}))">(tanh(sigmoid(x)), x,
                                                                    (1_c - pow<2>(tanh(sigmoid(x)))) * sigmoid(x) * (1_c - sigmoid(x))),
    dcase<R"(\exp(\sin(x)) \cos(x))">(exp(sin(x)), x, cos(x) * exp(sin(x))),
    // GELU and SiLU
    dcase<R"(\frac{x \exp(-\frac{1}{2} x^{2})}{\sqrt{2} \sqrt{\pi}} + \frac{1}{2} \operatorname{erf}(\frac{x}{\sqrt{2}}) + \frac{1}{2})">(
        gelu(x), x, c<1, 2> * (1_c + erf(x / sqrt(2_c))) + x * exp(-x * x / 2_c) / sqrt(2_c * pi)),
    dcase<R"(x \sigma(x) (1 - \sigma(x)) + \sigma(x))">(silu(x), x, sigmoid(x) + x * sigmoid(x) * (1_c - sigmoid(x))),
    // second derivatives
    dcase2<R"(-2 \tanh(x) (1 - \tanh(x)^{2}))">(tanh(x), x, x, -2_c * tanh(x) * (1_c - pow<2>(tanh(x)))),
    dcase2<R"(-\sin(x))">(sin(x), x, x, -sin(x)),
    dcase2<R"(\sigma(x) (1 - \sigma(x))^{2} - \sigma(x)^{2} (1 - \sigma(x)))">(sigmoid(x), x, x,
                                                             sigmoid(x) * (1_c - sigmoid(x)) * (1_c - 2_c * sigmoid(x))),
    dcase2<R"(\sigma(x) (1 - \sigma(x)))">(softplus(x), x, x, sigmoid(x) * (1_c - sigmoid(x))));

}  // namespace leibniz_test
