// The user-facing DSL: a Boost.YAP expression template whose terminals are
// empty tag types, so that an expression's type carries all of it (symbols,
// constants, structure) and the symbolic work can run on the type alone.
// Operands are held by value (terminals are empty), never by reference, so
// expressions can be built from local `constexpr` symbols too.
#pragma once
#include <concepts>
#include <type_traits>

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

template <yap::expr_kind K, class... Ops>
constexpr auto node(Ops... ops) {
    return expr<K, hana::tuple<Ops...>>{hana::tuple<Ops...>{ops...}};
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

    /// Y(k, l): a tensor element; indices must be index variables.
    template <class... I>
    constexpr auto operator()(I... i) const {
        static_assert(Kind == yap::expr_kind::terminal && dsl::is_tensor_tag<dsl::terminal_tag_t<expr>>::value,
                      "leibniz: only a tensor (or an indexed intermediate) can be indexed, as Y(k, l)");
        static_assert((dsl::is_index_expr_v<I> && ...),
                      "leibniz: tensor indices must be index variables declared with leibniz::index");
        return dsl::node<yap::expr_kind::call>(*this, i...);
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
    if constexpr (dsl::expression<R>)
        static_assert(!dsl::is_zero_constant<R>(), "leibniz: division by the constant zero");
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

/// An opaque loss ℓ(H) whose gradient ∂ℓ/∂H is the tensor G; its chain rule
/// sums over the given index variables.
template <fixed_string Name, fixed_string Latex = Name, class H, class G, class... K>
constexpr auto loss(H, G, K...) {
    static_assert(dsl::is_tensor_tag<dsl::terminal_tag_t<H>>::value && dsl::is_tensor_tag<dsl::terminal_tag_t<G>>::value,
                  "leibniz::loss: the argument and the gradient must be tensors");
    static_assert((dsl::is_index_expr_v<K> && ...), "leibniz::loss: the summation indices must be index variables");
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
    return dsl::apply<ir::op::log>(e);
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
    return dsl::node<yap::expr_kind::call>(dsl::terminal<dsl::pow_tag<s * P / g, s * Q / g>>(), e);
}
/// pow(x, 3_c), pow(x, c<1, 2>), or with any expression as exponent.
template <class E, class X>
    requires dsl::expression<E> && dsl::expression<X>
constexpr auto pow(E e, X x) {
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
