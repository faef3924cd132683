// evaluate_into: a result at every value of its free indices, written into a
// row-major output. The loop plan (plan/loops.hpp: sums hoisted and shared,
// invariants computed once, reductions fused) is frozen at compile time
// (eval/array_program.hpp) and compiled here by template recursion: one
// inlined loop nest per plan nest, straight-line arithmetic inside.
//
//   evaluate_into(d(ell, Y(s, t)), output(dY, B, M), Y = view(y, B, M), ..., over(s, t));
//   evaluate_into(into(output(dg, M), dgamma, over(j)), into(output(dY, B, M), dY_expr, over(s, t)),
//                 Y = view(y, B, M), ...);   // several results sharing their work
//
// Shapes are checked before anything is written (std::invalid_argument);
// outputs that overlap an input are computed aside and copied at the end.
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana/pair.hpp>

#include <leibniz/detail/error.hpp>
#include <leibniz/eval/array_program.hpp>
#include <leibniz/eval/bindings.hpp>
#include <leibniz/eval/codegen.hpp>
#include <leibniz/eval/diagnostics.hpp>
#include <leibniz/eval/evaluate.hpp>
#include <leibniz/eval/view.hpp>
#include <leibniz/ir/ops.hpp>

namespace leibniz {

// ---- outputs --------------------------------------------------------------------------------------------
/// A writable rank-R row-major view (R = 0: a flat array whose size is
/// checked against the result's extents). `count`: the elements at `data`.
template <class T, std::size_t Rank>
struct output_view {
    static_assert(std::is_floating_point_v<T>, "leibniz::output: the output must hold float or double");
    using value_type = T;
    static constexpr std::size_t rank = Rank;
    T* data = nullptr;
    std::array<std::size_t, Rank> extents{};
    std::size_t count = 0;

    constexpr std::size_t size() const {
        if constexpr (Rank == 0) {
            return count;
        } else {
            std::size_t n = 1;
            for (std::size_t e : extents) n *= e;
            return n;
        }
    }
};

/// A bare pointer has no size: output(std::span(p, n), B, M) says how many
/// elements p points to.
/// (The empty output it returns only keeps the failed assertion the one error.)
template <class T, std::integral... X>
constexpr auto output(T*, X...) {
    static_assert(eval::detail::pointer_without_size<T>,
                  "leibniz::output: a pointer carries no size; give a std::span(p, n), a std::vector or a std::array");
    using U = std::remove_cv_t<T>;
    return output_view<std::conditional_t<std::is_floating_point_v<U>, U, double>, sizeof...(X)>{};
}
/// A vector, span or array: flat (its size must be the result's), or with
/// extents whose product must be its size. A pointer p to n elements:
/// output(std::span(p, n), B, M).
template <class T, class A, std::integral... X>
constexpr output_view<T, sizeof...(X)> output(std::vector<T, A>& v, X... extents) {
    output_view<T, sizeof...(X)> o{v.data(), {eval::detail::to_extent(extents)...}, v.size()};
    if constexpr (sizeof...(X) != 0)
        if (o.size() != v.size()) eval::detail::throw_bad_view_size(v.size(), o.size(), o.extents.data(), sizeof...(X));
    return o;
}
template <class T, std::size_t N, std::integral... X>
    requires(!std::is_const_v<T>)
constexpr output_view<T, sizeof...(X)> output(std::span<T, N> s, X... extents) {
    output_view<T, sizeof...(X)> o{s.data(), {eval::detail::to_extent(extents)...}, s.size()};
    if constexpr (sizeof...(X) != 0)
        if (o.size() != s.size()) eval::detail::throw_bad_view_size(s.size(), o.size(), o.extents.data(), sizeof...(X));
    return o;
}
template <class T, std::size_t N, std::integral... X>
constexpr output_view<T, sizeof...(X)> output(std::array<T, N>& a, X... extents) {
    output_view<T, sizeof...(X)> o{a.data(), {eval::detail::to_extent(extents)...}, N};
    if constexpr (sizeof...(X) != 0)
        if (o.size() != N) eval::detail::throw_bad_view_size(N, o.size(), o.extents.data(), sizeof...(X));
    return o;
}

/// The output indices of a result, in the order of the output's layout.
template <class... I>
struct over_indices {};
template <class... I>
constexpr over_indices<dsl::terminal_tag_t<I>...> over(I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::over: give the output indices as index variables, over(s, t)");
    return {};
}

/// One of several results: into(output, expression, over(indices...)).
template <class E, class Out, class Over>
struct into_target {
    Out out;
};
template <class Out, dsl::expression E, class... I>
constexpr auto into(Out out, E, over_indices<I...>) {
    return into_target<E, Out, over_indices<I...>>{out};
}

/// Contractions as plain loops (the default); eigen.hpp provides
/// leibniz::eigen_contractions, which hands them to Eigen's GEMM / GEMV.
struct loops_backend {
    static constexpr bool contractions = false;
};

namespace eval::arrays {

template <class X>
struct is_output_view : std::false_type {};
template <class T, std::size_t R>
struct is_output_view<output_view<T, R>> : std::true_type {};

/// What evaluate_into accepts as an output without output(...).
template <class X>
constexpr auto as_output(X& x) {
    if constexpr (is_output_view<std::remove_cv_t<X>>::value) return x;
    else return output(x);
}

template <class X>
struct is_over : std::false_type {};
template <class... I>
struct is_over<over_indices<I...>> : std::true_type {};
template <class X>
struct is_target : std::false_type {};
template <class E, class O, class V>
struct is_target<into_target<E, O, V>> : std::true_type {};
template <class X>
concept backend = requires { X::contractions; };

// ---- compile-time program -------------------------------------------------------------------------------------
template <class Spec>
struct spec_ops;
template <class Source, class... I>
struct spec_ops<result_spec<Source, I...>> {
    static constexpr void add(ir::context& c, std::vector<term>& roots, std::vector<std::vector<int>>& orders) {
        roots.push_back(import_source<Source>(c));
        std::vector<int> o;
        (o.push_back(dsl::intern_tag<I>::go(c)), ...);
        orders.push_back(std::move(o));
    }
};

inline constexpr std::size_t stage_arrays = 256, stage_nests = 160, stage_targets = 256, stage_nodes = 8192,
                             stage_extents = 32, stage_sources = 160, stage_checks = 64;

[[noreturn]] inline void leibniz_error_array_program_too_large() { ::leibniz::detail::fail("leibniz_error_array_program_too_large"); }

/// The program for results Specs with bindings described by Binds: it
/// depends on the bindings' names and kinds only, not on their element
/// types, so float and double (and every backend) share one plan.
template <class Specs, auto Binds, class Ranks>
struct compiled;
template <class... Specs, auto Binds, int... Rk>
struct compiled<std::tuple<Specs...>, Binds, std::integer_sequence<int, Rk...>> {
    static constexpr auto binds = Binds;
    static constexpr std::array<output_desc, sizeof...(Specs)> outs{output_desc{Rk}...};

