// The value IR: a term tree built and rewritten during constant evaluation,
// and the symbol table (context) that gives its symbols their names.
#pragma once
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include <leibniz/detail/error.hpp>
#include <leibniz/detail/fixed_string.hpp>
#include <leibniz/ir/rational.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_symbol_declared_twice_with_different_spellings() { ::leibniz::detail::fail("leibniz_error_symbol_declared_twice_with_different_spellings"); }
[[noreturn]] inline void leibniz_error_unknown_symbol() { ::leibniz::detail::fail("leibniz_error_unknown_symbol"); }
[[noreturn]] inline void leibniz_error_work_budget_exceeded__raise_LEIBNIZ_WORK_BUDGET() { ::leibniz::detail::fail("leibniz_error_work_budget_exceeded__raise_LEIBNIZ_WORK_BUDGET"); }
[[noreturn]] inline void leibniz_error_too_many_indices() { ::leibniz::detail::fail("leibniz_error_too_many_indices"); }

/// Node kinds. `sym` is a scalar symbol or, with index kids, a tensor element.
/// exp, log, relu, step and tanh ... min are elementwise functions: the op
/// table (ir/ops.hpp) says what each one means. New kinds go at the end.
enum class op : unsigned char {
    num, sym, idx, add, mul, pow, exp, log, relu, step, delta, sum,
    tanh, sigmoid, erf, softplus, abs, sign, sin, cos, max, min
};
/// The number of node kinds: one past the last.
inline constexpr int op_count = static_cast<int>(op::min) + 1;

/// What a symbol-table entry stands for.
enum class sym_kind : unsigned char {
    scalar,  ///< a scalar variable or parameter (x, gamma)
    tensor,  ///< an indexed variable Y(k, l); dims name extents
    index,   ///< an index variable k; dims[0] is its extent
    extent,  ///< an extent B, usable as a scalar in expressions
    loss     ///< an opaque scalar function of a tensor, with a named gradient
};

inline constexpr int max_rank = 4;

#ifndef LEIBNIZ_WORK_BUDGET
/// How many steps of symbolic work (nodes simplified, terms combined, nodes
/// differentiated) one operation may take before it stops with a message;
/// define LEIBNIZ_WORK_BUDGET to change it for a whole TU, or pass
/// work_budget<N> to one operation.
#define LEIBNIZ_WORK_BUDGET 70000
#endif
inline constexpr long long default_work_budget = LEIBNIZ_WORK_BUDGET;
/// The budget of a context that has none.
inline constexpr long long no_work_budget = std::numeric_limits<long long>::max() / 2;
/// What an operation that ran past its budget says (one static_assert).
#define LEIBNIZ_DETAIL_WORK_BUDGET_MESSAGE                                                                           \
    "leibniz: this operation ran past its work budget (LEIBNIZ_WORK_BUDGET) and stopped: the expression is too "  \
    "large for compile-time rewriting as written. Raise the budget for the TU with -DLEIBNIZ_WORK_BUDGET=N or for " \
    "one operation with the option work_budget<N>, or name repeated parts as intermediates"

/// The distribution of a random variable (see stats/); `none` for ordinary
/// symbols. A tensor with a law has independent, identically distributed entries.
enum class random_law : unsigned char {
    none,
    standard_normal,  ///< N(0, 1)
    bernoulli_keep    ///< 1 with probability 1 - p, else 0; sym_entry::dep is p
};

/// What is known of a symbol's sign (declared with leibniz::positive or
/// leibniz::nonnegative); extents are always positive.
enum class sign_known : unsigned char {
    unknown,      ///< any real value
    nonnegative,  ///< >= 0
    positive      ///< > 0
};

struct sym_entry {
    char name[32]{};
    char latex[96]{};
    sym_kind kind = sym_kind::scalar;
    int prio = 0;                ///< ordering key before the name (smaller first)
    int rank = 0;                ///< number of indices (tensors)
    int dims[max_rank]{};        ///< extents (tensor) / extent (index)
    int def = -1;                ///< definition of an intermediate (into context::defs)
    int params[max_rank]{};      ///< formal indices of that definition
    int dep = -1;                ///< loss: the tensor it depends on
    int grad = -1;               ///< loss: the tensor holding its gradient
    random_law law = random_law::none;  ///< random variables: their distribution
    int adjoint_of = -1;         ///< an adjoint ∂f/∂Z (an intermediate): Z's symbol
    sign_known sign = sign_known::unknown;  ///< scalars and tensors: what is declared of their sign

    constexpr std::string_view name_view() const { return detail::name_view(name); }
    constexpr std::string_view latex_view() const { return detail::name_view(latex); }
};

