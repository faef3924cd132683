// The user-facing DSL: a Boost.YAP expression template whose terminals are
// empty tag types, so that an expression's type carries all of it (symbols,
// constants, structure) and the symbolic work can run on the type alone.
// Operands are held by value (terminals are empty), never by reference, so
// expressions can be built from local `constexpr` symbols too.
#pragma once
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/hana/pair.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/yap/algorithm.hpp>

#include <leibniz/detail/fixed_string.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz {

namespace yap = boost::yap;
namespace hana = boost::hana;

template <yap::expr_kind Kind, class Tuple>
struct expr;

namespace dsl {

// ---- terminal tags -----------------------------------------------------------------
template <fixed_string Name, fixed_string Latex, int Prio, ir::sign_known Sign = ir::sign_known::unknown>
struct scalar_tag {};
template <long long N, long long D>
struct constant_tag {};
template <fixed_string Name, fixed_string Latex>
struct extent_tag {};
template <fixed_string Name, fixed_string Latex, class Extent>
struct index_tag {};
template <fixed_string Name, fixed_string Latex, int Prio, ir::sign_known Sign, class... Extents>
struct tensor_tag {};
/// A named intermediate: Name(params...) := Def. Def is the definition's
/// expression type, or a captureless lambda's closure type whose call
/// returns the definition (see definition_t): the closure's type names the
/// definition without spelling it out, so that the types (and the compiler's
/// symbol names) of intermediates defined in terms of other intermediates
/// stay short however deep the graph.
template <fixed_string Name, fixed_string Latex, int Prio, class Def, class... Params>
struct intermediate_tag {};
/// An opaque scalar function of tensor Of, whose gradient is tensor Grad;
/// Params name the indices its chain rule sums over.
template <fixed_string Name, fixed_string Latex, class Of, class Grad, class... Params>
struct loss_tag {};
/// The frozen result of a computation (derivative, simplification, ...).
template <class Source>
struct computed_tag {};
/// What an expression nested deeper than LEIBNIZ_MAX_EXPRESSION_DEPTH
/// becomes after its one message: it stands for 0, and whatever is built
/// on it stays this (so the message is not repeated at every level).
struct too_deep_tag {};

// callees of call expressions
template <ir::op Op>
struct function_tag {};
template <long long N, long long D>
struct pow_tag {};
struct general_pow_tag {};
struct sum_tag {};
struct delta_tag {};

template <class T>
struct is_expr : std::false_type {};
template <yap::expr_kind K, class T>
struct is_expr<expr<K, T>> : std::true_type {};

template <class T>
concept expression = is_expr<std::remove_cvref_t<T>>::value;

/// A definition given by a captureless lambda: []{ return sum(e, X(s, e)) / D; }.
template <class F>
concept definition_lambda = !expression<F> && std::is_empty_v<F> && std::default_initializable<F> &&
                            std::is_invocable_v<const F&> && expression<std::invoke_result_t<const F&>>;

template <class Def>
struct definition_of {
    using type = Def;
};
template <definition_lambda F>
struct definition_of<F> {
    using type = std::remove_cvref_t<std::invoke_result_t<const F&>>;
};
/// The expression type an intermediate's Def stands for.
template <class Def>
using definition_t = typename definition_of<Def>::type;

template <class E, std::size_t I>
using element_t = std::remove_cvref_t<decltype(hana::at_c<I>(std::declval<typename std::remove_cvref_t<E>::tuple_type>()))>;

template <class E>
using terminal_tag_t = element_t<E, 0>;

template <class T>
struct is_symbol_tag : std::false_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S>
struct is_symbol_tag<scalar_tag<N, L, P, S>> : std::true_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S, class... X>
struct is_symbol_tag<tensor_tag<N, L, P, S, X...>> : std::true_type {};
template <fixed_string N, fixed_string L, int P, class D, class... X>
struct is_symbol_tag<intermediate_tag<N, L, P, D, X...>> : std::true_type {};

template <class T>
struct is_index_tag : std::false_type {};
template <fixed_string N, fixed_string L, class X>
struct is_index_tag<index_tag<N, L, X>> : std::true_type {};

template <class T>
struct is_extent_tag : std::false_type {};
template <fixed_string N, fixed_string L>
struct is_extent_tag<extent_tag<N, L>> : std::true_type {};

template <class T>
struct is_tensor_tag : std::false_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S, class... X>
struct is_tensor_tag<tensor_tag<N, L, P, S, X...>> : std::true_type {};
template <fixed_string N, fixed_string L, int P, class D, class X0, class... X>
struct is_tensor_tag<intermediate_tag<N, L, P, D, X0, X...>> : std::true_type {};

template <class E>
constexpr bool is_terminal_v = std::remove_cvref_t<E>::kind == yap::expr_kind::terminal;

/// An expression that names a single variable: a scalar symbol or a tensor
/// element Y(s, t) with index arguments.
template <class E>
constexpr bool is_variable() {
    using T = std::remove_cvref_t<E>;
    if constexpr (T::kind == yap::expr_kind::terminal) {
        return is_symbol_tag<terminal_tag_t<T>>::value && !is_tensor_tag<terminal_tag_t<T>>::value;
    } else if constexpr (T::kind == yap::expr_kind::call) {
        using callee = element_t<T, 0>;
        if constexpr (callee::kind == yap::expr_kind::terminal)
            return is_tensor_tag<terminal_tag_t<callee>>::value;
        else
            return false;
    } else {
        return false;
    }
}

template <class T>
inline constexpr bool is_index_expr_v = [] {
    if constexpr (is_expr<T>::value) {
        if constexpr (T::kind == yap::expr_kind::terminal) return is_index_tag<terminal_tag_t<T>>::value;
        else return false;
    } else {
        return false;
    }
}();

template <class Tag>
constexpr auto terminal() {
    return expr<yap::expr_kind::terminal, hana::tuple<Tag>>{};
}

#ifndef LEIBNIZ_MAX_EXPRESSION_DEPTH
/// How deeply operators may nest in one expression (a Horner polynomial of
/// degree n nests 2n deep). Deeper ones cost compile time and memory out of
/// proportion; name parts of them as intermediates instead, or define
/// LEIBNIZ_MAX_EXPRESSION_DEPTH for the TU.
#define LEIBNIZ_MAX_EXPRESSION_DEPTH 64
#endif
inline constexpr int max_expression_depth = LEIBNIZ_MAX_EXPRESSION_DEPTH;

/// The nesting depth of an expression type (a terminal is 1).
template <class E>
inline constexpr int depth_v = 1;
template <yap::expr_kind K, class... Ops>
    requires(K != yap::expr_kind::terminal)
inline constexpr int depth_v<expr<K, hana::tuple<Ops...>>> = 1 + std::max({0, depth_v<Ops>...});

template <class E>
inline constexpr bool is_too_deep_v = false;
template <>
inline constexpr bool is_too_deep_v<expr<yap::expr_kind::terminal, hana::tuple<too_deep_tag>>> = true;

/// The stand-in for an expression too deep (Ops only delay its instantiation).
template <class... Ops>
constexpr auto too_deep() {
    return terminal<std::conditional_t<sizeof...(Ops) != 0, too_deep_tag, too_deep_tag>>();
}

template <yap::expr_kind K, class... Ops>
constexpr auto node(Ops... ops) {
    using E = expr<K, hana::tuple<Ops...>>;
    if constexpr ((is_too_deep_v<Ops> || ...)) {
        return too_deep<Ops...>();
    } else if constexpr (depth_v<E> > max_expression_depth) {
        static_assert(depth_v<E> <= max_expression_depth,
                      "leibniz: this expression nests operators more than LEIBNIZ_MAX_EXPRESSION_DEPTH (64 by default) "
                      "deep; name parts of it as intermediates, or define LEIBNIZ_MAX_EXPRESSION_DEPTH larger for the TU");
        return too_deep<Ops...>();
    } else {
        return E{hana::tuple<Ops...>{ops...}};
    }
}

// ---- shapes: what a symbol is indexed over ------------------------------------------
template <class... T>
struct type_list {};

template <class IndexTag>
struct extent_of_index;
template <fixed_string N, fixed_string L, class X>
struct extent_of_index<index_tag<N, L, X>> {
    using type = X;
};

/// The name of an indexable symbol and the extents of its slots, in order
/// (an intermediate's are those of its parameters). random.hpp adds random tensors.
template <class Tag>
struct shape_of;
template <fixed_string N, fixed_string L, int P, ir::sign_known S, class... X>
struct shape_of<tensor_tag<N, L, P, S, X...>> {
    static constexpr auto name = N;
    using extents = type_list<X...>;
};
template <fixed_string N, fixed_string L, int P, class D, class... Params>
struct shape_of<intermediate_tag<N, L, P, D, Params...>> {
    static constexpr auto name = N;
    using extents = type_list<typename extent_of_index<Params>::type...>;
};

/// An intermediate called with its own parameters, m(l): what a malformed
/// call m(k, l) is replaced with after its assertion failed, so that lowering
/// does not go on to fail as well.
template <class Tag>
struct formal_call {
    static constexpr bool exists = false;
};
template <fixed_string N, fixed_string L, int P, class D, class... Params>
struct formal_call<intermediate_tag<N, L, P, D, Params...>> {
    static constexpr bool exists = true;
    template <class E>
    static constexpr auto make(E e) {
        return node<yap::expr_kind::call>(e, terminal<Params>()...);
    }
};

// The checks below are function templates so that the compiler's "in
// instantiation of" line names the symbol and the numbers involved; each
// one is instantiated only when the earlier ones hold, so a malformed
// expression gives one message.

/// Symbol indexed with Given indices where it has Expected slots.
template <fixed_string Symbol, std::size_t Expected, std::size_t Given>
constexpr bool check_rank() {
    static_assert(Expected == Given,
                  "leibniz: a tensor or intermediate is indexed with as many indices as it has extents "
                  "(Symbol, Expected and Given are named in the line above)");
    return Expected == Given;
}
/// Slot Slot of Symbol (counting from 1) is over the extent Expected, but
/// its index Index is over Given. Called only for such a slot, with Same
/// false (a template parameter, so that the assertion waits for the call).
template <fixed_string Symbol, std::size_t Slot, fixed_string Index, fixed_string Expected, fixed_string Given, bool Same>
constexpr bool check_index_extent() {
    static_assert(Same,
                  "leibniz: each index of a tensor or intermediate ranges over the extent declared for its slot "
                  "(Symbol, Slot, Index and the Expected and Given extents are named in the line above)");
    return Same;
}

template <class ExtentTag>
struct extent_name;
template <fixed_string N, fixed_string L>
struct extent_name<extent_tag<N, L>> {
    static constexpr auto value = N;
};

template <class Tag>
struct index_name;
template <fixed_string N, fixed_string L, class X>
struct index_name<index_tag<N, L, X>> {
    static constexpr auto value = N;
};

template <class... X>
constexpr std::size_t list_size(type_list<X...>) {
    return sizeof...(X);
}

/// The first slot (counting from 1) whose index tag is not over the extent
/// of the slot, with the names of the index and of both extents; slot is 0
/// if every index fits (the lists have the same length).
template <class Extents, class Indices>
struct extent_mismatch {
    static constexpr std::size_t slot = 0;
};
template <class... X, class... I>
    requires(!(std::is_same_v<X, typename extent_of_index<I>::type> && ...))
struct extent_mismatch<type_list<X...>, type_list<I...>> {
    static constexpr std::size_t slot = [] {
        constexpr bool same[] = {std::is_same_v<X, typename extent_of_index<I>::type>...};
        std::size_t k = 0;
        while (same[k]) ++k;
        return k + 1;
    }();
    using index = std::tuple_element_t<slot - 1, std::tuple<I...>>;
    static constexpr auto index_name = dsl::index_name<index>::value;
    static constexpr auto expected = extent_name<std::tuple_element_t<slot - 1, std::tuple<X...>>>::value;
    static constexpr auto given = extent_name<typename extent_of_index<index>::type>::value;
};

/// Whether the index tags I fit the slots of Symbol (named Name, for the
/// messages), with at most one failed assertion.
template <fixed_string Name, class Extents, class... I>
constexpr bool check_indices() {
    constexpr std::size_t rank = list_size(Extents{});
    if constexpr (!check_rank<Name, rank, sizeof...(I)>()) {
        return false;
    } else {
        using m = extent_mismatch<Extents, type_list<I...>>;
        if constexpr (m::slot == 0)
            return true;
        else
            return check_index_extent<Name, m::slot, m::index_name, m::expected, m::given, false>();
    }
}

/// The loss Loss of tensor Of has gradient Gradient, whose extents are not
/// those of Of (Same compares the lists of extent tags).
template <fixed_string Loss, fixed_string Of, fixed_string Gradient, bool Same>
constexpr bool check_loss_gradient() {
    static_assert(Same,
                  "leibniz::loss: the gradient tensor has the extents of the tensor the loss is a function of, "
                  "the same number in the same order (Loss, Of and Gradient are named in the line above)");
    return Same;
}
/// The loss Loss of tensor Of is given Given summation indices where Of has Expected slots.
template <fixed_string Loss, fixed_string Of, std::size_t Expected, std::size_t Given>
constexpr bool check_loss_index_count() {
    static_assert(Expected == Given,
                  "leibniz::loss: one summation index for each extent of the tensor the loss is a function of "
                  "(Loss, Of, Expected and Given are named in the line above)");
    return Expected == Given;
}
/// The Slot-th summation index of the loss Loss is over Given where Of's slot
/// is over Expected; Same is false, as for check_index_extent.
template <fixed_string Loss, fixed_string Of, std::size_t Slot, fixed_string Index, fixed_string Expected,
          fixed_string Given, bool Same>
constexpr bool check_loss_index_extent() {
    static_assert(Same,
                  "leibniz::loss: each summation index ranges over the extent of the matching slot of the tensor "
                  "the loss is a function of (Loss, Of, Slot, Index and the Expected and Given extents are named "
                  "in the line above)");
    return Same;
}

/// Whether loss<Name>(H, G, K...) is well formed, with at most one failed assertion.
template <fixed_string Name, class H, class G, class... K>
constexpr bool check_loss() {
    using of = typename shape_of<H>::extents;
    constexpr std::size_t rank = list_size(of{});
    if constexpr (!check_loss_gradient<Name, shape_of<H>::name, shape_of<G>::name,
                                       std::is_same_v<of, typename shape_of<G>::extents>>()) {
        return false;
    } else if constexpr (!check_loss_index_count<Name, shape_of<H>::name, rank, sizeof...(K)>()) {
        return false;
    } else {
        using m = extent_mismatch<of, type_list<K...>>;
        if constexpr (m::slot == 0)
            return true;
        else
            return check_loss_index_extent<Name, shape_of<H>::name, m::slot, m::index_name, m::expected, m::given, false>();
    }
}

// ---- constants: the value of an expression made of constants alone ------------------
struct constant_value {
    bool known = false;
    ir::rational value{0, 1};
};

template <class Tag>
struct constant_of {
    static constexpr constant_value value{};
};
template <long long N, long long D>
struct constant_of<constant_tag<N, D>> {
    static constexpr constant_value value{true, ir::rational{N, D}};
};

/// The value of E if it is built from constants with +, -, * and / alone
/// (known is false otherwise: symbols, functions, or a division by zero).
template <class E>
constexpr constant_value constant_value_of() {
    using T = std::remove_cvref_t<E>;
    constexpr yap::expr_kind k = T::kind;
    if constexpr (k == yap::expr_kind::terminal) {
        return constant_of<terminal_tag_t<T>>::value;
    } else if constexpr (k == yap::expr_kind::negate) {
        constant_value a = constant_value_of<element_t<T, 0>>();
        return {a.known, -a.value};
    } else if constexpr (k == yap::expr_kind::plus || k == yap::expr_kind::minus || k == yap::expr_kind::multiplies ||
                         k == yap::expr_kind::divides) {
        constant_value a = constant_value_of<element_t<T, 0>>(), b = constant_value_of<element_t<T, 1>>();
        if (!a.known || !b.known) return {};
        if constexpr (k == yap::expr_kind::plus) return {true, a.value + b.value};
        else if constexpr (k == yap::expr_kind::minus) return {true, a.value - b.value};
        else if constexpr (k == yap::expr_kind::multiplies) return {true, a.value * b.value};
        else if (b.value.is_zero()) return {};
        else return {true, a.value / b.value};
    } else {
        return {};
    }
}
/// log of the constant Num/Den: it must be positive.
template <long long Num, long long Den>
constexpr bool check_log_argument() {
    static_assert(Num > 0,
                  "leibniz::log: the argument must not be a constant that is zero or negative "
                  "(its value Num/Den is named in the line above)");
    return Num > 0;
}
/// The constant Num/Den to the power P/Q: a negative base needs an integer exponent.
template <long long P, long long Q, long long Num, long long Den>
constexpr bool check_power_base() {
    static_assert(Num >= 0 || Q == 1,
                  "leibniz::pow: a power with a non-integer exponent (as sqrt) of a negative constant "
                  "(the exponent P/Q and the base Num/Den are named in the line above)");
    return Num >= 0 || Q == 1;
}

/// Whether E, if it may vanish, does not simplify to a constant that is zero
/// or negative. Defined in lower.hpp.
template <class E>
constexpr bool positive_after_simplifying();

/// Whether log(E) is well formed: E is not a constant that is zero or
/// negative, nor an expression that simplifies to one (log(y - y)).
template <class E>
constexpr bool check_log() {
    constexpr constant_value v = constant_value_of<E>();
    if constexpr (v.known) {
        return check_log_argument<v.value.num, v.value.den>();
    } else {
        constexpr bool ok = positive_after_simplifying<E>();
        static_assert(ok, "leibniz::log: the argument simplifies to a constant that is zero or negative (as log(y - y))");
        return ok;
    }
}
/// Whether the denominator R is not zero: not a constant expression of
/// value zero, and, if it may vanish, not simplified to zero. Defined in lower.hpp.
template <class R>
constexpr bool nonzero_denominator();

/// Whether E can be raised to a negative power: it does not simplify to zero.
template <class E>
constexpr bool check_negative_power_base() {
    constexpr bool ok = nonzero_denominator<E>();
    static_assert(ok, "leibniz::pow: a negative power of an expression that simplifies to zero (as pow<-1>(y - y))");
    return ok;
}

/// Whether E^(P/Q) is well formed: not a negative constant to a non-integer
/// power, and no negative power of something that is zero.
template <long long P, long long Q, class E>
constexpr bool check_power() {
    constexpr constant_value v = constant_value_of<E>();
    if constexpr (v.known && Q != 1) {
        if constexpr (!check_power_base<P, Q, v.value.num, v.value.den>()) return false;
    }
    if constexpr (P < 0) return check_negative_power_base<E>();
    else return true;
}


template <class T>
constexpr void require_expression_operand() {
    static_assert(expression<T>,
                  "leibniz: an operand is a plain run-time number; write constants as 2_c, "
                  "leibniz::c<1, 2>, or (2_c / 3_c) so that their value is part of the type");
}

}  // namespace dsl

