// Reading LaTeX math back into terms: the inverse of print/latex.hpp for the
// notation the engine prints and documents write. Symbols are recognised by
// their own spelling in the context (a `#` in it marks where the indices
// go; otherwise they follow as a subscript, _{kl} or _k), functions by the
// patterns of the op table (\exp(#), \max(#, #), |#|, ...) and the
// spellings the printing options choose (f(#), \sigma'(#), ...).
//
//   expression := ['-'] product (('+' | '-') product)*
//   product    := power (([\cdot | \times] | /) power)*   juxtaposition multiplies,
//                                            / divides by the next factor; a \sum
//                                            takes the rest of the product
//   power      := atom ('^' group)*
//   atom       := number | (expr) | [expr] | \{expr\} | {expr}, also with \left \right
//               | \frac{expr}{expr} | \sqrt{expr} | \delta_{ij}
//               | \sum_{k=1}^{N} product | \sum_k product | function | symbol
//               | \frac{\partial expr}{\partial symbol}        (with a differentiator)
//               | \frac{\partial}{\partial symbol} product     (d in place of \partial too)
//               | \mathbb{E}[expr] | \text{Var}(expr)          (a batch average, or the caller's E)
//   symbol     := spelling _{indices} | spelling [indices] | spelling with its # filled
//
// Errors do not throw: the first one is kept (its position and what was
// expected), so that a caller at compile time can name it in one message.
#pragma once
#include <string_view>
#include <vector>

#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/rational.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/print/latex.hpp>

namespace leibniz::parse {

using ir::context;
using ir::op;
using ir::rational;
using ir::term;

/// What the parser could not read.
enum class problem : unsigned char {
    none,
    unexpected_text,     ///< nothing that can start or continue a formula here
    unknown_symbol,      ///< a spelling no symbol, index, extent or function has
    unknown_index,       ///< a subscript letter that is no index variable
    wrong_index_count,   ///< a tensor with another number of indices than its rank
    missing_brace,       ///< { or } expected
    missing_parenthesis, ///< ) or \right) expected
    bad_sum,             ///< \sum_{k=1}^{N}: an index, = 1, an extent expected
    sum_range,           ///< \sum_{k=1}^{N}: N is not the extent of k
    bad_number,          ///< a number that does not fit
    trailing_text,       ///< the formula ends before the text does
    no_differentiator,   ///< a derivative (\frac{\partial f}{\partial x}), and no differentiator was given
    not_a_variable,      ///< \frac{\partial f}{\partial x}: x is not a symbol
    no_expectation,      ///< \mathbb{E} or \text{Var}, and no index to average over was given
    shapes_differ        ///< matrix notation: a product, sum or \odot of operands whose shapes do not fit
};

/// How a formula is read besides its symbols: the spellings of the printing
/// options, and what the parser hands on to layers above it. The parser does
/// not differentiate: a derivative the formula writes is handed to
/// `derivative` (the calculus layer's, given by the caller), and is an error
/// where none is given.
struct reading {
    latex_options spelling{};
    term (*derivative)(context&, const term& f, const term& x) = nullptr;
    /// \mathbb{E}[X] is the average of X over this index (a batch average);
    /// -1: expectations are of random variables, by `expectation` and
    /// `variance` (the statistics layer's, given by the caller, with `data`),
    /// or not read where those are not given.
    int expectation_index = -1;
    term (*expectation)(context&, const term& x, const void* data) = nullptr;
    term (*variance)(context&, const term& x, const void* data) = nullptr;
    const void* data = nullptr;
    /// E[X] written without \mathbb, as E (where no symbol is spelled E).
    bool plain_e = false;
    /// Matrix notation: a vector or matrix written without indices (W \mathbf{x},
    /// \mathbf{h}^T, \odot, \text{diag}, \frac{\partial \ell}{\partial W}) is read at implicit
    /// row and column indices, which products contract.
    bool matrices = false;
};

struct parse_result {
    term root{};
    problem what = problem::none;
    std::size_t position = 0;  ///< where the problem was found (characters from the start)
    int row = -1, col = -1;    ///< matrix notation: the implicit indices the formula is a vector or matrix over
    constexpr bool ok() const { return what == problem::none; }
};

constexpr bool is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
constexpr bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

struct parser {
    context& ctx;
    std::string_view in;
    reading how{};
    std::size_t at = 0;
    problem what = problem::none;
    std::size_t where = 0;
    int abs_depth = 0;  ///< inside |...|: a | ends the product (outside, |x| is a factor)

