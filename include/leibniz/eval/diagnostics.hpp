// Compile-time diagnostics of evaluate: one class template per misuse, whose
// template arguments spell the symbol's name (as characters, which g++ and
// clang both print legibly) in the compiler's instantiation note, and whose
// static_assert says what to do.
#pragma once
#include <cstddef>
#include <tuple>
#include <utility>

#include <leibniz/eval/plan.hpp>

namespace leibniz::eval {

template <char...>
inline constexpr bool always_false = false;
template <class...>
inline constexpr bool always_false_type = false;

template <char... Symbol>
struct no_binding_for {
    static_assert(always_false<Symbol...>,
                  "leibniz::evaluate: a symbol of the expression has no value bound; bind it as x = 1.5, "
                  "or Y = leibniz::view(data, extents...) for a tensor");
};
template <char... Extent>
struct extent_not_known {
    static_assert(always_false<Extent...>,
                  "leibniz::evaluate: an extent of the expression is neither bound (B = 4) nor the extent of a bound tensor");
};
template <char... Index>
struct no_value_for_free_index {
    static_assert(always_false<Index...>,
                  "leibniz::evaluate: a free index of the expression has no value; pass it as at(k = 1, ...)");
};
template <class Binding>
struct not_a_symbol {
    static_assert(always_false_type<Binding>,
                  "leibniz::evaluate: only a symbol, a tensor, an extent or an index can be bound to a value, as x = 1.5");
};
template <char... Symbol>
struct bound_twice {
    static_assert(always_false<Symbol...>, "leibniz::evaluate: a symbol is bound twice");
};
template <char... Symbol>
struct scalar_needs_a_number {
    static_assert(always_false<Symbol...>, "leibniz::evaluate: a scalar symbol must be bound to a number");
};
template <char... Tensor>
struct tensor_needs_a_view {
    static_assert(always_false<Tensor...>,
                  "leibniz::evaluate: a tensor must be bound to leibniz::view(data, extents...) with one extent per index");
};
template <char... Extent>
struct extent_needs_an_integer {
    static_assert(always_false<Extent...>, "leibniz::evaluate: an extent must be bound to an integer");
};
template <char... Index>
struct index_needs_an_integer {
    static_assert(always_false<Index...>, "leibniz::evaluate: an index must be given an integer value");
};

template <template <char...> class Diagnostic, class Plan, std::size_t... I>
constexpr void diagnose(std::index_sequence<I...>) {
    (void)sizeof(Diagnostic<Plan::problem_name()[I]...>);
}

/// Instantiate the one diagnostic for Plan's problem.
template <class Plan>
constexpr void report() {
    constexpr problem p = Plan::result.what;
    constexpr auto chars = std::make_index_sequence<Plan::problem_name().size()>{};
    if constexpr (p == problem::missing)
        diagnose<no_binding_for, Plan>(chars);
    else if constexpr (p == problem::extent_unknown)
        diagnose<extent_not_known, Plan>(chars);
    else if constexpr (p == problem::index_unbound)
        diagnose<no_value_for_free_index, Plan>(chars);
    else if constexpr (p == problem::not_bindable) {
        using binding = std::tuple_element_t<static_cast<std::size_t>(Plan::result.binding), typename Plan::values_type>;
        // (x + y) = 1 was already refused by expr::operator=
        if constexpr (!dsl::is_expr<typename pair_info<binding>::tag>::value) (void)sizeof(not_a_symbol<binding>);
    } else if constexpr (p == problem::bound_twice)
        diagnose<bound_twice, Plan>(chars);
    else if constexpr (p == problem::scalar_needs_number)
        diagnose<scalar_needs_a_number, Plan>(chars);
    else if constexpr (p == problem::tensor_needs_view)
        diagnose<tensor_needs_a_view, Plan>(chars);
    else if constexpr (p == problem::extent_needs_integer)
        diagnose<extent_needs_an_integer, Plan>(chars);
    else if constexpr (p == problem::index_needs_integer)
        diagnose<index_needs_an_integer, Plan>(chars);
}

}  // namespace leibniz::eval
