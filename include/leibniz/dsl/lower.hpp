// Lowering: from an expression's type to the value IR. One instantiation per
// node type of the user's expression; all later work is value computation.
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/dsl/expr.hpp>
#include <leibniz/ir/freeze.hpp>
#include <leibniz/simplify/simplify.hpp>
#include <tuple>

namespace leibniz::dsl {

template <class Source>
struct frozen;

template <class Tag>
struct intern_tag;

template <fixed_string Name, fixed_string Latex, int Prio, ir::sign_known Sign>
struct intern_tag<scalar_tag<Name, Latex, Prio, Sign>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = ir::sym_kind::scalar;
        e.prio = Prio;
        e.sign = Sign;
        return c.intern(e);
    }
};
template <fixed_string Name, fixed_string Latex>
struct intern_tag<extent_tag<Name, Latex>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = ir::sym_kind::extent;
        e.prio = -100;  // extents lead a product: \frac{1}{B}, B m_l
        return c.intern(e);
    }
};
template <fixed_string Name, fixed_string Latex, class X>
struct intern_tag<index_tag<Name, Latex, X>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = ir::sym_kind::index;
        e.dims[0] = intern_tag<X>::go(c);
        return c.intern(e);
    }
};
template <fixed_string Name, fixed_string Latex, int Prio, ir::sign_known Sign, class... X>
struct intern_tag<tensor_tag<Name, Latex, Prio, Sign, X...>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = ir::sym_kind::tensor;
        e.prio = Prio;
        e.sign = Sign;
        e.rank = static_cast<int>(sizeof...(X));
        int i = 0;
        ((e.dims[i++] = intern_tag<X>::go(c)), ...);
        return c.intern(e);
    }
};

template <class E>
constexpr ir::term lower(ir::context& c);

template <fixed_string Name, fixed_string Latex, int Prio, class Def, class... P>
struct intern_tag<intermediate_tag<Name, Latex, Prio, Def, P...>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = sizeof...(P) == 0 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
        e.prio = Prio;
        e.rank = static_cast<int>(sizeof...(P));
        int i = 0;
        ((e.params[i++] = intern_tag<P>::go(c)), ...);
        for (int k = 0; k != e.rank; ++k) e.dims[k] = c.extent_of(e.params[k]);
        int id = c.intern(e);
        if (c.at(id).def < 0) {
            ir::term body = lower<definition_t<Def>>(c);
            c.defs.push_back(std::move(body));
            c.at(id).def = static_cast<int>(c.defs.size() - 1);
        }
        return id;
    }
};
template <fixed_string Name, fixed_string Latex, class H, class G, class... K>
struct intern_tag<loss_tag<Name, Latex, H, G, K...>> {
    static constexpr int go(ir::context& c) {
        ir::sym_entry e;
        detail::copy_name(e.name, Name.view());
        detail::copy_name(e.latex, Latex.view());
        e.kind = ir::sym_kind::loss;
        e.dep = intern_tag<H>::go(c);
        e.grad = intern_tag<G>::go(c);
        int i = 0;
        ((e.params[i++] = intern_tag<K>::go(c)), ...);
        static_assert(sizeof...(K) == std::tuple_size_v<std::tuple<K...>>);
        return c.intern(e);
    }
};

template <class Tag>
constexpr ir::term lower_terminal(ir::context& c) {
    int id = intern_tag<Tag>::go(c);
    if (c.at(id).kind == ir::sym_kind::index) return ir::idx(id);
    return ir::sym(id);
}

template <class Tag>
struct special_terminal;
template <long long N, long long D>
struct special_terminal<constant_tag<N, D>> {
    static constexpr ir::term go(ir::context&) { return ir::num(N, D); }
};
template <>
struct special_terminal<too_deep_tag> {  // reported where it was made
    static constexpr ir::term go(ir::context&) { return ir::num(0); }
};
template <class Src>
struct special_terminal<computed_tag<Src>> {
    static constexpr ir::term go(ir::context& c) { return ir::import(c, ir::thaw(frozen<Src>::value)); }
};

template <class E, std::size_t... I>
constexpr std::vector<ir::term> lower_args(ir::context& c, std::index_sequence<I...>) {
    std::vector<ir::term> out;
    (out.push_back(lower<element_t<E, I + 1>>(c)), ...);
    return out;
}

template <class Tag>
struct function_of;

template <class E>
constexpr ir::term lower_call(ir::context& c) {
    using callee = terminal_tag_t<element_t<E, 0>>;
    constexpr std::size_t nargs = decltype(hana::size(std::declval<typename E::tuple_type>()))::value - 1;
    std::vector<ir::term> args = lower_args<E>(c, std::make_index_sequence<nargs>{});
    if constexpr (is_tensor_tag<callee>::value) {
        ir::term t = lower_terminal<callee>(c);
        t.kids = std::move(args);
        return t;
    } else if constexpr (std::is_same_v<callee, sum_tag>) {
        return ir::sum(args[0].id, std::move(args[1]));
    } else if constexpr (std::is_same_v<callee, delta_tag>) {
        return ir::delta(args[0].id, args[1].id);
    } else if constexpr (std::is_same_v<callee, general_pow_tag>) {
        return ir::pow(std::move(args[0]), std::move(args[1]));
    } else {
        return function_of<callee>::go(std::move(args));  // a function of two arguments
    }
}

template <ir::op Op>
struct function_of<function_tag<Op>> {
    static constexpr ir::term go(ir::term a)
        requires(ir::row_type<Op>::arity == 1)
    {
        return ir::unary(Op, std::move(a));
    }
    static constexpr ir::term go(std::vector<ir::term> args) { return ir::make(Op, std::move(args)); }
};
template <long long N, long long D>
struct function_of<pow_tag<N, D>> {
    static constexpr ir::term go(ir::term a) { return ir::pow(std::move(a), ir::num(N, D)); }
};