    using staged_t = program<stage_arrays, stage_nests, stage_targets, stage_nodes, stage_extents, stage_sources, stage_checks,
                             stage_arrays>;
    struct staging {
        staged_t prog;
        program_sizes sizes;
    };
    static constexpr staging staged = [] {
        builder b{binds.data(), static_cast<int>(binds.size()), outs.data(), {}, {}};
        ir::context c;
        std::vector<term> roots;
        std::vector<std::vector<int>> orders;
        (spec_ops<Specs>::add(c, roots, orders), ...);
        b.build(c, roots, orders);
        const program_data& d = b.d;
        staging s{};
        s.sizes = {d.arrays.size(), d.nests.size(), d.targets.size(), d.nodes.size(),
                   d.extents.size(), d.sources.size(), d.checks.size(), d.scratch.size()};
        if (s.sizes.arrays > stage_arrays || s.sizes.nests > stage_nests || s.sizes.targets > stage_targets ||
            s.sizes.nodes > stage_nodes || s.sizes.extents > stage_extents || s.sizes.sources > stage_sources ||
            s.sizes.checks > stage_checks || s.sizes.scratch > stage_arrays)
            leibniz_error_array_program_too_large();
        for (std::size_t i = 0; i != d.arrays.size(); ++i) s.prog.arrays[i] = d.arrays[i];
        for (std::size_t i = 0; i != d.nests.size(); ++i) s.prog.nests[i] = d.nests[i];
        for (std::size_t i = 0; i != d.targets.size(); ++i) s.prog.targets[i] = d.targets[i];
        for (std::size_t i = 0; i != d.nodes.size(); ++i) s.prog.nodes[i] = d.nodes[i];
        for (std::size_t i = 0; i != d.extents.size(); ++i) s.prog.extents[i] = d.extents[i];
        for (std::size_t i = 0; i != d.names.size(); ++i) s.prog.names[i] = d.names[i];
        for (std::size_t i = 0; i != d.sources.size(); ++i) s.prog.sources[i] = d.sources[i];
        for (std::size_t i = 0; i != d.checks.size(); ++i) s.prog.checks[i] = d.checks[i];
        for (std::size_t i = 0; i != d.scratch.size(); ++i) s.prog.scratch[i] = d.scratch[i];
        s.prog.what = d.what;
        std::string_view nm = d.problem.view();
        for (std::size_t i = 0; i != nm.size() && i != 31; ++i) s.prog.problem[i] = nm[i];
        return s;
    }();
    static constexpr program_sizes S = staged.sizes;
    static constexpr auto value = [] {
        program<S.arrays, S.nests, S.targets, S.nodes, S.extents, S.sources, S.checks, S.scratch> out{};
        const staged_t& g = staged.prog;
        for (std::size_t i = 0; i != S.arrays; ++i) out.arrays[i] = g.arrays[i];
        for (std::size_t i = 0; i != S.nests; ++i) out.nests[i] = g.nests[i];
        for (std::size_t i = 0; i != S.targets; ++i) out.targets[i] = g.targets[i];
        for (std::size_t i = 0; i != S.nodes; ++i) out.nodes[i] = g.nodes[i];
        for (std::size_t i = 0; i != S.extents; ++i) out.extents[i] = g.extents[i];
        for (std::size_t i = 0; i != S.extents * 32; ++i) out.names[i] = g.names[i];
        for (std::size_t i = 0; i != S.sources; ++i) out.sources[i] = g.sources[i];
        for (std::size_t i = 0; i != S.checks; ++i) out.checks[i] = g.checks[i];
        for (std::size_t i = 0; i != S.scratch; ++i) out.scratch[i] = g.scratch[i];
        out.what = g.what;
        for (std::size_t i = 0; i != 32; ++i) out.problem[i] = g.problem[i];
        return out;
    }();
    static constexpr std::string_view problem_name() { return value.problem_name(); }
};

// ---- compile-time diagnostics ------------------------------------------------------------------------------------
template <char... Index>
struct index_bound_in_evaluate_into {
    static_assert(always_false<Index...>,
                  "leibniz::evaluate_into: it computes every value of the output indices; do not bind an index (k = 1), "
                  "name the output indices with over(s, t)");
};
template <char... Index>
struct free_index_not_in_over {
    static_assert(always_false<Index...>,
                  "leibniz::evaluate_into: a free index of the result is not among its output indices; list it in over(...)");
};
template <char... Nothing>
struct nest_too_deep {
    static_assert(always_false<Nothing...>, "leibniz::evaluate_into: a loop nest deeper than 8 levels");
};

template <class C>
constexpr void report() {
    constexpr issue what = C::value.what;
    constexpr auto chars = std::make_index_sequence<C::problem_name().size()>{};
    if constexpr (what == issue::missing) diagnose<no_binding_for, C>(chars);
    else if constexpr (what == issue::extent_unknown) diagnose<extent_not_known, C>(chars);
    else if constexpr (what == issue::bound_twice) diagnose<bound_twice, C>(chars);
    else if constexpr (what == issue::scalar_needs_number) diagnose<scalar_needs_a_number, C>(chars);
    else if constexpr (what == issue::tensor_needs_view) diagnose<tensor_needs_a_view, C>(chars);
    else if constexpr (what == issue::extent_needs_integer) diagnose<extent_needs_an_integer, C>(chars);
    else if constexpr (what == issue::index_bound) diagnose<index_bound_in_evaluate_into, C>(chars);
    else if constexpr (what == issue::free_index_not_over) diagnose<free_index_not_in_over, C>(chars);
    else if constexpr (what == issue::too_many_levels) diagnose<nest_too_deep, C>(chars);
    else static_assert(what != issue::not_bindable,
                       "leibniz::evaluate_into: only a symbol, a tensor or an extent can be bound to a value, as x = 1.5");
}

// ---- run-time errors -----------------------------------------------------------------------------------------------
[[noreturn]] inline void throw_extent_conflict(std::string_view extent, const std::string& a, const std::string& b) {
    throw std::invalid_argument("leibniz::evaluate_into: the extent " + std::string(extent) + " is " + a + " but also " + b);
}
[[noreturn]] inline void throw_negative(std::string_view extent, long long v) {
    throw std::invalid_argument("leibniz::evaluate_into: the extent " + std::string(extent) + " is bound to " +
                                std::to_string(v) + ", a negative number");
}
[[noreturn]] inline void throw_range(std::string_view range, std::size_t a, std::string_view dim, std::size_t b) {
    throw std::invalid_argument("leibniz::evaluate_into: an index ranging over " + std::string(range) + " = " +
                                std::to_string(a) + " is used where the extent is " + std::string(dim) + " = " + std::to_string(b));
}
[[noreturn]] inline void throw_output_size(std::size_t which, std::size_t have, std::string shape, std::size_t need) {
    throw std::invalid_argument("leibniz::evaluate_into: output " + std::to_string(which + 1) + " has " + std::to_string(have) +
                                " elements but the result is " + shape + " (" + std::to_string(need) + " elements)");
}
[[noreturn]] inline void throw_outputs_overlap(std::size_t a, std::size_t b) {
    throw std::invalid_argument("leibniz::evaluate_into: outputs " + std::to_string(a + 1) + " and " + std::to_string(b + 1) +
                                " overlap");
}

/// Memory for the scratch arrays, 64-byte aligned, not zeroed; small
/// amounts on the stack.
template <class T>
struct scratch_memory {
    static constexpr std::size_t local_bytes = 8192;
    alignas(64) unsigned char local[local_bytes];
    T* data = nullptr;
    bool heap = false;
    explicit scratch_memory(std::size_t n) {
        if (n * sizeof(T) <= local_bytes) {
            data = reinterpret_cast<T*>(local);
        } else {
            data = static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64}));
            heap = true;
        }
    }
    ~scratch_memory() {
        if (heap) ::operator delete(data, std::align_val_t{64});
    }
    scratch_memory(const scratch_memory&) = delete;
    scratch_memory& operator=(const scratch_memory&) = delete;
};

