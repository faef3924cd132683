// The public operations on expressions: d, partial, simplify, canonical,
// equivalent / verdict, difference and latex. Each takes expressions (types
// carry everything) and runs the symbolic work during constant evaluation;
// results are expressions again, so they compose.
#pragma once
#include <leibniz/calculus/adjoint.hpp>
#include <leibniz/detail/staged_text.hpp>
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/partial_symbol.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/bound_indices.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/factor.hpp>
#include <leibniz/simplify/fold.hpp>
#include <leibniz/simplify/numeric.hpp>
#include <leibniz/simplify/rational.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz {

namespace dsl {

void leibniz_error_an_assumption_must_contain_a_sum();

/// Turn `e = 0` into a rewrite rule: its first term with a sum in it,
/// solved for (Σ_i Y_il - B m_l = 0 gives Σ_i Y_il -> B m_l).
constexpr void add_rule(ir::context& c, const ir::term& e) {
    ir::term z = ir::canonical(c, e);
    std::vector<ir::term> terms;
    if (z.kind == ir::op::add)
        terms = z.kids;
    else
        terms.push_back(z);
    for (std::size_t i = 0; i != terms.size(); ++i) {
        auto [q, lhs] = ir::split_coefficient(terms[i]);
        bool has_sum = false;
        if (lhs.kind == ir::op::sum) has_sum = true;
        if (!has_sum) continue;
        std::vector<ir::term> rest;
        for (std::size_t j = 0; j != terms.size(); ++j)
            if (j != i) rest.push_back(ir::mul(ir::num(-(ir::rational{1, 1} / q)), terms[j]));
        ir::term rhs = ir::num(0);
        if (!rest.empty()) rhs = ir::simplify(c, ir::make(ir::op::add, std::move(rest)));
        c.rule_lhs.push_back(std::move(lhs));
        c.rule_rhs.push_back(std::move(rhs));
        return;
    }
    leibniz_error_an_assumption_must_contain_a_sum();
}

template <class... Opts>
constexpr void apply_options(ir::context& c, ir::held_set& h, std::vector<int>& fold) {
    (
        [&] {
            if constexpr (requires { Opts::is_assumption; }) {
                add_rule(c, lower<typename Opts::expression>(c));
            } else if constexpr (requires { Opts::is_fold; }) {
                fold.push_back(lower<typename Opts::expression>(c).id);
            } else if constexpr (requires { Opts::is_method; }) {
                // read by the caller (by_substitution)
            } else {
                ir::term t = lower<typename Opts::expression>(c);
                h.push_back(t.id);
            }
        }(),
        ...);
}
template <class... Opts>
constexpr void apply_options(ir::context& c, ir::held_set& h) {
    std::vector<int> fold;
    apply_options<Opts...>(c, h, fold);
}

/// Simplify, and where intermediates are to be folded back, fold and simplify again.
constexpr ir::term simplify_folded(ir::context& c, const ir::term& t, const std::vector<int>& fold) {
    ir::term s = ir::simplify(c, ir::standard_bound_names(c, t));
    // simplifying can make terms alike up to bound names (a δ contracted)
    if (ir::term again = ir::standard_bound_names(c, s); !(again == s)) s = ir::simplify(c, again);
    if (fold.empty()) return s;
    return ir::fold_intermediates(c, s, fold);
}

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
        ir::bundle b;
        ir::held_set h;
        std::vector<int> fold;
        apply_options<Opts...>(b.ctx, h, fold);
        ir::term f = lower<F>(b.ctx);
        ir::term x = lower<X>(b.ctx);
        if (!substitutes<Opts...> && ir::reverse_mode_applies(b.ctx, f, h)) {
            ir::adjoint_program p = ir::adjoints(b.ctx, f, {x}, h, ir::function_latex(b.ctx, f));
            ir::term g = ir::inline_adjoints(b.ctx, p.gradients[0]);
            b.root = simplify_folded(b.ctx, g, fold);
            return ir::compact(b);
        }
        b.root = simplify_folded(b.ctx, ir::derivative(b.ctx, f, x, h), fold);
        return b;
    }
};
template <class E, class... Opts>
struct simplify_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::held_set h;
        std::vector<int> fold;
        apply_options<Opts...>(b.ctx, h, fold);
        ir::term t = lower<E>(b.ctx);
        b.root = simplify_folded(b.ctx, t, fold);
        return b;
    }
};
template <class E, class... Opts>
struct canonical_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::held_set h;
        apply_options<Opts...>(b.ctx, h);
        ir::term t = lower<E>(b.ctx);
        b.root = ir::canonical(b.ctx, t);
        return b;
    }
};