    // ---- characters ---------------------------------------------------------------------------------
    constexpr bool failed() const { return what != problem::none; }
    constexpr term fail(problem p) {
        if (!failed()) {
            what = p;
            where = at;
        }
        return ir::num(0);
    }
    /// Spaces and the spacing commands \, \; \! \quad.
    constexpr void skip() {
        while (at < in.size()) {
            if (in[at] == ' ' || in[at] == '\n' || in[at] == '\t') {
                ++at;
            } else if (in[at] == '\\' && at + 1 < in.size() && (in[at + 1] == ',' || in[at + 1] == ';' || in[at + 1] == '!')) {
                at += 2;
            } else if (in.substr(at).starts_with("\\quad") && !(at + 5 < in.size() && is_letter(in[at + 5]))) {
                at += 5;
            } else if (std::size_t n = sizing_command(); n != 0) {
                at += n;  // \big( \Bigr]: the delimiter after it is the group
            } else {
                break;
            }
        }
    }
    /// The length of a delimiter-sizing command here (\big, \Bigl, \biggr, ...), 0 if none.
    constexpr std::size_t sizing_command() const {
        constexpr std::string_view sizes[] = {"\\biggl", "\\biggr", "\\Biggl", "\\Biggr", "\\bigg", "\\Bigg", "\\bigl",
                                              "\\bigr", "\\Bigl", "\\Bigr", "\\big", "\\Big"};
        for (std::string_view c : sizes)
            if (in.substr(at).starts_with(c) && !(at + c.size() < in.size() && is_letter(in[at + c.size()]))) return c.size();
        return 0;
    }
    constexpr bool at_end() {
        skip();
        return at >= in.size();
    }
    constexpr char peek() {
        skip();
        return at < in.size() ? in[at] : '\0';
    }
    /// `lit` here, spaces in it and in the text not counting; a command
    /// (\exp) must not run on into more letters (\expo).
    constexpr bool match(std::string_view lit, std::size_t& end) const {
        std::size_t p = at, q = 0;
        while (q < lit.size()) {
            if (lit[q] == ' ') {
                ++q;
                continue;
            }
            while (p < in.size() && in[p] == ' ') ++p;
            if (p >= in.size() || in[p] != lit[q]) return false;
            ++p;
            ++q;
        }
        // a command name ends at its last letter
        std::size_t k = lit.size();
        while (k > 0 && lit[k - 1] == ' ') --k;
        std::size_t start = k;
        while (start > 0 && is_letter(lit[start - 1])) --start;
        if (start > 0 && start < k && lit[start - 1] == '\\' && p < in.size() && is_letter(in[p])) return false;
        end = p;
        return true;
    }
    constexpr bool accept(std::string_view lit) {
        skip();
        std::size_t end = 0;
        if (!match(lit, end)) return false;
        at = end;
        return true;
    }
    constexpr bool expect(std::string_view lit, problem p) {
        if (accept(lit)) return true;
        fail(p);
        return false;
    }

    // ---- the grammar -------------------------------------------------------------------------------------
    /// Where a product ends: an operator or a closing delimiter.
    constexpr bool product_ends() {
        char ch = peek();
        if (ch == '\0' || ch == '+' || ch == '-' || ch == ')' || ch == '}' || ch == ']' || ch == ',' ||
            (ch == '|' && abs_depth > 0) || ch == '=' || ch == '&' || ch == '>' || ch == '<')
            return true;
        std::size_t end = 0;
        return match("\\right", end) || match("\\\\", end) || match("\\}", end);
    }

    /// An expression inside a group of its own ((...), {...}, a function's
    /// parentheses): a | there belongs to it, not to an |...| around the group.
    constexpr term nested_expression() {
        const int outer = abs_depth;
        abs_depth = 0;
        term e = expression();
        abs_depth = outer;
        return e;
    }

    constexpr term expression() {
        term out;
        bool first = true;
        bool negative = accept("-");
        if (!negative) accept("+");
        while (!failed()) {
            term t = product();
            if (negative) t = ir::neg(std::move(t));
            // (no ?: on class prvalues: g++ 12 destroys such temporaries twice
            // during constant evaluation)
            if (first) {
                out = std::move(t);
            } else {
                term same_shape = aligned(out, std::move(t));  // before out is moved from
                out = ir::add(std::move(out), std::move(same_shape));
            }
            first = false;
            if (accept("+")) negative = false;
            else if (accept("-")) negative = true;
            else break;
        }
        return out;
    }

    constexpr term product() {
        term out = power();
        while (!failed() && !product_ends()) {
            if (accept("/")) {  // a / b: divides by the next factor (3/2, \partial L / \partial y)
                out = ir::div(std::move(out), power());
                continue;
            }
            const bool hadamard = accept("\\odot");
            if (!hadamard && !accept("\\cdot")) accept("\\times");
            if (accept("\\sum_")) return times(std::move(out), sum_rest(), false);
            out = times(std::move(out), power(), hadamard);
        }
        return out;
    }