constexpr std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// ---- the runner ------------------------------------------------------------------------------------------------------
// GCC vectorizes at -O2 only loops whose trip count is a known multiple of
// the vector width; the loop nests here have run-time extents, so they are
// compiled with the cost model of -O3 (clang vectorizes them at -O2 anyway),
// without FP traps (so that a select can compute both sides) and, as far as
// the compiler lets a pragma do it, without errno for the math functions.
#if defined(__GNUC__) && !defined(__clang__)
#define LEIBNIZ_IVDEP _Pragma("GCC ivdep")
#define LEIBNIZ_UNPREDICTABLE(c) __builtin_expect_with_probability((c), true, 0.5)
#pragma GCC push_options
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic", "no-trapping-math", "no-math-errno")
#define LEIBNIZ_ARRAY_VECTORIZE_POP 1
#elif defined(__clang__)
// Where clang cannot vectorize a loop (a call to exp, say) it would warn that
// the request failed; the request is a hint here, not a requirement.
#define LEIBNIZ_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#define LEIBNIZ_UNPREDICTABLE(c) __builtin_unpredictable(c)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpass-failed"
#define LEIBNIZ_ARRAY_CLANG_POP 1
#else
#define LEIBNIZ_IVDEP
#define LEIBNIZ_UNPREDICTABLE(c) (c)
#endif

template <class C, class T, class Values, class Outs, class Backend>
struct runner {
    static constexpr const auto& P = C::value;
    static constexpr std::size_t NX = P.extents.size(), NA = P.arrays.size();
    static constexpr std::size_t NO = std::tuple_size_v<Outs>;

    struct state {
        std::size_t x[NX == 0 ? 1 : NX];
        T* a[NA == 0 ? 1 : NA];
    };

    LEIBNIZ_EVAL_INLINE static constexpr T as_number(std::size_t n) { return static_cast<T>(static_cast<long long>(n)); }

    template <long long E>
    LEIBNIZ_EVAL_INLINE static T ipow(T b) {
        if constexpr (E == 1) {
            return b;
        } else if constexpr (E % 2 == 0) {
            const T h = ipow<E / 2>(b);
            return h * h;
        } else {
            return ipow<E - 1>(b) * b;
        }
    }
    template <long long Num, long long Den>
    LEIBNIZ_EVAL_INLINE static T rational_pow(T b) {
        // GCC 12 keeps sqrt's errno test and library call (so a loop with a
        // square root stays scalar) unless the whole program is built with
        // -fno-math-errno; the pragma above cannot turn that off. Square
        // roots shared between arrays are computed once (plan/roots.hpp).
        using std::sqrt;
        constexpr long long limit = 1LL << 16;
        if constexpr (Num == 0) {
            return T(1);
        } else if constexpr (Den == 1 && Num > 0 && Num <= limit) {
            return ipow<Num>(b);
        } else if constexpr (Den == 1 && Num < 0 && -Num <= limit) {
            return T(1) / ipow<-Num>(b);
        } else if constexpr (Den == 2 && Num == 1) {
            return sqrt(b);
        } else if constexpr (Den == 2 && Num == -1) {
            return T(1) / sqrt(b);
        } else if constexpr (Den == 2 && Num > 0 && Num <= limit) {
            return ipow<(Num - 1) / 2>(b) * sqrt(b);
        } else if constexpr (Den == 2 && Num < 0 && -Num <= limit) {
            return T(1) / (ipow<(-Num - 1) / 2>(b) * sqrt(b));
        } else {
            using std::pow;
            return pow(b, static_cast<T>(Num) / static_cast<T>(Den));
        }
    }

    static constexpr std::size_t kid(std::size_t i, std::size_t k) {
        std::size_t j = i + 1;
        for (std::size_t n = 0; n != k; ++n) j += static_cast<std::size_t>(P.nodes[j].size);
        return j;
    }

    template <std::size_t B>
    LEIBNIZ_EVAL_INLINE static const auto& bound(const Values& v) {
        return boost::hana::second(std::get<B>(v));
    }

