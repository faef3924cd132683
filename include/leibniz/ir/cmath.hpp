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
inline constexpr double sqrt_pi = 1.772453850905516027298167483341145183;

constexpr double abs(double x) { return x < 0 ? -x : x; }

/// e^r - 1 for |r| <= 1/2, by its series (no cancellation near 0).
constexpr double expm1_series(double r) {
    double term = r, sum = r;
    for (int n = 2; n < 30; ++n) {
        term *= r / n;
        sum += term;
    }
    return sum;
}

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

constexpr double expm1(double x) { return abs(x) <= 0.5 ? expm1_series(x) : exp(x) - 1; }

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

/// log(1 + x), accurate for small x.
constexpr double log1p(double x) {
    if (x > -0.25 && x < 0.5) return two_atanh(x / (2 + x));
    return log(1 + x);
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

constexpr double tanh(double x) {
    if (x != x) return x;
    // tanh|x| = -expm1(-2|x|) / (2 + expm1(-2|x|))
    double a = abs(x);
    if (a > 20) return x < 0 ? -1 : 1;
    double m = expm1(-2 * a), t = -m / (2 + m);
    return x < 0 ? -t : t;
}

/// The logistic function 1 / (1 + e^-x), without overflow for large |x|.
constexpr double sigmoid(double x) {
    double e = exp(-abs(x));
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/// log(1 + e^x), without overflow for large x.
constexpr double softplus(double x) { return (x > 0 ? x : 0) + log1p(exp(-abs(x))); }

constexpr double erf(double x) {
    if (x != x) return x;
    double a = abs(x), r = 0;
    if (a < 2.5) {
        // 2/√π Σ (-1)^n a^(2n+1) / (n! (2n+1))
        double term = a, sum = a;
        for (int n = 1; n < 120; ++n) {
            term *= -a * a / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (abs(next) < 1e-18 * abs(sum)) break;
        }
        r = 2 / sqrt_pi * sum;
    } else if (a < 6) {
        // erfc a = e^(-a²)/√π / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...))))
        double k = a;
        for (int n = 120; n >= 1; --n) k = a + (n / 2.0) / k;
        r = 1 - exp(-a * a) / sqrt_pi / k;
    } else {
        r = 1;
    }
    return x < 0 ? -r : r;
}

/// x - 2πk with |result| <= π.
constexpr double reduce_angle(double x) {
    constexpr double two_pi = 2 * pi;
    double k = x / two_pi;
    long long n = static_cast<long long>(k + (k < 0 ? -0.5 : 0.5));
    return x - double(n) * two_pi;
}

constexpr double sin(double x) {
    if (!(abs(x) < 1e15)) return nan;
    double r = reduce_angle(x), term = r, sum = r;
    for (int n = 1; n < 30; ++n) {
        term *= -r * r / ((2 * n) * (2 * n + 1));
        sum += term;
    }
    return sum;
}

constexpr double cos(double x) {
    if (!(abs(x) < 1e15)) return nan;
    double r = reduce_angle(x), term = 1, sum = 1;
    for (int n = 1; n < 30; ++n) {
        term *= -r * r / ((2 * n - 1) * (2 * n));
        sum += term;
    }
    return sum;
}

}  // namespace leibniz::ir::cmath
