// Named mathematical constants usable in expressions. The numeric witness
// of `compare` (simplify/numeric.hpp) gives `pi` its value.
#pragma once
#include <leibniz/dsl/expr.hpp>
#include <leibniz/dsl/lower.hpp>

namespace leibniz {

/// π, printed \pi; it leads a product of symbols (2 \pi x).
inline constexpr auto pi = symbol<"pi", "\\pi", -50>();

namespace ir {
/// The id of π in `c`, declared as leibniz::pi is.
constexpr int intern_pi(context& c) { return dsl::lower<std::remove_const_t<decltype(leibniz::pi)>>(c).id; }
}  // namespace ir

}  // namespace leibniz