    /// Row-major offset of element node I: ((i0) e1 + i1) e2 + i2 ...
    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static std::size_t offset([[maybe_unused]] const state& st, [[maybe_unused]] const std::size_t* pos,
                                                  std::index_sequence<K...>) {
        [[maybe_unused]] constexpr p_array arr = P.arrays[static_cast<std::size_t>(P.nodes[I].id)];
        std::size_t off = 0;
        ((off = off * st.x[arr.dims[K]] + pos[P.nodes[kid(I, K)].id]), ...);
        return off;
    }
    template <std::size_t I>
    LEIBNIZ_EVAL_INLINE static std::size_t offset(const state& st, const std::size_t* pos) {
        return offset<I>(st, pos, std::make_index_sequence<static_cast<std::size_t>(P.nodes[I].nkids)>{});
    }

    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static T add(const state& st, const std::size_t* pos, const Values& v, std::index_sequence<K...>) {
        return (... + node<kid(I, K)>(st, pos, v));
    }
    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static T mul(const state& st, const std::size_t* pos, const Values& v, std::index_sequence<K...>) {
        constexpr bool masked = ((P.nodes[kid(I, K)].kind == op::step) || ...);
        if constexpr (masked) {
            // step(c) x ... = c > 0 ? x ... : 0 x ..., a select on computed values
            // (branch-free and vectorizable; a product with 0 or 1 is neither);
            // 0 x ... is what IEEE gives (NaN for x NaN or infinite), and a
            // NaN c makes the whole product NaN
            // bool & bool, not && (a branch) nor integer masks: GCC keeps
            // the former as a vector mask and if-converts the select
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wbitwise-instead-of-logical"
#endif
            const bool keep = (... & factor_mask<kid(I, K)>(st, pos, v));
            const bool unordered = (... | factor_unordered<kid(I, K)>(st, pos, v));
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
            const T rest = (T(1) * ... * factor_value<kid(I, K)>(st, pos, v));
            const T zero = unordered ? std::numeric_limits<T>::quiet_NaN() : T(0);
            return LEIBNIZ_UNPREDICTABLE(keep) ? rest : zero * rest;
        } else {
            return (... * node<kid(I, K)>(st, pos, v));
        }
    }
    template <std::size_t J>
    LEIBNIZ_EVAL_INLINE static bool factor_mask(const state& st, const std::size_t* pos, const Values& v) {
        if constexpr (P.nodes[J].kind == op::step) return node<J + 1>(st, pos, v) > T(0);
        else return true;
    }
    template <std::size_t J>
    LEIBNIZ_EVAL_INLINE static bool factor_unordered(const state& st, const std::size_t* pos, const Values& v) {
        if constexpr (P.nodes[J].kind == op::step) {
            const T c = node<J + 1>(st, pos, v);
            return c != c;
        } else {
            return false;
        }
    }
    template <std::size_t J>
    LEIBNIZ_EVAL_INLINE static T factor_value(const state& st, const std::size_t* pos, const Values& v) {
        if constexpr (P.nodes[J].kind == op::step) return T(1);
        else return node<J>(st, pos, v);
    }

    /// An elementwise function: its row's value of its arguments.
    template <std::size_t I, std::size_t... K>
    LEIBNIZ_EVAL_INLINE static T function(const state& st, const std::size_t* pos, const Values& v, std::index_sequence<K...>) {
        return ir::row_type<P.nodes[I].kind>::apply(node<kid(I, K)>(st, pos, v)...);
    }

    template <std::size_t I>
    LEIBNIZ_EVAL_INLINE static T node(const state& st, const std::size_t* pos, const Values& v) {
        constexpr p_node n = P.nodes[I];
        constexpr auto kids = std::make_index_sequence<static_cast<std::size_t>(n.nkids)>{};
        if constexpr (n.kind == op::num) {
            constexpr T value = static_cast<T>(n.num) / static_cast<T>(n.den);
            return value;
        } else if constexpr (n.kind == op::idx) {
            return as_number(pos[n.id] + 1);
        } else if constexpr (n.kind == op::sym) {
            if constexpr (n.what == read::extent) {
                return as_number(st.x[n.id]);
            } else if constexpr (n.what == read::pi) {
                return static_cast<T>(ir::cmath::pi);
            } else if constexpr (n.what == read::scalar) {
                return static_cast<T>(bound<static_cast<std::size_t>(n.id)>(v));
            } else {
                constexpr p_array arr = P.arrays[static_cast<std::size_t>(n.id)];
                if constexpr (arr.r == role::input)
                    return static_cast<T>(bound<static_cast<std::size_t>(arr.binding)>(v).data[offset<I>(st, pos)]);
                else
                    return st.a[n.id][offset<I>(st, pos)];
            }
        } else if constexpr (n.kind == op::add) {
            return add<I>(st, pos, v, kids);
        } else if constexpr (n.kind == op::mul) {
            return mul<I>(st, pos, v, kids);
        } else if constexpr (n.kind == op::pow) {
            constexpr p_node e = P.nodes[kid(I, 1)];
            if constexpr (e.kind == op::num) {
                return rational_pow<e.num, e.den>(node<I + 1>(st, pos, v));
            } else {
                using std::pow;
                return pow(node<I + 1>(st, pos, v), node<kid(I, 1)>(st, pos, v));
            }
        } else if constexpr (ir::is_function(n.kind)) {
            return function<I>(st, pos, v, kids);
        } else if constexpr (n.kind == op::delta) {
            return pos[P.nodes[I + 1].id] == pos[P.nodes[I + 2].id] ? T(1) : T(0);
        } else {
            static_assert(n.kind == op::delta, "leibniz::evaluate_into: a sum left in a loop body");
            return T(0);
        }
    }

    template <std::size_t Arr>
    LEIBNIZ_EVAL_INLINE static std::size_t size_of(const state& st) {
        constexpr p_array arr = P.arrays[Arr];
        std::size_t n = 1;
        for (int r = 0; r != arr.rank; ++r) n *= st.x[arr.dims[r]];
        return n;
    }

    // ---- loop nests ----------------------------------------------------------------------------------------
    template <nest_kind K>
    LEIBNIZ_EVAL_INLINE static constexpr T initial() {
        if constexpr (K == nest_kind::maximum) return -std::numeric_limits<T>::infinity();
        else return T(0);
    }
    template <nest_kind K>
    LEIBNIZ_EVAL_INLINE static T combine(T acc, T x) {
        if constexpr (K == nest_kind::maximum) return ir::row_type<op::max>::apply(acc, x);  // NaN stays NaN
        else return acc + x;
    }

    /// Whether a target of nest N reads an array that nest N writes.
    template <std::size_t N>
    static constexpr bool reads_own_targets() {
        constexpr p_nest n = P.nests[N];
        for (int a = 0; a != n.count; ++a) {
            const p_target& t = P.targets[static_cast<std::size_t>(n.first + a)];
            const p_node& root = P.nodes[static_cast<std::size_t>(t.body)];
            for (int b = 0; b != n.count; ++b) {
                const int written = P.targets[static_cast<std::size_t>(n.first + b)].array;
                for (int q = t.body; q != t.body + root.size; ++q) {
                    const p_node& x = P.nodes[static_cast<std::size_t>(q)];
                    if (x.kind == op::sym && x.what == read::element && x.id == written) return true;
                }
            }
        }
        return false;
    }

