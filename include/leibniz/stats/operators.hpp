// The public statistics operations: expectation, variance and covariance of
// expressions over random variables (stats/random.hpp). Like d and simplify
// they run during constant evaluation and return expressions, usable with
// latex, compare, equivalent and difference.
//
// stats/ is a domain extension on top of the public API, so it may include
// core.hpp (docs/layers.md).
#pragma once
#include <type_traits>

#include <leibniz/core.hpp>
#include <leibniz/stats/expectation.hpp>
#include <leibniz/stats/random.hpp>

namespace leibniz {

namespace dsl {
template <class T>
struct is_random_tag : std::false_type {};
template <fixed_string N, fixed_string L, int P, ir::random_law W, class A, class... X>
struct is_random_tag<random_tag<N, L, P, W, A, X...>> : std::true_type {};

template <class E>
constexpr bool is_random_variable() {
    if constexpr (is_expr<E>::value) {
        if constexpr (is_terminal_v<E>) return is_random_tag<terminal_tag_t<E>>::value;
        else return false;
    } else {
        return false;
    }
}
}  // namespace dsl

/// Declares the named random variables mutually independent (for a tensor,
/// all its entries of those of the others): `independent(m, z)`.
template <class... V>
struct independent {
    constexpr explicit independent(V...) {
        static_assert(sizeof...(V) >= 2, "leibniz::independent: name at least two random variables");
        static_assert((dsl::is_random_variable<V>() && ...),
                      "leibniz::independent: the arguments must be random variables declared with leibniz::normal "
                      "or leibniz::bernoulli_keep (a tensor by its name, as m, not m(i))");
    }
};

namespace dsl {

template <class T>
struct is_independence : std::false_type {};
template <class... V>
struct is_independence<independent<V...>> : std::true_type {};

/// The options of the statistics operations: independent(...) and assume_zero(...).
template <class T>
struct is_stats_option : is_independence<T> {};
template <class E>
struct is_stats_option<assume_zero<E>> : std::true_type {};

template <class... V>
constexpr void declare_independent(ir::context& c, ir::independence& ind) {
    std::vector<int> ids;
    (ids.push_back(lower<V>(c).id), ...);
    for (std::size_t i = 0; i != ids.size(); ++i)
        for (std::size_t j = i + 1; j != ids.size(); ++j) ind.declare(ids[i], ids[j]);
}
template <class... V>
constexpr void declare_from(ir::context& c, ir::independence& ind, const independent<V...>*) {
    declare_independent<V...>(c, ind);
}

template <class... Opts>
constexpr void apply_stats_options(ir::context& c, ir::independence& ind) {
    (
        [&] {
            if constexpr (is_independence<Opts>::value)
                declare_from(c, ind, static_cast<const Opts*>(nullptr));
            else
                ir::add_rule(c, lower<typename Opts::expression>(c));
        }(),
        ...);
}

enum class moment : unsigned char { mean, variance, covariance };

template <moment K, class A, class B, class... Opts>
struct moment_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::independence ind;
        apply_stats_options<Opts...>(b.ctx, ind);
        ir::term a = lower<A>(b.ctx);
        if constexpr (K == moment::mean) {
            b.root = ir::expectation(b.ctx, ind, a);
        } else if constexpr (K == moment::variance) {
            b.root = ir::variance(b.ctx, ind, a);
        } else {
            ir::term y = lower<B>(b.ctx);
            b.root = ir::covariance(b.ctx, ind, a, y);
        }
        return b;
    }
};

template <class... Opts>
constexpr void require_stats_options() {
    static_assert((is_stats_option<Opts>::value && ...),
                  "leibniz::expectation / variance / covariance: extra arguments must be independent(...) or assume_zero(...)");
}

}  // namespace dsl

/// E[e]. Random variables not declared independent are treated as
/// dependent; what cannot be reduced stays as \mathbb{E}[...].
template <dsl::expression E, class... Opts>
constexpr auto expectation(E, Opts...) {
    dsl::require_stats_options<Opts...>();
    return dsl::computed<dsl::moment_source<dsl::moment::mean, E, void, Opts...>>();
}

/// Var(e) = E[e²] - E[e]².
template <dsl::expression E, class... Opts>
constexpr auto variance(E, Opts...) {
    dsl::require_stats_options<Opts...>();
    return dsl::computed<dsl::moment_source<dsl::moment::variance, E, void, Opts...>>();
}

/// Cov(a, b) = E[a b] - E[a] E[b]; with indexed a and b, an entry of the
/// covariance matrix.
template <dsl::expression A, dsl::expression B, class... Opts>
constexpr auto covariance(A, B, Opts...) {
    dsl::require_stats_options<Opts...>();
    return dsl::computed<dsl::moment_source<dsl::moment::covariance, A, B, Opts...>>();
}

}  // namespace leibniz