struct term {
    op kind = op::num;
    rational value{};  ///< num: the value
    int id = -1;       ///< sym / idx: symbol id; sum: the bound index id
    std::vector<term> kids;

    constexpr bool operator==(const term&) const = default;

    constexpr bool is_num() const { return kind == op::num; }
    constexpr bool is_num(long long v) const { return kind == op::num && value == rational{v, 1}; }
    constexpr bool is_zero() const { return kind == op::num && value.is_zero(); }
    constexpr bool is_one() const { return kind == op::num && value.is_one(); }
};

// ---- constructors ---------------------------------------------------------
constexpr term num(rational q) { return term{op::num, q, -1, {}}; }
constexpr term num(long long n, long long d = 1) { return num(rational::make(n, d)); }
constexpr term sym(int id) { return term{op::sym, {}, id, {}}; }
constexpr term idx(int id) { return term{op::idx, {}, id, {}}; }
constexpr term make(op k, std::vector<term> kids) { return term{k, {}, -1, std::move(kids)}; }
constexpr term unary(op k, term a) {
    term t{k, {}, -1, {}};
    t.kids.reserve(1);
    t.kids.push_back(std::move(a));
    return t;
}
constexpr term binary(op k, term a, term b) {
    term t{k, {}, -1, {}};
    t.kids.reserve(2);  // one allocation, not two: constant evaluation never frees the first
    t.kids.push_back(std::move(a));
    t.kids.push_back(std::move(b));
    return t;
}
constexpr term add(term a, term b) { return binary(op::add, std::move(a), std::move(b)); }
constexpr term mul(term a, term b) { return binary(op::mul, std::move(a), std::move(b)); }
constexpr term pow(term a, term b) { return binary(op::pow, std::move(a), std::move(b)); }
constexpr term pow(term a, rational e) { return pow(std::move(a), num(e)); }
constexpr term neg(term a) { return mul(num(-1), std::move(a)); }
constexpr term sub(term a, term b) { return add(std::move(a), neg(std::move(b))); }
constexpr term div(term a, term b) { return mul(std::move(a), pow(std::move(b), num(-1))); }
constexpr term delta(int i, int j) { return binary(op::delta, idx(i), idx(j)); }
constexpr term sum(int index, term body) {
    term t{op::sum, {}, index, {}};
    t.kids.reserve(1);
    t.kids.push_back(std::move(body));
    return t;
}

// ---- symbol table -----------------------------------------------------------
struct context {
    std::vector<sym_entry> syms;
    std::vector<term> defs;
    /// Rewrite rules stated as assumptions: lhs -> rhs, indices free in lhs
    /// match any index.
    std::vector<term> rule_lhs, rule_rhs;
    /// Multiply out products inside summations and split them (used to
    /// show a difference: it lets terms of two different shapes cancel).
    bool split_sum_products = false;
    /// fresh_index's memory: per base name (a symbol carrying it), the last
    /// number handed out, so that each call costs one lookup.
    std::vector<int> fresh_bases;
    std::vector<long long> fresh_last;
    /// Steps of work done so far and the most allowed. The public
    /// operations (d, simplify, canonical, compare, backprop: dsl::setup)
    /// allow default_work_budget; past it the rewriting stops (simplify
    /// returns its input as it is) and the operation reports the budget at
    /// its end (dsl/lower.hpp, compare.hpp). Other contexts (the planner's,
    /// one made at run time) have no budget unless given one.
    long long work = 0;
    long long work_budget = no_work_budget;
    /// Whether the operation checks the budget at its end (one
    /// static_assert); otherwise running past it is an error at once.
    bool budget_checked_at_end = false;

    /// Count n steps; true once the budget is spent.
    constexpr bool spend(long long n = 1) {
        work += n;
        if (work > work_budget && !budget_checked_at_end) leibniz_error_work_budget_exceeded__raise_LEIBNIZ_WORK_BUDGET();
        return work > work_budget;
    }
    constexpr bool over_budget() const { return work > work_budget; }

    constexpr const sym_entry& at(int id) const { return syms[static_cast<std::size_t>(id)]; }
    constexpr sym_entry& at(int id) { return syms[static_cast<std::size_t>(id)]; }