    /// The innermost body of nest N: assign (element-wise) or accumulate into the targets.
    template <std::size_t N, std::size_t... J>
    LEIBNIZ_EVAL_INLINE static void body(state& st, const std::size_t* pos, const Values& v, std::index_sequence<J...>) {
        constexpr p_nest n = P.nests[N];
        if constexpr (sizeof...(J) > 1 && !reads_own_targets<N>()) {
            // Every value first, then the stores: the compiler cannot tell
            // that a store into one target leaves the inputs of the next
            // unchanged, and would compute what they share ((Y - m), the
            // ReLU mask) once per target.
            const T x[] = {node<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].body)>(st, pos, v)...};
            (
                [&] {
                    constexpr p_target t = P.targets[static_cast<std::size_t>(n.first) + J];
                    T& at = st.a[t.array][offset<static_cast<std::size_t>(t.ref)>(st, pos)];
                    if constexpr (n.kind == nest_kind::elementwise) at = x[J];
                    else at = combine<n.kind>(at, x[J]);
                }(),
                ...);
            return;
        }
        (
            [&] {
                constexpr p_target t = P.targets[static_cast<std::size_t>(n.first) + J];
                T& at = st.a[t.array][offset<static_cast<std::size_t>(t.ref)>(st, pos)];
                const T x = node<static_cast<std::size_t>(t.body)>(st, pos, v);
                if constexpr (n.kind == nest_kind::elementwise) at = x;
                else at = combine<n.kind>(at, x);
            }(),
            ...);
    }

    /// Whether a target element of nest N depends on loop level L.
    template <std::size_t N>
    static constexpr bool targets_use_level(int level) {
        constexpr p_nest n = P.nests[N];
        for (int a = 0; a != n.count; ++a) {
            const int ref = P.targets[static_cast<std::size_t>(n.first + a)].ref;
            for (int q = ref; q != ref + P.nodes[static_cast<std::size_t>(ref)].size; ++q)
                if (P.nodes[static_cast<std::size_t>(q)].kind == op::idx && P.nodes[static_cast<std::size_t>(q)].id == level)
                    return true;
        }
        return false;
    }
    /// A reduction whose next-to-innermost loop is summed over, the
    /// innermost kept (Σ_k over rows into one accumulator per column): two
    /// rows per pass over the accumulators, which are then loaded and
    /// stored half as often.
    template <std::size_t N, std::size_t D>
    static constexpr bool jam_two_rows() {
        constexpr p_nest n = P.nests[N];
        if constexpr (n.kind == nest_kind::elementwise || D + 2 != static_cast<std::size_t>(n.nloops)) return false;
        else return !reads_own_targets<N>() && !targets_use_level<N>(static_cast<int>(D));
    }
    template <std::size_t N, std::size_t... J>
    LEIBNIZ_EVAL_INLINE static void body_two_rows(state& st, const std::size_t* pos, const std::size_t* next, const Values& v,
                                                  std::index_sequence<J...>) {
        constexpr p_nest n = P.nests[N];
        const T x[] = {node<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].body)>(st, pos, v)...};
        const T y[] = {node<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].body)>(st, next, v)...};
        (
            [&] {
                constexpr p_target t = P.targets[static_cast<std::size_t>(n.first) + J];
                T& at = st.a[t.array][offset<static_cast<std::size_t>(t.ref)>(st, pos)];
                at = combine<n.kind>(at, combine<n.kind>(x[J], y[J]));
            }(),
            ...);
    }

    template <std::size_t N, std::size_t D>
    LEIBNIZ_EVAL_INLINE static void loops(state& st, std::size_t* pos, const Values& v) {
        constexpr p_nest n = P.nests[N];
        if constexpr (jam_two_rows<N, D>()) {
            const std::size_t e = st.x[n.loops[D]], inner = st.x[n.loops[D + 1]];
            std::size_t next[max_levels];
            for (std::size_t l = 0; l != static_cast<std::size_t>(max_levels); ++l) next[l] = pos[l];
            std::size_t i = 0;
            for (; i + 1 < e; i += 2) {
                pos[D] = i;
                next[D] = i + 1;
                LEIBNIZ_IVDEP
                for (std::size_t j = 0; j != inner; ++j) {
                    pos[D + 1] = j;
                    next[D + 1] = j;
                    body_two_rows<N>(st, pos, next, v, std::make_index_sequence<static_cast<std::size_t>(n.count)>{});
                }
            }
            if (i < e) {
                pos[D] = i;
                loops<N, D + 1>(st, pos, v);
            }
        } else if constexpr (D == static_cast<std::size_t>(n.nloops)) {
            body<N>(st, pos, v, std::make_index_sequence<static_cast<std::size_t>(n.count)>{});
        } else if constexpr (D + 1 == static_cast<std::size_t>(n.nloops)) {
            // The innermost loop carries no dependence through memory: each
            // iteration writes its own elements of the targets, which no body
            // of the nest reads, and outputs that overlap an input were
            // moved aside. Without this, GCC gives up vectorizing when more
            // than 10 pairs of arrays would need a run-time overlap test.
            const std::size_t e = st.x[n.loops[D]];
            LEIBNIZ_IVDEP
            for (std::size_t i = 0; i != e; ++i) {
                pos[D] = i;
                body<N>(st, pos, v, std::make_index_sequence<static_cast<std::size_t>(n.count)>{});
            }
        } else {
            const std::size_t e = st.x[n.loops[D]];
            for (std::size_t i = 0; i != e; ++i) {
                pos[D] = i;
                loops<N, D + 1>(st, pos, v);
            }
        }
    }

    /// Reduced levels innermost: accumulate in registers, store once.
    template <std::size_t N, std::size_t D, std::size_t NC>
    LEIBNIZ_EVAL_INLINE static void reduce(state& st, std::size_t* pos, const Values& v, std::array<T, NC>& acc) {
        constexpr p_nest n = P.nests[N];
        if constexpr (D == static_cast<std::size_t>(n.nloops)) {
            [&]<std::size_t... J>(std::index_sequence<J...>) {
                ((acc[J] = combine<n.kind>(
                      acc[J], node<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].body)>(st, pos, v))),
                 ...);
            }(std::make_index_sequence<NC>{});
        } else {
            const std::size_t e = st.x[n.loops[D]];
            for (std::size_t i = 0; i != e; ++i) {
                pos[D] = i;
                reduce<N, D + 1>(st, pos, v, acc);
            }
        }
    }
    template <std::size_t N, std::size_t D>
    LEIBNIZ_EVAL_INLINE static void outer(state& st, std::size_t* pos, const Values& v) {
        constexpr p_nest n = P.nests[N];
        constexpr std::size_t NC = static_cast<std::size_t>(n.count);
        if constexpr (D == static_cast<std::size_t>(n.nouter)) {
            std::array<T, NC> acc;
            acc.fill(initial<n.kind>());
            reduce<N, D>(st, pos, v, acc);
            [&]<std::size_t... J>(std::index_sequence<J...>) {
                ((st.a[P.targets[static_cast<std::size_t>(n.first) + J].array]
                      [offset<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].ref)>(st, pos)] = acc[J]),
                 ...);
            }(std::make_index_sequence<NC>{});
        } else {
            const std::size_t e = st.x[n.loops[D]];
            for (std::size_t i = 0; i != e; ++i) {
                pos[D] = i;
                outer<N, D + 1>(st, pos, v);
            }
        }
    }

    /// The element type an operand array is stored in.
    template <int Arr>
    static constexpr bool stored_as_T() {
        constexpr p_array arr = P.arrays[static_cast<std::size_t>(Arr)];
        if constexpr (arr.r != role::input) {
            return true;
        } else {
            using view = std::remove_cvref_t<decltype(bound<static_cast<std::size_t>(arr.binding)>(std::declval<const Values&>()))>;
            return std::is_same_v<typename view::value_type, T>;
        }
    }
    template <int Arr>
    LEIBNIZ_EVAL_INLINE static const T* pointer(const state& st, const Values& v) {
        constexpr p_array arr = P.arrays[static_cast<std::size_t>(Arr)];
        if constexpr (arr.r == role::input) return bound<static_cast<std::size_t>(arr.binding)>(v).data;
        else return st.a[Arr];
    }
    static std::size_t extent(const state& st, int slot) { return slot < 0 ? 1 : st.x[slot]; }

    template <std::size_t N>
    static void run_nest(state& st, const Values& v) {
        constexpr p_nest n = P.nests[N];
        if constexpr (Backend::contractions && n.op != blas::none) {
            if constexpr (stored_as_T<n.a>() && stored_as_T<n.b>()) {
                const T* a = pointer<n.a>(st, v);
                const T* b = pointer<n.b>(st, v);
                T* c = st.a[n.c];
                const T alpha = static_cast<T>(n.alpha_num) / static_cast<T>(n.alpha_den);
                const std::size_t m = extent(st, n.m), nn = extent(st, n.n), k = extent(st, n.k);
                if constexpr (n.op == blas::gemm) Backend::template gemm<n.a_trans, n.b_trans>(m, nn, k, alpha, a, b, c);
                else if constexpr (n.op == blas::gemv) Backend::template gemv<n.a_trans>(m, k, alpha, a, b, c);
                else if constexpr (n.op == blas::dot) c[0] = alpha * Backend::dot(k, a, b);
                else Backend::outer(m, nn, alpha, a, b, c);
            } else {
                run_loops<N>(st, v);  // operands of another element type
            }
        } else {
            run_loops<N>(st, v);
        }
    }

    template <std::size_t N>
    static void run_loops(state& st, const Values& v) {
        constexpr p_nest n = P.nests[N];
        {
            std::size_t pos[max_levels] = {};
            if constexpr (n.kind == nest_kind::elementwise) {
                loops<N, 0>(st, pos, v);
            } else if constexpr (n.sums_inside) {
                outer<N, 0>(st, pos, v);
            } else {
                [&]<std::size_t... J>(std::index_sequence<J...>) {
                    ((std::fill_n(st.a[P.targets[static_cast<std::size_t>(n.first) + J].array],
                                  size_of<static_cast<std::size_t>(P.targets[static_cast<std::size_t>(n.first) + J].array)>(st),
                                  initial<n.kind>())),
                     ...);
                }(std::make_index_sequence<static_cast<std::size_t>(n.count)>{});
                loops<N, 0>(st, pos, v);
            }
        }
    }

    // ---- extents, checks, memory -------------------------------------------------------------------------------
    template <std::size_t K>
    static std::size_t source_value(const Values& v, const Outs& outs) {
        constexpr p_source s = P.sources[K];
        if constexpr (s.output >= 0) {
            return std::get<static_cast<std::size_t>(s.output)>(outs).extents[static_cast<std::size_t>(s.dim)];
        } else {
            const auto& value = bound<static_cast<std::size_t>(s.binding)>(v);
            if constexpr (s.dim < 0) {
                if constexpr (std::is_signed_v<std::remove_cvref_t<decltype(value)>>)
                    if (value < 0) throw_negative(P.extent_name(s.slot), static_cast<long long>(value));
                return static_cast<std::size_t>(value);
            } else {
                return value.extents[static_cast<std::size_t>(s.dim)];
            }
        }
    }
    template <std::size_t K>
    static std::string source_text(const Values& v, const Outs& outs) {
        constexpr p_source s = P.sources[K];
        std::string value = std::to_string(source_value<K>(v, outs));
        if constexpr (s.output >= 0) {
            const auto& o = std::get<static_cast<std::size_t>(s.output)>(outs);
            return value + " (output " + std::to_string(s.output + 1) + ", dimension " + std::to_string(s.dim + 1) + " of its " +
                   eval::detail::shape_text(o.extents.data(), o.extents.size()) + " view)";
        } else {
            std::string name(C::binds[static_cast<std::size_t>(s.binding)].tag.name_view());
            if constexpr (s.dim < 0) {
                return value + " (bound as " + name + " = " + value + ")";
            } else {
                const auto& view = bound<static_cast<std::size_t>(s.binding)>(v);
                return value + " (tensor " + name + ", dimension " + std::to_string(s.dim + 1) + " of its " +
                       eval::detail::shape_text(view.extents.data(), view.extents.size()) + " view)";
            }
        }
    }
    template <std::size_t K>
    static void gather(state& st, std::array<int, NX == 0 ? 1 : NX>& from, const Values& v, const Outs& outs) {
        constexpr p_source s = P.sources[K];
        const std::size_t value = source_value<K>(v, outs);
        int& f = from[static_cast<std::size_t>(s.slot)];
        if (f < 0) {
            f = static_cast<int>(K);
            st.x[s.slot] = value;
        } else if (st.x[s.slot] != value) {
            [&]<std::size_t... J>(std::index_sequence<J...>) {
                std::string first;
                ((J == static_cast<std::size_t>(f) ? (void)(first = source_text<J>(v, outs)) : (void)0), ...);
                throw_extent_conflict(P.extent_name(s.slot), first, source_text<K>(v, outs));
            }(std::make_index_sequence<K>{});
        }
    }

    static std::string result_shape(const state& st, std::size_t o) {
        std::string s;
        bool first = true;
        for (std::size_t a = 0; a != NA; ++a) {
            if (P.arrays[a].r != role::output || P.arrays[a].binding != static_cast<int>(o)) continue;
            for (int r = 0; r != P.arrays[a].rank; ++r) {
                if (!first) s += " x ";
                first = false;
                s += std::string(P.extent_name(P.arrays[a].dims[r])) + " = " + std::to_string(st.x[P.arrays[a].dims[r]]);
            }
            if (first) s = "a scalar";
        }
        return s;
    }

    static constexpr std::size_t NB = std::tuple_size_v<Values>;

    /// A range of memory: where it starts and ends, and how many elements.
    struct span_bytes {
        std::uintptr_t begin = 0, end = 0;
        std::size_t count = 0;
        bool overlaps(const span_bytes& o) const { return count != 0 && o.count != 0 && begin < o.end && o.begin < end; }
    };
    template <class U>
    static span_bytes span_of(const U* p, std::size_t n) {
        return {reinterpret_cast<std::uintptr_t>(p), reinterpret_cast<std::uintptr_t>(p + n), n};
    }
    template <std::size_t... O>
    static std::array<span_bytes, NO> output_spans(const Outs& outs, std::index_sequence<O...>) {
        return {span_of(std::get<O>(outs).data, std::get<O>(outs).size())...};
    }
    template <std::size_t B>
    static span_bytes input_span(const Values& v) {
        using value = std::remove_cvref_t<decltype(bound<B>(v))>;
        if constexpr (value_info<value>::is_view) return span_of(bound<B>(v).data, bound<B>(v).size());
        else return {};
    }
    template <std::size_t... B>
    static std::array<span_bytes, NB> input_spans(const Values& v, std::index_sequence<B...>) {
        return {input_span<B>(v)...};
    }

    static void run(const Outs& outs, const Values& v) {
        state st{};
        // extents: the first source of each sets it, every other must agree
        std::array<int, NX == 0 ? 1 : NX> from;
        from.fill(-1);
        [&]<std::size_t... K>(std::index_sequence<K...>) { (gather<K>(st, from, v, outs), ...); }(
            std::make_index_sequence<P.sources.size()>{});
        for (const p_check& c : P.checks)
            if (st.x[c.index] > st.x[c.dim])
                throw_range(P.extent_name(c.index), st.x[c.index], P.extent_name(c.dim), st.x[c.dim]);
        // outputs: their sizes; each gets its own memory unless it overlaps an input
        std::array<std::size_t, NO> need{};
        std::array<bool, NO> aside{};
        for (std::size_t a = 0; a != NA; ++a)
            if (P.arrays[a].r == role::output) {
                std::size_t n = 1;
                for (int r = 0; r != P.arrays[a].rank; ++r) n *= st.x[P.arrays[a].dims[r]];
                need[static_cast<std::size_t>(P.arrays[a].binding)] = n;
            }
        // views and outputs: their memory holds what their extents need
        [&]<std::size_t... B>(std::index_sequence<B...>) {
            (
                [&] {
                    if constexpr (value_info<std::remove_cvref_t<decltype(bound<B>(v))>>::is_view)
                        eval::detail::check_count("evaluate_into", "the view of", C::binds[B].tag.name_view(), bound<B>(v));
                }(),
                ...);
        }(std::make_index_sequence<NB>{});
        [&]<std::size_t... O>(std::index_sequence<O...>) {
            (
                [&] {
                    const auto& o = std::get<O>(outs);
                    if (o.count != o.size())
                        eval::detail::throw_bad_count("evaluate_into", "output", std::to_string(O + 1), o.count, o.extents.data(),
                                                      o.extents.size(), o.size());
                }(),
                ...);
        }(std::make_index_sequence<NO>{});
        const std::array<span_bytes, NO> out_spans = output_spans(outs, std::make_index_sequence<NO>{});
        const std::array<span_bytes, NB> in_spans = input_spans(v, std::make_index_sequence<NB>{});
        for (std::size_t o = 0; o != NO; ++o) {
            if (out_spans[o].count != need[o]) throw_output_size(o, out_spans[o].count, result_shape(st, o), need[o]);
            for (std::size_t q = 0; q != o; ++q)
                if (out_spans[o].overlaps(out_spans[q])) throw_outputs_overlap(q, o);
            for (const span_bytes& in : in_spans)
                if (out_spans[o].overlaps(in)) aside[o] = true;
        }
        // scratch arrays (and outputs computed aside) in one allocation
        constexpr std::size_t line = 64 / sizeof(T) == 0 ? 1 : 64 / sizeof(T);
        std::size_t total = 0;
        std::array<std::size_t, NA == 0 ? 1 : NA> at{};
        for (std::size_t a = 0; a != NA; ++a) {
            const p_array& arr = P.arrays[a];
            bool own = arr.r == role::scratch || (arr.r == role::output && aside[static_cast<std::size_t>(arr.binding)]);
            if (!own) continue;
            std::size_t n = 1;
            for (int r = 0; r != arr.rank; ++r) n *= st.x[arr.dims[r]];
            at[a] = total;
            total += round_up(n, line);
        }
        scratch_memory<T> mem(total);
        [&]<std::size_t... A>(std::index_sequence<A...>) {
            (
                [&] {
                    constexpr p_array arr = P.arrays[A];
                    if constexpr (arr.r == role::scratch) {
                        st.a[A] = mem.data + at[A];
                    } else if constexpr (arr.r == role::output) {
                        constexpr std::size_t o = static_cast<std::size_t>(arr.binding);
                        if (aside[o]) st.a[A] = mem.data + at[A];
                        else st.a[A] = std::get<o>(outs).data;
                    }
                }(),
                ...);
        }(std::make_index_sequence<NA>{});
        // Nothing has been written yet; now compute. The loops read the
        // bindings from a local copy (views and numbers, a few words each):
        // the caller's could be changed by any store into an output as far
        // as the compiler knows, so that every iteration would reload a
        // bound scalar and per-column loops would not vectorize.
        const Values local = v;
        [&]<std::size_t... N>(std::index_sequence<N...>) { (run_nest<N>(st, local), ...); }(std::make_index_sequence<P.nests.size()>{});
        for (std::size_t a = 0; a != NA; ++a) {
            const p_array& arr = P.arrays[a];
            if (arr.r != role::output || !aside[static_cast<std::size_t>(arr.binding)]) continue;
            [&]<std::size_t... O>(std::index_sequence<O...>) {
                ((O == static_cast<std::size_t>(arr.binding) ? (void)std::copy_n(st.a[a], need[O], std::get<O>(outs).data) : (void)0),
                 ...);
            }(std::make_index_sequence<NO>{});
        }
    }
};

