// backprop(f, wrt(x1, x2, ...)): every gradient of a scalar f in one sweep
// of reverse mode over its named intermediates, as a program of named
// adjoints (∂ℓ/∂Ŷ, ∂ℓ/∂v, ...), each intermediate differentiated once.
//
//   constexpr auto p = backprop(ell, wrt(X(s, t), Wq(r, c)));
//   gradient<0>(p)          // ∂ℓ/∂X_st in terms of the adjoints
//   gradient(p, X(s, t))    // the same, picked by its variable
//   latex(p)                // the derivation step by step, one aligned block
//   inline_adjoints(e)      // e with the adjoints substituted (the single formula d gives)
//
// Gradients are ordinary expressions: they print, compare and evaluate
// (evaluate_into computes each named adjoint once, as a hand-written
// backward pass does).
#pragma once
#include <type_traits>

#include <leibniz/core.hpp>
#include <leibniz/print/program.hpp>

namespace leibniz {

/// The variables of a backprop: wrt(X(s, t), gamma(j), ...).
template <class... X>
struct wrt_t {
    static constexpr std::size_t size = sizeof...(X);
};
template <class... X>
constexpr wrt_t<X...> wrt(X...) {
    static_assert(sizeof...(X) >= 1, "leibniz::wrt: name at least one variable");
    static_assert((dsl::is_variable<X>() && ...),
                  "leibniz::wrt: each variable must be a symbol or a tensor element such as Y(s, t)");
    return {};
}

namespace dsl {

template <class F, class W, class... Opts>
struct program_source;
template <class F, class... X, class... Opts>
struct program_source<F, wrt_t<X...>, Opts...> {
    // a whole program: room for a 16-layer network or a transformer block
    static constexpr std::size_t staging_nodes = 32768;
    static constexpr std::size_t staging_symbols = 512;
    static constexpr ir::bundle make() {
        setup<Opts...> s;
        ir::context& c = s.ctx();
        ir::term f = lower<F>(c);
        std::vector<ir::term> xs{lower<X>(c)...};
        ir::adjoint_program p = ir::adjoints(c, f, xs, s.held, ir::function_latex(c, f));
        for (ir::term& g : p.gradients) g = s.simplify(g);
        ir::term encoded = ir::encode(p, f, xs, c);
        return ir::compact(s.result(std::move(encoded)));
    }
};

/// Gradient I of a program, with only the symbols and adjoints it needs.
template <class Src, std::size_t I>
struct program_gradient_source {
    static constexpr ir::bundle make() {
        ir::bundle b = ir::thaw(frozen<Src>::value);
        ir::term g = b.root.kids[0].kids[I];
        b.root = std::move(g);
        return ir::compact(b);
    }
};

template <class E>
struct inline_adjoints_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::term t = lower<E>(b.ctx);
        b.root = ir::simplify(b.ctx, ir::inline_adjoints(b.ctx, t));
        return ir::compact(b);
    }
};

template <class F>
constexpr bool is_scalar_expression() {
    ir::context c;
    return ir::free_indices(lower<F>(c)).empty();
}

template <class Src, latex_options O>
struct program_latex {
    static constexpr detail::text print() {
        ir::bundle b = ir::thaw(frozen<Src>::value);
        ir::adjoint_program p = ir::decode(b.ctx, b.root);
        return ir::print_program(b.ctx, p, b.root.kids[4], b.root.kids[5].kids, O);
    }
    // Printed twice (for the size, then into the string): cheaper for the
    // compiler than a large staging array.
    static constexpr std::size_t size = print().size();
    static constexpr fixed_string<size> value = [] {
        detail::text s = print();
        fixed_string<size> out{};
        for (std::size_t i = 0; i != size; ++i) out.data[i] = s.chars[i];
        return out;
    }();
};

template <class Want, class... X>
constexpr std::size_t variable_position() {
    constexpr bool found[] = {std::is_same_v<Want, X>...};
    for (std::size_t i = 0; i != sizeof...(X); ++i)
        if (found[i]) return i;
    return sizeof...(X);
}

}  // namespace dsl

/// The program of adjoints of f for the variables W (see the top of this file).
template <class F, class W, class... Opts>
struct adjoint_program {
    using source = dsl::program_source<F, W, Opts...>;
    static constexpr std::size_t size = W::size;
};

/// Reverse mode for a scalar f: the gradients of every variable in `w`, in
/// one sweep. Options: held_fixed(v), assume_zero(...), in_terms_of(y).
template <dsl::expression F, class... X, class... Opts>
constexpr auto backprop(F, wrt_t<X...>, Opts...) {
    constexpr bool scalar = dsl::is_scalar_expression<F>();
    constexpr bool options = (dsl::is_d_option<Opts>::value && ...);
    static_assert(scalar, "leibniz::backprop: f must be a scalar (a loss, or an expression without free indices)");
    static_assert(options,
                  "leibniz::backprop: extra arguments must be assume_zero(...), held_fixed(...) or in_terms_of(...)");
    // After a failed assertion: the program of the constant 0, which every
    // later use accepts, so that the assertion stays the one error.
    if constexpr (scalar && options)
        return adjoint_program<F, wrt_t<X...>, Opts...>{};
    else
        return adjoint_program<std::remove_cvref_t<decltype(c<0>)>, wrt_t<X...>>{};
}

/// Gradient I of a program (the order of wrt(...)), in terms of its adjoints.
template <std::size_t I, class F, class W, class... Opts>
constexpr auto gradient(adjoint_program<F, W, Opts...>) {
    static_assert(I < W::size, "leibniz::gradient: the program has fewer variables");
    if constexpr (I < W::size)
        return dsl::computed<dsl::program_gradient_source<typename adjoint_program<F, W, Opts...>::source, I>>();
    else
        return c<0>;  // after the failed assertion: no further errors
}

/// The gradient of the variable x, which must be one of the program's.
template <class F, class... X, class... Opts, class V>
constexpr auto gradient(adjoint_program<F, wrt_t<X...>, Opts...> p, V) {
    constexpr std::size_t at = dsl::variable_position<V, X...>();
    static_assert(at < sizeof...(X), "leibniz::gradient: this variable is not among the program's wrt(...)");
    if constexpr (at < sizeof...(X))
        return gradient<at>(p);
    else
        return c<0>;  // after the failed assertion: no further errors
}

/// e with every named adjoint replaced by its definition and simplified.
template <dsl::expression E>
constexpr auto inline_adjoints(E) {
    return dsl::computed<dsl::inline_adjoints_source<E>>();
}

/// The derivation as one LaTeX aligned block.
template <latex_options O = latex_options{}, class F, class W, class... Opts>
constexpr const auto& latex(adjoint_program<F, W, Opts...>) {
    return dsl::program_latex<typename adjoint_program<F, W, Opts...>::source, O>::value;
}

}  // namespace leibniz
