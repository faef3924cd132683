// Exact rational numbers for constants and exponents.
#pragma once
#include <cstdint>

#include <leibniz/detail/error.hpp>

namespace leibniz::ir {

// Failing calls are how a constant evaluation reports an error: the name of
// the function appears in the compiler's diagnostic.
[[noreturn]] inline void leibniz_error_division_by_zero() { ::leibniz::detail::fail("leibniz_error_division_by_zero"); }
[[noreturn]] inline void leibniz_error_rational_overflow() { ::leibniz::detail::fail("leibniz_error_rational_overflow"); }

__extension__ typedef __int128 wide_int;

constexpr long long gcd(long long a, long long b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

struct rational {
    long long num = 0;
    long long den = 1;

    static constexpr rational make(wide_int n, wide_int d) {
        if (d == 0) leibniz_error_division_by_zero();
        if (d < 0) {
            n = -n;
            d = -d;
        }
        wide_int a = n < 0 ? -n : n, b = d;
        while (b != 0) {
            wide_int t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            n /= a;
            d /= a;
        }
        constexpr wide_int lim = wide_int(1) << 62;
        if (n >= lim || n <= -lim || d >= lim) leibniz_error_rational_overflow();
        return rational{static_cast<long long>(n), static_cast<long long>(d)};
    }
    constexpr bool is_zero() const { return num == 0; }
    constexpr bool is_one() const { return num == 1 && den == 1; }
    constexpr bool is_integer() const { return den == 1; }
    constexpr bool is_negative() const { return num < 0; }
    constexpr double to_double() const { return double(num) / double(den); }
    constexpr bool operator==(const rational&) const = default;

    friend constexpr rational operator+(rational a, rational b) {
        return make(wide_int(a.num) * b.den + wide_int(b.num) * a.den, wide_int(a.den) * b.den);
    }
    friend constexpr rational operator-(rational a) { return rational{-a.num, a.den}; }
    friend constexpr rational operator-(rational a, rational b) { return a + (-b); }
    friend constexpr rational operator*(rational a, rational b) {
        return make(wide_int(a.num) * b.num, wide_int(a.den) * b.den);
    }
    friend constexpr rational operator/(rational a, rational b) {
        return make(wide_int(a.num) * b.den, wide_int(a.den) * b.num);
    }
    friend constexpr bool operator<(rational a, rational b) {
        return wide_int(a.num) * b.den < wide_int(b.num) * a.den;
    }
};

constexpr rational abs(rational r) { return r.num < 0 ? -r : r; }

/// r^e for an integer e, exactly.
constexpr rational ipow(rational r, long long e) {
    if (e < 0) {
        r = rational{1, 1} / r;
        e = -e;
    }
    rational out{1, 1};
    while (e > 0) {
        if (e & 1) out = out * r;
        e >>= 1;
        if (e) r = r * r;
    }
    return out;
}

/// The exact integer q-th root of n >= 0, or -1 when there is none.
constexpr long long iroot(long long n, long long q) {
    if (n < 0 || q <= 0) return -1;
    if (n < 2) return n;
    long long lo = 1, hi = n;
    if (q >= 2 && hi > 3037000499LL) hi = 3037000499LL;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 2;
        wide_int p = 1;
        bool over = false;
        for (long long i = 0; i < q; ++i) {
            p *= mid;
            if (p > n) {
                over = true;
                break;
            }
        }
        if (!over && p == n) return mid;
        if (over)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

/// base^(p/q) when it is rational (e.g. 4^(1/2) = 2); ok=false otherwise.
struct maybe_rational {
    bool ok;
    rational value;
};
constexpr maybe_rational rpow(rational base, rational e) {
    if (e.is_integer()) {
        if (base.is_zero() && e.num < 0) return {false, {}};
        return {true, ipow(base, e.num)};
    }
    if (base.num < 0) return {false, {}};
    long long rn = iroot(base.num, e.den), rd = iroot(base.den, e.den);
    if (rn < 0 || rd < 0) return {false, {}};
    if (rn == 0 && e.num < 0) return {false, {}};
    return {true, ipow(rational{rn, rd}, e.num)};
}

}  // namespace leibniz::ir