/// A leibniz expression: a Boost.YAP expression template (kind + tuple of
/// operands). Terminals hold empty tags.
template <yap::expr_kind Kind, class Tuple>
struct expr {
    static constexpr yap::expr_kind kind = Kind;
    using tuple_type = Tuple;
    Tuple elements;

    /// Y(k, l): a tensor element; indices must be index variables. A scalar
    /// (a symbol, an intermediate without parameters) may be written with empty
    /// parentheses, `L()`, as its definition's lambda would be called: it is itself.
    template <class... I>
    constexpr auto operator()(I... i) const {
        static_assert(Kind == yap::expr_kind::terminal &&
                          (dsl::is_tensor_tag<dsl::terminal_tag_t<expr>>::value || sizeof...(I) == 0),
                      "leibniz: only a tensor (or an indexed intermediate) can be indexed, as Y(k, l)");
        static_assert((dsl::is_index_expr_v<I> && ...),
                      "leibniz: tensor indices must be index variables declared with leibniz::index");
        if constexpr (Kind == yap::expr_kind::terminal && (dsl::is_index_expr_v<I> && ...)) {
            using tag = dsl::terminal_tag_t<expr>;
            if constexpr (dsl::is_tensor_tag<tag>::value) {
                using shape = dsl::shape_of<tag>;
                constexpr bool ok = dsl::check_indices<shape::name, typename shape::extents, dsl::terminal_tag_t<I>...>();
                if constexpr (!ok && dsl::formal_call<tag>::exists)
                    return dsl::formal_call<tag>::make(*this);  // harmless after the failed assertion
                else
                    return dsl::node<yap::expr_kind::call>(*this, i...);
            } else {
                return *this;  // a scalar indexed: itself, harmless after the failed assertion
            }
        } else {
            return *this;  // harmless after the failed assertion
        }
    }

