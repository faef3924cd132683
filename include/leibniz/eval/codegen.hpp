// Code generation: one inlined function per node of the frozen IR, chosen by
// `if constexpr` on the node's kind, so that an evaluation compiles to
// straight-line arithmetic (loops only for sums). Children of node i start at
// i + 1; the next sibling of node j is at j + nodes[j].size.
#pragma once
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <tuple>
#include <utility>

#include <boost/hana/pair.hpp>

#include <leibniz/eval/plan.hpp>
#include <leibniz/ir/ops.hpp>

#if defined(__GNUC__) || defined(__clang__)
#define LEIBNIZ_EVAL_INLINE [[gnu::always_inline]] inline
#else
#define LEIBNIZ_EVAL_INLINE inline
#endif

namespace leibniz::eval {

template <class Plan>
struct codegen {
    using T = typename Plan::value_type;
    using env_type = typename Plan::env_type;
    using values_type = typename Plan::values_type;
    static constexpr const auto& F = Plan::F;

    static constexpr std::size_t kid(std::size_t i, std::size_t k) {
        std::size_t j = i + 1;
        for (std::size_t n = 0; n != k; ++n) j += static_cast<std::size_t>(F.nodes[j].size);
        return j;
    }
    template <std::size_t I, std::size_t K>
    static constexpr std::size_t kid_id = static_cast<std::size_t>(F.nodes[kid(I, K)].id);

    /// Index values and extents as numbers (signed: a cheaper conversion).
    LEIBNIZ_EVAL_INLINE static constexpr T as_number(std::size_t n) { return static_cast<T>(static_cast<long long>(n)); }

    /// b^E by repeated squaring.
    template <long long E>
    LEIBNIZ_EVAL_INLINE static constexpr T ipow(T b) {
        if constexpr (E == 1) {
            return b;
        } else if constexpr (E % 2 == 0) {
            const T h = ipow<E / 2>(b);
            return h * h;
        } else {
            return ipow<E - 1>(b) * b;
        }
    }
    /// b^E sqrt(b)
    template <long long E>
    LEIBNIZ_EVAL_INLINE static constexpr T ipow_sqrt(T b) {
        using std::sqrt;
        if constexpr (E == 0) return sqrt(b);
        else return ipow<E>(b) * sqrt(b);
    }