#ifdef LEIBNIZ_ARRAY_VECTORIZE_POP
#pragma GCC pop_options
#undef LEIBNIZ_ARRAY_VECTORIZE_POP
#endif
#ifdef LEIBNIZ_ARRAY_CLANG_POP
#pragma clang diagnostic pop
#undef LEIBNIZ_ARRAY_CLANG_POP
#endif
#undef LEIBNIZ_IVDEP
#undef LEIBNIZ_UNPREDICTABLE

// ---- argument sorting -----------------------------------------------------------------------------------------
template <class A>
inline constexpr bool is_binding_arg = pair_info<A>::is_pair || std::is_same_v<boost::hana::tag_of_t<A>, boost::hana::map_tag>;

template <class A>
constexpr auto binding_tuple(const A& a) {
    if constexpr (is_binding_arg<A>) return as_tuple(a);
    else return std::tuple<>{};
}
template <class A>
constexpr auto target_tuple(const A& a) {
    if constexpr (is_target<A>::value) return std::tuple<A>{a};
    else return std::tuple<>{};
}

template <class A>
constexpr void check_argument() {
    static_assert(is_binding_arg<A> || is_over<A>::value || is_target<A>::value || backend<A>,
                  "leibniz::evaluate_into: after the output, pass bindings (x = 1.5, Y = leibniz::view(data, 3, 4)), "
                  "over(indices...) and optionally a backend");
    static_assert(!is_index_point<A>::value,
                  "leibniz::evaluate_into: it computes every value of the output indices; name them with over(s, t), not at(...)");
}

