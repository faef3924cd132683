// The LaTeX reader at run time (the same constexpr code from_latex runs at
// compile time): what it reads, and for text it cannot read, the problem
// and the position where reading stopped.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <leibniz/from_latex.hpp>
#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto N = extent<"N">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(N);
constexpr auto k = index<"k">(N);
constexpr auto w = tensor<"w">(N);
constexpr auto W = tensor<"W">(N, N);

/// text read over x, y, w, W, i, k, N and M, in the context c.
parse::parse_result read(std::string_view text, ir::context& c) {
    dsl::register_symbols<decltype(x), decltype(y), decltype(w), decltype(W), decltype(i), decltype(k), decltype(N),
                          decltype(M)>(c);
    return parse::parse_latex(c, text);
}
parse::parse_result read(std::string_view text) {
    ir::context c;
    return read(text, c);
}

/// What was read, printed again.
std::string printed(std::string_view text) {
    ir::context c;
    parse::parse_result r = read(text, c);
    REQUIRE(r.ok());
    return std::string(ir::print(c, r.root, latex_options{}).view());
}

TEST_CASE("from_latex's reader, at run time: formulas it reads") {
    CHECK(printed("x + y") == "x + y");
    CHECK(printed("\\sum_{k=1}^{N} W_{ik} w_k") == "\\sum_{k=1}^{N} W_{ik} w_{k}");
    CHECK(printed("\\sum_{k'=1}^{N} w_{k'}") == "\\sum_{k'=1}^{N} w_{k'}");
    CHECK(printed("\\frac{x}{y}") == "\\frac{x}{y}");
    CHECK(printed("\\exp(x)") == "\\exp(x)");
    CHECK(read("  x \\, y \\quad ").ok());
    // indices in brackets, sums without a written range, brackets and braces as groups
    CHECK(printed("W[i, k] w[k]") == printed("W_{ik} w_k"));
    CHECK(printed("\\sum_k w_k") == "\\sum_{k=1}^{N} w_{k}");
    CHECK(printed("\\sum_{k} w_k") == "\\sum_{k=1}^{N} w_{k}");
    CHECK(printed("\\left[x + y\\right] \\left\\{ x \\right\\} [y] \\{x\\}") == printed("(x + y) x y x"));
    // as notes write them: / and \times, e^{...}, functions without parentheses or with \left( \right)
    CHECK(printed("x^{3/2} / y \\times x") == printed("\\frac{x^{\\frac{3}{2}}}{y} x"));
    CHECK(printed("e^{x + y}") == printed("\\exp(x + y)"));
    CHECK(printed("\\log x^2 + \\exp\\left(y\\right)") == printed("\\log(x^2) + \\exp(y)"));
    CHECK(printed("\\max\\left(x, 0\\right)") == printed("\\max(x, 0)"));
}

/// ∂f/∂x for the reader: a stand-in that marks where it was called (f + 1000 x).
ir::term marked(ir::context&, const ir::term& f, const ir::term& x) { return ir::add(f, ir::mul(ir::num(1000), x)); }

TEST_CASE("from_latex's reader, at run time: derivatives go to the caller's differentiator, E to an average") {
    ir::context c;
    dsl::register_symbols<decltype(x), decltype(y), decltype(w), decltype(W), decltype(i), decltype(k), decltype(N), decltype(M)>(c);
    parse::reading how;
    how.derivative = &marked;
    how.expectation_index = c.find("k");
    auto text = [&](std::string_view t) {
        parse::parse_result r = parse::parse_latex(c, t, how);
        REQUIRE(r.ok());
        return std::string(ir::print(c, r.root, latex_options{}).view());
    };
    CHECK(text("\\frac{\\partial x y}{\\partial y}") == "x y + 1000 y");          // a factor: f and x
    CHECK(text("\\frac{\\partial}{\\partial x} x y + 1") == "x y + 1000 x + 1");  // an operator on the rest of the product
    CHECK(text("\\frac{d}{d x} y") == "y + 1000 x");
    CHECK(text("\\frac{dy}{dx}") == "y + 1000 x");                   // d attached to the symbols
    CHECK(text("\\frac{\\mathrm{d}}{\\mathrm{d}x} y") == "y + 1000 x");
    CHECK(text("\\partial x / \\partial y") == "x + 1000 y");        // \partial f / \partial x, f one factor
    CHECK(text("\\partial (x y) / \\partial y") == "x y + 1000 y");
    CHECK(text("\\Big( x \\Big) \\bigl[ y \\bigr]") == text("x y"));  // sized delimiters
    // \frac{d}{y} is no derivative: read as a fraction, whose d is no symbol here
    CHECK(parse::parse_latex(c, "\\frac{d}{y}", how).what == parse::problem::unknown_symbol);
    CHECK(text("\\mathbb{E}[w_k]") == text("\\frac{1}{N} \\sum_{k=1}^{N} w_k"));
    CHECK(text("\\text{Var}(w_k)") == text("\\frac{1}{N} \\sum_{k=1}^{N} w_k^2 - (\\frac{1}{N} \\sum_{k=1}^{N} w_k)^2"));
}