    /// b^(P/Q), Q > 0
    template <long long P, long long Q>
    LEIBNIZ_EVAL_INLINE static constexpr T rational_pow(T b) {
        constexpr long long limit = 1LL << 16;  // beyond that std::pow is both faster and more accurate
        if constexpr (P == 0) {
            return T(1);
        } else if constexpr (Q == 1 && P > 0 && P <= limit) {
            return ipow<P>(b);
        } else if constexpr (Q == 1 && P < 0 && -P <= limit) {
            return T(1) / ipow<-P>(b);
        } else if constexpr (Q == 2 && P > 0 && P <= limit) {
            return ipow_sqrt<(P - 1) / 2>(b);
        } else if constexpr (Q == 2 && P < 0 && -P <= limit) {
            return T(1) / ipow_sqrt<(-P - 1) / 2>(b);
        } else {
            using std::pow;
            return pow(b, static_cast<T>(P) / static_cast<T>(Q));
        }
    }

    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static constexpr T add(env_type& env, const values_type& v, std::index_sequence<K...>) {
        return (... + node<kid(I, K)>(env, v));
    }
    // ---- softmax shapes -----------------------------------------------------------------------------
    // exp(a_1) ... exp(a_n) (Σ_j exp(b_j))^(-k) is computed as
    // exp(a_1 + ... + a_n - k c) (Σ_j exp(b_j - c))^(-k) with c = max_j b_j,
    // log Σ_j exp(b_j) as c + log Σ_j exp(b_j - c), and the log of such a
    // quotient as a_1 + ... + a_n - k (c + log Σ_j exp(b_j - c)): the same
    // numbers, but logits of ±1000 neither overflow nor give inf / inf.
    static constexpr bool sum_of_exp(std::size_t j) { return F.nodes[j].kind == ir::op::sum && F.nodes[j + 1].kind == ir::op::exp; }
    static constexpr bool softmax_denominator(std::size_t j) {
        if (F.nodes[j].kind != ir::op::pow) return false;
        const ir::flat_node& e = F.nodes[kid(j, 1)];
        return e.kind == ir::op::num && e.den == 1 && e.num < 0 && sum_of_exp(j + 1);
    }
    /// The first kid of product I that is (Σ_j exp(b_j))^(-k), or 0 (none,
    /// or no exp among the other kids).
    static constexpr std::size_t shifted_denominator(std::size_t i) {
        if (F.nodes[i].kind != ir::op::mul) return 0;
        std::size_t found = 0, exps = 0;
        for (std::size_t k = 0; k != static_cast<std::size_t>(F.nodes[i].nkids); ++k) {
            if (found == 0 && softmax_denominator(kid(i, k))) found = kid(i, k);
            else if (F.nodes[kid(i, k)].kind == ir::op::exp) ++exps;
        }
        return exps == 0 ? 0 : found;
    }
    /// Product I is exp(a_1) ... exp(a_n) (Σ_j exp(b_j))^(-k) and nothing else.
    static constexpr bool pure_softmax(std::size_t i) {
        const std::size_t d = shifted_denominator(i);
        if (d == 0) return false;
        for (std::size_t k = 0; k != static_cast<std::size_t>(F.nodes[i].nkids); ++k)
            if (kid(i, k) != d && F.nodes[kid(i, k)].kind != ir::op::exp) return false;
        return true;
    }
    /// f(b_j) for each j of the sum S = Σ_j exp(b_j), in order.
    template <std::size_t S, class Each>
    LEIBNIZ_EVAL_INLINE static void each_exponent(env_type& env, const values_type& v, Each f) {
        constexpr std::size_t k = static_cast<std::size_t>(F.nodes[S].id);
        const std::size_t count = env.extent[static_cast<std::size_t>(F.syms[F.nodes[S].id].dims[0])];
        const std::size_t saved = env.index[k];
        for (std::size_t i = 1; i <= count; ++i) {
            env.index[k] = i;
            f(node<S + 2>(env, v));
        }
        env.index[k] = saved;
    }
    /// max_j b_j.
    template <std::size_t S>
    LEIBNIZ_EVAL_INLINE static T max_exponent(env_type& env, const values_type& v) {
        T c = -std::numeric_limits<T>::infinity();
        each_exponent<S>(env, v, [&](T b) { c = b > c ? b : c; });
        return c;
    }
    /// Σ_j exp(b_j - c).
    template <std::size_t S>
    LEIBNIZ_EVAL_INLINE static T shifted_sum(env_type& env, const values_type& v, T c) {
        using std::exp;
        T s = T(0);
        each_exponent<S>(env, v, [&](T b) { s += exp(b - c); });
        return s;
    }
    /// Kid J of a shifted product with denominator D: the exponent of an
    /// exp (the exps are multiplied as one exp of their exponents' sum),
    /// else its value (1 for D, taken care of apart).
    template <std::size_t J, std::size_t D>
    LEIBNIZ_EVAL_INLINE static T exponent_part(env_type& env, const values_type& v) {
        if constexpr (J != D && F.nodes[J].kind == ir::op::exp) return node<J + 1>(env, v);
        else return T(0);
    }
    template <std::size_t J, std::size_t D>
    LEIBNIZ_EVAL_INLINE static T other_part(env_type& env, const values_type& v) {
        if constexpr (J == D || F.nodes[J].kind == ir::op::exp) return T(1);
        else return node<J>(env, v);
    }
    /// exp(a_1 + ... + a_n - k c) (Σ_j exp(b_j - c))^(-k) times the other kids, or its log.
    template <std::size_t I, bool Log, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static T shifted_product(env_type& env, const values_type& v, std::index_sequence<K...>) {
        using std::exp;
        using std::log;
        constexpr std::size_t D = shifted_denominator(I);
        constexpr long long k = -F.nodes[kid(D, 1)].num;
        const T c = max_exponent<D + 1>(env, v);
        const T sum = shifted_sum<D + 1>(env, v, c);
        const T a = (T(0) + ... + exponent_part<kid(I, K), D>(env, v));
        if constexpr (Log) return a - static_cast<T>(k) * (c + log(sum));
        else return exp(a - static_cast<T>(k) * c) / ipow<k>(sum) * (T(1) * ... * other_part<kid(I, K), D>(env, v));
    }

    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static constexpr T mul(env_type& env, const values_type& v, std::index_sequence<K...>) {
        if constexpr (shifted_denominator(I) == 0) return (... * node<kid(I, K)>(env, v));
        else return shifted_product<I, false>(env, v, std::index_sequence<K...>{});
    }

    /// log of node J: shifted where J is a softmax shape (or an intermediate
    /// defined as one).
    template <std::size_t J>
    LEIBNIZ_EVAL_INLINE static T log_of(env_type& env, const values_type& v) {
        using std::log;
        constexpr ir::flat_node n = F.nodes[J];
        if constexpr (sum_of_exp(J)) {  // log Σ_j exp(b_j) = c + log Σ_j exp(b_j - c)
            const T c = max_exponent<J>(env, v);
            return c + log(shifted_sum<J>(env, v, c));
        } else if constexpr (pure_softmax(J)) {
            return shifted_product<J, true>(env, v, std::make_index_sequence<static_cast<std::size_t>(n.nkids)>{});
        } else if constexpr (n.kind == ir::op::sym && F.syms[n.id].kind != ir::sym_kind::extent &&
                             Plan::bind_of[static_cast<std::size_t>(n.id)] < 0) {
            return instantiate<J, true>(env, v, std::make_index_sequence<static_cast<std::size_t>(n.nkids)>{});
        } else {
            return log(node<J>(env, v));
        }
    }

