// evaluate(e, bindings...): the value of an expression. Everything but the
// numbers is settled at compile time (the plan); at run time the extents are
// gathered and checked against each other, the free indices are checked
// against their ranges, and then the generated arithmetic runs.
#pragma once
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <boost/hana/pair.hpp>

#include <leibniz/dsl/lower.hpp>
#include <leibniz/eval/bindings.hpp>
#include <leibniz/eval/codegen.hpp>
#include <leibniz/eval/diagnostics.hpp>
#include <leibniz/eval/plan.hpp>
#include <leibniz/eval/view.hpp>

namespace leibniz {
namespace eval {

/// The frozen IR to evaluate: a computed result's own, or the lowered expression.
template <class E>
struct source_of {
    using type = dsl::lowered<E>;
};
template <class Src>
struct source_of<expr<yap::expr_kind::terminal, hana::tuple<dsl::computed_tag<Src>>>> {
    using type = Src;
};

// ---- run-time errors (out of line: cold paths) --------------------------------
/// Where an extent's value came from, for messages.
struct origin {
    std::string_view name;  ///< the extent (direct binding) or the tensor
    int dim = -1;           ///< dimension of the tensor's view, or -1
    std::array<std::size_t, ir::max_rank> shape{};
    std::size_t rank = 0;
    std::size_t value = 0;
};

inline std::string describe(const origin& o) {
    if (o.dim < 0) return std::to_string(o.value) + " (bound as " + std::string(o.name) + " = " + std::to_string(o.value) + ")";
    return std::to_string(o.value) + " (tensor " + std::string(o.name) + ", dimension " + std::to_string(o.dim + 1) + " of its " +
           detail::shape_text(o.shape.data(), o.rank) + " view)";
}
[[noreturn]] inline void throw_extent_mismatch(std::string_view extent, const origin& a, const origin& b) {
    throw std::invalid_argument("leibniz::evaluate: the extent " + std::string(extent) + " is " + describe(a) + " but also " +
                                describe(b));
}
[[noreturn]] inline void throw_negative_extent(std::string_view extent, long long value) {
    throw std::invalid_argument("leibniz::evaluate: the extent " + std::string(extent) + " is bound to " + std::to_string(value) +
                                ", a negative number");
}
[[noreturn]] inline void throw_index_below_one(std::string_view index, long long value) {
    throw std::out_of_range("leibniz::evaluate: the index " + std::string(index) + " = " + std::to_string(value) +
                            " is out of range (indices count from 1)");
}
[[noreturn]] inline void throw_index_out_of_range(std::string_view index, std::size_t value, std::string_view extent,
                                                  std::size_t limit) {
    throw std::out_of_range("leibniz::evaluate: the index " + std::string(index) + " = " + std::to_string(value) +
                            " is out of range 1.." + std::to_string(limit) + " (the extent " + std::string(extent) + ")");
}
[[noreturn]] inline void throw_range_too_large(std::string_view index_extent, std::size_t a, std::string_view extent,
                                               std::size_t b) {
    throw std::invalid_argument("leibniz::evaluate: an index ranging over " + std::string(index_extent) + " = " + std::to_string(a) +
                                " is used where the extent is " + std::string(extent) + " = " + std::to_string(b));
}

template <class Plan>
struct runner {
    using T = typename Plan::value_type;
    using env_type = typename Plan::env_type;
    using values_type = typename Plan::values_type;
    static constexpr const auto& F = Plan::F;
    static constexpr auto& R = Plan::result;

    template <std::size_t K>
    static origin origin_of(const values_type& v) {
        constexpr extent_source src = R.sources[K];
        const auto& value = boost::hana::second(std::get<static_cast<std::size_t>(src.binding)>(v));
        origin o;
        o.name = Plan::binds[static_cast<std::size_t>(src.binding)].tag.name_view();
        o.dim = src.dim;
        if constexpr (src.dim < 0) {
            o.value = static_cast<std::size_t>(value);
        } else {
            o.rank = value.extents.size();
            for (std::size_t d = 0; d != o.rank; ++d) o.shape[d] = value.extents[d];
            o.value = value.extents[static_cast<std::size_t>(src.dim)];
        }
        return o;
    }
    /// The first source of source K's extent (the sources are fixed at compile time).
    static constexpr std::size_t first_source(std::size_t k) {
        for (std::size_t j = 0; j != k; ++j)
            if (R.sources[j].extent == R.sources[k].extent) return j;
        return k;
    }