    constexpr int find(std::string_view name) const {
        // compared in place, a character at a time: most names differ in
        // their first one, and measuring each name first costs a scan of it
        const std::size_t n = name.size();
        if (n >= sizeof(sym_entry::name)) return -1;
        for (std::size_t i = 0; i != syms.size(); ++i) {
            const char* s = syms[i].name;
            std::size_t k = 0;
            while (k != n && s[k] == name[k]) ++k;
            if (k == n && s[n] == '\0') return static_cast<int>(i);
        }
        return -1;
    }
    /// Add a symbol, or return the id of the one already there under the
    /// same name (which must be spelled the same way).
    constexpr int intern(const sym_entry& e) {
        int found = find(e.name_view());
        if (found >= 0) {
            const sym_entry& old = at(found);
            if (old.latex_view() != e.latex_view() || old.kind != e.kind || old.rank != e.rank || old.law != e.law ||
                old.sign != e.sign)
                leibniz_error_symbol_declared_twice_with_different_spellings();
            return found;
        }
        syms.push_back(e);
        return static_cast<int>(syms.size() - 1);
    }
    constexpr int extent_of(int index_id) const { return at(index_id).dims[0]; }

    /// A fresh index variable with the given extent, named after `like`:
    /// k', k'', k''' and then k'4, k'5, ... (LaTeX k^{(4)}), so that names
    /// stay short however many fresh indices a computation makes.
    constexpr int fresh_index(int like) {
        sym_entry e = at(like);
        std::string_view base = strip_fresh_suffix(e.name_view());
        std::string_view lbase = strip_fresh_suffix(e.latex_view());
        // start after the last number handed out for this base
        std::size_t slot = 0;
        while (slot != fresh_bases.size() && detail::name_view(syms[static_cast<std::size_t>(fresh_bases[slot])].name) != e.name_view() &&
               strip_fresh_suffix(syms[static_cast<std::size_t>(fresh_bases[slot])].name_view()) != base)
            ++slot;
        if (slot == fresh_bases.size()) {
            fresh_bases.push_back(like);
            fresh_last.push_back(0);
        }
        for (long long n = fresh_last[slot] + 1;; ++n) {
            detail::text nm(base), lx(lbase);
            add_fresh_suffix(nm, lx, n);
            if (find(nm.view()) >= 0) continue;
            fresh_last[slot] = n;
            detail::copy_name(e.name, nm.view());
            detail::copy_name(e.latex, lx.view());
            e.def = -1;
            syms.push_back(e);
            return static_cast<int>(syms.size() - 1);
        }
    }

    /// The n-th variant of index `like`'s plain name (n = 0: the plain name,
    /// then the names fresh_index makes: one to three primes, then 'N), found
    /// or made; -1 where that name is taken by something else than an index
    /// over the same extent.
    constexpr int index_variant(int like, long long n) {
        sym_entry e = at(like);
        detail::text nm(strip_fresh_suffix(e.name_view())), lx(strip_fresh_suffix(e.latex_view()));
        add_fresh_suffix(nm, lx, n);
        if (int found = find(nm.view()); found >= 0)
            return at(found).kind == sym_kind::index && extent_of(found) == e.dims[0] ? found : -1;
        detail::copy_name(e.name, nm.view());
        detail::copy_name(e.latex, lx.view());
        e.def = -1;
        syms.push_back(e);
        return static_cast<int>(syms.size() - 1);
    }

    /// The suffix of the n-th fresh variant of a name: n primes up to three,
    /// then a prime and the number (LaTeX ^{(N)}).
    static constexpr void add_fresh_suffix(detail::text& nm, detail::text& lx, long long n) {
        if (n <= 3) {
            for (long long i = 0; i != n; ++i) {
                nm += '\'';
                lx += '\'';
            }
        } else {
            nm += '\'';
            nm += detail::to_text(n);
            lx += "^{(";
            lx += detail::to_text(n);
            lx += ")}";
        }
    }

    /// A name without the suffix fresh_index adds (primes, 'N or ^{(N)}).
    static constexpr std::string_view strip_fresh_suffix(std::string_view s) {
        if (s.size() > 4 && s.back() == '}') {
            std::size_t open = s.rfind("^{(");
            if (open != std::string_view::npos) s = s.substr(0, open);
        }
        std::size_t end = s.size();
        while (end > 0 && s[end - 1] >= '0' && s[end - 1] <= '9') --end;
        if (end < s.size() && end > 1 && s[end - 1] == '\'') s = s.substr(0, end);
        while (s.size() > 1 && s.back() == '\'') s.remove_suffix(1);
        return s;
    }
};

// ---- structural queries --------------------------------------------------------
/// A map of ids (symbols or indices) to ids, built as it is used: a
/// bundle's symbols imported into another context, or the binding of a
/// pattern's indices to a term's.
struct id_map {
    std::vector<int> from, to;
    /// The id `f` maps to, or -1.
    constexpr int get(int f) const {
        for (std::size_t i = 0; i != from.size(); ++i)
            if (from[i] == f) return to[i];
        return -1;
    }
};

