// Moments of the standard normal, derived rather than tabulated.
//
// With φ(z) = e^{-z²/2} / √(2π), the half-line integrals
//     I_n = ∫_0^∞ z^n φ(z) dz
// satisfy, integrating by parts with φ'(z) = -z φ(z),
//     I_n = [-z^{n-1} φ(z)]_0^∞ + (n - 1) ∫_0^∞ z^{n-2} φ(z) dz = (n - 1) I_{n-2}   (n ≥ 2),
// with I_0 = 1/2 (half of the mass, by symmetry) and I_1 = [-φ(z)]_0^∞ = φ(0) = 1/√(2π).
// Then E[relu(z)^n] = I_n (n ≥ 1), and by symmetry
//     E[z^n] = I_n + (-1)^n I_n   (0 for odd n, (n - 1)!! for even n).
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/stats/constants.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_negative_moment_order() { ::leibniz::detail::fail("leibniz_error_negative_moment_order"); }

/// I_n = ∫_0^∞ z^n φ(z) dz as a term: (n - 1) I_{n-2}, from I_0 and I_1.
constexpr term half_normal_integral(context& c, long long n) {
    if (n < 0) leibniz_error_negative_moment_order();
    if (n == 0) return num(1, 2);
    if (n == 1) return pow(mul(num(2), sym(intern_pi(c))), num(-1, 2));  // φ(0)
    return mul(num(n - 1), half_normal_integral(c, n - 2));
}

/// ∫_{-∞}^0 z^n φ(z) dz = (-1)^n I_n (substitute z -> -z).
constexpr term lower_half_normal_integral(context& c, long long n) {
    if (n % 2 == 0) return half_normal_integral(c, n);
    return neg(half_normal_integral(c, n));
}

/// E[z^n] for z ~ N(0, 1): the two half-lines together.
constexpr term normal_moment(context& c, long long n) {
    return add(half_normal_integral(c, n), lower_half_normal_integral(c, n));
}

}  // namespace leibniz::ir
