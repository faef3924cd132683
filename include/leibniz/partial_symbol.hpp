// partial_symbol(f, x): the derivative ∂f/∂x left unevaluated, an opaque
// factor printed as \frac{\partial f}{\partial x}. It lets a derivation show
// the chain rule before the local derivatives are computed; to the calculus
// it is a constant.
//
// Its symbol is named by the LaTeX of ∂f/∂x, so this header needs the DSL
// and the printer both: it is a top-level header, not part of dsl/.
#pragma once
#include <leibniz/dsl/lower.hpp>
#include <leibniz/print/latex.hpp>

namespace leibniz {

namespace dsl {

template <class F, class X>
struct partial_symbol_tag {};

template <class F, class X>
struct intern_tag<partial_symbol_tag<F, X>> {
    static constexpr int go(ir::context& c) {
        detail::text s("\\frac{\\partial ");
        s += ir::print(c, lower<F>(c), latex_options{});
        s += "}{\\partial ";
        s += ir::print(c, lower<X>(c), latex_options{});
        s += '}';
        // Named by a hash of its spelling, so that the same factor interns once.
        unsigned long long h = 14695981039346656037ull;
        for (char ch : s.view()) {
            h ^= static_cast<unsigned char>(ch);
            h *= 1099511628211ull;
        }
        detail::text name("d/");
        for (int i = 15; i >= 0; --i) name += "0123456789abcdef"[(h >> (4 * i)) & 15u];
        ir::sym_entry e;
        detail::copy_name(e.name, name.view());
        detail::copy_name(e.latex, s.view());
        e.kind = ir::sym_kind::scalar;
        return c.intern(e);
    }
};

}  // namespace dsl

/// ∂f/∂x unevaluated: partial_symbol(H(k, l), Yhat(k, l)) prints as
/// \frac{\partial H_{kl}}{\partial \hat{Y}_{kl}}.
template <dsl::expression F, dsl::expression X>
constexpr auto partial_symbol(F, X) {
    return dsl::terminal<dsl::partial_symbol_tag<F, X>>();
}

}  // namespace leibniz
