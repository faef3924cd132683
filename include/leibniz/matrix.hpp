// matrix_latex: the matrix-notation LaTeX of a vector- or matrix-valued
// expression, as a compile-time string. The printer itself works on terms
// (print/matrix.hpp); this is its entry point for expressions, above the DSL
// and the printer both.
#pragma once
#include <cstddef>
#include <vector>

#include <leibniz/detail/error.hpp>
#include <leibniz/detail/fixed_string.hpp>
#include <leibniz/detail/staged_text.hpp>
#include <leibniz/dsl/expr.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/print/matrix.hpp>

namespace leibniz {

namespace dsl {
inline constexpr std::size_t matrix_staging_chars = 4096;
[[noreturn]] inline void leibniz_error_matrix_latex_too_long() { ::leibniz::detail::fail("leibniz_error_matrix_latex_too_long"); }

template <class E, latex_options O, class... I>
struct matrix_printer {
    static constexpr detail::text print() {
        ir::context c;
        ir::term t = lower<E>(c);
        std::vector<int> outs;
        (outs.push_back(lower<I>(c).id), ...);
        if (outs.empty()) outs = ir::free_indices(t);
        return ir::print_matrix(c, t, outs, O);
    }
};
template <class E, latex_options O, class... I>
using matrix_string = detail::staged_text<matrix_printer<E, O, I...>, matrix_staging_chars, &leibniz_error_matrix_latex_too_long>;
}  // namespace dsl

/// The matrix-notation LaTeX of a vector (one free index, or name it) or of
/// a matrix (name its row index, then its column index).
template <latex_options O = latex_options{}, dsl::expression E, class... I>
constexpr const auto& matrix_latex(E, I...) {
    static_assert(sizeof...(I) <= 2, "leibniz::matrix_latex: name at most two indices (rows, columns)");
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::matrix_latex: the rows and columns must be index variables");
    return dsl::matrix_string<E, O, I...>::value;
}

}  // namespace leibniz