constexpr bool contains_index(const term& t, int index_id) {
    if (t.kind == op::idx) return t.id == index_id;
    if (t.kind == op::sum && t.id == index_id) return false;
    for (const term& k : t.kids)
        if (contains_index(k, index_id)) return true;
    return false;
}

/// Append t's free indices not yet in `out`, in order of first appearance
/// (`bound`: the indices bound by the sums around t).
constexpr void collect_free_indices(const term& t, std::vector<int>& out, std::vector<int>& bound) {
    if (t.kind == op::idx) {
        for (int b : bound)
            if (b == t.id) return;
        for (int o : out)
            if (o == t.id) return;
        out.push_back(t.id);
        return;
    }
    if (t.kind == op::sum) bound.push_back(t.id);
    for (const term& k : t.kids) collect_free_indices(k, out, bound);
    if (t.kind == op::sum) bound.pop_back();
}
constexpr std::vector<int> free_indices(const term& t) {
    std::vector<int> out, bound;
    collect_free_indices(t, out, bound);
    // sorted, so that two sets compare with ==
    for (std::size_t i = 1; i < out.size(); ++i)
        for (std::size_t j = i; j > 0 && out[j] < out[j - 1]; --j) std::swap(out[j], out[j - 1]);
    return out;
}

/// The factors of a product that are not numbers (t itself for a non-number
/// that is not a product).
constexpr std::vector<term> nonnumeric_factors(const term& t) {
    std::vector<term> out;
    if (t.kind == op::mul) {
        for (const term& f : t.kids)
            if (!f.is_num()) out.push_back(f);
    } else if (!t.is_num()) {
        out.push_back(t);
    }
    return out;
}

/// Move the terms of `all` for which `holds` is true to `yes`, the others
/// to `no`, each in order.
template <class Pred>
constexpr void partition_terms(std::vector<term>&& all, const Pred& holds, std::vector<term>& yes, std::vector<term>& no) {
    for (term& t : all) {
        if (holds(t))
            yes.push_back(std::move(t));
        else
            no.push_back(std::move(t));
    }
}

/// t with f applied to each of its kids. Built kid by kid: copying t and then
/// overwriting its kids would copy every subtree once per level above it.
template <class F>
constexpr term map_kids(const term& t, const F& f) {
    term out{t.kind, t.value, t.id, {}};
    out.kids.reserve(t.kids.size());
    for (const term& k : t.kids) out.kids.push_back(f(k));
    return out;
}

/// Rename the free index `from` to `to` (bound occurrences are left alone).
constexpr term rename_index(term t, int from, int to) {
    if (t.kind == op::idx) {
        if (t.id == from) t.id = to;
        return t;
    }
    if (t.kind == op::sum && t.id == from) return t;
    for (term& k : t.kids) k = rename_index(std::move(k), from, to);
    return t;
}

/// Rename the free indices from[i] to to[i], all at once (so that a swap
/// needs no temporary index); a sum binding from[i] keeps its own.
constexpr void rename_indices(term& t, std::vector<int> from, const std::vector<int>& to) {
    if (t.kind == op::idx) {
        for (std::size_t i = 0; i != from.size(); ++i)
            if (t.id == from[i]) {
                t.id = to[i];
                break;
            }
        return;
    }
    if (t.kind == op::sum)
        for (int& f : from)
            if (f == t.id) f = -1;  // bound here: no longer renamed below
    for (term& k : t.kids) rename_indices(k, from, to);
}

constexpr bool contains_symbol(const term& t, int sym_id) {
    if (t.kind == op::sym && t.id == sym_id) return true;
    for (const term& k : t.kids)
        if (contains_symbol(k, sym_id)) return true;
    return false;
}

/// A hash of t's structure (equal terms hash equal): compared before the
/// terms themselves where one term is looked up among many.
constexpr unsigned long long structure_hash(const term& t) {
    constexpr unsigned long long prime = 1099511628211ull;
    unsigned long long h = (1469598103934665603ull ^ static_cast<unsigned long long>(t.kind)) * prime;
    if (t.kind == op::num)
        h = ((h ^ static_cast<unsigned long long>(t.value.num)) * prime ^ static_cast<unsigned long long>(t.value.den)) * prime;
    else
        h = (h ^ static_cast<unsigned long long>(t.id + 1)) * prime;
    for (const term& k : t.kids) h = (h ^ structure_hash(k)) * prime;
    return h;
}

constexpr std::size_t node_count(const term& t) {
    std::size_t n = 1;
    for (const term& k : t.kids) n += node_count(k);
    return n;
}

}  // namespace leibniz::ir
