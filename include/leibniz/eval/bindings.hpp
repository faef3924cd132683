// Bindings: `x = 1.5` (expr::operator=) makes a hana::pair<hana::type<Tag>,
// V>. evaluate takes such pairs, hana::maps of them and at(k = 1, ...) points;
// they are flattened into one std::tuple of pairs, and described here as
// plain values so that the plan can match them with symbols by name.
#pragma once
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <boost/hana/core/tag_of.hpp>
#include <boost/hana/map.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

#include <leibniz/dsl/expr.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/eval/view.hpp>

namespace leibniz {

namespace eval {

/// What a binding's terminal stands for.
enum class tag_kind : unsigned char { none, scalar, tensor, extent, index, loss };

struct tag_desc {
    tag_kind kind = tag_kind::none;
    char name[32]{};
    int rank = 0;
    char dims[ir::max_rank][32]{};  ///< extent names: a tensor's dimensions, an index's range

    constexpr std::string_view name_view() const { return leibniz::detail::name_view(name); }
    constexpr std::string_view dim_view(int d) const { return leibniz::detail::name_view(dims[d]); }
};

/// What a terminal tag stands for, read off the symbol-table entry that
/// lowering gives it (so every kind of symbol the DSL can lower is known).
template <class Tag>
struct tag_info {
    static constexpr tag_desc value{};
};
template <class Tag>
    requires requires(ir::context& c) { dsl::intern_tag<Tag>::go(c); }
struct tag_info<Tag> {
    static constexpr tag_desc value = [] {
        ir::context c;
        const ir::sym_entry e = c.at(dsl::intern_tag<Tag>::go(c));
        tag_desc d;
        leibniz::detail::copy_name(d.name, e.name_view());
        switch (e.kind) {
            case ir::sym_kind::scalar: d.kind = tag_kind::scalar; break;
            case ir::sym_kind::tensor: d.kind = tag_kind::tensor; break;
            case ir::sym_kind::index: d.kind = tag_kind::index; break;
            case ir::sym_kind::extent: d.kind = tag_kind::extent; break;
            case ir::sym_kind::loss: d.kind = tag_kind::loss; break;
            default: break;  // a kind evaluate does not know: not bindable
        }
        if (e.kind == ir::sym_kind::tensor) {
            d.rank = e.rank;
            for (int k = 0; k != e.rank; ++k) leibniz::detail::copy_name(d.dims[k], c.at(e.dims[k]).name_view());
        } else if (e.kind == ir::sym_kind::index) {
            leibniz::detail::copy_name(d.dims[0], c.at(e.dims[0]).name_view());
        }
        return d;
    }();
};

template <class V>
struct value_info {
    static constexpr bool is_view = false;
    static constexpr int rank = 0;
    using element = V;
};
template <class T, std::size_t R>
struct value_info<tensor_view<T, R>> {
    static constexpr bool is_view = true;
    static constexpr int rank = static_cast<int>(R);
    using element = T;
};

template <class K>
struct key_type {
    using type = void;
};
template <class K>
    requires requires { typename K::type; }
struct key_type<K> {
    using type = typename K::type;
};

template <class P>
struct pair_info {
    static constexpr bool is_pair = false;
    using tag = void;
    using value = void;
};
template <class K, class V>
struct pair_info<boost::hana::pair<K, V>> {
    static constexpr bool is_pair = true;
    using tag = typename key_type<K>::type;  // K is hana::type<Tag>
    using value = V;
};

/// A binding as the plan sees it.
struct binding_desc {
    tag_desc tag;
    bool arithmetic = false, integral = false, is_view = false;
    int view_rank = 0;
};
template <class P>
constexpr binding_desc describe() {
    using tag = typename pair_info<P>::tag;
    using value = typename pair_info<P>::value;
    binding_desc b{tag_info<tag>::value};
    b.arithmetic = std::is_arithmetic_v<value>;
    b.integral = std::is_integral_v<value>;
    b.is_view = value_info<value>::is_view;
    b.view_rank = value_info<value>::rank;
    return b;
}

/// What can be wrong with the bindings themselves, before the expression is
/// looked at.
enum class binding_problem : unsigned char {
    none,
    not_bindable,          ///< a key that is not a symbol, tensor, extent or index
    bound_twice,           ///< two bindings with the same name
    scalar_needs_number,   ///< a scalar bound to something other than a number
    tensor_needs_view,     ///< a tensor bound to something other than a view of its rank
    extent_needs_integer,  ///< B = 1.5
    index_needs_integer,   ///< k = 1.5
    index_bound            ///< k = 1 where every index value is computed (evaluate_into)
};
struct binding_verdict {
    binding_problem what = binding_problem::none;
    int binding = -1;  ///< the first binding at fault
};

/// The one analysis of a list of bindings that evaluate and evaluate_into
/// share. `index_values`: whether an index may be given a value (evaluate
/// at a point) or not (evaluate_into computes every value).
constexpr binding_verdict check_bindings(const binding_desc* binds, int nb, bool index_values) {
    for (int b = 0; b != nb; ++b) {
        const binding_desc& d = binds[b];
        auto at = [b](binding_problem p) { return binding_verdict{p, b}; };
        if (d.tag.kind == tag_kind::none) return at(binding_problem::not_bindable);
        for (int c = 0; c != b; ++c)
            if (binds[c].tag.name_view() == d.tag.name_view()) return at(binding_problem::bound_twice);
        switch (d.tag.kind) {
            case tag_kind::extent:
                if (!d.integral) return at(binding_problem::extent_needs_integer);
                break;
            case tag_kind::index:
                if (!index_values) return at(binding_problem::index_bound);
                if (!d.integral) return at(binding_problem::index_needs_integer);
                break;
            case tag_kind::tensor:
                if (!d.is_view || d.view_rank != d.tag.rank) return at(binding_problem::tensor_needs_view);
                break;
            default:
                if (!d.arithmetic) return at(binding_problem::scalar_needs_number);
        }
    }
    return {};
}

template <class P>
inline constexpr bool is_index_binding = pair_info<P>::is_pair && tag_info<typename pair_info<P>::tag>::value.kind == tag_kind::index &&
                                         std::is_integral_v<typename pair_info<P>::value>;

}  // namespace eval

/// The values of free indices: at(k = 1, l = 2) (1-based, as in the formula).
template <class... P>
struct index_point {
    std::tuple<P...> pairs;
};

template <class... P>
constexpr index_point<P...> at(P... p) {
    static_assert((eval::is_index_binding<P> && ...),
                  "leibniz::at: give index values as at(k = 1, l = 2), with k, l index variables and integer values");
    return {std::tuple<P...>{p...}};
}

namespace eval {

template <class A>
struct is_index_point : std::false_type {};
template <class... P>
struct is_index_point<index_point<P...>> : std::true_type {};

/// What evaluate accepts after the expression.
template <class A>
inline constexpr bool is_argument = pair_info<A>::is_pair || is_index_point<A>::value ||
                                    std::is_same_v<boost::hana::tag_of_t<A>, boost::hana::map_tag>;

template <class A>
constexpr auto as_tuple(const A& a) {
    if constexpr (pair_info<A>::is_pair)
        return std::tuple<A>{a};
    else if constexpr (is_index_point<A>::value)
        return a.pairs;
    else
        return boost::hana::unpack(a, [](const auto&... p) { return std::tuple<std::remove_cvref_t<decltype(p)>...>{p...}; });
}

}  // namespace eval
}  // namespace leibniz