template <class E>
constexpr ir::term lower(ir::context& c) {
    using T = std::remove_cvref_t<E>;
    static_assert(is_expr<T>::value, "leibniz: expected a leibniz expression");
    constexpr yap::expr_kind k = T::kind;
    if constexpr (k == yap::expr_kind::terminal) {
        using tag = terminal_tag_t<T>;
        if constexpr (requires { intern_tag<tag>::go(c); })
            return lower_terminal<tag>(c);
        else
            return special_terminal<tag>::go(c);
    } else if constexpr (k == yap::expr_kind::call) {
        using callee = terminal_tag_t<element_t<T, 0>>;
        if constexpr (requires { function_of<callee>::go(ir::term{}); }) {
            return function_of<callee>::go(lower<element_t<T, 1>>(c));
        } else {
            return lower_call<T>(c);
        }
    } else if constexpr (k == yap::expr_kind::negate) {
        return ir::neg(lower<element_t<T, 0>>(c));
    } else {
        ir::term a = lower<element_t<T, 0>>(c);
        ir::term b = lower<element_t<T, 1>>(c);
        if constexpr (k == yap::expr_kind::plus) return ir::add(std::move(a), std::move(b));
        else if constexpr (k == yap::expr_kind::minus) return ir::sub(std::move(a), std::move(b));
        else if constexpr (k == yap::expr_kind::multiplies) return ir::mul(std::move(a), std::move(b));
        else if constexpr (k == yap::expr_kind::divides) return ir::div(std::move(a), std::move(b));
        else static_assert(k == yap::expr_kind::plus, "leibniz: unsupported operator in an expression");
    }
}

inline constexpr std::size_t staging_nodes = 6144;
inline constexpr std::size_t staging_symbols = 160;

[[noreturn]] inline void leibniz_error_result_too_large_to_freeze() { ::leibniz::detail::fail("leibniz_error_result_too_large_to_freeze"); }

/// Freeze the bundle Source::make() returns. The computation runs once,
/// into a generous staging area (a Source may ask for a larger one); the
/// exact-size copy is cheap.
template <class Source>
struct frozen {
    static constexpr std::size_t node_capacity = [] {
        if constexpr (requires { Source::staging_nodes; }) return Source::staging_nodes;
        else return staging_nodes;
    }();
    static constexpr std::size_t symbol_capacity = [] {
        if constexpr (requires { Source::staging_symbols; }) return Source::staging_symbols;
        else return staging_symbols;
    }();
    struct staged_t {
        ir::frozen_bundle<node_capacity, symbol_capacity> data;
        std::size_t nodes, symbols;
        long long work, budget;
    };
    static constexpr staged_t staged = [] {
        ir::bundle b = Source::make();
        const long long work = b.ctx.work, budget = b.ctx.work_budget;
        if (work > budget) {
            // Reported once, below; the result stands in as 0 so that
            // nothing after it fails again.
            b = ir::bundle{};
            b.root = ir::num(0);
        }
        std::size_t n = ir::flatten(b).size(), s = b.ctx.syms.size();
        if (n > node_capacity || s > symbol_capacity) leibniz_error_result_too_large_to_freeze();
        return staged_t{ir::freeze<node_capacity, symbol_capacity>(b, n, s), n, s, work, budget};
    }();
    // The check sits in the initializer of `value`, not in the class: clang
    // takes a class with a failed static_assert for invalid as a whole, and
    // every later use of it for one more error.
    static constexpr auto value = [] {
        static_assert(staged.work <= staged.budget, LEIBNIZ_DETAIL_WORK_BUDGET_MESSAGE);
        ir::frozen_bundle<staged.nodes, staged.symbols> out{};
        for (std::size_t i = 0; i != staged.nodes; ++i) out.nodes[i] = staged.data.nodes[i];
        for (std::size_t i = 0; i != staged.symbols; ++i) out.syms[i] = staged.data.syms[i];
        out.ndefs = staged.data.ndefs;
        out.nrules = staged.data.nrules;
        return out;
    }();
};

template <class L, class R>
constexpr bool compatible_free_indices() {
    ir::context c;
    std::vector<int> a = ir::free_indices(lower<L>(c)), b = ir::free_indices(lower<R>(c));
    // one side may broadcast over the other's extra indices (Y_il - m_l)
    auto subset = [](const std::vector<int>& x, const std::vector<int>& y) {
        for (int i : x) {
            bool found = false;
            for (int j : y) found = found || i == j;
            if (!found) return false;
        }
        return true;
    };
    return subset(a, b) || subset(b, a);
}

template <class R>
constexpr bool nonzero_denominator() {
    constexpr constant_value v = constant_value_of<R>();
    if constexpr (v.known) {
        return !v.value.is_zero();
    } else if constexpr (may_vanish<R>()) {
        ir::context c;
        return !ir::simplify(c, lower<R>(c)).is_zero();
    } else {
        return true;
    }
}

template <class E>
constexpr bool positive_after_simplifying() {
    if constexpr (may_vanish<E>()) {
        ir::context c;
        const ir::term t = ir::simplify(c, lower<E>(c));
        return !(t.is_num() && (t.value.is_zero() || t.value.is_negative()));
    } else {
        return true;
    }
}

/// The bundle of a plain expression.
template <class E>
struct lowered {
    static constexpr ir::bundle make() {
        ir::bundle b;
        b.root = lower<E>(b.ctx);
        return b;
    }
};

}  // namespace leibniz::dsl