    /// x = 1.5: a binding for evaluate, hana::pair<hana::type<Tag>, V>.
    template <class V>
    constexpr auto operator=(V value) const {
        static_assert(Kind == yap::expr_kind::terminal,
                      "leibniz: only a symbol, a tensor, an extent or an index can be bound to a value, as x = 1.5");
        return hana::make_pair(hana::type_c<dsl::terminal_tag_t<expr>>, value);
    }
};

// ---- operators -------------------------------------------------------------------------
namespace dsl {
template <class L, class R>
concept operands = (expression<L> || expression<R>) && (expression<L> || std::is_arithmetic_v<std::remove_cvref_t<L>>) &&
                   (expression<R> || std::is_arithmetic_v<std::remove_cvref_t<R>>);

template <yap::expr_kind K, class L, class R>
constexpr auto binary(L l, R r) {
    require_expression_operand<L>();
    require_expression_operand<R>();
    if constexpr (expression<L> && expression<R>) return node<K>(l, r);
    else return terminal<constant_tag<0, 1>>();  // unreachable after the static_assert
}
/// Whether two operands of + or - have compatible free indices: the same,
/// or one side's a subset of the other's (it is then the same for every
/// value of the extra indices, as m_l in Y_il - m_l). Defined in lower.hpp.
template <class L, class R>
constexpr bool compatible_free_indices();

/// Whether E contains a subtraction, a negation or a constant (outside
/// intermediates, which are terminals): only such an expression can
/// simplify to zero, so only such a denominator is simplified by /.
template <class E>
constexpr bool may_vanish() {
    using T = std::remove_cvref_t<E>;
    if constexpr (T::kind == yap::expr_kind::terminal) {
        return constant_of<terminal_tag_t<T>>::value.known;
    } else if constexpr (T::kind == yap::expr_kind::minus || T::kind == yap::expr_kind::negate) {
        return true;
    } else {
        return []<std::size_t... I>(std::index_sequence<I...>) {
            return (may_vanish<element_t<T, I>>() || ...);
        }(std::make_index_sequence<decltype(hana::size(std::declval<typename T::tuple_type>()))::value>{});
    }
}
template <class T>
constexpr bool is_zero_constant() {
    if constexpr (std::remove_cvref_t<T>::kind == yap::expr_kind::terminal) {
        using tag = terminal_tag_t<T>;
        return std::is_same_v<tag, constant_tag<0, 1>>;
    } else {
        return false;
    }
}
}  // namespace dsl

