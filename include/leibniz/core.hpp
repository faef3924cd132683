// The public operations on expressions: d, partial, simplify, canonical,
// equivalent / verdict, difference and latex. Each takes expressions (types
// carry everything) and runs the symbolic work during constant evaluation;
// results are expressions again, so they compose.
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/numeric.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz {

namespace dsl {

template <class F, class X, ir::derivative_kind K>
struct derivative_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::term f = lower<F>(b.ctx);
        ir::term x = lower<X>(b.ctx);
        b.root = ir::simplify(b.ctx, ir::derivative(b.ctx, f, x, K));
        return b;
    }
};
template <class E>
struct simplify_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::term t = lower<E>(b.ctx);
        b.root = ir::simplify(b.ctx, t);
        return b;
    }
};
template <class E>
struct canonical_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::term t = lower<E>(b.ctx);
        b.root = ir::canonical(b.ctx, t);
        return b;
    }
};
/// a - b, multiplied out and collected (zero when they are equal).
template <class A, class B>
struct difference_source {
    static constexpr ir::bundle make() {
        ir::bundle b;
        ir::term x = lower<A>(b.ctx);
        ir::term y = lower<B>(b.ctx);
        b.root = ir::simplify(b.ctx, ir::canonical(b.ctx, ir::sub(std::move(x), std::move(y))));
        return b;
    }
};

template <class Source>
constexpr auto computed() {
    return terminal<computed_tag<Source>>();
}

template <class X>
constexpr void require_variable() {
    static_assert(is_variable<X>(),
                  "leibniz::d: the variable of differentiation must be a symbol or a tensor element such as Y(s, t)");
}

}  // namespace dsl

/// The total derivative df/dx, simplified. Named intermediates are
/// differentiated through their definitions.
template <dsl::expression F, class X>
constexpr auto d(F, X) {
    dsl::require_variable<X>();
    if constexpr (dsl::is_variable<X>())
        return dsl::computed<dsl::derivative_source<F, X, ir::derivative_kind::total>>();
    else
        return dsl::terminal<dsl::constant_tag<0, 1>>();
}

/// The partial derivative ∂f/∂x: named intermediates are independent
/// variables (the other inputs held fixed).
template <dsl::expression F, class X>
constexpr auto partial(F, X) {
    dsl::require_variable<X>();
    if constexpr (dsl::is_variable<X>())
        return dsl::computed<dsl::derivative_source<F, X, ir::derivative_kind::partial>>();
    else
        return dsl::terminal<dsl::constant_tag<0, 1>>();
}

/// The collected normal form (no multiplying out).
template <dsl::expression E>
constexpr auto simplify(E) {
    return dsl::computed<dsl::simplify_source<E>>();
}

/// The multiplied-out canonical form used to decide equality.
template <dsl::expression E>
constexpr auto canonical(E) {
    return dsl::computed<dsl::canonical_source<E>>();
}

/// a - b in canonical form.
template <dsl::expression A, dsl::expression B>
constexpr auto difference(A, B) {
    return dsl::computed<dsl::difference_source<A, B>>();
}

/// The outcome of comparing two formulas.
enum class verdict : unsigned char {
    equal,     ///< same canonical form (and numerically equal)
    differs,   ///< numerically different at a sample point
    undecided  ///< different canonical forms, yet numerically equal at every sample
};

void leibniz_error_canonical_forms_agree_but_values_differ();

namespace dsl {
template <class A, class B>
struct verdict_of {
    static constexpr verdict value = [] {
        ir::context c;
        ir::term a = lower<A>(c), b = lower<B>(c);
        bool same_form = ir::canonical(c, a) == ir::canonical(c, b);
        bool same_value = ir::numerically_equal(c, a, b);
        if (same_form && !same_value) leibniz_error_canonical_forms_agree_but_values_differ();
        if (same_form) return verdict::equal;
        return same_value ? verdict::undecided : verdict::differs;
    }();
};
}  // namespace dsl

/// Compare two formulas: equal, differs, or undecided.
template <dsl::expression A, dsl::expression B>
constexpr verdict compare(A, B) {
    return dsl::verdict_of<A, B>::value;
}

/// True only when a and b have the same canonical form.
template <dsl::expression A, dsl::expression B>
constexpr bool equivalent(A, B) {
    return dsl::verdict_of<A, B>::value == verdict::equal;
}

/// True when a and b agree numerically at the sample points.
template <dsl::expression A, dsl::expression B>
constexpr bool numerically_equal(A, B) {
    ir::context c;
    ir::term a = dsl::lower<A>(c), b = dsl::lower<B>(c);
    return ir::numerically_equal(c, a, b);
}

namespace dsl {
template <class E, latex_options O>
struct latex_string {
    static constexpr std::size_t size = [] {
        ir::context c;
        ir::term t = lower<E>(c);
        return ir::print(c, t, O).size();
    }();
    static constexpr fixed_string<size> value = [] {
        ir::context c;
        ir::term t = lower<E>(c);
        detail::text s = ir::print(c, t, O);
        fixed_string<size> out{};
        for (std::size_t i = 0; i != size; ++i) out.data[i] = s.chars[i];
        return out;
    }();
};
}  // namespace dsl

/// The LaTeX of an expression as it stands (simplify first for a normal form).
template <latex_options O = latex_options{}, dsl::expression E>
constexpr const auto& latex(E) {
    return dsl::latex_string<E, O>::value;
}

}  // namespace leibniz
