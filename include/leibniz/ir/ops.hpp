// The op table: what each elementwise function node of the IR means, one
// row per function. A row gives the function's arity, its spellings (LaTeX,
// emitted C++, emitted CUDA), its value (during constant evaluation, for the
// numeric witness, and at run time, for the evaluators), its partial
// derivatives as IR terms, its obvious simplifications and its place in the
// canonical order. The differentiator, the simplifier, the printers, the
// numeric witness, the evaluators and the emitters read the table. Adding a
// function is: its enumerator in ir/term.hpp, its row here (listed in
// function_rows), its spelling in dsl/expr.hpp, and its tests; a kind that
// is neither structural nor in the table fails to compile (below).
//
// The other node kinds (numbers, symbols, indices, +, *, ^, δ, Σ) are the
// IR's structure: every algorithm handles them itself.
#pragma once
#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <leibniz/ir/cmath.hpp>
#include <leibniz/ir/term.hpp>

#if defined(__GNUC__) || defined(__clang__)
#define LEIBNIZ_OP_INLINE [[gnu::always_inline]] inline
#else
#define LEIBNIZ_OP_INLINE inline
#endif

namespace leibniz::ir {

/// π as the IR spells it; leibniz::pi (stats/constants.hpp) is this symbol.
constexpr sym_entry pi_entry() {
    sym_entry e;
    detail::copy_name(e.name, "pi");
    detail::copy_name(e.latex, "\\pi");
    e.prio = -50;  // it leads a product of symbols: 2 \pi x
    return e;
}
constexpr int intern_pi(context& c) { return c.intern(pi_entry()); }
/// Whether a symbol is π, whose value is known: the numeric witness and the
/// evaluators use it where π is not bound to a value.
constexpr bool is_pi(const sym_entry& e) {
    return e.kind == sym_kind::scalar && e.law == random_law::none && e.rank == 0 && e.name_view() == "pi";
}

/// f(-x) = -f(x) (odd) or f(x) (even): the simplifier takes the sign out.
enum class parity : unsigned char { none, odd, even };

constexpr bool nonnegative_function(op k);

/// A row's defaults.
template <int Arity>
struct function_row {
    static constexpr int arity = Arity;
    static constexpr std::string_view cuda = "";    ///< CUDA spelling where it differs from the C++ one
    static constexpr std::string_view helper = "";  ///< a function the emitted code defines, `@` for std::
    static constexpr parity symmetry = parity::none;
    static constexpr bool commutative = false;   ///< f(a, b) = f(b, a)
    static constexpr bool costly = false;        ///< a library call: worth computing once per element
    static constexpr bool nonnegative = false;   ///< f(...) >= 0 everywhere
    static constexpr bool power_parens = false;  ///< (\max(x, 0))^{2}, not \max(x, 0)^{2}
    /// f applied to simplified arguments, rewritten where a rule applies
    /// (exp(0) = 1, ...) into a simplified term; f itself otherwise.
    static constexpr term fold(term f) { return f; }
};

// ---- the rows ------------------------------------------------------------------------------------------------
// Each row: kind; name; latex, a pattern with # for each argument; cpp, the
// emitted C++ function (a std:: one, or a helper the emitted code defines);
// value, the number during constant evaluation (NaN out of the domain);
// apply, the number at run time; slope(c, f, k), the partial derivative of
// the node f with respect to its argument k, written with f itself where
// that reads better (exp' = exp).

struct step_row : function_row<1> {
    static constexpr op kind = op::step;
    static constexpr std::string_view name = "step", latex = "\\mathbb{1}[# > 0]", cpp = "step";
    static constexpr std::string_view helper = "inline T step(T x) {\n  return x > T(0) ? T(1) : T(0);\n}\n";
    static constexpr bool nonnegative = true, power_parens = true;
    static constexpr double value(const double* a) { return a[0] > 0 ? 1 : 0; }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        return a > T(0) ? T(1) : T(0);
    }
    static constexpr term slope(context&, const term&, std::size_t) { return num(0); }
    static constexpr term fold(term f) {
        if (f.kids[0].is_num()) return num(f.kids[0].value.num > 0 ? 1 : 0);
        return f;
    }
};

struct relu_row : function_row<1> {
    static constexpr op kind = op::relu;
    static constexpr std::string_view name = "relu", latex = "\\max(#, 0)", cpp = "relu";
    static constexpr std::string_view helper = "inline T relu(T x) {\n  return x > T(0) ? x : T(0);\n}\n";
    static constexpr bool nonnegative = true, power_parens = true;
    static constexpr double value(const double* a) { return a[0] > 0 ? a[0] : 0; }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        return a > T(0) ? a : T(0);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return unary(op::step, f.kids[0]); }
    static constexpr term fold(term f) {
        if (f.kids[0].is_num() && f.kids[0].value.is_negative()) return num(0);
        if (f.kids[0].is_num()) return std::move(f.kids[0]);
        return f;
    }
};