/// Replace the listed intermediates by their definitions.
constexpr ir::term unfold_term(ir::context& c, const ir::term& t, const std::vector<int>& which) {
    return ir::inline_where(c, t, [&which](const ir::context&, int id) { return ir::in(which, id); });
}
template <class E, class... Inter>
struct unfold_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        std::vector<int> which;
        (which.push_back(lower<Inter>(b.ctx).id), ...);
        b.root = unfold_term(b.ctx, lower<E>(b.ctx), which);
        return b;
    }
};
/// a - b, collected with products inside sums multiplied out, so that
/// the terms two formulas share cancel.
template <class A, class B, class... Opts>
struct difference_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::held_set h;
        apply_options<Opts...>(b.ctx, h);
        ir::term x = lower<A>(b.ctx);
        ir::term y = lower<B>(b.ctx);
        b.root = ir::tidy(b.ctx, ir::canonical(b.ctx, ir::sub(std::move(x), std::move(y))));
        return b;
    }
};

template <class Source>
constexpr auto computed() {
    return terminal<computed_tag<Source>>();
}

template <class X>
constexpr void require_variable() {
    static_assert(is_variable<X>(),
                  "leibniz::d: the variable of differentiation must be a symbol or a tensor element such as Y(s, t)");
}

}  // namespace dsl

/// An assumption `e = 0` for d / simplify / compare, e.g.
/// assume_zero(sum(i, Y(i, l) - m(l))). It must contain a summation; it is
/// used as a rewrite rule (solved for its first term with a sum).
template <dsl::expression E>
struct assume_zero {
    using expression = E;
    static constexpr bool is_assumption = true;
    constexpr explicit assume_zero(E) {}
};

/// An intermediate held fixed by a partial derivative.
template <dsl::expression E>
struct held_fixed {
    using expression = E;
    constexpr explicit held_fixed(E) {
        static_assert(dsl::is_terminal_v<E> && dsl::is_symbol_tag<dsl::terminal_tag_t<E>>::value,
                      "leibniz::held_fixed: name an intermediate (m, not m(l))");
    }
};

/// Express a result in terms of an intermediate: instances of its
/// definition (exp(h_i) / Σ_j exp(h_j) for y_i := softmax(h)_i) are folded
/// back into it after simplification.
template <dsl::expression E>
struct in_terms_of {
    using expression = E;
    static constexpr bool is_fold = true;
    constexpr explicit in_terms_of(E) {
        static_assert(dsl::is_terminal_v<E> && dsl::is_symbol_tag<dsl::terminal_tag_t<E>>::value,
                      "leibniz::in_terms_of: name an intermediate (y, not y(i))");
    }
};

namespace dsl {
template <class T>
struct is_d_option : std::false_type {};
template <class E>
struct is_d_option<in_terms_of<E>> : std::true_type {};
template <class E>
struct is_d_option<assume_zero<E>> : std::true_type {};
template <class E>
struct is_d_option<held_fixed<E>> : std::true_type {};
}  // namespace dsl

/// d(f, x, by_substitution): differentiate through every intermediate's
/// definition wherever it occurs, without the program of adjoints (the
/// reference that reverse mode is checked against).
struct by_substitution_t {
    static constexpr bool is_method = true;
};
inline constexpr by_substitution_t by_substitution{};
namespace dsl {
template <>
struct is_d_option<by_substitution_t> : std::true_type {};
}  // namespace dsl