template <class L, class R>
    requires dsl::operands<L, R>
constexpr auto operator+(L l, R r) {
    if constexpr (dsl::expression<L> && dsl::expression<R>)
        static_assert(dsl::compatible_free_indices<L, R>(),
                      "leibniz: the two sides of + have different free indices (as in Y(k, l) + Y(k, s))");
    return dsl::binary<yap::expr_kind::plus>(l, r);
}
template <class L, class R>
    requires dsl::operands<L, R>
constexpr auto operator-(L l, R r) {
    if constexpr (dsl::expression<L> && dsl::expression<R>)
        static_assert(dsl::compatible_free_indices<L, R>(),
                      "leibniz: the two sides of - have different free indices (as in Y(k, l) - Y(k, s))");
    return dsl::binary<yap::expr_kind::minus>(l, r);
}
template <class L, class R>
    requires dsl::operands<L, R>
constexpr auto operator*(L l, R r) {
    return dsl::binary<yap::expr_kind::multiplies>(l, r);
}
template <class L, class R>
    requires dsl::operands<L, R>
constexpr auto operator/(L l, R r) {
    if constexpr (dsl::expression<R>) {
        if constexpr (dsl::is_zero_constant<R>())
            static_assert(!dsl::is_zero_constant<R>(), "leibniz: division by the constant zero");
        else
            static_assert(dsl::nonzero_denominator<R>(), "leibniz: division by an expression that simplifies to zero");
    }
    return dsl::binary<yap::expr_kind::divides>(l, r);
}
template <dsl::expression E>
constexpr auto operator-(E e) {
    return dsl::node<yap::expr_kind::negate>(e);
}
template <dsl::expression E>
constexpr auto operator+(E e) {
    return e;
}

