// latex: the LaTeX of an expression as it stands, as a compile-time string.
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/detail/staged_text.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/print/latex.hpp>

namespace leibniz {

namespace dsl {
inline constexpr std::size_t staging_chars = 32768;
[[noreturn]] inline void leibniz_error_latex_too_long() { ::leibniz::detail::fail("leibniz_error_latex_too_long"); }

template <class E, latex_options O>
struct latex_printer {
    static constexpr detail::text print() {
        ir::context c;
        ir::term t = lower<E>(c);
        return ir::print(c, t, O);
    }
};
template <class E, latex_options O>
using latex_string = detail::staged_text<latex_printer<E, O>, staging_chars, &leibniz_error_latex_too_long>;
}  // namespace dsl

/// The LaTeX of an expression as it stands (simplify first for a normal form).
template <latex_options O = latex_options{}, dsl::expression E>
constexpr const auto& latex(E) {
    return dsl::latex_string<E, O>::value;
}

}  // namespace leibniz
