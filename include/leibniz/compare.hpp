// compare, equivalent and numerically_equal: whether two expressions are
// the same formula, decided during constant evaluation.
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/options.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/clear_denominators.hpp>
#include <leibniz/simplify/numeric_witness.hpp>

namespace leibniz {

/// The outcome of comparing two formulas.
enum class verdict : unsigned char {
    equal,     ///< same canonical form, or a - b is 0 over a common denominator
    differs,   ///< numerically different at a sample point
    undecided  ///< different canonical forms, yet numerically equal at every sample
};

[[noreturn]] inline void leibniz_error_canonical_forms_agree_but_values_differ() { ::leibniz::detail::fail("leibniz_error_canonical_forms_agree_but_values_differ"); }

namespace dsl {
/// The verdict; undecided (and the budget reported by the caller) once the
/// work budget is spent.
constexpr verdict decide_verdict(ir::context& c, const ir::term& a, const ir::term& b) {
    ir::term ca = ir::canonical(c, a), cb = ir::canonical(c, b);
    if (c.over_budget()) return verdict::undecided;
    bool same_form = ca == cb;
    bool same_value = ir::numerically_equal(c, a, b);
    // Without assumptions the two witnesses must agree. Assumptions that
    // do not follow from definitions (Σ_k ȳ_k = 1) hold at no random
    // point, so then the values are compared after the rewrites.
    bool assumed = !c.rule_lhs.empty();
    if (same_form && !same_value && !assumed) leibniz_error_canonical_forms_agree_but_values_differ();
    if (same_form) return verdict::equal;
    // second proof: a - b with its sum denominators cleared is 0
    ir::term cleared = ir::cleared_difference(c, a, b);
    if (c.over_budget()) return verdict::undecided;
    if (cleared.is_zero()) {
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
}

template <class A, class B, class... Opts>
struct verdict_of {
    struct decided {
        verdict v;
        bool over_budget;
    };
    static constexpr decided result = [] {
        setup<Opts...> s;
        ir::context& c = s.ctx();
        ir::term a = lower<A>(c), b = lower<B>(c);
        verdict v = decide_verdict(c, a, b);
        return decided{v, c.over_budget()};
    }();
    static_assert(!result.over_budget, LEIBNIZ_DETAIL_WORK_BUDGET_MESSAGE);
    static constexpr verdict value = result.over_budget ? verdict::undecided : result.v;
};

}  // namespace dsl

/// Compare two formulas (under assumptions): equal, differs, or undecided.
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr verdict compare(A, B, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::compare: extra arguments must be assume_zero(...) or work_budget<N>");
    return dsl::verdict_of<A, B, Opts...>::value;
}

/// True only when a and b have the same canonical form (under assumptions).
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr bool equivalent(A, B, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::equivalent: extra arguments must be assume_zero(...) or work_budget<N>");
    return dsl::verdict_of<A, B, Opts...>::value == verdict::equal;
}

/// True when a and b agree numerically at the sample points.
template <dsl::expression A, dsl::expression B>
constexpr bool numerically_equal(A, B) {
    ir::context c;
    ir::term a = dsl::lower<A>(c), b = dsl::lower<B>(c);
    return ir::numerically_equal(c, a, b);
}

}  // namespace leibniz