    /// Element of a bound view: row-major, indices 1-based in the formula.
    template <std::size_t I, class View, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static constexpr T element(const env_type& env, const View& view, std::index_sequence<K...>) {
        std::size_t off = 0;
        ((off = off * view.extents[K] + (env.index[kid_id<I, K>] - 1)), ...);
        return static_cast<T>(view.data[off]);
    }

    /// An unbound intermediate m(k, l): its definition with the parameters
    /// set to the actual indices.
    /// (With Log: the log of that value, see log_of.)
    template <std::size_t I, bool Log = false, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static constexpr T instantiate(env_type& env, const values_type& v, std::index_sequence<K...>) {
        constexpr const ir::sym_entry& e = F.syms[F.nodes[I].id];
        constexpr std::size_t body = Plan::def_start[static_cast<std::size_t>(e.def)];
        if constexpr (sizeof...(K) == 0) {
            if constexpr (Log) return log_of<body>(env, v);
            else return node<body>(env, v);
        } else {
            const std::array<std::size_t, sizeof...(K)> actual{env.index[kid_id<I, K>]...};
            const std::array<std::size_t, sizeof...(K)> saved{env.index[e.params[K]]...};
            ((env.index[e.params[K]] = actual[K]), ...);
            T r;
            if constexpr (Log) r = log_of<body>(env, v);
            else r = node<body>(env, v);
            ((env.index[e.params[K]] = saved[K]), ...);
            return r;
        }
    }

    /// An elementwise function: its row's value of its arguments.
    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static constexpr T function(env_type& env, const values_type& v, std::index_sequence<K...>) {
        return ir::row_type<F.nodes[I].kind>::apply(node<kid(I, K)>(env, v)...);
    }

    template <std::size_t I>
    LEIBNIZ_EVAL_INLINE static constexpr T node(env_type& env, const values_type& v) {
        constexpr ir::flat_node n = F.nodes[I];
        constexpr auto kids = std::make_index_sequence<static_cast<std::size_t>(n.nkids)>{};
        if constexpr (n.kind == ir::op::num) {
            constexpr T value = static_cast<T>(n.num) / static_cast<T>(n.den);
            return value;
        } else if constexpr (n.kind == ir::op::idx) {
            return as_number(env.index[n.id]);
        } else if constexpr (n.kind == ir::op::sym) {
            constexpr const ir::sym_entry& e = F.syms[n.id];
            constexpr int b = Plan::bind_of[static_cast<std::size_t>(n.id)];
            if constexpr (e.kind == ir::sym_kind::extent) {
                return as_number(env.extent[n.id]);
            } else if constexpr (b >= 0) {
                const auto& value = boost::hana::second(std::get<static_cast<std::size_t>(b)>(v));
                if constexpr (n.nkids == 0) return static_cast<T>(value);
                else return element<I>(env, value, kids);
            } else if constexpr (ir::is_pi(e)) {
                return static_cast<T>(ir::cmath::pi);
            } else {
                return instantiate<I>(env, v, kids);
            }
        } else if constexpr (n.kind == ir::op::add) {
            return add<I>(env, v, kids);
        } else if constexpr (n.kind == ir::op::mul) {
            return mul<I>(env, v, kids);
        } else if constexpr (n.kind == ir::op::pow) {
            constexpr ir::flat_node e = F.nodes[kid(I, 1)];
            if constexpr (e.kind == ir::op::num) {
                return rational_pow<e.num, e.den>(node<I + 1>(env, v));
            } else {
                using std::pow;
                return pow(node<I + 1>(env, v), node<kid(I, 1)>(env, v));
            }
        } else if constexpr (n.kind == ir::op::log) {
            return log_of<I + 1>(env, v);
        } else if constexpr (ir::is_function(n.kind)) {
            return function<I>(env, v, kids);
        } else if constexpr (n.kind == ir::op::delta) {
            return env.index[kid_id<I, 0>] == env.index[kid_id<I, 1>] ? T(1) : T(0);
        } else {
            static_assert(n.kind == ir::op::sum, "leibniz::evaluate: a node kind the evaluator does not know");
            constexpr std::size_t k = static_cast<std::size_t>(n.id);
            constexpr std::size_t range = static_cast<std::size_t>(F.syms[n.id].dims[0]);
            const std::size_t count = env.extent[range];
            const std::size_t saved = env.index[k];
            T s = T(0);
            for (std::size_t i = 1; i <= count; ++i) {
                env.index[k] = i;
                s += node<I + 1>(env, v);
            }
            env.index[k] = saved;
            return s;
        }
    }
};

}  // namespace leibniz::eval