/// The derivative df/dx, simplified. Named intermediates are differentiated
/// through their definitions unless held fixed (held_fixed(v)); the
/// assumptions (assume_zero(...)) are used by the simplifier.
template <dsl::expression F, class X, class... Opts>
constexpr auto d(F, X, Opts...) {
    dsl::require_variable<X>();
    static_assert((dsl::is_d_option<Opts>::value && ...),
                  "leibniz::d: extra arguments must be assume_zero(...), held_fixed(...), in_terms_of(...) or by_substitution");
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

/// The collected normal form (no multiplying out), under assumptions.
template <dsl::expression E, class... Opts>
constexpr auto simplify(E, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::simplify: extra arguments must be assume_zero(...)");
    return dsl::computed<dsl::simplify_source<E, Opts...>>();
}

/// The multiplied-out canonical form used to decide equality, under
/// assumptions.
template <dsl::expression E, class... Opts>
constexpr auto canonical(E, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::canonical: extra arguments must be assume_zero(...)");
    return dsl::computed<dsl::canonical_source<E, Opts...>>();
}

/// e with the given intermediates replaced by their definitions
/// (unfold(Yhat(i, j), Yhat) is Yhat's formula at (i, j)).
template <dsl::expression E, dsl::expression... Inter>
constexpr auto unfold(E, Inter...) {
    static_assert(((dsl::is_terminal_v<Inter> && dsl::is_symbol_tag<dsl::terminal_tag_t<Inter>>::value) && ...),
                  "leibniz::unfold: name intermediates (m, not m(l))");
    return dsl::computed<dsl::unfold_source<E, Inter...>>();
}

/// a - b, collected (products inside sums multiplied out so that shared
/// terms cancel).
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr auto difference(A, B, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::difference: extra arguments must be assume_zero(...)");
    return dsl::computed<dsl::difference_source<A, B, Opts...>>();
}

/// The outcome of comparing two formulas.
enum class verdict : unsigned char {
    equal,     ///< same canonical form, or a - b is 0 over a common denominator
    differs,   ///< numerically different at a sample point
    undecided  ///< different canonical forms, yet numerically equal at every sample
};

void leibniz_error_canonical_forms_agree_but_values_differ();

namespace dsl {
template <class A, class B, class... Opts>
struct verdict_of {
    static constexpr verdict value = [] {
        ir::context c;
        ir::held_set h;
        apply_options<Opts...>(c, h);
        ir::term a = lower<A>(c), b = lower<B>(c);
        ir::term ca = ir::canonical(c, a), cb = ir::canonical(c, b);
        bool same_form = ca == cb;
        bool same_value = ir::numerically_equal(c, a, b);
        // Without assumptions the two witnesses must agree. Assumptions that
        // do not follow from definitions (Σ_k ȳ_k = 1) hold at no random
        // point, so then the values are compared after the rewrites.
        bool assumed = !c.rule_lhs.empty();
        if (same_form && !same_value && !assumed) leibniz_error_canonical_forms_agree_but_values_differ();
        if (same_form) return verdict::equal;
        // second proof: a - b with its sum denominators cleared is 0
        if (ir::cleared_difference(c, a, b).is_zero()) {
            if (!same_value && !assumed) leibniz_error_canonical_forms_agree_but_values_differ();
            return verdict::equal;
        }
        // third, where the values agree: one side names an intermediate (Z_sa)
        // that the other spells out; compare with every definition inlined
        if (same_value && (ir::names_an_intermediate(c, a) || ir::names_an_intermediate(c, b))) {
            ir::term ia = ir::inline_definitions(c, a), ib = ir::inline_definitions(c, b);
            if (ir::canonical(c, ia) == ir::canonical(c, ib) || ir::cleared_difference(c, ia, ib).is_zero()) return verdict::equal;
        }
        if (same_value || (assumed && ir::numerically_equal(c, ca, cb))) return verdict::undecided;
        return verdict::differs;
    }();
};
}  // namespace dsl

/// Compare two formulas (under assumptions): equal, differs, or undecided.
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr verdict compare(A, B, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::compare: extra arguments must be assume_zero(...)");
    return dsl::verdict_of<A, B, Opts...>::value;
}

/// True only when a and b have the same canonical form (under assumptions).
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr bool equivalent(A, B, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::equivalent: extra arguments must be assume_zero(...)");
    return dsl::verdict_of<A, B, Opts...>::value == verdict::equal;
}

/// True when a and b agree numerically at the sample points.
template <dsl::expression A, dsl::expression B>
constexpr bool numerically_equal(A, B) {
    ir::context c;
    ir::term a = dsl::lower<A>(c), b = dsl::lower<B>(c);
    return ir::numerically_equal(c, a, b);
}

namespace dsl {
inline constexpr std::size_t staging_chars = 32768;
void leibniz_error_latex_too_long();

template <class E, latex_options O>
struct latex_printer {
    static constexpr detail::text print() {
        ir::context c;
        ir::term t = lower<E>(c);
        return ir::print(c, t, O);
    }
};
template <class E, latex_options O>
using latex_string = detail::staged_text<latex_printer<E, O>, staging_chars, &leibniz_error_latex_too_long>;
}  // namespace dsl

/// The LaTeX of an expression as it stands (simplify first for a normal form).
template <latex_options O = latex_options{}, dsl::expression E>
constexpr const auto& latex(E) {
    return dsl::latex_string<E, O>::value;
}

}  // namespace leibniz