struct exp_row : function_row<1> {
    static constexpr op kind = op::exp;
    static constexpr std::string_view name = "exp", latex = "\\exp(#)", cpp = "std::exp", cuda = "exp";
    static constexpr bool costly = true, nonnegative = true;
    static constexpr double value(const double* a) { return a[0] > 690 ? cmath::nan : cmath::exp(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::exp;
        return exp(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return f; }
    static constexpr term fold(term f) {
        if (f.kids[0].is_zero()) return num(1);
        if (f.kids[0].kind == op::log) return std::move(f.kids[0].kids[0]);
        return f;
    }
};

struct log_row : function_row<1> {
    static constexpr op kind = op::log;
    static constexpr std::string_view name = "log", latex = "\\log(#)", cpp = "std::log", cuda = "log";
    static constexpr bool costly = true;
    static constexpr double value(const double* a) { return cmath::log(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::log;
        return log(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return pow(f.kids[0], num(-1)); }
    static constexpr term fold(term f) {
        if (f.kids[0].is_one()) return num(0);
        if (f.kids[0].kind == op::exp) return std::move(f.kids[0].kids[0]);
        return f;
    }
};

template <class... Rows>
struct row_list {};

/// The table. Its order is the functions' canonical order (after symbols
/// and deltas, before sums and products): y \mathbb{1}[x > 0] \exp(x).
using function_rows = row_list<step_row, relu_row, exp_row, log_row>;

// ---- the table as values -------------------------------------------------------------------------------------
/// A row read at run time (during constant evaluation: node kinds are values there).
struct op_row {
    op kind;
    int arity;
    std::string_view name, latex, cpp, cuda, helper;
    parity symmetry;
    bool commutative, costly, nonnegative, power_parens;
    double (*value)(const double*);
    term (*slope)(context&, const term&, std::size_t);
    term (*fold)(term);
};

template <class R>
constexpr op_row describe() {
    return {R::kind, R::arity, R::name, R::latex, R::cpp, R::cuda.empty() ? R::cpp : R::cuda, R::helper,
            R::symmetry, R::commutative, R::costly, R::nonnegative, R::power_parens, &R::value, &R::slope, &R::fold};
}

template <class... R>
constexpr auto describe_all(row_list<R...>) {
    struct rows {
        op_row at[sizeof...(R)];
    };
    return rows{{describe<R>()...}};
}

inline constexpr auto op_table = describe_all(function_rows{});
inline constexpr int function_count = static_cast<int>(sizeof(op_table.at) / sizeof(op_row));

/// The IR's structural kinds: not functions, handled by every algorithm itself.
inline constexpr op structural_ops[] = {op::num, op::sym, op::idx, op::add, op::mul, op::pow, op::delta, op::sum};

/// Row number of each kind, -1 for the structural ones.
inline constexpr auto row_number = [] {
    struct numbers {
        int at[op_count];
    };
    numbers n{};
    for (int k = 0; k != op_count; ++k) n.at[k] = -1;
    for (int r = 0; r != function_count; ++r) n.at[static_cast<int>(op_table.at[r].kind)] = r;
    return n;
}();

// Every kind is structural or has exactly one row (and rows have one or two arguments).
static_assert([] {
    int seen[op_count]{};
    for (op k : structural_ops) ++seen[static_cast<int>(k)];
    for (const op_row& r : op_table.at) {
        if (r.arity < 1 || r.arity > 2) return false;
        ++seen[static_cast<int>(r.kind)];
    }
    for (int n : seen)
        if (n != 1) return false;
    return true;
}(), "ir/ops.hpp: every op must be structural or have exactly one row in the op table");

constexpr bool is_function(op k) { return row_number.at[static_cast<int>(k)] >= 0; }
constexpr const op_row& row(op k) { return op_table.at[row_number.at[static_cast<int>(k)]]; }
constexpr bool nonnegative_function(op k) { return is_function(k) && row(k).nonnegative; }

/// A function's place in the canonical order, after the symbols (0 .. 2)
/// and deltas (3); the kinds after the functions follow at function_rank_end.
constexpr int function_rank(op k) { return 4 + row_number.at[static_cast<int>(k)]; }
inline constexpr int function_rank_end = 4 + function_count;

// ---- the table as types (for code generated at compile time) ---------------------------------------------------
template <op K, class List>
struct find_row;
template <op K, class R, class... Rest>
struct find_row<K, row_list<R, Rest...>> {
    using type = typename std::conditional_t<R::kind == K, std::type_identity<R>, find_row<K, row_list<Rest...>>>::type;
};

/// The row of function K: row_type<op::exp>::apply(x).
template <op K>
using row_type = typename find_row<K, function_rows>::type;

}  // namespace leibniz::ir
