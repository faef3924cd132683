// Named mathematical constants usable in expressions. The numeric witness
// of `compare` (simplify/numeric_witness.hpp) gives `pi` its value.
#pragma once
#include <leibniz/dsl/expr.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/ir/ops.hpp>

namespace leibniz {

/// π, printed \pi; it leads a product of symbols (2 \pi x).
inline constexpr auto pi = symbol<"pi", "\\pi", -50>();

// ir::intern_pi (ir/ops.hpp, where the IR itself needs π) makes the same symbol.
static_assert([] {
    ir::context c;
    const int id = dsl::lower<std::remove_const_t<decltype(pi)>>(c).id;
    return ir::intern_pi(c) == id && c.syms.size() == 1;
}());

}  // namespace leibniz
