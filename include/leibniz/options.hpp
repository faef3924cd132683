// What the public operations share: their options (assume_zero, held_fixed,
// in_terms_of, by_substitution), the set-up those options make before an
// operation runs, and the lifting of an operation's result to a type
// (computed<Source>()), so that results are expressions again.
#pragma once
#include <type_traits>
#include <vector>

#include <leibniz/dsl/lower.hpp>
#include <leibniz/simplify/assumptions.hpp>
#include <leibniz/simplify/fold.hpp>

namespace leibniz {

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

/// d(f, x, by_substitution): differentiate through every intermediate's
/// definition wherever it occurs, without the program of adjoints (the
/// reference that reverse mode is checked against).
struct by_substitution_t {
    static constexpr bool is_method = true;
};
inline constexpr by_substitution_t by_substitution{};

/// work_budget<N>: let one operation (d, simplify, compare, ...) take up to
/// N steps of symbolic work instead of LEIBNIZ_WORK_BUDGET.
template <long long N>
struct work_budget_t {
    static_assert(N > 0, "leibniz::work_budget<N>: N must be positive");
    static constexpr long long steps = N;
};
template <long long N>
inline constexpr work_budget_t<N> work_budget{};

namespace dsl {

template <class T>
struct is_d_option : std::false_type {};
template <long long N>
struct is_d_option<work_budget_t<N>> : std::true_type {};
template <class E>
struct is_d_option<in_terms_of<E>> : std::true_type {};
template <class E>
struct is_d_option<assume_zero<E>> : std::true_type {};
template <class E>
struct is_d_option<held_fixed<E>> : std::true_type {};
template <>
struct is_d_option<by_substitution_t> : std::true_type {};

/// Read the options into the context (assumptions become rewrite rules),
/// the held set (held_fixed) and the list of intermediates to fold back
/// (in_terms_of).
template <class... Opts>
constexpr void apply_options(ir::context& c, ir::held_set& h, std::vector<int>& fold) {
    (
        [&] {
            if constexpr (requires { Opts::is_assumption; }) {
                ir::add_rule(c, lower<typename Opts::expression>(c));
            } else if constexpr (requires { Opts::is_fold; }) {
                fold.push_back(lower<typename Opts::expression>(c).id);
            } else if constexpr (requires { Opts::steps; }) {
                c.work_budget = Opts::steps;
            } else if constexpr (requires { Opts::is_method; }) {
                // read by the caller (by_substitution)
            } else {
                ir::term t = lower<typename Opts::expression>(c);
                h.push_back(t.id);
            }
        }(),
        ...);
}

/// Where every operation starts: a bundle whose context holds the options
/// (read first, so the operands are lowered after them), the intermediates
/// held fixed and those to fold back.
template <class... Opts>
struct setup {
    ir::bundle b;
    ir::held_set held;
    std::vector<int> fold;

    constexpr setup() {
        b.ctx.work_budget = ir::default_work_budget;  // work_budget<N> may change it
        b.ctx.budget_checked_at_end = true;           // by frozen<> or verdict_of<>
        apply_options<Opts...>(b.ctx, held, fold);
    }
    constexpr ir::context& ctx() { return b.ctx; }
    /// Simplified, and folded back where in_terms_of asks for it.
    constexpr ir::term simplify(const ir::term& t) { return ir::simplify_folded(b.ctx, t, fold); }
    /// The bundle with its root: the result of the operation.
    constexpr ir::bundle result(ir::term root) {
        b.root = std::move(root);
        return std::move(b);
    }
};

/// The expression standing for what Source::make() computes.
template <class Source>
constexpr auto computed() {
    return terminal<computed_tag<Source>>();
}

}  // namespace dsl

}  // namespace leibniz