    /// Extent of source K; the first source of an extent sets it, the others must agree.
    template <std::size_t K>
    static constexpr void gather(env_type& env, const values_type& v) {
        constexpr extent_source src = R.sources[K];
        constexpr std::size_t x = static_cast<std::size_t>(src.extent);
        const auto& value = boost::hana::second(std::get<static_cast<std::size_t>(src.binding)>(v));
        std::size_t n;
        if constexpr (src.dim < 0) {
            if constexpr (std::is_signed_v<std::remove_cvref_t<decltype(value)>>)
                if (value < 0) throw_negative_extent(F.syms[x].name_view(), static_cast<long long>(value));
            n = static_cast<std::size_t>(value);
        } else {
            n = value.extents[static_cast<std::size_t>(src.dim)];
        }
        if constexpr (constexpr std::size_t first = first_source(K); first == K) {
            env.extent[x] = n;
        } else {
            if (env.extent[x] != n) throw_extent_mismatch(F.syms[x].name_view(), origin_of<first>(v), origin_of<K>(v));
        }
    }
    template <std::size_t K>
    static constexpr void set_index(env_type& env, const values_type& v) {
        constexpr free_index fi = R.free[K];
        const auto& value = boost::hana::second(std::get<static_cast<std::size_t>(fi.binding)>(v));
        if (value < 1) throw_index_below_one(F.syms[fi.id].name_view(), static_cast<long long>(value));
        env.index[fi.id] = static_cast<std::size_t>(value);
    }
    /// Where binding B (an index) gets its range's value from: binding
    /// `binding` itself (an extent, dim < 0) or dimension `dim` of its view.
    static constexpr extent_source range_of(std::size_t b) {
        const std::string_view range = Plan::binds[b].tag.dim_view(0);
        for (std::size_t c = 0; c != Plan::binds.size(); ++c)
            if (Plan::binds[c].tag.kind == tag_kind::extent && Plan::binds[c].tag.name_view() == range)
                return {static_cast<int>(c), -1, -1};
        for (std::size_t c = 0; c != Plan::binds.size(); ++c) {
            const binding_desc& d = Plan::binds[c];
            if (d.tag.kind != tag_kind::tensor || !d.is_view) continue;
            for (int k = 0; k != d.tag.rank; ++k)
                if (d.tag.dim_view(k) == range) return {static_cast<int>(c), k, -1};
        }
        return {};
    }
    /// Binding B before anything is computed: a view holds what its extents
    /// need; an index value lies in its range, whether or not the
    /// (simplified) expression still uses the index.
    template <std::size_t B>
    static constexpr void check_binding(const values_type& v) {
        constexpr const binding_desc& d = Plan::binds[B];
        const auto& value = boost::hana::second(std::get<B>(v));
        if constexpr (d.is_view) {
            detail::check_count("evaluate", "the view of", d.tag.name_view(), value);
        } else if constexpr (d.tag.kind == tag_kind::index) {
            if (value < 1) throw_index_below_one(d.tag.name_view(), static_cast<long long>(value));
            constexpr extent_source r = range_of(B);
            if constexpr (r.binding >= 0) {
                const auto& bound = boost::hana::second(std::get<static_cast<std::size_t>(r.binding)>(v));
                std::size_t limit;
                if constexpr (r.dim < 0) {
                    if constexpr (std::is_signed_v<std::remove_cvref_t<decltype(bound)>>)
                        if (bound < 0) throw_negative_extent(d.tag.dim_view(0), static_cast<long long>(bound));
                    limit = static_cast<std::size_t>(bound);
                } else {
                    limit = bound.extents[static_cast<std::size_t>(r.dim)];
                }
                if (static_cast<std::size_t>(value) > limit)
                    throw_index_out_of_range(d.tag.name_view(), static_cast<std::size_t>(value), d.tag.dim_view(0), limit);
            }
        }
    }
    template <std::size_t... K, std::size_t... J>
    static constexpr void prepare(env_type& env, const values_type& v, std::index_sequence<K...>, std::index_sequence<J...>) {
        [&]<std::size_t... B>(std::index_sequence<B...>) { (check_binding<B>(v), ...); }(
            std::make_index_sequence<std::tuple_size_v<values_type>>{});
        (gather<K>(env, v), ...);
        (set_index<J>(env, v), ...);
        for (const check& c : R.checks) {
            if (c.on_index) {
                if (env.index[c.a] > env.extent[c.b])
                    throw_index_out_of_range(F.syms[c.a].name_view(), env.index[c.a], F.syms[c.b].name_view(), env.extent[c.b]);
            } else if (env.extent[c.a] > env.extent[c.b]) {
                throw_range_too_large(F.syms[c.a].name_view(), env.extent[c.a], F.syms[c.b].name_view(), env.extent[c.b]);
            }
        }
    }

    LEIBNIZ_EVAL_INLINE static constexpr T run(const values_type& v) {
        env_type env{};
        prepare(env, v, std::make_index_sequence<R.sources.size()>{}, std::make_index_sequence<R.free.size()>{});
        return codegen<Plan>::template node<0>(env, v);
    }
};

}  // namespace eval

/// The value of expression e, given values for its symbols:
///   evaluate(e, x = 1.5, y = 2.0)
///   evaluate(e, hana::make_map(x = 1.5, y = 2.0))
///   evaluate(e, Y = view(data, 3, 4), at(k = 2, l = 1))   // free indices, 1-based
/// Extents are bound to integers (B = 3) or taken from the views' shapes.
/// T is the result type (default: the common floating type of the values
/// bound, or double). Throws std::invalid_argument when views disagree on an
/// extent, std::out_of_range when an index value is outside its range.
template <class T = void, class E, class... Args>
constexpr auto evaluate(E, const Args&... args) {
    static_assert(dsl::expression<E>, "leibniz::evaluate: the first argument must be a leibniz expression");
    static_assert((eval::is_argument<Args> && ...),
                  "leibniz::evaluate: after the expression, pass bindings (x = 1.5, Y = leibniz::view(data, 3, 4)), "
                  "a hana::map of them, or at(k = 1, ...)");
    if constexpr (!dsl::expression<E> || !(eval::is_argument<Args> && ...)) {
        return std::conditional_t<std::is_void_v<T>, double, T>{};
    } else {
        using values = decltype(std::tuple_cat(eval::as_tuple(args)...));
        using plan = eval::plan<typename eval::source_of<E>::type, values, T>;
        if constexpr (plan::result.what != eval::problem::none) {
            eval::report<plan>();
            return typename plan::value_type{};
        } else {
            return eval::runner<plan>::run(std::tuple_cat(eval::as_tuple(args)...));
        }
    }
}

}  // namespace leibniz