// ---- declarations ------------------------------------------------------------------------
/// A scalar symbol: `constexpr auto gamma = symbol<"gamma", "\\gamma">();`
/// Prio orders it among other symbols (smaller first; ties by name).
template <fixed_string Name, fixed_string Latex = Name, int Prio = 0>
constexpr auto symbol() {
    return dsl::terminal<dsl::scalar_tag<Name, Latex, Prio>>();
}

namespace dsl {
template <class Tag, ir::sign_known Sign>
struct signed_as {
    using type = Tag;
};
template <fixed_string N, fixed_string L, int P, ir::sign_known S, ir::sign_known Sign>
struct signed_as<scalar_tag<N, L, P, S>, Sign> {
    using type = scalar_tag<N, L, P, Sign>;
};
template <fixed_string N, fixed_string L, int P, ir::sign_known S, class... X, ir::sign_known Sign>
struct signed_as<tensor_tag<N, L, P, S, X...>, Sign> {
    using type = tensor_tag<N, L, P, Sign, X...>;
};
template <class T>
struct is_declared_tag : std::false_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S>
struct is_declared_tag<scalar_tag<N, L, P, S>> : std::true_type {};
template <fixed_string N, fixed_string L, int P, ir::sign_known S, class... X>
struct is_declared_tag<tensor_tag<N, L, P, S, X...>> : std::true_type {};
/// A symbol or a tensor declared with leibniz::symbol or leibniz::tensor.
template <class E>
constexpr bool is_declared_variable() {
    if constexpr (is_expr<E>::value && is_terminal_v<E>) return is_declared_tag<terminal_tag_t<E>>::value;
    else return false;
}
template <ir::sign_known Sign, class E>
constexpr auto with_sign(E e) {
    static_assert(is_declared_variable<E>(),
                  "leibniz::positive / leibniz::nonnegative: declare a symbol or a tensor, as positive(symbol<\"epsilon\">()) "
                  "or nonnegative(tensor<\"P\">(B, M))");
    if constexpr (is_declared_variable<E>()) return terminal<typename signed_as<terminal_tag_t<E>, Sign>::type>();
    else return e;
}
}  // namespace dsl

