// simplify, canonical, unfold and difference: normal forms of an
// expression, as expressions again.
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/options.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/tidy.hpp>

namespace leibniz {

namespace dsl {

template <class E, class... Opts>
struct simplify_source {
    static constexpr ir::bundle make() {
        setup<Opts...> s;
        ir::term t = lower<E>(s.ctx());
        return s.result(s.simplify(t));
    }
};
template <class E, class... Opts>
struct canonical_source {
    static constexpr ir::bundle make() {
        setup<Opts...> s;
        ir::term t = lower<E>(s.ctx());
        return s.result(ir::canonical(s.ctx(), t));
    }
};
template <class E, class... Inter>
struct unfold_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        std::vector<int> which;
        (which.push_back(lower<Inter>(b.ctx).id), ...);
        b.root = ir::unfold_intermediates(b.ctx, lower<E>(b.ctx), which);
        return b;
    }
};
/// a - b, collected with products inside sums multiplied out, so that
/// the terms two formulas share cancel.
template <class A, class B, class... Opts>
struct difference_source {
    static constexpr ir::bundle make() {
        setup<Opts...> s;
        ir::term x = lower<A>(s.ctx());
        ir::term y = lower<B>(s.ctx());
        return s.result(ir::tidy(s.ctx(), ir::canonical(s.ctx(), ir::sub(std::move(x), std::move(y)))));
    }
};

}  // namespace dsl

/// The collected normal form (no multiplying out), under assumptions.
template <dsl::expression E, class... Opts>
constexpr auto simplify(E, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::simplify: extra arguments must be assume_zero(...) or work_budget<N>");
    return dsl::computed<dsl::simplify_source<E, Opts...>>();
}

/// The multiplied-out canonical form used to decide equality, under
/// assumptions.
template <dsl::expression E, class... Opts>
constexpr auto canonical(E, Opts...) {
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::canonical: extra arguments must be assume_zero(...) or work_budget<N>");
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
    static_assert((dsl::is_d_option<Opts>::value && ...), "leibniz::difference: extra arguments must be assume_zero(...) or work_budget<N>");
    return dsl::computed<dsl::difference_source<A, B, Opts...>>();
}

}  // namespace leibniz
