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
    /// (f(0) = 0, ...) into a simplified term; f itself otherwise.
    static constexpr term fold(term f) { return f; }
};

/// f(0) = P/Q; no other rule.
template <long long P, long long Q = 1>
constexpr term zero_is(term f) {
    if (f.kids[0].is_zero()) return num(P, Q);
    return f;
}

/// x for a product q x with a number q >= 0 (and q in `coefficient`);
/// t itself, with coefficient 1, otherwise.
constexpr term positive_part(term t, rational& coefficient) {
    coefficient = rational{1, 1};
    if (t.kind != op::mul || !t.kids[0].is_num() || t.kids[0].value.is_negative()) return t;
    coefficient = t.kids[0].value;
    t.kids.erase(t.kids.begin());
    if (t.kids.size() == 1) return std::move(t.kids[0]);
    return t;
}

// The functions whose comparisons would drop a NaN, written so that a NaN
// argument gives NaN; each row's value (constant evaluation) and apply (run
// time) call the same one. At namespace scope, ahead of the rows: clang 14
// does not instantiate a member function template that the row's own value
// calls during constant evaluation.
namespace nan_keeping {
template <class T>
constexpr T step(T a) {
    return a > T(0) ? T(1) : (a <= T(0) ? T(0) : a);
}
template <class T>
constexpr T relu(T a) {
    return a <= T(0) ? T(0) : a;
}
template <class T>
constexpr T sign(T a) {
    return a > T(0) ? T(1) : (a < T(0) ? T(-1) : (a == T(0) ? T(0) : a));
}
template <class T>
constexpr T maximum(T a, T b) {
    return a < b ? b : (b <= a ? a : a + b);
}
template <class T>
constexpr T minimum(T a, T b) {
    return b < a ? b : (a <= b ? a : a + b);
}
}  // namespace nan_keeping

// ---- the rows ------------------------------------------------------------------------------------------------
// Each row: kind; name; latex, a pattern with # for each argument; cpp, the
// emitted C++ function (a std:: one, or a helper the emitted code defines);
// value, the number during constant evaluation (NaN out of the domain);
// apply, the number at run time; slope(c, f, k), the partial derivative of
// the node f with respect to its argument k, written with f itself where
// that reads better (tanh' = 1 - tanh^2).

