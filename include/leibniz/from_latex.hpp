// from_latex: a formula written in LaTeX as an expression of the DSL, read at
// compile time. The string is a template argument and the result an
// expression whose type carries it, so it compares, differentiates, prints
// and evaluates like any other:
//
//   constexpr auto written = from_latex<"\\frac{1}{B} \\sum_{k=1}^{B} Y_{kj}">(Y, k, j, B);
//   static_assert(equivalent(written, m(j)));
//
// The arguments are the symbols the formula may use (scalars, tensors,
// intermediates, index variables, extents); each is recognised by its own
// spelling (what latex() prints for it), and what their definitions use
// comes with them. A derivative the formula writes (\\frac{\\partial f}{\\partial x}
// as a factor, or \\frac{\\partial}{\\partial x} before the rest of a product) is
// computed by the engine. A formula that cannot be read is one static_assert
// that names the position, the text there and the problem.
#pragma once
#include <cstddef>

#include <leibniz/calculus/derivative.hpp>
#include <leibniz/core.hpp>
#include <leibniz/dsl/lower.hpp>
#include <leibniz/parse/latex.hpp>

namespace leibniz {

namespace dsl {

/// The symbols a formula may use, in its context.
template <class... Symbols>
constexpr void register_symbols(ir::context& c) {
    (intern_tag<terminal_tag_t<Symbols>>::go(c), ...);
}

/// ∂f/∂x where a formula writes one (\\frac{\\partial f}{\\partial x}, \\frac{d}{dx} f): the
/// engine's derivative, simplified.
constexpr ir::term derivative_in_formula(ir::context& c, const ir::term& f, const ir::term& x) {
    return ir::simplify(c, ir::derivative(c, f, x, {}));
}

/// What from_latex computes: the parsed term over the given symbols.
template <fixed_string Latex, latex_options O, class... Symbols>
struct latex_source {
    static constexpr parse::parse_result run(ir::context& c) {
        register_symbols<Symbols...>(c);
        parse::reading how{O};
        how.derivative = &derivative_in_formula;
        return parse::parse_latex(c, Latex.view(), how);
    }
    static constexpr ir::bundle make() {
        ir::bundle b;
        b.root = run(b.ctx).root;
        return b;
    }
};

struct latex_outcome {
    parse::problem what = parse::problem::none;
    std::size_t position = 0;
};
template <fixed_string Latex, latex_options O, class... Symbols>
inline constexpr latex_outcome outcome_of_latex = [] {
    ir::context c;
    parse::parse_result r = latex_source<Latex, O, Symbols...>::run(c);
    return latex_outcome{r.what, r.position};
}();

/// Up to 16 characters of S from From: the text where reading stopped.
template <fixed_string S, std::size_t From>
constexpr auto text_at() {
    constexpr std::size_t n = From >= S.size() ? 0 : (S.size() - From < 16 ? S.size() - From : 16);
    fixed_string<n> out{};
    for (std::size_t i = 0; i != n; ++i) out.data[i] = S.data[From + i];
    return out;
}

/// One static_assert, its instantiation naming the position, the text there
/// and the problem.
template <std::size_t Position, fixed_string TextThere, parse::problem Problem>
constexpr bool latex_not_read() {
    static_assert(Problem == parse::problem::none,
                  "leibniz::from_latex: the formula cannot be read; the line above names the position (characters "
                  "from the start), the text there and the problem");
    return Problem == parse::problem::none;
}

}  // namespace dsl

/// The expression the LaTeX formula Latex spells, over the given symbols;
/// O: the printing options whose spellings it uses (f(#) for the step, ...).
template <fixed_string Latex, latex_options O = latex_options{}, class... Symbols>
constexpr auto from_latex(Symbols...) {
    static_assert((dsl::expression<Symbols> && ...), "leibniz::from_latex: the arguments are the formula's symbols");
    constexpr dsl::latex_outcome outcome = dsl::outcome_of_latex<Latex, O, Symbols...>;
    if constexpr (outcome.what == parse::problem::none) {
        return dsl::computed<dsl::latex_source<Latex, O, Symbols...>>();
    } else {
        dsl::latex_not_read<outcome.position, dsl::text_at<Latex, outcome.position>(), outcome.what>();
        return c<0>;
    }
}

}  // namespace leibniz