    constexpr term power() {
        term base = atom();
        while (!failed() && accept("^")) {
            if (how.matrices && (accept("T") || accept("\\top") || accept("{T}") || accept("{\\top}"))) {
                base = transposed(std::move(base));
                continue;
            }
            base = ir::pow(std::move(base), group());
        }
        return base;
    }

    // ---- matrix notation: implicit indices ---------------------------------------------------------------
    std::vector<int> rows{}, cols{};  ///< the implicit indices made so far, by role
    constexpr int implicit_index(int extent, bool row) {
        ir::sym_entry e;
        detail::text name(row ? "implicit_row_" : "implicit_col_"), spelling(row ? "r_{" : "c_{");
        long long n = static_cast<long long>(rows.size() + cols.size()) + 1;
        for (;; ++n) {  // a name no formula read before has taken (its extent may be another)
            detail::text probe(name);
            probe += detail::to_text(n).view();
            if (ctx.find(probe.view()) < 0) break;
        }
        name += detail::to_text(n).view();
        spelling += detail::to_text(n).view();
        spelling += '}';
        detail::copy_name(e.name, name.view());
        detail::copy_name(e.latex, spelling.view());
        e.kind = ir::sym_kind::index;
        e.dims[0] = extent;
        const int id = ctx.intern(e);
        (row ? rows : cols).push_back(id);
        return id;
    }
    static constexpr bool in_list(const std::vector<int>& v, int id) {
        for (int x : v)
            if (x == id) return true;
        return false;
    }
    /// The implicit row (or column) index free in t, -1 if none.
    constexpr int implicit_of(const term& t, bool row) const {
        if (rows.empty() && cols.empty()) return -1;
        for (int k : ir::free_indices(t))
            if (in_list(row ? rows : cols, k)) return k;
        return -1;
    }
    constexpr term transposed(term t) {
        const int r = implicit_of(t, true), c = implicit_of(t, false);
        if (r >= 0) t = ir::rename_index(std::move(t), r, implicit_index(ctx.extent_of(r), false));
        if (c >= 0) t = ir::rename_index(std::move(t), c, implicit_index(ctx.extent_of(c), true));
        return t;
    }
    /// An identity I read without its extent takes the extent of what meets it.
    constexpr void settle_extent(int unknown, int known) {
        if (unknown >= 0 && known >= 0 && ctx.at(unknown).dims[0] < 0) ctx.at(unknown).dims[0] = ctx.extent_of(known);
    }
    constexpr void settle_identity(int ar, int ac, int br, int bc) {
        // an identity's row and column have one extent
        settle_extent(ar, br);
        settle_extent(br, ar);
        settle_extent(ac, bc);
        settle_extent(bc, ac);
        settle_extent(ac, ar);
        settle_extent(ar, ac);
        settle_extent(bc, br);
        settle_extent(br, bc);
    }
    /// b with its implicit indices renamed to a's (a + b, a \odot b): the same shape, or a scalar.
    constexpr term aligned(const term& a, term b) {
        const int ar = implicit_of(a, true), ac = implicit_of(a, false), br = implicit_of(b, true), bc = implicit_of(b, false);
        settle_identity(ar, ac, br, bc);
        if (br < 0 && bc < 0) return b;
        if (ar < 0 && ac < 0) return b;
        if ((ar < 0) != (br < 0) || (ac < 0) != (bc < 0) || (ar >= 0 && ctx.extent_of(ar) != ctx.extent_of(br)) ||
            (ac >= 0 && ctx.extent_of(ac) != ctx.extent_of(bc))) {
            fail(problem::shapes_differ);
            return b;
        }
        if (br >= 0) b = ir::rename_index(std::move(b), br, ar);
        if (bc >= 0) b = ir::rename_index(std::move(b), bc, ac);
        return b;
    }
    /// a b: a matrix product where a has a column and b a row (contracted), an outer product of a
    /// column and a row, elementwise for \odot, a plain product where either is a scalar.
    constexpr term times(term a, term b, bool hadamard) {
        if (hadamard) {
            term c = aligned(a, std::move(b));
            return ir::mul(std::move(a), std::move(c));
        }
        const int ac = implicit_of(a, false), br = implicit_of(b, true);
        settle_extent(ac, br);  // I x: I's column takes x's extent, and its row with it
        settle_extent(br, ac);
        settle_identity(implicit_of(a, true), ac, implicit_of(b, true), implicit_of(b, false));
        if (ac >= 0 && br >= 0) {
            if (ctx.extent_of(ac) != ctx.extent_of(br)) {
                fail(problem::shapes_differ);
                return a;
            }
            return ir::sum(ac, ir::mul(std::move(a), ir::rename_index(std::move(b), br, ac)));
        }
        if (ac < 0 && br >= 0 && implicit_of(a, true) >= 0) {  // a column times a column
            fail(problem::shapes_differ);
            return a;
        }
        return ir::mul(std::move(a), std::move(b));
    }