struct step_row : function_row<1> {
    static constexpr op kind = op::step;
    static constexpr std::string_view name = "step", latex = "\\mathbb{1}[# > 0]", cpp = "step";
    static constexpr std::string_view helper = "inline T step(T x) {\n  return x > T(0) ? T(1) : (x <= T(0) ? T(0) : x);\n}\n";
    static constexpr bool nonnegative = true, power_parens = true;
    static constexpr double value(const double* a) { return nan_keeping::step(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        return nan_keeping::step(a);
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
    static constexpr std::string_view helper = "inline T relu(T x) {\n  return x <= T(0) ? T(0) : x;\n}\n";
    static constexpr bool nonnegative = true, power_parens = true;
    static constexpr double value(const double* a) { return nan_keeping::relu(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        return nan_keeping::relu(a);
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

struct tanh_row : function_row<1> {
    static constexpr op kind = op::tanh;
    static constexpr std::string_view name = "tanh", latex = "\\tanh(#)", cpp = "std::tanh", cuda = "tanh";
    static constexpr parity symmetry = parity::odd;
    static constexpr bool costly = true;
    static constexpr double value(const double* a) { return cmath::tanh(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::tanh;
        return tanh(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return sub(num(1), pow(f, num(2))); }
    static constexpr term fold(term f) { return zero_is<0>(std::move(f)); }
};

struct sigmoid_row : function_row<1> {
    static constexpr op kind = op::sigmoid;
    static constexpr std::string_view name = "sigmoid", latex = "\\sigma(#)", cpp = "sigmoid";
    static constexpr std::string_view helper =
        "inline T sigmoid(T x) {\n  const T e = @exp(x > T(0) ? -x : x);\n"
        "  return x > T(0) ? T(1) / (T(1) + e) : e / (T(1) + e);\n}\n";
    static constexpr bool costly = true, nonnegative = true;
    static constexpr double value(const double* a) { return cmath::sigmoid(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::exp;
        const T e = exp(a > T(0) ? -a : a);  // never overflows
        return a > T(0) ? T(1) / (T(1) + e) : e / (T(1) + e);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return mul(f, sub(num(1), f)); }
    static constexpr term fold(term f) { return zero_is<1, 2>(std::move(f)); }
};

struct erf_row : function_row<1> {
    static constexpr op kind = op::erf;
    static constexpr std::string_view name = "erf", latex = "\\operatorname{erf}(#)", cpp = "std::erf", cuda = "erf";
    static constexpr parity symmetry = parity::odd;
    static constexpr bool costly = true;
    static constexpr double value(const double* a) { return cmath::erf(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::erf;
        return erf(a);
    }
    /// 2/√π exp(-x^2)
    static constexpr term slope(context& c, const term& f, std::size_t) {
        return mul(mul(num(2), pow(sym(intern_pi(c)), num(-1, 2))), unary(op::exp, neg(pow(f.kids[0], num(2)))));
    }
    static constexpr term fold(term f) { return zero_is<0>(std::move(f)); }
};

struct softplus_row : function_row<1> {
    static constexpr op kind = op::softplus;
    static constexpr std::string_view name = "softplus", latex = "\\operatorname{softplus}(#)", cpp = "softplus";
    static constexpr std::string_view helper =
        "inline T softplus(T x) {\n  return (x > T(0) ? x : T(0)) + @log1p(@exp(x > T(0) ? -x : x));\n}\n";
    static constexpr bool costly = true, nonnegative = true;
    static constexpr double value(const double* a) { return cmath::softplus(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::exp;
        using std::log1p;
        return (a > T(0) ? a : T(0)) + log1p(exp(a > T(0) ? -a : a));  // log(1 + e^a), never overflows
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return unary(op::sigmoid, f.kids[0]); }
    static constexpr term fold(term f) {
        if (f.kids[0].is_zero()) return unary(op::log, num(2));
        return f;
    }
};

struct abs_row : function_row<1> {
    static constexpr op kind = op::abs;
    static constexpr std::string_view name = "abs", latex = "|#|", cpp = "std::abs", cuda = "fabs";
    static constexpr parity symmetry = parity::even;
    static constexpr bool nonnegative = true;
    static constexpr double value(const double* a) { return cmath::abs(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::abs;
        return abs(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return unary(op::sign, f.kids[0]); }
    /// |q| for a number, |f| = f for a nonnegative function, |q x| = q |x| for q > 0
    static constexpr term fold(term f) {
        const term& a = f.kids[0];
        if (a.is_num()) return num(ir::abs(a.value));
        if (nonnegative_function(a.kind)) return std::move(f.kids[0]);
        rational q;
        term x = positive_part(std::move(f.kids[0]), q);
        if (q.is_one()) return unary(op::abs, std::move(x));
        return mul(num(q), fold(unary(op::abs, std::move(x))));
    }
};

struct sign_row : function_row<1> {
    static constexpr op kind = op::sign;
    static constexpr std::string_view name = "sign", latex = "\\operatorname{sign}(#)", cpp = "sign";
    static constexpr std::string_view helper =
        "inline T sign(T x) {\n  return x > T(0) ? T(1) : (x < T(0) ? T(-1) : (x == T(0) ? T(0) : x));\n}\n";
    static constexpr parity symmetry = parity::odd;
    static constexpr double value(const double* a) { return nan_keeping::sign(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        return nan_keeping::sign(a);
    }
    static constexpr term slope(context&, const term&, std::size_t) { return num(0); }
    /// the sign of a number; sign(q x) = sign(x) for q > 0
    static constexpr term fold(term f) {
        const term& a = f.kids[0];
        if (a.is_num()) return num(a.value.is_zero() ? 0 : (a.value.is_negative() ? -1 : 1));
        rational q;
        return unary(op::sign, positive_part(std::move(f.kids[0]), q));
    }
};

struct sin_row : function_row<1> {
    static constexpr op kind = op::sin;
    static constexpr std::string_view name = "sin", latex = "\\sin(#)", cpp = "std::sin", cuda = "sin";
    static constexpr parity symmetry = parity::odd;
    static constexpr bool costly = true;
    static constexpr double value(const double* a) { return cmath::sin(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::sin;
        return sin(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return unary(op::cos, f.kids[0]); }
    static constexpr term fold(term f) { return zero_is<0>(std::move(f)); }
};

struct cos_row : function_row<1> {
    static constexpr op kind = op::cos;
    static constexpr std::string_view name = "cos", latex = "\\cos(#)", cpp = "std::cos", cuda = "cos";
    static constexpr parity symmetry = parity::even;
    static constexpr bool costly = true;
    static constexpr double value(const double* a) { return cmath::cos(a[0]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a) {
        using std::cos;
        return cos(a);
    }
    static constexpr term slope(context&, const term& f, std::size_t) { return neg(unary(op::sin, f.kids[0])); }
    static constexpr term fold(term f) { return zero_is<1>(std::move(f)); }
};

/// max(a, b) and min(a, b): a number for numbers, a for max(a, a);
/// max(0, x) is relu(x) (0 sorts first).
template <bool Max>
constexpr term fold_extremum(term f) {
    const term &a = f.kids[0], &b = f.kids[1];
    if (a.is_num() && b.is_num()) return num((a.value < b.value) == Max ? b.value : a.value);
    if (a == b) return std::move(f.kids[0]);
    if (Max && a.is_zero()) return unary(op::relu, std::move(f.kids[1]));
    return f;
}

/// The derivative of max(a, b) is step(a - b) a' + step(b - a) b' (0 where
/// a = b), that of min(a, b) step(b - a) a' + step(a - b) b'.
template <bool Max>
constexpr term extremum_slope(const term& f, std::size_t k) {
    const term &a = f.kids[0], &b = f.kids[1];
    if ((k == 0) == Max) return unary(op::step, sub(a, b));
    return unary(op::step, sub(b, a));
}

struct max_row : function_row<2> {
    static constexpr op kind = op::max;
    static constexpr std::string_view name = "max", latex = "\\max(#, #)", cpp = "maximum";
    static constexpr std::string_view helper = "inline T maximum(T a, T b) {\n  return a < b ? b : (b <= a ? a : a + b);\n}\n";
    static constexpr bool commutative = true, power_parens = true;
    static constexpr double value(const double* a) { return nan_keeping::maximum(a[0], a[1]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a, T b) {
        return nan_keeping::maximum(a, b);
    }
    static constexpr term slope(context&, const term& f, std::size_t k) { return extremum_slope<true>(f, k); }
    static constexpr term fold(term f) { return fold_extremum<true>(std::move(f)); }
};

struct min_row : function_row<2> {
    static constexpr op kind = op::min;
    static constexpr std::string_view name = "min", latex = "\\min(#, #)", cpp = "minimum";
    static constexpr std::string_view helper = "inline T minimum(T a, T b) {\n  return b < a ? b : (a <= b ? a : a + b);\n}\n";
    static constexpr bool commutative = true, power_parens = true;
    static constexpr double value(const double* a) { return nan_keeping::minimum(a[0], a[1]); }
    template <class T>
    LEIBNIZ_OP_INLINE static constexpr T apply(T a, T b) {
        return nan_keeping::minimum(a, b);
    }
    static constexpr term slope(context&, const term& f, std::size_t k) { return extremum_slope<false>(f, k); }
    static constexpr term fold(term f) { return fold_extremum<false>(std::move(f)); }
};

template <class... Rows>
struct row_list {};

/// The table. Its order is the functions' canonical order (after symbols
/// and deltas, before sums and products): y \mathbb{1}[x > 0] \exp(x).
using function_rows = row_list<step_row, relu_row, exp_row, log_row, tanh_row, sigmoid_row, erf_row, softplus_row, abs_row,
                               sign_row, sin_row, cos_row, max_row, min_row>;

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

/// The row of function K: row_type<op::tanh>::apply(x).
template <op K>
using row_type = typename find_row<K, function_rows>::type;

}  // namespace leibniz::ir