/// A symbol or tensor known to be positive, `positive(symbol<"epsilon",
/// "\\epsilon">())`, `positive(tensor<"P">(B, M))` (every entry): the
/// simplifier may then take it out of |.| and out of fractional powers
/// ((eps x^2)^(1/2) = eps^(1/2) |x|), and the numeric witness gives it positive
/// values only. Without it nothing is assumed of a symbol's sign.
template <class E>
constexpr auto positive(E e) {
    return dsl::with_sign<ir::sign_known::positive>(e);
}
/// A symbol or tensor known to be nonnegative (see positive).
template <class E>
constexpr auto nonnegative(E e) {
    return dsl::with_sign<ir::sign_known::nonnegative>(e);
}

/// A rational constant p/q.
template <long long P, long long Q = 1>
inline constexpr auto c = [] {
    static_assert(Q != 0, "leibniz: a constant with denominator zero");
    constexpr long long g = ir::gcd(P, Q) == 0 ? 1 : ir::gcd(P, Q);
    constexpr long long s = Q < 0 ? -1 : 1;
    return dsl::terminal<dsl::constant_tag<s * P / g, s * Q / g>>();
}();

namespace literals {
template <char... Cs>
constexpr auto operator""_c() {
    constexpr long long v = [] {
        long long r = 0;
        for (char ch : {Cs...}) r = r * 10 + (ch - '0');
        return r;
    }();
    return c<v>;
}
}  // namespace literals

/// An extent (a dimension size) such as B or M; it is also a scalar.
template <fixed_string Name, fixed_string Latex = Name>
constexpr auto extent() {
    return dsl::terminal<dsl::extent_tag<Name, Latex>>();
}

/// An index variable ranging over 1..extent.
template <fixed_string Name, fixed_string Latex = Name, class X>
constexpr auto index(X) {
    static_assert(dsl::is_expr<X>::value && dsl::is_terminal_v<X> && dsl::is_extent_tag<dsl::terminal_tag_t<X>>::value,
                  "leibniz::index: the range of an index must be an extent declared with leibniz::extent");
    return dsl::terminal<dsl::index_tag<Name, Latex, dsl::terminal_tag_t<X>>>();
}

