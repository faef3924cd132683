// Random variables in the DSL: a standard normal z ~ N(0, 1) and a dropout
// keep-mask m ∈ {0, 1} with P(m = 1) = 1 - p. With extents, a tensor of
// independent, identically distributed entries. They lower to symbols whose
// symbol-table entry records the law (ir::random_law), so the law travels
// with every result built from them.
#pragma once
#include <type_traits>

#include <leibniz/dsl/expr.hpp>
#include <leibniz/dsl/lower.hpp>

namespace leibniz {

namespace dsl {

/// A random scalar (no extents) or an iid random tensor. Param is the tag of
/// the law's parameter (a scalar symbol), or void.
template <fixed_string Name, fixed_string Latex, int Prio, ir::random_law Law, class Param, class... Extents>
struct random_tag {};

template <fixed_string N, fixed_string L, int P, ir::random_law W, class A, class... X>
struct is_symbol_tag<random_tag<N, L, P, W, A, X...>> : std::true_type {};
template <fixed_string N, fixed_string L, int P, ir::random_law W, class A, class X0, class... X>
struct is_tensor_tag<random_tag<N, L, P, W, A, X0, X...>> : std::true_type {};

template <fixed_string N, fixed_string L, int P, ir::random_law W, class A, class... X>
struct shape_of<random_tag<N, L, P, W, A, X...>> {
    static constexpr auto name = N;
    using extents = type_list<X...>;
};

template <fixed_string Name, fixed_string Latex, int Prio, ir::random_law Law, class Param, class... X>
struct intern_tag<random_tag<Name, Latex, Prio, Law, Param, X...>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = sizeof...(X) == 0 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
        e.prio = Prio;
        e.rank = static_cast<int>(sizeof...(X));
        if constexpr (sizeof...(X) != 0) {
            int i = 0;
            ((e.dims[i++] = intern_tag<X>::go(c)), ...);
        }
        if constexpr (!std::is_void_v<Param>) e.dep = intern_tag<Param>::go(c);
        e.law = Law;
        return c.intern(e);
    }
};

template <class T>
struct is_plain_scalar_tag : std::false_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S>
struct is_plain_scalar_tag<scalar_tag<N, L, P, S>> : std::true_type {};

template <class... X>
constexpr bool extents_ok() {
    if constexpr (sizeof...(X) == 0) {
        return true;
    } else {
        return sizeof...(X) <= ir::max_rank && (... && (is_expr<X>::value && is_terminal_v<X> && is_extent_tag<terminal_tag_t<X>>::value));
    }
}

}  // namespace dsl

/// A standard normal random variable, z ~ N(0, 1); with extents, a tensor
/// whose entries are iid N(0, 1): `normal<"x">(N)`, used as x(j).
template <fixed_string Name, fixed_string Latex = Name, int Prio = 0, class... X>
constexpr auto normal(X...) {
    static_assert(dsl::extents_ok<X...>(), "leibniz::normal: the arguments must be up to 4 extents declared with leibniz::extent");
    if constexpr (dsl::extents_ok<X...>())
        return dsl::terminal<dsl::random_tag<Name, Latex, Prio, ir::random_law::standard_normal, void, dsl::terminal_tag_t<X>...>>();
}

/// A dropout keep-mask: m = 1 with probability 1 - p (the unit is kept),
/// m = 0 with probability p. p, the drop probability, must be a scalar
/// symbol. With extents, a tensor of iid masks: `bernoulli_keep<"m">(p, M)`.
template <fixed_string Name, fixed_string Latex = Name, int Prio = 0, class P, class... X>
constexpr auto bernoulli_keep(P, X...) {
    constexpr bool p_ok = [] {
        if constexpr (dsl::is_expr<P>::value) {
            if constexpr (dsl::is_terminal_v<P>) return dsl::is_plain_scalar_tag<dsl::terminal_tag_t<P>>::value;
            else return false;
        } else {
            return false;
        }
    }();
    static_assert(p_ok, "leibniz::bernoulli_keep: the drop probability p must be a scalar symbol declared with leibniz::symbol");
    static_assert(dsl::extents_ok<X...>(), "leibniz::bernoulli_keep: after p, the arguments must be up to 4 extents declared with leibniz::extent");
    if constexpr (p_ok && dsl::extents_ok<X...>())
        return dsl::terminal<dsl::random_tag<Name, Latex, Prio, ir::random_law::bernoulli_keep, dsl::terminal_tag_t<P>, dsl::terminal_tag_t<X>...>>();
}

}  // namespace leibniz
