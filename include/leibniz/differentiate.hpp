// d and partial: the derivative of an expression, simplified, as an
// expression again.
#pragma once
#include <leibniz/calculus/adjoint.hpp>
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/options.hpp>

namespace leibniz {

namespace dsl {

/// Whether the options ask for differentiation by substitution.
template <class... Opts>
inline constexpr bool substitutes = (requires { Opts::is_method; } || ...);

/// df/dx. A scalar f that reaches intermediates goes through the program of
/// adjoints (each intermediate differentiated once), whose named adjoints
/// are then substituted: the result is the same single formula as
/// differentiating through every definition wherever it occurs (what
/// `by_substitution` does), at a cost that grows with the graph, not with
/// the number of paths through it.
template <class F, class X, class... Opts>
struct derivative_source {
    static constexpr ir::bundle make() {
        setup<Opts...> s;
        ir::context& c = s.ctx();
        ir::term f = lower<F>(c);
        ir::term x = lower<X>(c);
        if (!substitutes<Opts...> && ir::reverse_mode_applies(c, f, s.held)) {
            ir::adjoint_program p = ir::adjoints(c, f, {x}, s.held, ir::function_latex(c, f));
            ir::term g = ir::inline_adjoints(c, p.gradients[0]);
            return ir::compact(s.result(s.simplify(g)));
        }
        return s.result(s.simplify(ir::derivative(c, f, x, s.held)));
    }
};

template <class X>
constexpr void require_variable() {
    static_assert(is_variable<X>(),
                  "leibniz::d: the variable of differentiation must be a symbol or a tensor element such as Y(s, t)");
}

}  // namespace dsl

/// The derivative df/dx, simplified. Named intermediates are differentiated
/// through their definitions unless held fixed (held_fixed(v)); the
/// assumptions (assume_zero(...)) are used by the simplifier.
template <dsl::expression F, class X, class... Opts>
constexpr auto d(F, X, Opts...) {
    dsl::require_variable<X>();
    static_assert((dsl::is_d_option<Opts>::value && ...),
                  "leibniz::d: extra arguments must be assume_zero(...), held_fixed(...), in_terms_of(...), by_substitution or work_budget<N>");
    if constexpr (dsl::is_variable<X>())
        return dsl::computed<dsl::derivative_source<F, X, Opts...>>();
    else
        return dsl::terminal<dsl::constant_tag<0, 1>>();
}

/// The partial derivative ∂f/∂x with the given intermediates held fixed.
template <dsl::expression F, class X, dsl::expression... Held>
constexpr auto partial(F f, X x, Held... h) {
    return d(f, x, held_fixed(h)...);
}

}  // namespace leibniz
