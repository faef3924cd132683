// Finite differences, to check evaluated derivatives against the function
// they differentiate.
#pragma once
#include <algorithm>
#include <cmath>

namespace leibniz::testing {

/// (f(x0 + h) - f(x0 - h)) / 2h: error O(h^2) from truncation plus
/// O(eps / h) from rounding.
template <class F>
double central_difference(F f, double x0, double h) {
    return (f(x0 + h) - f(x0 - h)) / (2 * h);
}

/// Richardson extrapolation of two central differences (h and h/2):
/// error O(h^4), so a larger h keeps rounding small.
template <class F>
double richardson_difference(F f, double x0, double h) {
    double coarse = central_difference(f, x0, h), fine = central_difference(f, x0, h / 2);
    return (4 * fine - coarse) / 3;
}

/// |a - b| relative to the larger magnitude (absolute below 1).
inline double relative_error(double a, double b) {
    double scale = std::max({std::abs(a), std::abs(b), 1.0});
    return std::abs(a - b) / scale;
}

}  // namespace leibniz::testing
