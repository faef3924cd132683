// Elementary functions usable during constant evaluation (<cmath> is not
// constexpr in C++20, nor on clang 14 as an extension): the numeric witness
// of `compare` and the op table's values use these. They are accurate to a
// few ulps on the arguments the witness produces; out of their domain they
// return NaN (the witness then skips the point).
#pragma once
#include <limits>

namespace leibniz::ir::cmath {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double infinity = std::numeric_limits<double>::infinity();
inline constexpr double ln2 = 0.693147180559945309417232121458;
inline constexpr double pi = 3.141592653589793238462643383279502884;

constexpr double abs(double x) { return x < 0 ? -x : x; }

constexpr double exp(double x) {
    if (x > 709) return infinity;
    if (x < -745) return 0;
    // x = k ln2 + r, |r| <= ln2/2
    long long k = static_cast<long long>(x / ln2 + (x < 0 ? -0.5 : 0.5));
    double r = x - double(k) * ln2, term = 1, sum = 1;
    for (int n = 1; n < 30; ++n) {
        term *= r / n;
        sum += term;
    }
    while (k > 0) {
        sum *= 2;
        --k;
    }
    while (k < 0) {
        sum /= 2;
        ++k;
    }
    return sum;
}

/// 2 atanh(z) = log((1 + z) / (1 - z)) for |z| < 1/3, by its series.
constexpr double two_atanh(double z) {
    double z2 = z * z, term = z, sum = 0;
    for (int n = 1; n < 80; n += 2) {
        sum += term / n;
        term *= z2;
    }
    return 2 * sum;
}

constexpr double log(double x) {
    if (!(x > 0)) return nan;
    if (x == infinity) return infinity;
    int e = 0;
    while (x > 1.5) {
        x /= 2;
        ++e;
    }
    while (x < 0.75) {
        x *= 2;
        --e;
    }
    return two_atanh((x - 1) / (x + 1)) + e * ln2;
}

constexpr double sqrt(double x) {
    if (x <= 0) return 0;
    double g = x > 1 ? x : 1;
    for (int i = 0; i < 200; ++i) {
        double n = 0.5 * (g + x / g);
        if (n == g) break;
        g = n;
    }
    return g;
}

constexpr double pow(double b, double e) {
    long long ie = static_cast<long long>(e);
    if (double(ie) == e && ie >= -64 && ie <= 64) {
        double r = 1;
        bool neg = ie < 0;
        if (neg) ie = -ie;
        for (long long i = 0; i < ie; ++i) r *= b;
        return neg ? 1 / r : r;
    }
    if (e == 0.5) return sqrt(b);
    return exp(e * log(b));
}

}  // namespace leibniz::ir::cmath