/// A tensor with the given extents; write `#` in its spelling where the
/// indices go (default: a subscript after it).
template <fixed_string Name, fixed_string Latex = Name, int Prio = 0, class... X>
constexpr auto tensor(X...) {
    static_assert(sizeof...(X) >= 1 && sizeof...(X) <= ir::max_rank, "leibniz::tensor: between 1 and 4 extents");
    static_assert((dsl::is_extent_tag<dsl::terminal_tag_t<X>>::value && ...),
                  "leibniz::tensor: the dimensions must be extents declared with leibniz::extent");
    return dsl::terminal<dsl::tensor_tag<Name, Latex, Prio, ir::sign_known::unknown, dsl::terminal_tag_t<X>...>>();
}

/// A named intermediate, m(l) := definition; use m(t) in expressions.
/// The definition is an expression, or a captureless lambda returning it,
/// intermediate<"m">([] { return sum(i, Y(i, l)) / B; }, l): prefer the
/// lambda in models where intermediates are built on other intermediates
/// (its type names the definition instead of containing it, which keeps
/// compile time and memory proportional to the size of the graph). Symbols
/// used inside the lambda must have static storage duration (namespace-scope
/// or static constexpr), since a captureless lambda cannot capture locals.
template <fixed_string Name, fixed_string Latex = Name, int Prio = 0, class... P, class D>
constexpr auto intermediate(D, P...) {
    static_assert(dsl::expression<D> || dsl::definition_lambda<D>,
                  "leibniz::intermediate: the definition must be a leibniz expression, or a captureless lambda returning one");
    static_assert((dsl::is_index_expr_v<P> && ...),
                  "leibniz::intermediate: the parameters must be index variables");
    // After a failed assertion, go on with a harmless definition (0) so that
    // the assertion is the only error.
    using definition = std::conditional_t<dsl::expression<D> || dsl::definition_lambda<D>, D,
                                          decltype(dsl::terminal<dsl::constant_tag<0, 1>>())>;
    return dsl::terminal<dsl::intermediate_tag<Name, Latex, Prio, definition, dsl::terminal_tag_t<P>...>>();
}

/// Y(k, l) as written, without the checks of the number and the extents of
/// its indices: for writing down someone else's formula whose shapes do not
/// fit, to show that they do not (derivations/mlp.hpp, the document's
/// product). Everywhere else, write Y(k, l).
template <class T, class... I>
constexpr auto unchecked_element(T t, I... i) {
    static_assert(dsl::is_expr<T>::value && dsl::is_terminal_v<T> && dsl::is_tensor_tag<dsl::terminal_tag_t<T>>::value,
                  "leibniz::unchecked_element: the first argument must be a tensor or an indexed intermediate");
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::unchecked_element: the indices must be index variables");
    return dsl::node<yap::expr_kind::call>(t, i...);
}

/// An opaque loss ℓ(H) whose gradient ∂ℓ/∂H is the tensor G; its chain rule
/// sums over the given index variables.
template <fixed_string Name, fixed_string Latex = Name, class H, class G, class... K>
constexpr auto loss(H, G, K...) {
    static_assert(dsl::is_tensor_tag<dsl::terminal_tag_t<H>>::value && dsl::is_tensor_tag<dsl::terminal_tag_t<G>>::value,
                  "leibniz::loss: the argument and the gradient must be tensors");
    static_assert((dsl::is_index_expr_v<K> && ...), "leibniz::loss: the summation indices must be index variables");
    if constexpr (dsl::is_tensor_tag<dsl::terminal_tag_t<H>>::value && dsl::is_tensor_tag<dsl::terminal_tag_t<G>>::value &&
                  (dsl::is_index_expr_v<K> && ...))
        dsl::check_loss<Name, dsl::terminal_tag_t<H>, dsl::terminal_tag_t<G>, dsl::terminal_tag_t<K>...>();
    return dsl::terminal<dsl::loss_tag<Name, Latex, dsl::terminal_tag_t<H>, dsl::terminal_tag_t<G>, dsl::terminal_tag_t<K>...>>();
}

// ---- functions ---------------------------------------------------------------------------------
namespace dsl {
/// The function of the op table's row Op applied to the arguments.
template <ir::op Op, class... E>
constexpr auto apply(E... e) {
    static_assert(sizeof...(E) == ir::row_type<Op>::arity, "leibniz: a function applied to the wrong number of arguments");
    (require_expression_operand<E>(), ...);
    if constexpr ((expression<E> && ...)) return node<yap::expr_kind::call>(terminal<function_tag<Op>>(), e...);
    else return terminal<constant_tag<0, 1>>();
}
}  // namespace dsl

template <class E>
constexpr auto exp(E e) {
    return dsl::apply<ir::op::exp>(e);
}
template <class E>
constexpr auto log(E e) {
    if constexpr (dsl::expression<E>) {
        if constexpr (!dsl::check_log<E>()) return dsl::apply<ir::op::log>(c<1>);  // harmless after the assertion
        else return dsl::apply<ir::op::log>(e);
    } else {
        return dsl::apply<ir::op::log>(e);
    }
}
template <class E>
constexpr auto relu(E e) {
    return dsl::apply<ir::op::relu>(e);
}
/// ReLU's derivative: 1 where the argument is positive, else 0.
template <class E>
constexpr auto step(E e) {
    return dsl::apply<ir::op::step>(e);
}

