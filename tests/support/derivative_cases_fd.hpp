// Every derivative case of derivative_cases.hpp checked numerically: the
// engine's derivative, evaluated, against a central difference (Richardson-
// extrapolated) of the evaluated function, at three points near the sample
// point. Second derivatives differentiate d(f, first variable) numerically.
#pragma once
#include <catch2/catch.hpp>

#include <boost/hana/for_each.hpp>

#include "derivative_cases.hpp"
#include "finite_difference.hpp"

namespace leibniz_test {

struct point {
    double x, y, z, g;
};

template <class E>
double value_at(E e, const point& p) {
    return leibniz::evaluate(e, x = p.x, y = p.y, z = p.z, gam = p.g);
}

/// p with the coordinate of variable V set to v.
template <class V>
point moved(point p, double v) {
    if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(x)>>) p.x = v;
    else if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(y)>>) p.y = v;
    else if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(z)>>) p.z = v;
    else p.g = v;
    return p;
}
template <class V>
double coordinate(const point& p) {
    if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(x)>>) return p.x;
    else if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(y)>>) return p.y;
    else if constexpr (std::is_same_v<V, std::remove_cvref_t<decltype(z)>>) return p.z;
    else return p.g;
}

template <class Cases>
void check_group_numerically(const Cases& cases) {
    const point base{sample_point::x, sample_point::y, sample_point::z, sample_point::gamma};
    const point points[] = {base, {base.x * 1.03, base.y * 0.97, base.z * 1.02, base.g * 0.98},
                            {base.x * 0.98, base.y * 1.02, base.z * 0.97, base.g * 1.03}};
    int index = 0;
    hana::for_each(cases, [&](auto c) {
        using C = decltype(c);
        const auto engine = derive(c);
        // the function differentiated last: f itself, or d(f, first variable)
        auto inner = [&] {
            if constexpr (C::order == 1) return typename C::function_type{};
            else return leibniz::d(typename C::function_type{}, hana::at_c<0>(typename C::variables_type{}));
        }();
        using last = std::remove_cvref_t<decltype(hana::at_c<C::order - 1>(typename C::variables_type{}))>;
        for (const point& p : points) {
            double want = leibniz::testing::richardson_difference(
                [&](double v) { return value_at(inner, moved<last>(p, v)); }, coordinate<last>(p), 1e-3);
            double got = value_at(engine, p);
            INFO("case " << index << ": " << std::string_view(C::tex) << " at x=" << p.x << " y=" << p.y
                         << " z=" << p.z << " gamma=" << p.g);
            CHECK(leibniz::testing::relative_error(got, want) <= 1e-6);
        }
        ++index;
    });
}

}  // namespace leibniz_test