template <class... A>
struct pick_backend {
    using type = loops_backend;
};
template <class A, class... R>
struct pick_backend<A, R...> {
    using type = std::conditional_t<backend<A>, A, typename pick_backend<R...>::type>;
};

template <class E, class Over>
struct spec_from;
template <class E, class... I>
struct spec_from<E, over_indices<I...>> {
    using type = result_spec<typename source_of<E>::type, I...>;
};

template <class E>
struct spec_of;
template <class E, class O, class... I>
struct spec_of<into_target<E, O, over_indices<I...>>> {
    using type = result_spec<typename source_of<E>::type, I...>;
};

template <class T>
struct output_rank;
template <class T, std::size_t R>
struct output_rank<output_view<T, R>> {
    static constexpr int value = static_cast<int>(R);
};

template <class Target>
struct over_count;
template <class E, class O, class... I>
struct over_count<into_target<E, O, over_indices<I...>>> {
    static constexpr int value = static_cast<int>(sizeof...(I));
};

template <class Target>
struct target_info {
    using out_type = decltype(std::declval<Target>().out);
    using value_type = typename out_type::value_type;
};

template <class Values>
struct binding_descs;
template <class... P>
struct binding_descs<std::tuple<P...>> {
    static constexpr std::array<binding_desc, sizeof...(P)> value{describe<P>()...};
};