    /// {expr}, or a single character: a digit or a letter.
    constexpr term group() {
        if (accept("{")) {
            term e = nested_expression();
            expect("}", problem::missing_brace);
            return e;
        }
        skip();
        if (at < in.size() && is_digit(in[at])) return ir::num(in[at++] - '0');
        return atom();
    }

    constexpr term number() {
        long long num = 0, den = 1;
        bool fraction = false;
        while (at < in.size() && (is_digit(in[at]) || (in[at] == '.' && !fraction))) {
            if (in[at] == '.') {
                fraction = true;
            } else {
                if (num > 99999999999LL) return fail(problem::bad_number);
                num = num * 10 + (in[at] - '0');
                if (fraction) den *= 10;
            }
            ++at;
        }
        return ir::num(rational::make(num, den));
    }

    constexpr term atom() {
        if (failed()) return ir::num(0);
        skip();
        if (at >= in.size()) return fail(problem::unexpected_text);
        if (is_digit(in[at])) return number();
        if (accept("-")) return ir::neg(power());  // a sign where a factor starts: -(-x) written --x
        // declared spellings first: a symbol may be spelled \frac{\partial \ell}{\partial H_{#}}
        if (term t; symbol_here(t)) return t;
        const std::size_t symbol_failed_at = where_symbol_failed;  // a symbol whose indices did not read
        const problem symbol_failed = symbol_problem;
        if (term t; derivative_here(t) || expectation_here(t)) return t;
        if (how.matrices && accept("\\mathbf{0}")) return ir::num(0);  // the zero vector
        if (std::size_t end = 0; how.matrices && match("I", end) && !(end < in.size() && (is_letter(in[end]) || in[end] == '_'))) {
            at = end;  // I: the identity, its extent that of what it multiplies (not known yet)
            return ir::delta(implicit_index(-1, true), implicit_index(-1, false));
        }
        if (std::size_t end = 0; how.matrices && match("I_", end)) {  // I_M: the identity over the extent M
            const std::size_t before = at;
            at = end;
            const bool braced = accept("{");
            const int x = extent_here();
            if (x >= 0 && (!braced || accept("}"))) return ir::delta(implicit_index(x, true), implicit_index(x, false));
            at = before;
        }
        if (how.matrices && (accept("\\text{diag}") || accept("\\operatorname{diag}") || accept("\\mathrm{diag}"))) {
            term v = atom();  // diag(v): v_r δ_rc
            const int r = implicit_of(v, true);
            if (failed()) return v;
            if (r < 0) return fail(problem::shapes_differ);
            return ir::mul(std::move(v), ir::delta(r, implicit_index(ctx.extent_of(r), false)));
        }
        if (std::size_t end = 0; match("e^", end)) {  // e^{x}: exp(x), where no symbol is spelled e
            at = end;
            return ir::make(op::exp, {group()});
        }
        // groups: (e), \left(e\right), {e}
        struct delimiters {
            std::string_view open, close;
            problem missing;
        };
        constexpr delimiters groups[] = {{"(", ")", problem::missing_parenthesis},
                                         {"\\left(", "\\right)", problem::missing_parenthesis},
                                         {"[", "]", problem::missing_parenthesis},
                                         {"\\left[", "\\right]", problem::missing_parenthesis},
                                         {"\\{", "\\}", problem::missing_brace},
                                         {"\\left\\{", "\\right\\}", problem::missing_brace},
                                         {"{", "}", problem::missing_brace}};
        for (const delimiters& g : groups) {
            if (!accept(g.open)) continue;
            term e = nested_expression();
            expect(g.close, g.missing);
            return e;
        }
        if (accept("\\frac{")) {
            term up = nested_expression();
            if (!expect("}", problem::missing_brace) || !expect("{", problem::missing_brace)) return ir::num(0);
            term down = nested_expression();
            expect("}", problem::missing_brace);
            if (up.is_num() && down.is_num() && !down.value.is_zero()) return ir::num(up.value / down.value);
            return ir::div(std::move(up), std::move(down));
        }
        if (accept("\\sqrt{")) {
            term e = nested_expression();
            expect("}", problem::missing_brace);
            return ir::pow(std::move(e), rational{1, 2});
        }
        if (accept("\\sum_")) return sum_rest();
        if (accept("\\delta_")) {
            std::vector<int> ids = subscript();
            if (failed()) return ir::num(0);
            if (ids.size() != 2) return fail(problem::wrong_index_count);
            return ir::delta(ids[0], ids[1]);
        }
        if (term f; function(f)) return f;
        if (symbol_failed_at != npos) {
            at = symbol_failed_at;
            return fail(symbol_failed);
        }
        return fail(problem::unknown_symbol);
    }