// The functions below take leibniz expressions only, so that tanh(0.5) or
// max(1, 2) still mean the standard library's.

template <dsl::expression E>
constexpr auto tanh(E e) { return dsl::apply<ir::op::tanh>(e); }
/// The logistic function σ(e) = 1 / (1 + exp(-e)); σ' = σ (1 - σ).
template <dsl::expression E>
constexpr auto sigmoid(E e) { return dsl::apply<ir::op::sigmoid>(e); }
/// The error function; erf' = 2/√π exp(-e^2).
template <dsl::expression E>
constexpr auto erf(E e) { return dsl::apply<ir::op::erf>(e); }
/// log(1 + exp(e)); softplus' = σ.
template <dsl::expression E>
constexpr auto softplus(E e) { return dsl::apply<ir::op::softplus>(e); }
/// |e|; its derivative is sign(e).
template <dsl::expression E>
constexpr auto abs(E e) { return dsl::apply<ir::op::abs>(e); }
/// -1, 0 or 1 as e is negative, zero or positive.
template <dsl::expression E>
constexpr auto sign(E e) { return dsl::apply<ir::op::sign>(e); }
template <dsl::expression E>
constexpr auto sin(E e) { return dsl::apply<ir::op::sin>(e); }
template <dsl::expression E>
constexpr auto cos(E e) { return dsl::apply<ir::op::cos>(e); }

namespace dsl {
/// The constant 0_c (and not a plain number).
template <class A>
constexpr bool zero_constant_expression() {
    if constexpr (expression<A>) return is_zero_constant<A>();
    else return false;
}
/// The arguments of max and min have compatible free indices, as for + and -.
template <class A, class B>
constexpr void require_compatible_arguments() {
    if constexpr (expression<A> && expression<B>)
        static_assert(compatible_free_indices<A, B>(),
                      "leibniz: the two arguments of max or min have different free indices (as in Y(k, l) and Y(k, s))");
}
}  // namespace dsl

/// The larger of a and b; max(e, 0_c) and max(0_c, e) are relu(e). Its
/// derivative is step(a - b) a' + step(b - a) b' (0 where a = b).
template <class A, class B>
    requires dsl::operands<A, B>
constexpr auto max(A a, B b) {
    dsl::require_compatible_arguments<A, B>();
    if constexpr (dsl::zero_constant_expression<B>()) return relu(a);
    else if constexpr (dsl::zero_constant_expression<A>()) return relu(b);
    else return dsl::apply<ir::op::max>(a, b);
}
/// The smaller of a and b; its derivative is step(b - a) a' + step(a - b) b'.
template <class A, class B>
    requires dsl::operands<A, B>
constexpr auto min(A a, B b) {
    dsl::require_compatible_arguments<A, B>();
    return dsl::apply<ir::op::min>(a, b);
}
/// e^(P/Q) for a rational exponent.
template <long long P, long long Q = 1, class E>
constexpr auto pow(E e) {
    dsl::require_expression_operand<E>();
    static_assert(Q != 0, "leibniz::pow: exponent with denominator zero");
    constexpr long long g = ir::gcd(P, Q) == 0 ? 1 : ir::gcd(P, Q);
    constexpr long long s = Q < 0 ? -1 : 1;
    constexpr long long p = s * P / g, q = s * Q / g;
    if constexpr (dsl::expression<E>) {
        if constexpr (!dsl::check_power<p, q, E>())
            return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::pow_tag<p, q>>(), c<1>);  // harmless after the assertion
        else
            return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::pow_tag<p, q>>(), e);
    } else {
        return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::pow_tag<p, q>>(), e);
    }
}
/// pow(x, 3_c), pow(x, c<1, 2>), or with any expression as exponent.
template <class E, class X>
    requires dsl::expression<E> && dsl::expression<X>
constexpr auto pow(E e, X x) {
    constexpr dsl::constant_value exponent = dsl::constant_value_of<X>();
    if constexpr (exponent.known) dsl::check_power<exponent.value.num, exponent.value.den, E>();
    return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::general_pow_tag>(), e, x);
}
template <class E>
constexpr auto sqrt(E e) {
    return pow<1, 2>(e);
}
/// Σ_{k=1}^{extent(k)} body
template <class K, class E>
constexpr auto sum(K k, E body) {
    static_assert(dsl::is_index_expr_v<K>, "leibniz::sum: the first argument must be an index variable");
    dsl::require_expression_operand<E>();
    return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::sum_tag>(), k, body);
}
/// The Kronecker delta δ_ij.
template <class I, class J>
constexpr auto delta(I i, J j) {
    static_assert(dsl::is_index_expr_v<I> && dsl::is_index_expr_v<J>, "leibniz::delta: both arguments must be index variables");
    return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::delta_tag>(), i, j);
}

}  // namespace leibniz

// The definition of compatible_free_indices (used by + and -) lives with lowering.
#include <leibniz/dsl/lower.hpp>