TEST_CASE("from_latex's reader, at run time: the problem and where reading stopped") {
    struct bad {
        std::string_view text;
        parse::problem what;
        std::size_t position;
    };
    for (bad b : {bad{"x +", parse::problem::unexpected_text, 3}, bad{"x + z", parse::problem::unknown_symbol, 4},
                  bad{"\\frac{x}{y", parse::problem::missing_brace, 10}, bad{"(x + y", parse::problem::missing_parenthesis, 6},
                  bad{"x W_{i}", parse::problem::wrong_index_count, 2}, bad{"w_{q}", parse::problem::unknown_index, 3},
                  bad{"\\sum_{k=1}^{M} w_k", parse::problem::sum_range, 12}, bad{"x y )", parse::problem::trailing_text, 4},
                  bad{"\\sum_{k=2}^{N} w_k", parse::problem::bad_sum, 8},
                  // a derivative or an expectation, where the caller gives no differentiator or index to average over
                  bad{"x \\frac{\\partial w_k}{\\partial x}", parse::problem::no_differentiator, 2},
                  bad{"\\mathbb{E}[x]", parse::problem::no_expectation, 0},
                  bad{"\\frac{\\partial x}{\\partial w}", parse::problem::wrong_index_count, 27},
                  bad{"\\frac{\\partial x}{\\partial (x + y)}", parse::problem::not_a_variable, 27}}) {
        INFO(b.text);
        parse::parse_result r = read(b.text);
        CHECK(r.what == b.what);
        CHECK(r.position == b.position);
    }
}

TEST_CASE("from_latex's reader, at run time: matrix notation at implicit indices") {
    ir::context c;
    dsl::register_symbols<decltype(x), decltype(y), decltype(w), decltype(W), decltype(i), decltype(k), decltype(N), decltype(M)>(c);
    parse::reading how;
    how.matrices = true;
    auto shape = [&](std::string_view t) {
        parse::parse_result r = parse::parse_latex(c, t, how);
        INFO(t);
        REQUIRE(r.ok());
        return std::pair{r.row >= 0, r.col >= 0};
    };
    CHECK(shape("W w") == std::pair{true, false});          // a matrix times a vector: a vector
    CHECK(shape("w^T w") == std::pair{false, false});       // a row times a column: a number
    CHECK(shape("w w^T") == std::pair{true, true});         // a column times a row: a matrix
    CHECK(shape("W^T W + W") == std::pair{true, true});
    CHECK(shape("\\text{diag}(w) w \\odot w") == std::pair{true, false});
    CHECK(shape("x I_N") == std::pair{true, true});
    CHECK(shape("I w") == std::pair{true, false});  // I without its extent: that of what it multiplies
    CHECK(shape("W I") == std::pair{true, true});
    // the values: (W w)_r = Σ_k W_rk w_k, w^T w = Σ_k w_k²
    parse::parse_result ww = parse::parse_latex(c, "w^T w", how);
    parse::parse_result sum = parse::parse_latex(c, "\\sum_{k=1}^{N} w_k^2", how);
    CHECK(ir::canonical(c, ww.root) == ir::canonical(c, sum.root));
    // shapes that do not fit
    CHECK(parse::parse_latex(c, "w w", how).what == parse::problem::shapes_differ);
    CHECK(parse::parse_latex(c, "W + w", how).what == parse::problem::shapes_differ);
    // without matrix notation, a vector without its indices is still an error
    CHECK(parse::parse_latex(c, "W w").what == parse::problem::wrong_index_count);
}

}  // namespace