    /// After \sum_: {k=1}^{N}, {k} or k (over the whole extent of k), and the
    /// product it sums.
    constexpr term sum_rest() {
        const bool opened = accept("{");
        skip();
        int k = index_here();
        if (k < 0) return fail(problem::bad_sum);
        if (!opened || accept("}")) return sum_body(k);  // \sum_k, \sum_{k}: no range written
        if (!expect("=", problem::bad_sum) || !expect("1", problem::bad_sum) || !expect("}", problem::bad_sum) ||
            !expect("^", problem::bad_sum))
            return ir::num(0);
        bool braced = accept("{");
        skip();
        std::size_t before = at;
        int extent = extent_here();
        if (extent < 0 || extent != ctx.extent_of(k)) {
            at = before;
            return fail(extent < 0 ? problem::bad_sum : problem::sum_range);
        }
        if (braced && !expect("}", problem::bad_sum)) return ir::num(0);
        return sum_body(k);
    }
    constexpr term sum_body(int k) {
        const bool negative = accept("-");  // \sum_k -a_k b_k: the body's sign
        term body = product();
        if (negative) body = ir::neg(std::move(body));
        return ir::sum(k, std::move(body));
    }

    // ---- derivatives and expectations -------------------------------------------------------------------------
    /// \frac{\partial f}{\partial x}, \frac{\partial}{\partial x} f (f: the rest of the product), and
    /// the same with d for \partial; false, nothing read, where the \frac is another fraction.
    constexpr bool derivative_here(term& out) {
        const std::size_t start = at;
        const problem saved = what;
        auto restore = [&] {
            at = start;
            what = saved;
            return false;
        };
        if (accept("\\partial")) {  // \partial f / \partial x
            if (slash_derivative(out) || failed()) return true;
            return restore();
        }
        if (!accept("\\frac{")) return false;
        // after \frac{\partial it is a derivative, and what does not read is reported; after
        // \frac{d it may be another fraction (d a symbol), and the text is read again as one
        std::string_view d = accept("\\partial") ? "\\partial" : accept("\\mathrm{d}") ? "\\mathrm{d}" : accept("d") ? "d" : "";
        if (d.empty()) return restore();
        const bool partial = d == "\\partial";
        auto give_up = [&] { return partial ? true : restore(); };
        const bool operator_form = accept("}");
        term f;
        if (!operator_form) {
            f = nested_expression();
            if (failed()) return give_up();
            if (!accept("}")) {
                if (partial) fail(problem::missing_brace);
                return give_up();
            }
        }
        if (!accept("{") || !accept(d)) {
            if (partial) fail(problem::missing_brace);
            return give_up();
        }
        skip();
        const std::size_t variable_at = at;
        term x = nested_expression();
        if (failed()) return give_up();
        if (!expect("}", problem::missing_brace)) return true;
        if (x.kind != op::sym) {
            at = variable_at;
            fail(problem::not_a_variable);
            return true;
        }
        if (operator_form) f = product();
        if (failed()) return true;
        if (how.derivative == nullptr) {
            at = start;
            fail(problem::no_differentiator);
            return true;
        }
        out = jacobian(f, x);
        return true;
    }
    /// ∂f/∂x; in matrix notation, of a vector f by a vector x, the matrix whose
    /// columns run over x (x's implicit row becomes a column).
    constexpr term jacobian(const term& f, const term& x) {
        term d = how.derivative(ctx, f, x);
        const int xr = implicit_of(x, true);
        if (xr >= 0 && implicit_of(x, false) < 0 && implicit_of(f, true) >= 0)
            d = ir::rename_index(std::move(d), xr, implicit_index(ctx.extent_of(xr), false));
        return d;
    }

    /// After \partial: f / \partial x, as text writes a derivative (\partial L / \partial y_i);
    /// false, nothing reported, where it is not one.
    constexpr bool slash_derivative(term& out) {
        term f = power();
        if (failed() || !accept("/") || !accept("\\partial")) return false;
        skip();
        const std::size_t variable_at = at;
        term x = power();
        if (failed()) return true;
        if (x.kind != op::sym) {
            at = variable_at;
            fail(problem::not_a_variable);
            return true;
        }
        if (how.derivative == nullptr) {
            fail(problem::no_differentiator);
            return true;
        }
        out = jacobian(f, x);
        return true;
    }

