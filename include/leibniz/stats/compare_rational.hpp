// compare_rational: kept as a name for compare, which clears sum
// denominators itself (simplify/clear_denominators.hpp). Built on
// compare.hpp: stats/ sits above the public API (docs/layers.md).
#pragma once
#include <leibniz/compare.hpp>

namespace leibniz {

template <dsl::expression A, dsl::expression B, class... Opts>
constexpr verdict compare_rational(A a, B b, Opts... opts) {
    return compare(a, b, opts...);
}

template <dsl::expression A, dsl::expression B, class... Opts>
constexpr bool equivalent_rational(A a, B b, Opts... opts) {
    return compare(a, b, opts...) == verdict::equal;
}

}  // namespace leibniz