/// Run the results `targets` with the bindings `values`.
template <class Backend, class... Targets, class Values>
void run_targets(const std::tuple<Targets...>& targets, const Values& values) {
    using T = typename target_info<std::tuple_element_t<0, std::tuple<Targets...>>>::value_type;
    static_assert((std::is_same_v<typename target_info<Targets>::value_type, T> && ...),
                  "leibniz::evaluate_into: all outputs must have the same element type");
    using specs = std::tuple<typename spec_of<Targets>::type...>;
    using ranks = std::integer_sequence<int, output_rank<typename target_info<Targets>::out_type>::value...>;
    using prog = compiled<specs, binding_descs<Values>::value, ranks>;
    if constexpr (prog::value.what != issue::none) {
        report<prog>();
    } else {
        // an output view's rank must match its result's number of indices
        [&]<std::size_t... O>(std::index_sequence<O...>) {
            static_assert(((output_rank<typename target_info<Targets>::out_type>::value == 0 ||
                            output_rank<typename target_info<Targets>::out_type>::value == over_count<Targets>::value) &&
                           ...),
                          "leibniz::evaluate_into: an output view must have one extent per output index (or none: a flat output)");
            using outs = std::tuple<typename target_info<Targets>::out_type...>;
            outs o{std::get<O>(targets).out...};
            runner<prog, T, Values, outs, Backend>::run(o, values);
        }(std::index_sequence_for<Targets...>{});
    }
}

}  // namespace eval::arrays

/// Evaluate results at every value of their output indices, into row-major
/// outputs, sharing their work:
///   evaluate_into(e, out, bindings..., over(s, t))            one result
///   evaluate_into(into(out1, e1, over(j)), into(out2, e2, over(s, t)), bindings...)
/// `out` is output(pointer or vector, extents...), or a std::vector / span
/// (flat: its size is checked). Bindings are as for evaluate (x = 1.5,
/// Y = view(data, B, M), B = 4); binding an intermediate by name makes it an
/// input. A backend argument (leibniz::eigen_contractions from
/// leibniz/eigen.hpp) computes matrix products with a BLAS. Throws
/// std::invalid_argument, before writing anything, when extents disagree.
template <class First, class... Args>
void evaluate_into(const First& first, Args&&... args) {
    if constexpr (eval::arrays::is_target<First>::value) {
        (eval::arrays::check_argument<std::remove_cvref_t<Args>>(), ...);
        using backend = typename eval::arrays::pick_backend<std::remove_cvref_t<Args>...>::type;
        auto targets = std::tuple_cat(std::tuple<First>{first}, eval::arrays::target_tuple(args)...);
        auto values = std::tuple_cat(eval::arrays::binding_tuple(args)...);
        eval::arrays::run_targets<backend>(targets, values);
    } else if constexpr (!dsl::expression<First>) {
        // nothing else is instantiated, so this is the only message
        static_assert(dsl::expression<First>,
                      "leibniz::evaluate_into: the first argument must be an expression (then the output, over(...) and the "
                      "bindings) or into(output, expression, over(...))");
    } else {
        [&]<class Out, class... Rest>(Out&& out, Rest&&... rest) {
            (eval::arrays::check_argument<std::remove_cvref_t<Rest>>(), ...);
            constexpr std::size_t overs = (std::size_t(0) + ... + std::size_t(eval::arrays::is_over<std::remove_cvref_t<Rest>>::value));
            static_assert(overs <= 1, "leibniz::evaluate_into: give the output indices once, over(s, t)");
            using backend = typename eval::arrays::pick_backend<std::remove_cvref_t<Rest>...>::type;
            auto o = eval::arrays::as_output(out);
            auto pick_over = [](const auto&... r) {
                return std::tuple_cat([](const auto& x) {
                    if constexpr (eval::arrays::is_over<std::remove_cvref_t<decltype(x)>>::value) return std::tuple{x};
                    else return std::tuple<>{};
                }(r)...);
            };
            auto ov = pick_over(rest...);
            auto over_of = [&] {
                if constexpr (std::tuple_size_v<decltype(ov)> == 0) return over_indices<>{};
                else return std::get<0>(ov);
            }();
            auto targets = std::tuple{into(o, first, over_of)};
            auto values = std::tuple_cat(eval::arrays::binding_tuple(rest)...);
            eval::arrays::run_targets<backend>(targets, values);
        }(std::forward<Args>(args)...);
    }
}

}  // namespace leibniz