    /// \mathbb{E}[X] (or \mathbb{E}\left[X\right], \mathbb{E}(X)) and \text{Var}(X), with E the
    /// average over the reading's expectation index and Var(X) = E[X^2] - E[X]^2.
    constexpr bool expectation_here(term& out) {
        const std::size_t start = at;
        const bool variance = accept("\\text{Var}") || accept("\\operatorname{Var}") || accept("\\mathrm{Var}");
        if (!variance && !accept("\\mathbb{E}")) {
            std::size_t end = 0;
            if (!how.plain_e || !match("E[", end)) return false;
            accept("E");
        }
        if (how.expectation_index < 0 && (variance ? how.variance == nullptr : how.expectation == nullptr)) {
            at = start;
            fail(problem::no_expectation);
            return true;
        }
        term x = atom();  // the bracketed argument
        if (failed()) return true;
        if (how.expectation_index < 0) {  // of random variables
            if (variance && implicit_of(x, true) >= 0 && implicit_of(x, false) < 0) {
                // the variance of a vector: its covariance matrix, E[x x^T] - E[x] E[x]^T
                term xt = transposed(x);
                term mean = how.expectation(ctx, x, how.data), mean_t = how.expectation(ctx, xt, how.data);
                out = ir::sub(how.expectation(ctx, ir::mul(x, std::move(xt)), how.data), ir::mul(std::move(mean), std::move(mean_t)));
                return true;
            }
            out = variance ? how.variance(ctx, x, how.data) : how.expectation(ctx, x, how.data);
            return true;
        }
        const int k = how.expectation_index;
        auto average = [&](term v) {
            return ir::mul(ir::pow(ir::sym(ctx.at(k).dims[0]), rational{-1}), ir::sum(k, std::move(v)));
        };
        if (!variance) {
            out = average(std::move(x));
            return true;
        }
        term mean = average(x);
        out = ir::sub(average(ir::pow(std::move(x), rational{2})), ir::pow(std::move(mean), rational{2}));
        return true;
    }

    // ---- symbols -------------------------------------------------------------------------------------------
    /// The symbol of kind `kind` whose spelling is here, longest first; -1 if none.
    constexpr int spelled_here(ir::sym_kind kind) {
        skip();
        int best = -1;
        std::size_t best_end = 0;
        for (std::size_t s = 0; s != ctx.syms.size(); ++s) {
            const ir::sym_entry& e = ctx.syms[s];
            if (e.kind != kind) continue;
            std::string_view spelling = e.latex_view();
            if (spelling.empty() || spelling.find('#') != std::string_view::npos) continue;
            std::size_t end = 0;
            if (match(spelling, end) && (best < 0 || end > best_end)) {
                best = static_cast<int>(s);
                best_end = end;
            }
        }
        if (best >= 0) at = best_end;
        return best;
    }
    /// An index variable: its spelling, then primes: k' is another index
    /// over k's extent (the engine's names for bound indices it adds).
    constexpr int index_here() {
        int k = spelled_here(ir::sym_kind::index);
        if (k < 0) return k;
        int primes = 0;
        while (at < in.size() && in[at] == '\'') {
            ++at;
            ++primes;
        }
        if (primes == 0) return k;
        ir::sym_entry e = ctx.at(k);
        detail::text name(e.name_view()), spelling(e.latex_view());
        for (int p = 0; p != primes; ++p) {
            name += '\'';
            spelling += '\'';
        }
        detail::copy_name(e.name, name.view());
        detail::copy_name(e.latex, spelling.view());
        return ctx.intern(e);
    }
    constexpr int extent_here() { return spelled_here(ir::sym_kind::extent); }

    /// Indices up to the closing brace: kl, or k, l, with single-letter or
    /// longer spellings.
    constexpr std::vector<int> index_list_until(char close) {
        std::vector<int> ids;
        while (!failed()) {
            skip();
            if (at < in.size() && in[at] == close) break;
            std::size_t before = at;
            int k = index_here();
            if (k < 0) {
                at = before;
                fail(problem::unknown_index);
                break;
            }
            ids.push_back(k);
            accept(",");
        }
        return ids;
    }
    /// _{kl} or _k.
    constexpr std::vector<int> subscript() {
        if (accept("{")) {
            std::vector<int> ids = index_list_until('}');
            expect("}", problem::missing_brace);
            return ids;
        }
        std::size_t before = at;
        int k = index_here();
        if (k < 0) {
            at = before;
            fail(problem::unknown_index);
            return {};
        }
        return {k};
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    /// Where the last symbol that matched had the wrong number of indices.
    std::size_t where_symbol_failed = npos;
    problem symbol_problem = problem::none;

    /// A symbol's spelling was here but not its indices: what to report if
    /// nothing else reads the text.
    constexpr void remember_symbol_problem() {
        where_symbol_failed = where;
        symbol_problem = what;
    }

    /// A tensor, intermediate or scalar symbol, an index or an extent whose
    /// spelling is here (the longest): true and the term, or false and
    /// nothing read.
    constexpr bool symbol_here(term& out) {
        where_symbol_failed = npos;
        symbol_problem = problem::none;
        skip();
        const std::size_t start = at;
        const problem saved = what;
        int best = -1;
        std::size_t best_end = 0;
        std::vector<int> best_indices;
        for (std::size_t s = 0; s != ctx.syms.size(); ++s) {
            const ir::sym_entry& e = ctx.syms[s];
            std::string_view spelling = e.latex_view();
            if (spelling.empty()) continue;
            at = start;
            what = saved;
            std::vector<int> ids;
            std::size_t hole = spelling.find('#');
            std::size_t end = 0;
            if (hole != std::string_view::npos) {
                if (!match(spelling.substr(0, hole), end)) continue;
                at = end;
                std::string_view after = spelling.substr(hole + 1);
                skip();
                ids = index_list_until(after.empty() ? '\0' : after[0]);
                if (failed()) {
                    remember_symbol_problem();
                    continue;
                }
                if (!match(after, end)) continue;
                at = end;
            } else {
                if (!match(spelling, end)) continue;
                at = end;
                if (e.rank > 0 && peek() == '[') {  // Y[i, j]: the indices in brackets
                    accept("[");
                    ids = index_list_until(']');
                    if (!failed()) expect("]", problem::missing_parenthesis);
                    if (failed()) {
                        remember_symbol_problem();
                        continue;
                    }
                } else if (e.rank > 0 || (e.kind != ir::sym_kind::index && e.kind != ir::sym_kind::extent && peek() == '_')) {
                    if (!accept("_")) {  // a tensor without its indices (a whole vector, as matrix notation writes it)
                        if (how.matrices && e.rank <= 2 && e.rank > 0 && peek() != '_') {
                            ids.push_back(-1);  // marks: implicit indices, made once this symbol is chosen
                            if (best < 0 || at > best_end) {
                                best = static_cast<int>(s);
                                best_end = at;
                                best_indices = ids;
                            }
                            continue;
                        }
                        where_symbol_failed = start;
                        symbol_problem = problem::wrong_index_count;
                        continue;
                    }
                    ids = subscript();
                    if (failed()) {
                        remember_symbol_problem();
                        continue;
                    }
                }
            }
            if (best < 0 || at > best_end) {
                best = static_cast<int>(s);
                best_end = at;
                best_indices = ids;
            }
        }
        at = start;
        what = saved;
        if (best < 0) return false;
        if (best_indices.size() == 1 && best_indices[0] == -1) {  // matrix notation: a vector over a row, a matrix
            const ir::sym_entry v = ctx.at(best);
            best_indices.clear();
            best_indices.push_back(implicit_index(v.dims[0], true));
            if (v.rank == 2) best_indices.push_back(implicit_index(v.dims[1], false));
        }
        const ir::sym_entry& e = ctx.at(best);
        if (static_cast<int>(best_indices.size()) != e.rank) {  // a scalar with a subscript, a tensor with too few
            where_symbol_failed = start;
            symbol_problem = problem::wrong_index_count;
            return false;
        }
        at = best_end;
        if (e.kind == ir::sym_kind::index) {
            out = ir::idx(best);
            return true;
        }
        out = ir::sym(best);
        for (int k : best_indices) out.kids.push_back(ir::idx(k));
        return true;
    }

    // ---- functions -----------------------------------------------------------------------------------------
    /// A pattern with holes (#): its literal parts here, an expression in each hole.
    /// A pattern's "\\exp(" written "\\exp\\left(" (then `sized`), and its ")" then written "\\right)".
    constexpr bool sized_parenthesis(std::string_view lit, std::size_t& end, bool& sized) const {
        if (lit.size() > 1 && lit.back() == '(' && lit.front() == '\\') {
            std::size_t name_end = 0;
            parser probe = *this;  // the command, then \left( in place of its (
            if (!probe.match(lit.substr(0, lit.size() - 1), name_end)) return false;
            probe.at = name_end;
            probe.skip();
            if (!probe.match("\\left(", end)) return false;
            sized = true;
            return true;
        }
        if (sized && lit.front() == ')') {
            parser probe = *this;
            std::size_t right = 0;
            if (!probe.match("\\right)", right)) return false;
            probe.at = right;
            if (lit.size() == 1) {
                end = right;
                return true;
            }
            return probe.match(lit.substr(1), end);
        }
        return false;
    }

    constexpr bool pattern_here(std::string_view pattern, std::vector<term>& args) {
        const std::size_t start = at;
        const problem saved = what;
        bool sized = false;  // opened with \\left(
        std::size_t from = 0;
        while (from <= pattern.size()) {
            std::size_t hole = pattern.find('#', from);
            std::string_view lit = pattern.substr(from, hole == std::string_view::npos ? std::string_view::npos : hole - from);
            if (!lit.empty()) {
                skip();
                std::size_t end = 0;
                if (!match(lit, end) && !sized_parenthesis(lit, end, sized)) {
                    if (!args.empty() || from != 0) break;  // failed after the opening: not this pattern
                    at = start;
                    return false;
                }
                at = end;
            }
            if (hole == std::string_view::npos) return true;
            if (!pattern.empty() && pattern[0] == '|') {  // |#|: a | ends the argument
                ++abs_depth;
                args.push_back(expression());
                --abs_depth;
            } else {
                args.push_back(nested_expression());
            }
            if (failed()) break;
            from = hole + 1;
        }
        at = start;
        what = saved;
        args.clear();
        return false;
    }

    constexpr bool function(term& out) {
        struct spelling {
            std::string_view pattern;
            op kind;
        };
        // the spellings the printing options can choose
        constexpr spelling styles[] = {
            {"\\operatorname{relu}(#)", op::relu}, {"\\sigma'(#)", op::step}, {"\\left|#\\right|", op::abs}};
        for (const spelling& s : styles) {
            std::vector<term> args;
            if (pattern_here(s.pattern, args)) {
                out = ir::make(s.kind, std::move(args));
                return true;
            }
        }
        // f(#) and \sigma(#) only where the options print them
        if (how.spelling.step == step_style::f) {
            std::vector<term> args;
            if (pattern_here("f(#)", args)) {
                out = ir::make(op::step, std::move(args));
                return true;
            }
        }
        if (how.spelling.relu == relu_style::sigma) {
            std::vector<term> args;
            if (pattern_here("\\sigma(#)", args)) {
                out = ir::make(op::relu, std::move(args));
                return true;
            }
        }
        for (const ir::op_row& r : ir::op_table.at) {
            std::vector<term> args;
            if (pattern_here(r.latex, args)) {
                out = ir::make(r.kind, std::move(args));
                return true;
            }
        }
        // \ln and \log are one function
        std::vector<term> args;
        if (pattern_here("\\ln(#)", args)) {
            out = ir::make(op::log, std::move(args));
            return true;
        }
        // \log p_i, \exp x: a command of one argument applied to the next factor, without parentheses
        for (const ir::op_row& r : ir::op_table.at)
            if (unary_without_parentheses(r.latex, r.kind, out)) return true;
        return unary_without_parentheses("\\ln(#)", op::log, out);
    }
    constexpr bool unary_without_parentheses(std::string_view pattern, op kind, term& out) {
        if (!pattern.starts_with('\\') || !pattern.ends_with("(#)") || pattern.find('#') != pattern.size() - 2) return false;
        std::size_t end = 0;
        if (!match(pattern.substr(0, pattern.size() - 3), end)) return false;
        const std::size_t start = at;
        at = end;
        skip();
        if (at >= in.size() || in[at] == '(' || product_ends()) {  // \exp(...) is the pattern's; \exp alone is nothing
            at = start;
            return false;
        }
        out = ir::make(kind, {power()});
        return true;
    }

    constexpr parse_result run() {
        term root = expression();
        if (!failed() && !at_end()) fail(problem::trailing_text);
        parse_result r;
        r.what = what;
        r.position = where;
        if (!failed()) {
            r.row = implicit_of(root, true);
            r.col = implicit_of(root, false);
            r.root = std::move(root);
        }
        return r;
    }
};

/// The term a LaTeX formula spells, over the symbols of `ctx`.
constexpr parse_result parse_latex(context& ctx, std::string_view latex, const reading& how) {
    return parser{ctx, latex, how}.run();
}
constexpr parse_result parse_latex(context& ctx, std::string_view latex, const latex_options& spelling = {}) {
    return parse_latex(ctx, latex, reading{spelling});
}

}  // namespace leibniz::parse
